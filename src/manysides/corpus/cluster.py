"""Incremental story clustering: each arriving article joins its best story or starts one.

Score of an article against a story = cosine of the lead embedding with the story centroid
+ W_TERMS x TF-IDF cosine (document frequencies as seen so far) + W_ENTITIES x share of the
article's named entities the story already has - W_TIME x how far (up to HORIZON days) the
article lies outside the story's time span. A wire copy joins its original's story. Only the
TOP_K stories nearest by embedding are scored in full, so each step costs one matrix-vector
product plus a constant. The result depends only on the input order: no randomness, ties go
to the older story.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from manysides.corpus.store import Store

Vector = np.ndarray[Any, np.dtype[np.float32]]


@dataclass(frozen=True, slots=True)
class ClusterSettings:
    """Shipped defaults; chosen as described in docs/corpus.md ("How settings were chosen")."""

    threshold: float = 0.6
    w_terms: float = 0.3
    w_entities: float = 0.1
    w_time: float = 0.1
    horizon_days: float = 30.0
    top_k: int = 30
    story_terms: int = 200


KEEP_ENTITIES = 100


def top_entities(entities: Counter[str], n: int) -> list[tuple[str, int]]:
    """Most frequent first, ties by name: the same answer whatever order they were counted in."""
    return sorted(entities.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


@dataclass(slots=True)
class StoryState:
    id: int
    size: int
    centroid: Vector
    terms: dict[str, float]
    entities: Counter[str]
    first: str | None
    last: str | None

    def add(
        self,
        vector: Vector,
        tfidf: dict[str, float],
        entities: set[str],
        day: str | None,
        keep_terms: int,
    ) -> None:
        """Fold one article in (running sums; term list trimmed to the strongest)."""
        self.size += 1
        self.centroid = self.centroid + vector
        for term, weight in tfidf.items():
            self.terms[term] = self.terms.get(term, 0.0) + weight
        if len(self.terms) > keep_terms:
            strongest = sorted(self.terms.items(), key=lambda kv: (-kv[1], kv[0]))[:keep_terms]
            self.terms = dict(strongest)
        self.entities.update(entities)
        if len(self.entities) > KEEP_ENTITIES:
            self.entities = Counter(dict(top_entities(self.entities, KEEP_ENTITIES)))
        if day:
            self.first = min(self.first or day, day)
            self.last = max(self.last or day, day)


@dataclass(slots=True)
class Clusterer:
    """The in-memory view of all stories, kept in step with the store row by row."""

    settings: ClusterSettings
    stories: list[StoryState] = field(default_factory=list)
    df: Counter[str] = field(default_factory=Counter)
    documents: int = 0
    _matrix: Vector | None = None

    @classmethod
    def load(cls, store: Store, settings: ClusterSettings) -> Clusterer:
        clusterer = cls(settings)
        for sid, size, first, last, centroid, terms, entities in store.db.execute(
            "SELECT id, size, first_published, last_published, centroid, terms, entities"
            " FROM stories ORDER BY id"
        ):
            clusterer.stories.append(
                StoryState(
                    sid,
                    size,
                    np.frombuffer(centroid, dtype=np.float32).copy(),
                    json.loads(terms),
                    Counter(json.loads(entities)),
                    first,
                    last,
                )
            )
        clusterer.df.update(dict(store.db.execute("SELECT term, df FROM term_df")))
        clusterer.documents = int(store.db.execute("SELECT count(*) FROM features").fetchone()[0])
        return clusterer

    def assign(
        self,
        store: Store,
        article_id: str,
        published: str | None,
        vector: Vector,
        terms: dict[str, int],
        entities: tuple[str, ...],
        forced: int | None,
    ) -> int:
        """Place one article (inside the caller's transaction); returns its story id."""
        tfidf = self._tfidf(store, terms)
        names = {e.lower() for e in entities}
        day = published[:10] if published else None
        index = (
            self._index_of(forced) if forced is not None else self._best(vector, tfidf, names, day)
        )
        if index is None:
            sid = (self.stories[-1].id + 1) if self.stories else 1
            self.stories.append(
                StoryState(sid, 0, np.zeros_like(vector), {}, Counter(), None, None)
            )
            index = len(self.stories) - 1
        story = self.stories[index]
        story.add(vector, tfidf, names, day, self.settings.story_terms)
        self._set_row(index, _unit(story.centroid))
        save_story(store, story)
        store.db.execute("INSERT INTO story_articles VALUES (?, ?)", (article_id, story.id))
        return story.id

    def _set_row(self, index: int, row: Vector) -> None:
        """Keep the unit-centroid matrix in step; capacity doubles so growth is amortized."""
        if self._matrix is None:
            return
        if index >= len(self._matrix):
            grown = np.zeros((max(16, 2 * len(self._matrix)), row.shape[0]), dtype=np.float32)
            grown[: len(self._matrix)] = self._matrix
            self._matrix = grown
        self._matrix[index] = row

    def _index_of(self, story_id: int) -> int | None:
        return next((i for i, s in enumerate(self.stories) if s.id == story_id), None)

    def _tfidf(self, store: Store, terms: dict[str, int]) -> dict[str, float]:
        self.documents += 1
        self.df.update(terms.keys())
        store.db.executemany(
            "INSERT INTO term_df VALUES (?, 1) ON CONFLICT(term) DO UPDATE SET df = df + 1",
            [(t,) for t in terms],
        )
        weights = {
            t: (1 + math.log(c)) * math.log((self.documents + 1) / (self.df[t] + 0.5))
            for t, c in terms.items()
        }
        norm = math.sqrt(math.fsum(w * w for w in weights.values())) or 1.0
        return {t: w / norm for t, w in weights.items()}

    def _best(
        self, vector: Vector, tfidf: dict[str, float], names: set[str], day: str | None
    ) -> int | None:
        if not self.stories:
            return None
        if self._matrix is None:
            self._matrix = np.stack([_unit(s.centroid) for s in self.stories])
        near = self._matrix[: len(self.stories)] @ vector
        top = np.argsort(-near, kind="stable")[: self.settings.top_k]
        best, best_score = None, self.settings.threshold
        for index in sorted(int(i) for i in top):
            score = float(near[index]) + self._extra(self.stories[index], tfidf, names, day)
            if score >= best_score + (1e-9 if best is not None else 0.0):
                best, best_score = index, score
        return best

    def _extra(
        self, story: StoryState, tfidf: dict[str, float], names: set[str], day: str | None
    ) -> float:
        s = self.settings
        norm = math.sqrt(math.fsum(w * w for w in story.terms.values())) or 1.0
        text = math.fsum(w * story.terms.get(t, 0.0) for t, w in tfidf.items()) / norm
        shared = len(names & story.entities.keys()) / min(len(names), 5) if names else 0.0
        return s.w_terms * text + s.w_entities * min(shared, 1.0) - s.w_time * _gap(story, day, s)


def _gap(story: StoryState, day: str | None, settings: ClusterSettings) -> float:
    """0 inside the story's span, rising to 1 at HORIZON days outside it."""
    if not day or not story.first or not story.last:
        return 0.0
    when = date.fromisoformat(day)
    outside = max(
        (date.fromisoformat(story.first) - when).days,
        (when - date.fromisoformat(story.last)).days,
        0,
    )
    return min(outside / settings.horizon_days, 1.0)


def _unit(vector: Vector) -> Vector:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector


def save_story(store: Store, story: StoryState) -> None:
    store.db.execute(
        "INSERT INTO stories(id, size, first_published, last_published, centroid, terms,"
        " entities) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET size = excluded.size,"
        " first_published = excluded.first_published, last_published = excluded.last_published,"
        " centroid = excluded.centroid, terms = excluded.terms, entities = excluded.entities",
        (
            story.id,
            story.size,
            story.first,
            story.last,
            story.centroid.astype(np.float32).tobytes(),
            json.dumps(story.terms, sort_keys=True),
            json.dumps(dict(top_entities(story.entities, KEEP_ENTITIES)), sort_keys=True),
        ),
    )
