"""Quotes across outlets: speakers mapped to entities, the same quotation linked (`same_as`)
with its wording differences, and the JSON ``quotes`` section.

Speaker resolution inside an article (pronouns, "the spokesperson") happens at annotation;
here the resolved name is matched to the cross-outlet entity whose variant ends where the
name ends, so "Peskov" and "Kremlin spokesman Dmitry Peskov" get one entity id; an
institution the tagger did not mark ("China's foreign ministry") gets the organization
entity with the same country-folded name ("Chinese Foreign Ministry").
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from manysides.compare.entities import organization_key
from manysides.model import Comparison, Entity, Quote, Span

_STOPWORDS = """the a an and or of to in on for with that this is are was were be will would has
    have had it its as at by from not but their they we our his her he she"""
STOPWORDS = frozenset(_STOPWORDS.split())
MIN_SHARED_WORDS = 3
MIN_SHARED_SHARE = 0.5
MIN_COMMON_RUN = 4
"""Two quotations are the same when they share 3+ content words, half of the shorter one's,
and either the speaker or a 4-word passage (paraphrases share words, quotations passages)."""


@dataclass(frozen=True, slots=True)
class QuoteRecord:
    """A quote with its id, article and resolved speaker entity, ready to link and render."""

    id: str
    outlet: str
    quote: Quote
    entity: str | None
    affiliation: str | None

    @property
    def speaker_text(self) -> str | None:
        spans = (self.quote.speaker_ref, self.quote.speaker)
        return next((s.text for s in spans if s is not None), None)


def enrich(comparison: Comparison) -> dict[str, Any]:
    """The ``quotes`` section of the comparison document."""
    records = quote_records(comparison)
    links = same_quotations(records)
    return {"quotes": [_quote_json(r, links.get(r.id, []), records) for r in records]}


def quote_records(comparison: Comparison) -> list[QuoteRecord]:
    """Every quote of every article, numbered q1, q2, … in article order."""
    ends = variant_ends(comparison.entities)
    organizations = {
        organization_key(e.name): e.id for e in reversed(comparison.entities) if e.type == "ORG"
    }
    records: list[QuoteRecord] = []
    for item in comparison.annotated:
        for quote in item.quotes:
            entity, affiliation = speaker_entity(quote, ends)
            if entity is None and quote.speaker_ref is not None:
                entity = organizations.get(organization_key(quote.speaker_ref.text))
                issuer = _issuer(quote.speaker_ref.text)
                if entity is None and issuer is not None:
                    entity = organizations.get(organization_key(issuer))
            number = len(records) + 1
            records.append(
                QuoteRecord(f"q{number}", item.article.outlet, quote, entity, affiliation)
            )
    return records


_DOCUMENTS = (
    r"(?:statement|report|press release|release|communiqu[eé]|readout|schedule|document"
    r"|filing|announcement)s?"
)
_ISSUED_BY = re.compile(
    _DOCUMENTS + r"\s+(?:released|issued|published|put out)\s+by\s+"
    r"(?P<issuer>(?:the\s+)?[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*)*)"
)
_ISSUER_DOCUMENT = re.compile(
    r"(?:an?|the)\s+(?P<issuer>.+?)\s+" + _DOCUMENTS + r"$", re.IGNORECASE
)
_DAYS = re.compile(r"\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$")


def _issuer(source: str) -> str | None:
    """Who issued a document given as the source: "a schedule released by the Kremlin
    Friday" is the Kremlin's, "a Chinese foreign ministry statement" the ministry's."""
    found = _ISSUED_BY.search(source) or _ISSUER_DOCUMENT.match(source.strip())
    return _DAYS.sub("", found.group("issuer")) if found else None


VariantEnds = dict[tuple[str, int], list[tuple[int, str]]]


def variant_ends(entities: list[Entity]) -> VariantEnds:
    ends: VariantEnds = defaultdict(list)
    for entity in entities:
        for variant in entity.variants:
            for span in variant.spans:
                ends[(span.article, span.end)].append((span.start, entity.id))
    return ends


def speaker_entity(quote: Quote, ends: VariantEnds) -> tuple[str | None, str | None]:
    """The entity the speaker's name is a variant of, and for a role ("a spokesperson for
    Prime Minister Rishi Sunak") the entity it speaks for."""
    ref = quote.speaker_ref
    if ref is None:
        return None, None
    for start, entity_id in ends.get((ref.article, ref.end), []):
        if start <= ref.start:
            return entity_id, None
    inner = [
        (end, -start, entity_id)
        for (article, end), found in ends.items()
        if article == ref.article and ref.start < end <= ref.end
        for start, entity_id in found
        if start >= ref.start
    ]
    return None, max(inner)[2] if inner else None  # the last, longest name: "for … Rishi Sunak"


def words(text: str) -> list[str]:
    return re.findall(r"[\w'-]+", text.lower())


def _content_words(record: QuoteRecord) -> set[str]:
    return {w for w in words(record.quote.text) if w not in STOPWORDS and len(w) > 2}


def same_quotations(records: list[QuoteRecord]) -> dict[str, list[str]]:
    """Links between quotes of different articles that report the same words."""
    bags = {r.id: _content_words(r) for r in records}
    links: dict[str, list[str]] = defaultdict(list)
    for i, one in enumerate(records):
        for other in records[i + 1 :]:
            if one.quote.content[0].article == other.quote.content[0].article:
                continue
            shared = bags[one.id] & bags[other.id]
            smaller = min(len(bags[one.id]), len(bags[other.id])) or 1
            if len(shared) < MIN_SHARED_WORDS or len(shared) / smaller < MIN_SHARED_SHARE:
                continue
            same_speaker = one.entity is not None and one.entity == other.entity
            if same_speaker or _common_run(one.quote.text, other.quote.text) >= MIN_COMMON_RUN:
                links[one.id].append(other.id)
                links[other.id].append(one.id)
    return links


def _common_run(one: str, other: str) -> int:
    """Length in words of the longest passage two texts share word for word."""
    a, b = words(one), words(other)
    return SequenceMatcher(a=a, b=b, autojunk=False).find_longest_match().size


def wording_differences(one: str, other: str) -> list[dict[str, str]]:
    """Word runs that differ between two renderings of one quotation, as each outlet wrote
    them, each with its kind: `reworded` (both say something different there), `only_this` /
    `only_other` (words one rendering has inside the shared passage), or `extent` (one quotes
    further before or after it: a longer excerpt, not a different wording). Words the other
    rendering also has, only elsewhere, are a change of order, not of wording, and left out."""
    a, b = _tokens(one), _tokens(other)
    a_words, b_words = [w for w, _s, _e in a], [w for w, _s, _e in b]
    ops = SequenceMatcher(a=a_words, b=b_words, autojunk=False).get_opcodes()
    changes = []
    for n, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag == "equal":
            continue
        if tag == "replace":
            kind = "reworded"
            if sorted(a_words[i1:i2]) == sorted(b_words[j1:j2]):
                continue  # the same words in another order
        elif n in (0, len(ops) - 1) and len(ops) > 1:
            kind = "extent"
        else:
            kind = "only_this" if tag == "delete" else "only_other"
            run, elsewhere = (
                (a_words[i1:i2], b_words) if tag == "delete" else (b_words[j1:j2], a_words)
            )
            if set(run) <= set(elsewhere):
                continue  # said in the other rendering too, only elsewhere
        changes.append(
            {"this": _verbatim(one, a, i1, i2), "other": _verbatim(other, b, j1, j2), "kind": kind}
        )
    return changes


def _tokens(text: str) -> list[tuple[str, int, int]]:
    """Lowercased words with their offsets, so a difference can be shown as written."""
    return [(m.group().lower(), m.start(), m.end()) for m in re.finditer(r"[\w'-]+", text)]


def _verbatim(text: str, tokens: list[tuple[str, int, int]], first: int, last: int) -> str:
    """The text from token ``first`` to token ``last - 1``, punctuation inside included."""
    return text[tokens[first][1] : tokens[last - 1][2]] if last > first else ""


def _span(span: Span | None) -> dict[str, object] | None:
    return span.to_dict() if span is not None else None


def _quote_json(
    record: QuoteRecord, links: list[str], records: list[QuoteRecord]
) -> dict[str, Any]:
    quote = record.quote
    by_id = {r.id: r for r in records}
    return {
        "id": record.id,
        "article": quote.content[0].article,
        "outlet": record.outlet,
        "speaker": record.entity,
        "speaker_text": record.speaker_text,
        "speaker_kind": quote.speaker_kind,
        "speaker_span": _span(quote.speaker),
        "speaker_ref": _span(quote.speaker_ref),
        "affiliation": record.affiliation,
        "cue": _span(quote.cue),
        "content": [s.to_dict() for s in quote.content],
        "direct": quote.direct,
        "speech": quote.speech,
        "sentence": quote.sentence,
        "same_as": links,
        "differences": [
            {"quote": other, "changes": wording_differences(quote.text, by_id[other].quote.text)}
            for other in links
        ],
    }
