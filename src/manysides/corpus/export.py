"""Exports of the store as CSV, JSONL or Parquet: articles, stories, entities, copies.

Every article row carries ``id``, ``source`` (path or URL), ``url``, ``outlet``, ``published``
and ``story``, so anyone can score the clustering against their own labels.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from manysides.atomic import check_output_path, write_text_atomic
from manysides.corpus.store import Store, StoreError
from manysides.corpus.stories import list_stories

TABLES = ("articles", "stories", "entities", "copies")
FORMATS = ("csv", "jsonl", "parquet")
Row = dict[str, object]


STORY_COLUMNS = (
    "id",
    "articles",
    "independent_sources",
    "outlets",
    "first_published",
    "last_published",
    "title",
    "entities",
)


def rows(store: Store, table: str) -> list[Row]:
    """The rows of one exported table, in a stable order (lists stay lists)."""
    if table == "stories":
        return [s.to_dict() for s in list_stories(store)]
    cursor = store.db.execute(_query(table))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


def columns(store: Store, table: str) -> list[str]:
    """The table's column names, known even when it has no rows (a CSV still gets its header)."""
    if table == "stories":
        return list(STORY_COLUMNS)
    return [d[0] for d in store.db.execute(_query(table) + " LIMIT 0").description]


def _query(table: str) -> str:
    if table == "articles":
        return (
            "SELECT a.id, a.source, a.url, a.outlet, a.published, sa.story_id AS story, a.title,"
            " a.language, w.original AS wire_original FROM articles a"
            " LEFT JOIN story_articles sa ON sa.article_id = a.id"
            " LEFT JOIN copies c ON c.article_id = a.id LEFT JOIN wire_groups w ON w.grp = c.grp"
            " ORDER BY a.seq"
        )
    if table == "entities":
        return (
            "SELECT f.article_id AS article, j.value AS entity FROM features f,"
            " json_each(f.entities) j JOIN articles a ON a.id = f.article_id ORDER BY a.seq, j.key"
        )
    if table == "copies":
        return (
            "SELECT c.article_id AS article, w.original, c.jaccard FROM copies c"
            " JOIN wire_groups w ON w.grp = c.grp WHERE c.article_id != w.original"
            " ORDER BY c.grp, c.article_id"
        )
    raise StoreError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")


def export(store: Store, table: str, fmt: str, out: Path | None) -> str | None:
    """Write the table to ``out`` atomically (or return the text for stdout). Lists (a
    story's outlets and entities) are lists in JSONL and Parquet, "a; b" in CSV."""
    if fmt not in FORMATS:
        raise StoreError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if out is not None:
        check_output_path(out)
    data, names = rows(store, table), columns(store, table)
    if fmt == "parquet":
        if out is None:
            raise StoreError("parquet is binary: give --output FILE.parquet")
        _parquet(data, names, out)
        return None
    if fmt == "csv":
        text = _csv(data, names)
    else:
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in data)
    if out is None:
        return text
    write_text_atomic(out, text)
    return None


def _csv(data: list[Row], names: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=names)
    writer.writeheader()
    writer.writerows(
        {k: "; ".join(map(str, v)) if isinstance(v, list) else v for k, v in row.items()}
        for row in data
    )
    return buffer.getvalue()


def _parquet(data: list[Row], names: list[str], out: Path) -> None:
    import os
    import tempfile

    import pyarrow as pa
    import pyarrow.parquet as pq

    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    os.close(handle)
    try:
        table = pa.Table.from_pylist(data) if data else pa.table({n: [] for n in names})
        pq.write_table(table, temp)
        os.replace(temp, out)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
