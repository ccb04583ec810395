"""Reads in the marketplace domain: visibility, related rows fetched up front, summaries.

Query counts do not grow with the number of milestones, measurements or feedback entries.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Avg, Count, Prefetch, Q
from django.db.models.functions import TruncMonth

from cms.localize import language_of, localized, originals
from cms.models import ChallengePage
from ideas.models import Proposal, ProposalStatus

from .models import (
    Feedback,
    Indicator,
    Measurement,
    Milestone,
    Offering,
    Pilot,
    PilotEvent,
    PilotStage,
)


def pilots_base():
    return Pilot.objects.select_related(
        "proposal", "proposal__challenge", "proposal__lead_organisation"
    )


def published_pilots():
    return pilots_base().published().order_by("-start_date", "-id")


def pilot_detail(pk: int) -> Pilot:
    """A pilot with its milestones and its indicators' measurements (fixed number of queries)."""
    return (
        pilots_base()
        .prefetch_related(
            Prefetch("milestones", queryset=Milestone.objects.order_by("due_date", "id")),
            Prefetch(
                "indicators",
                queryset=Indicator.objects.prefetch_related(
                    Prefetch("measurements", queryset=Measurement.objects.order_by("date", "id"))
                ),
            ),
        )
        .get(pk=pk)
    )


def pilot_history(pilot: Pilot, limit: int = 200):
    return PilotEvent.objects.filter(pilot=pilot).select_related("actor")[:limit]


def pilot_stage_changes(pilot: Pilot):
    return pilot.stage_changes.select_related("changed_by").order_by("created_at", "id")


@dataclass
class FeedbackSummary:
    count: int
    average: Decimal | None
    distribution: list[tuple[int, int, int]]  # (rating, count, percent)


def feedback_summary(pilot_or_pilots) -> FeedbackSummary:
    """Average, 1–5 distribution and count of the visible (not hidden) feedback, in one query."""
    qs = Feedback.objects.visible()
    if isinstance(pilot_or_pilots, Pilot):
        qs = qs.filter(pilot=pilot_or_pilots)
    else:
        qs = qs.filter(pilot__in=pilot_or_pilots)
    row = qs.aggregate(
        count=Count("id"),
        average=Avg("rating"),
        **{f"r{n}": Count("id", filter=Q(rating=n)) for n in range(1, 6)},
    )
    count = row["count"] or 0
    average = Decimal(str(round(row["average"], 1))) if row["average"] is not None else None
    distribution = [
        (n, row[f"r{n}"], round(100 * row[f"r{n}"] / count) if count else 0)
        for n in range(5, 0, -1)
    ]
    return FeedbackSummary(count=count, average=average, distribution=distribution)


def visible_feedback(pilot: Pilot, limit: int = 20):
    return (
        Feedback.objects.visible()
        .filter(pilot=pilot)
        .select_related("user", "customer_group")[:limit]
    )


def feedback_of(user, pilot: Pilot) -> Feedback | None:
    if not user.is_authenticated:
        return None
    return Feedback.objects.filter(pilot=pilot, user=user).first()


def latest_measurement(indicator: Indicator) -> Measurement | None:
    """From prefetched measurements (ordered by date)."""
    measurements = list(indicator.measurements.all())
    return measurements[-1] if measurements else None


def indicator_on_target(indicator: Indicator, value: Decimal | None) -> bool | None:
    if value is None:
        return None
    return value >= indicator.target if indicator.higher_is_better else value <= indicator.target


# Offerings ------------------------------------------------------------------------------------


def offerings_base():
    return Offering.objects.prefetch_related(
        "providers", "customer_groups", "themes"
    ).select_related("pilot")


def published_offerings():
    return offerings_base().published().order_by("title")


def offering_detail(slug: str) -> Offering:
    return (
        Offering.objects.select_related("pilot", "pilot__proposal", "pilot__proposal__challenge")
        .prefetch_related(
            "providers",
            "customer_groups",
            "themes",
            Prefetch(
                "pilot__indicators",
                queryset=Indicator.objects.prefetch_related(
                    Prefetch("measurements", queryset=Measurement.objects.order_by("date", "id"))
                ),
            ),
        )
        .get(slug=slug)
    )


def pilots_for_challenge(challenge, user=None):
    return published_pilots().filter(proposal__challenge=challenge)


# Staff dashboard ------------------------------------------------------------------------------

FUNNEL_STEPS = ("submitted", "public", "voted", "shortlisted", "selected", "piloted", "offered")


def challenge_funnels() -> list[dict]:
    """Per challenge: the funnel counts, each a direct count on the database.

    submitted: past draft (any status but draft); public: Proposal.objects.public();
    voted: public with vote_count > 0; shortlisted: now shortlisted or selected;
    selected: selected; piloted: has a pilot; offered: its pilot has a published offering.
    """
    challenges = [(c, localized(c)) for c in originals(ChallengePage.objects.all())]
    challenges.sort(key=lambda pair: pair[1].title.casefold())
    public_ids = Proposal.objects.public().values("pk")
    offered_ids = Pilot.objects.filter(offerings__published=True).values("proposal_id")
    rows = (
        # By item: a proposal counts for its challenge whichever language copy it names.
        Proposal.objects.values("challenge__translation_key")
        .annotate(
            submitted=Count("pk", filter=~Q(status=ProposalStatus.DRAFT)),
            public=Count("pk", filter=Q(pk__in=public_ids)),
            voted=Count("pk", filter=Q(pk__in=public_ids, vote_count__gt=0)),
            shortlisted=Count(
                "pk", filter=Q(status__in=[ProposalStatus.SHORTLISTED, ProposalStatus.SELECTED])
            ),
            selected=Count("pk", filter=Q(status=ProposalStatus.SELECTED)),
            piloted=Count("pk", filter=Q(pk__in=Pilot.objects.values("proposal_id"))),
            offered=Count("pk", filter=Q(pk__in=offered_ids)),
        )
        .order_by()
    )
    by_challenge = {str(row["challenge__translation_key"]): row for row in rows}
    result = []
    for challenge, shown in challenges:
        row = by_challenge.get(str(challenge.translation_key), {})
        result.append(
            {
                "id": challenge.pk,
                "title": shown.title,
                "lang": language_of(shown),
                "steps": [(step, row.get(step, 0)) for step in FUNNEL_STEPS],
            }
        )
    return result


def pilots_by_stage() -> list[tuple[str, str, int]]:
    counts = dict(Pilot.objects.values_list("stage").annotate(n=Count("pk")).order_by())
    return [(stage.value, stage.label, counts.get(stage.value, 0)) for stage in PilotStage]


def indicators_behind_target() -> list[dict]:
    """Indicators whose latest measurement misses the target (indicators without data are not counted)."""
    indicators = Indicator.objects.select_related("pilot").prefetch_related(
        Prefetch("measurements", queryset=Measurement.objects.order_by("date", "id"))
    )
    behind = []
    for indicator in indicators:
        latest = latest_measurement(indicator)
        if latest is not None and indicator_on_target(indicator, latest.value) is False:
            behind.append({"indicator": indicator, "pilot": indicator.pilot, "latest": latest})
    return behind


def feedback_by_month() -> list[dict]:
    """Visible feedback per month of its creation: count and average rating."""
    rows = (
        Feedback.objects.visible()
        .annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(count=Count("pk"), average=Avg("rating"))
        .order_by("month")
    )
    merged: OrderedDict = OrderedDict()
    for row in rows:
        key = row["month"].date() if hasattr(row["month"], "date") else row["month"]
        merged[key] = {"month": key, "count": row["count"], "average": round(row["average"], 1)}
    return list(merged.values())
