# SQL here is built from module constants only; every user value is a query parameter.
# ruff: noqa: S608
"""The SQL of a catalogue search, PostgreSQL's and SQLite's: one statement.

The text is matched once, into a materialised set of the matching entries' facet and sort
columns; every facet count (each selected facet without its own filter) and the page's ids
are GROUP BYs and a sort over that set, in one UNION ALL. The page's rows are then read by
id. Reading the text match once is what keeps a broad query fast: scanning the vectors
(PostgreSQL) or the FTS index (SQLite) is most of a search's cost.
"""

from __future__ import annotations

from django.db import connection

from cms.phases import Phase

from .. import stemming
from ..models import EntryKind
from ..query import FACETS, MARK_END, MARK_START, MULTI_FIELD, MULTI_VALUED, CatalogueQuery, Sort
from .common import PHASE_RULES, TEXT_WEIGHTS, sort_keys, sort_title_field
from .database_index import FACET_TABLE, FTS_TABLE, PG_CONFIGS, TABLE

SMALL_SET = 5000  # matching entries up to which facet counts expand the set's own arrays
# bm25's column weights: the weights of every engine ("5.0, 2.0, 1.0").
FTS_WEIGHTS = ", ".join(f"{weight:.1f}" for weight in TEXT_WEIGHTS.values())
SINGLE_VALUED = ("kind", "year", "stage")
HEADLINE_OPTIONS = f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=35, MinWords=15"


def pg_tsquery(words: list[str]) -> tuple[str, list[str]]:
    """Every word must match: as typed, a prefix ('simple'), or its stem in any language.
    Words are letters and digits only (`query.terms`), so `word:*` is a valid tsquery."""
    one = "(to_tsquery('simple', %s) || " + " || ".join(
        f"plainto_tsquery('{config}', %s)" for config in PG_CONFIGS[:3]
    )
    sql = " && ".join([one + ")"] * len(words))
    return sql, [value for w in words for value in (f"{w}:*", w, w, w)]


def pg_headlines(
    words: list[str], ids: list[int], configs: list[str], texts: list[str]
) -> tuple[str, list]:
    """(sql, params) of the excerpts of texts, each parsed in its configuration, the words
    marked (PostgreSQL): rows (id, excerpt)."""
    tsquery, params = pg_tsquery(words)
    return (
        f"SELECT x.id, ts_headline(x.config::regconfig, x.body, ({tsquery}), %s) "
        "FROM unnest(%s::bigint[], %s::text[], %s::text[]) AS x(id, config, body)",
        [*params, HEADLINE_OPTIONS, ids, configs, texts],
    )


class SearchStatement:
    """The statement of a search on one database vendor. Its rows are (branch, facet, a, b,
    c, n): 's' the counts of kind a, year b, stage c (their sum is the total); 'm' and 'o' the
    count n of value a of a facet; 'p' the page's entry id a at position n."""

    def __init__(self, vendor: str):
        self.vendor = vendor

    def _stage(self, now) -> tuple[str, list]:
        """The stage facet's value in SQL, over the alias e: a challenge's phase now
        (`PHASE_RULES`), else the stored stage."""
        value = connection.ops.adapt_datetimefield_value(now)
        whens = " ".join(
            "WHEN "
            + " AND ".join(
                [*(f"e.{name} IS NOT NULL" for name in rule.scheduled), f"e.{rule.before} > %s"]
            )
            + f" THEN '{rule.phase.value}'"
            for rule in PHASE_RULES
        )
        sql = f"CASE WHEN e.kind = %s THEN CASE {whens} ELSE '{Phase.CLOSED.value}' END ELSE e.stage END"
        return sql, [EntryKind.CHALLENGE.value, *[value] * len(PHASE_RULES)]

    def _matches(self, words, language, *, ranked: bool, now) -> tuple[str, list]:
        stage, params = self._stage(now)
        columns = (
            f"e.id, e.kind, e.year, {stage} AS stage, e.customer_groups, e.themes, e.cities,"
            " e.organisation_kinds, e.date, e.object_id, e.vote_count,"
            f" e.{sort_title_field(language)} AS sort_title"
        )
        if not words:
            return f"SELECT {columns}, 0 AS rank FROM {TABLE} e", params
        if self.vendor == "postgresql":
            rank = "ts_rank(e.search_vector, t.q)" if ranked else "0"
            tsquery, more = pg_tsquery(words)
            return (
                f"SELECT {columns}, {rank} AS rank FROM {TABLE} e, "
                f"(SELECT ({tsquery}) AS q) t WHERE e.search_vector @@ t.q",
                [*params, *more],
            )
        rank = f"-bm25({FTS_TABLE}, {FTS_WEIGHTS})" if ranked else "0"
        return (
            f"SELECT {columns}, {rank} AS rank FROM {FTS_TABLE} "
            f"JOIN {TABLE} e ON e.id = {FTS_TABLE}.rowid WHERE {FTS_TABLE} MATCH %s",
            [*params, stemming.fts_query(words)],
        )

    def _condition(self, facet: str, values: list[str]) -> tuple[str, list]:
        if facet in MULTI_VALUED:
            column = MULTI_FIELD[facet]
            marks = ", ".join(["%s"] * len(values))
            if self.vendor == "postgresql":
                return f"m.{column} ?| ARRAY[{marks}]::text[]", list(values)
            return (
                f"EXISTS (SELECT 1 FROM json_each(m.{column}) j WHERE j.value IN ({marks}))",
                list(values),
            )
        if facet == "year":
            values = [int(v) for v in values]
        return f"m.{facet} IN ({', '.join(['%s'] * len(values))})", list(values)

    def _where(self, filters, skip: str | None = None) -> tuple[str, list]:
        parts, params = [], []
        for facet in FACETS:
            values = filters.get(facet)
            if values and facet != skip:
                sql, more = self._condition(facet, values)
                parts.append(sql)
                params += more
        return (" AND ".join(parts) or "1 = 1"), params

    def _order(self, sort: str) -> str:
        title = 'm.sort_title COLLATE "C"' if self.vendor == "postgresql" else "m.sort_title"
        columns = {"sort_title": title}
        return ", ".join(
            f"{columns.get(key, f'm.{key}')} {order.upper()}" for key, order in sort_keys(sort)
        )

    def _multi_branches(self, facets, where: str, where_params) -> tuple[list[str], list]:
        """Counts of multi-valued facets over the set. A large set: one hash join with the facet
        table. On PostgreSQL a set of at most SMALL_SET entries expands its own arrays instead
        (no pass over the facet table); the planner's estimate of a text match is too rough to
        choose, so both branches are planned and a one-time filter on the set's size runs one."""
        marks = ", ".join(["%s"] * len(facets))
        join = (
            f"SELECT 'm', v.facet, v.value, '', '', COUNT(*) FROM {FACET_TABLE} v "
            f"JOIN m ON m.id = v.entry_id WHERE v.facet IN ({marks}) AND {where}"
        )
        if self.vendor != "postgresql":
            return [f"{join} GROUP BY v.facet, v.value"], [*facets, *where_params]
        arrays = " UNION ALL ".join(
            f"SELECT %s AS facet, jsonb_array_elements_text(m.{MULTI_FIELD[f]}) AS value"
            for f in facets
        )
        small = (
            f"SELECT 'm', x.facet, x.value, '', '', COUNT(*) FROM m CROSS JOIN LATERAL ({arrays}) x "
            f"WHERE {where} AND (SELECT COUNT(*) FROM m) <= {SMALL_SET} GROUP BY x.facet, x.value"
        )
        large = f"{join} AND (SELECT COUNT(*) FROM m) > {SMALL_SET} GROUP BY v.facet, v.value"
        return [small, large], [*facets, *where_params, *facets, *where_params]

    def build(self, query: CatalogueQuery, language: str, words: list[str], now):
        """(sql, params) of the search."""
        filters = query.filters
        selected = [f for f in FACETS if filters.get(f)]
        ranked = bool(words) and query.sort == Sort.RELEVANCE
        matches, params = self._matches(words, language, ranked=ranked, now=now)
        branches: list[str] = []
        where_all, all_params = self._where(filters)
        # Single-valued facets not selected, grouped together; the sum over kinds is the total.
        branches.append(
            "SELECT 's', '', m.kind, CAST(m.year AS TEXT), m.stage, COUNT(*) "
            f"FROM m WHERE {where_all} GROUP BY m.kind, m.year, m.stage"
        )
        params += all_params
        for facet in selected:
            where, more = self._where(filters, skip=facet)
            if facet in MULTI_VALUED:
                sql, more = self._multi_branches([facet], where, more)
                branches += sql
                params += more
            else:
                branches.append(
                    f"SELECT 'o', '{facet}', CAST(m.{facet} AS TEXT), '', '', COUNT(*) "
                    f"FROM m WHERE {where} GROUP BY m.{facet}"
                )
                params += more
        unselected = [f for f in MULTI_VALUED if f not in selected]
        if not words and not selected:
            # The whole index: the facet table alone (an index-only scan of facet, value).
            branches.append(
                f"SELECT 'm', facet, value, '', '', COUNT(*) FROM {FACET_TABLE} GROUP BY facet, value"
            )
        elif unselected:
            sql, more = self._multi_branches(unselected, where_all, all_params)
            branches += sql
            params += more
        order = self._order(query.sort)
        branches.append(
            "SELECT 'p', '', CAST(p.id AS TEXT), '', '', p.position FROM ("
            f"SELECT m.id, ROW_NUMBER() OVER (ORDER BY {order}) AS position FROM m "
            f"WHERE {where_all} ORDER BY {order} LIMIT %s OFFSET %s) p"
        )
        params += [*all_params, query.page_size, query.offset]
        # The whole index (no text, no filter): each branch reads the table with its own plan.
        materialized = "MATERIALIZED" if (words or selected) else "NOT MATERIALIZED"
        return f"WITH m AS {materialized} ({matches}) " + " UNION ALL ".join(branches), params
