"""The catalogue's entry point: `search(query) -> CatalogueResult`, whichever engine is configured.

    from search.catalogue import search
    from search.query import CatalogueQuery
    result = search(CatalogueQuery(text="senior", filters={"kind": ["offering"]}, user=request.user))

Raises `SearchUnavailable` when Elasticsearch is configured but cannot answer, unless
`SEARCH_FALLBACK_TO_DATABASE` is set: then the database engine answers instead.
"""

from __future__ import annotations

import logging

from django.conf import settings

from .engines import SearchUnavailable
from .query import CatalogueQuery, CatalogueResult

logger = logging.getLogger(__name__)

__all__ = ["SearchUnavailable", "elasticsearch_enabled", "get_engine", "search"]


def elasticsearch_enabled() -> bool:
    return bool(settings.ELASTICSEARCH_URL)


def get_engine(name: str | None = None):
    """The engine named, or the configured one: Elasticsearch when ELASTICSEARCH_URL is set."""
    name = name or ("elasticsearch" if elasticsearch_enabled() else "database")
    if name == "elasticsearch":
        from .engines.elastic import ElasticsearchEngine

        return ElasticsearchEngine()
    from .engines.database import DatabaseEngine

    return DatabaseEngine()


def search(query: CatalogueQuery, *, engine: str | None = None) -> CatalogueResult:
    """Public entries only: the index holds nothing a visitor could not open, so the answer is
    the same for every user (staff included)."""
    chosen = get_engine(engine)
    try:
        return chosen.search(query)
    except SearchUnavailable:
        if chosen.name != "database" and settings.SEARCH_FALLBACK_TO_DATABASE:
            logger.warning(
                "Elasticsearch is unavailable: the database engine answers the catalogue."
            )
            return get_engine("database").search(query)
        raise
