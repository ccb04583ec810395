"""Permission rules about proposals, votes and reviews: one function per rule."""

from .proposals import can_view_proposal, is_assigned_evaluator, is_team_member  # noqa: F401
from .reviews import can_decide, can_review, can_use_workspace, can_view_ranking  # noqa: F401
