"""How each outlet frames the story: concepts and the words each outlet uses for them,
labels and loaded words, tone, and sourcing — the ``framing`` section of the comparison.

Registered in `compare/enrich.py`; rendered by `render/section_framing.py`. Every span cites
``articles[i].text[start:end]``. Words inside quotations are kept apart from the outlet's own
words and credited to the speaker ("special operation" is Peskov's, not the outlet's).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from manysides.compare.concepts import STRICT, build_concepts
from manysides.compare.framing_links import entity_keys
from manysides.compare.labels import Label, find_labels
from manysides.compare.phrases import Phrase, article_phrases, paragraph_docs
from manysides.compare.quotations import Quotation, find_quotations
from manysides.compare.sourcing import credits, quoted_sources, speaker_sides
from manysides.compare.terms import concept_document
from manysides.compare.tone import compound, loaded_words, mean
from manysides.model import AnnotatedArticle, Comparison
from manysides.nlp.annotate import story_paragraphs
from manysides.nlp.embed import Embedder, default_embedder
from manysides.nlp.pipeline import load_pipeline

MIN_CONCEPT_MENTIONS = 2
MIN_COHESION = 0.55
"""Concepts whose merged parts are less alike than this (mean MiniLM cosine) are grab bags
and are left out of the report (see docs/framing.md)."""


@dataclass(slots=True)
class _Read:
    """One article's parse, quotations, candidate phrases and labels."""

    item: AnnotatedArticle
    docs: list[tuple[int, Any]]
    quotations: list[Quotation]
    phrases: list[Phrase]
    labels: list[Label]


def enrich(comparison: Comparison) -> dict[str, Any]:
    """Enricher entry point (see `compare/enrich.py`)."""
    return {"framing": framing(comparison)}


def framing(
    comparison: Comparison, nlp: Any = None, embedder: Embedder | None = None
) -> dict[str, Any]:
    """The framing document: ``concepts``, ``labels``, ``outlets`` (tone, loaded words,
    sources) and ``method`` (what each measure is and its limits)."""
    nlp = nlp or load_pipeline()
    names = {
        (s.article, s.start, s.end): e.name
        for e in comparison.entities
        for v in e.variants
        for s in v.spans
    }
    reads = [_read(item, comparison, names, nlp) for item in comparison.annotated]
    phrases = [p for r in reads for p in r.phrases]
    resolved = entity_keys(phrases, comparison.entities)
    found = build_concepts(phrases, embedder or default_embedder(), STRICT, resolved)
    quotes = {r.item.article.id: r.quotations for r in reads}
    outlets = {r.item.article.id: r.item.article.outlet for r in reads}
    anchor_names = _anchor_names(phrases, comparison)
    concepts = [
        concept_document(phrases, g, quotes, outlets, comparison, anchor_names) | {"cohesion": c}
        for g, c in zip(found.groups, found.cohesion, strict=True)
        if len(g) >= MIN_CONCEPT_MENTIONS and c >= MIN_COHESION
    ]
    concepts.sort(key=lambda c: (-len(c["outlets"]), -c["distinct_terms"], -c["mentions"]))
    for number, concept in enumerate(concepts, start=1):
        concept["id"] = f"c{number}"
    all_labels = [label for r in reads for label in r.labels]
    sides = speaker_sides(all_labels)
    return {
        "concepts": concepts,
        "labels": [_label_document(r, label) for r in reads for label in r.labels],
        "outlets": [_outlet_document(r, sides) for r in reads],
        "method": METHOD,
    }


def _anchor_names(phrases: Sequence[Phrase], comparison: Comparison) -> list[str | None]:
    """Per phrase, the resolved entity's name when an entity mention holds its head, so a
    concept is named "Xi Jinping", not after a rare or titled mention."""
    spans = {
        (s.article, s.start, s.end): e.name
        for e in comparison.entities
        for v in e.variants
        for s in v.spans
    }
    by_article: dict[str, list[tuple[int, int, str]]] = {}
    for (article, start, end), name in spans.items():
        by_article.setdefault(article, []).append((start, end, name))
    return [
        next(
            (n for s, e, n in by_article.get(p.span.article, ()) if s <= p.head_start < e),
            None,
        )
        if p.kind != "noun"
        else None
        for p in phrases
    ]


def _read(
    item: AnnotatedArticle, comparison: Comparison, names: dict[tuple[str, int, int], str], nlp: Any
) -> _Read:
    article = item.article
    docs = list(paragraph_docs(article.text, _body_paragraphs(item), nlp))
    quotations = find_quotations(item, comparison.entities)
    labels = find_labels(article, docs, item.mentions, names, quotations)
    return _Read(item, docs, quotations, article_phrases(article, docs), labels)


def _body_paragraphs(item: AnnotatedArticle) -> list[tuple[int, int]]:
    """Story paragraphs without the headline (a headline has no sentences to cite)."""
    title = item.article.title_span
    return [p for p in story_paragraphs(item.article) if title is None or p[0] != title.start]


def _label_document(read: _Read, label: Label) -> dict[str, Any]:
    return {
        "entity": label.entity,
        "outlet": read.item.article.outlet,
        "kind": label.kind,
        "form": label.form,
        "quoted": label.quoted,
        "speaker": label.speaker,
        "valence": label.valence,
        "span": label.span.to_dict(),
    }


def _outlet_document(read: _Read, sides: dict[str, str]) -> dict[str, Any]:
    """Tone, loaded words (own vs. quoted) and sources of one article."""
    article = read.item.article
    own_sentences, quoted_passages = _own_and_quoted(read)
    speakers, per_side = quoted_sources(read.quotations, sides)
    loaded = [
        {"word": w, "valence": v, "quoted": q, "span": article.span(s, e).to_dict()}
        for s, e, w, v, q in _loaded(read)
    ]
    return {
        "article": article.id,
        "outlet": article.outlet,
        "tone": {
            "own": mean(compound(t) for t in own_sentences),
            "quoted": mean(compound(t) for t in quoted_passages),
            "sentences": len(own_sentences),
            "quotations": len(quoted_passages),
        },
        "loaded_words": loaded,
        "scare_quotes": [q.span.to_dict() for q in read.quotations if q.scare],
        "credits": credits(article, read.quotations),
        "quoted_sources": speakers,
        "quotes_per_side": per_side,
    }


def _own_and_quoted(read: _Read) -> tuple[list[str], list[str]]:
    """Sentences in the outlet's own words (quotations blanked out), and quoted passages."""
    text = read.item.article.text
    real = [q for q in read.quotations if not q.scare]
    own = []
    for sentence in read.item.sentences:
        chars = list(text[sentence.span.start : sentence.span.end])
        for quote in real:
            for i in range(
                max(quote.span.start, sentence.span.start), min(quote.span.end, sentence.span.end)
            ):
                chars[i - sentence.span.start] = " "
        if "".join(chars).strip():
            own.append("".join(chars))
    return own, [q.span.text for q in real]


def _loaded(read: _Read) -> list[tuple[int, int, str, float, bool]]:
    """Emotive words of the story sentences, each marked quoted or the outlet's own."""
    found = []
    real = [q for q in read.quotations if not q.scare]
    for sentence in read.item.sentences:
        for s, e, word, score in loaded_words(sentence.span.text, sentence.span.start):
            quoted = any(q.span.start <= s < q.span.end for q in real)
            found.append((s, e, word, score, quoted))
    return found


METHOD: dict[str, str] = {
    "concepts": "Noun phrases and named entities of all articles grouped into concepts: "
    "each resolved entity is one concept (a country with its capital, institutions and "
    "demonyms), role nouns join a person only by apposition or their article's title for "
    "them, then head lemma, a curated frame lexicon (war/invasion/special operation/"
    "crisis...) and average-link MiniLM similarity; different entities, opposing groups and "
    "plural nouns with one person never merge. 'cohesion' is the mean similarity of the "
    "merged parts; concepts below 0.55 are left out. CoNLL F1 on NewsWCL50 in "
    "benchmarks/RESULTS.md.",
    "tone": "VADER compound score (-1..+1) of sentences, mean per outlet: the outlet's own "
    "words (quotations blanked) apart from quoted passages; per concept, the sentences "
    "mentioning it. It measures word valence, not stance; it is blind to euphemism and "
    "reads reports of bad news as negative.",
    "loaded_words": "Words with |VADER valence| >= 1.5 (human ratings -4..+4).",
    "labels": "Words before a name in its noun phrase, and appositions, from the parse; "
    "'title' when only titles and country words, else 'epithet' or 'apposition'.",
    "quotations": "Straight double-quoted passages; speaker = the quote extractor's (as in "
    "'Who said what'), else the nearest person (else organization) named outside the quotation "
    "in its sentences; a short quotation with no speech verb is a scare quote.",
    "sources": "Credits from captions/credit lines and in-text agency credits ('told AFP').",
}


def concepts_of(document: dict[str, Any]) -> Sequence[dict[str, Any]]:
    """The concepts list of a framing document (for renderers and tests)."""
    found: Sequence[dict[str, Any]] = document.get("concepts", [])
    return found
