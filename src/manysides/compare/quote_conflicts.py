"""Speaker and quote conflicts from the quotes stage (issue 4), across the whole story.

Two outlets' direct quotations are "the same words" when their word sequences match closely
(ratio >= ``SAME_WORDS``). Then a different resolved speaker is a ``speaker`` conflict, and
different words are a ``quote`` (fidelity) difference — unless the only differences are
numbers, negations or names, which the number, polarity and name detectors report.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from rapidfuzz.distance import JaroWinkler

from manysides.compare.conflict_types import Conflict, Side
from manysides.compare.names import fold
from manysides.compare.quotes import QuoteRecord, quote_records, words
from manysides.model import Comparison, Span

SAME_WORDS = 0.75
_NEGATION = {"not", "no", "never", "n't", "cannot"}


def quote_conflicts(comparison: Comparison) -> list[Conflict]:
    """Speaker and wording conflicts between direct quotations of different outlets."""
    records = [r for r in quote_records(comparison) if r.quote.direct and r.quote.content]
    found: list[Conflict] = []
    for n, one in enumerate(records):
        for other in records[n + 1 :]:
            if one.quote.content[0].article == other.quote.content[0].article:
                continue
            a, b = words(one.quote.text), words(other.quote.text)
            if min(len(a), len(b)) < 4:
                continue
            matcher = SequenceMatcher(None, a, b, autojunk=False)
            if matcher.ratio() < SAME_WORDS:
                continue
            speaker = _speaker_conflict(one, other)
            if speaker is not None:
                found.append(speaker)
            elif _excerpt(one, other, matcher, len(a), len(b)):
                continue
            elif matcher.ratio() < 1.0 and _wording_only(a, b, matcher, _names(one, other)):
                found.append(_wording(one, other))
    return found


def _excerpt(
    one: QuoteRecord, other: QuoteRecord, matcher: SequenceMatcher[str], a: int, b: int
) -> bool:
    """One quotation is the other cut short or with another part joined on (the quotes stage
    may join a later fragment): every part of one is a part of the other, or the words only
    differ at an end."""
    x = {fold(p.text) for p in one.quote.content}
    y = {fold(p.text) for p in other.quote.content}
    if x <= y or y <= x:
        return True
    edits = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    return all(
        tag in ("insert", "delete") and ((i1 == 0 and j1 == 0) or (i2 == a and j2 == b))
        for tag, i1, i2, j1, j2 in edits
    )


def _speaker_key(record: QuoteRecord) -> tuple[str | None, str | None]:
    text = record.speaker_text
    if record.quote.speaker_kind in ("pronoun", "none") and record.quote.speaker_ref is None:
        return record.entity, None
    return record.entity, fold(text) if text else None


def _speaker_conflict(one: QuoteRecord, other: QuoteRecord) -> Conflict | None:
    (ea, ta), (eb, tb) = _speaker_key(one), _speaker_key(other)
    if ta is None or tb is None or (ea is not None and ea == eb):
        return None
    if ta == tb or ta.split()[-1] == tb.split()[-1] or JaroWinkler.similarity(ta, tb) >= 0.85:
        return None  # the same person named another way, or respelled
    if any(r.quote.speaker_kind not in ("name", "title") for r in (one, other)):
        return None  # pronouns and carried quotes resolve by context, which moves with layout
    named = all(r.quote.speaker_kind == "name" for r in (one, other))
    if not (ea is not None and eb is not None) and not named:
        return None  # "the spokesperson" vs a name: maybe one person, said two ways
    sa, sb = _speaker_span(one), _speaker_span(other)
    if sa is None or sb is None:
        return None
    return Conflict(
        "speaker",
        True,
        f"The same words are attributed to different people: {sa.text} vs {sb.text}.",
        [
            Side(sa.text, one.outlet, sa, one.quote.content[0]),
            Side(sb.text, other.outlet, sb, other.quote.content[0]),
        ],
        "contradiction",
        subject=one.quote.text[:60],
        key=("speaker", *sorted((fold(sa.text), fold(sb.text)))),
    )


def _speaker_span(record: QuoteRecord) -> Span | None:
    return record.quote.speaker_ref or record.quote.speaker


def _names(one: QuoteRecord, other: QuoteRecord) -> set[str]:
    """Capitalized words of both quotations: an edit of only these is a name or a place."""
    text = one.quote.text + " " + other.quote.text
    return {w.lower() for w in re.findall(r"\b[A-Z][\w'-]*", text)}


def _wording_only(
    a: list[str], b: list[str], matcher: SequenceMatcher[str], names: set[str]
) -> bool:
    """Some edit is a plain wording change (not a number, negation or name)."""
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        changed = a[i1:i2] + b[j1:j2]
        if changed and all(w in names for w in changed):
            return False
        if any(w in _NEGATION or w.endswith("n't") or any(c.isdigit() for c in w) for w in changed):
            return False
        if len(a[i1:i2]) == len(b[j1:j2]) == 1 and _close(a[i1], b[j1]):
            return False  # a respelled name
    return True


def _close(x: str, y: str) -> bool:
    return len(x) >= 4 and JaroWinkler.similarity(x, y) >= 0.88


def _wording(one: QuoteRecord, other: QuoteRecord) -> Conflict:
    x, y = one.quote.content[0], other.quote.content[0]
    return Conflict(
        "quote",
        False,
        f"The quotation is worded differently: “{one.quote.text}” vs “{other.quote.text}”.",
        [Side(x.text, one.outlet, x), Side(y.text, other.outlet, y)],
        "wording",
        subject=one.speaker_text,
        key=("quote", *sorted((fold(x.text), fold(y.text)))),
    )
