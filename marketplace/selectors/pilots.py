"""Reads on pilots: what is published, one pilot with what its page shows, its history."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import OuterRef, Prefetch, Subquery

from partners.images import with_renditions

from ..models import (
    Indicator,
    Measurement,
    Milestone,
    Pilot,
    PilotEvent,
    PilotPhoto,
)


def pilots_base():
    return Pilot.objects.select_related(
        "proposal", "proposal__challenge", "proposal__lead_organisation"
    )


def with_photos(pilots):
    """`pilots` with their photos, images and renditions: three queries however many."""
    photos = with_renditions(PilotPhoto.objects.order_by("sort_order", "pk"), "image")
    return pilots.prefetch_related(Prefetch("photos", queryset=photos))


def published_pilots():
    """Published pilots, each with the id of its first photo (for its card) at no query."""
    first = PilotPhoto.objects.filter(pilot=OuterRef("pk")).order_by("sort_order", "pk")
    return (
        pilots_base()
        .published()
        .annotate(first_photo_id=Subquery(first.values("pk")[:1]))
        .order_by("-start_date", "-id")
    )


def with_first_photos(pilots) -> list:
    """The pilots of a list with their first photos, its image and renditions: no query if
    none has a photo, two if some have, however many pilots."""
    pilots = list(pilots)
    ids = {pilot.first_photo_id for pilot in pilots if getattr(pilot, "first_photo_id", None)}
    photos = {}
    if ids:
        photos = {
            photo.pk: photo
            for photo in PilotPhoto.objects.filter(pk__in=ids)
            .select_related("image")
            .prefetch_related("image__renditions")
        }
    for pilot in pilots:
        pilot.card_photo = photos.get(getattr(pilot, "first_photo_id", None))
    return pilots


def pilot_detail(pk: int) -> Pilot:
    """A pilot with its milestones and its indicators' measurements (fixed number of queries)."""
    return (
        with_photos(pilots_base())
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


def latest_measurement(indicator: Indicator) -> Measurement | None:
    """From prefetched measurements (ordered by date)."""
    measurements = list(indicator.measurements.all())
    return measurements[-1] if measurements else None


def indicator_on_target(indicator: Indicator, value: Decimal | None) -> bool | None:
    if value is None:
        return None
    return value >= indicator.target if indicator.higher_is_better else value <= indicator.target


def pilots_for_challenge(challenge, user=None):
    return published_pilots().filter(proposal__challenge=challenge)
