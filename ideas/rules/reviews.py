"""Permission rules about evaluation: one function per rule, combined from small predicates."""

from django.db.models import Exists, OuterRef, Q

from cms.phases import Phase
from partners import rules as partner_rules

from ..models import ProposalStatus, Review, TeamMember
from .proposals import is_assigned_evaluator, is_team_member

# Proposals an evaluator may see and score: submitted ones, whatever staff decided since.
REVIEWABLE_STATUSES = (
    ProposalStatus.SUBMITTED,
    ProposalStatus.SHORTLISTED,
    ProposalStatus.SELECTED,
    ProposalStatus.DECLINED,
)

# Statuses staff may give in the ranking view.
DECISION_STATUSES = (ProposalStatus.SHORTLISTED, ProposalStatus.SELECTED, ProposalStatus.DECLINED)


def is_in_evaluation(challenge) -> bool:
    return challenge.phase == Phase.EVALUATION


def is_evaluation_over(challenge) -> bool:
    return challenge.phase in (Phase.PILOTING, Phase.CLOSED)


def can_use_workspace(user, challenge) -> bool:
    """The challenge's evaluation workspace: assigned evaluators, during the evaluation phase."""
    return is_in_evaluation(challenge) and is_assigned_evaluator(user, challenge)


def is_reviewable(proposal) -> bool:
    return proposal.status in REVIEWABLE_STATUSES


def can_open_in_workspace(user, proposal) -> bool:
    """An assigned evaluator sees a submitted proposal (confidential ones too) in the workspace."""
    return is_reviewable(proposal) and can_use_workspace(user, proposal.challenge)


def has_membership_conflict(user, proposal) -> bool:
    """Memberships show a conflict: the evaluator is on the team personally or through one
    of the team's organisations."""
    return is_team_member(user, proposal)


def membership_conflict_exists(user) -> Exists:
    """The same test as an annotation on proposals, for lists (one query for any number of rows)."""
    return Exists(
        TeamMember.objects.filter(proposal=OuterRef("pk")).filter(
            Q(user=user) | Q(organisation__memberships__user=user)
        )
    )


def has_declared_conflict(user, proposal, review: Review | None = None) -> bool:
    if review is not None:
        return review.conflict_of_interest
    return Review.objects.filter(
        proposal=proposal, evaluator=user, conflict_of_interest=True
    ).exists()


def has_conflict(user, proposal, review: Review | None = None) -> bool:
    return has_declared_conflict(user, proposal, review) or has_membership_conflict(user, proposal)


def can_review(user, proposal, review: Review | None = None) -> bool:
    """Score and comment: an assigned evaluator, in the evaluation phase, without a conflict."""
    return can_open_in_workspace(user, proposal) and not has_conflict(user, proposal, review)


def can_see_other_reviews(user, proposal, review: Review | None = None) -> bool:
    """Other evaluators' scores: only once one's own review is submitted, and never with a conflict."""
    if not can_open_in_workspace(user, proposal):
        return False
    if review is None:
        review = Review.objects.filter(proposal=proposal, evaluator=user).first()
    return (
        review is not None
        and review.is_submitted
        and not review.conflict_of_interest
        and not has_membership_conflict(user, proposal)
    )


def can_view_ranking(user) -> bool:
    """The ranking, with every evaluator's scores: staff."""
    return partner_rules.is_staff_member(user)


def can_decide(user) -> bool:
    """Shortlist, select or decline proposals: staff."""
    return partner_rules.is_staff_member(user)


def can_see_decision_reason(user, proposal) -> bool:
    """The reason staff gave for a decision: the proposal's team and staff only."""
    return is_team_member(user, proposal) or partner_rules.is_staff_member(user)


def are_decisions_published(proposal) -> bool:
    """The decisions are published for a proposal when its challenge's evaluation phase is
    over and staff have decided on it (shortlisted, selected or declined)."""
    return proposal.status in DECISION_STATUSES and is_evaluation_over(proposal.challenge)


def can_see_own_scores(user, proposal) -> bool:
    """The jury's mean scores, the rank band and the evaluators' comments for the team: the
    proposal's own team and staff, once the decisions are published. Never evaluators as
    such, other teams or the public."""
    return are_decisions_published(proposal) and (
        is_team_member(user, proposal) or partner_rules.is_staff_member(user)
    )


def can_view_overdue_decisions(user) -> bool:
    """The list of submitted proposals still waiting for a decision after the due time: staff."""
    return partner_rules.is_staff_member(user)


def can_view_response_times(user) -> bool:
    """The response times per organising unit: public (counts and medians only)."""
    return True
