"""Dates, events and the cross-outlet timeline sections of the comparison document.

A timeline entry is one dated happening: the clause an expression dates (its event); when no
clause claims it, the noun a possessive date owns ("this week's drone debacle") or the date's
own part of the sentence, else the sentence. Entries from different outlets merge when they
fall on the same calendar value and share content words in who/what/where ("Xi will visit
Russia next week" and "Xi will pay a state visit to Moscow next week"); every entry keeps its
citations.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from manysides.compare.phrases import country_of
from manysides.compare.quotes import STOPWORDS, words
from manysides.model import AnnotatedArticle, Comparison, Event, Span, TemporalExpression
from manysides.nlp.calendar import weekday_number

SPEECH_WORDS = frozenset({"said", "says", "say", "told", "added", "announced", "confirmed"})


@dataclass(slots=True)
class TimelineEntry:
    value: str
    first: str
    last: str
    granularity: str
    label: str
    keys: list[set[str]]
    """The content words of each merged clause, kept apart: a clause joins when it shares
    enough with one of them, not with their union (which would grow into a catch-all)."""
    citations: list[dict[str, Any]] = field(default_factory=list)


def enrich(comparison: Comparison) -> dict[str, Any]:
    """The ``dates``, ``events``, ``main_events``, ``timeline`` and ``publication`` sections."""
    date_ids: dict[tuple[str, int, int], str] = {}
    dates: list[dict[str, Any]] = []
    for item in comparison.annotated:
        for expression in item.dates:
            date_id = f"d{len(dates) + 1}"
            date_ids[_key(expression.span)] = date_id
            dates.append(_date_json(date_id, item.article.outlet, expression))
    events = [
        _event_json(f"v{n}", item, event, date_ids)
        for n, (item, event) in enumerate(_all_events(comparison.annotated), start=1)
    ]
    return {
        "dates": dates,
        "events": events,
        "main_events": [_main_json(item) for item in comparison.annotated if item.main_event],
        "timeline": build_timeline(comparison.annotated, date_ids),
        "publication": [p for item in comparison.annotated if (p := propose_publication(item))],
    }


def _key(span: Span) -> tuple[str, int, int]:
    return span.article, span.start, span.end


def _opt(span: Span | None) -> dict[str, object] | None:
    return span.to_dict() if span is not None else None


def _date_json(date_id: str, outlet: str, expression: TemporalExpression) -> dict[str, Any]:
    return {
        "id": date_id,
        "outlet": outlet,
        "span": expression.span.to_dict(),
        "value": expression.value,
        "granularity": expression.granularity,
        "first": expression.first,
        "last": expression.last,
        "relative_to": expression.relative_to,
        "resolved": expression.resolved,
        "relation": expression.relation,
        "sentence": expression.sentence,
    }


def _all_events(annotated: list[AnnotatedArticle]) -> list[tuple[AnnotatedArticle, Event]]:
    return [(item, event) for item in annotated for event in item.events]


def _event_json(
    event_id: str, item: AnnotatedArticle, event: Event, date_ids: dict[tuple[str, int, int], str]
) -> dict[str, Any]:
    return {
        "id": event_id,
        "article": item.article.id,
        "outlet": item.article.outlet,
        "sentence": event.sentence,
        "actor": _opt(event.actor),
        "action": event.action.to_dict(),
        "target": _opt(event.target),
        "time": _opt(event.time),
        "place": _opt(event.place),
        "date": date_ids.get(_key(event.time)) if event.time else None,
    }


def _main_json(item: AnnotatedArticle) -> dict[str, Any]:
    main = item.main_event[0]
    fields = ("who", "what", "when", "where", "why", "how")
    return {"article": item.article.id, **{name: _opt(getattr(main, name)) for name in fields}}


def build_timeline(
    annotated: list[AnnotatedArticle], date_ids: dict[tuple[str, int, int], str]
) -> list[dict[str, Any]]:
    """Dated happenings of all outlets in calendar order, merged where they are the same."""
    entries: list[TimelineEntry] = []
    for item, expression, label, gist, cited in _dated(annotated):
        keys = _gist_keys(gist) - set(words(expression.span.text))
        citation = {
            **cited.to_dict(),
            "outlet": item.article.outlet,
            "date": date_ids.get(_key(expression.span)),
        }
        entry = next((e for e in entries if _same(e, expression, keys, item.article.id)), None)
        if entry is None:
            assert expression.value and expression.first and expression.last
            entry = TimelineEntry(
                expression.value,
                expression.first,
                expression.last,
                expression.granularity,
                label,
                [],
            )
            entries.append(entry)
        entry.keys.append(keys)
        entry.citations.append(citation)
    entries.sort(key=lambda e: (e.first, e.last))
    return [_entry_json(f"t{n}", e) for n, e in enumerate(entries, start=1)]


MIN_SHARED_KEYS = 2
MIN_SHARED_KEYS_COARSE = 3
"""A month, season or year holds many events of one story ("10 times as many police this
year" and "the police requested it after the Oktoberfest this year" share police and the
country): merging at that granularity takes one more shared word."""
COARSE = frozenset({"month", "season", "year"})


def _same(
    entry: TimelineEntry, expression: TemporalExpression, keys: set[str], article: str
) -> bool:
    """Same date, from another article, and at least two content words (three for a month,
    season or year) shared with one of the entry's clauses (places count as their country:
    "Xi … in Moscow" and "Xi … in Russia" share two). Two clauses of one article are two
    events: an outlet does not report one thing twice in a way worth merging, and same-day
    events of one report ("the Kremlin said Friday …", "the ministry on Friday did not
    confirm …") must not fuse."""
    if entry.value != expression.value or any(c["article"] == article for c in entry.citations):
        return False
    needed = MIN_SHARED_KEYS_COARSE if entry.granularity in COARSE else MIN_SHARED_KEYS
    return any(len(known & keys) >= needed for known in entry.keys)


def _gist_keys(gist: str) -> set[str]:
    """Content words of a clause: a place as its country, a plural as its singular."""
    keys = set()
    for word in re.findall(r"[\w'-]+", gist):
        low = word.lower().removesuffix("'s")
        if low in STOPWORDS or low in SPEECH_WORDS:
            continue
        country = country_of(word) if word[:1].isupper() else None
        if country:
            keys.add(country.lower())
        elif low.endswith("s") and len(low) > 4:
            keys.add(low[:-1])
        else:
            keys.add(low)
    return keys


def _dated(
    annotated: list[AnnotatedArticle],
) -> list[tuple[AnnotatedArticle, TemporalExpression, str, str, Span]]:
    """(article, date, label, gist, cited span): each resolved date with the clause it dates;
    the gist (the clause's actor, action, target and place, or the sentence) is what entries
    are merged on, the label what is shown."""
    found = []
    for item in annotated:
        by_time = {_key(e.time): e for e in item.events if e.time is not None}
        for expression in item.dates:
            if not expression.resolved or expression.first is None:
                continue
            event = by_time.get(_key(expression.span))
            sentence = next(
                (s.span for s in item.sentences if s.index == expression.sentence), None
            )
            cited = sentence or expression.span
            if event is None:
                event = _untimed_event(item, expression, cited)
            gist = _event_gist(event) if event else cited.text
            label = (_event_label(event, item.article.text) if event else None) or cited.text
            if event is None and (part := _dated_part(expression, cited)) is not None:
                label = gist = part
            found.append((item, expression, label, gist, cited))
    return found


_SEGMENT_END = re.compile(r",\s|;\s|\s[–—]\s|\s-\s|[()]")
_SUBORDINATOR = re.compile(
    r"\b(?:after|before|when|while|since|until|because|that|which|who|whose|where|as|if)\b",
    re.IGNORECASE,
)
_LEADING_JOINER = re.compile(r"(?:and|but|while|whereas)\s+", re.IGNORECASE)
_RELATIVE = re.compile(r"(?:who|whom|whose|which|that|where)\b", re.IGNORECASE)
_POSSESSIVE = re.compile(r"'s\s")
_NEXT_WORD = re.compile(r"\s*([\w-]+)")
MAX_POSSESSED_WORDS = 3
MIN_PART_WORDS = 4


def _segment(expression: TemporalExpression, sentence: Span) -> tuple[int, int]:
    """Offsets (in the sentence) of the part holding the date, between commas, dashes,
    semicolons or brackets."""
    text = sentence.text
    at = expression.span.start - sentence.start
    start = max((m.end() for m in _SEGMENT_END.finditer(text, 0, at)), default=0)
    after = _SEGMENT_END.search(text, at + len(expression.span.text))
    return start, after.start() if after else len(text.rstrip(" .!?"))


def _untimed_event(
    item: AnnotatedArticle, expression: TemporalExpression, sentence: Span
) -> Event | None:
    """A clause the parse gave no time although the date plainly ends it: "Xi … facilitated a
    Chinese-brokered deal … last week". Only a clause of the date's own part of the sentence,
    with no subordinate clause ("came after Poland said on Thursday") in between."""
    start, end = _segment(expression, sentence)
    date_at = expression.span.start - sentence.start
    for event in item.events:
        if event.sentence != expression.sentence or event.time is not None:
            continue
        action = event.action.start - sentence.start
        gap = sentence.text[event.action.end - sentence.start : date_at]
        if start <= action < min(end, date_at) and not _SUBORDINATOR.search(gap):
            return event
    return None


def _dated_part(expression: TemporalExpression, sentence: Span) -> str | None:
    """What the date belongs to when no clause claims it: the noun after a possessive date
    ("this week's drone debacle"), or the date's own part of the sentence ("Putin attended the
    opening ceremony … last year" out of "Xi last visited Russia in 2019, while Putin …").
    None when that part is a relative clause or too short to say anything."""
    text = sentence.text
    end_of_date = expression.span.end - sentence.start
    if _POSSESSIVE.match(text, end_of_date):
        end = end_of_date + 2
        for _ in range(MAX_POSSESSED_WORDS):
            word = _NEXT_WORD.match(text, end)
            if word is None or word.group(1).lower() in STOPWORDS:
                break
            end = word.end()
        if end > end_of_date + 2:
            return text[expression.span.start - sentence.start : end]
    start, end = _segment(expression, sentence)
    while joiner := _LEADING_JOINER.match(text, start):
        start = joiner.end()
    part = text[start:end].strip()
    if _RELATIVE.match(part) or len(part.split()) < MIN_PART_WORDS or part == text.strip():
        return None
    return part


def _event_gist(event: Event) -> str:
    parts = (event.actor, event.action, event.target, event.place)
    return " ".join(p.text for p in parts if p is not None)


MAX_LABEL = 160
"""A clause longer than this is shown as its parts joined by an ellipsis."""
PRONOUNS = frozenset(["he", "she", "it", "they", "we", "i", "you", "this", "that"])


def _event_label(event: Event, text: str) -> str | None:
    """The clause that states the dated event, as the article words it: from the first to the
    last of its actor, action, target and place ("Russian troops must withdraw beyond its 1991
    borders", not the parts glued together). None for a pronoun or no actor with a bare verb
    ("he planned") or a bare speech verb ("the Kremlin said"): the sentence says more."""
    bare = event.target is None and event.place is None
    speech = event.action.text.lower() in SPEECH_WORDS  # "the Kremlin said": what?
    if bare and (event.actor is None or event.actor.text.lower() in PRONOUNS or speech):
        return None
    parts = sorted(
        {(p.start, p.end) for p in (event.actor, event.action, event.target, event.place) if p}
    )
    start, end = parts[0][0], max(e for _s, e in parts)
    if end - start <= MAX_LABEL:
        return text[start:end]
    return " … ".join(text[s:e] for s, e in parts)


def _entry_json(entry_id: str, entry: TimelineEntry) -> dict[str, Any]:
    return {
        "id": entry_id,
        "value": entry.value,
        "first": entry.first,
        "last": entry.last,
        "granularity": entry.granularity,
        "label": entry.label,
        "outlets": list(dict.fromkeys(c["outlet"] for c in entry.citations)),
        "citations": entry.citations,
    }


def propose_publication(item: AnnotatedArticle) -> dict[str, Any] | None:
    """For an article with no publication date: the weekday it names most as today or just
    past ("…, the Kremlin said Friday"; news rarely names today's weekday otherwise), the day it must be when the text also gives a full date,
    and the spans that are the evidence. None when the date is known or nothing pins it."""
    if item.article.published:
        return None
    said_days = [
        d
        for d in item.dates
        if d.granularity == "day" and not d.resolved and "(past or same day)" in d.relation
    ]
    if not said_days:
        return None
    weekday, _count = Counter(d.relation.split()[0] for d in said_days).most_common(1)[0]
    evidence = [d.span.to_dict() for d in said_days if d.relation.startswith(weekday)]
    return {
        "article": item.article.id,
        "weekday": weekday,
        "date": _day_after_latest(item.dates, weekday),
        "evidence": evidence,
    }


def _day_after_latest(dates: tuple[TemporalExpression, ...], weekday: str) -> str | None:
    """The first ``weekday`` on or after the latest full date the article gives, if any."""
    days = [d.value for d in dates if d.relative_to is None and d.granularity == "day" and d.value]
    if not days:
        return None
    latest = max(date.fromisoformat(v) for v in days)
    shift = (weekday_number(weekday) - latest.weekday()) % 7
    return (latest + timedelta(days=shift)).isoformat()
