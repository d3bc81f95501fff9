"""Statements to align: sentences, split into clauses where one sentence carries two facts.

"... struck a 'no limits' partnership — and China has yet to condemn Russia ..." is two
statements; a pair of dashes around an aside ("Xi – all the while ... – released") is not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from manysides.compare.quotes import speaker_entity, variant_ends
from manysides.model import AnnotatedArticle, Entity, Span

_WORD = re.compile(r"[A-Za-z][\w'-]+|\d[\d,.]*")
_QUOTED = re.compile(r'"([^"]{3,200})"')
_DASH = re.compile(r"\s[—–-]\s")
_SEMICOLON = re.compile(r";\s|,\s(?=but\s)")
_TIME_APPOSITION = re.compile(
    r"(?:the|that|this)\s+(?:year|month|week|day|date|night|time|moment|decade|century)\b",
    re.IGNORECASE,
)
""""... its 1991 borders – the year the Soviet Union dissolved": the aside names the date
before it; cut off, it would be a fragment with nothing to align."""
_JOINER = re.compile(r"(?:and|but)\s+(?=\w)")
MIN_CLAUSE_WORDS = 5


@dataclass(frozen=True, slots=True)
class Statement:
    """One alignable unit with the annotations that fall inside it."""

    span: Span
    outlet: str
    sentence: int
    entities: frozenset[str]
    numbers: tuple[tuple[float, str], ...]
    dates: frozenset[str]
    words: frozenset[str] = frozenset()
    quoted: frozenset[str] = frozenset()
    speaker: str | None = None
    """Who speaks when the statement is mostly a quotation: an entity id, or "for:<id>" for a
    role speaking for one ("a spokesperson for … Sunak"); None otherwise."""
    name_words: frozenset[str] = frozenset()
    """Content words of the people named inside: "Silverman said she's 'uncoupled'" and "Khan
    said she's 'uncoupled'" say the same words of two speakers, which the aligner must see."""


def content_words(text: str) -> frozenset[str]:
    """Lowercased words that carry content (no stop words), for lexical overlap."""
    from spacy.lang.en.stop_words import STOP_WORDS

    words = (w.lower().removesuffix("'s") for w in _WORD.findall(text))
    return frozenset(w for w in words if len(w) > 2 and w not in STOP_WORDS)


def quoted_phrases(text: str) -> frozenset[str]:
    """Phrases inside double quotes: verbatim wording outlets often share ("no limits")."""
    return frozenset(m.group(1).strip(" ,.").lower() for m in _QUOTED.finditer(text))


def split_clauses(span: Span) -> list[Span]:
    """The sentence itself, or its clauses when one dash or semicolon joins two of them; a
    clause after the cut starts after its "and"/"but", which only joined it to the first."""
    text = span.text
    dashes = list(_DASH.finditer(text))
    cuts = [m for m in _SEMICOLON.finditer(text)]
    if len(dashes) == 1:
        cuts.append(dashes[0])
    pieces: list[Span] = []
    begin = 0
    for cut in sorted(cuts, key=lambda m: m.start()):
        left = text[begin : cut.start()]
        right = text[cut.end() :]
        if _TIME_APPOSITION.match(right.lstrip()):
            continue
        if len(left.split()) >= MIN_CLAUSE_WORDS and len(right.split()) >= MIN_CLAUSE_WORDS:
            pieces.append(_sub(span, begin, cut.start()))
            begin = cut.end()
            joiner = _JOINER.match(text, begin + len(right) - len(right.lstrip()))
            begin = joiner.end() if joiner else begin
    pieces.append(_sub(span, begin, len(text)))
    return pieces


def _sub(span: Span, start: int, end: int) -> Span:
    piece = span.text[start:end]
    stripped = piece.strip()
    lead = len(piece) - len(piece.lstrip())
    s = span.start + start + lead
    return Span(span.article, s, s + len(stripped), stripped)


SpeakerSpans = list[tuple[int, int, str]]


def build_statements(
    item: AnnotatedArticle,
    entity_of: dict[tuple[str, int, int], str],
    speakers: SpeakerSpans | None = None,
) -> list[Statement]:
    """Statements of one article with the entity ids, numbers, dates and speaker inside each."""
    statements: list[Statement] = []
    for sentence in item.sentences:
        for clause in split_clauses(sentence.span):
            inside = [m for m in item.mentions if clause.start <= m.span.start < clause.end]
            entities = frozenset(
                entity_of[key]
                for m in inside
                if (key := (m.span.article, m.span.start, m.span.end)) in entity_of
            )
            dates = frozenset(m.span.text.lower() for m in inside if m.label in ("DATE", "TIME"))
            numbers = tuple(
                (n.value, (n.counted or "").lower())
                for n in item.numbers
                if clause.start <= n.span.start < clause.end and n.value is not None
            )
            statements.append(
                Statement(
                    clause,
                    item.article.outlet,
                    sentence.index,
                    entities,
                    numbers,
                    dates,
                    content_words(clause.text),
                    quoted_phrases(clause.text),
                    _speaker_of(clause, speakers or []),
                    content_words(" ".join(m.span.text for m in inside if m.label == "PERSON")),
                )
            )
    return statements


QUOTED_SHARE = 0.4
"""A clause is a speaker's when their quoted words fill this share of it: "Qin Gang spoke
to … Kuleba, saying China hoped '…'" is mostly Qin's words after the scene-setting."""


def _speaker_of(clause: Span, speakers: SpeakerSpans) -> str | None:
    """The speaker whose quoted words fill the largest share of the clause, if large enough."""
    size = max(clause.end - clause.start, 1)
    best, best_share = None, QUOTED_SHARE
    for start, end, key in speakers:
        share = (min(end, clause.end) - max(start, clause.start)) / size
        if share >= best_share:
            best, best_share = key, share
    return best


def speaker_spans(item: AnnotatedArticle, entities: Sequence[Entity]) -> SpeakerSpans:
    """(start, end, speaker key) of every speech quotation whose speaker is a person, or a
    role speaking for one. Institutions are left out: "the Kremlin said" and its spokesman
    Peskov are one voice, which entity ids cannot tell."""
    ends = variant_ends(list(entities))
    people = {e.id for e in entities if e.type == "PERSON"}
    spans: SpeakerSpans = []
    for quote in item.quotes:
        if not quote.speech:
            continue
        entity, affiliation = speaker_entity(quote, ends)
        key = (
            entity
            if entity in people
            else f"for:{affiliation}"
            if entity is None and affiliation in people
            else None
        )
        if key is not None:
            spans.extend((piece.start, piece.end, key) for piece in quote.content)
    return spans


def all_statements(
    annotated: Sequence[AnnotatedArticle],
    entity_of: dict[tuple[str, int, int], str],
    entities: Sequence[Entity] = (),
) -> list[list[Statement]]:
    """Statements of every article; with ``entities``, quotations carry their speaker."""
    return [
        build_statements(item, entity_of, speaker_spans(item, entities) if entities else [])
        for item in annotated
    ]
