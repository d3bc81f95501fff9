"""Story clustering logic with hand-made vectors: time-decayed member links, batching."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from manysides.corpus import members
from manysides.corpus.cluster import Clusterer, ClusterSettings, forget_members
from manysides.corpus.members import MemberIndex
from manysides.corpus.store import Store, StoreError
from manysides.model import Article
from manysides.read.build import Metadata, build_article


def _article(
    store: Store,
    n: int,
    vector: np.ndarray,
    terms: str = '{"word": 1}',
    entities: str = "[]",
) -> str:
    """A stored article with the features row the clusterer reloads from."""
    article: Article = build_article(
        f"Article number {n} about something. " * 20, Metadata(title=f"T{n}"), f"a{n}.txt"
    )
    store.insert_article(article)
    store.db.execute(
        "INSERT INTO features VALUES (?, ?, ?, ?, ?)",
        (article.id, vector.tobytes(), b"", terms, entities),
    )
    return article.id


def _vector(*values: float) -> np.ndarray:
    vector = np.zeros(4, dtype=np.float32)
    vector[: len(values)] = values
    return vector


def _place(
    store: Store, clusterer: Clusterer, rows: list[tuple[str | None, np.ndarray]]
) -> list[int]:
    with store.transaction():
        ids = [
            clusterer.assign(store, _article(store, i, v), day, v, {"word": 1}, (), None)
            for i, (day, v) in enumerate(rows)
        ]
        clusterer.flush(store)
    return ids


def test_a_similar_article_a_year_later_starts_a_new_story(store: Store) -> None:
    """Cosine 0.8 links articles a week apart, not a year apart (the decay costs 0.3)."""
    clusterer = Clusterer(ClusterSettings(w_terms=0.0, w_entities=0.0))
    stories = _place(
        store,
        clusterer,
        [
            ("2017-01-01", _vector(1.0)),
            ("2017-01-08", _vector(0.8, 0.6)),
            ("2018-01-08", _vector(0.8, -0.6)),
        ],
    )
    assert stories[0] == stories[1] != stories[2]


def test_an_article_links_to_its_nearest_member_not_the_centroid(store: Store) -> None:
    """A story that drifted (a, then b) still takes an article close to b alone."""
    clusterer = Clusterer(ClusterSettings(w_terms=0.0, w_entities=0.0, w_time=0.0))
    a, b = _vector(1.0), _vector(0.6, 0.8)
    near_b = _vector(0.0, 0.8, 0.6)  # cosine 0.64 with b, 0 with a, 0.5 with the centroid
    stories = _place(store, clusterer, [(None, a), (None, b), (None, near_b)])
    assert len(set(stories)) == 1


def test_reloaded_state_places_the_next_article_the_same_way(store: Store) -> None:
    """Story rows and term counts are flushed per batch; a reload sees the same state."""
    clusterer = Clusterer(ClusterSettings())
    _place(store, clusterer, [("2017-01-01", _vector(1.0)), ("2017-03-01", _vector(0.0, 1.0))])
    reloaded = Clusterer.load(store, ClusterSettings())
    assert reloaded.documents == clusterer.documents == 2
    assert reloaded.df == clusterer.df
    probe = _vector(0.9, 0.1)
    with store.transaction():
        first = clusterer.assign(
            store, _article(store, 10, probe), "2017-01-02", probe, {}, (), None
        )
        again = reloaded.assign(
            store, _article(store, 11, probe), "2017-01-02", probe, {}, (), None
        )
    assert first == again == 1


def test_a_member_beyond_the_window_is_not_linked(store: Store) -> None:
    """Identical vectors link at 18 months (cosine 1 minus the full decay 0.3 clears 0.55),
    not at three years: the search window (730 days) closes the older story."""
    clusterer = Clusterer(ClusterSettings(w_terms=0.0, w_entities=0.0))
    v = _vector(1.0)
    stories = _place(store, clusterer, [("2014-01-01", v), ("2015-07-01", v), ("2018-07-01", v)])
    assert stories[0] == stories[1] != stories[2]


LINK_SETTINGS = (0.3, 120.0, 730.0)  # w_time, horizon, window: the shipped defaults


def test_only_the_recent_undated_members_are_searched(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(members, "UNDATED_WINDOW", 2)
    index = MemberIndex()
    for story in range(3):
        index.add(_vector(1.0), story, math.nan)
    stories, _links = index.best_links(_vector(1.0), math.nan, (), *LINK_SETTINGS)
    assert sorted(stories.tolist()) == [1, 2]


def test_a_reloaded_index_gives_the_same_links_bit_for_bit() -> None:
    """`Clusterer.load` adds members in bulk; decisions after a restart must not change."""
    rng = np.random.default_rng(3)
    vectors = rng.standard_normal((300, 16)).astype(np.float32)
    stories = rng.integers(0, 40, 300)
    days = np.where(rng.random(300) < 0.1, math.nan, 736000 + rng.integers(0, 2000, 300))
    keys = [[f"w:{k}" for k in rng.integers(0, 30, 3)] for _ in range(300)]
    one_by_one, bulk = MemberIndex(), MemberIndex()
    for vector, story, day, listed in zip(vectors, stories, days, keys, strict=True):
        one_by_one.add(vector, int(story), float(day), listed)
    bulk.extend(vectors, stories.astype(np.int64), days.astype(np.float64), keys)
    for probe_day in (736500.0, 737900.0, math.nan):
        a = one_by_one.best_links(vectors[7], probe_day, keys[7], *LINK_SETTINGS)
        b = bulk.best_links(vectors[7], probe_day, keys[7], *LINK_SETTINGS)
        assert len(a[0]) > 0
        assert a[0].tolist() == b[0].tolist() and a[1].tobytes() == b[1].tobytes()


def test_a_story_sharing_a_key_is_found_after_many_other_arrivals(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Past the latest arrivals, a story is a candidate through a name or word it shares with
    the article; one that shares nothing is not searched at all."""
    monkeypatch.setattr(members, "RECENT_ARRIVALS", 4)
    index = MemberIndex()
    index.add(_vector(1.0), 0, 736000.0, ["n:heger"])
    index.add(_vector(0.0, 1.0), 1, 736000.0, ["n:peskov"])
    for story in range(2, 12):
        index.add(_vector(0.0, 0.0, 1.0), story, 736001.0, ["w:weather"])
    stories, links = index.best_links(_vector(1.0), 736002.0, ["n:heger"], *LINK_SETTINGS)
    assert 0 in stories.tolist() and 1 not in stories.tolist()
    assert links[stories.tolist().index(0)] == pytest.approx(1.0 - 0.3 * 2 / 120)


def test_a_common_key_lists_only_its_latest_stories(monkeypatch: pytest.MonkeyPatch) -> None:
    """A key shared by many stories keeps the STORIES_PER_KEY that used it last, so a
    frequent word cannot make every story a candidate."""
    monkeypatch.setattr(members, "RECENT_ARRIVALS", 1)
    monkeypatch.setattr(members, "STORIES_PER_KEY", 3)
    index = MemberIndex()
    for story in range(6):
        index.add(_vector(1.0), story, 736000.0, ["w:police"])
    assert index.candidates(["w:police"]) == [3, 4, 5]
    index.add(_vector(1.0), 0, 736000.0, ["w:police"])  # story 0 used it again: listed first
    assert index.candidates(["w:police"]) == [0, 4, 5]


def test_over_the_budget_only_a_storys_latest_members_are_compared(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(members, "MEMBER_BUDGET", 2)
    index = MemberIndex()
    index.add(_vector(1.0), 0, math.nan)
    index.add(_vector(0.0, 1.0), 0, math.nan)
    index.add(_vector(0.0, 0.0, 1.0), 0, math.nan)
    _stories, links = index.best_links(_vector(1.0), math.nan, (), *LINK_SETTINGS)
    assert links.tolist() == [0.0]  # the first member (cosine 1) has been let go


def test_members_without_stored_keys_are_keyed_from_their_features(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store written before keys were stored (schema 1) gets them computed at load: the
    same candidates as the keys the clusterer stored itself."""
    monkeypatch.setattr(members, "RECENT_ARRIVALS", 0)  # candidates through keys only
    clusterer = Clusterer(ClusterSettings(threshold=2.0))  # every article its own story
    with store.transaction():
        for n, names in enumerate([("Peskov",), ("Heger", "Kyiv")]):
            v = _vector(1.0, float(n))
            terms = {"kremlin": 2 + n, "visit": 1}
            stored = _article(store, n, v, json.dumps(terms), json.dumps(names))
            clusterer.assign(store, stored, "2023-03-17", v, terms, names, None)
        clusterer.flush(store)
    stored = store.db.execute("SELECT keys FROM story_articles ORDER BY rowid").fetchall()
    assert [json.loads(k) for (k,) in stored] == [
        ["n:peskov", "w:kremlin", "w:visit"],
        ["n:heger", "n:kyiv", "w:kremlin", "w:visit"],
    ]
    expected = {"n:heger": [1], "n:peskov": [0], "w:kremlin": [0, 1], "w:nothing": []}
    with_keys = Clusterer.load(store, ClusterSettings())
    for key, stories in expected.items():
        assert with_keys.members.candidates([key]) == stories
    store.db.execute("UPDATE story_articles SET keys = NULL")
    forget_members(store)  # no snapshot either: the index is rebuilt from the features
    computed = Clusterer.load(store, ClusterSettings())
    assert computed.members._fetch is None
    for key, stories in expected.items():
        assert computed.members.candidates([key]) == stories
    with pytest.raises(StoreError, match="changed during this run"):
        with_keys.members.candidates(["n:kyiv"])  # its snapshot is gone: not read silently


def test_the_member_budget_is_shared_evenly_and_small_stories_keep_all() -> None:
    counts = np.array([3, 40, 100], dtype=np.int64)
    assert members._fair_share(counts, 1000) == 100  # everything fits
    assert members._fair_share(counts, 63) == 30  # 3 + 30 + 30
    assert members._fair_share(counts, 2) == 0
