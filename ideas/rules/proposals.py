"""Permission rules about proposals. One function per rule, combined from small predicates."""

from django.db.models import Q

from partners import rules as people

from ..models import EvaluatorAssignment, ProposalStatus, TeamMember


def is_team_member(user, proposal) -> bool:
    """The user belongs to the proposal's team: personally, or through a team organisation.

    Every proposal has a lead TeamMember row: its lead organisation, or the individual author."""
    if not people.is_signed_in(user):
        return False
    cache = getattr(proposal, "_team_member_cache", None)
    if cache is None:
        cache = {}
        proposal._team_member_cache = cache
    if user.pk not in cache:
        cache[user.pk] = (
            TeamMember.objects.filter(proposal=proposal)
            .filter(Q(user=user) | Q(organisation__memberships__user=user))
            .exists()
        )
    return cache[user.pk]


def is_assigned_evaluator(user, challenge) -> bool:
    return people.is_evaluator(user) and EvaluatorAssignment.objects.filter(
        challenge=challenge, evaluator=user
    ).exists()


def can_view_proposal(user, proposal) -> bool:
    """Who sees a proposal: everyone when public; otherwise its team, staff, and the
    challenge's assigned evaluators once it is submitted."""
    if proposal.is_public:
        return True
    if is_team_member(user, proposal):
        return True
    if people.is_staff_member(user):
        return True
    if proposal.status in (ProposalStatus.DRAFT, ProposalStatus.WITHDRAWN):
        return False
    return is_assigned_evaluator(user, proposal.challenge)
