"""The consolidated brief: the story told once, every sentence cited to spans that support it.

Fact group by fact group, most widely reported first, the brief takes the statement best
supported by the other outlets (extractive, lightly trimmed: a leading "But"/"And" goes),
then lists what only one outlet reports, then where outlets differ. Every sentence is checked
mechanically: each name, number and date in it must appear in its cited spans, or the
sentence is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from manysides.compare.conflict_types import Conflict
from manysides.compare.names import fold
from manysides.model import Claim, Comparison, FactGroup, Span

BriefSection = Literal["story", "one_outlet", "differ"]
_LEAD = re.compile(r"^(?:But|And|So|Yet|Still|However|Meanwhile)\s*,?\s+", re.I)
_WORD = re.compile(r"[\w][\w'’.-]*")
_NUMBER_WORDS = {
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "dozen", "hundred", "thousand", "million", "billion", "trillion",
}  # fmt: skip
_DATE_WORDS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "yesterday", "today", "tomorrow",
}  # fmt: skip
KIND_LABELS = {
    "number": "Figures differ",
    "date": "Dates differ",
    "role": "Roles differ",
    "name": "Spelled differently",
    "place": "Places differ",
    "polarity": "Opposite claims",
    "speaker": "Speakers differ",
    "quote": "Quotation worded differently",
}


@dataclass(frozen=True, slots=True)
class BriefSentence:
    section: BriefSection
    text: str
    citations: tuple[tuple[str, Span], ...]  # (outlet, span)
    fact: str | None = None
    conflict: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "section": self.section,
            "text": self.text,
            "fact": self.fact,
            "conflict": self.conflict,
            "citations": [{**span.to_dict(), "outlet": outlet} for outlet, span in self.citations],
        }


def facts_in(text: str) -> list[str]:
    """The checkable facts of a sentence: numbers, date words and names (capitalized words
    that do not open the sentence)."""
    found: list[str] = []
    for n, match in enumerate(_WORD.finditer(text)):
        word = match.group().rstrip(".")
        low = word.lower().removesuffix("'s").removesuffix("’s")
        opens = n == 0 or text[: match.start()].rstrip().endswith(("“", '"', ":"))
        numeric = any(ch.isdigit() for ch in word) or low in _NUMBER_WORDS
        if numeric or low in _DATE_WORDS or (word[:1].isupper() and not opens):
            found.append(low)
    return found


def missing_facts(text: str, citations: Sequence[Span]) -> list[str]:
    """Facts of ``text`` found in none of its cited spans (empty: the sentence is supported)."""
    support = " " + fold(" ".join(s.text for s in citations)) + " "
    support = re.sub(r"[^\w.,'’-]+", " ", support)
    return [f for f in facts_in(text) if not re.search(rf"(?<!\w){re.escape(fold(f))}", support)]


def build_brief(comparison: Comparison, conflicts: Sequence[Conflict]) -> list[BriefSentence]:
    """Story (shared facts), then single-outlet facts, then differences; unsupported dropped."""
    sentences: list[BriefSentence] = []
    for fact in comparison.facts:
        if len(fact.outlets) > 1:
            sentences.append(_story_sentence(fact))
    for fact in comparison.facts:
        if len(fact.outlets) == 1:
            claim = fact.claims[0]
            sentences.append(
                BriefSentence(
                    "one_outlet", _trim(claim.span.text), ((claim.outlet, claim.span),), fact.id
                )
            )
    sentences += [_differ_sentence(c) for c in conflicts]
    return [s for s in sentences if not missing_facts(s.text, [span for _, span in s.citations])]


def _story_sentence(fact: FactGroup) -> BriefSentence:
    best = max(
        fact.claims,
        key=lambda c: (_support(c, fact.claims), c.span.text[:1].isupper(), -len(c.span.text)),
    )
    ordered = [best, *(c for c in fact.claims if c is not best)]
    return BriefSentence(
        "story", _trim(best.span.text), tuple((c.outlet, c.span) for c in ordered), fact.id
    )


def _support(claim: Claim, claims: Sequence[Claim]) -> float:
    """Share of the claim's facts that the other outlets' claims also state."""
    facts = facts_in(claim.span.text)
    others = [c.span for c in claims if c.outlet != claim.outlet]
    if not facts or not others:
        return 0.0
    return 1 - len(missing_facts(claim.span.text, others)) / len(facts)


def _trim(text: str) -> str:
    """Light fusion: drop a leading connective, capitalize, end with a stop."""
    text = _LEAD.sub("", text.strip())
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?", '"', "”")) else text + "."


def _differ_sentence(conflict: Conflict) -> BriefSentence:
    values = " vs ".join(f"“{v}”" for v in conflict.values)
    nature = {
        "contradiction": "contradiction",
        "variant": "variant",
        "scope": "scope difference",
        "wording": "wording",
    }[conflict.scope]
    text = f"{KIND_LABELS[conflict.kind]} ({nature}): {values}."
    return BriefSentence(
        "differ",
        text,
        tuple((s.outlet, s.span) for s in conflict.sides),
        conflict.fact,
        conflict.id,
    )
