"""Number and date conflicts between two claims of one fact group.

Two values are compared only when they describe the same thing: numbers that count the same
noun ("13 MiG-29 combat aircraft" vs "15 MiG-29 combat aircraft"), or that sit in the same
words ("Xi, 69," vs "Xi, 70,"); dates of the same granularity in the same place of the
sentence. "four MiG-29s from Poland" and "13 from Slovakia" count different things and are
left alone. A bound or estimate ("at least", "about"), a running total ("so far", "rose to")
or a subset ("10 active aircraft" of "13 aircraft") is reported as a scope difference, not
a contradiction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from manysides.compare.conflict_types import ClaimView, Conflict, Side, Token
from manysides.nlp.numbers import parse_value

APPROX = {
    "about", "around", "nearly", "almost", "roughly", "approximately", "some", "over", "more",
    "less", "fewer", "least", "most", "up", "just", "under", "estimated", "than", "upwards",
    "several", "maybe", "perhaps",
}  # fmt: skip
LOWER_BOUNDS = {"least", "more", "over", "upwards"}
UPPER_BOUNDS = {"most", "up", "under", "less", "fewer"}
"""'at least 4' and 'at least 6' (a toll that rose between two reports) do not contradict
each other; neither do two upper bounds."""
RUNNING = {"total", "far", "now", "rose", "risen", "climbed", "climbing", "toll", "earlier",
           "initially", "later", "updated", "increased", "reached", "latest", "previously"}  # fmt: skip
_NUMERIC = re.compile(r"^\d[\d,]*(?:\.\d+)?$")
_DIGITS = re.compile(r"\d+")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = {
    m: n + 1
    for n, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
         ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
         ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
         ("december", "dec")]
    )
    for m in names
}  # fmt: skip
_UNITS = {
    "day": "day", "week": "week", "month": "month", "year": "year", "hour": "hour",
    "minute": "minute", "second": "second", "decade": "decade",
}  # fmt: skip
ELAPSED = ("duration", "ago")
CALENDAR = ("weekday", "monthday", "month", "year", "time")
NEAR_COPY = 0.75
"""Two claims whose tokens match this much (difflib ratio) are one sentence re-edited."""
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6}


@dataclass(frozen=True, slots=True)
class Value:
    """A number or date found in a claim: where, what it is, and how it compares."""

    start: int
    end: int
    text: str
    kind: str
    value: object
    counted: str | None = None


def number_conflicts(a: ClaimView, b: ClaimView, fact: str | None) -> list[Conflict]:
    """Different figures for the same counted thing, or at the same place of two near-identical
    sentences (then whatever they count)."""
    left, right = _numbers(a), _numbers(b)
    if not _same_day(a, b):  # "3 days ago" on Monday is "4 days ago" on Tuesday
        left, right = [v for v in left if v.kind != "ago"], [v for v in right if v.kind != "ago"]
    aligned = aligned_numbers(a, b, left, right)
    found = [_number_conflict(a, x, b, y, False, fact) for x, y in aligned]
    used = {(v.start, v.end) for pair in aligned for v in pair}
    for x in _unmatched(left, right):
        for y in _unmatched(right, left):
            if (x.start, x.end) in used or (y.start, y.end) in used:
                continue
            same, subset = _same_counted(x, y)
            if x.kind != y.kind or not (same or subset or _same_context(a, x, b, y)):
                continue
            found.append(_number_conflict(a, x, b, y, subset, fact))
    return found


def date_conflicts(a: ClaimView, b: ClaimView, fact: str | None) -> list[Conflict]:
    """Different days, months, years or times for the same event."""
    relative_ok = _same_day(a, b)  # weekdays read differently from different days
    left, right = _dates(a), _dates(b)
    found: list[Conflict] = []
    for x in _unmatched(left, right):
        for y in _unmatched(right, left):
            if x.kind != y.kind or x.kind in ("other", *ELAPSED):
                continue
            if (x.kind == "weekday" and not relative_ok) or "vague" in x.kind:
                continue
            alone = _alone(left, right, x, y)
            if not (alone or _same_context(a, x, b, y)):
                continue
            found.append(_date_conflict(a, x, b, y, fact))
    return found


def aligned_numbers(
    a: ClaimView, b: ClaimView, left: list[Value], right: list[Value]
) -> list[tuple[Value, Value]]:
    """Numbers that replace one another, token for token, in two near-identical sentences
    ("between 43 degrees North" / "between 50 degrees North"): the same slot of the same
    sentence, so the same thing, whether or not a counted noun was found."""
    matcher = SequenceMatcher(None, [t.low for t in a.tokens], [t.low for t in b.tokens])
    if matcher.ratio() < NEAR_COPY:
        return []
    pairs = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "replace" or i2 - i1 != 1 or j2 - j1 != 1:
            continue
        x, y = _value_at(a, a.tokens[i1], left), _value_at(b, b.tokens[j1], right)
        if x is not None and y is not None and x.value != y.value:
            pairs.append((x, y))
        elif x is None and y is None and _same_shape(a, a.tokens[i1], b.tokens[j1]):
            pairs.append((_shaped(a.tokens[i1]), _shaped(b.tokens[j1])))
    return pairs


def _value_at(view: ClaimView, token: Token, values: list[Value]) -> Value | None:
    """The figure that ``token`` belongs to; a bare numeral outside a calendar date counts."""
    for value in values:
        if value.start <= token.start and token.end <= value.end:
            return value
    if not _NUMERIC.match(token.text) or _looks_like_year(token.text):
        return None
    if _calendar(view, token.start, token.end):
        return None  # a day, month, year or time: the date detector's
    return Value(token.start, token.end, token.text, "count", parse_value(token.text))


def _same_shape(view: ClaimView, x: Token, y: Token) -> bool:
    """Measures written with digits inside one word ("5'2" / "12'2", "3-1" / "4-1"): the same
    letters and marks, other digits. Dates and calendar-looking shapes ("12/5") are left alone."""
    shape = _DIGITS.sub("#", x.text)
    return (
        "#" in shape
        and shape != "#"
        and shape == _DIGITS.sub("#", y.text)
        and not _calendar(view, x.start, x.end)
        and x.text != y.text
        and not re.search(r"[/:]", shape)
        and not any(_looks_like_year(d) for d in _DIGITS.findall(x.text + " " + y.text))
    )


def _shaped(token: Token) -> Value:
    return Value(token.start, token.end, token.text, "count", token.text)


def _calendar(view: ClaimView, start: int, end: int) -> bool:
    spans = [m.span for m in view.mentions if m.label in ("DATE", "TIME")]
    spans += [d.span for d in view.dates]
    return any(
        s.start <= start and end <= s.end and parse_date(s.text)[0] in CALENDAR for s in spans
    )


def _same_day(a: ClaimView, b: ClaimView) -> bool:
    return not (a.published and b.published and a.published[:10] != b.published[:10])


def _numbers(view: ClaimView) -> list[Value]:
    """Counted numbers, durations inside DATE/TIME mentions ("an 11 hour flight"), and bare
    numerals the tagger missed; dates proper are left to the date detector."""
    durations = _durations(view)
    spans = [(m.span.start, m.span.end) for m in view.mentions if m.label in ("DATE", "TIME")]
    spans += [(d.span.start, d.span.end) for d in view.dates]
    dated = [r for r in spans if not any(r[0] <= v.start < r[1] for v in durations)]
    named = [(m.span.start, m.span.end) for m in view.mentions if m.label not in ("DATE", "TIME")]
    found = [
        Value(n.span.start, n.span.end, n.span.text, n.kind, n.value, _norm_counted(n.counted))
        for n in view.numbers
        if n.value is not None and not _inside(n.span.start, n.span.end, dated)
    ]
    found += [
        d for d in durations if not _inside(d.start, d.end, [(v.start, v.end) for v in found])
    ]
    covered = [(v.start, v.end) for v in found]
    for token in view.tokens:
        if not _NUMERIC.match(token.text) or _inside(token.start, token.end, covered + dated):
            continue
        if _inside(token.start, token.end, named) or _looks_like_year(token.text):
            continue
        found.append(Value(token.start, token.end, token.text, "count", parse_value(token.text)))
    return found


def _durations(view: ClaimView) -> list[Value]:
    """The number of a duration or an elapsed time ("11 hour", "three days", "13 years ago"),
    counting its unit: a figure, compared like other figures."""
    found = []
    for mention in view.mentions:
        kind = parse_date(mention.span.text)[0] if mention.label in ("DATE", "TIME") else ""
        if kind not in ELAPSED:
            continue
        for token in view.tokens:
            inside = mention.span.start <= token.start and token.end <= mention.span.end
            value = parse_value(token.text) if inside else None
            if value is not None:
                unit = _unit(mention.span.text)
                found.append(Value(token.start, token.end, token.text, _figure(kind), value, unit))
                break
    return found


def _figure(kind: str) -> str:
    """Durations are counts; "N units ago" is kept apart (it shifts with the publication day)."""
    return "ago" if kind == "ago" else "count"


def _unit(text: str) -> str | None:
    words = re.findall(r"[a-z]+", text.lower())
    return next((_UNITS[w.rstrip("s")] for w in words if w.rstrip("s") in _UNITS), None)


def _looks_like_year(text: str) -> bool:
    return len(text) == 4 and text.isdigit() and 1900 <= int(text) <= 2100


def _inside(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in ranges)


def _norm_counted(counted: str | None) -> str | None:
    if not counted:
        return None
    words = [w.lower().removesuffix("s") for w in re.findall(r"[\w-]+", counted)]
    return " ".join(words) or None


def _unmatched(values: list[Value], others: list[Value]) -> list[Value]:
    """Values the other claim does not repeat (equal values are agreement, not conflict;
    "two" and "2", "ten" and "10" are equal)."""
    other = {_comparable(o.value) for o in others}
    return [v for v in values if _comparable(v.value) not in other]


def _comparable(value: object) -> str:
    """A key under which equal numbers meet whatever their type (2 from "two", 2.0 from "2")."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return repr(float(value))
    return repr(value)


def _same_counted(x: Value, y: Value) -> tuple[bool, bool]:
    """(same thing counted, one counts a subset of the other: same head noun, more detail)."""
    if x.counted is None or y.counted is None:
        return False, False
    if x.counted == y.counted:
        return True, False
    xs, ys = x.counted.split(), y.counted.split()
    if xs[-1] != ys[-1]:
        return False, False
    return False, set(xs) < set(ys) or set(ys) < set(xs)


def _window(view: ClaimView, start: int, end: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Two words either side of a value, numbers masked (they may differ too)."""
    words = [t for t in view.tokens if t.text.isalnum() or t.text in ",."]
    before = [t.low for t in words if t.end <= start][-2:]
    after = [t.low for t in words if t.start >= end][:2]
    mask = tuple("#" if _NUMERIC.match(w) else w for w in before)
    return mask, tuple("#" if _NUMERIC.match(w) else w for w in after)


def _same_context(a: ClaimView, x: Value, b: ClaimView, y: Value) -> bool:
    before_a, after_a = _window(a, x.start, x.end)
    before_b, after_b = _window(b, y.start, y.end)
    if len(before_a) + len(after_a) < 2:
        return False
    return before_a == before_b and after_a == after_b


def _markers(view: ClaimView, value: Value, words: set[str]) -> set[str]:
    """Marker words in the three tokens before the value or inside it (the tagger often
    takes "At least four" as one number)."""
    before = [t.low for t in view.tokens if t.end <= value.start][-3:]
    inside = [t.low for t in view.tokens if value.start <= t.start and t.end <= value.end]
    return {w for w in before + inside if w in words}


def _running(view: ClaimView) -> set[str]:
    return {t.low for t in view.tokens if t.low in RUNNING}


def _number_conflict(
    a: ClaimView, x: Value, b: ClaimView, y: Value, subset: bool, fact: str | None
) -> Conflict:
    what = x.counted or y.counted
    thing = f" for “{what}”" if what else ""
    marks_a, marks_b = _markers(a, x, APPROX), _markers(b, y, APPROX)
    approx = marks_a != marks_b
    running = _running(a) != _running(b)
    same_bound = any(marks_a & bound and marks_b & bound for bound in (LOWER_BOUNDS, UPPER_BOUNDS))
    if subset:
        scope, note = "scope", " — one counts a subset of the other (scope, not a contradiction)"
    elif same_bound:
        scope, note = "scope", " — both are bounds of the same side, which do not contradict"
    elif approx:
        scope, note = (
            "scope",
            " — one figure is an estimate or a bound (scope, not a contradiction)",
        )
    elif running:
        scope, note = (
            "scope",
            " — a running total vs an earlier figure (scope, not a contradiction)",
        )
    else:
        scope, note = "contradiction", ""
    return Conflict(
        "number",
        scope == "contradiction",
        f"Different figures{thing}: {x.text} vs {y.text}{note}.",
        [_side(a, x), _side(b, y)],
        "contradiction" if scope == "contradiction" else "scope",
        fact=fact,
        subject=what,
        key=("number", fact or "", *sorted((x.text.lower(), y.text.lower()))),
    )


def _side(view: ClaimView, value: Value) -> Side:
    return Side(value.text, view.outlet, view.cite(value.start, value.end), view.span)


def _dates(view: ClaimView) -> list[Value]:
    """Resolved dates from the dates stage when it ran (relative ones read against the
    publication date), then spaCy DATE/TIME mentions it did not cover, read by `parse_date`."""
    found = []
    kind: str
    value: object
    for expression in view.dates:
        span = expression.span
        kind, value = parse_date(span.text)
        if kind in ELAPSED:
            pass  # "13 years ago": its number is compared as a figure (`_durations`)
        elif expression.resolved and expression.value and expression.granularity != "vague":
            kind, value = f"resolved-{expression.granularity}", expression.value
        found.append(Value(span.start, span.end, span.text, kind, value))
    covered = [(v.start, v.end) for v in found]
    for mention in view.mentions:
        start, end = mention.span.start, mention.span.end
        if mention.label not in ("DATE", "TIME") or _overlaps_any(start, end, covered):
            continue
        kind, value = parse_date(mention.span.text)
        found.append(Value(start, end, mention.span.text, kind, value))
    return found


def _overlaps_any(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in ranges)


def parse_date(text: str) -> tuple[str, object]:
    """A comparable reading of a date expression: (granularity, value)."""
    low = text.lower().replace(".", "")
    words = re.findall(r"[a-z]+|\d+", low)
    days = tuple(d for d in _WEEKDAYS if d in words)
    if days:
        return "weekday", days
    month = next((_MONTHS[w] for w in words if w in _MONTHS), None)
    numbers = [int(w) for w in words if w.isdigit()]
    years = [n for n in numbers if 1000 <= n <= 2100]
    day = next((n for n in numbers if 1 <= n <= 31), None)
    if month is not None:
        return ("monthday", (month, day, years[:1])) if day else ("month", (month, years[:1]))
    if years and len(words) <= 3:
        return "year", tuple(years)
    unit = _unit(low)
    amount = next((v for w in words if (v := parse_value(w)) is not None), None)
    if unit and amount is not None:
        return ("ago", (amount, unit)) if "ago" in words else ("duration", (amount, unit))
    if re.search(r"\d+(?::\d+)?\s*(?:am|pm)\b", low):
        return "time", re.sub(r"\s+", "", low)
    return "other", low


def _alone(left: list[Value], right: list[Value], x: Value, y: Value) -> bool:
    """Each claim has exactly one date of this granularity: they date the same event."""
    return sum(v.kind == x.kind for v in left) == 1 and sum(v.kind == y.kind for v in right) == 1


def _date_conflict(a: ClaimView, x: Value, b: ClaimView, y: Value, fact: str | None) -> Conflict:
    return Conflict(
        "date",
        True,
        f"Different dates for the same event: {_dated(x)} vs {_dated(y)}.",
        [_side(a, x), _side(b, y)],
        "contradiction",
        fact=fact,
        key=("date", fact or "", *sorted((x.text.lower(), y.text.lower()))),
    )


def _dated(value: Value) -> str:
    """The words and, when the dates stage resolved them, the date they mean: "Sunday" vs
    "Sunday" says nothing, "Sunday" (2016-11-13) vs "Sunday" (2016-11-06) does."""
    resolved = value.kind.startswith("resolved-")
    return f"“{value.text}” ({value.value})" if resolved else f"“{value.text}”"


def token_values(tokens: tuple[Token, ...]) -> list[str]:
    """Numeric tokens of a token run (used to leave number edits to the number detector)."""
    return [t.text for t in tokens if _NUMERIC.match(t.text) or t.low in _ORDINALS]
