"""Demo organising units (run by `manage.py seed_demo` after the challenges): the Espoo City
Museum KAMU, the Espoo library services and the Vantaa City Museum in fi/sv/en, and every demo
challenge assigned to its unit. Idempotent: units by slug and language; a challenge that
already has a unit keeps it."""

from wagtail.models import Locale

from .models import ChallengePage, Unit

LANGUAGES = ("fi", "sv", "en")
MUSEUM = "espoon-kaupunginmuseo"
LIBRARY = "espoon-kaupunginkirjasto"

# slug: (shared fields, {language: (name, short description, logo alternative text)})
UNITS = {
    MUSEUM: (
        {
            "city": "espoo",
            "email": "kamu@tori.example",
            "phone": "+358 9 8165 7052",
            "website": "https://kamu.tori.example/",
            "colour": "#8a1538",
        },
        {
            "fi": (
                "Espoon kaupunginmuseo KAMU",
                "Espoon kaupunginmuseo KAMU kertoo Espoon historiasta ja kulttuuriperinnöstä "
                "WeeGee-talossa Tapiolassa.",
            ),
            "sv": (
                "Esbo stadsmuseum KAMU",
                "Esbo stadsmuseum KAMU berättar om Esbos historia och kulturarv i WeeGee-huset "
                "i Hagalund.",
            ),
            "en": (
                "Espoo City Museum KAMU",
                "Espoo City Museum KAMU tells the history and cultural heritage of Espoo in the "
                "WeeGee building in Tapiola.",
            ),
        },
    ),
    LIBRARY: (
        {
            "city": "espoo",
            "email": "kirjasto@tori.example",
            "phone": "+358 9 8165 7603",
            "website": "https://kirjasto.tori.example/",
            "colour": "#005a7a",
        },
        {
            "fi": (
                "Espoon kaupunginkirjasto",
                "Espoon kaupunginkirjaston kuusitoista kirjastoa, kirjastoauto ja kotipalvelu.",
            ),
            "sv": (
                "Esbo stadsbibliotek",
                "Esbo stadsbiblioteks sexton bibliotek, biblioteksbussen och hemservicen.",
            ),
            "en": (
                "Espoo library services",
                "Espoo's sixteen city libraries, the mobile library and the home library service.",
            ),
        },
    ),
    "vantaan-kaupunginmuseo": (
        {
            "city": "vantaa",
            "email": "museo@vantaa.tori.example",
            "phone": "",
            "website": "https://museo.vantaa.tori.example/",
            "colour": "#4a2f85",
        },
        {
            "fi": (
                "Vantaan kaupunginmuseo",
                "Vantaan kaupunginmuseo tallentaa ja esittelee vantaalaista elämää.",
            ),
            "sv": (
                "Vanda stadsmuseum",
                "Vanda stadsmuseum samlar och visar livet i Vanda.",
            ),
            "en": (
                "Vantaa City Museum",
                "Vantaa City Museum collects and shows life in Vantaa.",
            ),
        },
    ),
}

# Demo challenges about library work go to the library; every other one to the museum.
LIBRARY_CHALLENGES: frozenset[str] = frozenset()


def _units(locales, stdout) -> dict[str, Unit]:
    """{slug: the Finnish original} of every demo unit, with its translations."""
    originals = {}
    for slug, (shared, texts) in UNITS.items():
        original = Unit.objects.filter(locale=locales["fi"], slug=slug).first()
        for language in LANGUAGES:
            if Unit.objects.filter(locale=locales[language], slug=slug).exists():
                continue
            name, description = texts[language]
            if language == "fi":
                unit = original = Unit(locale=locales["fi"], slug=slug, **shared)
            else:
                unit = original.copy_for_translation(locales[language])
            unit.name, unit.description = name, description
            unit.full_clean()
            unit.save()
            stdout.write(f"  organising unit: {unit.name}")
        originals[slug] = original
    return originals


def _assign(units, stdout) -> int:
    assigned = 0
    for page in ChallengePage.objects.filter(unit__isnull=True):
        original = page.original
        slug = LIBRARY if original.slug in LIBRARY_CHALLENGES else MUSEUM
        unit = units[slug]
        if page.live and not page.has_unpublished_changes:
            page.unit = unit
            page.save_revision().publish()
        else:  # a draft stays a draft: the row and its latest revision get the unit
            ChallengePage.objects.filter(pk=page.pk).update(unit=unit)
            draft = page.get_latest_revision_as_object()
            draft.unit = unit
            draft.save_revision()
        assigned += 1
    stdout.write(f"  challenges given a unit: {assigned}")
    return assigned


def seed(*, stdout) -> None:
    locales = {code: Locale.objects.get(language_code=code) for code in LANGUAGES}
    _assign(_units(locales, stdout), stdout)
