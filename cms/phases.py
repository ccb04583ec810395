"""The challenge phase: derived from the schedule and the clock, never stored."""

from dataclasses import dataclass
from datetime import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Phase(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    PROPOSALS = "proposals", _("Open for proposals")
    VOTING = "voting", _("Voting")
    EVALUATION = "evaluation", _("Evaluation")
    PILOTING = "piloting", _("Piloting")
    CLOSED = "closed", _("Closed")


def has_voting(challenge) -> bool:
    """Voting is scheduled: it has both an opening and a closing. `challenge` is anything with
    `voting_open` and `voting_close`: a `Schedule`, a challenge page."""
    return challenge.voting_open is not None and challenge.voting_close is not None


def has_voting_q() -> Q:
    """`has_voting` as a database condition on challenge pages."""
    return Q(voting_open__isnull=False, voting_close__isnull=False)


@dataclass(frozen=True)
class Schedule:
    proposals_open: datetime
    proposals_close: datetime
    evaluation_end: datetime
    pilots_end: datetime
    voting_open: datetime | None = None
    voting_close: datetime | None = None

    @property
    def has_voting(self) -> bool:
        return has_voting(self)


def phase_at(schedule: Schedule, now: datetime | None = None) -> Phase:
    """The phase at an instant. An instant exactly at a boundary belongs to the phase it opens.

    With voting scheduled, the time between proposals closing and voting opening belongs to
    the voting phase (votes are accepted only from `voting_open`).
    """
    now = now or timezone.now()
    if now < schedule.proposals_open:
        return Phase.UPCOMING
    if now < schedule.proposals_close:
        return Phase.PROPOSALS
    if schedule.has_voting and now < schedule.voting_close:
        return Phase.VOTING
    if now < schedule.evaluation_end:
        return Phase.EVALUATION
    if now < schedule.pilots_end:
        return Phase.PILOTING
    return Phase.CLOSED
