"""Connections to the store for the web app.

Requests read through per-thread connections opened with SQLite's ``mode=ro``, so no page or
API handler can change the store even by mistake. The one writer connection (for the
comparison cache, and for write commands only when explicitly enabled) is shared behind a lock.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from manysides.corpus.store import Store
from manysides.web.schema import ensure_web_schema


class Database:
    """The store file behind the app: read-only connections per thread, one locked writer."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._write_lock = threading.Lock()
        Store.open(path, create=False).close()  # refuses a missing file, applies migrations
        writer = sqlite3.connect(path, isolation_level=None, timeout=30, check_same_thread=False)
        writer.execute("PRAGMA foreign_keys=ON")
        writer.execute("PRAGMA synchronous=NORMAL")
        ensure_web_schema(writer)
        self._writer_store = Store(writer, path)  # used only under the lock, from any thread

    def reader(self) -> sqlite3.Connection:
        """This thread's read-only connection (opened on first use)."""
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            uri = f"file:{quote(str(self.path.resolve()))}?mode=ro"
            connection = sqlite3.connect(uri, uri=True, timeout=30, check_same_thread=False)
            connection.execute("PRAGMA query_only=ON")
            self._local.connection = connection
        return connection

    def read_store(self) -> Store:
        """A `Store` over this thread's read-only connection, for the corpus' own readers."""
        return Store(self.reader(), self.path)

    @contextmanager
    def writer(self) -> Iterator[Store]:
        """The writer, one thread at a time; callers use ``store.transaction()``."""
        with self._write_lock:
            yield self._writer_store

    def close(self) -> None:
        with self._write_lock:
            self._writer_store.close()
