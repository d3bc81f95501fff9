"""Per-article features for dedup and clustering, computed in executor workers.

Everything here is a pure function of the article text (plus the model named in
`FeatureSettings`), so it can run in any process and the results are plain data.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import re
from collections import Counter
from collections.abc import Hashable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

import numpy as np

from manysides.model import Article
from manysides.nlp.embed import Embedder, HashingEmbedder

NUM_PERM = 126
BAND_ROWS = 3
"""42 bands of 3 rows: a pair at Jaccard 0.5 becomes a candidate with p = 0.996, one at 0.1
with p = 0.04; candidates are then checked on the exact shingle Jaccard."""
SHINGLE = 5
LEAD_CHARS = 600
"""Headline + about the first paragraph: what the embedding and NER read. The lead names the
event; reading further costs time (NER is ~40 % of per-article work) for little signal."""
ENTITY_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
)
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
        "and",
        "or",
        "for",
        "on",
        "at",
        "by",
        "with",
        "from",
        "as",
        "is",
        "was",
        "were",
        "be",
        "been",
        "are",
        "it",
        "its",
        "that",
        "this",
        "said",
        "says",
        "he",
        "she",
        "they",
        "his",
        "her",
        "their",
        "not",
        "but",
        "have",
        "has",
        "had",
        "will",
        "would",
        "can",
        "could",
        "who",
        "which",
        "what",
        "when",
        "where",
        "there",
        "than",
        "after",
        "before",
        "over",
        "about",
        "into",
        "also",
        "more",
        "one",
        "two",
        "new",
        "its",
        "we",
        "you",
        "our",
        "your",
        "them",
        "him",
        "i",
        "me",
        "my",
        "us",
        "all",
        "any",
        "some",
        "just",
        "now",
        "out",
        "up",
    ]
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)


@dataclass(frozen=True, slots=True)
class FeatureSettings:
    """Which models compute features; stored with the corpus so later ingests must match."""

    embedder: Literal["minilm", "hashing"] = "minilm"
    entities: Literal["spacy", "capitalized"] = "spacy"


@dataclass(frozen=True, slots=True)
class Features:
    article_id: str
    embedding: np.ndarray[Any, np.dtype[np.float32]]
    minhash: tuple[int, ...]
    terms: dict[str, int]
    entities: tuple[str, ...]


def shingles(text: str) -> set[str]:
    """Lowercased word 5-grams; shorter texts fall back to their words."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < SHINGLE:
        return set(words)
    return {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def word_ngrams(text: str) -> set[tuple[str, ...]]:
    """The same 5-grams as `shingles`, as tuples: the exact Jaccard is the same and building
    the set is ~2x faster (no joined strings); MinHash keeps `shingles`, whose hashes are
    stored."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < SHINGLE:
        return {(w,) for w in words}
    return set(zip(*(words[i:] for i in range(SHINGLE)), strict=False))


def jaccard(a: AbstractSet[Hashable], b: AbstractSet[Hashable]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def body(article: Article) -> str:
    """The text without the headline: copies often change headlines, rarely bodies."""
    return article.text[article.body_start :] or article.text


def story_body(article: Article) -> str:
    """The body without site boilerplate ("Advertisement Continue reading the main story",
    copyright lines): what clustering and wire-copy detection read, so pages of one site do
    not look alike (or like copies of each other) through their template text. Other
    furniture stays: leaving out captions, credits and datelines too was measured to lower
    news_cluster B-cubed F1 (0.949 -> 0.941). Empty when the page has nothing else."""
    spans = [(f.span.start, f.span.end) for f in article.furniture if f.kind == "boilerplate"]
    return without_spans(article.text, article.body_start, spans)


def without_spans(text: str, body_start: int, spans: Sequence[tuple[int, int]]) -> str:
    """text[body_start:] with the given (start, end) spans cut out, the pieces joined by a
    blank line; `body` when nothing is cut. Works on stored rows without rebuilding an
    Article."""
    at = body_start
    cut = sorted((start, end) for start, end in spans if end > at)
    if not cut:
        return text[body_start:] or text
    parts = []
    for start, end in cut:
        parts.append(text[at:start])
        at = max(at, end)
    parts.append(text[at:])
    return "\n\n".join(p.strip() for p in parts if p.strip())


def minhash(text: str) -> tuple[int, ...]:
    from rensa import RMinHash

    sketch = RMinHash(num_perm=NUM_PERM, seed=42)
    sketch.update(sorted(shingles(text)))
    return tuple(int(v) for v in sketch.digest())


def band_keys(signature: Sequence[int]) -> list[tuple[int, int]]:
    """(band, key) pairs for the LSH table; key is a signed 64-bit hash SQLite can index."""
    keys = []
    for band in range(len(signature) // BAND_ROWS):
        rows = signature[band * BAND_ROWS : (band + 1) * BAND_ROWS]
        digest = hashlib.blake2b(repr(rows).encode(), digest_size=8).digest()
        keys.append((band, int.from_bytes(digest, "little", signed=True)))
    return keys


def terms(article: Article) -> dict[str, int]:
    """Content-word counts of headline (counted twice: it names the event) and body."""
    words = [w.lower() for w in _WORD.findall(article.title)] * 2
    words += [w.lower() for w in _WORD.findall(story_body(article)[:4000])]
    return dict(Counter(w for w in words if len(w) > 2 and w not in _STOP))


def lead(article: Article) -> str:
    return f"{article.title}\n{story_body(article)[:LEAD_CHARS]}"


def featurize(batch: tuple[FeatureSettings, list[Article]]) -> list[Features]:
    """All features of a batch of articles (batched so the embedder and parser run in bulk)."""
    settings, articles = batch
    leads = [lead(a) for a in articles]
    vectors = _embedder(settings.embedder, _threads()).embed(leads)
    entities = _entities(settings.entities, leads)
    return [
        Features(a.id, vectors[i], minhash(story_body(a)), terms(a), entities[i])
        for i, a in enumerate(articles)
    ]


def _threads() -> int:
    """One ONNX thread in an executor worker (the workers already fill the cores; more threads
    per worker oversubscribe them), two in the main process."""
    return 1 if multiprocessing.parent_process() is not None else 2


@lru_cache(maxsize=2)
def _embedder(kind: str, threads: int) -> Embedder:
    """Loaded once per process (per kind): workers keep their model across batches."""
    if kind == "hashing":
        return HashingEmbedder(384)
    from manysides.nlp.embed import MiniLMEmbedder

    return MiniLMEmbedder(threads=threads)


def _entities(kind: str, texts: Sequence[str]) -> list[tuple[str, ...]]:
    """Named entities of the leads: NER only (tok2vec + ner; parser, tagger and lemmatizer
    disabled), the only annotation clustering needs."""
    if kind == "capitalized":
        return [_capitalized(t) for t in texts]
    from manysides.nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    found = []
    with nlp.select_pipes(enable=["tok2vec", "ner"]):
        for doc in nlp.pipe(texts, batch_size=32):
            names = (e.text.strip() for e in doc.ents if e.label_ in ENTITY_LABELS)
            found.append(tuple(dict.fromkeys(n for n in names if len(n) > 1)))
    return found


def _capitalized(text: str) -> tuple[str, ...]:
    """A model-free stand-in: runs of capitalized words not at a sentence start."""
    runs = re.findall(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]+(?:\s[A-Z][a-z]+)*)", text, re.M)
    return tuple(dict.fromkeys(r for r in runs if r.lower() not in _STOP))
