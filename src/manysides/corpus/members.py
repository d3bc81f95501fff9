"""The nearest-member search of story clustering: every clustered article's unit vector and
story, bucketed by day, so a lookup scores only the members within the search window."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

Vector = np.ndarray[Any, np.dtype[np.float32]]
Ints = np.ndarray[Any, np.dtype[np.int64]]
Floats = np.ndarray[Any, np.dtype[np.float64]]
Links = tuple[Ints, Floats]

SHORTLIST = 512
"""Members kept after the dot products; the per-story maximum runs on these only."""

BLOCK_DAYS = 64
"""Dated members are kept in blocks of this many days; a lookup touches the ~2 x window /
BLOCK_DAYS + 1 blocks around the article's day, not the whole store."""
UNDATED_WINDOW = 5000
"""An undated member is compared only while it is among the last UNDATED_WINDOW undated
arrivals: without a date, arrival order is the only clock, and it keeps lookups bounded."""


class _Block:
    """Unit vectors, story indices and day numbers of some members, in arrival order (arrays
    grow by doubling, so adding is amortized O(1))."""

    def __init__(self, units: Vector, story: Ints, day: Floats) -> None:
        self.size = len(story)
        self.vectors = units
        self.story = story
        self.day = day

    def add(self, unit: Vector, story: int, day: float) -> None:
        if self.size == len(self.story):
            capacity = max(16, 2 * self.size)
            vectors = np.zeros((capacity, unit.shape[0]), dtype=np.float32)
            vectors[: self.size] = self.vectors[: self.size]
            self.vectors = vectors
            self.story = np.resize(self.story, capacity)
            self.day = np.resize(self.day, capacity)
        self.vectors[self.size] = unit
        self.story[self.size] = story
        self.day[self.size] = day
        self.size += 1


class MemberIndex:
    """Every clustered article's unit vector and story, bucketed by day.

    A lookup scores only the members that can matter: dated members within window_days of
    the article's day, and the last UNDATED_WINDOW undated ones (no decay with those). An
    undated article is compared, without decay, with the dated members within the window of
    the latest day seen (the stream's "now") and the recent undated ones. The cost of a
    lookup grows with the articles inside the window, not with the store."""

    def __init__(self) -> None:
        self.size = 0
        self.latest = math.nan
        self._blocks: dict[int, _Block] = {}
        self._undated: _Block | None = None

    def add(self, vector: Vector, story: int, day: float) -> None:
        self.extend(vector[None, :], np.array([story]), np.array([day], dtype=np.float64))

    def extend(self, vectors: Vector, stories: Ints, days: Floats) -> None:
        """Add members in arrival order (the bulk path `Clusterer.load` takes): the same
        arithmetic row by row as one at a time, so a reloaded index decides the same way."""
        norms = np.linalg.norm(vectors, axis=1)
        units = vectors / np.where(norms > 0, norms, 1.0).astype(np.float32)[:, None]
        blocks = np.where(np.isnan(days), -1, np.nan_to_num(days) // BLOCK_DAYS).astype(np.int64)
        for number in dict.fromkeys(blocks.tolist()):
            rows = np.flatnonzero(blocks == number)
            block = self._undated if number == -1 else self._blocks.get(number)
            if block is None:
                block = _Block(units[rows].copy(), stories[rows].copy(), days[rows].copy())
                if number == -1:
                    self._undated = block
                else:
                    self._blocks[number] = block
            else:
                for row in rows:
                    block.add(units[row], int(stories[row]), float(days[row]))
        if not np.isnan(days).all():
            latest = float(np.nanmax(days))
            self.latest = latest if math.isnan(self.latest) else max(self.latest, latest)
        self.size += len(stories)

    def best_links(
        self, vector: Vector, day: float, w_time: float, horizon: float, window: float
    ) -> Links:
        """(story indices, best time-decayed member cosine) for the stories that have a
        member among the SHORTLIST best links; the others cannot reach the top stories."""
        norm = float(np.linalg.norm(vector)) or 1.0
        unit = vector / norm
        stories: list[Ints] = []
        sims: list[Floats] = []
        if self._undated is not None:
            start = max(0, self._undated.size - UNDATED_WINDOW)
            stories.append(self._undated.story[start : self._undated.size])
            undated = _cosines(self._undated.vectors[start : self._undated.size], unit)
            sims.append(undated.astype(np.float64))
        centre = self.latest if math.isnan(day) else day
        if not math.isnan(centre):
            first, last = int(centre - window) // BLOCK_DAYS, int(centre + window) // BLOCK_DAYS
            for number in range(first, last + 1):
                block = self._blocks.get(number)
                if block is not None:
                    story, sim = self._dated_links(block, unit, day, w_time, horizon, window)
                    stories.append(story)
                    sims.append(sim)
        if not stories:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
        return _best_per_story(np.concatenate(stories), np.concatenate(sims).astype(np.float64))

    @staticmethod
    def _dated_links(
        block: _Block, unit: Vector, day: float, w_time: float, horizon: float, window: float
    ) -> Links:
        """One block's members within the horizon, with their decayed cosines (no decay for
        an undated article)."""
        n = block.size
        sims = _cosines(block.vectors[:n], unit)
        if math.isnan(day):
            return block.story[:n], sims
        apart = np.abs(block.day[:n] - day)
        near = apart <= window
        decay = w_time * np.minimum(apart[near] / horizon, 1.0)
        return block.story[:n][near], sims[near] - decay


def _cosines(units: Vector, unit: Vector) -> Floats:
    """Row-by-row dot products in one thread (einsum, not BLAS): the executor's workers
    already fill the cores, and a multi-threaded BLAS call per block was measured 5-20x
    slower than one thread when the cores are busy. Each row's result is the same whatever
    the block's size, so a reloaded index gives the same numbers."""
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
