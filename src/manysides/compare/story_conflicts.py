"""Conflicts read across the whole story rather than inside one fact group.

- ``role``: a person whose titles in one outlet are all incompatible with the titles another
  outlet gives them (Qin Gang: "China's foreign minister" vs "Chinese leader").
- ``name``: one referent spelled differently (Dmytro/Dmitry Kuleba, Kyiv/Kiev), straight from
  the resolved entities' spelling variants; always a variant, never a contradiction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rapidfuzz.distance import JaroWinkler

from manysides.compare.conflict_types import Conflict, Side
from manysides.compare.names import clean_surface, fold
from manysides.compare.roles import GENERIC, Role, compatible, role_at
from manysides.model import Comparison, Entity, Mention

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
        users = [frozenset(s.outlet for s in sides if fold(s.value) == f) for f in spellings]
        distinct = {fold(s.value) for s in sides}
        if len(distinct) < 2 or all(u == users[0] for u in users):
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
    }
    return spelled | {name} if spelled else set()


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
