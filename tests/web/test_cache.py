"""The comparison cache: computed once, reused, recomputed when the story's articles change."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

from manysides.corpus.store import Store
from manysides.model import Article, Comparison
from manysides.web.app import WebSettings, WebState, create_app
from manysides.web.comparisons import choose_articles
from manysides.web.queries import fts_query


class CountingComparer:
    """A deterministic stand-in for the NLP comparison: no facts, and it counts its calls."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, ...]] = []

    def __call__(self, articles: Sequence[Article]) -> Comparison:
        self.calls.append(tuple(a.id for a in articles))
        return Comparison(list(articles), [], [])


def test_cache_hits_until_the_story_changes(web_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "copy.db"
    shutil.copy(web_db, path)
    comparer = CountingComparer()
    state: WebState = create_app(WebSettings(path), comparer).state.web
    story_ids = [int(r[0]) for r in state.db.reader().execute("SELECT id FROM stories ORDER BY id")]
    keep, other = story_ids[0], story_ids[1]
    with state.db.writer() as writer, writer.transaction() as db:
        db.execute("DELETE FROM web_comparisons")
    first = state.cache.get(keep)
    assert state.cache.get(keep) == first
    assert len(comparer.calls) == 1
    with Store.open(path) as store, store.transaction() as db:  # what a merge does to members
        db.execute("UPDATE story_articles SET story_id = ? WHERE story_id = ?", (keep, other))
    merged = state.cache.get(keep)
    assert len(comparer.calls) == 2
    assert merged.fingerprint != first.fingerprint
    assert len(merged.articles) == 4
    rows = (
        state.db.reader()
        .execute("SELECT count(*) FROM web_comparisons WHERE story_id = ?", (keep,))
        .fetchone()[0]
    )
    assert rows == 1


def test_choose_articles_prefers_originals_and_new_outlets() -> None:
    members = [("a", "AP", False), ("b", "AP", False), ("c", "Post", True), ("d", "Times", False)]
    assert choose_articles(members, 8) == ("a", "d", "b", "c")
    assert choose_articles(members, 2) == ("a", "d")


def test_fts_query_quotes_every_word() -> None:
    assert fts_query('x" OR NEAR(a b) *') == '"x" "OR" "NEAR" "a" "b"'
    assert fts_query("'; --") is None
