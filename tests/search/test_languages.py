"""A challenge and its translations: one entry, found by words of every language, shown in the
language asked."""

import pytest
from wagtail.models import Locale

from search.catalogue import search
from search.models import CatalogueEntry
from search.query import CatalogueQuery
from tests.factories.cms import make_challenge

pytestmark = pytest.mark.django_db


@pytest.fixture
def translated(indexed):
    with indexed():
        challenge = make_challenge(
            phase="proposals", title="Museon illat", summary="Tule museoon illalla."
        )
        swedish = challenge.copy_for_translation(
            Locale.objects.get_or_create(language_code="sv")[0], copy_parents=True
        )
        swedish.title = "Museets kvällar"
        swedish.summary = "Kom till museet på kvällen."
        swedish.save_revision().publish()
    swedish.refresh_from_db()
    return challenge, swedish


def test_translations_share_one_entry_found_in_every_language(translated):
    challenge, swedish = translated

    assert list(CatalogueEntry.objects.values_list("kind", "object_id")) == [
        ("challenge", challenge.pk)
    ]
    for words in ("illat", "kvällar"):
        result = search(CatalogueQuery(text=words, language="en"))
        assert [(h.kind, h.id) for h in result.hits] == [("challenge", challenge.pk)]
    assert result.facet_counts("kind") == {"challenge": 1}


def test_hits_show_the_language_asked_falling_back_to_the_original(translated):
    challenge, swedish = translated

    sv = search(CatalogueQuery(language="sv")).hits[0]
    en = search(CatalogueQuery(language="en")).hits[0]

    assert (sv.title, sv.url) == ("Museets kvällar", swedish.url)
    assert (en.title, en.url) == ("Museon illat", challenge.url)


def test_unpublishing_a_translation_keeps_the_original(translated, indexed):
    challenge, swedish = translated
    with indexed():
        swedish.unpublish()

    hit = search(CatalogueQuery(language="sv")).hits[0]
    assert (hit.id, hit.title) == (challenge.pk, "Museon illat")
    assert search(CatalogueQuery(text="kvällar")).total == 0
