"""Concept grouping on NewsWCL50: CoNLL F1 of our grouping vs. the same-lemma baseline.

Run: .venv/bin/python benchmarks/newswcl50.py [--topics 0,1,...] [--framing OUT.md]

Reads ../shared/data/newswcl50/diverse_cdcr_parsed/NewsWCL50-prep/output_data/NewsWCL50.conll
(10 events x 5 outlets, concept chains per event). Both systems get the gold mentions (as the
Diverse-CDCR same-lemma baseline does) and group them within each event; one scorer
(benchmarks/conll_f1.py) scores both over all events, singletons included. Topics 0-4 were
used to choose settings ("dev"), 5-9 are reported apart ("held out").
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make `benchmarks.conll_f1` importable
    sys.path.insert(0, str(ROOT))

from benchmarks.conll_f1 import Cluster, conll_f1  # noqa: E402

CONLL = (
    ROOT.parent
    / "shared/data/newswcl50/diverse_cdcr_parsed/NewsWCL50-prep/output_data/NewsWCL50.conll"
)
OUTLETS = {
    "LL": "HuffPost",
    "L": "New York Times",
    "M": "USA Today",
    "R": "Fox News",
    "RR": "Breitbart",
}
SYSTEMS = {
    "lemma": "same-lemma baseline",
    "manysides": "manysides concepts",
    "strict": "manysides, report settings (STRICT)",
}
_NO_SPACE_BEFORE = re.compile(r"^(?:[,.;:!?%)\]}]|'s|'|n't|'re|'ve|'ll|'d|'m)$")
_NO_SPACE_AFTER = {"(", "[", "{", "$", "-", "—"}


@dataclass(slots=True)
class GoldDoc:
    """One article rebuilt from CoNLL tokens: text, and gold mentions as character spans."""

    id: str
    topic: str
    outlet: str
    sentences: list[list[str]] = field(default_factory=list)
    text: str = ""
    mentions: list[tuple[int, int, str]] = field(default_factory=list)


def read_conll(path: Path = CONLL) -> list[GoldDoc]:
    """Documents with their tokens and gold mentions (token spans turned into characters)."""
    docs: dict[str, GoldDoc] = {}
    raw: dict[str, list[tuple[int, int, int, str]]] = defaultdict(list)
    open_spans: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 5 or line.startswith("#"):
            continue
        topic_doc, sent, tok, token, labels = (
            parts[0],
            int(parts[1]),
            int(parts[2]),
            parts[3],
            parts[4],
        )
        doc_id = topic_doc.rsplit("/", 1)[-1]
        doc = docs.setdefault(doc_id, GoldDoc(doc_id, doc_id.split("_")[0], doc_id.split("_")[1]))
        while len(doc.sentences) <= sent:
            doc.sentences.append([])
        doc.sentences[sent].append(token)
        for label in (x.strip() for x in labels.split("|")):
            chain = label.strip("()")
            if not chain or label == "-":
                continue
            if label.startswith("("):
                open_spans[(doc_id, chain)].append((sent, tok))
            if label.endswith(")") and open_spans[(doc_id, chain)]:
                start_sent, start_tok = open_spans[(doc_id, chain)].pop()
                if start_sent == sent:
                    raw[doc_id].append((sent, start_tok, tok + 1, chain))
    for doc in docs.values():
        offsets = _build_text(doc)
        for sent, start, end, chain in raw[doc.id]:
            doc.mentions.append((offsets[sent][start][0], offsets[sent][end - 1][1], chain))
    return sorted(docs.values(), key=lambda d: (int(d.topic), d.outlet))


def _build_text(doc: GoldDoc) -> list[list[tuple[int, int]]]:
    """Detokenize: a headline-free text, one sentence per line; returns token offsets."""
    pieces: list[str] = []
    offsets: list[list[tuple[int, int]]] = []
    position = 0
    for tokens in doc.sentences:
        sentence_offsets = []
        for index, token in enumerate(tokens):
            if index and not (
                _NO_SPACE_BEFORE.match(token) or tokens[index - 1] in _NO_SPACE_AFTER
            ):
                pieces.append(" ")
                position += 1
            sentence_offsets.append((position, position + len(token)))
            pieces.append(token)
            position += len(token)
        pieces.append("\n\n")
        position += 2
        offsets.append(sentence_offsets)
    doc.text = "".join(pieces)
    return offsets


def topics(docs: Sequence[GoldDoc]) -> Iterator[tuple[str, list[GoldDoc]]]:
    by_topic: dict[str, list[GoldDoc]] = defaultdict(list)
    for doc in docs:
        by_topic[doc.topic].append(doc)
    yield from sorted(by_topic.items(), key=lambda kv: int(kv[0]))


def gold_clusters(docs: Sequence[GoldDoc]) -> list[Cluster]:
    chains: dict[str, set[tuple[str, int, int]]] = defaultdict(set)
    seen: set[tuple[str, int, int]] = set()
    for doc in docs:
        for start, end, chain in doc.mentions:
            if (doc.id, start, end) not in seen:  # a span in two chains counts once, first wins
                seen.add((doc.id, start, end))
                chains[chain].add((doc.id, start, end))
    return [frozenset(c) for c in chains.values()]


def event_phrases(docs: Sequence[GoldDoc]) -> tuple[list[Any], list[str | None]]:
    """Phrases at one event's gold mentions, and their resolved-entity anchors: the articles
    go through the same annotation and entity resolution as `manysides compare`."""
    from manysides.compare.entities import resolve_entities
    from manysides.compare.framing_links import entity_keys
    from manysides.compare.phrases import phrases_at
    from manysides.model import Article
    from manysides.nlp.annotate import annotate_articles
    from manysides.nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    articles = [Article(d.id, d.text, OUTLETS[d.outlet], "metadata", "", d.id) for d in docs]
    entities, _ = resolve_entities(annotate_articles(articles, nlp))
    phrases = []
    for doc in docs:
        spans = sorted({(s, e) for s, e, _ in doc.mentions})
        phrases.extend(phrases_at(doc.id, doc.text, spans, nlp))
    return phrases, entity_keys(phrases, entities)


def predict(docs: Sequence[GoldDoc], system: str) -> list[Cluster]:
    """Group one event's gold mentions with ``system``: "lemma", "manysides" (benchmark
    settings: strays attached) or "strict" (the report's settings, `STRICT`)."""
    from manysides.compare.concepts import STRICT, group_phrases, lemma_baseline

    phrases, resolved = event_phrases(docs)
    if system == "lemma":
        groups = lemma_baseline(phrases)
    else:
        groups = group_phrases(phrases, None, STRICT if system == "strict" else None, resolved)
    return [
        frozenset((phrases[i].span.article, phrases[i].span.start, phrases[i].span.end) for i in g)
        for g in groups
    ]


def evaluate(docs: Sequence[GoldDoc], system: str, only: set[str] | None = None) -> dict[str, Any]:
    gold: list[Cluster] = []
    predicted: list[Cluster] = []
    for topic, members in topics(docs):
        if only is not None and topic not in only:
            continue
        gold.extend(gold_clusters(members))
        predicted.extend(predict(members, system))
    return conll_f1(gold, predicted)


def _row(name: str, scores: dict[str, object]) -> str:
    cells = [f"{100 * scores[k].f1:.2f}" for k in ("muc", "b3", "ceaf_e")]  # type: ignore[attr-defined]
    return f"| {name} | {' | '.join(cells)} | **{scores['conll']:.2f}** |"


def main() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--topics", default="", help="comma-separated event ids (default: all)")
    args = parser.parse_args()
    docs = read_conll()
    started = time.perf_counter()
    splits = {
        "all 10 events": None,
        "dev (events 0-4)": set("01234"),
        "held out (events 5-9)": set("56789"),
    }
    if args.topics:
        splits = {f"events {args.topics}": set(args.topics.split(","))}
    mentions = sum(len(d.mentions) for d in docs)
    print(f"{len(docs)} documents, {mentions} gold mentions, {len(gold_clusters(docs))} chains\n")
    print("| system | split | MUC F1 | B3 F1 | CEAF-e F1 | CoNLL F1 |")
    print("|---|---|---|---|---|---|")
    for split, only in splits.items():
        for system, label in SYSTEMS.items():
            print(_row(f"{label} | {split}", evaluate(docs, system, only)))
    print(f"\n{time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
