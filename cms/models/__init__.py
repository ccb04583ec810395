"""Wagtail pages and snippets: home, standard pages, challenges, customer groups, themes. One
module per concern."""

from .branding import SiteBranding  # noqa: F401
from .challenges import ChallengePage  # noqa: F401
from .criteria import EvaluationCriterion  # noqa: F401
from .pages import ChallengeIndexPage, FallbackRouteMixin, HomePage, StandardPage  # noqa: F401
from .queries import (  # noqa: F401
    ChallengePageManager,
    ChallengePageQuerySet,
    view_restricted_sql,
)
from .taxonomy import CustomerGroup, CustomerGroupMembership, Theme  # noqa: F401
from .units import Unit  # noqa: F401
