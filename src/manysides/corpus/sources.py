"""What `ingest` accepts: files and folders the readers take, feeds, WARC archives, URLs."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from manysides.corpus.feeds import FEED_SUFFIXES, looks_like_feed, read_feed
from manysides.corpus.fetch import PoliteClient
from manysides.corpus.warc import is_warc, read_warc
from manysides.errors import InputError
from manysides.model import Article
from manysides.read.html import article_from_html
from manysides.read.sources import read_file


@dataclass(slots=True)
class SourceOptions:
    """``client`` is set only when the user allowed fetching (``--fetch``)."""

    client: PoliteClient | None = None


def expand_source(
    label: str, options: SourceOptions | None = None
) -> Iterator[Article | InputError]:
    """Every article (or error) behind one argument of `manysides ingest`."""
    opts = options or SourceOptions()
    if label.startswith(("http://", "https://")):
        yield from _url(label, opts)
        return
    path = Path(label)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path))
        if not files:
            yield InputError(label, "folder holds no files")
        for file in files:
            yield from _file(file, opts)
    else:
        yield from _file(path, opts)


def _hidden(path: Path, root: Path) -> bool:
    rel = path.relative_to(root)
    return any(p.startswith(".") for p in rel.parts) or path.name.endswith(".meta.json")


def _file(path: Path, opts: SourceOptions) -> Iterator[Article | InputError]:
    if is_warc(path):
        yield from read_warc(path)
    elif path.suffix.lower() in FEED_SUFFIXES:
        try:
            data = path.read_bytes()
        except OSError as exc:
            yield InputError(str(path), f"cannot read ({exc.strerror})")
            return
        yield from read_feed(data, str(path), opts.client)
    else:
        yield from read_file(path)


def _url(url: str, opts: SourceOptions) -> Iterator[Article | InputError]:
    if opts.client is None:
        yield InputError(url, "a URL needs --fetch (manysides downloads only when asked)")
        return
    try:
        page = opts.client.get(url)
        if "xml" in page.content_type or "rss" in page.content_type or looks_like_feed(page.body):
            yield from read_feed(page.body, url, opts.client)
        else:
            yield article_from_html(page.body.decode("utf-8", "replace"), page.url)
    except InputError as exc:
        yield exc
