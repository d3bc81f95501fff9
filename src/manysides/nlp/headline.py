"""5W1H candidates from the headline, which states the main event most compactly.

Giveme5W1H (Hamborg et al. 2019) draws candidates from the title and the first sentences and
scores them by position and frequency. The annotation pipeline hands `story_extras` the body
docs only, but the headline's entity mentions are there, so the headline is read through them:
a headline usually opens with its actor ("Trump meets with Obama at the White House as …"),
and the words up to the first place, time or reason marker are what the actor did.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from manysides.model import Article, Mention, Span

WHO_LABELS = ("PERSON", "ORG", "NORP", "GPE")
PLACE_LABELS = ("GPE", "LOC", "FAC")
_STOP = r"\s(?:as|after|amid|in|at|near|while|because|despite|before|following|during)\s"
ACTION_END = re.compile(rf"{_STOP}|\s*[:;|,]\s|\s[-–—]\s|\s'|\s\"", re.IGNORECASE)
"""Where a headline's action stops: a place/time/reason marker, a colon, a dash, a quotation."""
MIN_ACTION_WORDS = 2


def title_mentions(article: Article, mentions: Sequence[Mention]) -> list[Mention]:
    """Entity mentions inside the headline, in order."""
    title = article.title_span
    if title is None:
        return []
    inside = [m for m in mentions if title.start <= m.span.start and m.span.end <= title.end]
    return sorted(inside, key=lambda m: m.span.start)


def headline_actor(article: Article, mentions: Sequence[Mention]) -> Mention | None:
    """The named actor a headline opens with ("Taliban attacks …", "Trump meets …")."""
    title = article.title_span
    found = title_mentions(article, mentions)
    if title is None or not found or found[0].label not in WHO_LABELS:
        return None
    lead_in = article.text[title.start : found[0].span.start]
    if len(lead_in.split()) > 1:
        return None
    return _with_head(article, found)


def _with_head(article: Article, found: list[Mention]) -> Mention:
    """A nationality is a modifier, not the actor: "Chinese leader Xi" runs to the name."""
    first = found[0]
    later = [m for m in found[1:] if m.label in ("PERSON", "ORG")]
    if first.label != "NORP" or not later:
        return first
    gap = article.text[first.span.end : later[0].span.start]
    if len(gap.split()) > 2:
        return first
    return Mention(
        article.span(first.span.start, later[0].span.end), later[0].label, first.sentence
    )


def headline_action(article: Article, actor: Mention | None) -> Span | None:
    """The words after the opening actor (or the headline's opening words when it names no
    actor first) up to the first marker: the headline's "what"."""
    title = article.title_span
    if title is None:
        return None
    start = actor.span.end if actor is not None else title.start
    rest = article.text[start : title.end]
    stop = ACTION_END.search(rest, 1)
    end = start + (stop.start() if stop else len(rest))
    while start < end and not article.text[start].isalnum():
        start += 1
    while end > start and not article.text[end - 1].isalnum():
        end -= 1
    if len(article.text[start:end].split()) < MIN_ACTION_WORDS:
        return None
    return article.span(start, end)


def frequency(article: Article, text: str) -> int:
    """How often the words appear in the article (a main actor or place recurs)."""
    return len(re.findall(rf"\b{re.escape(text)}\b", article.text))


def best_place(article: Article, candidates: Sequence[Mention]) -> Span | None:
    """The place the article names most often among the headline's and lead's places; the
    earliest wins a tie (position and frequency, as Giveme5W1H scores them)."""
    places = [m for m in candidates if m.label in PLACE_LABELS]
    if not places:
        return None
    best = max(enumerate(places), key=lambda p: (frequency(article, p[1].span.text), -p[0]))
    return best[1].span
