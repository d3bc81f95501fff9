"""Calendar arithmetic for date expressions: one function per kind of expression.

Each takes the regex match, the anchor (publication day, or None) and the tense of the
governing verb, and returns a `Resolved` value. Weeks run Monday to Sunday (ISO).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from dateutil.relativedelta import relativedelta

from manysides.model import DateGranularity

Tense = Literal["past", "future", "present"] | None
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Resolved:
    """A value (None when relative and unanchored), its days, and what it meant."""

    value: str | None
    granularity: DateGranularity
    relation: str
    relative: bool
    first: date | None = None
    last: date | None = None


def resolve_match(
    kind: str, match: re.Match[str], anchor: date | None, tense: Tense
) -> Resolved | None:
    """Dispatch on the pattern kind; None when the match is not a usable date after all."""
    groups = [g.lower() if g else "" for g in match.groups()]
    if kind in ("full_date", "day_month_year"):
        month, day, year = (groups[0], groups[1], groups[2]) if kind == "full_date" else (
            groups[1], groups[0], groups[2])  # fmt: skip
        return _absolute_day(int(year), month_number(month), int(day))
    if kind == "month_year":
        return month_value(int(groups[1]), month_number(groups[0]), relative=False)
    if kind == "year":
        year = int(groups[0])
        return Resolved(str(year), "year", "absolute", False, date(year, 1, 1), date(year, 12, 31))
    handler = _RELATIVE.get(kind)
    return handler(groups, anchor, tense) if handler else None


def month_number(name: str) -> int:
    return MONTHS.index(name.lower()[:3]) + 1


def weekday_number(name: str) -> int:
    return WEEKDAYS.index(name.lower())


def day_value(day: date, relation: str) -> Resolved:
    return Resolved(day.isoformat(), "day", relation, True, day, day)


def interval_value(
    first: date, last: date, relation: str, granularity: DateGranularity
) -> Resolved:
    value = f"{first.isoformat()}/{last.isoformat()}"
    return Resolved(value, granularity, relation, True, first, last)


def month_value(
    year: int, month: int, relative: bool = True, relation: str = "absolute"
) -> Resolved:
    first = date(year, month, 1)
    last = first + relativedelta(months=1) - timedelta(days=1)
    return Resolved(f"{year:04d}-{month:02d}", "month", relation, relative, first, last)


def _absolute_day(year: int, month: int, day: int) -> Resolved | None:
    try:
        value = date(year, month, day)
    except ValueError:
        return None
    return Resolved(value.isoformat(), "day", "absolute", False, value, value)


def _unanchored(relation: str, granularity: DateGranularity) -> Resolved:
    return Resolved(None, granularity, relation, True)


def weekday_near(anchor: date, weekday: int, direction: str) -> date:
    """The weekday nearest the anchor in ``direction``: 'past' (on or before the anchor, the
    anchor itself only when ``same``), 'future', or 'same' (anchor if it matches, else past)."""
    delta = (anchor.weekday() - weekday) % 7
    if direction == "future":
        return anchor + timedelta(days=(weekday - anchor.weekday()) % 7 or 7)
    if direction == "same" and delta == 0:
        return anchor
    return anchor - timedelta(days=delta or 7)


def _direction(modifier: str, tense: Tense) -> str:
    """Which way a weekday points: stated ("next", "last"), else by tense, leaning past as
    news mostly reports what happened (and the publication day itself when it matches)."""
    if modifier in ("next", "coming"):
        return "future"
    if modifier in ("last", "past"):
        return "past"
    if tense in ("future", "present"):
        return "future"
    return "same"


def _weekday(groups: list[str], anchor: date | None, tense: Tense, modifier: str = "") -> Resolved:
    weekday = weekday_number(groups[0])
    direction = _direction(modifier, tense)
    name = groups[0].capitalize()
    relation = f"{name} (coming)" if direction == "future" else f"{name} (past or same day)"
    if anchor is None:
        return _unanchored(relation, "day")
    if direction == "future" and anchor.weekday() == weekday and tense == "present":
        return day_value(anchor, f"{name} (publication day)")
    day = weekday_near(anchor, weekday, direction)
    return day_value(day, f"{name} (publication day)" if day == anchor else relation)


def _weekday_range(groups: list[str], anchor: date | None, tense: Tense) -> Resolved:
    relation = f"{groups[0].capitalize()} to {groups[1].capitalize()} ({tense or 'past'})"
    if anchor is None:
        return _unanchored(relation, "interval")
    first = _weekday(groups[:1], anchor, tense).first or anchor
    last = first + timedelta(days=(weekday_number(groups[1]) - first.weekday()) % 7)
    return interval_value(first, last, relation, "interval")


def _ago(groups: list[str], anchor: date | None, _tense: Tense) -> Resolved:
    count = int(groups[0]) if groups[0].isdigit() else NUMBER_WORDS.get(groups[0], 1)
    unit = groups[1]
    relation = f"-{count} {unit}{'s' if count != 1 else ''}"
    granularity: DateGranularity = "day" if unit == "day" else unit  # type: ignore[assignment]
    if anchor is None:
        return _unanchored(relation, granularity)
    if unit == "day":
        return day_value(anchor - timedelta(days=count), relation)
    if unit == "week":
        return _week(anchor - timedelta(weeks=count), relation)
    if unit == "month":
        moved = anchor - relativedelta(months=count)
        return month_value(moved.year, moved.month, relation=relation)
    return _year(anchor.year - count, relation)


def _week(day: date, relation: str) -> Resolved:
    monday = day - timedelta(days=day.weekday())
    return interval_value(monday, monday + timedelta(days=6), relation, "week")


def _year(year: int, relation: str) -> Resolved:
    return Resolved(str(year), "year", relation, True, date(year, 1, 1), date(year, 12, 31))


def _modified(groups: list[str], anchor: date | None, tense: Tense) -> Resolved:
    modifier, unit = groups[0], groups[1]
    step = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(modifier, 0)
    relation = f"{modifier} {unit}"
    if unit in WEEKDAYS:
        return _weekday([unit], anchor, tense, modifier)
    if unit[:3] in MONTHS and unit not in ("week", "weekend", "month", "year"):
        return _month([unit], anchor, "past" if step < 0 else "future" if step > 0 else tense)
    granularity: DateGranularity = "week" if unit == "weekend" else unit  # type: ignore[assignment]
    if anchor is None:
        return _unanchored(relation, granularity)
    if unit in ("week", "weekend"):
        base = _week(anchor + timedelta(weeks=step), relation)
        if unit == "weekend" and base.first:
            saturday = base.first + timedelta(days=5)
            return interval_value(saturday, saturday + timedelta(days=1), relation, "interval")
        return base
    if unit == "month":
        moved = anchor + relativedelta(months=step)
        return month_value(moved.year, moved.month, relation=relation)
    return _year(anchor.year + step, relation)


def _month(groups: list[str], anchor: date | None, tense: Tense) -> Resolved:
    """A month named without a year: this year's, or the nearest one the tense points to."""
    month = month_number(groups[0])
    relation = f"{tense or 'past'} {groups[0].capitalize()}"
    if anchor is None:
        return _unanchored(relation, "month")
    year = anchor.year
    if tense == "future" and month < anchor.month:
        year += 1
    elif tense != "future" and month > anchor.month:
        year -= 1
    return month_value(year, month, relation=relation)


def _month_day(groups: list[str], anchor: date | None, tense: Tense) -> Resolved | None:
    month, day = month_number(groups[0]), int(groups[1])
    if not 1 <= day <= 31:
        return None
    shell = _month(groups[:1], anchor, tense)
    if shell.first is None:
        return _unanchored(f"{groups[0].capitalize()} {day}", "day")
    try:
        value = date(shell.first.year, month, day)
    except ValueError:
        return None
    return day_value(value, f"{groups[0].capitalize()} {day}")


def _deictic(groups: list[str], anchor: date | None, _tense: Tense) -> Resolved:
    word = groups[0]
    shift = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(word, 0)
    if anchor is None:
        return _unanchored(word, "day")
    return day_value(anchor + timedelta(days=shift), word)


_RELATIVE = {
    "weekday": _weekday,
    "weekday_range": _weekday_range,
    "ago": _ago,
    "modified": _modified,
    "month": _month,
    "month_day": _month_day,
    "deictic": _deictic,
}
