"""Incremental story clustering: each arriving article joins its best story or starts one.

Score of an article against a story = its best time-decayed member similarity (the highest
cosine of lead embeddings with any member, minus W_TIME x min(days between the two /
HORIZON, 1)) + W_TERMS x TF-IDF cosine with the story's terms (document frequencies as seen
so far) + W_ENTITIES x share of the article's named entities the story already has. The
member-level, time-decayed link (rather than a centroid and a story-wide span) lets a story
follow an event as it develops while keeping apart two similar events months apart (e.g.
two missile tests), which a span that only grows cannot. A wire copy joins its original's
story. Only the TOP_K stories with the best member link are scored in full. The member links
are searched among candidate stories (those sharing a name or a frequent word with the
article, and those of the latest arrivals; see `members.py`) within window_days of the
article, so each step costs a bounded number of dot products, whatever the store's size.
The result depends only on the input order: no randomness, ties go to the older story.
"""

from __future__ import annotations

import bisect
import json
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from manysides.corpus.members import MemberIndex, Vector
from manysides.corpus.store import Store


@dataclass(frozen=True, slots=True)
class ClusterSettings:
    """Shipped defaults; chosen as described in docs/corpus.md ("How settings were chosen")."""

    threshold: float = 0.55
    w_terms: float = 0.4
    w_entities: float = 0.1
    w_time: float = 0.3
    horizon_days: float = 120.0
    window_days: float = 730.0
    """Members further apart than this are not searched at all (the decay is already at its
    maximum from horizon_days). Measured on the labeled sets: 730 days changes no story;
    120 / 240 / 365 days lower news_cluster F1 to 0.931 / 0.938 / 0.938 (its events run for
    months, with gaps of up to 958 days between two articles of one event)."""
    top_k: int = 30
    story_terms: int = 200


KEEP_ENTITIES = 100
KEY_TERMS = 10
"""An article is indexed under its names and its KEY_TERMS most frequent content words."""


def member_keys(terms: dict[str, int], entities: Iterable[str]) -> list[str]:
    """The keys a member is listed under for candidate search: its names and its most
    frequent content words (headline words count twice). Raw counts, not TF-IDF: the keys
    must not depend on when the article arrived, so a reloaded store lists it the same."""
    words = sorted(terms.items(), key=lambda kv: (-kv[1], kv[0]))[:KEY_TERMS]
    names = sorted({e.lower() for e in entities})
    return [f"n:{name}" for name in names] + [f"w:{word}" for word, _ in words]


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
    """The in-memory view of all stories and their members, written to the store once per
    batch (`flush`) inside the batch's transaction, and rebuilt from it by `load`."""

    settings: ClusterSettings
    stories: list[StoryState] = field(default_factory=list)
    df: Counter[str] = field(default_factory=Counter)
    documents: int = 0
    members: MemberIndex = field(default_factory=lambda: MemberIndex())
    _df_pending: Counter[str] = field(default_factory=Counter)
    _dirty: set[int] = field(default_factory=set)
    _norms: dict[int, float] = field(default_factory=dict)

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
        index_of = {s.id: i for i, s in enumerate(clusterer.stories)}
        rows = store.db.execute(
            "SELECT sa.story_id, f.embedding, a.published, sa.keys,"
            " CASE WHEN sa.keys IS NULL THEN f.terms END,"
            " CASE WHEN sa.keys IS NULL THEN f.entities END FROM articles a"
            " JOIN features f ON f.article_id = a.id"
            " JOIN story_articles sa ON sa.article_id = a.id ORDER BY a.seq"
        ).fetchall()
        if rows:
            vectors = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float32)
            clusterer.members.extend(
                vectors.reshape(len(rows), -1),
                np.array([index_of[int(r[0])] for r in rows], dtype=np.int64),
                np.array([_day_number(r[2]) for r in rows], dtype=np.float64),
                [
                    json.loads(r[3])
                    if r[3] is not None
                    else member_keys(json.loads(r[4]), json.loads(r[5]))
                    for r in rows
                ],
            )
        return clusterer

    def flush(self, store: Store) -> None:
        """Write the stories and document frequencies changed since the last flush (once per
        batch, inside the caller's transaction, instead of once per article)."""
        for index in sorted(self._dirty):
            save_story(store, self.stories[index])
        store.db.executemany(
            "INSERT INTO term_df VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET df = df + ?",
            [(t, n, n) for t, n in sorted(self._df_pending.items())],
        )
        self._dirty.clear()
        self._df_pending.clear()

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
        """Place one article (inside the caller's transaction); returns its story id.

        Story rows and term counts are written by `flush`, which the caller runs before
        committing."""
        tfidf = self._tfidf(terms)
        names = {e.lower() for e in entities}
        keys = member_keys(terms, entities)
        day = published[:10] if published else None
        index = (
            self._index_of(forced)
            if forced is not None
            else self._best(vector, tfidf, names, keys, day)
        )
        if index is None:
            sid = (self.stories[-1].id + 1) if self.stories else 1
            self.stories.append(
                StoryState(sid, 0, np.zeros_like(vector), {}, Counter(), None, None)
            )
            index = len(self.stories) - 1
        story = self.stories[index]
        story.add(vector, tfidf, names, day, self.settings.story_terms)
        self.members.add(vector, index, _day_number(published), keys)
        self._dirty.add(index)
        self._norms.pop(index, None)
        if story.size == 1:
            save_story(store, story)  # the row must exist before story_articles refers to it
        store.db.execute(
            "INSERT INTO story_articles(article_id, story_id, keys) VALUES (?, ?, ?)",
            (article_id, story.id, json.dumps(keys, ensure_ascii=False)),
        )
        return story.id

    def _index_of(self, story_id: int) -> int | None:
        """Stories are kept in id order (ids only grow), so a binary search finds one."""
        i = bisect.bisect_left(self.stories, story_id, key=lambda s: s.id)
        return i if i < len(self.stories) and self.stories[i].id == story_id else None

    def _tfidf(self, terms: dict[str, int]) -> dict[str, float]:
        self.documents += 1
        self.df.update(terms.keys())
        self._df_pending.update(terms.keys())
        weights = {
            t: (1 + math.log(c)) * math.log((self.documents + 1) / (self.df[t] + 0.5))
            for t, c in terms.items()
        }
        norm = math.sqrt(math.fsum(w * w for w in weights.values())) or 1.0
        return {t: w / norm for t, w in weights.items()}

    def _best(
        self,
        vector: Vector,
        tfidf: dict[str, float],
        names: set[str],
        keys: list[str],
        day: str | None,
    ) -> int | None:
        if not self.stories:
            return None
        s = self.settings
        stories, links = self.members.best_links(
            vector, _day_number(day), keys, s.w_time, s.horizon_days, s.window_days
        )
        top = np.lexsort((stories, -links))[: s.top_k]  # best link first, ties: older story
        best, best_score = None, self.settings.threshold
        for index, link in sorted((int(stories[i]), float(links[i])) for i in top):
            score = link + self._extra(index, tfidf, names)
            if score >= best_score + (1e-9 if best is not None else 0.0):
                best, best_score = index, score
        return best

    def _extra(self, index: int, tfidf: dict[str, float], names: set[str]) -> float:
        """TF-IDF cosine and entity overlap with a story (fsum: exact, so order-free)."""
        s, story = self.settings, self.stories[index]
        norm = self._norms.get(index)
        if norm is None:
            norm = math.sqrt(math.fsum(w * w for w in story.terms.values())) or 1.0
            self._norms[index] = norm
        terms = story.terms
        text = math.fsum(tfidf[t] * terms[t] for t in tfidf.keys() & terms.keys()) / norm
        shared = len(names & story.entities.keys()) / min(len(names), 5) if names else 0.0
        return s.w_terms * text + s.w_entities * min(shared, 1.0)


def _day_number(published: str | None) -> float:
    """Proleptic day number of an ISO date (NaN when unknown), for time distances."""
    if not published:
        return math.nan
    try:
        return float(date.fromisoformat(published[:10]).toordinal())
    except ValueError:
        return math.nan


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
