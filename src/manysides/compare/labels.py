"""Labels outlets attach to people and groups: premodifiers and appositions.

"his "best friend" Vladimir Putin", "his strategic ally Vladimir Putin", "China, a major ally
of Russia,", "China's foreign minister, Qin Gang": the words before a name inside its noun
phrase, and an apposition next to it, read off the dependency parse. A label made only of
titles and country words ("Chinese President") is kind ``title``; anything else is an
``epithet``, which is what a researcher compares across outlets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from manysides.compare.names import TITLE_WORDS
from manysides.compare.phrases import country_of
from manysides.compare.quotations import Quotation, inside
from manysides.compare.tone import phrase_valence
from manysides.model import Article, Mention, Span

LABELED = ("PERSON", "ORG", "GPE")
MAX_APPOSITION_WORDS = 10
_FUNCTION = {"DET", "PUNCT", "ADP", "CCONJ", "PART", "SPACE"}
_EXTRA_TITLES = {"mr", "mrs", "ms", "dr", "former", "then", "new", "acting", "top", "senior"}


@dataclass(frozen=True, slots=True)
class Label:
    """Words an outlet attaches to a named person or group."""

    entity: str
    span: Span
    kind: str  # "epithet" | "title"
    form: str  # "premodifier" | "apposition"
    quoted: bool
    speaker: str | None
    valence: float


def find_labels(
    article: Article,
    docs: Sequence[tuple[int, Any]],
    mentions: Sequence[Mention],
    names: dict[tuple[str, int, int], str],
    quotations: Sequence[Quotation],
) -> list[Label]:
    """Every premodifier and apposition label of named people and groups in one article."""
    found: list[Label] = []
    for offset, doc in docs:
        chunks = list(doc.noun_chunks)
        for ent in doc.ents:
            if ent.label_ not in LABELED:
                continue
            entity = _entity_name(
                article.id,
                offset + ent.start_char,
                offset + ent.end_char,
                mentions,
                names,
                ent.text,
            )
            for kind, tokens in _label_spans(ent, chunks):
                raw = article.span(
                    offset + tokens[0].idx, offset + tokens[-1].idx + len(tokens[-1])
                )
                span = _trim(article, _close_quote(article, raw))
                if span is None:
                    continue
                quote = inside(quotations, span.start, span.end)
                scare = quote is not None and quote.scare
                found.append(
                    Label(
                        entity=entity,
                        span=span,
                        kind=_classify(tokens),
                        form=kind,
                        quoted=quote is not None,
                        speaker=None if quote is None or scare else quote.speaker,
                        valence=phrase_valence(span.text),
                    )
                )
    return found


def _label_spans(ent: Any, chunks: Sequence[Any]) -> list[tuple[str, list[Any]]]:
    found: list[tuple[str, list[Any]]] = []
    chunk = next((c for c in chunks if c.start <= ent.start and ent.end <= c.end), None)
    if chunk is not None and chunk.start < ent.start:
        words = [t for t in chunk.doc[chunk.start : ent.start]]
        while words and words[0].pos_ == "DET":
            words = words[1:]
        if _good_premodifier(words):
            found.append(("premodifier", words))
    root = ent.root
    for child in root.children:
        if child.dep_ == "appos" and not (ent.start <= child.i < ent.end):
            if _sums_up_the_clause(child):
                continue
            found.append(
                ("apposition", list(child.doc[child.left_edge.i : child.right_edge.i + 1]))
            )
    if root.dep_ == "appos" and root.head.pos_ in ("NOUN", "PROPN") and not root.head.ent_type_:
        head = root.head
        found.append(("apposition", list(head.doc[head.left_edge.i : head.i + 1])))
    return [(k, t) for k, t in found if k == "premodifier" or len(t) <= MAX_APPOSITION_WORDS]


SUMMING_UP = frozenset(
    {"move", "step", "decision", "claim", "allegation", "accusation", "charge", "sign",
     "development", "measure", "delivery", "announcement", "shift", "reversal", "blow",
     "setback", "change", "attack", "escalation"}
)  # fmt: skip


def _sums_up_the_clause(head: Any) -> bool:
    """An apposition that sums up what the clause said, not who the name is: "deliver the jets
    to Ukraine, the first such delivery by a NATO member" (the parse hangs it on Ukraine)."""
    if any(t.lower_ == "such" for t in head.children):
        return True
    return bool(head.lemma_.lower() in SUMMING_UP)


def _good_premodifier(words: Sequence[Any]) -> bool:
    """A label needs a noun ("ally", "President"); coordinations ("Xi and"), numbers and
    cut-off compounds ("direct US-") are parse debris, not labels."""
    if not any(t.pos_ in ("NOUN", "PROPN") for t in words):
        return False
    if any(t.pos_ in ("CCONJ", "NUM") for t in words):
        return False
    return not (words[-1].is_punct and words[-1].text != '"')


def _classify(tokens: Sequence[Any]) -> str:
    """ "title" when every content word is a title or a country/organization name."""
    for token in tokens:
        if token.pos_ in _FUNCTION or token.pos_ == "PRON":
            continue
        word = token.text.lower().removesuffix("'s")
        if word in TITLE_WORDS or word in _EXTRA_TITLES or token.ent_type_:
            continue
        if country_of(token.text) is not None:
            continue
        return "epithet"
    return "title"


def _close_quote(article: Article, span: Span) -> Span:
    """Keep the closing quote of a quoted label (his "best friend")."""
    if span.text.count('"') % 2 and article.text[span.end : span.end + 1] == '"':
        return article.span(span.start, span.end + 1)
    return span


def _trim(article: Article, span: Span) -> Span | None:
    """Drop surrounding spaces and commas; a label must keep at least one letter."""
    start, end = span.start, span.end
    text = article.text
    while start < end and text[start] in " ,":
        start += 1
    while end > start and text[end - 1] in " ,":
        end -= 1
    if not any(ch.isalpha() for ch in text[start:end]):
        return None
    return article.span(start, end)


def _entity_name(
    article_id: str,
    start: int,
    end: int,
    mentions: Sequence[Mention],
    names: dict[tuple[str, int, int], str],
    fallback: str,
) -> str:
    """The resolved entity name for a spaCy entity, via the overlapping annotated mention."""
    for mention in mentions:
        if mention.span.start < end and start < mention.span.end:
            return names.get((article_id, mention.span.start, mention.span.end), mention.span.text)
    return fallback
