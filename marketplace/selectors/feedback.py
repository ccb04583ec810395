"""Reads on residents' feedback: summaries, what is visible, a person's own."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Avg, Count, Q

from ..models import (
    Feedback,
    Pilot,
)


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
