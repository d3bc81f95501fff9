"""Typed conflicts and the per-claim view the detectors work on.

A `Conflict` is what a reader sees: its kind, whether it is a real contradiction (or a
variant / scope difference), a one-line explanation, the differing values, and the cited
claims. A `ClaimView` gathers, for one statement, the annotations that fall inside it, so
every detector reads the same tokens, mentions, numbers and quote regions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from manysides.model import AnnotatedArticle, Mention, NumberMention, Span, TemporalExpression

Kind = Literal["number", "date", "role", "name", "place", "polarity", "speaker", "quote"]
KINDS: tuple[Kind, ...] = (
    "number",
    "date",
    "role",
    "name",
    "place",
    "polarity",
    "speaker",
    "quote",
)
Scope = Literal["contradiction", "variant", "scope", "wording"]

_TOKEN = re.compile(r"\w+(?:[-'’.,]\w+)*|[^\w\s]")


@dataclass(frozen=True, slots=True)
class Token:
    """A word or punctuation mark with its offsets in the article text."""

    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()


@dataclass(frozen=True, slots=True)
class Side:
    """One outlet's side of a conflict: the value it gives and where it says so."""

    value: str
    outlet: str
    span: Span
    context: Span | None = None

    def to_dict(self) -> dict[str, object]:
        found: dict[str, object] = {**self.span.to_dict(), "outlet": self.outlet}
        found["value"] = self.value
        if self.context is not None:
            found["context"] = self.context.to_dict()
        return found


@dataclass(slots=True)
class Conflict:
    """A typed difference between outlets, every side cited."""

    kind: Kind
    contradiction: bool
    explanation: str
    sides: list[Side]
    scope: Scope = "contradiction"
    fact: str | None = None
    subject: str | None = None
    id: str = ""
    key: tuple[str, ...] = field(default=())

    @property
    def values(self) -> list[str]:
        return list(dict.fromkeys(side.value for side in self.sides))

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "kind": self.kind,
            "contradiction": self.contradiction,
            "class": self.scope,
            "explanation": self.explanation,
            "values": self.values,
            "subject": self.subject,
            "fact": self.fact,
            "claims": [side.to_dict() for side in self.sides],
        }


@dataclass(frozen=True, slots=True)
class ClaimView:
    """One statement with the annotations inside it (tokens, mentions, numbers, quotes)."""

    span: Span
    outlet: str
    text: str  # the whole article text, for context windows
    tokens: tuple[Token, ...]
    mentions: tuple[Mention, ...]
    numbers: tuple[NumberMention, ...]
    quotes: tuple[tuple[int, int], ...]
    entity_of: dict[tuple[str, int, int], str]
    published: str | None = None
    dates: tuple[TemporalExpression, ...] = ()

    def entity(self, mention: Mention) -> str | None:
        span = mention.span
        return self.entity_of.get((span.article, span.start, span.end))

    def in_quote(self, start: int, end: int) -> bool:
        return any(qs <= start and end <= qe for qs, qe in self.quotes)

    def cite(self, start: int, end: int) -> Span:
        return Span(self.span.article, start, end, self.text[start:end])


def tokenize(text: str, offset: int = 0) -> tuple[Token, ...]:
    """Words (keeping "1,000", "MiG-29", "didn't" whole) and punctuation, with offsets."""
    return tuple(
        Token(m.group(), offset + m.start(), offset + m.end()) for m in _TOKEN.finditer(text)
    )


def claim_view(
    item: AnnotatedArticle,
    span: Span,
    outlet: str,
    quotes: tuple[tuple[int, int], ...],
    entity_of: dict[tuple[str, int, int], str],
) -> ClaimView:
    """The view of ``span`` in ``item``: annotations starting inside it, quotes overlapping it."""
    inside = [m for m in item.mentions if span.start <= m.span.start and m.span.end <= span.end]
    numbers = [n for n in item.numbers if span.start <= n.span.start and n.span.end <= span.end]
    overlapping = tuple(
        (max(qs, span.start), min(qe, span.end))
        for qs, qe in quotes
        if qs < span.end and qe > span.start
    )
    return ClaimView(
        span,
        outlet,
        item.article.text,
        tokenize(span.text, span.start),
        tuple(inside),
        tuple(numbers),
        overlapping,
        entity_of,
        item.article.published,
        tuple(d for d in item.dates if span.start <= d.span.start and d.span.end <= span.end),
    )
