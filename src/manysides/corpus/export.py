"""Exports of the store as CSV, JSONL or Parquet: articles, stories, entities, copies.

Every article row carries ``id``, ``source`` (path or URL), ``url``, ``outlet``, ``published``
and ``story``, so anyone can score the clustering against their own labels.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from manysides.atomic import write_text_atomic
from manysides.corpus.store import Store, StoreError
from manysides.corpus.stories import list_stories

TABLES = ("articles", "stories", "entities", "copies")
FORMATS = ("csv", "jsonl", "parquet")
Row = dict[str, object]


def rows(store: Store, table: str) -> list[Row]:
    """The rows of one exported table, in a stable order."""
    if table == "articles":
        query = (
            "SELECT a.id, a.source, a.url, a.outlet, a.published, sa.story_id AS story, a.title,"
            " a.language, w.original AS wire_original FROM articles a"
            " LEFT JOIN story_articles sa ON sa.article_id = a.id"
            " LEFT JOIN copies c ON c.article_id = a.id LEFT JOIN wire_groups w ON w.grp = c.grp"
            " ORDER BY a.seq"
        )
    elif table == "entities":
        query = (
            "SELECT f.article_id AS article, j.value AS entity FROM features f,"
            " json_each(f.entities) j JOIN articles a ON a.id = f.article_id ORDER BY a.seq, j.key"
        )
    elif table == "copies":
        query = (
            "SELECT c.article_id AS article, w.original, c.jaccard FROM copies c"
            " JOIN wire_groups w ON w.grp = c.grp WHERE c.article_id != w.original"
            " ORDER BY c.grp, c.article_id"
        )
    elif table == "stories":
        return [_story_row(s.to_dict()) for s in list_stories(store)]
    else:
        raise StoreError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
    cursor = store.db.execute(query)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


def _story_row(story: Row) -> Row:
    return {k: "; ".join(map(str, v)) if isinstance(v, list) else v for k, v in story.items()}


def export(store: Store, table: str, fmt: str, out: Path | None) -> str | None:
    """Write the table to ``out`` atomically (or return the text for stdout)."""
    data = rows(store, table)
    if fmt == "parquet":
        if out is None:
            raise StoreError("parquet is binary: give --output FILE.parquet")
        _parquet(data, out)
        return None
    if fmt == "csv":
        text = _csv(data)
    elif fmt == "jsonl":
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in data)
    else:
        raise StoreError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if out is None:
        return text
    write_text_atomic(out, text)
    return None


def _csv(data: list[Row]) -> str:
    buffer = io.StringIO()
    if data:
        writer = csv.DictWriter(buffer, fieldnames=list(data[0]))
        writer.writeheader()
        writer.writerows(data)
    return buffer.getvalue()


def _parquet(data: list[Row], out: Path) -> None:
    import os
    import tempfile

    import pyarrow as pa
    import pyarrow.parquet as pq

    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    os.close(handle)
    try:
        pq.write_table(pa.Table.from_pylist(data), temp)
        os.replace(temp, out)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
