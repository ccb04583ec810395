"""The Elasticsearch engine without a server: mapping and request bodies as JSON, response
parsing, and what happens when the server cannot be reached."""

import json
from datetime import UTC, datetime

import pytest

from search.catalogue import search
from search.engines import SearchUnavailable
from search.engines.elastic import (
    ElasticsearchEngine,
    alias_name,
    build_search,
    index_definition,
    new_index_name,
    parse_response,
)
from search.query import FACETS, MARK_END, MARK_START, CatalogueQuery

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
CLOSED_PORT = "http://127.0.0.1:9"


def body(query: CatalogueQuery) -> dict:
    return build_search(query, now=NOW, language="en").to_dict()


def test_mapping_has_language_analysers_and_keyword_facets(settings):
    settings.SEARCH_INDEX_PREFIX = "tori-test"
    definition = index_definition("tori-test-catalogue-1").to_dict()
    properties = definition["mappings"]["properties"]

    for name in ("title", "summary", "body"):
        for code, analyser in (("fi", "finnish"), ("sv", "swedish"), ("en", "english")):
            field = properties[f"{name}_{code}"]
            assert (field["type"], field["analyzer"]) == ("text", analyser)
            assert field["fields"]["words"]["analyzer"] == "standard"
        unknown = properties[f"{name}_any"]
        assert unknown["analyzer"] == "standard"
        assert {sub: f["analyzer"] for sub, f in unknown["fields"].items()} == {
            "fi": "finnish",
            "sv": "swedish",
            "en": "english",
        }
        assert name not in properties
    for name in ("kind", "customer_groups", "themes", "cities", "organisation_kinds", "stage"):
        assert properties[name] == {"type": "keyword"}
    assert properties["year"] == {"type": "integer"}
    assert properties["date"] == {"type": "date"}
    assert properties["texts"] == {"type": "object", "enabled": False}
    json.dumps(definition)  # serialisable as sent


def test_index_names_use_the_prefix_and_a_timestamp(settings):
    settings.SEARCH_INDEX_PREFIX = "city"
    assert alias_name() == "city-catalogue"
    assert new_index_name(NOW).startswith("city-catalogue-20260601120000")


def test_text_query_matches_all_words_across_language_fields_with_weights():
    q = body(CatalogueQuery(text="Lantern, walks!"))["query"]["simple_query_string"]

    assert q["query"] == "lantern walks"
    assert q["default_operator"] == "and"
    assert {"title_fi^5", "title_sv.words^5", "summary_sv^2", "body_en^1"} <= set(q["fields"])
    # A version of unknown language is searched in every language's analysis too.
    assert {"title_any^5", "title_any.fi^5", "summary_any.sv^2", "body_any.en^1"} <= set(
        q["fields"]
    )


def test_selected_filters_go_to_post_filter_and_each_facet_aggregation_skips_its_own():
    data = body(CatalogueQuery(filters={"kind": ["offering", "pilot"], "city": ["espoo"]}))

    post = data["post_filter"]["bool"]["filter"]
    assert {"terms": {"kind": ["offering", "pilot"]}} in post
    assert {"terms": {"cities": ["espoo"]}} in post
    assert set(data["aggs"]) == set(FACETS)
    assert data["aggs"]["kind"]["filter"] == {
        "bool": {"filter": [{"terms": {"cities": ["espoo"]}}]}
    }
    assert data["aggs"]["city"]["filter"] == {
        "bool": {"filter": [{"terms": {"kind": ["offering", "pilot"]}}]}
    }
    both = data["aggs"]["theme"]["filter"]["bool"]["filter"]
    assert len(both) == 2
    assert data["aggs"]["city"]["aggs"]["values"]["terms"]["field"] == "cities"
    assert "query" not in data  # no text: everything, newest first
    assert data["sort"][0] == {"date": {"order": "desc"}}
    assert data["track_total_hits"] is True


def test_stage_facet_counts_challenge_phases_from_the_schedule_at_query_time():
    data = body(CatalogueQuery(filters={"stage": ["voting"]}))
    buckets = data["aggs"]["stage"]["aggs"]["values"]["filters"]["filters"]

    assert buckets["submitted"] == {"term": {"stage": "submitted"}}
    voting = buckets["voting"]["bool"]
    assert {"term": {"kind": "challenge"}} in voting["filter"]
    assert {"range": {"proposals_close": {"gt": NOW.isoformat()}}} in voting["must_not"]
    assert "closed" in buckets and "running" in buckets
    assert data["post_filter"]["bool"]["filter"][0]["bool"]["should"][0] == buckets["voting"]


def test_sorts_pages_and_highlight():
    data = body(CatalogueQuery(text="museum", sort="title", page=3, page_size=10))

    assert data["sort"][0] == {"sort_title_en": {"order": "asc"}}
    assert data["from"] == 20 and data["size"] == 10
    assert data["highlight"]["pre_tags"] == [MARK_START]
    assert set(data["highlight"]["fields"]) == {"summary_*", "summary_*.*", "body_*", "body_*.*"}
    relevance = body(CatalogueQuery(text="museum"))
    assert relevance["sort"][0] == {"_score": {"order": "desc"}}
    votes = body(CatalogueQuery(sort="votes"))
    assert votes["sort"][0] == {"vote_count": {"order": "desc"}}


@pytest.mark.django_db
def test_response_parsing_gives_the_interface_result():
    response = {
        "hits": {
            "total": {"value": 1, "relation": "eq"},
            "hits": [
                {
                    "_source": {
                        "kind": "offering",
                        "object_id": 7,
                        "language": "fi",
                        "texts": [{"language": "fi", "title": "Lyhtykävely", "summary": "Kävely"}],
                        "urls": {"fi": "/fi/offerings/a/", "en": "/en/offerings/a/"},
                        "customer_groups": ["seniors"],
                        "themes": [],
                        "cities": ["espoo"],
                        "stage": None,
                        "year": 2026,
                        "vote_count": 0,
                    },
                    "highlight": {"summary_fi": [f"a <b> {MARK_START}senior{MARK_END}"]},
                }
            ],
        },
        "aggregations": {
            "kind": {"doc_count": 1, "values": {"buckets": [{"key": "offering", "doc_count": 1}]}},
            "year": {"doc_count": 1, "values": {"buckets": [{"key": 2026, "doc_count": 1}]}},
            "stage": {
                "doc_count": 1,
                "values": {"buckets": {"voting": {"doc_count": 0}, "running": {"doc_count": 2}}},
            },
        },
    }
    result = parse_response(CatalogueQuery(filters={"kind": ["offering"]}), response, language="en")

    assert result.total == 1
    hit = result.hits[0]
    assert (hit.kind, hit.id, hit.title, hit.url) == (
        "offering",
        7,
        "Lyhtykävely",
        "/en/offerings/a/",
    )
    assert str(hit.highlight) == "a &lt;b&gt; <mark>senior</mark>"
    assert result.facet_counts("kind") == {"offering": 1}
    assert result.facets["kind"][0].selected is True
    assert result.facet_counts("year") == {"2026": 1}
    assert result.facet_counts("stage") == {"running": 2}


def test_unreachable_server_raises_search_unavailable(settings):
    settings.ELASTICSEARCH_URL = CLOSED_PORT
    settings.ELASTICSEARCH_TIMEOUT = 1

    with pytest.raises(SearchUnavailable):
        ElasticsearchEngine().search(CatalogueQuery(text="museum"))


@pytest.mark.django_db
def test_unreachable_server_falls_back_to_the_database_when_allowed(settings, catalogue):
    settings.ELASTICSEARCH_URL = CLOSED_PORT
    settings.ELASTICSEARCH_TIMEOUT = 1
    settings.SEARCH_FALLBACK_TO_DATABASE = True

    result = search(CatalogueQuery(text="lantern"))

    assert result.engine == "database"
    assert result.total == 3


class _FakeIndices:
    def __init__(self, existing):
        self.calls = []
        self.existing = existing

    def create(self, index, **kwargs):
        self.calls.append(("create", index))

    def refresh(self, index):
        self.calls.append(("refresh", index))

    def get_alias(self, name):
        class Answer:
            body = dict.fromkeys(self.existing, {})

        return Answer()

    def exists(self, index):
        return False

    def update_aliases(self, actions):
        self.calls.append(("update_aliases", actions))

    def delete(self, index, **kwargs):
        self.calls.append(("delete", index))


class _FakeClient:
    def __init__(self, existing):
        self.indices = _FakeIndices(existing)

    def options(self, **kwargs):
        return self


def test_rebuild_fills_a_new_index_then_swaps_the_alias_atomically(settings, monkeypatch):
    from search.documents import EntryData, TextVersion
    from search.engines import elastic

    settings.SEARCH_INDEX_PREFIX = "tori"
    written = []
    monkeypatch.setattr(elastic, "bulk", lambda es, actions, **kw: written.extend(actions))
    monkeypatch.setattr(
        elastic.Index, "create", lambda self, using=None: using.indices.create(index=self._name)
    )
    es = _FakeClient(existing=["tori-catalogue-old"])
    entry = EntryData(
        kind="offering",
        object_id=7,
        language="fi",
        texts=[TextVersion("fi", "Lyhty", "Kävely", "")],
        urls={"fi": "/fi/o/7/"},
        date=NOW,
        cities=["espoo"],
    )

    counts = elastic.ElasticsearchEngine(es=es).replace_all([entry])

    assert counts == {"offering": 1}
    (created,) = [c[1] for c in es.indices.calls if c[0] == "create"]
    assert created.startswith("tori-catalogue-") and created != "tori-catalogue-old"
    assert written[0]["_index"] == created and written[0]["_id"] == "offering-7"
    assert written[0]["_source"]["cities"] == ["espoo"]
    names = [c[0] for c in es.indices.calls]
    assert names == ["create", "refresh", "update_aliases", "delete"]
    assert es.indices.calls[2][1] == [
        {"remove": {"index": "tori-catalogue-old", "alias": "tori-catalogue"}},
        {"add": {"index": created, "alias": "tori-catalogue"}},
    ]
    assert es.indices.calls[3] == ("delete", "tori-catalogue-old")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "title", "highlight"),
    [
        ("fi", "Perheviikonloput", "<mark>Perheille</mark> museossa."),
        ("sv", "Familjeveckoslut", "För <mark>familjer</mark> på museet."),
        ("en", "Perheviikonloput", "<mark>Perheille</mark> museossa."),  # no English: the original
    ],
)
def test_the_highlight_comes_from_the_version_shown(language, title, highlight):
    source = {
        "kind": "challenge",
        "object_id": 3,
        "language": "fi",
        "texts": [
            {"language": "fi", "title": "Perheviikonloput", "summary": "Perheille."},
            {"language": "sv", "title": "Familjeveckoslut", "summary": "För familjer."},
        ],
        "urls": {},
    }
    response = {
        "hits": {
            "total": {"value": 1},
            "hits": [
                {
                    "_source": source,
                    "highlight": {
                        "body_sv.words": [f"För {MARK_START}familjer{MARK_END} på museet."],
                        "summary_fi": [f"{MARK_START}Perheille{MARK_END} museossa."],
                    },
                }
            ],
        }
    }
    hit = parse_response(CatalogueQuery(text="perheet"), response, language=language).hits[0]

    assert (hit.title, str(hit.highlight)) == (title, highlight)


def test_each_text_version_goes_to_its_language_s_fields():
    from search.documents import EntryData, TextVersion
    from search.engines.elastic import to_source

    entry = EntryData(
        kind="challenge",
        object_id=1,
        language="fi",
        texts=[
            TextVersion("fi", "Perheet", "Tiivistelmä", "Runko"),
            TextVersion("sv", "Familjer", "Sammandrag", "Text"),
        ],
        urls={},
        date=NOW,
    )
    offering = EntryData(
        kind="offering",
        object_id=2,
        language="",
        texts=[TextVersion("", "Lyhty", "Lantern", "")],
        urls={},
        date=NOW,
    )

    source = to_source(entry)
    assert (source["title_fi"], source["summary_sv"], source["body_sv"]) == (
        "Perheet",
        "Sammandrag",
        "Text",
    )
    assert "title_en" not in source and "title_any" not in source
    assert to_source(offering)["title_any"] == "Lyhty"
