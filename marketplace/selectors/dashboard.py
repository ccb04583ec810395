"""The staff dashboard's figures: the funnel per challenge, pilots by stage, indicators
behind target, feedback over time."""

from __future__ import annotations

from collections import OrderedDict

from django.db.models import Avg, Count, Prefetch, Q
from django.db.models.functions import TruncMonth

from cms.localize import language_of, localized, originals
from cms.models import ChallengePage
from ideas.models import Proposal, ProposalStatus

from ..models import (
    Feedback,
    Indicator,
    Measurement,
    Pilot,
    PilotStage,
)
from .pilots import indicator_on_target, latest_measurement

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
