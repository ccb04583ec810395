# SQL here is built from module constants only; every user value is a query parameter.
# ruff: noqa: S608, S611
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
Facets: counted over the matching set, in the same statement as the page (`_search_sql`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.db.models import (
    Case,
    CharField,
    F,
    Q,
    Value,
    When,
)
from django.utils import timezone, translation

from ideas.models import Proposal

from .. import stemming
from ..documents import SCHEDULE_FIELDS, SEARCH_CONFIGS, EntryData, search_config
from ..labels import build_facets
from ..models import CatalogueEntry, CatalogueFacetValue, EntryKind
from ..query import (
    FACETS,
    MARK_END,
    MARK_START,
    MULTI_FIELD,
    MULTI_VALUED,
    CatalogueQuery,
    CatalogueResult,
    Hit,
    Sort,
    marked_to_html,
    terms,
)

TABLE = CatalogueEntry._meta.db_table
FTS_TABLE = "search_cataloguefts"
PG_CONFIGS = ("finnish", "swedish", "english", "simple")
TEXT_PARTS = ("title", "summary", "body")
SMALL_SET = 5000  # matching entries up to which facet counts expand the set's own arrays
# Column weights, the same on every backend: title 1.0, summary 0.4, body 0.2.
FTS_WEIGHTS = "5.0, 2.0, 1.0"
HEADLINE_OPTIONS = f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=35, MinWords=15"


SUPPORTED = ("postgresql", "sqlite")
UNSUPPORTED = "The catalogue's database engine needs PostgreSQL or SQLite (DATABASE_URL)."


def vendor() -> str:
    return connection.vendor


# --- Writing -----------------------------------------------------------------------------


def _entry_values(data: EntryData) -> dict:
    """The entry's columns (but its id and indexed_at)."""
    original = data.original
    return {
        "kind": data.kind,
        "object_id": data.object_id,
        "language": data.language,
        "search_config": data.search_config,
        "title": original.title[:255],
        "summary": original.summary,
        "url": data.urls.get(data.language) or next(iter(data.urls.values()), ""),
        "search_texts": [
            {
                "language": v.language,
                "config": search_config(v.language),
                "summary": v.summary,
                "body": v.body,
            }
            for v in data.texts
        ],
        "stage": data.stage,
        **{name: data.schedule.get(name) for name in SCHEDULE_FIELDS},
        "date": data.date,
        **data.stored_as_is(),
    }


def _facet_rows(entry_id: int, data: EntryData) -> list[tuple[int, str, str]]:
    return [
        (entry_id, facet, value[:100])
        for facet in MULTI_VALUED
        for value in getattr(data, MULTI_FIELD[facet])
    ]


def _version_configs(language: str) -> tuple[str, ...]:
    """The configurations a text version is parsed with: `simple` (the words as written) and
    its language's, every language's when that is not known."""
    if language in SEARCH_CONFIGS:
        return (SEARCH_CONFIGS[language], "simple")
    return PG_CONFIGS


def _pg_vector_sql() -> str:
    """The weighted vector of an entry: per configuration, the text of the versions parsed
    with it (12 parameters)."""
    return " || ".join(
        f"setweight(to_tsvector('{config}', %s), '{weight}')"
        for config in PG_CONFIGS
        for weight in "ABC"
    )


def _pg_vector_params(data: EntryData) -> list:
    texts: dict[str, dict[str, list[str]]] = {c: {p: [] for p in TEXT_PARTS} for c in PG_CONFIGS}
    for v in data.texts:
        for config in _version_configs(v.language):
            for part in TEXT_PARTS:
                texts[config][part].append(getattr(v, part))
    for language, label in data.labels.items():
        for config in _version_configs(language):
            texts[config]["body"].append(label)
    return ["\n".join(texts[c][p]) for c in PG_CONFIGS for p in TEXT_PARTS]


def _fts_row(pk: int, data: EntryData) -> tuple:
    """The FTS5 row: each part's index forms, every version (and the labels of every
    language, in the body) stemmed in its language."""
    title, summary, body = (
        [stemming.index_text(getattr(v, part), v.language) for v in data.texts]
        for part in TEXT_PARTS
    )
    body += [stemming.index_text(label, code) for code, label in data.labels.items()]
    return (pk, "\n".join(title), "\n".join(summary), "\n".join(body))


# Raw inserts: the ORM's bulk_create spends most of a rebuild preparing values one by one.
ENTRY_COLUMNS = [
    f.column for f in CatalogueEntry._meta.concrete_fields if f.column not in ("id", "indexed_at")
]
JSON_COLUMNS = {
    f.column for f in CatalogueEntry._meta.concrete_fields if f.get_internal_type() == "JSONField"
}
DATETIME_COLUMNS = {
    f.column
    for f in CatalogueEntry._meta.concrete_fields
    if f.get_internal_type() == "DateTimeField"
}
FACET_TABLE = CatalogueFacetValue._meta.db_table
PG_MAX_PARAMS = 60000
SEARCH_WORK_MEM = "64MB"


def _next_ids(cursor, n: int) -> list[int]:
    """Ids for n new entries: from the table's sequence on PostgreSQL; after the largest id
    ever used on SQLite (its writers are serialised, and this runs after a write in the
    transaction)."""
    if vendor() == "postgresql":
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [TABLE, n],
        )
        return [row[0] for row in cursor.fetchall()]
    # Never reuse an id, as AUTOINCREMENT does not: the full-text table may still hold a row of
    # a removed entry's id (a test database's flush empties only the ORM's tables).
    cursor.execute(
        f"SELECT MAX(COALESCE((SELECT MAX(id) FROM {TABLE}), 0), "
        f"COALESCE((SELECT seq FROM sqlite_sequence WHERE name = %s), 0), "
        f"COALESCE((SELECT rowid FROM {FTS_TABLE} ORDER BY rowid DESC LIMIT 1), 0))",
        [TABLE],
    )
    start = cursor.fetchone()[0] + 1
    return list(range(start, start + n))


def _raw_rows(ids: list[int], entries: list[EntryData]) -> list[list]:
    ops = connection.ops
    now = ops.adapt_datetimefield_value(timezone.now())
    rows = []
    for pk, data in zip(ids, entries, strict=True):
        values = _entry_values(data)
        row = [pk]
        for column in ENTRY_COLUMNS:
            value = values[column]
            if column in JSON_COLUMNS:
                value = json.dumps(value)
            elif column in DATETIME_COLUMNS:
                value = ops.adapt_datetimefield_value(value)
            row.append(value)
        row.append(now)
        rows.append(row)
    return rows


def _insert_values(cursor, table: str, columns: list[str], rows: list[list], row_sql: str):
    """A multi-row INSERT per batch of rows (PostgreSQL)."""
    if not rows:
        return
    per_row = max(1, row_sql.count("%s"))
    size = max(1, PG_MAX_PARAMS // per_row)
    for start in range(0, len(rows), size):
        batch = rows[start : start + size]
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
            + ", ".join([row_sql] * len(batch)),
            [value for row in batch for value in row],
        )


def _insert(entries: list[EntryData]) -> None:
    if not entries:
        return
    if vendor() not in SUPPORTED:
        raise ImproperlyConfigured(UNSUPPORTED)
    columns = ["id", *ENTRY_COLUMNS, "indexed_at"]
    with connection.cursor() as cursor:
        ids = _next_ids(cursor, len(entries))
        rows = _raw_rows(ids, entries)
        facets = [
            row for pk, data in zip(ids, entries, strict=True) for row in _facet_rows(pk, data)
        ]
        if vendor() == "postgresql":
            placeholders = ", ".join("%s::jsonb" if c in JSON_COLUMNS else "%s" for c in columns)
            for row, data in zip(rows, entries, strict=True):
                row += _pg_vector_params(data)
            _insert_values(
                cursor,
                TABLE,
                [*columns, "search_vector"],
                rows,
                f"({placeholders}, {_pg_vector_sql()})",
            )
            _insert_values(
                cursor, FACET_TABLE, ["entry_id", "facet", "value"], facets, "(%s, %s, %s)"
            )
        else:
            cursor.executemany(
                f"INSERT INTO {TABLE} ({', '.join(columns)}) "
                f"VALUES ({', '.join(['%s'] * len(columns))})",
                rows,
            )
            cursor.executemany(
                f"INSERT INTO {FACET_TABLE} (entry_id, facet, value) VALUES (%s, %s, %s)", facets
            )
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE} (rowid, title, summary, body) VALUES (%s, %s, %s, %s)",
                [_fts_row(pk, data) for pk, data in zip(ids, entries, strict=True)],
            )


def _delete_full_text(ids: list[int] | None) -> None:
    if vendor() != "sqlite":
        return  # the PostgreSQL vector lives on the row itself
    with connection.cursor() as cursor:
        if ids is None:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")
        elif ids:
            placeholders = ", ".join(["%s"] * len(ids))
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({placeholders})", ids)


def remove(keys: Iterable[tuple[str, int]]) -> int:
    q = Q(pk__in=[])
    for kind, object_id in keys:
        q |= Q(kind=kind, object_id=object_id)
    with transaction.atomic():
        ids = list(CatalogueEntry.objects.filter(q).values_list("pk", flat=True))
        _delete_full_text(ids)
        CatalogueEntry.objects.filter(pk__in=ids).delete()
    return len(ids)


def write(entries: list[EntryData]) -> None:
    """Insert or replace the entries given."""
    if not entries:
        return
    with transaction.atomic():
        remove([e.key for e in entries])
        _insert(entries)


def _optimise() -> None:
    """Fresh planner statistics after a rebuild (PostgreSQL plans facet counts by them). On
    PostgreSQL also VACUUM when not inside a transaction: the replaced rows stay in the text
    index as dead tuples, which every text search would visit and recheck until autovacuum."""
    if vendor() not in ("postgresql", "sqlite"):
        return
    command = (
        "VACUUM ANALYZE"
        if vendor() == "postgresql" and not connection.in_atomic_block
        else "ANALYZE"
    )
    with connection.cursor() as cursor:
        cursor.execute(f"{command} {TABLE}")
        cursor.execute(f"{command} {FACET_TABLE}")


def replace_all(
    entries: Iterable[EntryData], *, batch_size: int = 2000, progress=None
) -> dict[str, int]:
    """Rebuild the whole index in one transaction: readers see the old index until it commits."""
    counts: dict[str, int] = {}
    with transaction.atomic():
        _delete_full_text(None)
        with connection.cursor() as cursor:  # no cascade collection: the rows go in bulk
            cursor.execute(f"DELETE FROM {FACET_TABLE}")
            cursor.execute(f"DELETE FROM {TABLE}")
        batch: list[EntryData] = []
        for entry in entries:
            batch.append(entry)
            counts[entry.kind] = counts.get(entry.kind, 0) + 1
            if len(batch) >= batch_size:
                _insert(batch)
                if progress:
                    progress(len(batch))
                batch = []
        if batch:
            _insert(batch)
            if progress:
                progress(len(batch))
    _optimise()
    return counts


def set_vote_counts(proposal_ids: list[int]) -> None:
    """Copy the proposals' vote counts into their entries: one UPDATE (raw: it runs in every
    vote's transaction)."""
    if not proposal_ids:
        return
    marks = ", ".join(["%s"] * len(proposal_ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {TABLE} SET vote_count = (SELECT p.vote_count FROM {Proposal._meta.db_table} p "
            f"WHERE p.id = {TABLE}.object_id) WHERE kind = %s AND object_id IN ({marks})",
            [EntryKind.PROPOSAL.value, *proposal_ids],
        )


def fingerprints() -> dict[tuple[str, int], tuple[str, int]]:
    """(fingerprint, vote count) of every entry."""
    return {
        (k, o): (f, v)
        for k, o, f, v in CatalogueEntry.objects.values_list(
            "kind", "object_id", "fingerprint", "vote_count"
        )
    }


# --- Querying ----------------------------------------------------------------------------


def stage_expression(now=None):
    """The stage facet's value: a challenge's phase from its schedule now (cms.phases.phase_at),
    otherwise the stored proposal status or pilot stage."""
    now = now or timezone.now()
    phase = Case(
        When(proposals_open__gt=now, then=Value("upcoming")),
        When(proposals_close__gt=now, then=Value("proposals")),
        When(
            voting_open__isnull=False,
            voting_close__isnull=False,
            voting_close__gt=now,
            then=Value("voting"),
        ),
        When(evaluation_end__gt=now, then=Value("evaluation")),
        When(pilots_end__gt=now, then=Value("piloting")),
        default=Value("closed"),
        output_field=CharField(),
    )
    return Case(
        When(kind=EntryKind.CHALLENGE, then=phase), default=F("stage"), output_field=CharField()
    )


def _pg_tsquery(words: list[str]) -> tuple[str, list[str]]:
    """Every word must match: as typed, a prefix ('simple'), or its stem in any language.
    Words are letters and digits only (`query.terms`), so `word:*` is a valid tsquery."""
    one = "(to_tsquery('simple', %s) || " + " || ".join(
        f"plainto_tsquery('{config}', %s)" for config in PG_CONFIGS[:3]
    )
    sql = " && ".join([one + ")"] * len(words))
    return sql, [value for w in words for value in (f"{w}:*", w, w, w)]


def _version(texts: list[dict], language: str) -> dict:
    """The text version in the language asked, else the original."""
    return next((t for t in texts if t.get("language") == language), None) or (
        texts[0] if texts else {}
    )


class DatabaseEngine:
    name = "database"

    def __init__(self):
        self.vendor = vendor()
        if self.vendor not in SUPPORTED:
            raise ImproperlyConfigured(UNSUPPORTED)

    def _highlights(self, rows: list[CatalogueEntry], words: list[str], language: str):
        """{entry id: excerpt with the words marked}, from the version in the language asked
        (else the original): `ts_headline` on PostgreSQL (one query), the same stemming as the
        index on SQLite (no query)."""
        if not rows or not words:
            return {}
        versions = {row.pk: _version(row.search_texts, language) for row in rows}
        texts = {
            pk: " ".join(t for t in (v.get("summary", ""), v.get("body", "")) if t)
            for pk, v in versions.items()
        }
        if self.vendor == "sqlite":
            return {
                pk: stemming.highlight(texts[pk], versions[pk].get("language", ""), words)
                for pk in versions
            }
        tsquery, params = _pg_tsquery(words)
        ids = list(versions)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT x.id, ts_headline(x.config::regconfig, x.body, ({tsquery}), %s) "
                "FROM unnest(%s::bigint[], %s::text[], %s::text[]) AS x(id, config, body)",
                [
                    *params,
                    HEADLINE_OPTIONS,
                    ids,
                    [versions[pk].get("config") or "simple" for pk in ids],
                    [texts[pk] for pk in ids],
                ],
            )
            return dict(cursor.fetchall())

    # The query ----------------------------------------------------------------------------
    def search(self, query: CatalogueQuery) -> CatalogueResult:
        language = query.language or translation.get_language() or "fi"
        return self._search_sql(query, language, terms(query.text))

    @staticmethod
    def _hit(row: CatalogueEntry, language: str, highlight: str) -> Hit:
        version = _version(row.texts, language) or {"title": row.title, "summary": row.summary}
        return Hit(
            kind=row.kind,
            id=row.object_id,
            title=version["title"],
            summary=version["summary"],
            url=row.urls.get(language) or row.url,
            highlight=marked_to_html(highlight) if highlight else "",
            customer_groups=list(row.customer_groups),
            themes=list(row.themes),
            stage=row.current_stage or None,
            cities=list(row.cities),
            year=row.year,
            vote_count=row.vote_count,
            language=row.language,
            organisation_kinds=list(row.organisation_kinds),
        )

    # PostgreSQL and SQLite: one statement ---------------------------------------------------
    # The text is matched once, into a materialised set of the matching entries' facet and
    # sort columns; every facet count (each selected facet without its own filter) and the
    # page's ids are GROUP BYs and a sort over that set, in one UNION ALL. The page's rows are
    # then read by id. Reading the text match once is what keeps a broad query fast: scanning
    # the vectors (PostgreSQL) or the FTS index (SQLite) is most of a search's cost.

    def _stage_sql(self, now) -> tuple[str, list]:
        """stage_expression() in SQL, over the alias e."""
        value = connection.ops.adapt_datetimefield_value(now)
        sql = (
            "CASE WHEN e.kind = %s THEN CASE"
            " WHEN e.proposals_open > %s THEN 'upcoming'"
            " WHEN e.proposals_close > %s THEN 'proposals'"
            " WHEN e.voting_open IS NOT NULL AND e.voting_close IS NOT NULL"
            " AND e.voting_close > %s THEN 'voting'"
            " WHEN e.evaluation_end > %s THEN 'evaluation'"
            " WHEN e.pilots_end > %s THEN 'piloting'"
            " ELSE 'closed' END ELSE e.stage END"
        )
        return sql, [EntryKind.CHALLENGE.value, *[value] * 5]

    def _matches(self, words, language, *, ranked: bool, now) -> tuple[str, list]:
        sort_title = f"sort_title_{language}" if language in ("fi", "sv", "en") else "sort_title_fi"
        stage, params = self._stage_sql(now)
        columns = (
            f"e.id, e.kind, e.year, {stage} AS stage, e.customer_groups, e.themes, e.cities,"
            f" e.organisation_kinds, e.date, e.object_id, e.vote_count, e.{sort_title} AS sort_title"
        )
        if not words:
            return f"SELECT {columns}, 0 AS rank FROM {TABLE} e", params
        if self.vendor == "postgresql":
            rank = "ts_rank(e.search_vector, t.q)" if ranked else "0"
            tsquery, more = _pg_tsquery(words)
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
        column = {"kind": "kind", "year": "year", "stage": "stage"}[facet]
        if facet == "year":
            values = [int(v) for v in values]
        return f"m.{column} IN ({', '.join(['%s'] * len(values))})", list(values)

    def _where(self, filters, skip: str | None = None) -> tuple[str, list]:
        parts, params = [], []
        for facet in FACETS:
            values = filters.get(facet)
            if values and facet != skip:
                sql, more = self._condition(facet, values)
                parts.append(sql)
                params += more
        return (" AND ".join(parts) or "1 = 1"), params

    def _order_sql(self, sort: str) -> str:
        title = 'm.sort_title COLLATE "C"' if self.vendor == "postgresql" else "m.sort_title"
        tie = "m.kind ASC, m.object_id DESC"
        if sort == Sort.RELEVANCE:
            return f"m.rank DESC, m.date DESC, {tie}"
        if sort == Sort.VOTES:
            return f"m.vote_count DESC, m.date DESC, {tie}"
        if sort == Sort.TITLE:
            return f"{title} ASC, {tie}"
        return f"m.date DESC, {tie}"

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

    def _search_sql(self, query: CatalogueQuery, language: str, words: list[str]):
        now = timezone.now()
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
        order = self._order_sql(query.sort)
        branches.append(
            "SELECT 'p', '', CAST(p.id AS TEXT), '', '', p.position FROM ("
            f"SELECT m.id, ROW_NUMBER() OVER (ORDER BY {order}) AS position FROM m "
            f"WHERE {where_all} ORDER BY {order} LIMIT %s OFFSET %s) p"
        )
        params += [*all_params, query.page_size, query.offset]
        # The whole index (no text, no filter): each branch reads the table with its own plan.
        materialized = "MATERIALIZED" if (words or selected) else "NOT MATERIALIZED"
        sql = f"WITH m AS {materialized} ({matches}) " + " UNION ALL ".join(branches)
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

        counts: dict[str, dict[str, int]] = {f: {} for f in FACETS}
        total = 0
        page: list[tuple[int, int]] = []
        single = [f for f in ("kind", "year", "stage") if f not in selected]
        for branch, facet, a, b, c, n in result:
            if branch == "s":
                total += n
                for name, value in zip(("kind", "year", "stage"), (a, b, c), strict=True):
                    if name in single and value not in (None, ""):
                        counts[name][value] = counts[name].get(value, 0) + n
            elif branch in ("m", "o"):
                if a not in (None, ""):
                    counts[facet][a] = counts[facet].get(a, 0) + n
            else:
                page.append((n, int(a)))
        ids = [pk for _position, pk in sorted(page)]
        entries = CatalogueEntry.objects.annotate(current_stage=stage_expression(now))
        if not words:
            entries = entries.defer("search_texts")  # read for the highlights only
        by_id = {row.pk: row for row in entries.filter(pk__in=ids)}
        rows = [by_id[pk] for pk in ids if pk in by_id]
        highlights = self._highlights(rows, words, language)
        return CatalogueResult(
            query=query,
            hits=[self._hit(row, language, highlights.get(row.pk, "")) for row in rows],
            total=total,
            facets=build_facets(counts, filters, language),
            engine=self.name,
        )
