"""Reads on offerings in the catalogue."""

from __future__ import annotations

from django.db.models import Prefetch

from partners.images import with_renditions

from ..models import (
    Indicator,
    Measurement,
    Offering,
)


def offerings_base():
    return (
        with_renditions(Offering.objects.all(), "image")
        .prefetch_related("providers", "customer_groups", "themes")
        .select_related("pilot")
    )


def published_offerings():
    return offerings_base().published().order_by("title")


def offering_detail(slug: str) -> Offering:
    return (
        Offering.objects.select_related(
            "pilot", "pilot__procurement", "pilot__proposal", "pilot__proposal__challenge"
        )
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
