"""The Finnish and Swedish catalogues use the project's term base: words it replaced do not
come back, and Swedish splits a sentence where Finnish does instead of keeping the English
semicolon."""

import re
from pathlib import Path

import polib
import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
APPS = ("marketplace", "partners", "cms", "ideas", "search")

# Words the term base replaced, with the term that is used instead.
REPLACED = {
    "fi": {
        r"\braati\b|\braadin\b": "arvioijat",
        r"painokerroin|painokertoim": "painoarvo",
        r"arviointikriteeri|\bkriteeri\b": "arviointiperuste",
        r"kotikunta|kotikaupunki": "kotipaikka",
        r"päävastuullinen|päävastuullisen": "vastuuorganisaatio",
        r"tarjoom": "palvelu",
        r"\(vapaaehtoinen\)|^Vapaaehtoinen\.": "(valinnainen)",
        r"vaihtoehtoinen teksti": "tekstivastine",
        r"\bTorissa\b": "Tori-palvelussa",
        r"ehdotusten jättäminen": "ehdotusten lähettäminen",
        r"\buusin ensin\b": "uusimmat ensin",
        r"\bkokeilu": "pilotti",
    },
    "sv": {
        r"\bjury|\bjuryn": "bedömare",
        r"\bhemstad": "hemort",
        r"huvudansvarig": "ansvarig organisation",
        r"önskat språk": "kontaktspråk",
        r"serviceutmaning": "tjänsteutmaning",
        r"på kortlistan": "går vidare",
        r"förslagstiden": "förslagsfasen",
        r"strunta i": "bortse från",
        r"lämnas bort": "räknas inte med / utelämnas",
        r"alternativ text": "textalternativ",
        r"omröstningen (har inte )?öppna": "omröstningen börjar",
        r"förfallodag|\bförfaller\b": "måldatum",
        r"\bskribent": "författare",
        r"\btorget\b": "Tori",
        r"\(frivilligt\)|^Frivilligt\.": "(valfritt)",
    },
}


def _entries(app, language):
    path = ROOT / app / "locale" / language / "LC_MESSAGES" / "django.po"
    for entry in polib.pofile(str(path)):
        if entry.obsolete or not entry.msgid:
            continue
        texts = [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
        yield (entry.msgctxt, entry.msgid), texts


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_replaced_terms_do_not_come_back(language):
    found = []
    for app in APPS:
        for (_, msgid), texts in _entries(app, language):
            for text in texts:
                text = re.sub(r"%\(\w+\)[sd]", "", text)
                for pattern, instead in REPLACED[language].items():
                    if re.search(pattern, text, re.IGNORECASE | re.MULTILINE):
                        found.append(f"{app}: {msgid!r} → {text!r} (use {instead!r})")
    assert not found, "\n".join(found)


def test_swedish_keeps_a_semicolon_only_where_finnish_does():
    kept = []
    for app in APPS:
        finnish = dict(_entries(app, "fi"))
        for key, texts in _entries(app, "sv"):
            for index, text in enumerate(texts):
                plain = re.sub(r"&\w+;|&#\d+;", "", text)
                fi_texts = finnish.get(key, [])
                fi_text = fi_texts[index] if index < len(fi_texts) else ""
                if ";" in plain and ";" not in re.sub(r"&\w+;|&#\d+;", "", fi_text):
                    kept.append(f"{app}: {key[1]!r} → {text!r}")
    assert not kept, "\n".join(kept)


def test_status_change_fields_and_version_comparison_translate_apart():
    """The status-change columns read "previous / new status"; the proposal history's
    "compare to" column keeps its own wording."""
    from django.utils.translation import gettext

    from ideas.models import StatusChange

    fields = {name: StatusChange._meta.get_field(name) for name in ("from_status", "to_status")}
    with translation.override("fi"):
        assert str(fields["from_status"].verbose_name) == "aiempi tila"
        assert str(fields["to_status"].verbose_name) == "uusi tila"
        assert gettext("to") == "Vertailun kohdeversio"
    with translation.override("sv"):
        assert str(fields["from_status"].verbose_name) == "tidigare status"
        assert str(fields["to_status"].verbose_name) == "ny status"
        assert gettext("to") == "till"
