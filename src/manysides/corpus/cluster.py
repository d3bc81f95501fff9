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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from manysides.corpus.members import Fetch, Ints, MemberIndex, Vector
from manysides.corpus.store import Store, StoreError


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


StoredSums = tuple[bytes, str, str]
"""A story's stored centroid (float32 bytes), terms and entities (JSON)."""


class StoryState:
    """A story's running sums. A loaded story reads its centroid, terms and entities from
    the store when first used (``source``): a load reads and decodes only the small columns
    of every story, the rest only for the stories an article is compared with or joins."""

    __slots__ = ("_centroid", "_entities", "_source", "_terms", "first", "id", "last", "size")

    def __init__(
        self,
        id: int,
        size: int,
        centroid: Vector,
        terms: dict[str, float],
        entities: Counter[str],
        first: str | None,
        last: str | None,
    ) -> None:
        self.id, self.size, self.first, self.last = id, size, first, last
        self._centroid: Vector | None = centroid
        self._terms: dict[str, float] | None = terms
        self._entities: Counter[str] | None = entities
        self._source: Callable[[int], StoredSums] | None = None

    @classmethod
    def stored(
        cls, row: tuple[int, int, str | None, str | None], source: Callable[[int], StoredSums]
    ) -> StoryState:
        """From a `stories` row (id, size, first, last); the rest read on first use."""
        story = cls.__new__(cls)
        story.id, story.size, story.first, story.last = row
        story._centroid = story._terms = story._entities = None
        story._source = source
        return story

    def _read(self) -> None:
        assert self._source is not None
        centroid, terms, entities = self._source(self.id)
        self._centroid = np.frombuffer(centroid, dtype=np.float32).copy()
        self._terms = json.loads(terms)
        self._entities = Counter(json.loads(entities))
        self._source = None

    @property
    def centroid(self) -> Vector:
        if self._source is not None:
            self._read()
        assert self._centroid is not None
        return self._centroid

    @centroid.setter
    def centroid(self, value: Vector) -> None:
        self._centroid = value

    @property
    def terms(self) -> dict[str, float]:
        if self._source is not None:
            self._read()
        assert self._terms is not None
        return self._terms

    @terms.setter
    def terms(self, value: dict[str, float]) -> None:
        self._terms = value

    @property
    def entities(self) -> Counter[str]:
        if self._source is not None:
            self._read()
        assert self._entities is not None
        return self._entities

    @entities.setter
    def entities(self, value: Counter[str]) -> None:
        self._entities = value

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
    _saved: int = 0  # members already in the store's snapshot (rows 0 .. _saved - 1)
    _version: str | None = None  # the snapshot's version as this clusterer last saw it

    @classmethod
    def load(cls, store: Store, settings: ClusterSettings) -> Clusterer:
        """The state the store holds: stories, document frequencies and the member index,
        the latter from its snapshot (`member_segments`, `member_postings`) when that
        covers every member, else rebuilt from story_articles (and saved at the next
        flush). Both give the same index, bit for bit."""
        clusterer = cls(settings)
        clusterer._version = store.get_meta(SNAPSHOT_VERSION)
        source = _story_reader(store, clusterer)
        clusterer.stories.extend(
            StoryState.stored(row, source)
            for row in store.db.execute(
                "SELECT id, size, first_published, last_published FROM stories ORDER BY id"
            )
        )
        clusterer.df.update(dict(store.db.execute("SELECT term, df FROM term_df")))
        clusterer.documents = int(store.db.execute("SELECT count(*) FROM features").fetchone()[0])
        story_ids = np.array([s.id for s in clusterer.stories], dtype=np.int64)
        members = _load_snapshot(store, story_ids, clusterer)
        if members is not None:
            clusterer.members = members
            clusterer._saved = members.size
        else:
            _rebuild_members(store, clusterer.members, story_ids)
        return clusterer

    def flush(self, store: Store) -> None:
        """Write the stories and document frequencies changed since the last flush (once per
        batch, inside the caller's transaction, instead of once per article), and append
        the new members to the member index's snapshot."""
        for index in sorted(self._dirty):
            save_story(store, self.stories[index])
        store.db.executemany(
            "INSERT INTO term_df VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET df = df + ?",
            [(t, n, n) for t, n in sorted(self._df_pending.items())],
        )
        self._dirty.clear()
        self._df_pending.clear()
        self._save_members(store)

    def _save_members(self, store: Store) -> None:
        """Members added since the last save become new segments (a batch's worth, or the
        whole index after a rebuild); keys whose listing changed are rewritten. The cost
        follows what changed, not the store's size."""
        every = self.stories
        units, stories, days = self.members.rows(self._saved)
        if not self._saved and len(stories):
            forget_members(store)  # a whole index: nothing of an older snapshot may remain
        story_ids = np.array([every[i].id for i in stories.tolist()], dtype=np.int64)
        store.db.executemany(
            "INSERT INTO member_segments(start, stories, days, units) VALUES (?, ?, ?, ?)",
            [
                (
                    self._saved + at,
                    story_ids[at : at + SEGMENT].tobytes(),
                    days[at : at + SEGMENT].astype(np.float64).tobytes(),
                    units[at : at + SEGMENT].astype(np.float32).tobytes(),
                )
                for at in range(0, len(stories), SEGMENT)
            ],
        )
        self._saved = self.members.size
        self._version = _new_version(store)
        store.db.executemany(
            "INSERT OR REPLACE INTO member_postings(key, stories) VALUES (?, ?)",
            [
                (key, np.array([every[i].id for i in listed], dtype=np.int64).tobytes())
                for key, listed in self.members.take_postings().items()
            ],
        )

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


SEGMENT = 4096
"""At most this many members per snapshot row (a batch writes one row of 32)."""


def forget_members(store: Store) -> None:
    """Drop the member index's snapshot (inside the caller's transaction): the next load
    rebuilds it from story_articles. Run by every change of a member's story (merge,
    split, recluster), which the append-only snapshot cannot follow."""
    store.db.execute("DELETE FROM member_segments")
    store.db.execute("DELETE FROM member_postings")
    _new_version(store)


SNAPSHOT_VERSION = "member_snapshot"
"""Meta key: a counter bumped by every write to the snapshot. A clusterer reading key
listings lazily checks it, so a snapshot changed under it by another process (a merge, a
second ingest) is an error rather than a silent difference."""


def _new_version(store: Store) -> str:
    version = str(int(store.get_meta(SNAPSHOT_VERSION) or 0) + 1)
    store.set_meta(SNAPSHOT_VERSION, version)
    return version


def _load_snapshot(store: Store, story_ids: Ints, clusterer: Clusterer) -> MemberIndex | None:
    """The member index from its snapshot, or None when the snapshot does not cover
    exactly the members in story_articles (emptied by a correction, or written by a
    version before it): the caller then rebuilds it. Key listings are read on first use."""
    segments = store.db.execute(
        "SELECT start, length(stories) / 8, length(units) FROM member_segments ORDER BY start"
    ).fetchall()
    count = sum(int(r[1]) for r in segments)
    if count != int(store.db.execute("SELECT count(*) FROM story_articles").fetchone()[0]):
        return None
    fetch = _postings_reader(store, story_ids, clusterer)
    if not count:
        return MemberIndex.restore(np.zeros((0, 0), np.float32), _NO_ROWS, _NO_DAYS, fetch)
    width = int(segments[0][2]) // (4 * int(segments[0][1]))
    at = 0
    for start, n, size in segments:
        if start != at or size != 4 * width * n:
            return None
        at += n
    # One copy from SQLite into the index's own array, with room to grow (zero pages
    # cost nothing until written).
    units = np.zeros((max(16, 2 * count), width), dtype=np.float32)
    stored = np.zeros(count, dtype=np.int64)
    days = np.zeros(count, dtype=np.float64)
    for start, stories_blob, days_blob, units_blob in store.db.execute(
        "SELECT start, stories, days, units FROM member_segments ORDER BY start"
    ):
        n = len(stories_blob) // 8
        stored[start : start + n] = np.frombuffer(stories_blob, dtype=np.int64)
        days[start : start + n] = np.frombuffer(days_blob, dtype=np.float64)
        units[start : start + n] = np.frombuffer(units_blob, dtype=np.float32).reshape(n, width)
    stories = _story_indices(story_ids, stored)
    if stories is None:
        return None
    return MemberIndex.restore(units, stories, days, fetch)


_NO_ROWS = np.zeros(0, dtype=np.int64)
_NO_DAYS = np.zeros(0, dtype=np.float64)


def _check_version(store: Store, clusterer: Clusterer) -> None:
    """A lazily read part of the state must be the one the clusterer loaded."""
    if store.get_meta(SNAPSHOT_VERSION) != clusterer._version:
        raise StoreError(
            f"{store.path} changed during this run (a merge, split, recluster or another"
            " ingest): run the ingest again"
        )


def _story_reader(store: Store, clusterer: Clusterer) -> Callable[[int], StoredSums]:
    def read(story_id: int) -> StoredSums:
        _check_version(store, clusterer)
        row = store.db.execute(
            "SELECT centroid, terms, entities FROM stories WHERE id = ?", (story_id,)
        ).fetchone()
        if row is None:
            raise StoreError(f"{store.path}: story {story_id} is gone; run the ingest again")
        return bytes(row[0]), str(row[1]), str(row[2])

    return read


def _postings_reader(store: Store, story_ids: Ints, clusterer: Clusterer) -> Fetch:
    """Reads the stored listings of some keys, as story indices. The snapshot lists only
    stories stored when the clusterer loaded (a listing changed since is in memory), as
    long as no one else wrote it since (checked)."""

    def fetch(keys: list[str]) -> dict[str, list[int]]:
        _check_version(store, clusterer)
        found: dict[str, list[int]] = {}
        for at in range(0, len(keys), 500):
            chunk = keys[at : at + 500]
            rows = store.db.execute(
                "SELECT key, stories FROM member_postings WHERE key IN"
                f" ({','.join('?' * len(chunk))})",
                chunk,
            ).fetchall()
            for key, blob in rows:
                indices = _story_indices(story_ids, np.frombuffer(blob, dtype=np.int64))
                if indices is None:
                    raise StoreError(
                        f"{store.path}: the member index lists a story that is not stored;"
                        " run `manysides recluster`"
                    )
                found[key] = indices.tolist()
        return found

    return fetch


def _story_indices(story_ids: Ints, wanted: Ints) -> Ints | None:
    """Positions of story ids in the (sorted) story list; None if one is not there."""
    if not len(wanted):
        return np.zeros(0, dtype=np.int64)
    if not len(story_ids):
        return None
    first, last = int(story_ids[0]), int(story_ids[-1])
    if last - first + 1 == len(story_ids):  # no gaps (no story merged away): id - first
        if int(wanted.min()) < first or int(wanted.max()) > last:
            return None
        return wanted.astype(np.int64) - first
    found = np.searchsorted(story_ids, wanted)
    clipped = np.minimum(found, len(story_ids) - 1)
    if not np.array_equal(story_ids[clipped], wanted):
        return None
    return found.astype(np.int64)


def _rebuild_members(store: Store, members: MemberIndex, story_ids: Ints) -> None:
    """Every member again, from story_articles in arrival order (keys computed from the
    features for rows written before keys were stored)."""
    rows = store.db.execute(
        "SELECT sa.story_id, f.embedding, a.published, sa.keys,"
        " CASE WHEN sa.keys IS NULL THEN f.terms END,"
        " CASE WHEN sa.keys IS NULL THEN f.entities END FROM articles a"
        " JOIN features f ON f.article_id = a.id"
        " JOIN story_articles sa ON sa.article_id = a.id ORDER BY a.seq"
    ).fetchall()
    if not rows:
        return
    vectors = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float32)
    stories = _story_indices(story_ids, np.array([r[0] for r in rows], dtype=np.int64))
    if stories is None:
        raise ValueError("a story member refers to a story that is not stored")
    stored = [r[3] for r in rows]
    keys: list[list[str]] = json.loads("[" + ",".join(k or "null" for k in stored) + "]")
    for i, listed in enumerate(keys):
        if listed is None:
            keys[i] = member_keys(json.loads(rows[i][4]), json.loads(rows[i][5]))
    members.extend(
        vectors.reshape(len(rows), -1),
        stories,
        np.array([_day_number(r[2]) for r in rows], dtype=np.float64),
        keys,
    )


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
