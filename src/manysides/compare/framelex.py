"""A small curated lexicon of news-framing terms: labels that name one thing differently.

Why curated: the point of framing analysis is that outlets pick words that share no letters
and sit far apart in embedding space ("the special operation" vs. "the war": MiniLM cosine
0.25). General lexicons (VADER, WordNet) do not know that one is the official euphemism for
the other. Each family below lists the competing labels media-bias research documents for one
kind of referent (armed conflicts; migrants; protests; ...). A phrase joins a family when its
words (determiners and country words aside) end with one of the family's terms, so "the
Ukrainian crisis" and "Russia's war" are in the "armed conflict" family but "crisis talks" is not.

Families are used only inside one story, where such labels almost always name the same thing.
"""

from __future__ import annotations

import re
from functools import lru_cache

FAMILIES: dict[str, tuple[str, ...]] = {
    "armed conflict": (
        "war", "invasion", "special operation", "special military operation",
        "military operation", "conflict", "crisis", "hostilities", "aggression",
        "intervention", "military intervention", "incursion", "offensive", "fighting",
        "occupation", "annexation", "warfare", "bloodshed", "campaign of aggression",
    ),
    "migrants": (
        "immigrant", "immigrants", "migrant", "migrants", "illegal alien", "illegal aliens",
        "alien", "aliens", "illegals", "undocumented", "asylum seeker", "asylum seekers",
        "refugee", "refugees", "border crosser", "border crossers", "caravan",
        "invaders", "newcomers", "dreamer", "dreamers",
    ),
    "protesters": (
        "protester", "protesters", "protestor", "protestors", "demonstrator",
        "demonstrators", "rioter", "rioters", "mob", "activist", "activists", "agitator",
        "agitators", "marchers", "crowd",
    ),
    "tariffs": ("tariff", "tariffs", "trade war", "duty", "duties", "levy", "levies", "trade barrier"),
    "gun control": (
        "gun control", "gun safety", "gun reform", "gun rights", "gun restrictions",
        "second amendment", "gun laws", "gun legislation",
    ),
}  # fmt: skip

_SKIP = re.compile(
    r"^(?:the|a|an|this|that|its|his|her|their|our|russia's|russian|ukrainian|ukraine's|"
    r"[A-Za-z]+'s|ongoing|current|full-scale|brutal|unprovoked|so-called|new|so|called)\s+",
    re.I,
)


@lru_cache(maxsize=1)
def _terms() -> list[tuple[str, str]]:
    """(term, family), longest terms first so "special operation" wins over "operation"."""
    pairs = [(term, family) for family, terms in FAMILIES.items() for term in terms]
    return sorted(pairs, key=lambda pair: -len(pair[0]))


def family_of(phrase: str) -> str | None:
    """The frame family a noun phrase belongs to, judged by its final words, or None."""
    words = phrase.lower().strip().strip('"').strip()
    while True:
        shorter = _SKIP.sub("", words, count=1)
        if shorter == words:
            break
        words = shorter
    for term, family in _terms():
        if words == term or words.endswith(" " + term):
            return family
    return None
