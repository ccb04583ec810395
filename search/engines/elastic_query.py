"""The Elasticsearch request of a catalogue query, and the result of its response (no ORM,
no request, no server).

A query searches every language's fields, so the words are stemmed in each language the
entry has; highlights come from the fields of the version shown. Facets follow the
multi-select pattern: the query narrows everything, the selected filters go to
`post_filter` (hits only), and each facet's aggregation is wrapped in a filter of every
other facet's selection.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from elasticsearch.dsl import Q, Search

from cms.phases import Phase, Schedule, phase_at

from ..documents import SCHEDULE_FIELDS
from ..labels import build_facets
from ..models import EntryKind
from ..query import (
    FACETS,
    MARK_END,
    MARK_START,
    MULTI_FIELD,
    STAGE_LABELS,
    CatalogueQuery,
    CatalogueResult,
    terms,
)
from .common import (
    PHASE_RULES,
    TEXT_PARTS,
    TEXT_WEIGHTS,
    display_language,
    sort_keys,
    sort_title_field,
    stored_hit,
    text_version,
)
from .elastic_index import ANY, LANGUAGE_ANALYSERS, alias_name, version_key

FACET_FIELD = {"kind": "kind", "stage": "stage", "year": "year", **MULTI_FIELD}
# `index.max_result_window`, Elasticsearch's default: `from + size` beyond it is refused.
MAX_RESULT_WINDOW = 10_000
HIGHLIGHT_FIELDS = [f"{part}_*" for part in ("summary", "body")] + [
    f"{part}_*.*" for part in ("summary", "body")
]

_CHALLENGE = Q("term", kind=EntryKind.CHALLENGE.value)


def _phase_conditions(now: str) -> list[tuple[str, Q]]:
    """Each phase's condition (`PHASE_RULES`), in their order."""
    conditions = []
    for rule in PHASE_RULES:
        before = Q("range", **{rule.before: {"gt": now}})
        if rule.scheduled:
            before = Q(
                "bool", filter=[*(Q("exists", field=name) for name in rule.scheduled), before]
            )
        conditions.append((rule.phase, before))
    return conditions


def stage_query(value: str, now: str) -> Q:
    conditions = _phase_conditions(now)
    names = [str(p) for p, _c in conditions]
    if value in names:
        i = names.index(value)
        return Q(
            "bool", filter=[_CHALLENGE, conditions[i][1]], must_not=[c for _p, c in conditions[:i]]
        )
    if value == Phase.CLOSED:
        return Q("bool", filter=[_CHALLENGE], must_not=[c for _p, c in conditions])
    return Q("term", stage=value)


def facet_filter(facet: str, values: list[str], now: str) -> Q:
    if facet == "stage":
        return Q("bool", should=[stage_query(v, now) for v in values], minimum_should_match=1)
    if facet == "year":
        return Q("terms", year=[int(v) for v in values])
    return Q("terms", **{FACET_FIELD[facet]: list(values)})


def text_fields() -> list[str]:
    """Every language's fields: each query word is analysed in every language."""
    fields = []
    for name, weight in TEXT_WEIGHTS.items():
        for code in LANGUAGE_ANALYSERS:
            fields += [f"{name}_{code}^{weight}", f"{name}_{code}.words^{weight}"]
        fields.append(f"{name}_{ANY}^{weight}")
        fields += [f"{name}_{ANY}.{sub}^{weight}" for sub in LANGUAGE_ANALYSERS]
    return fields


def sort_clauses(sort: str, language: str) -> list:
    names = {"rank": "_score", "sort_title": sort_title_field(language)}
    return [{names.get(key, key): {"order": order}} for key, order in sort_keys(sort)]


def build_search(
    query: CatalogueQuery, *, now: datetime | None = None, language: str | None = None, using=None
) -> Search:
    """The Elasticsearch request for a catalogue query (`.to_dict()` is its JSON body)."""
    language = language or display_language(query)
    now_iso = (now or timezone.now()).isoformat()
    s = Search(using=using, index=alias_name()).extra(track_total_hits=True)
    words = terms(query.text)
    if words:
        s = s.query(
            "simple_query_string",
            query=" ".join(words),
            fields=text_fields(),
            default_operator="and",
            flags="NONE",
        )
    selected = {
        facet: facet_filter(facet, values, now_iso)
        for facet, values in query.filters.items()
        if values
    }
    if selected:
        s = s.post_filter("bool", filter=list(selected.values()))
    for facet in FACETS:
        others = [q for f, q in selected.items() if f != facet]
        wrapper = s.aggs.bucket(
            facet, "filter", filter=Q("bool", filter=others) if others else Q("match_all")
        )
        if facet == "stage":
            wrapper.bucket(
                "values",
                "filters",
                filters={value: stage_query(value, now_iso) for value in STAGE_LABELS},
            )
        else:
            wrapper.bucket("values", "terms", field=FACET_FIELD[facet], size=500)
    s = s.sort(*sort_clauses(query.sort, language))
    if words:
        s = s.highlight_options(
            pre_tags=[MARK_START], post_tags=[MARK_END], fragment_size=160, number_of_fragments=2
        ).highlight(*HIGHLIGHT_FIELDS)
    s = s.source(excludes=[f"{part}_*" for part in TEXT_PARTS])
    if query.offset + query.page_size > MAX_RESULT_WINDOW:
        return s[0:0]  # Elasticsearch refuses to page deeper: the total and the facets only
    return s[query.offset : query.offset + query.page_size]


def _stage_of(source: dict) -> str | None:
    if source.get("kind") == EntryKind.CHALLENGE and source.get("proposals_open"):
        values = {
            name: datetime.fromisoformat(source[name]) if source.get(name) else None
            for name in SCHEDULE_FIELDS
        }
        return phase_at(Schedule(**values)).value
    return source.get("stage") or None


def _fragments(highlight: dict, key: str) -> list[str]:
    """The highlighted fragments of the version shown: its language's fields (summary before
    body), each once."""
    fragments = []
    for field_name, field_fragments in sorted(
        highlight.items(), key=lambda item: not item[0].startswith("summary")
    ):
        if field_name.split(".")[0].rsplit("_", 1)[-1] != key:
            continue
        for fragment in field_fragments:
            if fragment not in fragments:
                fragments.append(fragment)
    return fragments


def parse_response(
    query: CatalogueQuery, body: dict, *, language: str | None = None
) -> CatalogueResult:
    """A CatalogueResult from an Elasticsearch response body (a dict)."""
    language = language or display_language(query)
    hits = []
    for raw in body.get("hits", {}).get("hits", []):
        source = raw.get("_source", {})
        version = text_version(source.get("texts") or [], language)
        fragments = _fragments(raw.get("highlight") or {}, version_key(version.get("language", "")))
        urls = source.get("urls") or {}
        hits.append(
            stored_hit(
                source,
                version,
                url=urls.get(language) or urls.get(source.get("language", "")) or "",
                highlight=" … ".join(fragments[:2]),
                stage=_stage_of(source),
            )
        )
    counts: dict[str, dict[str, int]] = {}
    aggs = body.get("aggregations", {})
    for facet in FACETS:
        buckets = aggs.get(facet, {}).get("values", {}).get("buckets", {})
        if isinstance(buckets, dict):  # a `filters` aggregation
            counts[facet] = {
                key: b["doc_count"] for key, b in buckets.items() if b.get("doc_count")
            }
        else:
            counts[facet] = {str(b["key"]): b["doc_count"] for b in buckets if b.get("doc_count")}
    total = body.get("hits", {}).get("total", {})
    total = total.get("value", 0) if isinstance(total, dict) else int(total or 0)
    return CatalogueResult(
        query=query,
        hits=hits,
        total=total,
        facets=build_facets(counts, query.filters, language),
        engine="elasticsearch",
    )
