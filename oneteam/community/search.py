"""Full-text search of posts behind one interface: SQLite FTS5 on the embedded default,
PostgreSQL's text search (a GIN index on a stored tsvector of the body) in production.

`matching_post_ids(query)` gives a subquery of matching post ids for the database in use; the
selector combines it with what the viewer may see, so visibility is decided in the same query.
The index is created by migration 0004 for whichever database runs it.
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models.expressions import RawSQL

WORDS = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 12

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


def search_terms(query: str) -> list[str]:
    """The words searched for: punctuation and search operators are ignored, so any input is
    safe and means 'posts with all these words'."""
    return WORDS.findall(query or "")[:MAX_TERMS]


def matching_post_ids(query: str) -> RawSQL | None:
    terms = search_terms(query)
    if not terms:
        return None
    if connection.vendor == "postgresql":
        return RawSQL(
            "SELECT id FROM community_post WHERE search_vector @@ plainto_tsquery('english', %s)",
            [" ".join(terms)],
        )
    if connection.vendor == "sqlite":
        # Each word quoted: FTS5 reads them as plain words that must all appear.
        match = " ".join('"{}"'.format(term.replace('"', '""')) for term in terms)
        return RawSQL(
            "SELECT rowid FROM community_post_fts WHERE community_post_fts MATCH %s", [match]
        )
    raise NotImplementedError(f"No post search for {connection.vendor}")
