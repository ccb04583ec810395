"""The catalogue contract, the same for every engine: same data and query, same hits, order
(ties aside) and facet counts. The database engine always runs; Elasticsearch when
ELASTICSEARCH_URL points at a server."""

import pytest
from django.contrib.auth.models import AnonymousUser

from search import indexing
from search.catalogue import search
from search.query import CatalogueQuery
from tests.factories.partners import MembershipFactory, UserFactory

from .conftest import ENGINES

pytestmark = pytest.mark.django_db


@pytest.fixture(params=ENGINES)
def engine(request, catalogue):
    name = request.param
    if name == "elasticsearch":
        indexing.rebuild(engine="elasticsearch")
    return name


def run(engine, **kwargs):
    kwargs.setdefault("language", "en")
    return search(CatalogueQuery(**kwargs), engine=engine)


def titles(result):
    return [hit.title for hit in result.hits]


def test_text_matches_every_language_field_and_ranks_title_above_summary_above_body(engine):
    result = run(engine, text="lantern")

    assert titles(result) == ["Lantern walks", "Museum nights", "Evening tours"]
    assert result.total == 3
    assert result.query.sort == "relevance"


def test_every_word_must_match(engine):
    assert titles(run(engine, text="lantern dark")) == ["Museum nights"]
    assert run(engine, text="lantern zebra").total == 0


def test_highlights_mark_the_words_found(engine):
    hit = run(engine, text="lantern").hits[1]

    assert "<mark>lantern</mark>" in str(hit.highlight).lower()


def test_without_text_everything_public_newest_first(engine, catalogue):
    result = run(engine)

    assert result.query.sort == "newest"
    assert result.total == 8
    assert result.hits[-1].title == "Yoga pilot"  # started in 2025, the rest are 2026


def test_facet_counts_without_filters(engine):
    result = run(engine)

    assert result.facet_counts("kind") == {"offering": 2, "proposal": 3, "pilot": 1, "challenge": 2}
    assert result.facet_counts("customer_group") == {"seniors": 3, "families": 3}
    assert result.facet_counts("theme") == {"digital": 4, "outdoors": 1}
    assert result.facet_counts("stage") == {
        "voting": 1,
        "closed": 1,
        "submitted": 2,
        "selected": 1,
        "running": 1,
    }
    assert result.facet_counts("organisation_kind") == {"company": 5, "research": 2}
    assert result.facet_counts("city") == {"espoo": 1, "helsinki": 1, "vantaa": 1}
    assert result.facet_counts("year") == {"2026": 7, "2025": 1}


def test_values_in_one_facet_are_or(engine):
    result = run(engine, filters={"customer_group": ["seniors", "families"]})

    assert sorted(titles(result)) == [
        "Evening tours",
        "Family quiz",
        "Lantern walks",
        "Museum app",
        "Museum nights",
    ]


def test_facets_are_and_and_each_facet_counts_without_its_own_filter(engine):
    result = run(engine, filters={"customer_group": ["seniors"], "kind": ["proposal"]})

    assert titles(result) == ["Evening tours"]
    # Choosing "seniors" does not hide "families"; the kind filter still applies to it.
    assert result.facet_counts("customer_group") == {"seniors": 1, "families": 1}
    assert result.facet_counts("kind") == {"challenge": 1, "offering": 1, "proposal": 1}
    assert result.facet_counts("stage") == {"submitted": 1}
    selected = {v.value: v.selected for v in result.facets["customer_group"]}
    assert selected == {"seniors": True, "families": False}


def test_a_selected_value_without_matches_stays_listed_with_zero(engine):
    result = run(engine, text="yoga", filters={"city": ["espoo"]})

    assert result.total == 0
    assert {v.value: (v.count, v.selected) for v in result.facets["city"]} == {"espoo": (0, True)}


def test_stage_facet_uses_challenge_phase_proposal_status_and_pilot_stage(engine):
    assert titles(run(engine, filters={"stage": ["voting"]})) == ["Museum nights"]
    assert titles(run(engine, filters={"stage": ["running"]})) == ["Yoga pilot"]
    assert sorted(titles(run(engine, filters={"stage": ["submitted", "closed"]}))) == [
        "Evening tours",
        "Family quiz",
        "Quiet mornings",
    ]


def test_year_city_theme_and_organisation_kind_filters(engine):
    assert titles(run(engine, filters={"year": ["2025"]})) == ["Yoga pilot"]
    assert titles(run(engine, filters={"city": ["vantaa"]})) == ["Museum app"]
    assert titles(run(engine, filters={"theme": ["outdoors"]})) == ["Lantern walks"]
    assert sorted(titles(run(engine, filters={"organisation_kind": ["research"]}))) == [
        "Evening tours",
        "Museum app",
    ]


def test_sort_by_votes_and_by_title(engine):
    assert titles(run(engine, sort="votes"))[:2] == ["Evening tours", "Family quiz"]
    assert titles(run(engine, sort="title")) == [
        "Evening tours",
        "Family quiz",
        "Lantern walks",
        "Morning yoga",
        "Museum app",
        "Museum nights",
        "Quiet mornings",
        "Yoga pilot",
    ]


def test_pages(engine):
    first = run(engine, sort="title", page_size=3)
    third = run(engine, sort="title", page_size=3, page=3)

    assert first.total == third.total == 8
    assert titles(first) == ["Evening tours", "Family quiz", "Lantern walks"]
    assert titles(third) == ["Quiet mornings", "Yoga pilot"]
    assert first.num_pages == 3


@pytest.mark.parametrize("role", ["anonymous", "resident", "team", "staff"])
def test_confidential_proposals_are_never_found_nor_counted_for_any_role(engine, catalogue, role):
    confidential = catalogue["confidential"]
    user = {
        "anonymous": lambda: AnonymousUser(),
        "resident": lambda: UserFactory(),
        "team": lambda: MembershipFactory(organisation=confidential.lead_organisation).user,
        "staff": lambda: UserFactory(is_staff=True, is_superuser=True),
    }[role]()

    assert run(engine, text="secret", user=user).total == 0
    assert "Secret lantern plan" not in titles(run(engine, text="lantern", user=user))
    everything = run(engine, user=user, sort="votes", page_size=100)
    assert "Secret lantern plan" not in titles(everything)
    assert "Draft lantern idea" not in titles(everything)
    assert "Unpublished lantern kit" not in titles(everything)
    assert everything.total == 8
    assert everything.facet_counts("kind")["proposal"] == 3
    assert "shortlisted" not in everything.facet_counts("stage")
    assert everything.facet_counts("customer_group")["seniors"] == 3
    assert everything.hits[0].title == "Evening tours"  # 7 votes; the confidential one has 99


@pytest.mark.parametrize("role", ["anonymous", "resident", "team", "staff"])
def test_the_confidential_parts_of_a_public_proposal_are_never_found_nor_counted(
    engine, catalogue, role
):
    team = catalogue["public"].lead_organisation
    user = {
        "anonymous": lambda: AnonymousUser(),
        "resident": lambda: UserFactory(),
        "team": lambda: MembershipFactory(organisation=team).user,
        "staff": lambda: UserFactory(is_staff=True, is_superuser=True),
    }[role]()
    for word in ("saffron", "cardamom", "tariff", "wicks"):
        result = run(engine, text=word, user=user)
        assert result.total == 0, word
        assert sum(result.facet_counts("kind").values()) == 0
        assert sum(result.facet_counts("customer_group").values()) == 0
    # The proposal itself is found by its public words, once.
    assert titles(run(engine, text="tours", user=user)) == ["Evening tours"]


def test_hit_shape(engine, catalogue):
    hit = run(engine, filters={"city": ["helsinki"]}).hits[0]

    assert hit.as_dict() == {
        "kind": "offering",
        "id": catalogue["offering"].pk,
        "title": "Lantern walks",
        "summary": "Guided evening walks for seniors.",
        "url": hit.url,
        "highlight": "",
        "customer_groups": ["seniors"],
        "themes": ["outdoors"],
        "stage": None,
        "cities": ["espoo", "helsinki"],
        "year": catalogue["now"].year,
        "vote_count": 0,
    }
