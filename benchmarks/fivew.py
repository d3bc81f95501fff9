"""5W1H main-event extraction on the Giveme5W1H gold standard: per-question precision/recall.

    .venv/bin/python benchmarks/fivew.py [--limit N]

Each gold document's description and text (the title is the headline and stays out of the
story, as in manysides) are annotated; our main event's who/what/when/where/why/how span is
compared with the coders' phrases. Lenient match: one contains the other (case-insensitive)
or their word-level F1 is at least 0.5; strict match: word F1 >= 0.5 only. Precision counts
answered questions that have gold phrases; recall counts questions with gold phrases.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = (
    ROOT.parent / "shared" / "data" / "giveme5w1h" / "Giveme5W1H" / "examples" / "datasets"
    / "gold_standard" / "data"
)  # fmt: skip
QUESTIONS = ("who", "what", "when", "where", "why", "how")
CURLY = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def load(limit: int | None = None) -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(DATA.glob("*.json"))[:limit]]


def _article(doc: dict[str, Any]) -> Any:
    from dataclasses import replace

    from manysides.model import Article

    title = (doc.get("title") or "").strip()
    parts = [doc.get("description") or "", doc.get("text") or ""]
    body = "\n\n".join(p.strip() for p in parts if p and p.strip() and p.strip() not in parts[1:])
    text = f"{title}\n\n{body}".translate(CURLY)
    published = str(doc.get("date_publish") or "")[:10] or None
    article = Article(doc["dId"], text, doc.get("publisher", ""), "metadata", title, doc["dId"])
    return replace(article, published=published, title_span=article.span(0, len(title)))


def gold_phrases(doc: dict[str, Any], question: str) -> list[str]:
    entries = doc["fiveWoneH"].get(question, {}).get("annotated", [])
    return [e["text"] for e in entries if e.get("text")]


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def word_f1(answer: str, gold: str) -> float:
    aw, gw = set(_words(answer)), set(_words(gold))
    common = len(aw & gw)
    if not common:
        return 0.0
    p, r = common / len(aw), common / len(gw)
    return 2 * p * r / (p + r)


def matches(answer: str, gold: str) -> bool:
    """Lenient: one phrase contains the other (the paper's assessors also accepted partial
    answers), or word F1 >= 0.5."""
    a, g = answer.lower().strip(), gold.lower().strip()
    if a and g and (a in g or g in a):
        return True
    return word_f1(answer, gold) >= 0.5


def matches_strict(answer: str, gold: str) -> bool:
    """Strict: word F1 >= 0.5 only, so a long answer merely containing the gold phrase (or a
    single word inside a long gold phrase) does not count."""
    return word_f1(answer, gold) >= 0.5


def evaluate(limit: int | None = None, nlp: Any = None) -> dict[str, Any]:
    from manysides.nlp.annotate import annotate_articles
    from manysides.nlp.pipeline import load_pipeline

    docs = load(limit)
    annotated = annotate_articles([_article(d) for d in docs], nlp or load_pipeline())
    counts = {q: {"answered": 0, "right": 0, "right_strict": 0, "gold": 0} for q in QUESTIONS}
    for doc, item in zip(docs, annotated, strict=True):
        main = item.main_event[0] if item.main_event else None
        for question in QUESTIONS:
            gold = gold_phrases(doc, question)
            if not gold:
                continue
            counts[question]["gold"] += 1
            span = getattr(main, question) if main else None
            if span is None:
                continue
            counts[question]["answered"] += 1
            counts[question]["right"] += any(matches(span.text, g) for g in gold)
            counts[question]["right_strict"] += any(matches_strict(span.text, g) for g in gold)
    result: dict[str, Any] = {"documents": len(docs)}
    for question, c in counts.items():
        result[question] = {
            "precision": round(c["right"] / c["answered"], 3) if c["answered"] else 0.0,
            "recall": round(c["right"] / c["gold"], 3) if c["gold"] else 0.0,
            "precision_strict": round(c["right_strict"] / c["answered"], 3)
            if c["answered"]
            else 0.0,
            "recall_strict": round(c["right_strict"] / c["gold"], 3) if c["gold"] else 0.0,
            **c,
        }
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    if not DATA.exists():
        print(f"Giveme5W1H gold standard not found at {DATA}", file=sys.stderr)
        return 2
    print(json.dumps(evaluate(args.limit), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
