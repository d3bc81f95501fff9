"""Where outlets disagree: typed conflicts inside fact groups and across the story.

Inside each fact group the claims of two outlets are paired (most similar first, one to one,
so a sentence always meets its own copy), and each pair is read by the detectors: numbers
and dates (`value_conflicts`), titles of the same person (`roles`), and word-level edits
(`claim_diff`: polarity, name, place, speaker, quote). Across the story, people titled
incompatibly, referents spelled differently and the time since an event given in different
but compatible words are added (`story_conflicts`). Conflicts with
the same kind and values are merged, so three outlets against one give one conflict.

The enricher adds ``conflicts``, ``omissions`` and ``brief`` to the comparison document.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from manysides.compare.claim_diff import edit_conflicts, similarity
from manysides.compare.conflict_types import KINDS, ClaimView, Conflict, Side, claim_view
from manysides.compare.names import fold
from manysides.compare.quote_conflicts import quote_conflicts
from manysides.compare.quote_regions import quote_regions
from manysides.compare.roles import Role, role_at
from manysides.compare.story_conflicts import (
    MentionKey,
    co_used_heads,
    elapsed_conflicts,
    entity_index,
    name_variants,
    person_roles,
    role_conflict,
    role_conflicts,
    roles_conflict,
)
from manysides.compare.value_conflicts import date_conflicts, number_conflicts
from manysides.model import AnnotatedArticle, Comparison, FactGroup, Span


def find_conflicts(comparison: Comparison) -> list[Conflict]:
    """Every typed conflict of the comparison, numbered ``c1, c2, ...`` in report order."""
    index = entity_index(comparison)
    roles = person_roles(comparison, index)
    co_used = {entity: co_used_heads(found) for entity, found in roles.items()}
    names = {e.id: e.name for e in comparison.entities}
    views = _ViewMaker(comparison, index)
    found: list[Conflict] = []
    for fact in comparison.facts:
        if len(fact.outlets) < 2:
            continue
        for a, b in pair_claims(views.of(fact)):
            found += number_conflicts(a, b, fact.id)
            found += date_conflicts(a, b, fact.id)
            found += edit_conflicts(a, b, fact.id)
            found += _claim_roles(a, b, co_used, names)
    found += role_conflicts(comparison, index)
    found += name_variants(comparison, index)
    found += quote_conflicts(comparison)
    found += elapsed_conflicts(comparison)
    merged = merge(found)
    order = {kind: n for n, kind in enumerate(KINDS)}
    merged.sort(key=lambda c: (not c.contradiction, order[c.kind]))
    for number, conflict in enumerate(merged, start=1):
        conflict.id = f"c{number}"
    return merged


class _ViewMaker:
    """Builds (and caches) claim views with each article's quote regions computed once."""

    def __init__(self, comparison: Comparison, index: dict[MentionKey, str]) -> None:
        self.items: dict[str, AnnotatedArticle] = {a.article.id: a for a in comparison.annotated}
        self.quotes = {key: quote_regions(item) for key, item in self.items.items()}
        self.index = index

    def of(self, fact: FactGroup) -> list[ClaimView]:
        return [
            claim_view(
                self.items[c.span.article],
                c.span,
                c.outlet,
                self.quotes[c.span.article],
                self.index,
            )
            for c in fact.claims
            if c.span.article in self.items
        ]


def pair_claims(views: Sequence[ClaimView]) -> list[tuple[ClaimView, ClaimView]]:
    """One-to-one pairs across articles, most similar first: a claim meets its own copy."""
    candidates = [
        (similarity(x, y), n, m)
        for n, x in enumerate(views)
        for m, y in enumerate(views)
        if n < m and x.span.article != y.span.article
    ]
    used: set[tuple[int, str]] = set()
    pairs: list[tuple[ClaimView, ClaimView]] = []
    for _score, n, m in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        x, y = views[n], views[m]
        if (n, y.span.article) in used or (m, x.span.article) in used:
            continue
        used.add((n, y.span.article))
        used.add((m, x.span.article))
        pairs.append((x, y))
    return pairs


def _claim_roles(
    a: ClaimView,
    b: ClaimView,
    co_used: dict[str, set[frozenset[str]]],
    names: dict[str, str],
) -> list[Conflict]:
    """The same person titled incompatibly in two paired claims."""
    left = _titled_people(a)
    right = _titled_people(b)
    found = []
    for entity, x in left.items():
        y = right.get(entity)
        if y is None or not roles_conflict(x, y, co_used.get(entity, set())):
            continue
        sides = [
            Side(x.phrase, a.outlet, a.cite(x.start, x.end), a.span),
            Side(y.phrase, b.outlet, b.cite(y.start, y.end), b.span),
        ]
        found.append(role_conflict(names.get(entity, entity), entity, sides))
    return found


def _titled_people(view: ClaimView) -> dict[str, Role]:
    found: dict[str, Role] = {}
    for mention in view.mentions:
        entity = view.entity(mention)
        if mention.label != "PERSON" or entity is None:
            continue
        role = role_at(view.text, mention.span.start, mention.span.end)
        if role is not None:
            found.setdefault(entity, role)
    return found


def merge(conflicts: Sequence[Conflict]) -> list[Conflict]:
    """One conflict per kind and subject: sides of duplicates are pooled, spans kept once."""
    by_key: dict[tuple[str, ...], Conflict] = {}
    for conflict in conflicts:
        key = _merge_key(conflict)
        kept = by_key.get(key) or _overlapping(conflict, by_key.values())
        if kept is None:
            by_key[key] = conflict
            continue
        seen = {(s.span.article, s.span.start, s.span.end) for s in kept.sides}
        for side in conflict.sides:
            if (side.span.article, side.span.start, side.span.end) not in seen:
                kept.sides.append(side)
                seen.add((side.span.article, side.span.start, side.span.end))
    return list(by_key.values())


def _overlapping(conflict: Conflict, kept: Iterable[Conflict]) -> Conflict | None:
    """A conflict already found over the same words: a quote or speaker in a fact group and
    again from the quotes stage, an elapsed time in aligned claims and again story-wide."""
    if conflict.kind not in ("quote", "speaker", "number"):
        return None
    for other in kept:
        if other.kind == conflict.kind and all(
            any(_overlaps(side.span, o.span) for o in other.sides) for side in conflict.sides
        ):
            return other
    return None


def _overlaps(x: Span, y: Span) -> bool:
    return x.article == y.article and x.start < y.end and y.start < x.end


def _merge_key(conflict: Conflict) -> tuple[str, ...]:
    if conflict.kind == "role":
        return conflict.key[:2]  # one conflict per person
    if conflict.kind == "name":
        return ("name", *sorted({fold(s.value).split()[-1] for s in conflict.sides}))
    return conflict.key


def conflicts_by_fact(conflicts: Sequence[Conflict]) -> dict[str, list[Conflict]]:
    grouped: dict[str, list[Conflict]] = defaultdict(list)
    for conflict in conflicts:
        if conflict.fact:
            grouped[conflict.fact].append(conflict)
    return grouped


def enrich(comparison: Comparison, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """The enricher (see compare/enrich.py): conflicts, omissions and the brief.
    ``options["omission_k"]`` sets the omissions' k (`manysides compare --omission-k`)."""
    from manysides.compare.brief import build_brief
    from manysides.compare.omissions import find_omissions, omission_k

    conflicts = find_conflicts(comparison)
    k = omission_k(options)
    return {
        "conflicts": [c.to_dict() for c in conflicts],
        "omissions": [o.to_dict() for o in find_omissions(comparison, k=k)],
        "brief": [s.to_dict() for s in build_brief(comparison, conflicts)],
    }
