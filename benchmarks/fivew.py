"""5W1H main-event extraction on the Giveme5W1H gold standard: per-question precision/recall.

    .venv/bin/python benchmarks/fivew.py [--limit N] [--split dev|held-out|all] [--show when]

Example: ``benchmarks/fivew.py --split dev --show where`` prints the dev misses for where.

Each gold document's description and text (the title is the headline and stays out of the
story, as in manysides) are annotated; our main event's who/what/when/where/why/how span is
compared with the coders' phrases. Lenient match: one contains the other (case-insensitive)
or their word-level F1 is at least 0.5; strict match: word F1 >= 0.5 only. Precision counts
answered questions that have gold phrases; recall counts questions with gold phrases.
Changes are decided on the ``dev`` half (even positions in file order) and checked on the
``held-out`` half (odd positions), so the numbers do not come from tuning to the answers.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = (
    ROOT.parent / "shared" / "data" / "giveme5w1h" / "Giveme5W1H" / "examples" / "datasets"
    / "gold_standard" / "data"
)  # fmt: skip
QUESTIONS = ("who", "what", "when", "where", "why", "how")
CURLY = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
SPLITS = ("dev", "held-out", "all")


def load(limit: int | None = None) -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(DATA.glob("*.json"))[:limit]]


def in_split(index: int, split: str) -> bool:
    """Whether the document at ``index`` (file order) belongs to ``split``: dev is the even
    positions, held-out the odd ones."""
    return split == "all" or (index % 2 == 0) == (split == "dev")


def _article(doc: dict[str, Any]) -> Any:
    from dataclasses import replace

    from manysides.model import Article

    title = (doc.get("title") or "").strip()
    text = f"{title}\n\n{_body(doc, title)}".translate(CURLY)
    published = str(doc.get("date_publish") or "")[:10] or None
    article = Article(doc["dId"], text, doc.get("publisher", ""), "metadata", title, doc["dId"])
    return replace(article, published=published, title_span=article.span(0, len(title)))


def _body(doc: dict[str, Any], title: str) -> str:
    """The description (unless the text already opens with it, as scraped pages often do)
    and the text, without a repeated headline at its start."""
    description = (doc.get("description") or "").strip()
    text = (doc.get("text") or "").strip()
    if title and text.startswith(title):
        text = text[len(title) :].strip()
    parts = [text]
    if description and description.rstrip(".").removesuffix("...")[:60] not in text:
        parts.insert(0, description)
    return "\n\n".join(p for p in parts if p)


ESCAPED = re.compile(r"\\u([0-9a-fA-F]{4})|\\(\")")
"""A character the gold files escape twice ("Trump\\u2019s", "\\"amazing\\""): 10 phrases."""


def gold_phrases(doc: dict[str, Any], question: str) -> list[str]:
    """The coders' phrases, with twice-escaped characters decoded and curly quotes made
    straight, as in the article text we annotate."""
    entries = doc["fiveWoneH"].get(question, {}).get("annotated", [])
    return [_unescape(e["text"]) for e in entries if e.get("text")]


def _unescape(text: str) -> str:
    decoded = ESCAPED.sub(lambda m: m.group(2) or chr(int(m.group(1), 16)), text)
    return decoded.translate(CURLY)


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


def evaluate(limit: int | None = None, nlp: Any = None, split: str = "all") -> dict[str, Any]:
    """Annotate the gold documents and score those of ``split``."""
    docs = load(limit)
    return score(docs, main_events(docs, nlp), split)


def main_events(docs: Sequence[dict[str, Any]], nlp: Any = None) -> list[Any]:
    """Our main event of each gold document (None where there is none)."""
    from manysides.nlp.annotate import annotate_articles
    from manysides.nlp.pipeline import load_pipeline

    annotated = annotate_articles([_article(d) for d in docs], nlp or load_pipeline())
    return [item.main_event[0] if item.main_event else None for item in annotated]


def score(
    docs: Sequence[dict[str, Any]], mains: Sequence[Any], split: str = "all"
) -> dict[str, Any]:
    """Per-question lenient and strict precision/recall of the main events ``mains``."""
    counts = {q: {"answered": 0, "right": 0, "right_strict": 0, "gold": 0} for q in QUESTIONS}
    chosen = [
        (d, m) for i, (d, m) in enumerate(zip(docs, mains, strict=True)) if in_split(i, split)
    ]
    for doc, main in chosen:
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
    result: dict[str, Any] = {"split": split, "documents": len(chosen)}
    for question, c in counts.items():
        result[question] = {
            "precision": _ratio(c["right"], c["answered"]),
            "recall": _ratio(c["right"], c["gold"]),
            "precision_strict": _ratio(c["right_strict"], c["answered"]),
            "recall_strict": _ratio(c["right_strict"], c["gold"]),
            **c,
        }
    return result


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 3) if whole else 0.0


def misses(docs: Sequence[dict[str, Any]], mains: Sequence[Any], question: str, split: str) -> str:
    """Error analysis: per document of ``split``, our answer to ``question`` beside the gold
    phrases, for the wrong and the unanswered ones."""
    lines = []
    for index, (doc, main) in enumerate(zip(docs, mains, strict=True)):
        gold = gold_phrases(doc, question)
        span = getattr(main, question) if main else None
        if not gold or not in_split(index, split):
            continue
        if span is not None and any(matches_strict(span.text, g) for g in gold):
            continue
        mark = "-" if span is None else ("~" if any(matches(span.text, g) for g in gold) else "x")
        answer = span.text if span is not None else None
        lines.append(f"{mark} {index:2d} {doc['dId'][:8]} ours={answer!r} gold={gold!r}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--split", choices=SPLITS, default=None, help="default: each of them")
    parser.add_argument("--show", choices=QUESTIONS, default=None, help="print the misses")
    args = parser.parse_args()
    if not DATA.exists():
        print(f"Giveme5W1H gold standard not found at {DATA}", file=sys.stderr)
        return 2
    docs = load(args.limit)
    mains = main_events(docs)
    if args.show is not None:
        print(misses(docs, mains, args.show, args.split or "all"))
    splits = [args.split] if args.split else SPLITS
    print(json.dumps([score(docs, mains, split) for split in splits], indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
