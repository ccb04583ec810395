"""The Elasticsearch engine, built on elasticsearch-dsl (`elasticsearch.dsl`).

Documents live in a timestamped index `<prefix>-catalogue-<UTC time>` behind the alias
`<prefix>-catalogue`; a rebuild fills a new index and swaps the alias in one atomic call,
so search never answers from an empty index. Each text version of an entry goes to the
fields of its language (`title_fi`, `summary_sv`, `body_en`…), analysed with that language's
analyser (and the standard one, `.words`); a version of unknown language to `*_any`, analysed
with the standard one and every language's. A query searches every language's fields, so the
words are stemmed in each language the entry has; highlights come from the fields of the
version shown. Facets follow the multi-select pattern:
the query narrows everything, the selected filters go to `post_filter` (hits only), and each
facet's aggregation is wrapped in a filter of every other facet's selection.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

import elastic_transport
from django.conf import settings
from django.utils import timezone, translation
from elasticsearch import ApiError, Elasticsearch, NotFoundError
from elasticsearch.dsl import Date, Document, Index, Integer, Keyword, Long, Object, Q, Search, Text
from elasticsearch.helpers import BulkIndexError, bulk, scan

from cms.phases import Phase, Schedule, phase_at
from ideas.models import Proposal

from ..documents import SCHEDULE_FIELDS, EntryData
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
    Hit,
    Sort,
    marked_to_html,
    terms,
)
from . import SearchUnavailable

LANGUAGE_ANALYSERS = {"fi": "finnish", "sv": "swedish", "en": "english"}
FACET_FIELD = {"kind": "kind", "stage": "stage", "year": "year", **MULTI_FIELD}
TEXT_WEIGHTS = {"title": 5, "summary": 2, "body": 1}
UNAVAILABLE_ERRORS = (elastic_transport.TransportError, ApiError, BulkIndexError)
# `index.max_result_window`, Elasticsearch's default: `from + size` beyond it is refused.
MAX_RESULT_WINDOW = 10_000


TEXT_PARTS = tuple(TEXT_WEIGHTS)
ANY = "any"  # the fields of a text version whose language is not known


def language_field(language: str) -> Text:
    """A language's text field: its analyser, and the standard one for the words as written."""
    return Text(analyzer=LANGUAGE_ANALYSERS[language], fields={"words": Text(analyzer="standard")})


def text_field() -> Text:
    """A text field of unknown language: the standard analyser, and every language's."""
    return Text(
        analyzer="standard",
        fields={sub: Text(analyzer=analyser) for sub, analyser in LANGUAGE_ANALYSERS.items()},
    )


def version_key(language: str) -> str:
    """The suffix of a text version's fields."""
    return language if language in LANGUAGE_ANALYSERS else ANY


class CatalogueDocument(Document):
    kind = Keyword()
    object_id = Long()
    language = Keyword()
    texts = Object(enabled=False)
    urls = Object(enabled=False)
    sort_title_fi = Keyword()
    sort_title_sv = Keyword()
    sort_title_en = Keyword()
    customer_groups = Keyword(multi=True)
    themes = Keyword(multi=True)
    cities = Keyword(multi=True)
    organisation_kinds = Keyword(multi=True)
    stage = Keyword()
    proposals_open = Date()
    proposals_close = Date()
    voting_open = Date()
    voting_close = Date()
    evaluation_end = Date()
    pilots_end = Date()
    date = Date()
    year = Integer()
    vote_count = Integer()
    fingerprint = Keyword()


for _part in TEXT_PARTS:
    for _code in LANGUAGE_ANALYSERS:
        CatalogueDocument._doc_type.mapping.field(f"{_part}_{_code}", language_field(_code))
    CatalogueDocument._doc_type.mapping.field(f"{_part}_{ANY}", text_field())


# --- Names and connection ----------------------------------------------------------------


def alias_name() -> str:
    return f"{settings.SEARCH_INDEX_PREFIX}-catalogue"


def new_index_name(now: datetime | None = None) -> str:
    now = (now or timezone.now()).astimezone(UTC)
    return f"{alias_name()}-{now:%Y%m%d%H%M%S%f}"


def index_definition(name: str) -> Index:
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=0)
    index.document(CatalogueDocument)
    return index


_clients: dict[tuple[str, float], Elasticsearch] = {}


def client() -> Elasticsearch:
    url = settings.ELASTICSEARCH_URL
    timeout = float(settings.ELASTICSEARCH_TIMEOUT)
    key = (url, timeout)
    if key not in _clients:
        _clients[key] = Elasticsearch(
            url, request_timeout=timeout, max_retries=0, retry_on_timeout=False
        )
    return _clients[key]


# --- Documents ---------------------------------------------------------------------------


def doc_id(kind: str, object_id: int) -> str:
    return f"{kind}-{object_id}"


def to_source(data: EntryData) -> dict:
    original = data.original
    versions: dict[str, dict[str, list[str]]] = {}
    for version in data.texts:
        slot = versions.setdefault(version_key(version.language), {p: [] for p in TEXT_PARTS})
        for part in TEXT_PARTS:
            slot[part].append(getattr(version, part))
    for language, label in data.labels.items():  # customer group and theme names: searched
        slot = versions.setdefault(version_key(language), {p: [] for p in TEXT_PARTS})
        slot["body"].append(label)
    source = {
        "kind": str(data.kind),
        "object_id": data.object_id,
        "language": data.language,
        **{
            f"{part}_{key}": "\n".join(t for t in texts[part] if t)
            for key, texts in versions.items()
            for part in TEXT_PARTS
        },
        "stage": data.stage or None,
        "date": data.date.isoformat(),
        **data.stored_as_is(),
        "original_title": original.title,
    }
    for name in SCHEDULE_FIELDS:
        value = data.schedule.get(name)
        source[name] = value.isoformat() if value else None
    return source


# --- Queries (no ORM, no request) --------------------------------------------------------

_CHALLENGE = Q("term", kind=EntryKind.CHALLENGE.value)


def _phase_conditions(now: str) -> list[tuple[str, Q]]:
    """The schedule conditions of cms.phases.phase_at, in its order: the first that holds
    names the phase; none holding means closed."""
    return [
        (Phase.UPCOMING, Q("range", proposals_open={"gt": now})),
        (Phase.PROPOSALS, Q("range", proposals_close={"gt": now})),
        (
            Phase.VOTING,
            Q(
                "bool",
                filter=[
                    Q("exists", field="voting_open"),
                    Q("exists", field="voting_close"),
                    Q("range", voting_close={"gt": now}),
                ],
            ),
        ),
        (Phase.EVALUATION, Q("range", evaluation_end={"gt": now})),
        (Phase.PILOTING, Q("range", pilots_end={"gt": now})),
    ]


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


HIGHLIGHT_FIELDS = [f"{part}_*" for part in ("summary", "body")] + [
    f"{part}_*.*" for part in ("summary", "body")
]


def sort_clauses(sort: str, language: str) -> list:
    tie = [{"kind": {"order": "asc"}}, {"object_id": {"order": "desc"}}]
    if sort == Sort.RELEVANCE:
        return [{"_score": {"order": "desc"}}, {"date": {"order": "desc"}}, *tie]
    if sort == Sort.VOTES:
        return [{"vote_count": {"order": "desc"}}, {"date": {"order": "desc"}}, *tie]
    if sort == Sort.TITLE:
        field = f"sort_title_{language}" if language in LANGUAGE_ANALYSERS else "sort_title_fi"
        return [{field: {"order": "asc"}}, *tie]
    return [{"date": {"order": "desc"}}, *tie]


def build_search(
    query: CatalogueQuery, *, now: datetime | None = None, language: str | None = None, using=None
) -> Search:
    """The Elasticsearch request for a catalogue query (`.to_dict()` is its JSON body)."""
    language = language or query.language or translation.get_language() or "fi"
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


def parse_response(
    query: CatalogueQuery, body: dict, *, language: str | None = None
) -> CatalogueResult:
    """A CatalogueResult from an Elasticsearch response body (a dict)."""
    language = language or query.language or translation.get_language() or "fi"
    hits = []
    for raw in body.get("hits", {}).get("hits", []):
        source = raw.get("_source", {})
        texts = source.get("texts") or []
        version = next((t for t in texts if t.get("language") == language), None) or (
            texts[0] if texts else {}
        )
        # The fragments of the version shown: its language's fields (summary before body).
        key = version_key(version.get("language", ""))
        fragments = []
        for field_name, field_fragments in sorted(
            (raw.get("highlight") or {}).items(), key=lambda item: not item[0].startswith("summary")
        ):
            if field_name.split(".")[0].rsplit("_", 1)[-1] != key:
                continue
            for fragment in field_fragments:
                if fragment not in fragments:
                    fragments.append(fragment)
        urls = source.get("urls") or {}
        hits.append(
            Hit(
                kind=source.get("kind", ""),
                id=int(source.get("object_id", 0)),
                title=version.get("title", ""),
                summary=version.get("summary", ""),
                url=urls.get(language) or urls.get(source.get("language", "")) or "",
                highlight=marked_to_html(" … ".join(fragments[:2])) if fragments else "",
                customer_groups=list(source.get("customer_groups") or []),
                themes=list(source.get("themes") or []),
                stage=_stage_of(source),
                cities=list(source.get("cities") or []),
                year=int(source.get("year") or 0),
                vote_count=int(source.get("vote_count") or 0),
                language=source.get("language", ""),
                organisation_kinds=list(source.get("organisation_kinds") or []),
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


# --- The engine --------------------------------------------------------------------------


class ElasticsearchEngine:
    name = "elasticsearch"

    def __init__(self, es: Elasticsearch | None = None):
        self.es = es or client()

    def search(self, query: CatalogueQuery) -> CatalogueResult:
        language = query.language or translation.get_language() or "fi"
        s = build_search(query, language=language)
        try:
            body = self.es.search(index=alias_name(), body=s.to_dict())
        except UNAVAILABLE_ERRORS as error:
            raise SearchUnavailable(str(error)) from error
        return parse_response(
            query, body.body if hasattr(body, "body") else body, language=language
        )

    def write(self, entries: list[EntryData]) -> None:
        actions = [
            {
                "_op_type": "index",
                "_index": alias_name(),
                "_id": doc_id(e.kind, e.object_id),
                "_source": to_source(e),
            }
            for e in entries
        ]
        try:
            # require_alias: never let a write before the first rebuild auto-create an index
            # named like the alias.
            bulk(self.es, actions, refresh="wait_for", require_alias=True)
        except UNAVAILABLE_ERRORS as error:
            raise SearchUnavailable(str(error)) from error

    def remove(self, keys: Iterable[tuple[str, int]]) -> None:
        actions = [
            {"_op_type": "delete", "_index": alias_name(), "_id": doc_id(k, o)} for k, o in keys
        ]
        try:
            bulk(self.es, actions, raise_on_error=False, refresh="wait_for")
        except UNAVAILABLE_ERRORS as error:
            raise SearchUnavailable(str(error)) from error

    def replace_all(
        self, entries: Iterable[EntryData], *, batch_size: int = 500, progress=None
    ) -> dict[str, int]:
        """Fill a new timestamped index, then point the alias at it and drop the old ones."""
        name = new_index_name()
        counts: dict[str, int] = {}
        try:
            index_definition(name).create(using=self.es)
            batch = []
            for entry in entries:
                counts[entry.kind] = counts.get(entry.kind, 0) + 1
                batch.append(
                    {
                        "_index": name,
                        "_id": doc_id(entry.kind, entry.object_id),
                        "_source": to_source(entry),
                    }
                )
                if len(batch) >= batch_size:
                    bulk(self.es, batch)
                    if progress:
                        progress(len(batch))
                    batch = []
            if batch:
                bulk(self.es, batch)
                if progress:
                    progress(len(batch))
            self.es.indices.refresh(index=name)
            try:
                old = list(self.es.indices.get_alias(name=alias_name()).body)
            except NotFoundError:
                old = []
                if self.es.indices.exists(
                    index=alias_name()
                ):  # a concrete index in the alias's way
                    self.es.indices.delete(index=alias_name())
            actions = [{"remove": {"index": o, "alias": alias_name()}} for o in old]
            actions.append({"add": {"index": name, "alias": alias_name()}})
            self.es.indices.update_aliases(actions=actions)
            for o in old:
                self.es.indices.delete(index=o, ignore_unavailable=True)
        except UNAVAILABLE_ERRORS as error:
            raise SearchUnavailable(str(error)) from error
        return counts

    def set_vote_counts(self, proposal_ids: list[int]) -> None:
        counts = Proposal.objects.filter(pk__in=proposal_ids).values_list("pk", "vote_count")
        actions = [
            {
                "_op_type": "update",
                "_index": alias_name(),
                "_id": doc_id(EntryKind.PROPOSAL, pk),
                "doc": {"vote_count": count},
            }
            for pk, count in counts
        ]
        try:
            # A proposal that is not public has no document: its 404 is not an error.
            bulk(self.es, actions, require_alias=True, raise_on_error=False)
        except UNAVAILABLE_ERRORS as error:
            raise SearchUnavailable(str(error)) from error

    def fingerprints(self) -> dict[tuple[str, int], tuple[str, int]]:
        """(fingerprint, vote count) of every entry."""
        try:
            return {
                (hit["_source"]["kind"], int(hit["_source"]["object_id"])): (
                    hit["_source"].get("fingerprint", ""),
                    int(hit["_source"].get("vote_count") or 0),
                )
                for hit in scan(
                    self.es,
                    index=alias_name(),
                    query={"_source": ["kind", "object_id", "fingerprint", "vote_count"]},
                )
            }
        except UNAVAILABLE_ERRORS as error:
            raise SearchUnavailable(str(error)) from error
