"""Proposals, teams, revisions, comments, votes, reviews. One module per concern."""

from .comments import Comment, CommentReport, CommentVisibility  # noqa: F401
from .partnering import JoinRequest, PartnerCall  # noqa: F401, E402
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
from .terms import ChallengeTerms, TermsAcceptance  # noqa: F401, E402
from .votes import Vote, VoteEvent, VoteQuota  # noqa: F401
