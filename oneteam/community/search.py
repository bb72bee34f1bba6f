"""Full-text search of posts behind one interface: SQLite FTS5 on the embedded default,
PostgreSQL's text search (a GIN index on a stored tsvector of the body) in production.

`matching_post_ids(query)` gives a subquery of matching post ids for the database in use; the
selector combines it with what the viewer may see, so visibility is decided in the same query.
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models.expressions import RawSQL

WORDS = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 12

# The index is made by migration 0004. On PostgreSQL it is a stored, generated tsvector column
# (not only an index on the expression): PostgreSQL keeps statistics on a column's words, so it
# knows a rare word matches few posts and reads the GIN index first, instead of walking posts
# newest-first re-parsing each body (seconds, not milliseconds, at 100,000 posts).


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
