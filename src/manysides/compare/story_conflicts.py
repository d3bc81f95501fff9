"""Conflicts read across the whole story rather than inside one fact group.

- ``role``: a person whose titles in one outlet are all incompatible with the titles another
  outlet gives them (Qin Gang: "China's foreign minister" vs "Chinese leader").
- ``name``: one referent spelled differently (Dmytro/Dmitry Kuleba, Kyiv/Kiev), straight from
  the resolved entities' spelling variants; always a variant, never a contradiction.
- ``number`` (scope): the time since one event given in different but compatible words
  ("just over a year after Russia invaded Ukraine" / "the Ukraine war, now in its second
  year"), wherever the two sentences are.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from rapidfuzz.distance import JaroWinkler

from manysides.compare.conflict_types import Conflict, Side
from manysides.compare.names import clean_surface, fold
from manysides.compare.roles import GENERIC, Role, compatible, role_at
from manysides.model import Article, Comparison, Entity, Mention, Span
from manysides.nlp.numbers import parse_value

MentionKey = tuple[str, int, int]
SPELLING = 0.7
"""Spellings this close (Jaro-Winkler) are variants; "America" for "United States" is an alias."""


def entity_index(comparison: Comparison) -> dict[MentionKey, str]:
    """Mention -> entity id. Variant spans may start earlier (a title), never end elsewhere."""
    by_end: dict[tuple[str, int], str] = {}
    for entity in comparison.entities:
        for variant in entity.variants:
            for span in variant.spans:
                by_end[(span.article, span.end)] = entity.id
    found: dict[MentionKey, str] = {}
    for item in comparison.annotated:
        for mention in item.mentions:
            entity_id = by_end.get((mention.span.article, mention.span.end))
            if entity_id is not None:
                found[(mention.span.article, mention.span.start, mention.span.end)] = entity_id
    return found


def person_roles(
    comparison: Comparison, index: dict[MentionKey, str]
) -> dict[str, list[tuple[str, Role, Mention]]]:
    """Per person entity: (outlet, role, mention) for every mention that carries a title."""
    people = {e.id for e in comparison.entities if e.type == "PERSON"}
    found: dict[str, list[tuple[str, Role, Mention]]] = defaultdict(list)
    for item in comparison.annotated:
        text = item.article.text
        for mention in item.mentions:
            entity_id = index.get((mention.span.article, mention.span.start, mention.span.end))
            if entity_id not in people or entity_id is None:
                continue
            role = role_at(text, mention.span.start, mention.span.end)
            if role is not None:
                found[entity_id].append((item.article.outlet, role, mention))
    return found


def roles_conflict(a: Role, b: Role, co_used: set[frozenset[str]]) -> bool:
    """Incompatible roles, unless a generic one ("leader") is used beside the other by one
    outlet for the same person (then the outlet itself treats them as one role)."""
    if compatible(a, b):
        return False
    generic = a.head in GENERIC or b.head in GENERIC
    return not (generic and frozenset((a.head, b.head)) in co_used)


def co_used_heads(roles: Iterable[tuple[str, Role, Mention]]) -> set[frozenset[str]]:
    per_outlet: dict[str, set[str]] = defaultdict(set)
    for outlet, role, _mention in roles:
        per_outlet[outlet].add(role.head)
    return {frozenset((x, y)) for heads in per_outlet.values() for x in heads for y in heads}


def role_conflicts(comparison: Comparison, index: dict[MentionKey, str]) -> list[Conflict]:
    """A person titled incompatibly by two outlets, across the whole story."""
    names = {e.id: e.name for e in comparison.entities}
    found: list[Conflict] = []
    for entity_id, roles in person_roles(comparison, index).items():
        co_used = co_used_heads(roles)
        by_outlet: dict[str, list[tuple[Role, Mention]]] = defaultdict(list)
        for outlet, role, mention in roles:
            by_outlet[outlet].append((role, mention))
        outlets = list(by_outlet)
        clash = [
            (x, y)
            for n, x in enumerate(outlets)
            for y in outlets[n + 1 :]
            if all(roles_conflict(a, b, co_used) for a, _ in by_outlet[x] for b, _ in by_outlet[y])
        ]
        if clash:
            involved = list(dict.fromkeys(o for pair in clash for o in pair))
            sides = _role_sides(comparison, {o: by_outlet[o] for o in involved})
            found.append(role_conflict(names[entity_id], entity_id, sides))
    return found


def role_conflict(name: str, entity_id: str, sides: list[Side]) -> Conflict:
    values = " vs ".join(f"“{v}”" for v in dict.fromkeys(s.value for s in sides))
    return Conflict(
        "role",
        True,
        f"{name} is given different roles: {values}.",
        sides,
        "contradiction",
        subject=name,
        key=("role", entity_id, *sorted({fold(s.value) for s in sides})),
    )


def _role_sides(
    comparison: Comparison, by_outlet: dict[str, list[tuple[Role, Mention]]]
) -> list[Side]:
    sides: list[Side] = []
    for outlet, roles in by_outlet.items():
        seen: set[tuple[str, frozenset[str]]] = set()
        for role, mention in roles:
            if (role.head, role.modifiers) in seen:
                continue
            seen.add((role.head, role.modifiers))
            article = comparison.article(mention.span.article)
            sides.append(Side(role.phrase, outlet, article.span(role.start, role.end)))
    return sides


def name_variants(comparison: Comparison, index: dict[MentionKey, str]) -> list[Conflict]:
    """Entities whose spelling differs between outlets (kind ``name``, never a contradiction)."""
    found: list[Conflict] = []
    for entity in comparison.entities:
        spellings = _spellings(entity)
        if len(spellings) < 2:
            continue
        sides = _spelling_sides(comparison, entity, index, spellings)
        if not _outlets_differ(sides):
            continue
        shown = " / ".join(f"“{v}”" for v in dict.fromkeys(s.value for s in sides))
        found.append(
            Conflict(
                "name",
                False,
                f"Same {_what(entity)} spelled differently: {shown} (a spelling variant, "
                "not a contradiction).",
                sides,
                "variant",
                subject=entity.name,
                key=("name", *sorted(spellings)),
            )
        )
    return found


def _outlets_differ(sides: list[Side]) -> bool:
    """Two spellings at least, not used by the same outlets (one writes "Kiev" where the other
    only ever writes "Kyiv")."""
    used: dict[str, set[str]] = defaultdict(set)
    for side in sides:
        used[fold(side.value)].add(side.outlet)
    return len(used) >= 2 and len({frozenset(o) for o in used.values()}) >= 2


def _what(entity: Entity) -> str:
    return {"PERSON": "person", "GPE": "place", "LOC": "place"}.get(entity.type, "name")


def _spellings(entity: Entity) -> set[str]:
    """Folded spellings: the entity's name and each of its spelling variants."""
    name = fold(entity.name)
    spelled = {
        core
        for v in entity.variants
        if v.kind.startswith("spelling variant")
        and JaroWinkler.similarity(core := fold(clean_surface(v.text)), name) >= SPELLING
        and _without_initials(core) != _without_initials(name)
    }
    return spelled | {name} if spelled else set()


def _without_initials(name: str) -> str:
    """ "donald j. trump" -> "donald trump": a middle initial is not another spelling."""
    return " ".join(w for w in name.split() if len(w.rstrip(".")) > 1)


def _spelling_sides(
    comparison: Comparison, entity: Entity, index: dict[MentionKey, str], spellings: set[str]
) -> list[Side]:
    """First mention of each spelling in each outlet, cited without any title."""
    sides: list[Side] = []
    seen: set[tuple[str, str]] = set()
    for item in comparison.annotated:
        for mention in item.mentions:
            key = (mention.span.article, mention.span.start, mention.span.end)
            if index.get(key) != entity.id:
                continue
            core = clean_surface(mention.span.text)
            folded = _matching(core, spellings)
            if folded is None or (item.article.outlet, folded) in seen:
                continue
            seen.add((item.article.outlet, folded))
            offset = mention.span.start + mention.span.text.find(core)
            span = item.article.span(offset, offset + len(core))
            sides.append(Side(core, item.article.outlet, span))
    return sides


def _matching(core: str, spellings: set[str]) -> str | None:
    folded = fold(core)
    if folded in spellings:
        return folded
    return next((s for s in spellings if s.endswith(" " + folded) and " " in folded), None)


# ---- elapsed time since an anchor event: "just over a year after the war began" ----

_QUAL = (
    r"(?:(?P<q>just over|just under|a little over|a little more than|slightly more than|"
    r"more than|less than|well over|nearly|almost|about|around|roughly|some|over|under)\s+)?"
)
_AMOUNT = r"(?P<n>\d+(?:\.\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|half an?)"
_UNIT = r"(?P<u>day|week|month|year|decade)"
_AFTER = re.compile(
    rf"\b{_QUAL}{_AMOUNT}[\s-]+{_UNIT}s?(?:-old|\s+(?:after|since|into|following))\s+"
    r"(?P<anchor>[^.;:!?\n]{3,80})",
    re.I,
)
_NTH = re.compile(
    r"\b(?:now\s+)?in\s+its\s+(?P<o>first|second|third|fourth|fifth|sixth|seventh|eighth|"
    rf"ninth|tenth|\d+(?:st|nd|rd|th))\s+{_UNIT}\b",
    re.I,
)
_MONTHS_IN = {"day": 1 / 30, "week": 7 / 30, "month": 1.0, "year": 12.0, "decade": 120.0}
_ORDINAL = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10,
}  # fmt: skip
EVENTS = {
    "war": "war", "invasion": "war", "invaded": "war", "conflict": "war", "fighting": "war",
    "offensive": "war", "pandemic": "pandemic", "outbreak": "pandemic", "election": "election",
    "elected": "election", "ceasefire": "ceasefire", "truce": "ceasefire", "siege": "siege",
    "occupation": "occupation", "crisis": "crisis", "protests": "protests", "strike": "strike",
    "lockdown": "lockdown", "earthquake": "earthquake", "coup": "coup", "shutdown": "shutdown",
    "presidency": "presidency", "revolution": "revolution", "uprising": "uprising",
}  # fmt: skip
"""Event words an elapsed time is counted from; an invasion and the war it began are one."""


@dataclass(frozen=True, slots=True)
class Elapsed:
    """An elapsed-time phrase, the event it counts from, and the months it allows."""

    outlet: str
    span: Span
    event: str
    names: frozenset[str]
    low: float
    high: float
    published: str | None = None


def elapsed_conflicts(comparison: Comparison) -> list[Conflict]:
    """Two outlets giving the time since the same event in compatible but different words
    ("just over a year" / "in its second year"): a scope difference, never a contradiction.
    Incompatible ones may count to different moments, so only aligned claims compare them."""
    found: list[Conflict] = []
    phrases = [e for a in comparison.articles for e in elapsed_phrases(a)]
    for n, x in enumerate(phrases):
        for y in phrases[n + 1 :]:
            if x.outlet == y.outlet or not _same_anchor(x, y) or _shared(x, y, phrases):
                continue
            shift = _months_between(x.published, y.published)  # y counted that much later
            if x.low < y.high - shift and y.low - shift < x.high:
                found.append(_elapsed_conflict(x, y))
    return found


def _months_between(first: str | None, second: str | None) -> float:
    """Months from the first publication day to the second (0 when either is unknown)."""
    if not first or not second:
        return 0.0
    try:
        return (date.fromisoformat(second[:10]) - date.fromisoformat(first[:10])).days / 30
    except ValueError:
        return 0.0


def elapsed_phrases(article: Article) -> list[Elapsed]:
    """Every elapsed-time phrase of the article with a recognizable event, in months counted
    back from the publication day."""
    text, found = article.text, []
    for m in _AFTER.finditer(text):
        low, high = _span_months(m.group("q"), m.group("n"), m.group("u"))
        found.append((m.start(), m.start("anchor"), low, high, m.group("anchor")[:60]))
    for m in _NTH.finditer(text):
        order = m.group("o").lower()
        k = _ORDINAL.get(order) or int(re.sub(r"\D", "", order))
        unit = _MONTHS_IN[m.group("u").lower()]
        before = re.split(r"[.!?;]\s", text[max(0, m.start() - 100) : m.start()])[-1]
        last = " ".join(re.findall(r"[A-Za-z][\w'’-]*", before)[-10:])  # "the Ukraine war, now"
        found.append((m.start(), m.end(), (k - 1) * unit, k * unit, last))
    result = []
    for start, end, low, high, anchor in found:
        words = re.findall(r"[A-Za-z][\w'’-]*", anchor)
        events = [EVENTS[w] for w in (_bare(x).lower() for x in words[:10]) if w in EVENTS]
        if not events:
            continue
        names = frozenset(fold(_bare(w)) for w in words if w[0].isupper())
        span = article.span(start, start + len(text[start:end].rstrip()))
        result.append(
            Elapsed(article.outlet, span, events[-1], names, low, high, article.published)
        )
    return result


def _bare(word: str) -> str:
    return word.removesuffix("'s").removesuffix("’s")


def _span_months(qualifier: str | None, amount: str, unit: str) -> tuple[float, float]:
    low = amount.lower()
    n = 0.5 if low.startswith("half") else 1.0 if low in ("a", "an") else parse_value(low) or 1
    size, q = _MONTHS_IN[unit.lower()], (qualifier or "").lower()
    if q in ("more than", "over", "well over"):
        return n * size, (n + max(1.0, n)) * size
    if q in ("less than", "under"):
        return 0.0, n * size
    if q in ("nearly", "almost", "just under"):
        return (n - min(0.5, n / 4)) * size, n * size
    if q in ("about", "around", "roughly", "some"):
        return 0.75 * n * size, 1.25 * n * size
    return n * size, (n + 0.5) * size  # "a year", "just over a year"


def _same_anchor(x: Elapsed, y: Elapsed) -> bool:
    return x.event == y.event and (not x.names or not y.names or bool(x.names & y.names))


def _shared(x: Elapsed, y: Elapsed, phrases: list[Elapsed]) -> bool:
    """Either outlet also uses the other's words: no difference between the outlets."""
    said = {(e.outlet, e.event, fold(e.span.text)) for e in phrases}
    return (x.outlet, y.event, fold(y.span.text)) in said or (
        y.outlet,
        x.event,
        fold(x.span.text),
    ) in said


def _elapsed_conflict(x: Elapsed, y: Elapsed) -> Conflict:
    a, b = x.span.text, y.span.text
    return Conflict(
        "number",
        False,
        f"The time since the {x.event} is given differently: “{a}” vs “{b}” — both can be "
        "true (scope, not a contradiction).",
        [Side(a, x.outlet, x.span), Side(b, y.outlet, y.span)],
        "scope",
        subject=f"time since the {x.event}",
        key=("number", "elapsed", x.event, *sorted((fold(a), fold(b)))),
    )
