"""Compare stories ahead of the first visit (``serve --warm N``, and the benchmark)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from manysides.web.app import WebState


def warm_cache(app: WebState, limit: int, min_articles: int = 2) -> int:
    """Compare (and cache) the ``limit`` biggest stories with ``min_articles`` or more."""
    rows = (
        app.db.reader()
        .execute(
            "SELECT id FROM stories WHERE size >= ? ORDER BY size DESC, id LIMIT ?",
            (min_articles, limit),
        )
        .fetchall()
    )
    for (story_id,) in rows:
        app.cache.get(int(story_id))
    return len(rows)
