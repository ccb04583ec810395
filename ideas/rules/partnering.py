"""Permission rules about finding partners: calls for partners on a proposal and requests
to join its team. One function per rule.

A call is public while it is open and its proposal can still take partners in (a draft or a
submitted proposal, before proposals close); what the public sees of a call never includes the
draft's own text (`ideas.selectors.partnering`)."""

from django.utils import timezone

from cms.models import ChallengePage
from partners import rules as partner_rules
from partners.models import Membership, Organisation

from ..models import TeamMember
from .proposals import (
    EDITABLE_STATUSES,
    can_manage_team,
    can_view_team_area,
    is_editable,
    is_team_member,
)


def is_listed(call, now=None) -> bool:
    """The call is open and its proposal still takes partners in: listed publicly."""
    challenge = call.proposal.challenge
    return (
        call.is_open
        and is_editable(call.proposal, now)
        and challenge.live
        and not challenge.is_view_restricted
    )


def listed_calls(queryset, now=None):
    """`is_listed` for a queryset of PartnerCall."""
    now = now or timezone.now()
    return queryset.filter(
        is_open=True,
        proposal__status__in=EDITABLE_STATUSES,
        proposal__challenge__live=True,
        proposal__challenge__proposals_open__lte=now,
        proposal__challenge__proposals_close__gt=now,
    ).exclude(proposal__challenge__in=ChallengePage.objects.view_restricted())


def can_post_partner_call(user, proposal, now=None) -> bool:
    """Any verified team member posts a call while the proposal is editable."""
    return (
        partner_rules.is_verified(user)
        and is_team_member(user, proposal)
        and is_editable(proposal, now)
    )


def can_edit_partner_call(user, call, now=None) -> bool:
    """The team edits or closes its calls while the proposal is editable."""
    return can_post_partner_call(user, call.proposal, now)


def can_view_partner_call(user, call, now=None) -> bool:
    """Everyone sees a listed call; the team and staff see their closed ones too."""
    return is_listed(call, now) or can_view_team_area(user, call.proposal)


def organisations_that_may_join(user, proposal):
    """The user's organisations that are not on the team yet (none for the unverified)."""
    if not partner_rules.is_verified(user):
        return Organisation.objects.none()
    on_team = TeamMember.objects.filter(proposal=proposal, organisation__isnull=False).values(
        "organisation_id"
    )
    mine = Membership.objects.filter(user=user).values("organisation_id")
    return Organisation.objects.filter(pk__in=mine).exclude(pk__in=on_team).order_by("name")


def can_request_to_join(user, call, organisation=None, now=None) -> bool:
    """A verified member of an organisation not on the team asks to join from a listed call
    (for `organisation`, or for any of theirs when it is not given)."""
    if not is_listed(call, now):
        return False
    eligible = organisations_that_may_join(user, call.proposal)
    if organisation is not None:
        return eligible.filter(pk=organisation.pk).exists()
    return eligible.exists()


def can_answer_join_request(user, join_request, now=None) -> bool:
    """The lead (members of the lead organisation, or the individual author) accepts or
    declines a pending request while the proposal is editable."""
    return join_request.status == join_request.Status.PENDING and can_manage_team(
        user, join_request.proposal, now
    )


def can_withdraw_join_request(user, join_request) -> bool:
    """A member of the requesting organisation withdraws its pending request."""
    return (
        join_request.status == join_request.Status.PENDING
        and partner_rules.is_verified(user)
        and Membership.objects.filter(
            organisation_id=join_request.organisation_id, user=user
        ).exists()
    )
