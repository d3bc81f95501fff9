"""Group referring phrases of one story into concepts, across all its articles.

Why these steps: names alone miss most of what outlets vary ("the war" / "the special
operation", "American officials" / "Washington"), and embeddings alone merge neighbours
("the president" / "the White House"). So grouping goes from safe to loose:

1. anchors: a person by shared name words ("Kim Jong-un" / "Mr. Kim"), a country by
   gazetteer, capital, institution or demonym ("Pyongyang", "the Kremlin", "American officials");
2. titles: "the president" joins the person the story calls "President ...";
3. pronouns join the nearest preceding compatible phrase in the article;
4. everything else starts grouped by head lemma (the classic baseline), and groups are then
   merged by MiniLM similarity of their phrases and by a small curated frame lexicon
   (`framelex.FAMILIES`: "war", "invasion", "special operation", "crisis" ...), never
   merging two different anchored people or countries.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from manysides.compare.framelex import family_of
from manysides.compare.phrases import (
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    SPEAKER_PRONOUNS,
    THING_PRONOUNS,
    Phrase,
)
from manysides.nlp.embed import Embedder, default_embedder

TITLE_SKIP = {"mr", "mrs", "ms", "dr", "mr.", "mrs.", "ms.", "dr."}


@dataclass(frozen=True, slots=True)
class GroupingSettings:
    """Thresholds chosen on NewsWCL50 events 0-4 (see benchmarks/newswcl50.py)."""

    similarity: float = 0.70
    """Mean cosine between two groups' phrases above which they merge."""
    pronoun_window: int = 2
    """How many sentences back a pronoun may look for its antecedent."""
    use_frames: bool = True
    attach: float = 0.10
    """Groups of at most ``small`` phrases join the most similar larger group above this.
    Right when every phrase belongs to some concept (gold mentions); for raw noun chunks use
    `STRICT`, which leaves strays alone."""
    small: int = 3


STRICT = GroupingSettings(attach=1.01)
"""For candidate phrases from raw text (framing): no forced attachment of strays."""


def lemma_baseline(phrases: Sequence[Phrase]) -> list[list[int]]:
    """The same-head-lemma baseline (Diverse-CDCR's): one group per head lemma."""
    groups: dict[str, list[int]] = defaultdict(list)
    for index, phrase in enumerate(phrases):
        groups[phrase.head].append(index)
    return list(groups.values())


class _Union:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)

    def groups(self) -> list[list[int]]:
        found: dict[int, list[int]] = defaultdict(list)
        for item in range(len(self.parent)):
            found[self.find(item)].append(item)
        return list(found.values())


def group_phrases(
    phrases: Sequence[Phrase],
    embedder: Embedder | None = None,
    settings: GroupingSettings | None = None,
) -> list[list[int]]:
    """Concepts as lists of phrase indices (every phrase in exactly one concept)."""
    settings = settings or GroupingSettings()
    union = _Union(len(phrases))
    anchors = _anchor(phrases, union)
    _link_titles(phrases, union)
    _link_by_key(phrases, union, settings)
    embedder = embedder or default_embedder()
    _merge_similar(phrases, union, anchors, embedder, settings)
    _attach_small(phrases, union, anchors, embedder, settings)
    _link_pronouns(phrases, union, settings)
    return union.groups()


def _anchor(phrases: Sequence[Phrase], union: _Union) -> dict[int, str]:
    """Union people by surname and places by country; returns group root -> anchor key."""
    keys = _anchor_keys(phrases)
    first_by_key: dict[str, int] = {}
    for index, key in keys.items():
        if key in first_by_key:
            union.union(index, first_by_key[key])
        else:
            first_by_key[key] = index
    anchors: dict[int, str] = {}
    for index, key in keys.items():
        anchors.setdefault(union.find(index), key)
    return anchors


def _anchor_keys(phrases: Sequence[Phrase]) -> dict[int, str]:
    """A multi-word name is keyed by its last word; a one-word name ("Kim", "Xi") by the
    full name that is the only one containing it, else by itself ("Dmitry" alone stays)."""
    keys: dict[int, str] = {}
    owners: dict[str, set[str]] = defaultdict(set)
    names = {i: _name_words(p) for i, p in enumerate(phrases) if p.kind == "person"}
    for index, words in names.items():
        if len(words) > 1:
            keys[index] = f"person:{words[-1]}"
            for word in words:
                owners[word].add(keys[index])
    for index, words in names.items():
        if len(words) == 1:
            word = words[0]
            found = owners.get(word, set())
            keys[index] = next(iter(found)) if len(found) == 1 else f"person:{word}"
    for index, phrase in enumerate(phrases):
        if phrase.kind == "place" and phrase.country:
            keys[index] = f"country:{phrase.country}"
    return keys


def _name_words(phrase: Phrase) -> list[str]:
    return [w.lower() for w in phrase.person if len(w) > 1 and w.lower() not in TITLE_SKIP]


def _link_titles(phrases: Sequence[Phrase], union: _Union) -> None:
    """A bare title noun ("the president") joins the most frequent person holding it."""
    holders: dict[str, Counter[int]] = defaultdict(Counter)
    for index, phrase in enumerate(phrases):
        for title in phrase.titles:
            holders[title][union.find(index)] += 1
    for index, phrase in enumerate(phrases):
        if phrase.kind == "noun" and not phrase.plural and phrase.head in holders:
            union.union(index, holders[phrase.head].most_common(1)[0][0])


def _link_by_key(phrases: Sequence[Phrase], union: _Union, settings: GroupingSettings) -> None:
    """Same head lemma (non-anchored nouns and names), and same frame family."""
    first: dict[str, int] = {}
    for index, phrase in enumerate(phrases):
        if phrase.kind in ("pronoun", "person", "place"):
            continue
        keys = [f"lemma:{phrase.head}"]
        family = family_of(phrase.bare) if settings.use_frames else None
        if family:
            keys.append(f"frame:{family}")
        for key in keys:
            if key in first:
                union.union(index, first[key])
            else:
                first[key] = index


def _merge_similar(
    phrases: Sequence[Phrase],
    union: _Union,
    anchors: dict[int, str],
    embedder: Embedder,
    settings: GroupingSettings,
) -> None:
    """Average-link agglomeration of groups by phrase embeddings, anchors kept apart."""
    members = [g for g in union.groups() if phrases[g[0]].kind != "pronoun"]
    if len(members) < 2:
        return
    texts = sorted({phrases[i].bare for g in members for i in g})
    row = {t: n for n, t in enumerate(texts)}
    vectors = embedder.embed(texts)
    centroids = np.stack([vectors[[row[phrases[i].bare] for i in g]].mean(axis=0) for g in members])
    centroids /= np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-12)
    anchor = [anchors.get(union.find(g[0])) for g in members]
    sims = centroids @ centroids.T
    np.fill_diagonal(sims, -1.0)
    for a, b in _pairs_above(sims, settings.similarity):
        if anchor[a] and anchor[b] and anchor[a] != anchor[b]:
            continue
        ra, rb = union.find(members[a][0]), union.find(members[b][0])
        if ra == rb or _conflict(anchors, ra, rb):
            continue
        union.union(members[a][0], members[b][0])
        merged = anchors.get(ra) or anchors.get(rb)
        if merged:
            anchors[union.find(members[a][0])] = merged


def _attach_small(
    phrases: Sequence[Phrase],
    union: _Union,
    anchors: dict[int, str],
    embedder: Embedder,
    settings: GroupingSettings,
) -> None:
    """Stray phrases ("the department", "leaders at the highest levels") mostly belong to a
    story's main concepts: each small group joins its most similar larger group."""
    groups = [g for g in union.groups() if phrases[g[0]].kind != "pronoun"]
    large = [g for g in groups if len(g) > settings.small]
    small = [g for g in groups if len(g) <= settings.small]
    if not large or not small:
        return
    texts = sorted({phrases[i].bare for g in groups for i in g})
    row = {t: n for n, t in enumerate(texts)}
    vectors = embedder.embed(texts)
    big = _centroids([[row[phrases[i].bare] for i in g] for g in large], vectors)
    little = _centroids([[row[phrases[i].bare] for i in g] for g in small], vectors)
    sims = little @ big.T
    for n, group in enumerate(small):
        for m in np.argsort(-sims[n]):
            if sims[n, m] < settings.attach:
                break
            ra, rb = union.find(group[0]), union.find(large[m][0])
            if not _conflict(anchors, ra, rb):
                union.union(group[0], large[m][0])
                merged = anchors.get(ra) or anchors.get(rb)
                if merged:
                    anchors[union.find(group[0])] = merged
                break


def _centroids(rows: list[list[int]], vectors: np.ndarray) -> np.ndarray:
    found = np.stack([vectors[r].mean(axis=0) for r in rows])
    normalized: np.ndarray = found / np.maximum(np.linalg.norm(found, axis=1, keepdims=True), 1e-12)
    return normalized


def _conflict(anchors: dict[int, str], ra: int, rb: int) -> bool:
    a, b = anchors.get(ra), anchors.get(rb)
    return bool(a and b and a != b)


def _pairs_above(sims: np.ndarray, threshold: float) -> list[tuple[int, int]]:
    rows, cols = np.nonzero(np.triu(sims, 1) >= threshold)
    order = np.argsort(-sims[rows, cols], kind="stable")
    return [(int(rows[k]), int(cols[k])) for k in order]


def _link_pronouns(phrases: Sequence[Phrase], union: _Union, settings: GroupingSettings) -> None:
    """Each third-person pronoun joins the nearest preceding compatible phrase."""
    by_article: dict[str, list[int]] = defaultdict(list)
    for index, phrase in enumerate(phrases):
        by_article[phrase.span.article].append(index)
    for indices in by_article.values():
        indices.sort(key=lambda i: phrases[i].span.start)
        for position, index in enumerate(indices):
            pronoun = phrases[index]
            if pronoun.kind != "pronoun" or pronoun.head in SPEAKER_PRONOUNS:
                continue
            target = _antecedent(pronoun, [phrases[i] for i in indices[:position]], settings)
            if target is not None:
                union.union(index, indices[target])


def _antecedent(
    pronoun: Phrase, before: Sequence[Phrase], settings: GroupingSettings
) -> int | None:
    word = pronoun.span.text.lower()
    for position in range(len(before) - 1, -1, -1):
        candidate = before[position]
        if pronoun.sentence - candidate.sentence > settings.pronoun_window:
            return None
        if candidate.kind == "pronoun":
            continue
        if word in PERSON_PRONOUNS and candidate.kind == "person":
            return position
        if word in PLURAL_PRONOUNS and (candidate.plural or candidate.kind == "place"):
            return position
        if (
            word in THING_PRONOUNS
            and candidate.kind in ("place", "name", "noun")
            and not candidate.plural
        ):
            return position
    return None
