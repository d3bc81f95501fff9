"""The SQLite store: WAL journal, foreign keys on, schema brought up to date by migrations.

Every write goes through `Store.transaction()`, so a crash (even kill -9) leaves either the
whole article with its features, copy group and story, or nothing of it.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from manysides.corpus.migrations import MIGRATIONS
from manysides.errors import ManysidesError
from manysides.model import Article, Furniture, Span

CACHE_KIB = 65536
DEFAULT_DB = "manysides.db"
"""Used when neither ``--db`` nor the MANYSIDES_DB environment variable names a store."""


class StoreError(ManysidesError):
    """The store cannot be opened or used as asked."""

    exit_code = 2


def default_db_path() -> Path:
    return Path(os.environ.get("MANYSIDES_DB", DEFAULT_DB))


class Store:
    """One SQLite file; open it with `Store.open`, close it with `close` (or use `with`)."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.db = connection
        self.path = path

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True) -> Store:
        """Open (and migrate) the store; ``create=False`` refuses to make a new file."""
        target = Path(path)
        if not create and not target.exists():
            raise StoreError(
                f"no store at {target}: run `manysides ingest --db {target} SOURCES` first"
            )
        if target.is_dir():
            raise StoreError(f"{target} is a folder, not a store file")
        target.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(target, isolation_level=None, timeout=30)
        try:
            _check_is_store(connection, target)
        except BaseException:
            connection.close()
            raise
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA foreign_keys=ON")
        connection.execute("PRAGMA synchronous=NORMAL")
        # 64 MB of page cache instead of SQLite's 2 MB: the LSH band index (42 rows per
        # article) outgrows 2 MB at a few thousand articles, and every insert or lookup
        # then re-reads its pages.
        connection.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        store = cls(connection, target)
        store.migrate()
        return store

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any error."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def migrate(self) -> int:
        """Apply the migrations this file has not seen; returns the schema version."""
        version = int(self.db.execute("PRAGMA user_version").fetchone()[0])
        if version > len(MIGRATIONS):
            raise StoreError(
                f"{self.path} has schema version {version}, newer than this manysides "
                f"({len(MIGRATIONS)}): upgrade manysides"
            )
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            with self.transaction() as db:
                for statement in _statements(script):
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {number}")
        return len(MIGRATIONS)

    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    def has_article(self, article_id: str) -> bool:
        found = self.db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        return found is not None

    def insert_article(self, article: Article) -> None:
        title = [article.title_span.start, article.title_span.end] if article.title_span else None
        furniture = {
            "title": title,
            "furniture": [[f.kind, f.span.start, f.span.end, f.credit] for f in article.furniture],
        }
        self.db.execute(
            "INSERT INTO articles(id, source, url, outlet, outlet_source, title, published,"
            " language, author, body_start, furniture, text)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article.id,
                article.source,
                article.url,
                article.outlet,
                article.outlet_source,
                article.title,
                article.published,
                article.language,
                article.author,
                article.body_start,
                json.dumps(furniture),
                article.text,
            ),
        )

    def article(self, article_id: str) -> Article:
        """The stored article, rebuilt exactly as it was read (same id, text and spans)."""
        row = self.db.execute(
            "SELECT id, text, outlet, outlet_source, title, source, url, published, language,"
            " author, body_start, furniture FROM articles WHERE id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            raise StoreError(f"no article {article_id!r} in {self.path}")
        return _article_from_row(row)

    def search(self, query: str, limit: int = 20) -> list[tuple[str, str]]:
        """Full-text search (FTS5 syntax): (article id, title), best first."""
        rows = self.db.execute(
            "SELECT a.id, a.title FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid"
            " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
            (query, limit),
        ).fetchall()
        return [(str(r[0]), str(r[1])) for r in rows]


def _article_from_row(row: tuple[object, ...]) -> Article:
    (aid, text, outlet, outlet_source, title, source, url, published, language, author) = row[:10]
    body_start, furniture_json = row[10], row[11]
    assert isinstance(aid, str) and isinstance(text, str)
    spans = json.loads(str(furniture_json))
    furniture = tuple(
        Furniture(kind, Span(aid, start, end, text[start:end]), credit)
        for kind, start, end, credit in spans["furniture"]
    )
    title_text = str(title)
    bounds = spans["title"]
    title_span = Span(aid, bounds[0], bounds[1], text[bounds[0] : bounds[1]]) if bounds else None
    return Article(
        id=aid,
        text=text,
        outlet=str(outlet),
        outlet_source=outlet_source,  # type: ignore[arg-type]
        title=title_text,
        source=str(source),
        url=url if isinstance(url, str) else None,
        published=published if isinstance(published, str) else None,
        language=language if isinstance(language, str) else None,
        author=author if isinstance(author, str) else None,
        title_span=title_span,
        body_start=int(str(body_start)),
        furniture=furniture,
    )


def _check_is_store(connection: sqlite3.Connection, path: Path) -> None:
    """Refuse, before changing anything (journal mode included), a file that is not SQLite
    or a SQLite database that is not a manysides store (schema version 0 with tables)."""
    try:
        version = int(connection.execute("PRAGMA user_version").fetchone()[0])
        tables = connection.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
        ).fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path} is not a manysides store ({exc})") from exc
    if version == 0 and tables:
        raise StoreError(
            f"{path} is an SQLite database of another program, not a manysides store: "
            "give --db a new file name"
        )


def _statements(script: str) -> Iterator[str]:
    """Split a migration into statements, keeping trigger bodies (which hold ';') whole."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                yield buffer.strip()
            buffer = ""
    if buffer.strip():
        yield buffer.strip()
