"""The web app's own tables and indexes, created if missing (prefixed ``web_``).

Kept out of ``corpus/migrations.py`` (another module's), and additive only: a store without
them is still a valid corpus store, and dropping them loses only cached, recomputable data.
"""

from __future__ import annotations

import sqlite3

WEB_SCHEMA: tuple[str, ...] = (
    # one row per compared article set: keyed by its fingerprint, so any change of a story's
    # membership (ingest, merge, split, recluster) misses the cache instead of serving stale data
    """CREATE TABLE IF NOT EXISTS web_comparisons (
        fingerprint TEXT PRIMARY KEY,
        story_id INTEGER NOT NULL,
        articles TEXT NOT NULL,
        document TEXT NOT NULL,
        page TEXT NOT NULL,
        created TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS web_comparisons_story ON web_comparisons(story_id)",
    # the story list filters by outlet and sorts by recency and size over 50k+ articles
    "CREATE INDEX IF NOT EXISTS web_articles_outlet ON articles(outlet)",
    "CREATE INDEX IF NOT EXISTS web_stories_recent ON stories(last_published DESC, size DESC)",
)


def ensure_web_schema(connection: sqlite3.Connection) -> None:
    """Create the web tables and indexes in one transaction (idempotent)."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        for statement in WEB_SCHEMA:
            connection.execute(statement)
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")
