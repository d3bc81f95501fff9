"""Turn raw text plus metadata into a normalized `Article` with headline and furniture found."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlparse

from manysides.errors import InputError
from manysides.model import Article, Furniture, OutletSource, Span
from manysides.read.furniture import classify_paragraph, inline_captions, is_section_label
from manysides.read.normalize import normalize_text, paragraph_offsets

MIN_TEXT_CHARS = 40


@dataclass(slots=True)
class Metadata:
    """What a source says about itself; every field optional."""

    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None
    author: str | None = None

    def merged(self, other: Metadata) -> Metadata:
        """Fields of ``other`` win where they are set (a sidecar overrides what a file says)."""
        return Metadata(
            **{k: getattr(other, k) or getattr(self, k) for k in self.__dataclass_fields__}
        )


def build_article(raw_text: str, meta: Metadata, source: str) -> Article:
    """Normalize, find the headline and furniture, resolve outlet, and hash the text into an id."""
    title = normalize_text(meta.title or "").replace("\n\n", " ")
    text = normalize_text(raw_text)
    if len(text) < MIN_TEXT_CHARS:
        raise InputError(source, f"no article text (only {len(text)} characters after cleaning)")
    paragraphs = [(s, e, text[s:e]) for s, e in paragraph_offsets(text)]
    furniture_hits: list[tuple[int, int, str, str | None]] = []
    first = 0
    if len(paragraphs) > 1 and is_section_label(paragraphs[0][2], paragraphs[1][2]):
        furniture_hits.append((paragraphs[0][0], paragraphs[0][1], "section", None))
        first = 1
    if title and not paragraphs[first][2].startswith(title[: max(10, len(title) // 2)]):
        text = f"{title}\n\n{text}"
        shift = len(title) + 2
        paragraphs = [(0, len(title), title)] + [
            (s + shift, e + shift, p) for s, e, p in paragraphs
        ]
        furniture_hits = [(s + shift, e + shift, k, c) for s, e, k, c in furniture_hits]
        first = 0
    title_start, title_end, first_paragraph = paragraphs[first]
    if not title:
        title = first_paragraph
    for start, end, paragraph in paragraphs[first + 1 :]:
        hit = classify_paragraph(paragraph)
        if hit:
            furniture_hits.append((start, end, hit.kind, hit.credit))
        else:
            furniture_hits.extend(
                (s, e, "caption", None) for s, e in inline_captions(text, start, end)
            )
    article_id = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    outlet, outlet_source = resolve_outlet(meta, source)
    furniture = tuple(
        Furniture(kind, Span(article_id, s, e, text[s:e]), credit)  # type: ignore[arg-type]
        for s, e, kind, credit in sorted(furniture_hits)
    )
    return Article(
        id=article_id,
        text=text,
        outlet=outlet,
        outlet_source=outlet_source,
        title=title,
        source=source,
        url=meta.url,
        published=iso_published(meta.published),
        language=meta.language,
        author=meta.author,
        title_span=Span(article_id, title_start, title_end, text[title_start:title_end]),
        body_start=min(title_end + 2, len(text)),
        furniture=furniture,
    )


def resolve_outlet(meta: Metadata, source: str) -> tuple[str, OutletSource]:
    """Outlet from metadata, else the URL's host, else the file name; says which."""
    if meta.outlet:
        return meta.outlet, "metadata"
    if meta.url:
        host = urlparse(meta.url).hostname or ""
        if host:
            return host.removeprefix("www."), "url"
    name = Path(source.split("#", 1)[0]).name
    for suffix in (".meta.json", ".jsonl", ".json", ".html", ".htm", ".txt", ".md"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    return name, "filename"


def detect_language(article: Article) -> Article:
    """Fill in the language (ISO 639-1) from the text when metadata did not give it."""
    if article.language:
        return article
    import py3langid

    code, _score = py3langid.classify(article.text[:5000])
    return replace(article, language=str(code))


def iso_published(value: str | None) -> str | None:
    """Publication date as ISO 8601 (date, or date and time when one is given); None if unparsable."""
    if not value:
        return None
    from dateutil import parser

    try:
        parsed = parser.parse(value)
    except (ValueError, OverflowError):
        return None
    if (parsed.hour, parsed.minute, parsed.second) == (0, 0, 0):
        return str(parsed.date().isoformat())
    return str(parsed.isoformat())
