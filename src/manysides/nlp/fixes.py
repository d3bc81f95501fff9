"""Corrections for the small pipeline's known slips, from a gazetteer and word shapes.

Seen on the seeds: Kyiv -> PERSON/ORG (or swallowed into "Kyiv 13"), Bratislava -> PERSON,
Slovakia -> ORG, MiG-29 -> PERSON/ORG, an age ("Xi, 69,") -> DATE.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from manysides.nlp.gazetteer import canonical_place

_MODEL_DESIGNATION = re.compile(r"\b[A-Z][A-Za-z]{0,4}-\d{1,3}[A-Z]?\b")
_PERSON_TITLES = {"mr", "mrs", "ms", "dr", "president", "minister", "sen", "rep", "gov"}


@dataclass(slots=True)
class RawEntity:
    start: int
    end: int
    label: str


def fix_entities(
    text: str,
    window: tuple[int, int],
    entities: list[RawEntity],
    propn: list[tuple[int, int]],
) -> list[RawEntity]:
    """Relabel places and product designations, drop bare-number dates; sorted, non-overlapping.

    ``window`` is the paragraph the entities come from, so shape rules stay inside it.
    """
    fixed: list[RawEntity] = []
    for entity in entities:
        fixed.extend(_fix_one(text, entity))
    covered = [(e.start, e.end) for e in fixed]
    for start, end in propn:
        if not _overlaps(start, end, covered) and canonical_place(text[start:end]):
            fixed.append(RawEntity(start, end, "GPE"))
    for match in _MODEL_DESIGNATION.finditer(text, *window):
        fixed = [e for e in fixed if not _overlaps(e.start, e.end, [match.span()])]
        fixed.append(RawEntity(match.start(), match.end(), "PRODUCT"))
    return sorted(fixed, key=lambda e: e.start)


def _fix_one(text: str, entity: RawEntity) -> list[RawEntity]:
    surface = text[entity.start : entity.end]
    if entity.label == "DATE" and surface.isdigit() and len(surface) <= 3:
        return []  # an age or a count the tagger took for a date; numbers keep it
    relabel = entity.label in ("PERSON", "ORG", "NORP", "FAC", "LOC") and canonical_place(surface)
    if relabel and not _after_person_title(text, entity.start):
        return [RawEntity(entity.start, entity.end, "GPE")]
    head, _, tail = surface.rpartition(" ")
    if head and tail.replace(",", "").isdigit() and canonical_place(head):
        split = entity.start + len(head)
        return [RawEntity(entity.start, split, "GPE"), RawEntity(split + 1, entity.end, "CARDINAL")]
    return [entity]


def _after_person_title(text: str, start: int) -> bool:
    before = text[max(0, start - 12) : start].strip().rstrip(".").split()
    return bool(before) and before[-1].lower() in _PERSON_TITLES


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)
