"""What may join what in concept grouping: anchors from resolved entities, and the rules
that keep distinct referents apart.

Why: similarity and shared head words put "China's foreign minister" next to "British Prime
Minister Rishi Sunak", "Republicans" next to "Democrats" and "leaders" next to one leader.
So every phrase whose head is a resolved entity's mention carries that entity as its anchor
(a country's places, capital, institutions and demonyms share one anchor: the state), and
every union of two groups goes through `Groups.compatible`:

- two different anchors never merge, except two organization/group names sharing a name word
  ("Democrats" / "the Democratic Party", but not "Republicans" / "Democrats");
- a person's group takes no plural noun phrase ("leaders", "two leaders");
- a title-headed noun ("the minister", "China's leader") joins a person or a named
  organization only by an explicit link (apposition, or the title its article gives that
  person), never by similarity.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from manysides.compare.names import TITLE_WORDS, fold
from manysides.compare.phrases import Phrase, country_of
from manysides.model import Entity

TITLE_HEADS = (TITLE_WORDS - {"prime", "foreign", "defense", "defence", "state", "vice"}) | {
    "spokesman", "adviser", "advisor", "aide", "chair", "chairwoman", "manager", "counsel",
    "attorney", "lawyer", "prosecutor", "judge", "nominee", "candidate", "founder", "ceo",
    "official", "lawmaker", "congressman", "congresswoman", "representative", "specialist",
    "analyst", "expert", "strategist", "associate", "confidant", "staffer", "commander",
    "officer", "diplomat", "negotiator", "president", "leader", "minister", "spokesperson",
    "ally", "friend", "partner", "dictator",
}  # fmt: skip
"""Head nouns naming a person by role: such phrases are not merged with people by similarity."""
GENERIC_NAME_WORDS = {
    "party", "committee", "national", "association", "council", "department", "ministry",
    "agency", "office", "group", "union", "organization", "house", "senate", "the", "of",
    "and", "for", "united", "new", "democratic national",
}  # fmt: skip
_SKIP_TITLE = {"mr", "mrs", "ms", "dr", "mr.", "mrs.", "ms.", "dr."}


def is_title_noun(phrase: Phrase) -> bool:
    """A common-noun phrase headed by a role word ("China's foreign minister", "leaders")."""
    return phrase.kind == "noun" and phrase.head in TITLE_HEADS


def entity_keys(phrases: Sequence[Phrase], entities: Sequence[Entity]) -> list[str | None]:
    """Per phrase, the anchor of the resolved entity whose mention holds the phrase head."""
    spans: dict[str, list[tuple[int, int, Entity]]] = defaultdict(list)
    for entity in entities:
        for variant in entity.variants:
            for span in variant.spans:
                spans[span.article].append((span.start, span.end, entity))
    found: list[str | None] = []
    for phrase in phrases:
        hit = next(
            (
                e
                for s, e_end, e in spans.get(phrase.span.article, ())
                if s <= phrase.head_start < e_end
            ),
            None,
        )
        found.append(None if hit is None or phrase.kind == "pronoun" else _key(hit))
    return found


def _key(entity: Entity) -> str:
    if entity.type == "PERSON":
        return f"person:{fold(entity.name)}"
    country = country_of(entity.name)
    return f"country:{country}" if country else f"name:{fold(entity.name)}"


def anchor_keys(phrases: Sequence[Phrase], resolved: Sequence[str | None]) -> dict[int, str]:
    """Anchor per phrase: a country it stands for, else its resolved entity, else (no entity
    found) a person by surname mapped onto the entity that surname belongs to, or a name."""
    keys: dict[int, str] = {}
    fallback = _surname_keys(phrases)
    for index, phrase in enumerate(phrases):
        if phrase.kind == "place" and phrase.country:
            keys[index] = f"country:{phrase.country}"
        elif resolved[index]:
            keys[index] = str(resolved[index])
    owners: dict[str, Counter[str]] = defaultdict(Counter)
    for index, key in fallback.items():
        if index in keys:
            owners[key][keys[index]] += 1
    for index, key in fallback.items():
        if index not in keys:
            found = owners.get(key)
            keys[index] = found.most_common(1)[0][0] if found and len(found) == 1 else key
    loose = {
        i: f"name:{fold(p.bare).removesuffix(chr(39) + 's')}"
        for i, p in enumerate(phrases)
        if i not in keys and p.kind == "name"
    }
    same = _same_people(keys | loose)
    return {i: k for i, k in same.items() if i not in loose or k != loose[i]}


def _same_people(keys: dict[int, str]) -> dict[int, str]:
    """One key per person: full names with the same surname and first initial ("Donald
    Trump" / "Donald J. Trump") are one person the resolver split; a one-word name ("Kim",
    or "Trump" tagged as an organization) is the one full name ending with it (else holding
    it), if only one."""
    counts = Counter(keys.values())
    people = sorted((k for k in counts if _person_words(k)), key=lambda k: -counts[k])
    canonical: dict[str, str] = {}
    for key in (k for k in people if len(_person_words(k)) > 1):
        canonical[key] = next((c for c in set(canonical.values()) if _same_person(key, c)), key)
    fulls = set(canonical.values())
    for key in counts:
        words = _person_words(key) or _one_word_name(key)
        if len(words) == 1:
            owner = _owner(words[0], fulls, counts, canonical)
            if owner:
                canonical[key] = owner
    return {i: canonical.get(k, k) for i, k in keys.items()}


def _owner(
    word: str, fulls: set[str], counts: Counter[str], canonical: dict[str, str]
) -> str | None:
    """The full name a lone name word belongs to: the one ending with it (else holding it);
    of several, one named at least twice as often as all others together ("Macron" is
    Emmanuel, not Brigitte)."""
    owners = {c for c in fulls if word == _person_words(c)[-1]}
    owners = owners or {c for c in fulls if word in _person_words(c)}
    weight = {o: sum(n for k, n in counts.items() if canonical.get(k) == o) for o in owners}
    ranked = sorted(owners, key=lambda o: -weight[o])
    if len(ranked) == 1 or (ranked and weight[ranked[0]] >= 2 * sum(weight[o] for o in ranked[1:])):
        return ranked[0]
    return None


def _person_words(key: str) -> list[str]:
    """Name words of a person key, titles dropped ("president donald trump" -> donald trump)."""
    kind, _, name = key.partition(":")
    if kind not in ("person", "surname"):
        return []
    words = name.replace("-", " ").split()
    while len(words) > 1 and (words[0] in TITLE_WORDS or words[0] in _SKIP_TITLE):
        words = words[1:]
    return words


def _one_word_name(key: str) -> list[str]:
    kind, _, name = key.partition(":")
    return [name] if kind == "name" and " " not in name else []


def _same_person(a: str, b: str) -> bool:
    words_a, words_b = _person_words(a), _person_words(b)
    return words_a[-1] == words_b[-1] and words_a[0][:1] == words_b[0][:1]


def _surname_keys(phrases: Sequence[Phrase]) -> dict[int, str]:
    """A multi-word name by its last word; a one-word name by the only full name holding it."""
    keys: dict[int, str] = {}
    owners: dict[str, set[str]] = defaultdict(set)
    names = {i: _name_words(p) for i, p in enumerate(phrases) if p.kind == "person"}
    for index, words in names.items():
        if len(words) > 1:
            keys[index] = f"surname:{words[-1]}"
            for word in words:
                owners[word].add(keys[index])
    for index, words in names.items():
        if len(words) == 1:
            found = owners.get(words[0], set())
            keys[index] = next(iter(found)) if len(found) == 1 else f"surname:{words[0]}"
    return keys


def _name_words(phrase: Phrase) -> list[str]:
    return [w.lower() for w in phrase.person if len(w) > 1 and w.lower() not in _SKIP_TITLE]


def name_stems(key: str) -> frozenset[str]:
    """Distinctive words of an organization/group name key, cut to 6 letters ("democr")."""
    words = key.removeprefix("name:").replace("-", " ").split()
    return frozenset(w[:6] for w in words if w not in GENERIC_NAME_WORDS and len(w) > 2)


def keys_compatible(a: str, b: str) -> bool:
    """Same anchor; two group names sharing a distinctive word; or a one-word name the
    resolver could not give to one person ("Kim" with two Kims in the story) and a full name
    holding it (similarity then decides)."""
    if a == b:
        return True
    if a.startswith("name:") and b.startswith("name:"):
        return bool(name_stems(a) & name_stems(b))
    if {a.partition(":")[0], b.partition(":")[0]} == {"country", "name"}:
        return True  # an institution standing for its country ("the Senate", "the FBI")
    short, full = sorted((_person_words(a) or _one_word_name(a), _person_words(b)), key=len)
    return len(short) == 1 and len(full) > 1 and short[0] in full


@dataclass(slots=True)
class _Info:
    """What a group holds that constrains merges."""

    anchors: set[str] = field(default_factory=set)
    person: bool = False
    plural_nouns: int = 0
    title_nouns: int = 0
    size: int = 0

    def named(self) -> bool:
        """A person, or a named organization: "a Chinese foreign policy specialist" is
        neither "Chinese Foreign Ministry" nor Qin Gang, however close the words."""
        return self.person or any(a.startswith("name:") for a in self.anchors)


class Groups:
    """Union-find over phrases whose unions respect the rules in the module docstring."""

    def __init__(self, phrases: Sequence[Phrase], anchors: dict[int, str]) -> None:
        self.phrases = phrases
        self.parent = list(range(len(phrases)))
        self.info = [_info(p, anchors.get(i)) for i, p in enumerate(phrases)]

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def compatible(self, a: int, b: int, similarity: bool = False) -> bool:
        """May the groups of ``a`` and ``b`` merge? ``similarity``: the evidence is only
        embedding similarity (so titles may not join people)."""
        x, y = self.info[self.find(a)], self.info[self.find(b)]
        if not all(keys_compatible(p, q) for p in x.anchors for q in y.anchors):
            return False
        if (x.person and y.plural_nouns) or (y.person and x.plural_nouns):
            return False
        titles_only = (x.title_nouns == x.size) or (y.title_nouns == y.size)
        return not (similarity and titles_only and (x.named() or y.named()))

    def union(self, a: int, b: int, similarity: bool = False, force: bool = False) -> bool:
        """Merge the two groups if allowed (``force``: pronoun links, checked elsewhere)."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if not force and not self.compatible(ra, rb, similarity):
            return False
        self.parent[ra] = rb
        x, y = self.info[ra], self.info[rb]
        y.anchors = _subsume(y.anchors | x.anchors)
        y.person = y.person or x.person
        y.plural_nouns += x.plural_nouns
        y.title_nouns += x.title_nouns
        y.size += x.size
        return True

    def anchored(self, item: int) -> bool:
        return bool(self.info[self.find(item)].anchors)

    def groups(self) -> list[list[int]]:
        found: dict[int, list[int]] = defaultdict(list)
        for item in range(len(self.parent)):
            found[self.find(item)].append(item)
        return list(found.values())


def _subsume(anchors: set[str]) -> set[str]:
    """A country's group keeps only its country anchor: the institutions it absorbed do not
    block others ("the Senate" joining the United States does not keep out "the House")."""
    if any(a.startswith("country:") for a in anchors):
        return {a for a in anchors if not a.startswith("name:")}
    return anchors


def _info(phrase: Phrase, anchor: str | None) -> _Info:
    return _Info(
        anchors={anchor} if anchor else set(),
        person=bool(anchor and (anchor.startswith(("person:", "surname:")))),
        plural_nouns=int(phrase.kind == "noun" and phrase.plural),
        title_nouns=int(is_title_noun(phrase)),
        size=1,
    )
