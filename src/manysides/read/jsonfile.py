"""JSON and JSONL articles, including the news-please format (``text``/``maintext``,
``source_domain``, ``date_publish``). A file may hold one object, a list, or one per line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from manysides.errors import InputError
from manysides.model import Article
from manysides.read.build import build_article
from manysides.read.decode import decode, read_bytes
from manysides.read.text import metadata_from_mapping

EXTENSIONS = (".json", ".jsonl", ".ndjson")
_TEXT_KEYS = ("text", "maintext", "body", "content", "article")
_OUTLET_KEYS = ("outlet", "publisher", "source_domain", "sitename", "source")


def read_json_file(path: Path) -> Iterator[Article | InputError]:
    """Every article in the file; a bad record is yielded as an error, the rest still read."""
    raw = decode(read_bytes(path), str(path))
    for source, record in _records(raw, str(path)):
        if isinstance(record, InputError):
            yield record
            continue
        try:
            yield article_from_record(record, source)
        except InputError as exc:
            yield exc


def _records(raw: str, source: str) -> Iterator[tuple[str, dict[str, object] | InputError]]:
    stripped = raw.strip()
    try:
        data = json.loads(stripped)
    except json.JSONDecodeError as whole_error:
        lines = [line for line in stripped.splitlines() if line.strip()]
        if len(lines) < 2:
            raise InputError(source, f"not valid JSON: {whole_error}") from whole_error
        for number, line in enumerate(stripped.splitlines(), start=1):
            if not line.strip():
                continue
            where = f"{source}:{number}"
            try:
                yield where, _as_record(json.loads(line), where)
            except (json.JSONDecodeError, InputError) as exc:
                yield (
                    where,
                    exc if isinstance(exc, InputError) else InputError(where, f"bad JSON ({exc})"),
                )
        return
    if isinstance(data, list):
        for index, item in enumerate(data):
            where = f"{source}#{index}"
            try:
                yield where, _as_record(item, where)
            except InputError as exc:
                yield where, exc
    else:
        yield source, _as_record(data, source)


def _as_record(item: object, where: str) -> dict[str, object]:
    if not isinstance(item, dict):
        raise InputError(where, f"expected a JSON object for an article, got {type(item).__name__}")
    return item


def article_from_record(record: dict[str, object], source: str) -> Article:
    """One article from a JSON object; the text key may be any of the usual names."""
    text = next(
        (record[k] for k in _TEXT_KEYS if isinstance(record.get(k), str) and record[k]), None
    )
    if not isinstance(text, str) or not text.strip():
        raise InputError(
            source, f"no article text (expected one of the keys {', '.join(_TEXT_KEYS)})"
        )
    meta = metadata_from_mapping(record)
    if not meta.outlet:
        outlet = next((record[k] for k in _OUTLET_KEYS if isinstance(record.get(k), str)), None)
        if isinstance(outlet, str) and outlet not in ("", "None"):
            meta.outlet = outlet
    return build_article(text, meta, source)
