"""The cities Tori serves, by name and address slug in each language.

Cities are a fixed list (`partners.models.City`), not a model. Each has a name and a slug per
language: `/fi/espoo/`, `/sv/esbo/`, `/en/espoo/` are one city's front door. A slug names one
city in one language; `city_for_slug` also knows the other languages' slugs, so an address in
the wrong language can be redirected.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation

from partners.models import City


@dataclass(frozen=True)
class CityNames:
    code: str
    names: dict[str, str]
    slugs: dict[str, str]

    def name(self, language: str | None = None) -> str:
        return self.names.get(_language(language), self.names["fi"])

    def slug(self, language: str | None = None) -> str:
        return self.slugs.get(_language(language), self.slugs["fi"])


def _language(language: str | None) -> str:
    return (language or translation.get_language() or settings.LANGUAGE_CODE)[:2]


def _city(code, fi, sv, en, *, slugs) -> CityNames:
    return CityNames(
        code, {"fi": fi, "sv": sv, "en": en}, dict(zip(("fi", "sv", "en"), slugs, strict=True))
    )


# Proper names, not interface text: each language's own name of the city.
CITIES: dict[str, CityNames] = {
    city.code: city
    for city in (
        _city(
            City.HELSINKI,
            "Helsinki",
            "Helsingfors",
            "Helsinki",
            slugs=("helsinki", "helsingfors", "helsinki"),
        ),
        _city(City.ESPOO, "Espoo", "Esbo", "Espoo", slugs=("espoo", "esbo", "espoo")),
        _city(City.VANTAA, "Vantaa", "Vanda", "Vantaa", slugs=("vantaa", "vanda", "vantaa")),
        _city(
            City.TAMPERE,
            "Tampere",
            "Tammerfors",
            "Tampere",
            slugs=("tampere", "tammerfors", "tampere"),
        ),
        _city(City.TURKU, "Turku", "Åbo", "Turku", slugs=("turku", "abo", "turku")),
        _city(City.OULU, "Oulu", "Uleåborg", "Oulu", slugs=("oulu", "uleaborg", "oulu")),
    )
}
CITY_CODES = tuple(CITIES)
# Every slug of every language, for the front door's URL pattern.
ALL_SLUGS = tuple(sorted({slug for city in CITIES.values() for slug in city.slugs.values()}))


def city(code: str) -> CityNames | None:
    return CITIES.get(code)


def city_for_slug(slug: str, language: str | None = None) -> tuple[CityNames | None, bool]:
    """(the city, whether `slug` is its slug in `language`) — a slug of another language
    gives the city and False; an unknown slug (None, False)."""
    language = _language(language)
    other = None
    for candidate in CITIES.values():
        if candidate.slug(language) == slug:
            return candidate, True
        if other is None and slug in candidate.slugs.values():
            other = candidate
    return other, False


def city_name(code: str, language: str | None = None) -> str:
    found = CITIES.get(code)
    return found.name(language) if found else code
