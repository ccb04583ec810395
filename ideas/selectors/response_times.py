"""Response deadlines: which decisions are overdue, and how fast each organising unit answers.

- A challenge's **due time** is its `decisions_due`, or its `evaluation_end` when that is empty.
- The **decision** on a proposal is its first status change from *submitted* to *shortlisted*,
  *selected* or *declined*; later moves (shortlisted → selected) do not count again.
- **Overdue**: a submitted proposal with no decision after its challenge's due time.
- **Response times** (public): per organising unit — the `owner_unit` of the challenge in the
  default language, the page proposals attach to — over the decisions of the last 12 months on
  live, unrestricted challenges: the median days from submission to decision and the share
  decided by the due time. Confidential proposals count in these aggregates (nothing but
  counts and medians leaves here); a unit with fewer than `MIN_DECISIONS` decisions shows no
  figures.

Every read takes a constant number of queries, whatever the number of rows.
"""

import statistics
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from cms.localize import lang_attribute, localized
from cms.models import ChallengePage

from ..models import Proposal, ProposalStatus, StatusChange
from ..rules.reviews import DECISION_STATUSES

MIN_DECISIONS = 5
SECONDS_PER_DAY = 86400


def due_at():
    """The challenge's due time as a database expression on proposals."""
    return Coalesce(F("challenge__decisions_due"), F("challenge__evaluation_end"))


def first_decisions():
    """The decision status changes of the outer query's proposal, earliest first."""
    return StatusChange.objects.filter(
        proposal=OuterRef("pk"),
        from_status=ProposalStatus.SUBMITTED,
        to_status__in=DECISION_STATUSES,
    ).order_by("created_at", "pk")


def overdue_proposals(*, now: datetime | None = None):
    """Submitted proposals without a decision after their challenge's due time, the longest
    overdue first, each with `due_at`. One query."""
    now = now or timezone.now()
    return (
        Proposal.objects.filter(status=ProposalStatus.SUBMITTED)
        .annotate(due_at=due_at())
        .filter(due_at__lt=now)
        .exclude(Exists(first_decisions()))
        .select_related("challenge", "lead_organisation")
        .order_by("due_at", "submitted_at", "pk")
    )


def overdue_count(*, now: datetime | None = None) -> int:
    return overdue_proposals(now=now).count()


def twelve_months_before(moment: datetime) -> datetime:
    """The same day and time a year earlier (28 February for 29 February)."""
    try:
        return moment.replace(year=moment.year - 1)
    except ValueError:
        return moment.replace(year=moment.year - 1, day=28)


@dataclass
class UnitResponseTimes:
    unit: str  # in the active language where a translation of the challenge names it
    lang_attr: str  # ` lang="fi"` when the name is in another language than the page's
    decisions: int
    on_time: int
    median_days: float | None  # None when there are too few decisions to report

    @property
    def reportable(self) -> bool:
        return self.decisions >= MIN_DECISIONS

    @property
    def on_time_percent(self) -> float | None:
        if not self.reportable:
            return None
        return 100 * self.on_time / self.decisions


def decision_rows(*, since: datetime, until: datetime):
    """(challenge, submitted_at, decided_at, due_at) of each proposal's decision in the
    window, on live challenges without a view restriction. One query."""
    decision = first_decisions()
    return (
        Proposal.objects.filter(challenge__live=True, submitted_at__isnull=False)
        .exclude(challenge__in=ChallengePage.objects.view_restricted())
        .annotate(decided_at=Subquery(decision.values("created_at")[:1]), due_at=due_at())
        .filter(decided_at__gte=since, decided_at__lte=until)
        .select_related("challenge")
        .only(
            "pk",
            "submitted_at",
            "challenge__owner_unit",
            "challenge__translation_key",
            "challenge__locale_id",
            "challenge__decisions_due",
            "challenge__evaluation_end",
        )
        .order_by("challenge_id", "pk")
    )


def response_times(*, now: datetime | None = None) -> list[UnitResponseTimes]:
    """One row per organising unit with decisions in the last 12 months, by unit name."""
    now = now or timezone.now()
    units: dict[str, dict] = {}
    for proposal in decision_rows(since=twelve_months_before(now), until=now):
        challenge = proposal.challenge
        key = challenge.owner_unit.strip()
        if not key:
            continue
        unit = units.setdefault(key, {"challenge": challenge, "days": [], "on_time": 0})
        days = (proposal.decided_at - proposal.submitted_at).total_seconds() / SECONDS_PER_DAY
        unit["days"].append(max(days, 0.0))
        unit["on_time"] += proposal.decided_at <= proposal.due_at
    rows = []
    for key, unit in units.items():
        shown = localized(unit["challenge"])
        name = (getattr(shown, "owner_unit", "") or "").strip() or key
        count = len(unit["days"])
        rows.append(
            UnitResponseTimes(
                unit=name,
                lang_attr=lang_attribute(shown if name != key else unit["challenge"]),
                decisions=count,
                on_time=unit["on_time"],
                median_days=statistics.median(unit["days"]) if count >= MIN_DECISIONS else None,
            )
        )
    rows.sort(key=lambda row: row.unit.casefold())
    return rows
