"""Shared helpers for the corpus benchmarks: real articles from ../shared/data."""

from __future__ import annotations

import json
import random
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


def variants(articles: list[Article], count: int, seed: int = 7) -> list[Article]:
    """``count`` distinct articles: each splices the sentences of two real articles (first
    half of one, second half of another) so every text is new but reads like news."""
    rng = random.Random(seed)
    out: list[Article] = []
    while len(out) < count:
        a, b = rng.sample(articles, 2)
        sa = a.text[a.body_start :].split(". ")
        sb = b.text[b.body_start :].split(". ")
        text = ". ".join(sa[: len(sa) // 2] + sb[len(sb) // 2 :])
        meta = Metadata(title=f"{a.title} ({len(out)})", outlet=a.outlet, published=a.published)
        try:
            out.append(build_article(text, meta, f"synthetic-{len(out)}"))
        except InputError:
            continue  # both halves empty: draw again
    return out
