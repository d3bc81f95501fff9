"""Numbers with what they count: "13 MiG-29 combat aircraft" -> 13, "MiG-29 combat aircraft"."""

from __future__ import annotations

import re
from typing import Any

_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "hundred": 100,
}  # fmt: skip
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "mn": 1e6, "bn": 1e9}
_NUMERIC = re.compile(r"^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^-?\d+(?:\.\d+)?$")
_NUMBER_LABELS = {"CARDINAL", "MONEY", "PERCENT", "QUANTITY"}


def parse_value(text: str) -> float | None:
    """The numeric value of a number phrase, or None when it is vague ("tens of billions")."""
    words = text.lower().replace("$", " ").replace("%", " ").replace("-", " ").split()
    if any(w in ("tens", "hundreds", "thousands", "millions", "billions", "dozens") for w in words):
        return None
    value: float | None = None
    for word in words:
        if _NUMERIC.match(word):
            value = float(word.replace(",", ""))
        elif word in _WORDS:
            value = (value or 0) + _WORDS[word] if _WORDS[word] < 100 else (value or 1) * 100
        elif word in _SCALES and value is not None:
            value *= _SCALES[word]
    return value


def counted_phrase(tokens: Any) -> str | None:
    """What a number counts: the noun it modifies, with its compounds, or the object of 'of'."""
    last = tokens[-1]
    head = last.head
    if (
        last.dep_ in ("nummod", "quantmod", "compound", "amod")
        and head.i > last.i
        and head.i - last.i <= 6
    ):
        end = _chunk_end(head)
        return str(last.doc[last.i + 1 : end + 1].text).lstrip("- ") or None
    for child in last.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                obj = objects[0]
                start = min(t.i for t in obj.subtree)
                start = max(start, child.i + 1)
                words = [
                    t for t in obj.doc[start : obj.i + 1] if t.dep_ != "poss" and t.pos_ != "DET"
                ]
                return " ".join(t.text for t in words) or None
    return None


def _chunk_end(token: Any) -> int:
    """Index of the last token of the noun chunk holding ``token`` ("four MiG-29 fighter jets")."""
    for chunk in token.doc.noun_chunks:
        if chunk.start <= token.i < chunk.end:
            return int(chunk.end - 1)
    return int(token.i)


def is_idiom(text: str, end: int) -> bool:
    """Number words inside idioms are not numbers: "one-on-one", "one-to-one"."""
    return bool(re.match(r"-(?:on|to|by)-", text[end : end + 4]))


def number_kind(label: str | None) -> str:
    return {"MONEY": "money", "PERCENT": "percent", "QUANTITY": "quantity"}.get(
        label or "", "count"
    )


def is_number_label(label: str) -> bool:
    return label in _NUMBER_LABELS
