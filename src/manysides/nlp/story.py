"""Per-article reported speech, dates and events, run on the paragraph docs annotation made.

Called once per article from `manysides.nlp.annotate` while the spaCy docs are at hand, so
these additions reuse the parse instead of running the pipeline again.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from typing import Any

from manysides.model import Article, Mention, Sentence
from manysides.nlp.dates import extract_dates
from manysides.nlp.events import extract_events, main_event
from manysides.nlp.quotes import extract_quotes


def story_extras(
    article: Article,
    paragraphs: Sequence[tuple[int, Any]],
    mentions: Sequence[Mention],
    sentences: Sequence[Sentence],
) -> dict[str, Any]:
    """Keyword arguments for `AnnotatedArticle`: quotes, dates, events and the main event.

    ``paragraphs`` are (offset, doc) pairs of the story body (the headline excluded).
    """
    sentence_of = _sentence_lookup(sentences)
    quotes = extract_quotes(article, paragraphs, mentions, sentence_of)
    dates = extract_dates(article, paragraphs, sentence_of)
    events = extract_events(article, paragraphs, sentence_of, dates)
    lead = main_event(article, paragraphs, mentions, dates)
    return {
        "quotes": quotes,
        "dates": dates,
        "events": events,
        "main_event": (lead,) if lead is not None else (),
    }


def _sentence_lookup(sentences: Sequence[Sentence]) -> Callable[[int], int]:
    """Index of the sentence holding a character offset (-1 before the first)."""
    starts = [s.span.start for s in sentences]

    def sentence_of(position: int) -> int:
        found = bisect_right(starts, position) - 1
        return sentences[found].index if found >= 0 else -1

    return sentence_of
