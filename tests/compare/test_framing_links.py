"""Fast checks of the concept-merging rules (no model): entity anchors, people's names,
opposing groups, plural and role nouns kept away from a person, average-link grouping."""

from __future__ import annotations

from manysides.compare.concepts import GroupingSettings, build_concepts
from manysides.compare.framing_links import Groups, anchor_keys, keys_compatible
from manysides.compare.phrases import Phrase, PhraseKind
from manysides.model import Span
from manysides.nlp.embed import HashingEmbedder


def _phrase(text: str, kind: PhraseKind, head: str, plural: bool = False, at: int = 0) -> Phrase:
    return Phrase(
        span=Span("a", at, at + len(text), text),
        head=head,
        head_text=head,
        kind=kind,
        plural=plural,
        sentence=0,
        head_start=at,
    )


def test_opposing_groups_are_incompatible_but_one_party_is_not() -> None:
    assert not keys_compatible("name:republicans", "name:democrats")
    assert keys_compatible("name:democrats", "name:democratic party")
    assert not keys_compatible("person:hillary clinton", "person:bill clinton")
    assert keys_compatible("country:Russia", "country:Russia")


def test_one_word_name_joins_the_only_full_name_ending_with_it() -> None:
    phrases = [_phrase("Donald Trump", "person", "trump"), _phrase("Trump", "name", "trump", at=20)]
    keys = anchor_keys(phrases, ["person:donald trump", "name:trump"])
    assert keys[0] == keys[1] == "person:donald trump"


def test_person_takes_no_plural_or_role_noun_by_similarity() -> None:
    phrases = [
        _phrase("Qin Gang", "person", "gang"),
        _phrase("leaders", "noun", "leader", plural=True, at=20),
        _phrase("China's leader", "noun", "leader", at=40),
    ]
    groups = Groups(phrases, {0: "person:qin gang"})
    assert not groups.union(0, 1)
    assert not groups.union(0, 2, similarity=True)
    assert groups.union(0, 2)  # an explicit link (apposition, title) is allowed


def test_different_entities_never_share_a_concept() -> None:
    phrases = [
        _phrase("Republicans", "name", "republicans"),
        _phrase("Democrats", "name", "democrats", at=20),
        _phrase("the Republican Party", "name", "party", at=40),
    ]
    resolved = ["name:republicans", "name:democrats", "name:republican party"]
    found = build_concepts(phrases, HashingEmbedder(), GroupingSettings(similarity=0.0), resolved)
    together = next(g for g in found.groups if 0 in g)
    assert 1 not in together and 2 in together
    assert all(0.0 <= c <= 1.0 for c in found.cohesion)
