"""The full-text index of posts: FTS5 with triggers on SQLite; on PostgreSQL a stored, generated
tsvector column with a GIN index (see oneteam/community/search.py for why a column)."""

from django.db import migrations

SQLITE_SETUP = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS community_post_fts USING fts5("
    "body, content='community_post', content_rowid='id', tokenize='porter unicode61')",
    "CREATE TRIGGER IF NOT EXISTS community_post_fts_insert AFTER INSERT ON community_post BEGIN "
    "INSERT INTO community_post_fts(rowid, body) VALUES (new.id, new.body); END",
    "CREATE TRIGGER IF NOT EXISTS community_post_fts_delete AFTER DELETE ON community_post BEGIN "
    "INSERT INTO community_post_fts(community_post_fts, rowid, body) "
    "VALUES ('delete', old.id, old.body); END",
    "CREATE TRIGGER IF NOT EXISTS community_post_fts_update AFTER UPDATE OF body "
    "ON community_post BEGIN "
    "INSERT INTO community_post_fts(community_post_fts, rowid, body) "
    "VALUES ('delete', old.id, old.body); "
    "INSERT INTO community_post_fts(rowid, body) VALUES (new.id, new.body); END",
    "INSERT INTO community_post_fts(community_post_fts) VALUES ('rebuild')",
]
SQLITE_TEARDOWN = [
    "DROP TRIGGER IF EXISTS community_post_fts_insert",
    "DROP TRIGGER IF EXISTS community_post_fts_delete",
    "DROP TRIGGER IF EXISTS community_post_fts_update",
    "DROP TABLE IF EXISTS community_post_fts",
]
# A stored, generated tsvector column (not only an index on the expression): PostgreSQL keeps
# statistics on a column's words, so it knows a rare word matches few posts and reads the GIN
# index first, instead of walking posts newest-first re-parsing each body (seconds, not ms).
POSTGRESQL_SETUP = [
    "ALTER TABLE community_post ADD COLUMN IF NOT EXISTS search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('english', body)) STORED",
    "CREATE INDEX IF NOT EXISTS community_post_search ON community_post USING GIN (search_vector)",
]
POSTGRESQL_TEARDOWN = [
    "DROP INDEX IF EXISTS community_post_search",
    "ALTER TABLE community_post DROP COLUMN IF EXISTS search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("community", "0003_follows_reads_notifications")]
    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_SETUP, "postgresql": POSTGRESQL_SETUP}),
            _run({"sqlite": SQLITE_TEARDOWN, "postgresql": POSTGRESQL_TEARDOWN}),
        )
    ]
