"""WARC archives (fastwarc, e.g. Common Crawl News): each HTML response record is a page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from manysides.errors import InputError
from manysides.model import Article
from manysides.read.build import Metadata
from manysides.read.html import article_from_html

WARC_SUFFIXES = (".warc", ".warc.gz")


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def read_warc(path: Path) -> Iterator[Article | InputError]:
    """Articles from the HTML responses; a bad record is an error naming record and archive."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    try:
        records = ArchiveIterator(
            str(path), record_types=WarcRecordType.response, parse_http=True, fsspec_args=False
        )
        for record in records:
            uri = record.headers.get("WARC-Target-URI") or "?"
            content_type = record.http_content_type or ""
            if "html" not in content_type.lower():
                continue
            yield _page(record, f"{path}#{uri}", uri, record.http_charset or "utf-8")
    except (OSError, ValueError) as exc:
        yield InputError(str(path), f"not a readable WARC archive ({exc})")


def _page(record: Any, where: str, uri: str, charset: str) -> Article | InputError:
    try:
        html = record.reader.read().decode(charset, "replace")
        return article_from_html(html, where, Metadata(url=uri if uri != "?" else None))
    except LookupError:
        return InputError(where, f"unknown charset {charset!r}")
    except InputError as exc:
        return exc
