"""Corpus fixtures: real articles from the shared data (skipped when it is missing)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from manysides.corpus.features import FeatureSettings
from manysides.corpus.store import Store
from manysides.model import Article
from manysides.read.jsonfile import article_from_record

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"
GOLD = SHARED / "giveme5w1h" / "Giveme5W1H" / "examples" / "datasets" / "gold_standard" / "data"
NEWS_CLUSTER = (
    SHARED / "giveme5w1h" / "Giveme5W1H" / "examples" / "datasets" / "news_cluster" / "data"
)
FAST = FeatureSettings("hashing", "capitalized")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "corpus.db")


@pytest.fixture(scope="session")
def real_articles() -> list[Article]:
    """A dozen real news-please articles (gold_standard), in file order."""
    if not GOLD.is_dir():
        pytest.skip("../shared/data is not available")
    files = sorted(GOLD.glob("*.json"))[:12]
    return [article_from_record(json.loads(f.read_text()), str(f)) for f in files]
