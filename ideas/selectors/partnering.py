"""Reads for finding partners: calls as the public sees them, organisations to partner with.

What a listed call shows: its own text, the capabilities it asks for, the lead organisation and
the challenge. The proposal's title is shown (and linked) only when the proposal itself is
public; a draft's title, summary and description never leave the team area."""

from django.db.models import Exists, OuterRef, Prefetch

from cms.localize import localized, localized_items
from partners.images import with_renditions
from partners.models import Capability, Organisation

from ..models import JoinRequest, PartnerCall, Proposal
from ..rules import partnering as rules


def _calls(queryset):
    return queryset.select_related(
        "proposal", "proposal__lead_organisation", "proposal__challenge"
    ).prefetch_related(Prefetch("capabilities", queryset=Capability.objects.all()))


def listed_calls(now=None):
    """Open calls anyone may see, newest first, with what their rows show (fixed queries)."""
    public = Proposal.objects.public().filter(pk=OuterRef("proposal_id"))
    return _calls(rules.listed_calls(PartnerCall.objects.all(), now)).annotate(
        proposal_public=Exists(public)
    )


def calls_of(proposal):
    """Every call of a proposal, open first (the team's view)."""
    return _calls(proposal.partner_calls.order_by("-is_open", "-created_at", "-id"))


def decorate(calls) -> list:
    """Give each call its capabilities and challenge in the active language."""
    calls = list(calls)
    for call in calls:
        call.capability_items = localized_items(call.capabilities.all())
        call.challenge_copy = localized(call.proposal.challenge)
        if not hasattr(call, "proposal_public"):
            call.proposal_public = call.proposal.is_public
    return calls


def partner_organisations():
    """Organisations for the partner search, with their tags and logos (fixed queries)."""
    return with_renditions(
        Organisation.objects.order_by("name", "pk").prefetch_related(
            Prefetch("capability_tags", queryset=Capability.objects.all())
        ),
        "logo",
    )


def decorate_organisations(organisations) -> list:
    organisations = list(organisations)
    for organisation in organisations:
        organisation.capability_items = localized_items(organisation.capability_tags.all())
    return organisations


def pending_requests(proposal):
    return (
        JoinRequest.objects.filter(proposal=proposal, status=JoinRequest.Status.PENDING)
        .select_related("organisation", "requested_by", "call")
        .order_by("created_at", "pk")
    )


def pending_request_for(call, organisations):
    """The pending request of one of `organisations` to the call's proposal, or None."""
    return (
        JoinRequest.objects.filter(
            proposal_id=call.proposal_id,
            organisation__in=organisations,
            status=JoinRequest.Status.PENDING,
        )
        .select_related("organisation")
        .first()
    )
