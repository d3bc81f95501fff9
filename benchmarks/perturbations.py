"""Perturbation benchmark for conflict detection (issue 3).

Each case copies a real article from ../shared/data (Giveme5W1H gold_standard and
news_cluster) with one controlled change — a number, a date, a title, a name respelled, a
place, a negation, a quote's speaker, a quote's words — or a control change that keeps the
meaning (paragraphs reordered, sentences dropped, boilerplate added). The original and the
copy go through the real pipeline (annotation, entity resolution, alignment) and
`find_conflicts`. A case counts for kind K when a conflict of kind K is reported; precision
per kind is over every case that reported K, recall over the cases changed in kind K.
Controls must report no contradiction.

Run: .venv/bin/python benchmarks/perturbations.py [--limit N] [--seed S] [--per-kind N]
The original is annotated once per article; copies are annotated alone and relabeled with it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from manysides.compare.align import align
from manysides.compare.conflicts import find_conflicts
from manysides.compare.entities import resolve_entities
from manysides.compare.run import fact_groups
from manysides.compare.statements import all_statements
from manysides.errors import InputError
from manysides.model import AnnotatedArticle, Article, Comparison
from manysides.nlp.annotate import annotate_articles, relabel_by_majority
from manysides.nlp.embed import CachingEmbedder, Embedder, default_embedder
from manysides.read.build import Metadata, build_article

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "giveme5w1h" / "Giveme5W1H" / "examples" / "datasets"
CHANGES = ("number", "date", "role", "name", "place", "polarity", "speaker", "quote")
CONTROLS = ("reorder", "drop", "boilerplate")


@dataclass(frozen=True, slots=True)
class Case:
    article: int
    change: str
    text: str
    note: str


@dataclass(slots=True)
class Tally:
    reported: Counter[str] = field(default_factory=Counter)  # cases reporting kind K
    correct: Counter[str] = field(default_factory=Counter)  # ... whose change was K
    changed: Counter[str] = field(default_factory=Counter)  # cases changed in kind K
    control_contradictions: int = 0
    control_any: int = 0
    controls: int = 0
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)


def load_articles(limit: int) -> list[Article]:
    """Real articles with enough body text, both datasets, in a fixed order."""
    found: list[Article] = []
    for folder in ("gold_standard", "news_cluster"):
        for path in sorted((DATA / folder / "data").glob("*.json")):
            record = json.loads(path.read_text(encoding="utf-8"))
            text = (record.get("text") or "").replace("\n", "\n\n")
            if not 1500 <= len(text) <= 7000 or text.count("\n\n") < 6:
                continue
            meta = Metadata(
                title=record.get("title"),
                outlet="original",
                published=(record.get("date_publish") or "")[:10] or None,
            )
            try:
                found.append(build_article(text, meta, path.name))
            except InputError:
                continue
    return found[:limit]


# ---- perturbations: each returns the new text and a note, or None when it does not apply ----

_NUMBER = re.compile(r"(?<![\w.,$-])(\d{1,3}(?:,\d{3})*|\d+)(?![\w.,%-]|,\d)")
_MONTH_WORD = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*"
_MONTH = _MONTH_WORD + r"\.?"
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_TITLE = re.compile(
    r"\b(President|Prime Minister|Minister|Secretary|Senator|Governor|Mayor|Chancellor|"
    r"spokesman|spokeswoman|Chief Executive|CEO|Director|Judge|Coach|Sheriff|Professor|"
    r"Rep\.|Sen\.|Gov\.)( [A-Z][a-z]+(?: [A-Z][a-z]+)?)"
)
_OTHER_TITLE = {
    "President": "Senator", "Prime Minister": "Foreign Minister", "Minister": "Governor",
    "Secretary": "Ambassador", "Senator": "Governor", "Governor": "Senator", "Mayor": "Governor",
    "Chancellor": "President", "spokesman": "director", "spokeswoman": "director",
    "Chief Executive": "Chairman", "CEO": "chairman", "Director": "Professor",
    "Judge": "Prosecutor", "Coach": "Captain", "Sheriff": "Mayor", "Professor": "Director",
    "Rep.": "Sen.", "Sen.": "Gov.", "Gov.": "Sen.",
}  # fmt: skip
_NEGATABLE = re.compile(r"\b(will|would|can|could|should|has|have|had|is|was|are|were|did|does)"
                        r" (?!not\b|n't\b)([a-z]{3,})\b")  # fmt: skip
_SAID_NAME = re.compile(
    r"(\bsaid |\btold \w+ |\baccording to )([A-Z][a-z]+(?: [A-Z][a-z]+)?)|"
    r"([A-Z][a-z]+(?: [A-Z][a-z]+)?)( said| told| says)\b"
)
_QUOTE = re.compile(r'"([^"]{30,300})"')
_PLACES = ["Paris", "Berlin", "Chicago", "Madrid", "Toronto", "Sydney", "Boston", "Denver"]
_SPEAKERS = ["Maria Lopez", "Peter Brandt", "Aisha Khan", "Tom Whitfield"]
_SWAPS = {"important": "crucial", "very": "really", "people": "folks", "said": "stated",
          "think": "believe", "good": "great", "big": "huge", "new": "fresh",
          "want": "wish", "make": "create", "help": "assist", "know": "understand"}  # fmt: skip
_BOILERPLATE = [
    "Follow us on Twitter and Facebook for the latest updates.",
    "Sign up for our daily newsletter to get the top stories in your inbox.",
    "This article has been updated with additional information.",
]


def body(article: Article) -> list[tuple[int, int]]:
    """Story paragraphs after the headline, furniture excluded."""
    skip = {(f.span.start, f.span.end) for f in article.furniture}
    title_end = article.title_span.end if article.title_span else 0
    offsets, start = [], 0
    for block in article.text.split("\n\n"):
        end = start + len(block)
        if start >= title_end and (start, end) not in skip and block.strip():
            offsets.append((start, end))
        start = end + 2
    return offsets


def _pick(article: Article, pattern: re.Pattern[str], rng: random.Random) -> re.Match[str] | None:
    matches = [m for s, e in body(article) for m in pattern.finditer(article.text, s, e)]
    return rng.choice(matches) if matches else None


def _replace(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def change_number(a: Article, rng: random.Random) -> tuple[str, str] | None:
    candidates = []
    for s, e in body(a):
        for m in _NUMBER.finditer(a.text, s, e):
            before = a.text[max(0, m.start() - 12) : m.start()]
            value = int(m.group(1).replace(",", ""))
            if re.search(_MONTH + r"[\s\d,]*(?:and\s*)?$", before) or 1900 <= value <= 2100:
                continue
            if value == 0 or re.search(r"[A-Z][\w-]*\s$", before):  # "Boeing 737"
                continue
            after = a.text[m.end() : m.end() + 40]
            if re.match(r"\s*(?:a\.m|p\.m|am\b|pm\b|:)", after) or _NOT_A_COUNT.match(after):
                continue
            if re.search(r"[/#№]\s*$", before) or re.match(r"/\d", after):
                continue  # "1/16", "No. 5": an index, not a figure
            candidates.append((m, value))
    if not candidates:
        return None
    m, value = rng.choice(candidates)
    new = same_style(m.group(1), value + rng.choice([2, 3, 5, 7, 11]))
    return _replace(a.text, m.start(1), m.end(1), new), f"{m.group(1)} -> {new}"


# A day of the month written before the month ("31 December") and a street number ("1426 N.
# Quincy St.") are not figures: changing them makes a malformed date or another address.
_NOT_A_COUNT = re.compile(
    r"\s*(?:" + _MONTH + r"(?:\s|,|$)|(?:[A-Z][\w.]*\s){1,3}(?:St|Street|Ave|Avenue|Rd|Road|"
    r"Blvd|Boulevard|Dr|Drive|Lane|Ln|Way|Pl|Place|Pike|Highway|Hwy)\b)"
)


def same_style(old: str, value: int) -> str:
    """``value`` written like ``old``: thousands separators kept ("120,000" -> "120,002")."""
    return f"{value:,}" if "," in old else str(value)


def change_date(a: Article, rng: random.Random) -> tuple[str, str] | None:
    weekday = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b")
    dated = re.compile(r"\b(" + _MONTH + r")\s(\d{1,2})\b|\b(?:in|since|of) ((?:19|20)\d\d)\b")
    m = _pick(a, weekday, rng)
    if m is not None:
        new = _WEEKDAYS[(_WEEKDAYS.index(m.group(1)) + rng.choice([2, 3])) % 7]
        return _replace(a.text, m.start(1), m.end(1), new), f"{m.group(1)} -> {new}"
    m = _pick(a, dated, rng)
    if m is None:
        return None
    group = 2 if m.group(2) else 3
    old = int(m.group(group))
    new = str(old + 3 if group == 2 and old <= 25 else old - 3 if group == 2 else old - 2)
    return _replace(a.text, m.start(group), m.end(group), new), f"{m.group(group)} -> {new}"


def change_role(a: Article, rng: random.Random) -> tuple[str, str] | None:
    m = _pick(a, _TITLE, rng)
    if m is None:
        return None
    new = _OTHER_TITLE[m.group(1)]
    return _replace(a.text, m.start(1), m.end(1), new), f"{m.group(1)} -> {new}"


def change_name(a: Article, rng: random.Random) -> tuple[str, str] | None:
    calendar = "|".join([_MONTH_WORD + r"\b", *_WEEKDAYS])
    names = re.compile(r"(?<=[a-z,] )(?!" + calendar + r")([A-Z][a-z]{4,})\b")
    m = _pick(a, names, rng)  # a month or a weekday respelled is not a name
    if m is None:
        return None
    word = m.group(1)
    i = rng.randrange(1, len(word) - 2)
    new = word[:i] + word[i + 1] + word[i] + word[i + 2 :] if word[i] != word[i + 1] else word + "e"
    return _replace(a.text, m.start(1), m.end(1), new), f"{word} -> {new}"


def change_place(a: Article, rng: random.Random) -> tuple[str, str] | None:
    from manysides.nlp.gazetteer import canonical_place

    words = re.compile(r"\b(?:in|at|to|from) ([A-Z][a-z]{3,}(?: [A-Z][a-z]+)?)\b")
    hits = [
        m for s, e in body(a) for m in words.finditer(a.text, s, e) if canonical_place(m.group(1))
    ]
    if not hits:
        return None
    m = rng.choice(hits)
    new = rng.choice([p for p in _PLACES if p != m.group(1)])
    return _replace(a.text, m.start(1), m.end(1), new), f"{m.group(1)} -> {new}"


def change_polarity(a: Article, rng: random.Random) -> tuple[str, str] | None:
    m = _pick(a, _NEGATABLE, rng)
    if m is None:
        return None
    return _replace(a.text, m.end(1), m.end(1), " not"), f"{m.group(0)} -> {m.group(1)} not"


def change_speaker(a: Article, rng: random.Random) -> tuple[str, str] | None:
    hits = []
    for s, e in body(a):
        paragraph = a.text[s:e]
        if '"' not in paragraph:
            continue
        hits += [
            m
            for m in _SAID_NAME.finditer(a.text, s, e)
            if not _in_quote(a.text, s, m)
            and not _titled(m.group(2) or m.group(3))
            and not a.text.startswith(("'s", "’s"), m.end(2) if m.group(2) else m.end())
        ]
    if not hits:
        return None
    m = rng.choice(hits)
    group = 2 if m.group(2) else 3
    new = rng.choice(_SPEAKERS)
    return _replace(a.text, m.start(group), m.end(group), new), f"{m.group(group)} -> {new}"


def _titled(name: str) -> bool:
    from manysides.compare.roles import TITLES

    return any(w.lower() in TITLES for w in name.split()) or name in ("He", "She", "They")


def _in_quote(text: str, start: int, m: re.Match[str]) -> bool:
    return text.count('"', start, m.start()) % 2 == 1


def change_quote(a: Article, rng: random.Random) -> tuple[str, str] | None:
    m = _pick(a, _QUOTE, rng)
    if m is None:
        return None
    words = list(re.finditer(r"\b[a-z]{4,}\b", m.group(1)))
    if len(words) < 3:
        return None
    w = rng.choice(words)
    new = _SWAPS.get(w.group(), "really " + w.group())
    start = m.start(1) + w.start()
    return _replace(a.text, start, start + len(w.group()), new), f"{w.group()} -> {new}"


def control_reorder(a: Article, rng: random.Random) -> tuple[str, str] | None:
    paragraphs = body(a)
    if len(paragraphs) < 3:
        return None
    blocks = [a.text[s:e] for s, e in paragraphs]
    rng.shuffle(blocks)
    head = a.text[: paragraphs[0][0]]
    return head + "\n\n".join(blocks), "paragraphs shuffled"


def control_drop(a: Article, rng: random.Random) -> tuple[str, str] | None:
    paragraphs = body(a)
    if len(paragraphs) < 4:
        return None
    drop = set(rng.sample(range(1, len(paragraphs)), 2))
    blocks = [a.text[s:e] for n, (s, e) in enumerate(paragraphs) if n not in drop]
    return a.text[: paragraphs[0][0]] + "\n\n".join(blocks), f"paragraphs {sorted(drop)} dropped"


def control_boilerplate(a: Article, rng: random.Random) -> tuple[str, str] | None:
    extra = rng.sample(_BOILERPLATE, 2)
    return a.text + "\n\n" + "\n\n".join(extra), "boilerplate added"


GENERATORS: dict[str, Callable[[Article, random.Random], tuple[str, str] | None]] = {
    "number": change_number, "date": change_date, "role": change_role, "name": change_name,
    "place": change_place, "polarity": change_polarity, "speaker": change_speaker,
    "quote": change_quote, "reorder": control_reorder, "drop": control_drop,
    "boilerplate": control_boilerplate,
}  # fmt: skip


def make_cases(articles: Sequence[Article], per_kind: int, seed: int) -> list[Case]:
    """Up to ``per_kind`` cases per change, each from a different article where possible."""
    rng = random.Random(seed)
    cases: list[Case] = []
    for change, generator in GENERATORS.items():
        order = list(range(len(articles)))
        rng.shuffle(order)
        made = 0
        for n in order:
            if made >= per_kind:
                break
            result = generator(articles[n], rng)
            if result is not None and result[0] != articles[n].text:
                cases.append(Case(n, change, result[0], result[1]))
                made += 1
    return cases


def compare_pair(
    original: AnnotatedArticle, copy: AnnotatedArticle, embedder: Embedder
) -> Comparison:
    """The pipeline of `compare_articles`, with the original's annotation reused."""
    annotated = relabel_by_majority([original, copy])
    entities, entity_of = resolve_entities(annotated)
    statements = all_statements(annotated, entity_of, entities)
    groups = align(statements, embedder)
    articles = [item.article for item in annotated]
    facts = fact_groups(groups, statements, {a.outlet for a in articles})
    return Comparison(articles, entities, facts, annotated)


def copy_article(original: Article, case: Case) -> Article:
    meta = Metadata(title=original.title, outlet="copy", published=original.published)
    return build_article(case.text, meta, f"copy-{case.article}-{case.change}")


def run(cases: Sequence[Case], articles: Sequence[Article]) -> Tally:
    embedder = CachingEmbedder(default_embedder())
    originals: dict[int, AnnotatedArticle] = {}
    tally = Tally()
    for case in cases:
        if case.article not in originals:
            originals[case.article] = annotate_articles([articles[case.article]])[0]
        copy = annotate_articles([copy_article(articles[case.article], case)])[0]
        conflicts = find_conflicts(compare_pair(originals[case.article], copy, embedder))
        score(tally, case, conflicts)
    return tally


def score(tally: Tally, case: Case, conflicts: Sequence[object]) -> None:
    kinds = {getattr(c, "kind", "") for c in conflicts}
    label = f"{case.change} a{case.article} ({case.note})"
    if case.change in CONTROLS:
        tally.controls += 1
        tally.control_any += bool(kinds)
        if any(getattr(c, "contradiction", False) for c in conflicts):
            tally.control_contradictions += 1
            tally.false_alarms.append(f"{label}: {sorted(kinds)}")
    else:
        tally.changed[case.change] += 1
        if case.change not in kinds:
            tally.misses.append(label)
    for kind in kinds:
        tally.reported[kind] += 1
        if kind == case.change:
            tally.correct[kind] += 1
        else:
            tally.false_alarms.append(f"{label}: reported {kind}")


def report(tally: Tally, cases: int, seconds: float, command: str) -> str:
    rows = [
        "| kind | cases | reported | correct | precision | recall |",
        "|---|---|---|---|---|---|",
    ]
    for kind in CHANGES:
        reported, correct, changed = tally.reported[kind], tally.correct[kind], tally.changed[kind]
        precision = f"{correct / reported:.3f}" if reported else "n/a"
        recall = f"{correct / changed:.3f}" if changed else "n/a"
        rows.append(f"| {kind} | {changed} | {reported} | {correct} | {precision} | {recall} |")
    rows.append(
        f"\nControls: {tally.controls} cases, {tally.control_contradictions} with a "
        f"contradiction, {tally.control_any} with any reported difference."
    )
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    header = [
        f"Perturbation benchmark: {cases} cases, {seconds:.0f} s, {machine}, "
        f"{time.strftime('%Y-%m-%d')}.",
        f"Command: `{command}`",
        "",
    ]
    return "\n".join(header + rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--limit", type=int, default=400, help="articles to draw from")
    parser.add_argument("--per-kind", type=int, default=32, help="cases per change kind")
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--show", action="store_true", help="print misses and false alarms")
    args = parser.parse_args(argv)
    articles = load_articles(args.limit)
    cases = make_cases(articles, args.per_kind, args.seed)
    started = time.perf_counter()
    tally = run(cases, articles)
    command = "python benchmarks/perturbations.py " + " ".join(
        sys.argv[1:] if argv is None else argv
    )
    print(report(tally, len(cases), time.perf_counter() - started, command.strip()))
    if args.show:
        print("\nMisses:", *tally.misses, sep="\n  ")
        print("\nFalse alarms:", *tally.false_alarms, sep="\n  ")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
