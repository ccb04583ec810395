"""Full-text structures that depend on the database: a weighted tsvector column with a GIN
index on PostgreSQL, an FTS5 table on SQLite. Other databases get neither (the engine then
matches text with LIKE)."""

from django.db import migrations

PG_FORWARD = [
    "ALTER TABLE search_catalogueentry ADD COLUMN search_vector tsvector",
    "CREATE INDEX catalogueentry_search_vector ON search_catalogueentry USING GIN (search_vector)",
]
PG_BACKWARD = [
    "DROP INDEX IF EXISTS catalogueentry_search_vector",
    "ALTER TABLE search_catalogueentry DROP COLUMN IF EXISTS search_vector",
]
SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE search_cataloguefts USING fts5("
    "title, summary, body, tokenize = 'unicode61 remove_diacritics 0')",
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS search_cataloguefts"]


def _run(schema_editor, statements):
    for sql in statements:
        schema_editor.execute(sql)


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, PG_FORWARD)
    elif vendor == "sqlite":
        _run(schema_editor, SQLITE_FORWARD)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, PG_BACKWARD)
    elif vendor == "sqlite":
        _run(schema_editor, SQLITE_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_catalogue_index")]

    operations = [migrations.RunPython(forward, backward)]
