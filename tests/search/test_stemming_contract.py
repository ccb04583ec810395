"""Finnish, Swedish and English words are found in their inflected forms on every engine, and
an entry with several language versions is one hit whose excerpt is in the language asked."""

import pytest

from search import indexing
from search.catalogue import search
from search.query import CatalogueQuery
from tests.factories.cms import (
    CustomerGroupFactory,
    make_challenge,
    publish_translation,
    translate_snippet,
)
from tests.factories.ideas import ProposalFactory
from tests.factories.marketplace import make_offering

from .conftest import ENGINES

pytestmark = pytest.mark.django_db


@pytest.fixture
def languages(indexed):
    with indexed():
        seniors = CustomerGroupFactory(name="Seniorit", slug="seniorit")
        translate_snippet(seniors, "sv", name="Seniorer")
        challenge = make_challenge(
            phase="proposals",
            title="Kesäillat",
            summary="KAMU kutsuu lapsiperheet iltaan.",
        )
        swedish = publish_translation(
            challenge,
            "sv",
            title="Sommarkvällar",
            summary="KAMU bjuder in barnfamiljer på kvällen.",
        )
        family = ProposalFactory(
            challenge=challenge,
            language="fi",
            title="Kesäpäivä",
            summary="Koko perhe mukaan.",
            body="Päivä puistossa.",
        )
        family.customer_groups.set([seniors])
        walks = ProposalFactory(
            challenge=challenge,
            language="en",
            title="Evening programme",
            summary="Evening walks in the park.",
            body="Bring a torch.",
        )
        guide = make_offering(
            title="Opastus",
            summary="Museo avaa ovensa aamulla.",
            languages=["fi"],
        )
    return {
        "challenge": challenge,
        "swedish": swedish,
        "family": family,
        "walks": walks,
        "guide": guide,
    }


@pytest.fixture(params=ENGINES)
def engine(request, languages):
    if request.param == "elasticsearch":
        indexing.rebuild(engine="elasticsearch")
    return request.param


def found(engine, text, language="fi", **kwargs):
    result = search(CatalogueQuery(text=text, language=language, **kwargs), engine=engine)
    return [(hit.kind, hit.id) for hit in result.hits]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("perheet", "family"),  # Finnish: "perhe" in the summary
        ("museossa", "guide"),  # Finnish: "Museo"
        ("barnfamiljerna", "challenge"),  # Swedish: "barnfamiljer" in the Swedish version
        ("walking", "walks"),  # English: "walks"
        ("seniorerna", "family"),  # the Swedish name of the proposal's customer group
    ],
)
def test_inflected_words_find_their_base_forms(engine, languages, text, name):
    kind = {"guide": "offering", "challenge": "challenge"}.get(name, "proposal")

    assert found(engine, text) == [(kind, languages[name].pk)]


def test_a_finnish_word_on_the_swedish_page_finds_the_entry_shown_in_swedish(engine, languages):
    result = search(CatalogueQuery(text="lapsiperheet", language="sv"), engine=engine)

    assert [(h.kind, h.id, h.title) for h in result.hits] == [
        ("challenge", languages["challenge"].pk, "Sommarkvällar")
    ]


def test_an_entry_in_two_languages_is_one_hit_and_counted_once(engine, languages):
    result = search(CatalogueQuery(text="kamu", language="fi"), engine=engine)

    assert result.total == 1
    assert [(h.kind, h.id) for h in result.hits] == [("challenge", languages["challenge"].pk)]
    assert result.facet_counts("kind") == {"challenge": 1}


@pytest.mark.parametrize(
    ("language", "excerpt"),
    [
        ("fi", "<mark>KAMU</mark> kutsuu lapsiperheet iltaan."),
        ("sv", "<mark>KAMU</mark> bjuder in barnfamiljer på kvällen."),
        ("en", "<mark>KAMU</mark> kutsuu lapsiperheet iltaan."),  # no English: the original
    ],
)
def test_the_excerpt_is_in_the_language_asked_else_the_original(engine, language, excerpt):
    hit = search(CatalogueQuery(text="kamu", language=language), engine=engine).hits[0]

    assert excerpt in str(hit.highlight)
    assert hit.summary == excerpt.replace("<mark>", "").replace("</mark>", "")


def test_words_of_another_entry_do_not_match(engine):
    assert found(engine, "perheet museossa") == []
    assert found(engine, "walking perheet") == []


def test_the_index_is_what_a_rebuild_writes(engine):
    assert indexing.check(engine=engine).ok
    indexing.rebuild(engine=engine)
    assert indexing.check(engine=engine).ok
    assert found(engine, "barnfamiljerna", language="sv") != []
