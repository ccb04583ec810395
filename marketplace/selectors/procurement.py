"""Reads for the procurement record's public places: the indicators' results a reference
statement and an offering state, and the offerings a pilot's team can point to."""

from __future__ import annotations

from ..models import Offering, Pilot
from .pilots import indicator_on_target, latest_measurement


def indicator_results(indicators) -> list[dict]:
    """Each indicator (measurements prefetched) with its latest measurement and whether it
    met its target."""
    rows = []
    for indicator in indicators:
        latest = latest_measurement(indicator)
        rows.append(
            {
                "indicator": indicator,
                "latest": latest,
                "on_target": indicator_on_target(indicator, latest.value if latest else None),
            }
        )
    return rows


def referenced_offerings(pilot: Pilot) -> list[Offering]:
    """The pilot's published offerings with a public reference statement (the pilot is
    published and its procurement recorded), by title."""
    if not pilot.published or not hasattr(pilot, "procurement"):
        return []
    return list(Offering.objects.published().filter(pilot=pilot).order_by("title"))
