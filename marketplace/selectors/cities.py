"""A city's front door: its organising units, their open challenges, the pilots running and
the services in use there.

Only what anyone may see: live challenges outside private sections, published pilots (of
such challenges) and published offerings. A service is in use in a city when its pilot's
challenge belongs to a unit of the city or its `cities` list names the city. Every read costs
a fixed number of queries however many items there are.
"""

from __future__ import annotations

from django.db.models import Q, TextField
from django.db.models.functions import Cast

from cms import cache
from cms.models import ChallengePage, Unit
from cms.phases import Phase
from cms.selectors import challenge_cards, localized_challenges
from partners.images import with_renditions

from ..models import Offering, PilotStage
from .offerings import published_offerings
from .pilots import published_pilots, with_first_photos

OPEN_PHASES = (Phase.UPCOMING, Phase.PROPOSALS, Phase.VOTING)


def units_in(city: str | None = None) -> list[Unit]:
    """The units (of `city`, or all), each once in the active language (else the default
    language), by name, with their logos: two queries and one for the renditions."""
    active, default = cache.active_locale(), cache.default_locale()
    rows = Unit.objects.filter(locale_id__in={active.pk, default.pk})
    if city is not None:
        rows = rows.filter(city=city)
    best: dict[str, Unit] = {}
    for row in with_renditions(rows, "logo"):
        key = str(row.translation_key)
        if row.locale_id == active.pk or key not in best:
            best[key] = row
    return sorted(best.values(), key=lambda unit: unit.name.casefold())


def _public_challenges():
    return (
        ChallengePage.objects.live()
        .public()
        .exclude(pk__in=ChallengePage.objects.view_restricted())
    )


def city_pilots(city: str):
    """Published pilots of public challenges of the city's units."""
    return published_pilots().filter(
        proposal__challenge__unit__city=city,
        proposal__challenge__in=_public_challenges().values("pk"),
    )


def offerings_in(queryset, cities):
    """Offerings in use in any of `cities`: piloted by a challenge of a unit of the city (a
    public one), or listing the city. `cities` is JSON text matched by its quoted code, the
    same on SQLite and PostgreSQL."""
    listed = Q()
    for city in cities:
        listed |= Q(cities_text__contains=f'"{city}"')
    piloted = Offering.objects.filter(
        pilot__proposal__challenge__unit__city__in=cities,
        pilot__published=True,
        pilot__proposal__challenge__in=_public_challenges().values("pk"),
    ).values("pk")
    return queryset.alias(cities_text=Cast("cities", TextField())).filter(
        listed | Q(pk__in=piloted)
    )


def front_door(city: str, *, request=None) -> dict:
    """What a city's front door lists."""
    challenges = (
        localized_challenges()
        .filter(unit__city=city)
        .exclude(pk__in=ChallengePage.objects.view_restricted())
        .in_phase(*OPEN_PHASES)
        .order_by("proposals_open", "pk")
    )
    return {
        "units": units_in(city),
        "challenges": challenge_cards(challenges, request=request),
        "pilots": with_first_photos(city_pilots(city).filter(stage=PilotStage.RUNNING)),
        "offerings": list(offerings_in(published_offerings(), [city])),
    }
