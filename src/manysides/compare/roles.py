"""The titles and roles outlets give people, and when two of them disagree.

A role is read from three shapes around a person's name: a title before it ("Chinese leader
Qin Gang"), an apposition before it ("China's foreign minister, Qin Gang,") and one after it
("Ja-Ian Chong, an assistant professor at ..."). Two roles conflict when their head titles
differ (minister vs leader) or their rank differs (president vs vice president); a role that
only adds detail ("minister" vs "foreign minister") does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TITLES = {
    "president", "minister", "secretary", "spokesman", "spokeswoman", "spokesperson",
    "leader", "chancellor", "premier", "senator", "governor", "king", "queen", "prince",
    "princess", "general", "professor", "ambassador", "mayor", "chief", "envoy", "director",
    "chairman", "chairwoman", "chair", "head", "counterpart", "emperor", "pope", "bishop",
    "cardinal", "judge", "justice", "attorney", "prosecutor", "commissioner", "ceo", "founder",
    "officer", "commander", "admiral", "colonel", "captain", "lieutenant", "sergeant",
    "sheriff", "coach", "manager", "owner", "editor", "correspondent", "analyst", "economist",
    "adviser", "advisor", "aide", "official", "lawmaker", "congressman", "congresswoman",
    "representative", "speaker", "candidate", "nominee", "diplomat", "inspector", "dean",
    "principal", "superintendent", "treasurer", "executive", "monarch", "dictator",
    "spokespeople", "deputy", "vice",
}  # fmt: skip
MODIFIERS = {
    "foreign", "defense", "defence", "interior", "finance", "justice", "health", "education",
    "trade", "former", "deputy", "vice", "acting", "assistant", "associate", "senior", "top",
    "prime", "press", "national", "security", "general", "state", "junior", "interim",
    "opposition", "presidential", "party", "military", "army", "police", "federal", "regional",
    "district", "economy", "energy", "environment", "labor", "labour", "transport", "home",
    "culture", "agriculture", "development", "communications", "white", "house", "supreme",
    "court", "executive", "managing", "chief", "head", "co", "ex", "lead",
}  # fmt: skip
RANK = {"vice", "deputy", "former", "ex", "acting", "assistant", "associate", "interim", "co"}
GENERIC = {"leader", "official", "head", "chief", "executive", "counterpart"}
SYNONYMS = {
    "spokeswoman": "spokesman", "spokesperson": "spokesman", "spokespeople": "spokesman",
    "advisor": "adviser", "chairwoman": "chairman", "chair": "chairman",
    "congresswoman": "congressman", "defence": "defense", "labour": "labor",
}  # fmt: skip
_STOP = {
    "the", "a", "an", "his", "her", "their", "its", "but", "and", "or", "on", "in", "at", "as",
    "when", "while", "after", "before", "then", "so", "yet", "if", "said", "says", "told",
    "by", "with", "for", "from", "to", "of", "that", "this", "who", "which",
}  # fmt: skip
_DETERMINER = re.compile(r"(?:the|a|an|his|her|their|its)\s+", re.I)
_WORD = re.compile(r"[A-Za-z][\w'’.-]*")
_OF_AFTER = re.compile(r" of (?:the )?(?:[A-Z][\w'’.-]*|state|defen[cs]e)(?: [A-Z][\w'’.-]*){0,2}")
_BREAK_AFTER = re.compile(r"\s*(?:[,.;:)]|\s(?:of|at|for|in|to|from|with|on)\s)")


@dataclass(frozen=True, slots=True)
class Role:
    """A title phrase given to a person, where it sits, and its comparable core."""

    phrase: str
    start: int  # start of the cited span (title + name, or name + title)
    end: int
    head: str
    modifiers: frozenset[str]

    @property
    def rank(self) -> frozenset[str]:
        return self.modifiers & RANK


def role_at(text: str, start: int, end: int) -> Role | None:
    """The role given to the name at ``text[start:end]``, or None when it has none."""
    found = _prefix(text, start)
    if found is None and text[max(0, start - 2) : start] == ", " and _closes(text, end):
        found = _words_back(text, start - 2, require_title_last=True)
    if found is not None:
        phrase_start, phrase_end = found
        return _role(text[phrase_start:phrase_end], phrase_start, end)
    after = _apposition_after(text, end)
    if after is not None:
        phrase_start, phrase_end = after
        return _role(text[phrase_start:phrase_end], start, phrase_end)
    return None


def compatible(a: Role, b: Role) -> bool:
    """Same role, or one only more specific ("minister" and "foreign minister")."""
    if a.head != b.head or a.rank != b.rank:
        return False
    extra_a, extra_b = a.modifiers - RANK, b.modifiers - RANK
    return extra_a <= extra_b or extra_b <= extra_a


def _role(phrase: str, start: int, end: int) -> Role | None:
    words = [_norm(w) for w in _WORD.findall(phrase)]
    titles = [w for w in words if w in TITLES and w not in RANK]
    if not titles:
        return None
    head = titles[-1]
    modifiers = frozenset(w for w in words if w in MODIFIERS and w != head)
    return Role(phrase, start, end, head, modifiers)


def _norm(word: str) -> str:
    low = word.lower().removesuffix("'s").removesuffix("’s").rstrip(".")
    low = SYNONYMS.get(low, low)
    return "ex" if low.startswith("ex-") else low


def _prefix(text: str, start: int) -> tuple[int, int] | None:
    """A title directly before the name: "Kremlin spokesman " before "Dmitry Peskov"."""
    if text[start - 1 : start] != " ":
        return None
    return _words_back(text, start - 1, require_title_last=True)


def _words_back(
    text: str, stop: int, *, require_title_last: bool, seen: bool = False
) -> tuple[int, int] | None:
    """The title phrase ending at ``stop``: title words, modifiers, capitalized words and
    possessives ("China's foreign minister"), joined by single spaces; a title "of" a
    department ("U.S. Secretary of State") included."""
    of = _TITLE_OF.search(text, max(0, stop - 80), stop)
    if of is not None and _norm(of.group(1)) in TITLES and not seen:
        before = _words_back(text, of.start() - 1, require_title_last=False, seen=True)
        if text[of.start() - 1 : of.start()] == " " and before is not None:
            return before[0], stop
        return of.start(), stop
    window = text[max(0, stop - 80) : stop]
    base = max(0, stop - 80)
    words = list(_WORD.finditer(window))
    begin, seen_title = stop, seen
    for n, match in enumerate(reversed(words)):
        if base + match.end() != (stop if n == 0 else begin - 1):
            break
        if n > 0 and text[begin - 1] != " ":
            break
        raw = match.group()
        word = _norm(raw)
        if n == 0 and require_title_last and word not in TITLES:
            return None
        if word in _STOP:
            break
        if not (word in TITLES or word in MODIFIERS or raw[0].isupper()):
            break
        seen_title = seen_title or word in TITLES
        begin = base + match.start()
    return (begin, stop) if seen_title and begin < stop else None


_TITLE_OF = re.compile(
    r"\b([A-Za-z]+) of (?:the )?[A-Z][\w'’.-]*(?: (?:and |& )?[A-Z][\w'’.-]*){0,3}$"
)
"""A title and its department before a name: "Secretary of State", "Minister of Foreign
Affairs", "Head of the Central Bank"."""


def _closes(text: str, end: int) -> bool:
    return text[end : end + 1] in (",", ".", ";", ")") or text[end : end + 2] == "'s"


def _apposition_after(text: str, end: int) -> tuple[int, int] | None:
    """ "NAME, an assistant professor at ..." -> the span of "an assistant professor"."""
    if text[end : end + 2] != ", ":
        return None
    start = end + 2
    determiner = _DETERMINER.match(text, start)
    cursor = determiner.end() if determiner else start
    last_title = None
    for match in _WORD.finditer(text, cursor, min(len(text), cursor + 60)):
        if match.start() != cursor:
            break
        raw, word = match.group(), _norm(match.group())
        if word in _STOP or not (word in TITLES or word in MODIFIERS or raw[0].isupper()):
            break
        if word in TITLES:
            last_title = match.end()
        cursor = match.end() + 1
    if last_title is None:
        return None
    department = _OF_AFTER.match(text, last_title)
    if department is not None and text[department.end() : department.end() + 1] in ",.;:)":
        return (start, department.end())  # "the secretary of state,"
    return (start, last_title) if _BREAK_AFTER.match(text, last_title) else None
