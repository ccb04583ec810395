"""Proposals, teams, revisions, comments, votes, reviews. One module per concern."""

from .comments import Comment, CommentReport, CommentVisibility  # noqa: F401
from .proposals import (  # noqa: F401
    COVER_SLOT,
    OfficialAnswer,
    Proposal,
    ProposalAttachment,
    ProposalQuerySet,
    ProposalRevision,
    ProposalStatus,
    StatusChange,
    TeamInvitation,
    TeamMember,
)
from .reviews import CriterionScore, EvaluatorAssignment, Review, ReviewState  # noqa: F401
from .votes import Vote, VoteEvent, VoteQuota  # noqa: F401
