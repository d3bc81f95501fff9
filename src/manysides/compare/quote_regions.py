"""Where an article quotes someone: character regions of quoted words.

The direct quotes of the quotes stage (``AnnotatedArticle.quotes``, issue 4) are used, and
quotation marks are paired within each paragraph (text is normalized to
straight quotes), and an unclosed quote runs to the paragraph's end, as multi-sentence quotes
do in print. The regions let the conflict detectors tell quote wording from narration.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from manysides.model import AnnotatedArticle
from manysides.read.normalize import paragraph_offsets

Region = tuple[int, int]


def quote_regions(item: AnnotatedArticle) -> tuple[Region, ...]:
    """Quoted-content regions of one article, from the quotes stage when it ran."""
    staged = tuple(_staged_regions(getattr(item, "quotes", ())))
    marked = tuple(_marked_regions(item.article.text))
    return tuple(sorted(set(staged + marked)))


def _staged_regions(quotes: Iterable[Any]) -> Iterable[Region]:
    """Content spans of the quotes stage, read defensively (its model may still change)."""
    for quote in quotes:
        if getattr(quote, "direct", True) is False:
            continue  # reported speech: its wording is the outlet's, not the speaker's
        content = getattr(quote, "content", None) or getattr(quote, "spans", None)
        spans = content if isinstance(content, (tuple, list)) else (content,)
        for span in spans:
            start, end = getattr(span, "start", None), getattr(span, "end", None)
            if isinstance(start, int) and isinstance(end, int) and start < end:
                yield (start, end)


def _marked_regions(text: str) -> Iterable[Region]:
    for start, end in paragraph_offsets(text):
        marks = [start + i for i, ch in enumerate(text[start:end]) if ch == '"']
        for n in range(0, len(marks), 2):
            opening = marks[n]
            closing = marks[n + 1] if n + 1 < len(marks) else end
            if closing - opening > 1:
                yield (opening + 1, closing)
