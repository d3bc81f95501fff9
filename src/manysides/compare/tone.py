"""Tone from VADER (vaderSentiment 3.3.2, Hutto & Gilbert 2014), a maintained lexicon of
7,500 words rated -4..+4 by human judges, with rules for negation, intensifiers and "but".

What it measures: how positive or negative the *words* are, not the stance toward anyone.
Limits: built for social media, it scores "war" -2.9 and "peace" +2.5 whatever the outlet
thinks, misses news euphemisms ("special operation" is neutral) and sarcasm, and a sentence
reporting bad news reads negative even when neutrally written. So tone is reported as
comparisons between outlets of one story, never as an absolute verdict.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

LOADED_VALENCE = 1.5
"""|valence| at or above which a lexicon word counts as emotive or evaluative."""
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


@lru_cache(maxsize=1)
def analyzer() -> Any:
    """The VADER analyzer; its lexicon ships inside the package (no download)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def valence(word: str) -> float:
    """The lexicon's mean human rating of ``word`` (-4..+4), 0 when it is not listed."""
    return float(analyzer().lexicon.get(word.lower(), 0.0))


@lru_cache(maxsize=8192)
def compound(text: str) -> float:
    """VADER's normalized score of a passage, -1 (most negative) .. +1 (most positive);
    cached, since per-concept tone scores the same sentences many times."""
    if not text.strip():
        return 0.0
    return float(analyzer().polarity_scores(text)["compound"])


def mean(values: Iterable[float]) -> float | None:
    items = list(values)
    return round(sum(items) / len(items), 3) if items else None


def loaded_words(text: str, offset: int = 0) -> list[tuple[int, int, str, float]]:
    """Emotive or evaluative words of ``text``: (start, end, word, valence), offsets shifted."""
    found = []
    for match in _WORD.finditer(text):
        score = valence(match.group())
        if abs(score) >= LOADED_VALENCE:
            found.append((offset + match.start(), offset + match.end(), match.group(), score))
    return found


def phrase_valence(text: str) -> float:
    """Mean valence of the lexicon words of a short phrase ("best friend" -> 2.7)."""
    scores = [valence(w) for w in _WORD.findall(text)]
    scored = [s for s in scores if s]
    return round(sum(scored) / len(scored), 2) if scored else 0.0
