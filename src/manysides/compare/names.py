"""Name normalization and matching rules used by entity resolution."""

from __future__ import annotations

import re

from anyascii import anyascii
from rapidfuzz.distance import JaroWinkler

TITLE_WORDS = {
    "president", "minister", "prime", "foreign", "defense", "defence", "spokesman",
    "spokeswoman", "spokesperson", "leader", "chancellor", "premier", "secretary", "senator",
    "governor", "king", "queen", "general", "professor", "ambassador", "mayor", "chief",
    "envoy", "director", "chairman", "head", "deputy", "vice", "state", "counterpart",
}  # fmt: skip
_LEADING = re.compile(r"^(?:the|a|an)\s+", re.I)
_POSSESSIVE = re.compile(r"\s?(?:'s|')$")
_NAME_TOKEN = re.compile(r"[\s-]+")
AGENCIES = {"reuters", "ap", "afp", "xinhua", "tass", "upi", "bloomberg", "dpa"}
MAX_TITLE_WORDS = 5


def clean_surface(text: str) -> str:
    """Surface form without a leading article or trailing possessive."""
    return _POSSESSIVE.sub("", _LEADING.sub("", text.strip())).strip()


def fold(text: str) -> str:
    """Lowercase ASCII folding for comparisons ("Zelenskyy" and "Zelenskyy" with accents)."""
    return anyascii(text).lower().replace(".", "")


def name_tokens(name: str) -> list[str]:
    """Tokens of a name for matching: "Kim Jong-un" and "Kim Jong Un" give the same three."""
    return [t for t in _NAME_TOKEN.split(name) if t]


def same_person_name(a: list[str], b: list[str]) -> bool:
    """Two multi-word names of one person: same surname, and first names equal or close
    transliterations ("Dmytro"/"Dmitry"), or one is an initial."""
    if fold(a[-1]) != fold(b[-1]) and JaroWinkler.similarity(fold(a[-1]), fold(b[-1])) < 0.92:
        return False
    first_a, first_b = fold(a[0]), fold(b[0])
    if first_a == first_b or (len(first_a) == 1 and first_b.startswith(first_a)):
        return True
    if len(first_b) == 1 and first_a.startswith(first_b):
        return True
    return first_a[:2] == first_b[:2] and JaroWinkler.similarity(first_a, first_b) >= 0.78


def initials(text: str) -> str:
    return "".join(w[0] for w in text.split() if w[:1].isupper())


def title_before(text: str, start: int) -> int:
    """Start of a title phrase right before a name ("Kremlin spokesman ", "Chinese President "),
    or ``start`` when there is none."""
    words = list(re.finditer(r"[A-Za-z][\w'-]*", text[max(0, start - 60) : start]))
    base = max(0, start - 60)
    begin = start
    saw_title = False
    for taken, match in enumerate(reversed(words)):
        if base + match.end() not in (begin - 1, begin) or taken >= MAX_TITLE_WORDS:
            break
        word = match.group().lower().removesuffix("'s")
        if word in AGENCIES:
            break
        if word in TITLE_WORDS:
            saw_title = True
        elif not (saw_title and (match.group()[0].isupper() or word == "of")):
            break
        begin = base + match.start()
    if saw_title and text[begin:start].lower().startswith("of "):
        begin += 3
    return begin if saw_title else start
