"""Story comparisons, computed once per set of articles and cached in the store.

A comparison runs the NLP models (seconds), so it is computed on the first view of a story
and kept in ``web_comparisons`` under the fingerprint of the compared article ids: when a
story gains or loses articles its fingerprint changes and the next view recomputes it. Only
one comparison runs at a time (two cores are shared with ingest).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from manysides.model import Article, Comparison
from manysides.render.json_doc import dumps
from manysides.web.db import Database
from manysides.web.queries import fingerprint, story_members
from manysides.web.story_render import render_story_fragment

Comparer = Callable[[Sequence[Article]], Comparison]
DEFAULT_MAX_COMPARED = 8
"""Columns on a story page: wire originals first, one per outlet, then the rest in order."""


def default_comparer(articles: Sequence[Article]) -> Comparison:
    """The full `compare` pipeline with the packaged models (loaded once per process)."""
    from manysides.compare.run import compare_articles

    return compare_articles(articles)


@dataclass(frozen=True, slots=True)
class Cached:
    story_id: int
    fingerprint: str
    articles: tuple[str, ...]
    document: str
    """The `compare --format json` document, as text."""
    page: str
    """The story page's body: columns, entities and report sections (escaped HTML)."""


class StoryNotFound(LookupError):
    """No story with this id (the pages answer 404)."""


class ComparisonCache:
    def __init__(
        self, db: Database, comparer: Comparer, max_compared: int = DEFAULT_MAX_COMPARED
    ) -> None:
        self.db = db
        self.comparer = comparer
        self.max_compared = max_compared
        self._lock = threading.Lock()

    def lookup(self, story_id: int) -> tuple[str, tuple[str, ...]]:
        """The fingerprint and compared article ids of the story as it is now."""
        members = story_members(self.db.reader(), story_id)
        if not members:
            raise StoryNotFound(story_id)
        chosen = choose_articles(members, self.max_compared)
        return fingerprint(list(chosen)), chosen

    def cached(self, story_id: int) -> Cached | None:
        """The stored comparison if it is still current, else None (never computes)."""
        key, _chosen = self.lookup(story_id)
        return self._read(key)

    def get(self, story_id: int) -> Cached:
        """The story's comparison, computed and stored on a miss."""
        key, chosen = self.lookup(story_id)
        hit = self._read(key)
        if hit is not None:
            return hit
        with self._lock:
            hit = self._read(key)
            if hit is not None:
                return hit
            return self._compute(story_id, key, chosen)

    def _read(self, key: str) -> Cached | None:
        row = (
            self.db.reader()
            .execute(
                "SELECT story_id, articles, document, page FROM web_comparisons WHERE fingerprint = ?",
                (key,),
            )
            .fetchone()
        )
        if row is None:
            return None
        return Cached(int(row[0]), key, tuple(json.loads(row[1])), str(row[2]), str(row[3]))

    def _compute(self, story_id: int, key: str, chosen: tuple[str, ...]) -> Cached:
        store = self.db.read_store()
        comparison = self.comparer([store.article(a) for a in chosen])
        entry = Cached(story_id, key, chosen, dumps(comparison), render_story_fragment(comparison))
        with self.db.writer() as writer, writer.transaction() as db:
            db.execute("DELETE FROM web_comparisons WHERE story_id = ?", (story_id,))
            db.execute(
                "INSERT OR REPLACE INTO web_comparisons(fingerprint, story_id, articles,"
                " document, page, created) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    key,
                    story_id,
                    json.dumps(list(chosen)),
                    entry.document,
                    entry.page,
                    datetime.now(UTC).isoformat(timespec="seconds"),
                ),
            )
        return entry


def choose_articles(members: list[tuple[str, str, bool]], limit: int) -> tuple[str, ...]:
    """Originals before wire copies, a first article per outlet before second ones."""
    chosen: list[str] = []
    seen_outlets: set[str] = set()
    for want_new_outlet in (True, False):
        for article_id, outlet, is_copy in members:
            if article_id in chosen or (is_copy and want_new_outlet):
                continue
            if want_new_outlet and outlet in seen_outlets:
                continue
            chosen.append(article_id)
            seen_outlets.add(outlet)
    return tuple(chosen[:limit])
