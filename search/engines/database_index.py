# SQL here is built from module constants only; every user value is a query parameter.
# ruff: noqa: S608
"""The database index: its tables, and the writes into them (an entry, a rebuild, the vote
counts).

PostgreSQL keeps each entry's weighted `tsvector` on its row (title A, summary B, body C), each
text version parsed with its language's configuration and with `simple`; SQLite an FTS5 table
of Snowball stems (`search.stemming`). Rows go in as raw multi-row INSERTs.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from ideas.models import Proposal

from .. import stemming
from ..documents import SCHEDULE_FIELDS, SEARCH_CONFIGS, EntryData, search_config
from ..models import CatalogueEntry, CatalogueFacetValue, EntryKind
from ..query import MULTI_FIELD, MULTI_VALUED
from .common import TEXT_PARTS, in_batches

TABLE = CatalogueEntry._meta.db_table
FTS_TABLE = "search_cataloguefts"
FACET_TABLE = CatalogueFacetValue._meta.db_table
PG_CONFIGS = ("finnish", "swedish", "english", "simple")
SUPPORTED = ("postgresql", "sqlite")
UNSUPPORTED = "The catalogue's database engine needs PostgreSQL or SQLite (DATABASE_URL)."


def vendor() -> str:
    return connection.vendor


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
PG_MAX_PARAMS = 60000


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
    if vendor() not in SUPPORTED:
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
    with transaction.atomic():
        _delete_full_text(None)
        with connection.cursor() as cursor:  # no cascade collection: the rows go in bulk
            cursor.execute(f"DELETE FROM {FACET_TABLE}")
            cursor.execute(f"DELETE FROM {TABLE}")
        counts = in_batches(entries, batch_size, _insert, progress)
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
