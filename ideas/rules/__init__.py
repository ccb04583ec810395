"""Permission rules about proposals, votes and reviews: one function per rule."""

from .proposals import (  # noqa: F401
    can_comment,
    can_edit_proposal,
    can_start_proposal,
    can_submit,
    can_view_proposal,
    can_withdraw,
    is_assigned_evaluator,
    is_team_member,
)
from .reviews import can_decide, can_review, can_use_workspace, can_view_ranking  # noqa: F401
from .votes import can_see_vote_counts, vote_permission, withdraw_permission  # noqa: F401
