"""The one place that turns an object's fields and translations into an entry's text
versions, and the stemming the SQLite index and its excerpts share."""

import pytest

from ideas.models import Proposal
from search import stemming
from search.catalogue import search
from search.documents import language_versions
from search.query import MARK_END, MARK_START, CatalogueQuery
from tests.factories.marketplace import make_offering


def test_translations_become_versions_after_the_original():
    row = {
        "title": "Perheviikonloput",
        "summary": "Koko perhe museoon.",
        "body": "Lauantaisin.",
        "language": "fi",
        "translations": {
            "sv": {"title": "Familjeveckoslut", "body": "På lördagar."},
            "en": {},  # nothing translated: no version
        },
    }

    versions = language_versions(Proposal, row, shared="KAMU")

    assert [(v.language, v.title, v.summary, v.body) for v in versions] == [
        ("fi", "Perheviikonloput", "Koko perhe museoon.", "Lauantaisin. KAMU"),
        # The summary is not translated: the Swedish reader sees the original's.
        ("sv", "Familjeveckoslut", "Koko perhe museoon.", "På lördagar. KAMU"),
    ]


def test_the_row_s_own_language_wins_over_the_builder_s_guess():
    versions = language_versions(
        Proposal, {"title": "Rubrik", "summary": "", "body": "", "language": "sv"}, language="fi"
    )

    assert [v.language for v in versions] == ["sv"]


def test_words_and_stems_are_indexed_and_matched():
    assert stemming.index_text("Perheet museossa", "fi") == "perheet perh museossa museo"
    # Unknown language: the word and its stem in every language.
    assert set(stemming.index_text("barnfamiljerna", "").split()) == {
        "barnfamiljerna",  # as written, and the English stem
        "barnfamilj",  # Swedish
        "barnfamiljer",  # Finnish
    }
    assert stemming.fts_query(["perheet"]) == '("perheet"* OR "perh")'


def test_the_excerpt_marks_inflected_forms_around_the_best_window():
    text = " ".join(["Alku."] + ["sana"] * 60 + ["Perheille", "museossa", "on", "ohjelmaa."])

    excerpt = stemming.highlight(text, "fi", ["perheet", "museo"], size=10)

    assert excerpt.startswith("…")
    assert f"{MARK_START}Perheille{MARK_END} {MARK_START}museossa{MARK_END}" in excerpt
    assert excerpt.endswith("ohjelmaa.")
    assert stemming.highlight("Ei osumia tässä.", "fi", ["kissa"]) == "Ei osumia tässä."
    assert stemming.highlight("", "fi", ["kissa"]) == ""


@pytest.mark.django_db
def test_an_offering_of_unknown_language_is_stemmed_in_every_language(indexed):
    with indexed():
        offering = make_offering(
            title="Retki", summary="Metsäretki perheille och barnfamiljer.", languages=["fi", "sv"]
        )

    for words in ("perheet", "barnfamiljerna", "retkiä"):
        hits = search(CatalogueQuery(text=words, language="fi")).hits
        assert [(h.kind, h.id) for h in hits] == [("offering", offering.pk)], words
