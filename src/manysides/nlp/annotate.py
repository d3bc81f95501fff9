"""Per-article annotation: sentences, entity mentions (with fixes), numbers — all as spans."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from manysides.model import AnnotatedArticle, Article, Mention, NumberMention, Sentence, Span
from manysides.nlp.fixes import RawEntity, fix_entities
from manysides.nlp.numbers import (
    counted_phrase,
    is_idiom,
    is_number_label,
    number_kind,
    parse_value,
)
from manysides.nlp.pipeline import load_pipeline, parse_texts
from manysides.nlp.story import story_extras
from manysides.read.normalize import paragraph_offsets

ENTITY_LABELS = {
    "PERSON",
    "ORG",
    "GPE",
    "LOC",
    "NORP",
    "FAC",
    "PRODUCT",
    "EVENT",
    "LAW",
    "DATE",
    "TIME",
}
TITLE_SENTENCE = -1
"""Sentence index of mentions found in the headline (the headline is not a statement)."""


def story_paragraphs(article: Article) -> list[tuple[int, int]]:
    """Offsets of the title and of the body paragraphs that are not furniture; furniture
    inside a paragraph (a caption flattened into the text) is cut out of it."""
    furniture = sorted((f.span.start, f.span.end) for f in article.furniture)
    pieces = []
    for start, end in paragraph_offsets(article.text):
        at = start
        for cut_start, cut_end in furniture:
            if cut_end <= at or cut_start >= end:
                continue
            pieces.append((at, cut_start))
            at = max(at, cut_end)
        pieces.append((at, end))
    return [_stripped(article.text, s, e) for s, e in pieces if article.text[s:e].strip()]


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    while text[start].isspace():
        start += 1
    while text[end - 1].isspace():
        end -= 1
    return start, end


def annotate_articles(articles: Sequence[Article], nlp: Any = None) -> list[AnnotatedArticle]:
    """Annotate every article with one batched pass of the pipeline."""
    nlp = nlp or load_pipeline()
    jobs = [(a, p) for a in articles for p in story_paragraphs(a)]
    docs = parse_texts([a.text[s:e] for a, (s, e) in jobs], nlp)
    per_article: dict[str, list[tuple[int, Any]]] = defaultdict(list)
    for (article, (start, _end)), doc in zip(jobs, docs, strict=True):
        per_article[article.id].append((start, doc))
    annotated = [_annotate(a, per_article[a.id]) for a in articles]
    return relabel_by_majority(annotated)


def _annotate(article: Article, paragraphs: list[tuple[int, Any]]) -> AnnotatedArticle:
    sentences: list[Sentence] = []
    mentions: list[Mention] = []
    numbers: list[NumberMention] = []
    title_start = article.title_span.start if article.title_span else -1
    for paragraph_index, (offset, doc) in enumerate(paragraphs):
        in_title = offset == title_start
        bounds: list[tuple[int, int, int]] = []
        for sent in doc.sents:
            if in_title or len(sent) < 3:
                continue
            start, end = offset + sent.start_char, offset + sent.end_char
            bounds.append((start, end, len(sentences)))
            sentences.append(Sentence(article.span(start, end), len(sentences), paragraph_index))
        raw = [
            RawEntity(offset + e.start_char, offset + e.end_char, e.label_)
            for e in doc.ents
            if e.label_ in ENTITY_LABELS or is_number_label(e.label_)
        ]
        propn = [(offset + t.idx, offset + t.idx + len(t)) for t in doc if t.pos_ == "PROPN"]
        window = (offset, offset + len(doc.text))
        for entity in fix_entities(article.text, window, raw, propn):
            index = _sentence_of(entity.start, bounds)
            span = article.span(entity.start, entity.end)
            if is_number_label(entity.label) and is_idiom(article.text, entity.end):
                continue
            if is_number_label(entity.label):
                tokens = doc.char_span(
                    entity.start - offset, entity.end - offset, alignment_mode="expand"
                )
                counted = counted_phrase(tokens) if tokens is not None and len(tokens) else None
                numbers.append(
                    NumberMention(
                        span, parse_value(span.text), counted, number_kind(entity.label), index
                    )
                )
            else:
                mentions.append(Mention(span, entity.label, index))
    body = [(offset, doc) for offset, doc in paragraphs if offset != title_start]
    extras = story_extras(article, body, mentions, sentences)  # quotes, dates, events (issue 4)
    return AnnotatedArticle(article, tuple(sentences), tuple(mentions), tuple(numbers), **extras)


def _sentence_of(start: int, bounds: list[tuple[int, int, int]]) -> int:
    for s, e, index in bounds:
        if s <= start < e:
            return index
    return TITLE_SENTENCE


def relabel_by_majority(annotated: list[AnnotatedArticle]) -> list[AnnotatedArticle]:
    """Evidence across documents: a surface form tagged one way in most places is tagged so
    everywhere ("Kyiv" GPE four times and PERSON once becomes GPE five times)."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for item in annotated:
        for mention in _named(item.mentions):
            votes[mention.span.text][mention.label] += 1
    winners: dict[str, str] = {}
    for surface, counter in votes.items():
        (label, top), total = counter.most_common(1)[0], sum(counter.values())
        if len(counter) > 1 and top >= 2 and top / total >= 0.6:
            winners[surface] = label
    if not winners:
        return annotated
    return [
        replace(
            item,
            mentions=tuple(
                replace(m, label=winners[m.span.text])
                if m.span.text in winners and m.label not in ("DATE", "TIME")
                else m
                for m in item.mentions
            ),
        )
        for item in annotated
    ]


def _named(mentions: Iterable[Mention]) -> Iterable[Mention]:
    return (m for m in mentions if m.label not in ("DATE", "TIME"))


def sentence_span(item: AnnotatedArticle, index: int) -> Span:
    return item.sentences[index].span
