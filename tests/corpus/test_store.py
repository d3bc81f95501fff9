from __future__ import annotations

from pathlib import Path

import pytest

from manysides.corpus.ingest import ingest, ingest_articles
from manysides.corpus.migrations import MIGRATIONS
from manysides.corpus.store import Store, StoreError
from manysides.model import Article
from manysides.read.build import detect_language
from tests.corpus.conftest import FAST

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_store_uses_wal_foreign_keys_and_latest_schema(store: Store) -> None:
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)


def test_store_refuses_a_newer_schema(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    Store.open(path).db.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    with pytest.raises(StoreError, match="newer"):
        Store.open(path)


def test_open_without_create_names_the_missing_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="manysides ingest"):
        Store.open(tmp_path / "none.db", create=False)


def test_a_file_that_is_not_a_store_is_refused_untouched(tmp_path: Path) -> None:
    import sqlite3

    garbage = tmp_path / "notes.db"
    garbage.write_text("garbage")
    with pytest.raises(StoreError, match="not a manysides store"):
        Store.open(garbage)
    assert garbage.read_text() == "garbage"
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE articles (x)")
    with pytest.raises(StoreError, match="another program"):
        Store.open(other)
    with sqlite3.connect(other) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert db.execute("PRAGMA user_version").fetchone()[0] == 0


def test_ingesting_twice_is_a_no_op(store: Store) -> None:
    first = ingest(store, [str(EXAMPLES)], features=FAST)
    second = ingest(store, [str(EXAMPLES)], features=FAST)
    assert first.totals() == {"accepted": 2, "duplicate": 0, "rejected": 0}
    assert second.totals() == {"accepted": 0, "duplicate": 2, "rejected": 0}
    assert store.db.execute("SELECT count(*) FROM articles").fetchone()[0] == 2


def test_stored_article_round_trips_exactly(store: Store, real_articles: list[Article]) -> None:
    ingest_articles(store, real_articles[:3], features=FAST)
    for article in real_articles[:3]:
        assert store.article(article.id) == detect_language(article)


def test_full_text_search_finds_articles(store: Store) -> None:
    ingest(store, [str(EXAMPLES)], features=FAST)
    hits = store.search("Kuleba")
    assert len(hits) == 2


def test_bad_sources_are_counted_with_reasons_and_batch_goes_on(
    store: Store, tmp_path: Path
) -> None:
    (tmp_path / "empty.txt").write_text("")
    report = ingest(
        store,
        [str(tmp_path / "missing.txt"), str(tmp_path / "empty.txt"), str(EXAMPLES)],
        features=FAST,
    )
    assert report.totals() == {"accepted": 2, "duplicate": 0, "rejected": 2}
    assert any("no such file" in r for r in report.sources[str(tmp_path / "missing.txt")].reasons)


def test_mixing_feature_models_in_one_store_is_refused(store: Store) -> None:
    ingest(store, [str(EXAMPLES)], features=FAST)
    with pytest.raises(StoreError, match="same settings"):
        ingest(store, [str(EXAMPLES)])
