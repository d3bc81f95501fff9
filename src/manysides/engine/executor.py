"""One small interface for running a function over many items, results in input order.

Stages hand plain, picklable data to `Executor.map`; they never know whether it ran in this
process (`SerialExecutor`), in a local process pool (`LocalExecutor`), or elsewhere later.
Order is kept so that everything downstream (dedup, clustering) stays deterministic.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from typing import Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Executor(Protocol):
    """Apply ``fn`` to every item; yield results in the order of ``items``."""

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]: ...

    def close(self) -> None: ...


class SerialExecutor:
    """Runs in the calling process: for tests, small inputs, and one-core machines."""

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        return map(fn, items)

    def close(self) -> None:
        """Nothing to release."""


class LocalExecutor:
    """A pool of worker processes on this machine; each loads its models once, lazily.

    ``prefetch`` bounds how many items are in flight, so memory stays flat on long streams.
    """

    def __init__(self, workers: int | None = None, prefetch: int = 8) -> None:
        self.workers = workers or max(1, (os.cpu_count() or 1))
        self._prefetch = max(prefetch, self.workers)
        context = multiprocessing.get_context("spawn")
        self._pool = context.Pool(self.workers)

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        pending = []
        for item in items:
            pending.append(self._pool.apply_async(fn, (item,)))
            if len(pending) >= self._prefetch:
                yield pending.pop(0).get()
        while pending:
            yield pending.pop(0).get()

    def close(self) -> None:
        self._pool.terminate()
        self._pool.join()


def make_executor(workers: int) -> Executor:
    """``workers`` <= 1 runs in-process (no start-up cost); more starts a process pool."""
    return SerialExecutor() if workers <= 1 else LocalExecutor(workers)
