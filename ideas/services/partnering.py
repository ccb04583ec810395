"""Finding partners: a team's calls for partners, and organisations' requests to join.

Accepting a request brings the organisation into the team as a co-developer, as an accepted
invitation does (`team.add_organisation`). The team hears of every new request; the
requesting organisation hears the answer (`partnering_notices`)."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partners.capabilities import originals_of
from partners.models import Organisation, User

from ..models import JoinRequest, PartnerCall, Proposal
from ..rules import partnering as rules
from . import partnering_notices as notices
from .proposals import ProposalError
from .team import add_organisation

ALREADY_WAITING = _(
    "Your organisation has already asked to join this team. Wait for the team's answer, "
    "or withdraw the request first."
)


def call_create(*, proposal: Proposal, by: User, description: str, capabilities=()) -> PartnerCall:
    if not rules.can_post_partner_call(by, proposal):
        raise ProposalError(
            _("Only the team can look for partners while the proposal is editable.")
        )
    with transaction.atomic():
        call = PartnerCall.objects.create(
            proposal=proposal,
            description=description.strip(),
            language=proposal.language,
            created_by=by,
        )
        call.capabilities.set(originals_of(capabilities))
    return call


def call_update(*, call: PartnerCall, by: User, description: str, capabilities=()) -> PartnerCall:
    if not rules.can_edit_partner_call(by, call):
        raise ProposalError(_("Only the team can change its calls while the proposal is editable."))
    with transaction.atomic():
        call.description = description.strip()
        call.save(update_fields=["description"])
        call.capabilities.set(originals_of(capabilities))
    return call


def call_close(*, call: PartnerCall, by: User) -> None:
    if not rules.can_edit_partner_call(by, call):
        raise ProposalError(_("Only the team can change its calls while the proposal is editable."))
    if call.is_open:
        call.is_open = False
        call.closed_at = timezone.now()
        call.save(update_fields=["is_open", "closed_at"])


def join_request_create(
    *, call: PartnerCall, by: User, organisation: Organisation, message: str
) -> JoinRequest:
    """Ask, for `organisation`, to join the team that posted `call`. One pending request per
    organisation and proposal."""
    if not rules.can_request_to_join(by, call, organisation):
        raise ProposalError(
            _("Only a member of an organisation not on the team can ask to join an open call.")
        )
    pending = JoinRequest.objects.filter(
        proposal_id=call.proposal_id, organisation=organisation, status=JoinRequest.Status.PENDING
    )
    if pending.exists():
        raise ProposalError(ALREADY_WAITING)
    try:
        with transaction.atomic():
            join_request = JoinRequest.objects.create(
                proposal_id=call.proposal_id,
                call=call,
                organisation=organisation,
                requested_by=by,
                message=message.strip(),
            )
            notices.join_requested(join_request=join_request)
    except IntegrityError:  # a second request at the same moment
        raise ProposalError(ALREADY_WAITING) from None
    return join_request


def join_request_answer(*, join_request: JoinRequest, by: User, accept: bool) -> JoinRequest:
    """The lead accepts (the organisation joins as a co-developer) or declines."""
    with transaction.atomic():
        join_request = (
            JoinRequest.objects.select_for_update(of=("self",))
            .select_related("proposal", "proposal__challenge", "organisation")
            .get(pk=join_request.pk)
        )
        if not rules.can_answer_join_request(by, join_request):
            raise ProposalError(
                _("Only the lead can answer a waiting request while the proposal is editable.")
            )
        if accept:
            add_organisation(
                proposal=join_request.proposal,
                organisation=join_request.organisation,
                follower=join_request.requested_by or by,
            )
        join_request.status = JoinRequest.Status.ACCEPTED if accept else JoinRequest.Status.DECLINED
        join_request.responded_by = by
        join_request.responded_at = timezone.now()
        join_request.save(update_fields=["status", "responded_by", "responded_at"])
        notices.join_request_answered(join_request=join_request, by=by)
    return join_request


def join_request_withdraw(*, join_request: JoinRequest, by: User) -> None:
    if not rules.can_withdraw_join_request(by, join_request):
        raise ProposalError(_("Only the requesting organisation can withdraw a waiting request."))
    JoinRequest.objects.filter(pk=join_request.pk, status=JoinRequest.Status.PENDING).update(
        status=JoinRequest.Status.WITHDRAWN, responded_by=by, responded_at=timezone.now()
    )
