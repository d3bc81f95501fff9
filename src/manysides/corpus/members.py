"""The nearest-member search of story clustering. A lookup does not scan the store: it scores
the members of the stories that can plausibly take the article — those that share a name or
a frequent word with it (a capped inverted index) and those that took one of the latest
arrivals — at most MEMBER_BUDGET of them, so its cost has a ceiling whatever the store's size."""

from __future__ import annotations

import itertools
import math
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np

Vector = np.ndarray[Any, np.dtype[np.float32]]
Ints = np.ndarray[Any, np.dtype[np.int64]]
Floats = np.ndarray[Any, np.dtype[np.float64]]
Links = tuple[Ints, Floats]
Fetch = Callable[[list[str]], dict[str, list[int]]]

SHORTLIST = 512
"""Members kept after the dot products; the per-story maximum runs on these only."""

STORIES_PER_KEY = 32
"""A key (a name, a headline word) lists the stories that most recently took an article with
it, at most this many: a common key ("trump", "police") cannot make every story a
candidate, while a rare one keeps its stories for as long as the store does."""
MEMBER_BUDGET = 4096
"""At most this many members are compared in one lookup. Within it, every member of the
candidate stories is; beyond it, each candidate keeps only its latest members, the same
number for all (the largest that fits): a story follows its event as it develops, and a
lookup's cost has a ceiling however large the stories grow."""
RECENT_ARRIVALS = 256
"""The stories of the latest arrivals are always candidates, keys or not: articles of one
event arrive close together, and an article without names still finds them."""
UNDATED_WINDOW = 5000
"""An undated member is compared only while it is among the last UNDATED_WINDOW undated
arrivals: without a date, arrival order is the only clock."""


class MemberIndex:
    """Every clustered article's unit vector, story and day, with the candidate structures.

    All state is a function of the members added, in arrival order: a store reloaded from
    disk (`extend`) decides exactly as the process that built it (`add`)."""

    def __init__(self) -> None:
        self.size = 0
        self.latest = math.nan
        self._vectors = np.zeros((0, 0), dtype=np.float32)
        self._story = np.zeros(0, dtype=np.int64)
        self._day = np.zeros(0, dtype=np.float64)
        self._undated_rank = np.zeros(0, dtype=np.int64)
        self._undated = 0
        self._story_rows: list[Ints] = []  # per story: its member rows (capacity doubles)
        self._story_count: list[int] = []
        self._postings: dict[str, dict[int, None]] = {}
        self._recent: deque[int] = deque(maxlen=RECENT_ARRIVALS)
        self._touched: set[str] = set()  # keys whose listing changed since `take_postings`
        self._fetch: Fetch | None = None  # reads the listings of keys not in _postings yet

    def add(self, vector: Vector, story: int, day: float, keys: Iterable[str] = ()) -> None:
        self.extend(vector[None, :], np.array([story]), np.array([day], dtype=np.float64), [keys])

    def extend(
        self,
        vectors: Vector,
        stories: Ints,
        days: Floats,
        keys: Sequence[Iterable[str]] | None = None,
    ) -> None:
        """Add members in arrival order (one at a time or in bulk: the same arithmetic)."""
        norms = np.linalg.norm(vectors, axis=1)
        units = vectors / np.where(norms > 0, norms, 1.0).astype(np.float32)[:, None]
        self._append(units, stories, days, keys)

    @classmethod
    def restore(
        cls,
        units: Vector,
        stories: Ints,
        days: Floats,
        fetch: Fetch | None = None,
    ) -> MemberIndex:
        """The index as `rows` and `take_postings` saved it: the same unit vectors (not
        normalized again; ``units`` may hold spare rows beyond the members, which the index
        then grows into), stories and days in arrival order. The key listings are read
        when a key is first used (``fetch``: key -> its stories, least recently used
        first), so a load does not pay for the whole vocabulary."""
        index = cls()
        index._fetch = fetch
        n = len(stories)
        if n:
            capacity = len(units)
            index._vectors = units
            index._story = np.zeros(capacity, dtype=np.int64)
            index._day = np.zeros(capacity, dtype=np.float64)
            index._undated_rank = np.zeros(capacity, dtype=np.int64)
            index._append(units[:n], stories, days, None, placed=True)
        return index

    def rows(self, start: int) -> tuple[Vector, Ints, Floats]:
        """Unit vectors, stories and days of the members from row ``start`` on (copies)."""
        end = self.size
        return (
            self._vectors[start:end].copy(),
            self._story[start:end].copy(),
            self._day[start:end].copy(),
        )

    def take_postings(self) -> dict[str, list[int]]:
        """The listing of every key changed since the last call (least recently used
        first); the caller persists them."""
        changed = {key: list(self._postings[key]) for key in sorted(self._touched)}
        self._touched.clear()
        return changed

    def _append(
        self,
        units: Vector,
        stories: Ints,
        days: Floats,
        keys: Sequence[Iterable[str]] | None,
        *,
        placed: bool = False,
    ) -> None:
        """Add members; ``placed``: their unit vectors are already in their rows."""
        n = len(stories)
        self._grow(self.size + n, units.shape[1])
        rows = slice(self.size, self.size + n)
        if not placed:
            self._vectors[rows] = units
        self._story[rows] = stories
        self._day[rows] = days
        undated = np.isnan(days)
        ranks = self._undated + np.cumsum(undated) - 1
        self._undated_rank[rows] = np.where(undated, ranks, -1)
        self._undated += int(undated.sum())
        story_list = stories.tolist()
        self._note_members(story_list)
        self._recent.extend(story_list[-RECENT_ARRIVALS:] if RECENT_ARRIVALS else ())
        postings, touched = self._postings, self._touched
        for story, listed_under in zip(story_list, keys or (), strict=False):
            listed_under = list(listed_under)
            self._fetch_missing(listed_under)
            touched.update(listed_under)
            for key in listed_under:
                listed = postings.get(key)
                if listed is None:
                    postings[key] = {story: None}
                    continue
                listed.pop(story, None)  # re-listed last: the key's latest story
                listed[story] = None
                if len(listed) > STORIES_PER_KEY:
                    del listed[next(iter(listed))]
        if not undated.all():
            latest = float(np.nanmax(days))
            self.latest = latest if math.isnan(self.latest) else max(self.latest, latest)
        self.size += n

    def _grow(self, needed: int, width: int) -> None:
        """Arrays grow by doubling, so adding one member is amortized O(1)."""
        capacity = len(self._story)
        if needed <= capacity:
            return
        capacity = max(16, needed, 2 * capacity)
        vectors = np.zeros((capacity, width), dtype=np.float32)
        if self.size:
            vectors[: self.size] = self._vectors[: self.size]
        self._vectors = vectors
        self._story = np.resize(self._story, capacity)
        self._day = np.resize(self._day, capacity)
        self._undated_rank = np.resize(self._undated_rank, capacity)

    def _note_members(self, stories: list[int]) -> None:
        """Append the new members (rows size, size + 1, ...) to their stories' row lists
        (one story at a time: a bulk load touches each story once, not each member)."""
        if not stories:
            return
        if len(stories) == 1:
            groups: list[tuple[int, Ints]] = [(stories[0], np.array([self.size]))]
        else:
            story = np.array(stories, dtype=np.int64)
            order = np.argsort(story, kind="stable")
            ordered = story[order]
            bounds = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1], True]).tolist()
            groups = [
                (int(ordered[a]), self.size + order[a:b]) for a, b in itertools.pairwise(bounds)
            ]
        for story_index, new_rows in groups:
            while story_index >= len(self._story_rows):
                self._story_rows.append(np.zeros(4, dtype=np.int64))
                self._story_count.append(0)
            rows, count = self._story_rows[story_index], self._story_count[story_index]
            needed = count + len(new_rows)
            if needed > len(rows):
                rows = np.resize(rows, max(2 * len(rows), needed))
                self._story_rows[story_index] = rows
            rows[count:needed] = new_rows
            self._story_count[story_index] = needed

    def _rows_of(self, stories: list[int]) -> Ints:
        """The members of the candidate stories, or each one's latest within MEMBER_BUDGET."""
        counts = [self._story_count[s] for s in stories]
        if not counts:
            return np.zeros(0, dtype=np.int64)
        keep = _fair_share(np.array(counts, dtype=np.int64), MEMBER_BUDGET)
        return np.concatenate(
            [
                self._story_rows[s][max(0, c - keep) : c]
                for s, c in zip(stories, counts, strict=True)
            ]
        )

    def _fetch_missing(self, keys: list[str]) -> None:
        """Read the stored listings of keys not in memory yet (a restored index only)."""
        if self._fetch is None:
            return
        postings = self._postings
        missing = [key for key in dict.fromkeys(keys) if key not in postings]
        if missing:
            found = self._fetch(missing)
            for key in missing:
                postings[key] = dict.fromkeys(found.get(key, ()))

    def candidates(self, keys: Iterable[str]) -> list[int]:
        """Stories listed under any of the keys, and those of the latest arrivals (sorted)."""
        found = set(self._recent)
        wanted = list(keys)
        self._fetch_missing(wanted)
        for key in wanted:
            found.update(self._postings.get(key, ()))
        return sorted(found)

    def best_links(
        self,
        vector: Vector,
        day: float,
        keys: Iterable[str],
        w_time: float,
        horizon: float,
        window: float,
    ) -> Links:
        """(story indices, best time-decayed member cosine) over the candidate stories'
        latest members within the window, for the stories that have a member among the
        SHORTLIST best links (the others cannot reach the top stories). A dated article
        pays the time decay; an undated one is compared, without decay, with members dated
        within the window of the latest day seen and with the recent undated ones."""
        rows = self._rows_of(self.candidates(keys))
        if not len(rows):
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
        member_day = self._day[rows]
        dated = ~np.isnan(member_day)
        centre = self.latest if math.isnan(day) else day
        if math.isnan(centre):  # nothing dated seen yet: only undated members can link
            apart, near = np.zeros_like(member_day), np.zeros_like(dated)
        else:
            apart = np.abs(member_day - centre)
            near = dated & (apart <= window)
        recent_undated = ~dated & (self._undated_rank[rows] >= self._undated - UNDATED_WINDOW)
        keep = near | recent_undated
        rows, apart, near = rows[keep], apart[keep], near[keep]
        sims = _cosines(self._vectors[rows], vector / (float(np.linalg.norm(vector)) or 1.0))
        if not math.isnan(day):
            sims = sims - np.where(near, w_time * np.minimum(apart / horizon, 1.0), 0.0)
        return _best_per_story(self._story[rows], sims)


def _fair_share(counts: Ints, budget: int) -> int:
    """The largest per-story number of members k with sum(min(count, k)) <= budget (all of
    them when they fit): the budget is shared evenly, the small stories keep everything."""
    if int(counts.sum()) <= budget:
        return int(counts.max())
    low, high = 0, int(counts.max())
    while low < high:
        middle = (low + high + 1) // 2
        if int(np.minimum(counts, middle).sum()) <= budget:
            low = middle
        else:
            high = middle - 1
    return low


def _cosines(units: Vector, unit: Vector) -> Floats:
    """Row-by-row dot products in one thread (einsum, not BLAS): the executor's workers
    already fill the cores, and a multi-threaded BLAS call was measured 5-20x slower than
    one thread when the cores are busy. Each row's result is the same whatever the number
    of rows, so a reloaded index gives the same numbers."""
    result: Floats = np.einsum("ij,j->i", units, unit).astype(np.float64)
    return result


def _best_per_story(
    story: np.ndarray[Any, np.dtype[np.int64]], sims: np.ndarray[Any, Any]
) -> Links:
    n = len(sims)
    if n > SHORTLIST:
        # Everything at least as good as the SHORTLIST-th best: a set that does not depend
        # on the selection algorithm, so the result stays deterministic.
        cut = np.partition(sims, n - SHORTLIST)[n - SHORTLIST]
        keep = np.flatnonzero(sims >= cut)
        story, sims = story[keep], sims[keep]
    if not n:
        return story, sims
    order = np.lexsort((-sims, story))  # by story, its best link first
    first = np.flatnonzero(np.r_[True, np.diff(story[order]) != 0])
    return story[order][first], sims[order][first]
