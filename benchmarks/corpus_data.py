"""Shared helpers for the corpus benchmarks: real articles from ../shared/data."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from manysides.errors import InputError
from manysides.model import Article
from manysides.read.build import Metadata, build_article
from manysides.read.jsonfile import article_from_record

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "giveme5w1h" / "Giveme5W1H"
NEWS_CLUSTER = DATA / "examples" / "datasets" / "news_cluster" / "data"
GOLD = DATA / "examples" / "datasets" / "gold_standard" / "data"


def real_articles() -> list[Article]:
    """news_cluster (383) + gold_standard (96) articles, file order."""
    files = sorted(NEWS_CLUSTER.glob("*.json")) + sorted(GOLD.glob("*.json"))
    return [article_from_record(json.loads(f.read_text()), str(f)) for f in files]


def variants(articles: list[Article], count: int, seed: int = 7, parts: int = 8) -> list[Article]:
    """``count`` distinct articles: each is ``parts`` runs of 2-3 consecutive sentences, each
    run from a different real article, under the headline and date of the first. Every text
    is new and reads like news, and two variants rarely share more than a sentence run, so
    the wire-copy index sees the load of a real stream (a few candidates per article), not
    the flood that re-using whole halves of 479 articles would cause."""
    rng = random.Random(seed)
    pools = [_sentences(a) for a in articles]
    usable = [i for i, p in enumerate(pools) if len(p) >= 3]
    out: list[Article] = []
    while len(out) < count:
        picks = rng.sample(usable, parts)
        runs = []
        for i in picks:
            start = rng.randrange(len(pools[i]) - 2)
            runs.append(" ".join(pools[i][start : start + rng.choice((2, 3))]))
        first = articles[picks[0]]
        meta = Metadata(
            title=f"{first.title} ({len(out)})", outlet=first.outlet, published=first.published
        )
        try:
            out.append(build_article("\n\n".join(runs), meta, f"synthetic-{len(out)}"))
        except InputError:
            continue  # nothing usable drawn: draw again
    return out


def _sentences(article: Article) -> list[str]:
    text = article.text[article.body_start :].replace("\n", " ")
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.strip()) > 20]


WCL50 = DATA.parents[1] / "newswcl50" / "diverse_cdcr_parsed" / "NewsWCL50-prep" / "output_data"


def newswcl50_articles() -> list[tuple[Article, str | None]]:
    """NewsWCL50's 50 articles (10 events x 5 outlets) rebuilt from the tokenized CoNLL file,
    labeled by event, in outlet-then-event order (no dates: the events interleave, as in a
    stream). The first sentence is taken as the headline."""
    docs: dict[str, list[list[str]]] = {}
    for line in (WCL50 / "NewsWCL50.conll").read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) < 4 or line.startswith("#"):
            continue
        sentences = docs.setdefault(cols[0], [])
        if int(cols[2]) == 0:
            sentences.append([])
        sentences[-1].append(cols[3])
    out: list[tuple[Article, str | None]] = []
    for doc, sentences in sorted(docs.items(), key=lambda kv: (kv[0].split("_")[-1], kv[0])):
        lines = [_detokenize(s) for s in sentences]
        meta = Metadata(title=lines[0], outlet=doc.split("_")[-1])
        article = build_article("\n\n".join(lines[1:]), meta, f"newswcl50/{doc}")
        out.append((article, doc.split("/")[0]))
    return out


def _detokenize(tokens: list[str]) -> str:
    text = " ".join(t for t in tokens if t != "\\n")
    text = re.sub(r" ([,.;:!?%)\]’”'])", r"\1", text)
    return re.sub(r"([(\[“‘$]) ", r"\1", text)
