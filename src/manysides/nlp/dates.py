"""Temporal expressions found in the story and resolved to calendar dates.

Rule-based over the text and spaCy's DATE entities, anchored on the publication date and
leaning on the tense of the governing verb: news says "On Thursday, X spoke" about the past
and "X will visit Monday" about the future, which future-leaning resolvers (Duckling) and
tense-blind ones (dateparser) get wrong. Without a publication date relative expressions are
kept, with ``resolved=False`` and their meaning in ``relation``. The calendar arithmetic is in
`manysides.nlp.calendar`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from manysides.model import Article, TemporalExpression
from manysides.nlp.calendar import MONTHS, WEEKDAYS, Resolved, Tense, resolve_match

_WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_MON = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan\.|feb\.|mar\.|apr\.|jun\.|jul\.|aug\.|sept\.|sep\.|oct\.|nov\.|dec\.)"
)
_NUM = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.I))
    for name, pattern in (
        (
            "weekday_range",
            rf"\b(?:from\s+)?({_WD})\s+(?:through|to|until|till|thru|-|–)\s+({_WD})\b",
        ),
        ("full_date", rf"\b({_MON})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b"),
        ("day_month_year", rf"\b(\d{{1,2}})\s+({_MON})\s+((?:19|20)\d\d)\b"),
        ("month_year", rf"\b({_MON})\s+((?:19|20)\d\d)\b"),
        ("month_day", rf"\b({_MON})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*(?:%|percent))"),
        ("ago", rf"\b({_NUM})\s+(day|week|month|year)s?\s+ago\b"),
        ("modified", rf"\b(last|next|this|past|coming)\s+(week|weekend|month|year|{_WD}|{_MON})\b"),
        ("deictic", r"(?<!\bUSA )\b(today|yesterday|tomorrow|tonight|last night|this morning)\b"),
        ("weekday", rf"\b({_WD})\b"),
        ("month", rf"\b(?:in|since|until|by|from|early|late|mid|of) ({_MON})\b(?! \d)"),
        ("year", r"\b(?:in|since|until|by|from|before|after|during|of) ((?:19|20)\d\d)\b"),
    )
)
"""What we recognize, most specific first; an earlier match wins over an overlapping later one.
A bare month or year needs a preposition before it, which the span leaves out."""
BARE = ("month", "year", "loose_month", "loose_year")
_CLOCK = r"(?:\d{1,2}[.:]\d{2}\s?(?:am|pm|a\.m\.|p\.m\.)|\d{1,2}\s?(?:am|pm|a\.m\.|p\.m\.)|midnight|noon)"
_NEAR = r"(?:at\s+)?(?:(?:about|around|approximately|almost|shortly\s+(?:before|after))\s+)?"
CLOCK_TIME = re.compile(
    rf"(?<!\w)(?:{_NEAR}{_CLOCK}(?!\w)(?:\s+local\s+time)?|at\s+[012]?\d:\d\d\b)", re.I
)
"""A time of day: with am/pm ("at around 6am", "11:30pm local time"), midnight or noon, or a
24-hour clock after "at" ("At 00:48"); a bare "3.45" may be a score or a price."""
_BEFORE_DAY = re.compile(
    rf"(?:{CLOCK_TIME.pattern}\s+(?:on\s+)?|\b(?:late|early)\s+(?:on\s+)?)$", re.I
)
_AFTER_DAY = re.compile(
    rf"(?:,\s+{_MON}\s+\d{{1,2}}(?:,\s+(?:19|20)\d\d)?\b)?"
    rf"(?:\s+(?:morning|afternoon|evening|night))?(?:,?\s+{CLOCK_TIME.pattern})?",
    re.I,
)


def extract_dates(
    article: Article, paragraphs: Sequence[tuple[int, Any]], sentence_of: Callable[[int], int]
) -> tuple[TemporalExpression, ...]:
    """Every date expression of the story paragraphs, resolved against ``article.published``."""
    anchor = publication_anchor(article.published)
    found: list[TemporalExpression] = []
    for offset, doc in paragraphs:
        for kind, match, (first, last) in find_expressions(doc.text, _spacy_date_spans(doc)):
            start, end = offset + first, offset + last
            tense = verb_tense(doc, first)
            resolved = resolve_match(kind, match, anchor, tense)
            if resolved is not None:
                found.append(_expression(article, start, end, resolved, anchor, sentence_of))
    return tuple(found)


def publication_anchor(published: str | None) -> date | None:
    """The publication day, from an ISO date or date-time string; None when unknown."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def find_expressions(
    text: str, spacy_dates: Sequence[tuple[int, int]] = ()
) -> list[tuple[str, re.Match[str], tuple[int, int]]]:
    """Non-overlapping matches of `PATTERNS` in ``text``, in order. A bare year or month
    also counts where spaCy tagged it DATE ("the 1991 borders")."""
    taken: list[tuple[int, int]] = []
    found: list[tuple[str, re.Match[str], tuple[int, int]]] = []
    patterns = [*PATTERNS, *_loose_patterns(spacy_dates)]
    for kind, pattern in patterns:
        for match in pattern.finditer(text):
            span = match.span(1) if kind in BARE else match.span()
            if kind.startswith("loose_") and not _within(span, spacy_dates):
                continue
            if any(s < span[1] and span[0] < e for s, e in taken):
                continue
            taken.append(span)
            found.append((kind.removeprefix("loose_"), match, span))
    return sorted(found, key=lambda item: item[2])


def _loose_patterns(spacy_dates: Sequence[tuple[int, int]]) -> list[tuple[str, re.Pattern[str]]]:
    if not spacy_dates:
        return []
    return [
        ("loose_year", re.compile(r"\b((?:19|20)\d\d)\b")),
        ("loose_month", re.compile(rf"\b({_MON})\b(?! \d)", re.I)),
    ]


def _within(span: tuple[int, int], spans: Sequence[tuple[int, int]]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in spans)


def _spacy_date_spans(doc: Any) -> list[tuple[int, int]]:
    return [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "DATE"]


def clock_times(text: str) -> list[tuple[int, int]]:
    """Times of day in ``text``, which the date patterns leave out but which say when a
    sudden event (a crash, an attack) happened."""
    return [match.span() for match in CLOCK_TIME.finditer(text)]


def with_time_of_day(text: str, start: int, end: int) -> tuple[int, int]:
    """The day at ``text[start:end]`` widened over the time of day and the calendar date said
    with it: "6.10am on Wednesday", "late Thursday", "Wednesday morning", "Nov 9, 2016 at
    1:57am", "Sunday, Nov. 13, 2016"."""
    before = _BEFORE_DAY.search(text[max(0, start - 40) : start])
    after = _AFTER_DAY.match(text, end)
    first = start - len(before.group()) if before else start
    return first, after.end() if after else end


EMBEDDED_POST = re.compile(r"(?:\(@\w{1,15}\)|\bposted by [^.\n]{1,80}? on)\s+$")
"""The signature before an embedded post's date: a tweet's "(@handle)", Instagram's "posted
by X on"."""


def posted_days(text: str, expressions: Sequence[TemporalExpression]) -> list[TemporalExpression]:
    """The days that date social-media posts embedded in ``text`` ("-- Jane (@jane) November
    8, 2016", "A photo posted by X on Nov 9, 2016 at 1:57am"), in order."""
    return [
        e
        for e in expressions
        if e.granularity == "day"
        and EMBEDDED_POST.search(text, max(0, e.span.start - 120), e.span.start)
    ]


def verb_tense(doc: Any, char: int) -> Tense:
    """Past, future or present of the verb governing the token at ``char`` (None if no verb)."""
    token = next((t for t in doc if t.idx <= char < t.idx + len(t)), None)
    possessive = token is not None and token.dep_ == "poss"
    for _ in range(6):
        if token is None:
            return None
        if token.pos_ in ("VERB", "AUX") and not _non_finite(token):
            tense = _tense_of(token)
            # "Sunday's incident comes after …": the present of a clause about a day's
            # event does not make the day a coming one; a future still does.
            return None if possessive and tense == "present" else tense
        token = token.head if token.head.i != token.i else None
    return None


def _non_finite(verb: Any) -> bool:
    """A participle with no auxiliary inside another clause ("fell … while harvesting
    vegetables on Sunday"): it has no tense of its own, the clause it depends on does."""
    return (
        verb.tag_ == "VBG"
        and verb.dep_ in ("advcl", "acl", "xcomp", "pcomp")
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    )


def _tense_of(verb: Any) -> Tense:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in ("will", "'ll", "shall") for a in auxes):
        return "future"
    if any(a.lower_ == "would" for a in auxes) and not any(a.lower_ == "have" for a in auxes):
        return "future"  # "said the morgue would begin identifying the victims Tuesday"
    if any(a.lower_ == "to" for a in auxes) and verb.head.lemma_ in ("plan", "expect", "set"):
        return "future"
    if verb.tag_ in ("VBD", "VBN") or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if any(a.lower_ in ("has", "have") for a in auxes):
        return "past"
    if verb.tag_ in ("VBZ", "VBP", "VBG"):
        return "present"
    return None


def _expression(
    article: Article,
    start: int,
    end: int,
    resolved: Resolved,
    anchor: date | None,
    sentence_of: Callable[[int], int],
) -> TemporalExpression:
    relative = resolved.relative
    known = resolved.value is not None
    return TemporalExpression(
        span=article.span(start, end),
        value=resolved.value,
        granularity=resolved.granularity,
        resolved=known,
        relative_to=anchor.isoformat() if relative and anchor and known else None,
        relation=resolved.relation,
        sentence=sentence_of(start),
        first=resolved.first.isoformat() if resolved.first else None,
        last=resolved.last.isoformat() if resolved.last else None,
    )


__all__ = [
    "MONTHS",
    "WEEKDAYS",
    "clock_times",
    "extract_dates",
    "find_expressions",
    "posted_days",
    "publication_anchor",
    "with_time_of_day",
]
