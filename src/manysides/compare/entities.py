"""Resolve entity mentions across outlets into one entity per referent, keeping every variant.

"Xi", "Xi Jinping", "Chinese President Xi Jinping" and "Jinping" become one entity; so do
"Dmytro Kuleba"/"Dmitry Kuleba" (spelling variant) and "Kyiv"/"Kiev" (gazetteer alternate).
Nothing is merged away: each surface form is a `Variant` with the spans that used it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz.distance import JaroWinkler

from manysides.compare.names import (
    clean_surface,
    fold,
    initials,
    name_tokens,
    same_person_name,
    title_before,
)
from manysides.compare.phrases import country_of
from manysides.model import AnnotatedArticle, Entity, Mention, Span, Variant
from manysides.nlp.gazetteer import canonical_place

NAMED = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "LAW"}
MentionKey = tuple[str, int, int]


@dataclass(slots=True)
class _Cluster:
    label: str
    names: list[str] = field(default_factory=list)
    mentions: list[tuple[Mention, str]] = field(default_factory=list)


def resolve_entities(
    annotated: Sequence[AnnotatedArticle],
) -> tuple[list[Entity], dict[MentionKey, str]]:
    """Entities sorted by how widely they are reported, and a map from mention to entity id."""
    mentions = [m for item in annotated for m in item.mentions if m.label in NAMED]
    texts = {item.article.id: item.article.text for item in annotated}
    clusters = _cluster_people(mentions) + _cluster_others(mentions, texts)
    entities: list[tuple[Entity, list[Mention]]] = []
    for cluster in clusters:
        entity = _build_entity(cluster, texts)
        entities.append((entity, [m for m, _ in cluster.mentions]))
    entities.sort(key=lambda pair: (-len(pair[0].articles), -len(pair[1]), pair[0].name))
    resolved: list[Entity] = []
    index: dict[MentionKey, str] = {}
    for number, (entity, members) in enumerate(entities, start=1):
        entity_id = f"e{number}"
        resolved.append(Entity(entity_id, entity.name, entity.type, entity.variants))
        for mention in members:
            index[(mention.span.article, mention.span.start, mention.span.end)] = entity_id
    return resolved, index


def _cluster_people(mentions: list[Mention]) -> list[_Cluster]:
    people = [m for m in mentions if m.label == "PERSON"]
    full = sorted({clean_surface(m.span.text) for m in people if len(name_tokens(clean_surface(m.span.text))) > 1},
                  key=lambda s: (-len(name_tokens(s)), s))  # fmt: skip
    clusters: list[_Cluster] = []
    for name in full:
        match = next(
            (
                c
                for c in clusters
                if any(same_person_name(name_tokens(name), name_tokens(n)) for n in c.names)
            ),
            None,
        )
        if match is None:
            clusters.append(_Cluster("PERSON", [name]))
        else:
            match.names.append(name)
    by_token: dict[str, set[int]] = defaultdict(set)
    for number, cluster in enumerate(clusters):
        for name in cluster.names:
            for token in name_tokens(name):
                by_token[fold(token)].add(number)
    singles: dict[str, _Cluster] = {}
    for mention in mentions:
        surface = clean_surface(mention.span.text)
        owners = _owners(surface, mention, by_token)
        if len(owners) == 1:
            clusters[owners.pop()].mentions.append((mention, surface))
        elif mention.label == "PERSON":
            singles.setdefault(fold(surface), _Cluster("PERSON", [surface])).mentions.append(
                (mention, surface)
            )
    return [c for c in clusters if c.mentions] + list(singles.values())


def _owners(surface: str, mention: Mention, by_token: dict[str, set[int]]) -> set[int]:
    """Person clusters a mention belongs to: all its tokens in one cluster's names."""
    if mention.label != "PERSON" and (" " in surface or canonical_place(surface)):
        return set()
    if mention.label not in ("PERSON", "GPE", "ORG", "NORP"):
        return set()
    if surface.isupper() and len(surface) <= 5:
        return set()  # an acronym ("UN") is not the name part "Un"
    tokens = [fold(t) for t in name_tokens(surface)]
    if not tokens:
        return set()
    owners = set(by_token.get(tokens[0], set()))
    for token in tokens[1:]:
        owners &= by_token.get(token, set())
    return owners


def _cluster_others(mentions: list[Mention], texts: dict[str, str]) -> list[_Cluster]:
    person_tokens = {
        fold(t)
        for m in mentions
        if m.label == "PERSON"
        for t in name_tokens(clean_surface(m.span.text))
    }
    groups: dict[tuple[str, str], _Cluster] = {}
    for mention in mentions:
        if mention.label == "PERSON":
            continue
        surface = clean_surface(mention.span.text)
        acronym = surface.isupper() and len(surface) <= 5
        lone = " " not in surface and not acronym and not canonical_place(surface)
        if lone and fold(surface) in person_tokens:
            continue  # a surname the tagger mislabeled; the person clusters took it
        label = (
            "GPE" if mention.label in ("GPE", "LOC") and canonical_place(surface) else mention.label
        )
        if label == "ORG":
            before = texts[mention.span.article][
                max(0, mention.span.start - 40) : mention.span.start
            ]
            key = (label, organization_key(surface, before))
        else:
            key = (label, _key(surface, label))
        groups.setdefault(key, _Cluster(label, [surface])).mentions.append((mention, surface))
    _merge_acronyms(groups)
    return list(groups.values())


def _key(surface: str, label: str) -> str:
    if label in ("GPE", "LOC"):
        return fold(canonical_place(surface) or surface)
    if label == "PRODUCT":
        return fold(surface.removesuffix("s") if surface[-2:-1].isdigit() else surface)
    return fold(surface)


_COUNTRY_BEFORE = re.compile(r"([A-Z][\w-]+)(?:'s|’s)?\s+$")
_HEADS = """ministry ministries court parliament police army navy embassy government cabinet senate
    council office department agency military assembly congress commission"""
INSTITUTION_HEADS = frozenset(_HEADS.split())
"""Generic institution names ("Foreign Ministry", "Supreme Court") belong to the country
written before them; a proper name ("Xinhua") stays itself whatever precedes it."""


def organization_key(surface: str, before: str = "") -> str:
    """An organization's name with its country folded in, so "Chinese Foreign Ministry",
    "China's foreign ministry" and "Foreign Ministry" after "China's " key alike, and the
    foreign ministries of two countries do not. `before` is the text just before the name
    (the tagger often leaves "China's" outside the entity)."""
    words = clean_surface(surface).split()
    core = fold(" ".join(words))
    if len(words) >= 2:
        country = country_of(words[0])
        if country is not None:
            return f"{fold(country)} {fold(' '.join(words[1:]))}"
    if not words or words[-1].lower() not in INSTITUTION_HEADS:
        return core
    found = _COUNTRY_BEFORE.search(before)
    country = country_of(found.group(1)) if found else None
    return f"{fold(country)} {core}" if country else core


def _merge_acronyms(groups: dict[tuple[str, str], _Cluster]) -> None:
    """ "NATO" joins "North Atlantic Treaty Organization" when both are present."""
    for (label, key), cluster in list(groups.items()):
        surface = cluster.names[0]
        if label != "ORG" or not (surface.isupper() and 2 <= len(surface) <= 6):
            continue
        for (other_label, _other_key), other in list(groups.items()):
            if other is cluster or other_label != "ORG" or (label, key) not in groups:
                continue
            if initials(other.names[0]) == surface and len(other.names[0].split()) >= 2:
                other.mentions.extend(cluster.mentions)
                del groups[(label, key)]
                break


def _build_entity(cluster: _Cluster, texts: dict[str, str]) -> Entity:
    surfaces: dict[str, list[Span]] = defaultdict(list)
    cores: dict[str, str] = {}
    for mention, surface in cluster.mentions:
        span = mention.span
        start = (
            title_before(texts[span.article], span.start)
            if cluster.label == "PERSON"
            else span.start
        )
        if start != span.start:
            span = Span(span.article, start, span.end, texts[span.article][start : span.end])
        surfaces[span.text].append(span)
        cores[span.text] = surface
    name = _canonical_name(cluster)
    labels = Counter(m.label for m, _ in cluster.mentions)
    kind = cluster.label if cluster.label == "PERSON" else labels.most_common(1)[0][0]
    variants = tuple(
        Variant(text, _variant_kind(text, cores[text], name, cluster.label), tuple(spans))
        for text, spans in sorted(surfaces.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    )
    return Entity("", name, kind, variants)


def _canonical_name(cluster: _Cluster) -> str:
    if cluster.label in ("GPE", "LOC"):
        place = canonical_place(cluster.names[0])
        if place:
            return place
    cleaned = Counter(surface for _m, surface in cluster.mentions)
    if cluster.label == "PERSON":
        return max(cleaned, key=lambda s: (len(s.split()) > 1, cleaned[s], len(s), s))
    return max(cleaned, key=lambda s: (cleaned[s], len(s), s))


def _variant_kind(text: str, core: str, name: str, label: str) -> str:
    """How a surface form relates to the entity's name: the name itself, a short form, a
    spelling variant (transliteration, exonym), or one of those with a title before it."""
    if core == name or fold(core) == fold(name):
        kind = "name"
    elif core in name or set(fold(core).split()) <= set(fold(name).split()):
        kind = "short form"
    elif name in core:
        kind = "longer form"
    elif core.replace(".", "").isupper() and len(core) <= 6:
        kind = "abbreviation"
    elif (
        label in ("PERSON", "GPE", "LOC") and JaroWinkler.similarity(fold(core), fold(name)) >= 0.75
    ):
        kind = "spelling variant"
    else:
        kind = "alias"  # "America" for "United States": another name, not another spelling
    if clean_surface(text) != core:
        return "with title" if kind == "name" else f"{kind} with title"
    return kind
