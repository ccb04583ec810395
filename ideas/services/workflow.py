"""The proposal state machine: the allowed moves as data, one function that applies a move."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Proposal, ProposalStatus, StatusChange

TRANSITIONS: dict[str, set[str]] = {
    ProposalStatus.DRAFT: {ProposalStatus.SUBMITTED},
    ProposalStatus.SUBMITTED: {
        ProposalStatus.SHORTLISTED,
        ProposalStatus.SELECTED,
        ProposalStatus.DECLINED,
        ProposalStatus.WITHDRAWN,
    },
    ProposalStatus.SHORTLISTED: {
        ProposalStatus.SELECTED,
        ProposalStatus.DECLINED,
        ProposalStatus.WITHDRAWN,
    },
    ProposalStatus.SELECTED: set(),
    ProposalStatus.DECLINED: set(),
    ProposalStatus.WITHDRAWN: set(),
}

# Moves decided by staff; the others (submit, withdraw) are the team's.
STAFF_MOVES = {ProposalStatus.SHORTLISTED, ProposalStatus.SELECTED, ProposalStatus.DECLINED}


class TransitionError(Exception):
    """An illegal status move."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def allowed_moves(status: str) -> set[str]:
    return TRANSITIONS.get(status, set())


def staff_moves_from(status: str) -> list[str]:
    """The statuses staff may choose for a proposal now (in the order of the choices)."""
    allowed = allowed_moves(status) & STAFF_MOVES
    return [value for value in ProposalStatus.values if value in allowed]


def change_status(
    *,
    proposal: Proposal,
    to_status: str,
    by,
    reason: str = "",
    public_reason: str = "",
    announce: bool = True,
) -> StatusChange:
    """Move a proposal to a new status and record who, when, from, to and why (`reason` for the
    team, `public_reason` for everyone). With `announce=False` the caller announces the changes
    itself, all at once (`announce_changes`): a bulk decision tells each person once."""
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if to_status not in allowed_moves(locked.status):
            raise TransitionError(
                _("A proposal cannot move from %(from)s to %(to)s.")
                % {
                    "from": ProposalStatus(locked.status).label,
                    "to": ProposalStatus(to_status).label,
                }
            )
        change = StatusChange.objects.create(
            proposal=locked,
            from_status=locked.status,
            to_status=to_status,
            changed_by=by,
            reason=reason,
            public_reason=(public_reason or "").strip(),
        )
        locked.status = to_status
        fields = ["status", "updated_at"]
        if to_status == ProposalStatus.SUBMITTED and locked.submitted_at is None:
            locked.submitted_at = timezone.now()
            fields.append("submitted_at")
        locked.save(update_fields=fields)
        proposal.status = locked.status
        proposal.submitted_at = locked.submitted_at
        if announce:
            announce_changes([change])
    return change


def announce_changes(changes: list[StatusChange]) -> None:
    """After commit, tell the notification module of `changes` in one signal."""
    from .. import signals

    transaction.on_commit(
        lambda: signals.status_changed.send(sender=StatusChange, changes=list(changes))
    )
