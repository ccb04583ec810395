"""Permission rules about proposals, votes and reviews: one function per rule."""

from .proposals import can_view_proposal, is_assigned_evaluator, is_team_member  # noqa: F401
from .votes import can_see_vote_counts, vote_permission, withdraw_permission  # noqa: F401
