"""The database engine: a denormalised index in our own tables.

Both keep every language version of an entry, each analysed in its own language; a query
word matches a version's word when that begins with the word as typed or equals the word's
stem in any language (`search.stemming`), every word must match.
PostgreSQL: a weighted `tsvector` (title A, summary B, body C), each version parsed with its
language's configuration (finnish, swedish, english; all three when unknown) and with
`simple` (the words as written),
ranked by `ts_rank`, highlighted by `ts_headline` in the version of the language asked.
SQLite: an FTS5 table of Snowball stems (`search.stemming`), ranked by `bm25` with the same
column weights, highlighted by `stemming.highlight()`. Tori runs on no other database.
Facets: counted over the matching set, in the same statement as the page (`database_query`).

This module is the engine: `DatabaseEngine` searches; the writes (`write`, `remove`,
`replace_all`, `set_vote_counts`, `fingerprints`) are `database_index`'s.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.db.models import Case, CharField, F, Value, When
from django.utils import timezone

from cms.phases import Phase

from .. import stemming
from ..labels import build_facets
from ..models import CatalogueEntry, EntryKind
from ..query import FACETS, CatalogueQuery, CatalogueResult, Hit, terms
from .common import PHASE_RULES, display_language, stored_hit, text_version
from .database_index import (
    SUPPORTED,
    UNSUPPORTED,
    fingerprints,
    remove,
    replace_all,
    set_vote_counts,
    vendor,
    write,
)
from .database_query import SINGLE_VALUED, SearchStatement, pg_headlines

__all__ = [
    "DatabaseEngine",
    "fingerprints",
    "remove",
    "replace_all",
    "set_vote_counts",
    "stage_expression",
    "write",
]

SEARCH_WORK_MEM = "64MB"
# The columns a hit is made of (the highlights read `search_texts` too).
HIT_COLUMNS = (
    "id",
    "kind",
    "object_id",
    "language",
    "title",
    "summary",
    "url",
    "texts",
    "urls",
    "customer_groups",
    "themes",
    "cities",
    "organisation_kinds",
    "year",
    "vote_count",
    "current_stage",
)


def stage_expression(now=None):
    """The stage facet's value: a challenge's phase from its schedule now (cms.phases.phase_at,
    `PHASE_RULES`), otherwise the stored proposal status or pilot stage."""
    now = now or timezone.now()
    phase = Case(
        *(
            When(
                **{f"{name}__isnull": False for name in rule.scheduled},
                **{f"{rule.before}__gt": now},
                then=Value(rule.phase.value),
            )
            for rule in PHASE_RULES
        ),
        default=Value(Phase.CLOSED.value),
        output_field=CharField(),
    )
    return Case(
        When(kind=EntryKind.CHALLENGE, then=phase), default=F("stage"), output_field=CharField()
    )


class DatabaseEngine:
    name = "database"

    def __init__(self):
        self.vendor = vendor()
        if self.vendor not in SUPPORTED:
            raise ImproperlyConfigured(UNSUPPORTED)

    def search(self, query: CatalogueQuery) -> CatalogueResult:
        language = display_language(query)
        words = terms(query.text)
        now = timezone.now()
        sql, params = SearchStatement(self.vendor).build(query, language, words, now)
        with transaction.atomic(), connection.cursor() as cursor:
            if self.vendor == "postgresql":
                # The matching set and the page's sort stay in memory (the default 4 MB spills
                # to disk from about 20,000 matches).
                cursor.execute(f"SET LOCAL work_mem = '{SEARCH_WORK_MEM}'")
                # The UNION's estimated cost passes jit_above_cost from some 10,000 entries, and
                # compiling it costs more than it saves (a third of a 100,000-entry search).
                cursor.execute("SET LOCAL jit = off")
            cursor.execute(sql, params)
            result = cursor.fetchall()
        counts, total, ids = self._read(result, query.filters)
        rows = self._rows(ids, words, now)
        highlights = self._highlights(rows, words, language)
        return CatalogueResult(
            query=query,
            hits=[self._hit(row, language, highlights.get(row["id"], "")) for row in rows],
            total=total,
            facets=build_facets(counts, query.filters, language),
            engine=self.name,
        )

    @staticmethod
    def _read(result, filters) -> tuple[dict[str, dict[str, int]], int, list[int]]:
        """The facet counts, the total and the page's entry ids from the statement's rows
        (`SearchStatement`)."""
        counts: dict[str, dict[str, int]] = {f: {} for f in FACETS}
        total = 0
        page: list[tuple[int, int]] = []
        single = [f for f in SINGLE_VALUED if not filters.get(f)]
        for branch, facet, a, b, c, n in result:
            if branch == "s":
                total += n
                for name, value in zip(SINGLE_VALUED, (a, b, c), strict=True):
                    if name in single and value not in (None, ""):
                        counts[name][value] = counts[name].get(value, 0) + n
            elif branch in ("m", "o"):
                if a not in (None, ""):
                    counts[facet][a] = counts[facet].get(a, 0) + n
            else:
                page.append((n, int(a)))
        return counts, total, [pk for _position, pk in sorted(page)]

    @staticmethod
    def _rows(ids: list[int], words: list[str], now) -> list[dict]:
        """The page's entries, in its order: their stored fields and stage now."""
        columns = [*HIT_COLUMNS, "search_texts"] if words else HIT_COLUMNS
        entries = CatalogueEntry.objects.annotate(current_stage=stage_expression(now))
        by_id = {row["id"]: row for row in entries.filter(pk__in=ids).values(*columns)}
        return [by_id[pk] for pk in ids if pk in by_id]

    def _highlights(self, rows: list[dict], words: list[str], language: str):
        """{entry id: excerpt with the words marked}, from the version in the language asked
        (else the original): `ts_headline` on PostgreSQL (one query), the same stemming as the
        index on SQLite (no query)."""
        if not rows or not words:
            return {}
        versions = {row["id"]: text_version(row["search_texts"], language) for row in rows}
        texts = {
            pk: " ".join(t for t in (v.get("summary", ""), v.get("body", "")) if t)
            for pk, v in versions.items()
        }
        if self.vendor == "sqlite":
            return {
                pk: stemming.highlight(texts[pk], versions[pk].get("language", ""), words)
                for pk in versions
            }
        ids = list(versions)
        sql, params = pg_headlines(
            words,
            ids,
            [versions[pk].get("config") or "simple" for pk in ids],
            [texts[pk] for pk in ids],
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return dict(cursor.fetchall())

    @staticmethod
    def _hit(row: dict, language: str, highlight: str) -> Hit:
        version = text_version(row["texts"], language) or {
            "title": row["title"],
            "summary": row["summary"],
        }
        return stored_hit(
            row,
            version,
            url=row["urls"].get(language) or row["url"],
            highlight=highlight,
            stage=row["current_stage"] or None,
        )
