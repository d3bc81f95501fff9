"""RSS and Atom feeds (feedparser): entries with full content are articles as they stand;
entries with only a summary are fetched from their link when fetching is allowed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from manysides.corpus.fetch import PoliteClient
from manysides.errors import InputError
from manysides.model import Article
from manysides.read.build import Metadata
from manysides.read.html import article_from_html

FEED_SUFFIXES = (".rss", ".atom", ".xml", ".feed")
FULL_CONTENT_CHARS = 500
"""Entry content at least this long (as text) is taken to be the full article."""


def looks_like_feed(head: bytes) -> bool:
    sample = head[:2000].lower()
    return b"<rss" in sample or b"<feed" in sample or b"<rdf:rdf" in sample


def read_feed(
    data: bytes, source: str, client: PoliteClient | None
) -> Iterator[Article | InputError]:
    """Every entry of the feed as an article, or an error naming the entry."""
    import feedparser

    parsed = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        yield InputError(source, f"not a readable RSS/Atom feed ({parsed.get('bozo_exception')})")
        return
    outlet = parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries, start=1):
        where = f"{source}#{entry.get('id') or entry.get('link') or number}"
        try:
            yield _entry_article(entry, where, outlet, client)
        except InputError as exc:
            yield exc


def _entry_article(
    entry: Any, where: str, outlet: str | None, client: PoliteClient | None
) -> Article:
    meta = Metadata(
        title=entry.get("title"),
        url=entry.get("link"),
        author=entry.get("author"),
        published=entry.get("published") or entry.get("updated"),
        outlet=None,
    )
    content = _content(entry)
    if len(_visible(content)) >= FULL_CONTENT_CHARS:
        return article_from_html(_page(entry.get("title", ""), content), where, meta)
    link = entry.get("link")
    if not link:
        raise InputError(where, "entry has only a summary and no link to fetch")
    if client is None:
        raise InputError(where, "entry has only a summary; pass --fetch to download its page")
    page = client.get(link)
    return article_from_html(page.body.decode("utf-8", "replace"), link, meta)


def _content(entry: Any) -> str:
    parts = [str(c.get("value", "")) for c in entry.get("content", [])]
    return max([*parts, str(entry.get("summary", ""))], key=len)


def _visible(html: str) -> str:
    import re

    return re.sub(r"<[^>]+>", " ", html).strip()


def _page(title: str, content: str) -> str:
    """Wrap entry HTML in a page so the HTML reader treats paragraphs as usual."""
    from html import escape

    body = (
        content
        if "<p" in content.lower()
        else "".join(f"<p>{escape(p)}</p>" for p in content.split("\n\n") if p.strip())
    )
    return f"<html><head><title>{escape(title)}</title></head><body><article><h1>{escape(title)}</h1>{body}</article></body></html>"
