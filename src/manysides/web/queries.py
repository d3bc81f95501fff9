"""Read-side SQL for the web app, parameterized throughout and bounded by LIMITs.

The corpus' `list_stories` runs several queries per story over the whole store; the story
list here filters, sorts and pages in SQL and counts only the page it shows, which keeps it
fast at 50,000 articles.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from manysides.corpus.cluster import top_entities

Sort = Literal["newest", "biggest"]
ORDER_BY: dict[str, str] = {
    "newest": "coalesce(s.last_published, '') DESC, s.size DESC, s.id",
    "biggest": "s.size DESC, coalesce(s.last_published, '') DESC, s.id",
}
RENDER_VERSION = "web/2"
"""Part of every cache fingerprint: bump it when the cached page or document changes shape."""


@dataclass(frozen=True, slots=True)
class StoryFilter:
    """What the story list shows; every field is validated before it gets here."""

    q: str | None = None
    outlet: str | None = None
    entity: str | None = None
    since: date | None = None
    until: date | None = None
    min_articles: int = 1
    sort: Sort = "newest"
    limit: int = 50
    offset: int = 0


@dataclass(frozen=True, slots=True)
class StoryRow:
    id: int
    articles: int
    independent_sources: int
    outlets: tuple[str, ...]
    first_published: str | None
    last_published: str | None
    title: str
    entities: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StoryPage:
    total: int
    stories: list[StoryRow] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ArticleRow:
    id: str
    outlet: str
    title: str
    published: str | None
    url: str | None
    language: str | None
    story_id: int | None
    text: str


@dataclass(frozen=True, slots=True)
class SearchHit:
    article: str
    title: str
    outlet: str
    published: str | None
    story_id: int | None
    snippet: str
    """Plain text; the matched words are wrapped in U+0002 ... U+0003 for the page to mark."""


def fts_query(text: str) -> str | None:
    """User words as quoted FTS5 terms (all required): no FTS syntax gets through."""
    words = re.findall(r"\w+", text)[:16]
    return " ".join(f'"{w}"' for w in words) or None


def _where(f: StoryFilter) -> tuple[str, list[object]]:
    clauses: list[str] = ["s.size >= ?"]
    params: list[object] = [f.min_articles]
    if f.since:
        clauses.append("coalesce(s.last_published, '9999') >= ?")
        params.append(f.since.isoformat())
    if f.until:
        clauses.append("coalesce(s.first_published, '') <= ?")
        params.append(f.until.isoformat() + "\uffff")
    if f.outlet:
        clauses.append(
            "s.id IN (SELECT sa.story_id FROM articles a JOIN story_articles sa"
            " ON sa.article_id = a.id WHERE a.outlet = ?)"
        )
        params.append(f.outlet)
    if f.entity:
        clauses.append("EXISTS (SELECT 1 FROM json_each(s.entities) j WHERE j.key = ?)")
        params.append(f.entity.lower())
    match = fts_query(f.q) if f.q else None
    if f.q:
        clauses.append(
            "s.id IN (SELECT sa.story_id FROM articles_fts JOIN articles a"
            " ON a.seq = articles_fts.rowid JOIN story_articles sa ON sa.article_id = a.id"
            " WHERE articles_fts MATCH ?)"
        )
        params.append(match or '""')
    return " AND ".join(clauses), params


def story_page(db: sqlite3.Connection, f: StoryFilter) -> StoryPage:
    """One page of stories, newest (or biggest) first, with counts for that page only."""
    where, params = _where(f)
    total = int(db.execute(f"SELECT count(*) FROM stories s WHERE {where}", params).fetchone()[0])
    rows = db.execute(
        f"SELECT s.id, s.first_published, s.last_published, s.entities FROM stories s"
        f" WHERE {where} ORDER BY {ORDER_BY[f.sort]} LIMIT ? OFFSET ?",
        [*params, f.limit, f.offset],
    ).fetchall()
    return StoryPage(total, _story_rows(db, rows))


def story_row(db: sqlite3.Connection, story_id: int) -> StoryRow | None:
    rows = db.execute(
        "SELECT s.id, s.first_published, s.last_published, s.entities FROM stories s"
        " WHERE s.id = ?",
        (story_id,),
    ).fetchall()
    found = _story_rows(db, rows)
    return found[0] if found else None


def _story_rows(db: sqlite3.Connection, rows: list[tuple[object, ...]]) -> list[StoryRow]:
    """Counts for the given stories in one grouped query: independent = outlets of originals."""
    ids = [int(str(r[0])) for r in rows]
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    counts = {
        int(r[0]): r[1:]
        for r in db.execute(
            "SELECT sa.story_id, count(*), count(DISTINCT o.outlet),"
            " json_group_array(DISTINCT a.outlet), min(a.seq) FROM story_articles sa"
            " JOIN articles a ON a.id = sa.article_id LEFT JOIN copies c ON c.article_id = a.id"
            " LEFT JOIN wire_groups w ON w.grp = c.grp"
            " JOIN articles o ON o.id = coalesce(w.original, a.id)"
            f" WHERE sa.story_id IN ({marks}) GROUP BY sa.story_id",
            ids,
        )
    }
    seqs = [int(v[3]) for v in counts.values()]
    titles = dict(
        db.execute(
            f"SELECT seq, title FROM articles WHERE seq IN ({','.join('?' * len(seqs))})", seqs
        ).fetchall()
    )
    return [_row(r, counts.get(int(str(r[0]))), titles) for r in rows]


def _row(r: tuple[object, ...], c: tuple[object, ...] | None, titles: dict[int, str]) -> StoryRow:
    entities: dict[str, int] = json.loads(str(r[3]))
    top = tuple(name for name, _ in top_entities(Counter(entities), 5))
    if c is None:
        return StoryRow(int(str(r[0])), 0, 0, (), _opt(r[1]), _opt(r[2]), "", top)
    return StoryRow(
        id=int(str(r[0])),
        articles=int(str(c[0])),
        independent_sources=int(str(c[1])),
        outlets=tuple(json.loads(str(c[2]))),
        first_published=_opt(r[1]),
        last_published=_opt(r[2]),
        title=str(titles.get(int(str(c[3])), "")),
        entities=top,
    )


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


def outlets(db: sqlite3.Connection, limit: int = 300) -> list[tuple[str, int]]:
    """Outlets by number of stored articles (the filter menu)."""
    rows = db.execute(
        "SELECT outlet, count(*) AS n FROM articles GROUP BY outlet ORDER BY n DESC, outlet"
        " LIMIT ?",
        (limit,),
    ).fetchall()
    return [(str(r[0]), int(r[1])) for r in rows]


def data_version(db: sqlite3.Connection) -> tuple[int, int]:
    """Changes whenever articles are added or stories change size: a key for memoizing."""
    row = db.execute(
        "SELECT (SELECT coalesce(max(seq), 0) FROM articles),"
        " (SELECT coalesce(sum(size), 0) + count(*) FROM stories)"
    ).fetchone()
    return int(row[0]), int(row[1])


def article_row(db: sqlite3.Connection, article_id: str) -> ArticleRow | None:
    row = db.execute(
        "SELECT a.id, a.outlet, a.title, a.published, a.url, a.language, sa.story_id, a.text"
        " FROM articles a LEFT JOIN story_articles sa ON sa.article_id = a.id WHERE a.id = ?",
        (article_id,),
    ).fetchone()
    if row is None:
        return None
    return ArticleRow(
        str(row[0]),
        str(row[1]),
        str(row[2]),
        _opt(row[3]),
        _opt(row[4]),
        _opt(row[5]),
        None if row[6] is None else int(row[6]),
        str(row[7]),
    )


def search(db: sqlite3.Connection, text: str, limit: int = 20) -> list[SearchHit]:
    """Articles matching every word of ``text``, best first, with a snippet."""
    match = fts_query(text)
    if match is None:
        return []
    rows = db.execute(
        "SELECT a.id, a.title, a.outlet, a.published, sa.story_id,"
        " snippet(articles_fts, 1, char(2), char(3), '…', 16) FROM articles_fts"
        " JOIN articles a ON a.seq = articles_fts.rowid"
        " LEFT JOIN story_articles sa ON sa.article_id = a.id"
        " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
        (match, limit),
    ).fetchall()
    return [
        SearchHit(
            str(r[0]),
            str(r[1]),
            str(r[2]),
            _opt(r[3]),
            None if r[4] is None else int(r[4]),
            str(r[5]),
        )
        for r in rows
    ]


def story_members(db: sqlite3.Connection, story_id: int) -> list[tuple[str, str, bool]]:
    """(article id, outlet, is a wire copy of another member) in ingest order."""
    rows = db.execute(
        "SELECT a.id, a.outlet, w.original IS NOT NULL AND w.original != a.id"
        " AND w.original IN (SELECT article_id FROM story_articles WHERE story_id = ?)"
        " FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
        " LEFT JOIN copies c ON c.article_id = a.id LEFT JOIN wire_groups w ON w.grp = c.grp"
        " WHERE sa.story_id = ? ORDER BY a.seq",
        (story_id, story_id),
    ).fetchall()
    return [(str(r[0]), str(r[1]), bool(r[2])) for r in rows]


def fingerprint(article_ids: list[str]) -> str:
    """Names a compared article set: any change of a story's members changes it."""
    digest = hashlib.sha256(RENDER_VERSION.encode())
    for article_id in sorted(article_ids):
        digest.update(b"\0" + article_id.encode())
    return digest.hexdigest()[:32]


def entity_stories(db: sqlite3.Connection, name: str, limit: int = 50) -> list[int]:
    """Stories naming ``name``: among their clustering entities, or as a phrase in a text."""
    words = re.findall(r"\w+", name)[:16]
    phrase = '"' + " ".join(words) + '"' if words else '""'
    rows = db.execute(
        "SELECT s.id FROM stories s WHERE EXISTS (SELECT 1 FROM json_each(s.entities) j"
        " WHERE j.key = ?) OR s.id IN (SELECT sa.story_id FROM articles_fts JOIN articles a"
        " ON a.seq = articles_fts.rowid JOIN story_articles sa ON sa.article_id = a.id"
        " WHERE articles_fts MATCH ?) ORDER BY s.size DESC, s.id LIMIT ?",
        (name.lower(), phrase, limit),
    ).fetchall()
    return [int(r[0]) for r in rows]
