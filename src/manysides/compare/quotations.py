"""Quotation regions and who speaks them, so quoted words are not read as the outlet's own.

Text is normalized to straight double quotes, so a quotation is a pair of ``"`` inside one
paragraph. The speaker is the nearest person (else organization) named outside the quotation
in the sentence that opens or closes it ("...," Kremlin spokesman Dmitry Peskov told
reporters); a paragraph that opens with a quotation and names nobody continues the previous
speaker. Speakers found by the quote extractor (`AnnotatedArticle.quotes`, issue 4) win,
also for a quoted fragment inside reported speech ('Russian officials said "a number of
important bilateral documents" would be signed' is the officials', not the nearest name's);
the window rule covers quotation marks it leaves out.

A short quotation (at most `SCARE_WORDS` words) with no speech verb near it is a scare quote:
the outlet distancing itself from, or highlighting, a label ("his "best friend" Putin").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from manysides.compare.quotes import VariantEnds, speaker_entity, variant_ends
from manysides.model import AnnotatedArticle, Entity, Mention, Quote, Span

SCARE_WORDS = 4
SPEECH = re.compile(
    r"\b(?:said|says|say|told|tells|added|adding|stated|wrote|tweeted|according to|asked|"
    r"declared|insisted|warned|noted|argued|explained|announced|claimed|called|urged|stressed|"
    r"quoted|statement|replied|responded)\b",
    re.I,
)
SPEAKER_LABELS = ("PERSON", "ORG", "GPE", "NORP")


@dataclass(frozen=True, slots=True)
class Quotation:
    """A quoted passage (``span`` without the quote marks) and its speaker, if found."""

    span: Span
    speaker: str | None
    speaker_span: Span | None
    scare: bool


def find_quotations(item: AnnotatedArticle, entities: Sequence[Entity]) -> list[Quotation]:
    """All quotation-mark regions of one article, in text order, with their speakers."""
    article = item.article
    names = _entity_names(entities)
    direct = [q for q in item.quotes if q.direct]
    spoken = [q for q in item.quotes if q.speech]  # a quoted fragment of reported speech too
    ends, entity_names = variant_ends(list(entities)), {e.id: e.name for e in entities}
    found: list[Quotation] = []
    previous: tuple[str | None, Span | None] = (None, None)
    for start, end in _regions(article.text, article.body_start):
        inner = article.span(start + 1, end - 1)
        speaker = _extracted_speaker(spoken, start, end, ends, entity_names)
        window = _attribution_window(item, start, end)
        if speaker[0] is None:
            mention = _speaker(item.mentions, window, start, end)
            if mention is not None:
                speaker = (names.get(_key(mention.span), mention.span.text), mention.span)
            elif _opens_paragraph(article.text, start) and previous[0]:
                speaker = previous
        context = article.text[window[0] : start] + article.text[end : window[1]]
        short = len(inner.text.split()) <= SCARE_WORDS
        scare = short and not any(_overlaps(c, start, end) for q in direct for c in q.content)
        scare = scare and not SPEECH.search(context)
        found.append(Quotation(inner, None if scare else speaker[0], speaker[1], scare))
        if speaker[0] and not scare:
            previous = speaker
    return found


def _overlaps(span: Span, start: int, end: int) -> bool:
    return span.start < end and start < span.end


def _extracted_speaker(
    spoken: Sequence[Quote], start: int, end: int, ends: VariantEnds, names: dict[str, str]
) -> tuple[str | None, Span | None]:
    """The speaker the quote extractor found for the quotation at ``[start, end)``, named as
    the "Who said what" section names it: the resolved entity, else the words the article
    used ("A spokesperson for British Prime Minister Rishi Sunak" is not Sunak)."""
    for quote in spoken:
        if not any(_overlaps(c, start, end) for c in quote.content):
            continue
        ref = quote.speaker_ref or quote.speaker
        if ref is None:
            return None, None
        entity, _affiliation = speaker_entity(quote, ends)
        name = names.get(entity) if entity is not None else None
        return name or ref.text, ref
    return None, None


def _regions(text: str, body_start: int) -> list[tuple[int, int]]:
    """Pairs of straight double quotes within one paragraph, as (open, close + 1)."""
    regions: list[tuple[int, int]] = []
    for paragraph in re.finditer(r"[^\n]+", text):
        if paragraph.end() <= body_start:
            continue
        marks = [paragraph.start() + m.start() for m in re.finditer('"', paragraph.group())]
        regions.extend((a, b + 1) for a, b in zip(marks[::2], marks[1::2], strict=False))
    return regions


def _attribution_window(item: AnnotatedArticle, start: int, end: int) -> tuple[int, int]:
    """From the start of the sentence holding the opening quote to the end of the one
    holding the closing quote (the quotation may span several sentences)."""
    begin, finish = start, end
    for sentence in item.sentences:
        if sentence.span.start <= start < sentence.span.end:
            begin = sentence.span.start
        if sentence.span.start <= end - 1 < sentence.span.end or sentence.span.start == end:
            finish = max(finish, sentence.span.end)
    line_end = item.article.text.find("\n", end)
    if finish == end:
        finish = line_end if line_end != -1 else len(item.article.text)
    return begin, min(finish, line_end if line_end != -1 else finish)


def _speaker(
    mentions: Sequence[Mention], window: tuple[int, int], start: int, end: int
) -> Mention | None:
    """The nearest person outside the quotation within the window (after it first)."""
    outside = [
        m
        for m in mentions
        if m.label in SPEAKER_LABELS
        and window[0] <= m.span.start < window[1]
        and not (start <= m.span.start < end)
    ]
    for labels in (("PERSON",), ("ORG", "GPE", "NORP")):
        after = [m for m in outside if m.label in labels and m.span.start >= end]
        before = [m for m in outside if m.label in labels and m.span.end <= start]
        if after:
            return min(after, key=lambda m: m.span.start)
        if before:
            return max(before, key=lambda m: m.span.end)
    return None


def _opens_paragraph(text: str, start: int) -> bool:
    return start == 0 or text[start - 1] == "\n"


def _key(span: Span) -> tuple[str, int, int]:
    return (span.article, span.start, span.end)


def _entity_names(entities: Sequence[Entity]) -> dict[tuple[str, int, int], str]:
    """Mention position -> the resolved entity's name ("Peskov" -> "Dmitry Peskov")."""
    return {_key(s): e.name for e in entities for v in e.variants for s in v.spans}


def inside(quotations: Sequence[Quotation], start: int, end: int) -> Quotation | None:
    """The quotation holding ``[start, end)``, if any."""
    for quote in quotations:
        if quote.span.start <= start and end <= quote.span.end:
            return quote
    return None
