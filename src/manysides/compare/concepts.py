"""Group referring phrases of one story into concepts, across all its articles.

Why these steps: names alone miss most of what outlets vary ("the war" / "the special
operation", "American officials" / "Washington"), and embeddings alone merge neighbours
("the president" / "the White House"). So grouping goes from safe to loose:

1. anchors: every phrase headed by a resolved entity's mention belongs to that entity; a
   country's names, capital, institutions and demonyms to the country ("Pyongyang", "the
   Kremlin", "American officials"); without entities, people by surname;
2. explicit links: an apposition ("China's foreign minister, Qin Gang") and a bare title its
   article gives exactly one person ("the president" -> "President ...");
3. same head lemma (role nouns also by their modifiers: "Western leaders" is not "the two
   leaders"), and a small curated frame lexicon (`framelex.FAMILIES`);
4. average-link merging of those groups by MiniLM similarity, then (benchmark setting only)
   attachment of small strays; pronouns last.

Every union obeys `framing_links.Groups.compatible` (different entities never merge, people
take no plural nouns, role nouns join people only by explicit links). Each concept gets a
cohesion score: mean similarity between the step-3 groups it merged (1.0 when it is one).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from manysides.compare.framelex import family_of
from manysides.compare.framing_links import Groups, anchor_keys, is_title_noun
from manysides.compare.phrases import (
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    SPEAKER_PRONOUNS,
    THING_PRONOUNS,
    Phrase,
)
from manysides.nlp.embed import Embedder, default_embedder


@dataclass(frozen=True, slots=True)
class GroupingSettings:
    """Thresholds chosen on NewsWCL50 events 0-4 (see benchmarks/newswcl50.py)."""

    similarity: float = 0.50
    """Mean cosine between all units of two groups at or above which they merge."""
    pronoun_window: int = 2
    """How many sentences back a pronoun may look for its antecedent."""
    use_frames: bool = True
    attach: float = 0.10
    """Groups of at most ``small`` phrases join the most similar larger group above this.
    Right when every phrase belongs to some concept (gold mentions); for raw noun chunks use
    `STRICT`, which leaves strays alone."""
    small: int = 6


STRICT = GroupingSettings(similarity=0.70, attach=1.01)
"""For candidate phrases from raw text (framing): no forced attachment of strays."""


@dataclass(frozen=True, slots=True)
class Concepts:
    """Concepts as lists of phrase indices (every phrase in exactly one), with cohesion."""

    groups: list[list[int]]
    cohesion: list[float]


def lemma_baseline(phrases: Sequence[Phrase]) -> list[list[int]]:
    """The same-head-lemma baseline (Diverse-CDCR's): one group per head lemma."""
    groups: dict[str, list[int]] = defaultdict(list)
    for index, phrase in enumerate(phrases):
        groups[phrase.head].append(index)
    return list(groups.values())


def group_phrases(
    phrases: Sequence[Phrase],
    embedder: Embedder | None = None,
    settings: GroupingSettings | None = None,
    resolved: Sequence[str | None] | None = None,
) -> list[list[int]]:
    """Concepts as lists of phrase indices (every phrase in exactly one concept)."""
    return build_concepts(phrases, embedder, settings, resolved).groups


def build_concepts(
    phrases: Sequence[Phrase],
    embedder: Embedder | None = None,
    settings: GroupingSettings | None = None,
    resolved: Sequence[str | None] | None = None,
) -> Concepts:
    """Group ``phrases``; ``resolved`` holds each phrase's entity anchor
    (`framing_links.entity_keys`), or None to fall back on surnames."""
    settings = settings or GroupingSettings()
    keys = anchor_keys(phrases, resolved or [None] * len(phrases))
    groups = Groups(phrases, keys)
    _link_anchors(keys, groups)
    _link_appositions(phrases, groups)
    _link_titles(phrases, groups)
    _link_by_key(phrases, groups, settings)
    units = [g for g in groups.groups() if phrases[g[0]].kind != "pronoun"]
    vectors = _unit_vectors(phrases, units, embedder or default_embedder())
    _merge_similar(units, vectors, groups, settings)
    _attach_small(units, vectors, groups, settings)
    _link_pronouns(phrases, groups, settings)
    found = groups.groups()
    return Concepts(found, [_cohesion(g, units, vectors, groups) for g in found])


def _link_anchors(keys: dict[int, str], groups: Groups) -> None:
    first: dict[str, int] = {}
    for index, key in keys.items():
        groups.union(index, first.setdefault(key, index))


def _link_appositions(phrases: Sequence[Phrase], groups: Groups) -> None:
    """ "China's foreign minister, Qin Gang": a role noun joins the name it is apposed to.
    Only role nouns: the parser also "apposes" clauses ("Xi, ... – all the while") and
    wrong attachments ("Ukraine, the first such delivery")."""
    heads = {(p.span.article, p.head_start): i for i, p in enumerate(phrases)}
    for index, phrase in enumerate(phrases):
        target = heads.get((phrase.span.article, phrase.appos))
        if phrase.appos >= 0 and target is not None and is_title_noun(phrase):
            groups.union(index, target)


def _link_titles(phrases: Sequence[Phrase], groups: Groups) -> None:
    """A singular role noun ("the president", "Russia's president") joins the one person
    its own article titles that way ("President Vladimir Putin"); several holders: none.
    Not story-wide: "China's leader" (Xi) must not join another article's "Chinese leader
    Qin Gang"."""
    holders: dict[tuple[str, str], list[tuple[frozenset[str], int]]] = defaultdict(list)
    for index, phrase in enumerate(phrases):
        if phrase.kind == "person" and phrase.titles:
            key = (phrase.span.article, phrase.titles[-1])
            holders[key].append((frozenset(phrase.titles), index))
    for index, phrase in enumerate(phrases):
        if not is_title_noun(phrase) or phrase.plural:
            continue
        wanted = set(phrase.modifiers)
        found = {
            groups.find(i)
            for words, i in holders.get((phrase.span.article, phrase.head), ())
            if wanted <= words
        }
        if len(found) == 1:
            groups.union(index, found.pop())


def _link_by_key(phrases: Sequence[Phrase], groups: Groups, settings: GroupingSettings) -> None:
    """Same head lemma (role nouns: and same modifiers and number), and same frame family;
    a phrase refused by one group with its key may still join another."""
    seen: dict[str, list[int]] = defaultdict(list)
    for index, phrase in enumerate(phrases):
        if phrase.kind in ("pronoun", "person", "place"):
            continue
        keys = [_lemma_key(phrase)]
        family = family_of(phrase.bare) if settings.use_frames else None
        if family:
            keys.append(f"frame:{family}")
        for key in keys:
            if not any(groups.union(index, other) for other in seen[key]):
                seen[key].append(index)


def _lemma_key(phrase: Phrase) -> str:
    if is_title_noun(phrase):
        return f"title:{phrase.head}:{int(phrase.plural)}:{','.join(phrase.modifiers)}"
    return f"lemma:{phrase.head}"


def _unit_vectors(
    phrases: Sequence[Phrase], units: list[list[int]], embedder: Embedder
) -> np.ndarray:
    """One normalized centroid per unit, from a single embedding call over distinct texts."""
    if not units:
        return np.zeros((0, 1), dtype=np.float32)
    texts = sorted({phrases[i].bare for g in units for i in g})
    row = {t: n for n, t in enumerate(texts)}
    vectors = embedder.embed(texts)
    return _centroids([[row[phrases[i].bare] for i in g] for g in units], vectors)


def _merge_similar(
    units: list[list[int]], vectors: np.ndarray, groups: Groups, settings: GroupingSettings
) -> None:
    """Average-link agglomeration: two groups merge when the mean similarity between all
    their units reaches the threshold (no chaining through one close pair)."""
    if len(units) < 2:
        return
    sims = vectors @ vectors.T
    members: dict[int, list[int]] = {groups.find(g[0]): [n] for n, g in enumerate(units)}
    for a, b in _pairs_above(sims, settings.similarity):
        ra, rb = groups.find(units[a][0]), groups.find(units[b][0])
        if ra == rb or not groups.compatible(ra, rb, similarity=True):
            continue
        ua, ub = members[ra], members[rb]
        if float(sims[np.ix_(ua, ub)].mean()) < settings.similarity:
            continue
        groups.union(ra, rb, similarity=True)
        members[groups.find(ra)] = ua + ub


def _attach_small(
    units: list[list[int]], vectors: np.ndarray, groups: Groups, settings: GroupingSettings
) -> None:
    """Stray phrases ("the department", "leaders at the highest levels") mostly belong to a
    story's main concepts: each small group joins its most similar larger group."""
    if settings.attach > 1.0:
        return
    by_root: dict[int, list[int]] = defaultdict(list)
    for n, unit in enumerate(units):
        by_root[groups.find(unit[0])].append(n)
    sizes = {root: sum(len(units[n]) for n in ns) for root, ns in by_root.items()}
    large = [r for r in by_root if sizes[r] > settings.small]
    small = [r for r in by_root if sizes[r] <= settings.small]
    if not large or not small:
        return
    big = _centroids([by_root[r] for r in large], vectors)
    sims = _centroids([by_root[r] for r in small], vectors) @ big.T
    for n, root in enumerate(small):
        for m in np.argsort(-sims[n]):
            if sims[n, m] < settings.attach:
                break
            if groups.union(root, large[m], similarity=True):
                break


def _centroids(rows: list[list[int]], vectors: np.ndarray) -> np.ndarray:
    found = np.stack([vectors[r].mean(axis=0) for r in rows])
    normalized: np.ndarray = found / np.maximum(np.linalg.norm(found, axis=1, keepdims=True), 1e-12)
    return normalized


def _pairs_above(sims: np.ndarray, threshold: float) -> list[tuple[int, int]]:
    rows, cols = np.nonzero(np.triu(sims, 1) >= threshold)
    order = np.argsort(-sims[rows, cols], kind="stable")
    return [(int(rows[k]), int(cols[k])) for k in order]


def _cohesion(
    group: list[int], units: list[list[int]], vectors: np.ndarray, groups: Groups
) -> float:
    """Mean pairwise similarity of the units merged into ``group``; 1.0 for a single unit.
    A low value marks a grab bag that similarity or attachment chained together."""
    root = groups.find(group[0])
    inside = [n for n, unit in enumerate(units) if groups.find(unit[0]) == root]
    if len(inside) < 2:
        return 1.0
    sims = vectors[inside] @ vectors[inside].T
    count = len(inside)
    return round(float((sims.sum() - np.trace(sims)) / (count * (count - 1))), 3)


def _link_pronouns(phrases: Sequence[Phrase], groups: Groups, settings: GroupingSettings) -> None:
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
                groups.union(index, indices[target], force=True)


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
