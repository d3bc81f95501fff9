"""Read any mix of files and folders; every source yields articles or a recorded rejection."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from manysides.errors import InputError
from manysides.model import Article, Rejection
from manysides.read import html, jsonfile, text
from manysides.read.build import detect_language

KNOWN = text.EXTENSIONS + html.EXTENSIONS + jsonfile.EXTENSIONS


def read_sources(paths: Iterable[str | Path]) -> tuple[list[Article], list[Rejection]]:
    """All articles from ``paths`` (files or folders, read in sorted order) and the rejections."""
    articles: list[Article] = []
    rejections: list[Rejection] = []
    for item in _expand(paths):
        if isinstance(item, InputError):
            rejections.append(Rejection(item.source, item.problem))
        else:
            articles.append(detect_language(item))
    return articles, rejections


def _expand(paths: Iterable[str | Path]) -> Iterator[Article | InputError]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and not _skipped(p, path))
            if not files:
                yield InputError(str(path), "folder holds no files")
            for file in files:
                yield from read_file(file)
        else:
            yield from read_file(path)


def _skipped(path: Path, root: Path) -> bool:
    """Hidden files and sidecars are not articles."""
    rel = path.relative_to(root)
    return any(part.startswith(".") for part in rel.parts) or path.name.endswith(".meta.json")


def _with_sidecar(path: Path, reader: Callable[..., Article]) -> Iterator[Article | InputError]:
    """The article with its sidecar metadata; with a broken sidecar, the sidecar's error
    (listed as skipped) and the article read without it: bad metadata never costs the text."""
    try:
        article = reader(path)
    except text.SidecarError as broken:
        yield broken
        article = reader(path, sidecar=False)
    yield article


def read_file(path: Path) -> Iterator[Article | InputError]:
    """The articles of one file, chosen by extension; errors are yielded, not raised."""
    suffix = path.suffix.lower()
    try:
        if not path.exists():
            raise InputError(str(path), "no such file or folder")
        if suffix in text.EXTENSIONS or suffix in html.EXTENSIONS:
            yield from _with_sidecar(
                path, text.read_text_file if suffix in text.EXTENSIONS else html.read_html_file
            )
        elif suffix in jsonfile.EXTENSIONS:
            yield from jsonfile.read_json_file(path)
        else:
            known = ", ".join(KNOWN)
            raise InputError(
                str(path), f"unknown file type {suffix or '(none)'!r}; expected one of {known}"
            )
    except InputError as exc:
        yield exc
