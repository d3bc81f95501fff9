"""One concept as JSON: per outlet, the terms used for it, who used them, counts and spans.

A term is a phrase without its determiner ("the war" -> "war"); the same term in a
quotation and in the outlet's own words are kept as two entries, the quoted one carrying its
speaker, so "special operation" shows as Peskov's word in the outlet that quotes him.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from manysides.compare.phrases import Phrase
from manysides.compare.quotations import Quotation, inside
from manysides.compare.tone import compound, mean, phrase_valence
from manysides.model import Comparison

OWN = "outlet"
"""Voice of a term in the outlet's own words."""
_POSSESSIVE = re.compile(r"(?:'s|')$")


def term_key(phrase: Phrase) -> str:
    """Case-folded term without determiner or trailing possessive."""
    return display_term(phrase).lower()


def display_term(phrase: Phrase) -> str:
    """The term as shown: no determiner or trailing possessive; quotation marks stay when they
    pair inside it (his "best friend"), not when they wrap it or are unpaired."""
    bare = phrase.bare.strip()
    if bare.count('"') % 2 == 1 or (bare.startswith('"') and bare.endswith('"')):
        bare = bare.strip('"')
    return _POSSESSIVE.sub("", bare).strip()


def voice_of(phrase: Phrase, quotations: Sequence[Quotation]) -> tuple[str, bool]:
    """Who uses the words: the outlet, or a quoted speaker; and whether in scare quotes."""
    quote = inside(quotations, phrase.span.start, phrase.span.end)
    if quote is None:
        return OWN, False
    if quote.scare:
        return OWN, True
    return quote.speaker or "(unattributed quotation)", False


def concept_document(
    phrases: Sequence[Phrase],
    group: Sequence[int],
    quotes: Mapping[str, Sequence[Quotation]],
    outlets: Mapping[str, str],
    comparison: Comparison,
    anchor_names: Sequence[str | None] = (),
) -> dict[str, Any]:
    """Concept ``group`` (indices into ``phrases``) with its terms per article;
    ``anchor_names`` gives each phrase's resolved entity name, if any (for the name)."""
    members = sorted((phrases[i] for i in group), key=lambda p: (p.span.article, p.span.start))
    entity_names = [n for i in group if i < len(anchor_names) and (n := anchor_names[i])]
    by_article: dict[str, list[Phrase]] = defaultdict(list)
    for phrase in members:
        by_article[phrase.span.article].append(phrase)
    order = [a.id for a in comparison.articles if a.id in by_article]
    keys = {term_key(p) for p in members}
    return {
        "id": "",
        "name": _name(members, entity_names),
        "kind": _kind(members, bool(entity_names)),
        "mentions": len(members),
        "distinct_terms": len(keys),
        "outlets": [
            _outlet_terms(
                article_id, by_article[article_id], quotes.get(article_id, ()), outlets, comparison
            )
            for article_id in order
        ],
    }


def _kind(members: Sequence[Phrase], named: bool) -> str:
    """The most common kind, among names first when the concept is a resolved entity."""
    pool: list[str] = [p.kind for p in members if p.kind in ("person", "place", "name")]
    return Counter((pool if named else []) or [p.kind for p in members]).most_common(1)[0][0]


def _name(members: Sequence[Phrase], entity_names: Sequence[str]) -> str:
    """The resolved entity named most often in the concept; else its most used term (in
    most outlets, then the shortest): "meetings", not a one-off "regional security meeting"."""
    if entity_names:
        counts = Counter(entity_names)
        return max(counts, key=lambda n: (counts[n], len(n)))
    terms: dict[str, list[Phrase]] = {}
    for phrase in members:
        terms.setdefault(term_key(phrase), []).append(phrase)
    best = max(
        terms.values(),
        key=lambda ps: (len(ps), len({p.span.article for p in ps}), -len(ps[0].bare)),
    )
    return display_term(best[0])


def _outlet_terms(
    article_id: str,
    members: Sequence[Phrase],
    quotations: Sequence[Quotation],
    outlets: Mapping[str, str],
    comparison: Comparison,
) -> dict[str, Any]:
    entries: dict[tuple[str, str], dict[str, Any]] = {}
    for phrase in members:
        voice, scare = voice_of(phrase, quotations)
        key = (term_key(phrase), voice)
        entry = entries.setdefault(
            key,
            {
                "term": display_term(phrase),
                "voice": voice,
                "quoted": voice != OWN,
                "scare_quotes": False,
                "count": 0,
                "valence": phrase_valence(phrase.bare),
                "spans": [],
            },
        )
        entry["count"] += 1
        entry["scare_quotes"] = entry["scare_quotes"] or scare
        entry["spans"].append(phrase.span.to_dict())
    terms = sorted(entries.values(), key=lambda e: (-e["count"], e["term"].lower()))
    return {
        "article": article_id,
        "outlet": outlets[article_id],
        "terms": terms,
        "tone": _context_tone(article_id, members, comparison),
    }


def _context_tone(
    article_id: str, members: Sequence[Phrase], comparison: Comparison
) -> float | None:
    """Mean VADER compound of the sentences in which this article mentions the concept."""
    item = next((a for a in comparison.annotated if a.article.id == article_id), None)
    if item is None:
        return None
    sentences = {
        s.index: s.span.text
        for s in item.sentences
        for p in members
        if s.span.start <= p.span.start < s.span.end
    }
    return mean(compound(t) for t in sentences.values())
