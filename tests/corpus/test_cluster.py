"""Story clustering logic with hand-made vectors: time-decayed member links, batching."""

from __future__ import annotations

import math

import numpy as np
import pytest

from manysides.corpus import members
from manysides.corpus.cluster import Clusterer, ClusterSettings
from manysides.corpus.members import MemberIndex
from manysides.corpus.store import Store
from manysides.model import Article
from manysides.read.build import Metadata, build_article


def _article(store: Store, n: int, vector: np.ndarray) -> str:
    """A stored article with the features row the clusterer reloads from."""
    article: Article = build_article(
        f"Article number {n} about something. " * 20, Metadata(title=f"T{n}"), f"a{n}.txt"
    )
    store.insert_article(article)
    store.db.execute(
        "INSERT INTO features VALUES (?, ?, ?, ?, ?)",
        (article.id, vector.tobytes(), b"", '{"word": 1}', "[]"),
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
    stories, _links = index.best_links(_vector(1.0), math.nan, *LINK_SETTINGS)
    assert sorted(stories.tolist()) == [1, 2]


def test_a_reloaded_index_gives_the_same_links_bit_for_bit() -> None:
    """`Clusterer.load` adds members in bulk; decisions after a restart must not change."""
    rng = np.random.default_rng(3)
    vectors = rng.standard_normal((300, 16)).astype(np.float32)
    stories = rng.integers(0, 40, 300)
    days = np.where(rng.random(300) < 0.1, math.nan, 736000 + rng.integers(0, 2000, 300))
    one_by_one, bulk = MemberIndex(), MemberIndex()
    for vector, story, day in zip(vectors, stories, days, strict=True):
        one_by_one.add(vector, int(story), float(day))
    bulk.extend(vectors, stories.astype(np.int64), days.astype(np.float64))
    for probe_day in (736500.0, 737900.0, math.nan):
        a = one_by_one.best_links(vectors[7], probe_day, *LINK_SETTINGS)
        b = bulk.best_links(vectors[7], probe_day, *LINK_SETTINGS)
        assert a[0].tolist() == b[0].tolist() and a[1].tobytes() == b[1].tobytes()
