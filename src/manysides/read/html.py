"""HTML pages: trafilatura extracts the main text and the page's metadata."""

from __future__ import annotations

from pathlib import Path

from manysides.errors import InputError
from manysides.model import Article
from manysides.read.build import Metadata, build_article
from manysides.read.decode import decode, read_bytes
from manysides.read.text import read_sidecar

EXTENSIONS = (".html", ".htm", ".xhtml")


def read_html_file(path: Path, *, sidecar: bool = True) -> Article:
    html = decode(read_bytes(path), str(path))
    return article_from_html(html, str(path), read_sidecar(path) if sidecar else Metadata())


def article_from_html(html: str, source: str, override: Metadata | None = None) -> Article:
    """Main text and metadata of one page; ``override`` (a sidecar) wins over the page."""
    import trafilatura

    document = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False
    )
    if document is None:
        raise InputError(source, "no article text found in this HTML page")
    found = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    text = found.get("text") or ""
    if not text.strip():
        raise InputError(source, "no article text found in this HTML page")
    meta = Metadata(
        title=found.get("title"),
        outlet=found.get("sitename"),
        url=found.get("url"),
        published=found.get("date"),
        language=found.get("language"),
        author=found.get("author"),
    )
    return build_article(text, meta.merged(override or Metadata()), source)
