"""Wire copies: MinHash signatures (rensa) banded into an LSH table kept in the store.

The LSH buckets live in SQLite (`lsh_bands`), so the index survives restarts, grows one
article at a time, and a candidate lookup is one indexed query per band. Candidates are
confirmed on the exact 5-gram shingle Jaccard, so precision does not depend on sketch noise.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field

import numpy as np

from manysides.corpus.features import (
    SHINGLE,
    Features,
    band_keys,
    jaccard,
    story_body,
    without_spans,
    word_ngrams,
)
from manysides.corpus.store import Store
from manysides.model import Article

COPY_JACCARD = 0.5
"""Two bodies sharing at least half their word 5-grams are copies of one text."""
WIRES = ("associated press", "ap", "reuters", "afp", "agence france-presse", "xinhua", "dpa")


def find_copy(
    store: Store, mine: set[tuple[str, ...]], features: Features
) -> tuple[str, float] | None:
    """The stored article whose text copies `mine` (the article's word 5-grams, see
    `copy_ngrams`) most closely: exact Jaccard >= COPY_JACCARD."""
    keys = band_keys(features.minhash)
    candidates: set[str] = set()
    for band, key in keys:
        rows = store.db.execute(
            "SELECT article_id FROM lsh_bands WHERE band = ? AND key = ?", (band, key)
        ).fetchall()
        candidates.update(str(r[0]) for r in rows)
    candidates.discard(features.article_id)
    estimates = _plausible(store, features.minhash, candidates)
    if not estimates:
        return None
    likeliest = sorted(estimates, key=lambda c: (-estimates[c], c))[:MAX_EXACT]
    best: tuple[str, float] | None = None
    for candidate, text in _bodies(store, set(likeliest)):
        score = jaccard(mine, word_ngrams(text))
        if score >= COPY_JACCARD and (best is None or score > best[1]):
            best = (candidate, score)
    return best


def copy_ngrams(article: Article) -> set[tuple[str, ...]]:
    """The word 5-grams copies are judged on: the body without site boilerplate, so two pages
    sharing only their site's template are not copies of each other."""
    return word_ngrams(story_body(article))


def copyable(ngrams: set[tuple[str, ...]]) -> bool:
    """At least one full 5-gram: a text shorter than that (an empty page, a one-line teaser)
    matches too much by chance to call anything a copy of it, and its signature would put it
    in one LSH bucket with every other such page."""
    return any(len(gram) == SHINGLE for gram in ngrams)


def _bodies(store: Store, ids: set[str]) -> list[tuple[str, str]]:
    """(id, body without boilerplate) of the given articles, by id: one query, no Article
    rebuilt."""
    marks = ",".join("?" * len(ids))
    rows = store.db.execute(
        f"SELECT id, text, body_start, furniture FROM articles WHERE id IN ({marks}) ORDER BY id",
        sorted(ids),
    ).fetchall()
    found = []
    for aid, text, start, furniture in rows:
        boilerplate = [
            (int(f[1]), int(f[2]))
            for f in json.loads(furniture)["furniture"]
            if f[0] == "boilerplate"
        ]
        found.append((str(aid), without_spans(str(text), int(start), boilerplate)))
    return found


SKETCH_FLOOR = 0.3
"""Candidates whose MinHash estimate is below this are dropped before the exact check: at a
true Jaccard of 0.5 the estimate (126 permutations, sd ~0.045) falls below 0.3 with
probability < 1e-5, and it spares loading and shingling the text of every band collision."""


MAX_EXACT = 8
"""At most this many plausible candidates, highest MinHash estimate first, get the exact
check: it loads and shingles a text (~0.5 ms), and band collisions grow with the store. A
copy's estimate (~0.5 or more) ranks above the near-misses (~0.3); ranking below 8 others
would take 8 stored articles that are closer still, i.e. copies themselves."""


def _plausible(store: Store, signature: tuple[int, ...], candidates: set[str]) -> dict[str, float]:
    """The candidates whose stored signature agrees on at least SKETCH_FLOOR of positions,
    with that share (the MinHash estimate of their Jaccard)."""
    if not candidates:
        return {}
    mine = np.asarray(signature, dtype=np.uint64)
    marks = ",".join("?" * len(candidates))
    rows = store.db.execute(
        f"SELECT article_id, minhash FROM features WHERE article_id IN ({marks})",
        sorted(candidates),
    ).fetchall()
    shares = {str(a): float(np.mean(np.frombuffer(b, dtype=np.uint64) == mine)) for a, b in rows}
    return {aid: share for aid, share in shares.items() if share >= SKETCH_FLOOR}


def record(store: Store, article: Article, features: Features) -> str | None:
    """Index the article's bands and, if it copies a stored one, join that wire group.

    Returns the stored article it copies, or None. Runs inside the caller's transaction.
    """
    mine = copy_ngrams(article)
    if not copyable(mine):
        return None
    match = find_copy(store, mine, features)
    store.db.executemany(
        "INSERT INTO lsh_bands(band, key, article_id) VALUES (?, ?, ?)",
        [(band, key, article.id) for band, key in band_keys(features.minhash)],
    )
    if match is None:
        return None
    other, score = match
    row = store.db.execute("SELECT grp FROM copies WHERE article_id = ?", (other,)).fetchone()
    group = str(row[0]) if row else other
    if row is None:
        store.db.execute("INSERT INTO copies VALUES (?, ?, ?)", (other, group, round(score, 4)))
    store.db.execute("INSERT INTO copies VALUES (?, ?, ?)", (article.id, group, round(score, 4)))
    store.db.execute(
        "INSERT OR REPLACE INTO wire_groups(grp, original) VALUES (?, ?)",
        (group, likely_original(store, group)),
    )
    return other


def likely_original(store: Store, group: str) -> str:
    """A member from a wire agency or credited by the others, else the earliest published."""
    rows = store.db.execute(
        "SELECT a.id, a.outlet, a.published, a.seq, a.furniture FROM copies c"
        " JOIN articles a ON a.id = c.article_id WHERE c.grp = ?",
        (group,),
    ).fetchall()

    def rank(row: tuple[str, str, str | None, int, str]) -> tuple[int, str, int]:
        outlet = row[1].lower()
        is_wire = any(outlet == w or outlet.startswith(w + ".") for w in WIRES)
        return (0 if is_wire else 1, row[2] or "9999", row[3])

    return str(min(rows, key=rank)[0])


@dataclass(frozen=True, slots=True)
class CopyDiff:
    """What a copy did to the original, sentence by sentence."""

    cut: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    reworded: list[tuple[str, str]] = field(default_factory=list)
    headline: tuple[str, str] | None = None


_SENTENCE = re.compile(r"(?<=[.!?…\"”])\s+|\n+")


def describe_copy(original: Article, copy: Article) -> CopyDiff:
    """Cut, added and reworded sentences (difflib over sentences, then pairing changed runs)."""
    old = [s.strip() for s in _SENTENCE.split(story_body(original)) if s.strip()]
    new = [s.strip() for s in _SENTENCE.split(story_body(copy)) if s.strip()]
    diff = CopyDiff(headline=(original.title, copy.title) if original.title != copy.title else None)
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "delete":
            diff.cut.extend(old[i1:i2])
        elif tag == "insert":
            diff.added.extend(new[j1:j2])
        elif tag == "replace":
            _pair_changes(old[i1:i2], new[j1:j2], diff)
    return diff


def _pair_changes(old: list[str], new: list[str], diff: CopyDiff) -> None:
    """Sentences that still read alike (ratio >= 0.5) are rewordings; the rest cut/added."""
    unused = list(new)
    for sentence in old:
        scored = [(difflib.SequenceMatcher(a=sentence, b=n).ratio(), n) for n in unused]
        best = max(scored, default=(0.0, ""))
        if best[0] >= 0.5:
            diff.reworded.append((sentence, best[1]))
            unused.remove(best[1])
        else:
            diff.cut.append(sentence)
    diff.added.extend(unused)
