"""`Clusterer.load` from the member index's snapshot decides exactly as a full rebuild from
story_articles: after plain ingests, after merge, split and recluster, and after kill -9."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pytest

from manysides.corpus import members
from manysides.corpus.cluster import Clusterer, ClusterSettings, _day_number, forget_members
from manysides.corpus.ingest import ingest_articles
from manysides.corpus.members import MemberIndex
from manysides.corpus.store import Store
from manysides.corpus.stories import list_stories, merge, recluster, split, story_articles
from manysides.model import Article
from manysides.read.jsonfile import article_from_record
from tests.corpus.conftest import FAST, GOLD

LINKS = (0.3, 120.0, 730.0)  # w_time, horizon, window: the shipped defaults


def _all_keys(store: Store) -> list[str]:
    keys: set[str] = set()
    for (listed,) in store.db.execute("SELECT keys FROM story_articles"):
        keys.update(json.loads(listed))
    return sorted(keys)


def _state(clusterer: Clusterer, keys: list[str]) -> tuple[object, ...]:
    """Everything a decision can depend on, comparable with ==."""
    m = clusterer.members
    m._fetch_missing(keys)  # a restored index reads its listings on first use
    n = m.size
    rows = {
        s: m._story_rows[s][: m._story_count[s]].tolist()
        for s in range(len(m._story_count))
        if m._story_count[s]
    }
    return (
        n,
        m._vectors[:n].tobytes(),
        m._story[:n].tolist(),
        m._day[:n].tobytes(),
        m._undated_rank[:n].tolist(),
        m._undated,
        repr(m.latest),
        rows,
        {k: list(m._postings.get(k, {})) for k in keys},
        list(m._recent),
        [
            (s.id, s.size, s.first, s.last, s.centroid.tobytes(), s.terms, dict(s.entities))
            for s in clusterer.stories
        ],
        dict(clusterer.df),
        clusterer.documents,
    )


def _snapshot_rows(store: Store) -> int:
    return int(
        store.db.execute(
            "SELECT coalesce(sum(length(stories) / 8), 0) FROM member_segments"
        ).fetchone()[0]
    )


def assert_load_equals_rebuild(store: Store) -> None:
    """The snapshot covers every member, and loading it equals rebuilding the index."""
    members_stored = store.db.execute("SELECT count(*) FROM story_articles").fetchone()[0]
    assert _snapshot_rows(store) == members_stored
    keys = _all_keys(store)
    loaded = Clusterer.load(store, ClusterSettings())
    assert loaded.members._fetch is not None  # really read from the snapshot
    loaded_state = _state(loaded, keys)  # reads every listing before the snapshot is redone
    with store.transaction():
        forget_members(store)
        rebuilt = Clusterer.load(store, ClusterSettings())
        assert rebuilt.members._fetch is None
        rebuilt.flush(store)  # saves the snapshot again (the whole index)
    assert loaded_state == _state(rebuilt, keys)
    again = Clusterer.load(store, ClusterSettings())
    assert _state(again, keys) == _state(rebuilt, keys)
    for key_list, vector, day in _probes(store):
        for c in (loaded, rebuilt):
            assert c.members.best_links(vector, day, key_list, *LINKS)[0].size
        a = loaded.members.best_links(vector, day, key_list, *LINKS)
        b = rebuilt.members.best_links(vector, day, key_list, *LINKS)
        assert a[0].tolist() == b[0].tolist() and a[1].tobytes() == b[1].tobytes()


def _probes(store: Store) -> list[tuple[list[str], np.ndarray, float]]:
    rows = store.db.execute(
        "SELECT sa.keys, f.embedding, a.published FROM story_articles sa"
        " JOIN features f ON f.article_id = sa.article_id JOIN articles a ON a.id = sa.article_id"
        " ORDER BY a.seq LIMIT 12"
    ).fetchall()
    out = []
    for keys, embedding, published in rows:
        vector = np.frombuffer(embedding, dtype=np.float32)
        out.append((json.loads(keys), vector, _day_number(published)))
    return out


@pytest.fixture(scope="module")
def gold() -> list[Article]:
    """The 96 gold_standard articles, in file order."""
    if not GOLD.is_dir():
        pytest.skip("../shared/data is not available")
    return [
        article_from_record(json.loads(f.read_text()), str(f)) for f in sorted(GOLD.glob("*.json"))
    ]


def _assignments(store: Store) -> list[tuple[str, int]]:
    return store.db.execute(
        "SELECT sa.article_id, sa.story_id FROM story_articles sa"
        " JOIN articles a ON a.id = sa.article_id ORDER BY a.seq"
    ).fetchall()


def _ingest_in_parts(
    store: Store, articles: list[Article], parts: Iterable[int], *, rebuild: bool
) -> None:
    """Several ingest calls (each loads the clusterer); ``rebuild``: drop the snapshot
    before each, so every load rebuilds the index from story_articles."""
    start = 0
    for end in parts:
        if rebuild:
            with store.transaction():
                forget_members(store)
        ingest_articles(store, articles[start:end], features=FAST)
        start = end


def test_many_small_ingests_assign_as_rebuilt_loads(
    tmp_path: Path, gold: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Small key listings and few latest arrivals, so the stored listings decide."""
    monkeypatch.setattr(members, "STORIES_PER_KEY", 3)
    monkeypatch.setattr(members, "RECENT_ARRIVALS", 2)
    parts = [5, 17, 40, 41, 70, 96]
    with Store.open(tmp_path / "snap.db") as snap, Store.open(tmp_path / "full.db") as full:
        _ingest_in_parts(snap, gold, parts, rebuild=False)
        _ingest_in_parts(full, gold, parts, rebuild=True)
        assert _assignments(snap) == _assignments(full)
        one = tmp_path / "one.db"
        with Store.open(one) as single:
            ingest_articles(single, gold, features=FAST)
            assert _assignments(single) == _assignments(snap)
        assert len(list_stories(snap)) >= 5
        assert_load_equals_rebuild(snap)


def test_merge_split_and_recluster_reset_the_snapshot(tmp_path: Path, gold: list[Article]) -> None:
    with Store.open(tmp_path / "snap.db") as snap, Store.open(tmp_path / "full.db") as full:
        for store, rebuild in ((snap, False), (full, True)):
            _ingest_in_parts(store, gold, [30, 50], rebuild=rebuild)
            ids = [s.id for s in list_stories(store)]
            merge(store, ids[0], ids[1])
            assert _snapshot_rows(store) == 0  # members moved: dropped, rebuilt on load
            _ingest_in_parts(store, gold, [60, 70], rebuild=rebuild)
            largest = next(s for s in list_stories(store) if s.articles >= 3)
            moved = [a.id for a in story_articles(store, largest.id)][:2]
            split(store, largest.id, moved)
            assert _snapshot_rows(store) == 0
            _ingest_in_parts(store, gold, [80], rebuild=rebuild)
            assert_load_equals_rebuild(store)
        assert _assignments(snap) == _assignments(full)
        for store, rebuild in ((snap, False), (full, True)):
            recluster(store)  # replays the merge and the split: the snapshot is dropped
            _ingest_in_parts(store, gold, [88, 96], rebuild=rebuild)
            assert_load_equals_rebuild(store)
        assert _assignments(snap) == _assignments(full)


def test_recluster_without_corrections_saves_a_full_snapshot(
    tmp_path: Path, gold: list[Article]
) -> None:
    with Store.open(tmp_path / "s.db") as store:
        ingest_articles(store, gold[:40], features=FAST)
        before = _assignments(store)
        recluster(store)
        assert _assignments(store) == before
        assert_load_equals_rebuild(store)


def test_a_store_without_a_snapshot_is_rebuilt_then_saved(
    tmp_path: Path, gold: list[Article]
) -> None:
    """A store written before the snapshot existed (migration 3 adds empty tables): the
    first load rebuilds, the first batch saves every member, later loads read it."""
    with Store.open(tmp_path / "s.db") as store:
        ingest_articles(store, gold[:40], features=FAST)
        with store.transaction():
            forget_members(store)
        assert Clusterer.load(store, ClusterSettings()).members._fetch is None
        ingest_articles(store, gold[40:45], features=FAST)
        assert _snapshot_rows(store) == 45
        assert Clusterer.load(store, ClusterSettings()).members._fetch is not None
        assert_load_equals_rebuild(store)


def test_a_snapshot_that_misses_members_is_replaced_whole(
    tmp_path: Path, gold: list[Article]
) -> None:
    """Segments missing (whatever the cause): the load rebuilds, and the next batch writes
    a whole new snapshot, with no listing left over from the old one."""
    with Store.open(tmp_path / "s.db") as store:
        ingest_articles(store, gold[:40], features=FAST)
        with store.transaction() as db:
            db.execute("DELETE FROM member_segments WHERE start > 0")
            db.execute("INSERT INTO member_postings VALUES ('w:stale', x'0100000000000000')")
        assert Clusterer.load(store, ClusterSettings()).members._fetch is None
        ingest_articles(store, gold[40:45], features=FAST)
        assert _snapshot_rows(store) == 45
        stale = store.db.execute("SELECT 1 FROM member_postings WHERE key = 'w:stale'")
        assert stale.fetchone() is None
        assert_load_equals_rebuild(store)


def test_a_restored_index_links_bit_for_bit(monkeypatch: pytest.MonkeyPatch) -> None:
    """MemberIndex level, 384-d vectors (the embedder's width), undated members, evictions
    from the key listings: `restore` from `rows` + `take_postings` equals the index."""
    monkeypatch.setattr(members, "STORIES_PER_KEY", 4)
    monkeypatch.setattr(members, "RECENT_ARRIVALS", 3)
    rng = np.random.default_rng(11)
    n = 400
    vectors = rng.standard_normal((n, 384)).astype(np.float32)
    stories = rng.integers(0, 60, n)
    days = np.where(rng.random(n) < 0.15, math.nan, 736000 + rng.integers(0, 900, n))
    keys = [[f"w:{k}" for k in rng.integers(0, 40, 4)] for _ in range(n)]
    index = MemberIndex()
    saved: dict[str, list[int]] = {}
    for i in range(n):
        index.add(vectors[i], int(stories[i]), float(days[i]), keys[i])
        if i % 32 == 31:
            saved.update(index.take_postings())
    saved.update(index.take_postings())
    units, story_rows, day_rows = index.rows(0)
    spare = np.zeros((2 * n, 384), dtype=np.float32)
    spare[:n] = units
    restored = MemberIndex.restore(
        spare, story_rows, day_rows, lambda ks: {k: saved[k] for k in ks if k in saved}
    )
    for i in (0, 7, 123, 399):
        for probe_day in (736450.0, 737300.0, math.nan):
            a = index.best_links(vectors[i], probe_day, keys[i], *LINKS)
            b = restored.best_links(vectors[i], probe_day, keys[i], *LINKS)
            assert len(a[0]) > 0
            assert a[0].tolist() == b[0].tolist() and a[1].tobytes() == b[1].tobytes()
    for extra in range(3):  # both keep growing the same way
        for idx in (index, restored):
            idx.add(vectors[extra], 59, 736900.0, ["w:1", "w:new"])
    a = index.best_links(vectors[1], 736900.0, ["w:1", "w:new"], *LINKS)
    b = restored.best_links(vectors[1], 736900.0, ["w:1", "w:new"], *LINKS)
    assert a[0].tolist() == b[0].tolist() and a[1].tobytes() == b[1].tobytes()
    assert index.take_postings() == restored.take_postings()
