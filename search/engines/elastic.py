"""The Elasticsearch engine, built on elasticsearch-dsl (`elasticsearch.dsl`): the client,
the writes and the index maintenance. The mapping and documents are in `elastic_index`, the
request and response in `elastic_query`.

A rebuild fills a new timestamped index and swaps the alias in one atomic call, so search
never answers from an empty index.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import contextmanager

import elastic_transport
from django.conf import settings
from elasticsearch import ApiError, Elasticsearch, NotFoundError
from elasticsearch.dsl import Index
from elasticsearch.helpers import BulkIndexError, bulk, scan

from ideas.models import Proposal

from ..documents import EntryData
from ..models import EntryKind
from ..query import CatalogueQuery, CatalogueResult
from . import SearchUnavailable
from .common import display_language, in_batches
from .elastic_index import alias_name, doc_id, index_definition, new_index_name, to_source
from .elastic_query import build_search, parse_response

# `Index` too: a rebuild creates its index through it (`index_definition(name).create`).
__all__ = [
    "ElasticsearchEngine",
    "Index",
    "alias_name",
    "build_search",
    "client",
    "index_definition",
    "new_index_name",
    "parse_response",
    "to_source",
]

UNAVAILABLE_ERRORS = (elastic_transport.TransportError, ApiError, BulkIndexError)

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


@contextmanager
def _answering():
    """A server that cannot answer raises `SearchUnavailable`."""
    try:
        yield
    except UNAVAILABLE_ERRORS as error:
        raise SearchUnavailable(str(error)) from error


class ElasticsearchEngine:
    name = "elasticsearch"

    def __init__(self, es: Elasticsearch | None = None):
        self.es = es or client()

    def search(self, query: CatalogueQuery) -> CatalogueResult:
        language = display_language(query)
        s = build_search(query, language=language)
        with _answering():
            body = self.es.search(index=alias_name(), body=s.to_dict())
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
        with _answering():
            # require_alias: never let a write before the first rebuild auto-create an index
            # named like the alias.
            bulk(self.es, actions, refresh="wait_for", require_alias=True)

    def remove(self, keys: Iterable[tuple[str, int]]) -> None:
        actions = [
            {"_op_type": "delete", "_index": alias_name(), "_id": doc_id(k, o)} for k, o in keys
        ]
        with _answering():
            bulk(self.es, actions, raise_on_error=False, refresh="wait_for")

    def replace_all(
        self, entries: Iterable[EntryData], *, batch_size: int = 500, progress=None
    ) -> dict[str, int]:
        """Fill a new timestamped index, then point the alias at it and drop the old ones."""
        name = new_index_name()

        def fill(batch: list[EntryData]) -> None:
            bulk(
                self.es,
                [
                    {"_index": name, "_id": doc_id(e.kind, e.object_id), "_source": to_source(e)}
                    for e in batch
                ],
            )

        with _answering():
            index_definition(name).create(using=self.es)
            counts = in_batches(entries, batch_size, fill, progress)
            self.es.indices.refresh(index=name)
            self._point_alias_at(name)
        return counts

    def _point_alias_at(self, name: str) -> None:
        """Move the alias to the index named in one call, then drop the indices it left."""
        try:
            old = list(self.es.indices.get_alias(name=alias_name()).body)
        except NotFoundError:
            old = []
            if self.es.indices.exists(index=alias_name()):  # a concrete index in the alias's way
                self.es.indices.delete(index=alias_name())
        actions = [{"remove": {"index": o, "alias": alias_name()}} for o in old]
        actions.append({"add": {"index": name, "alias": alias_name()}})
        self.es.indices.update_aliases(actions=actions)
        for o in old:
            self.es.indices.delete(index=o, ignore_unavailable=True)

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
        with _answering():
            # A proposal that is not public has no document: its 404 is not an error.
            bulk(self.es, actions, require_alias=True, raise_on_error=False)

    def fingerprints(self) -> dict[tuple[str, int], tuple[str, int]]:
        """(fingerprint, vote count) of every entry."""
        with _answering():
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
