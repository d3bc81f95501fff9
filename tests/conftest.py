"""Shared fixtures: the seed comparison is built once per test session (real models)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED_DATA = ROOT.parent / "shared" / "data"
SEED_A = EXAMPLES / "000_7122ce95faa28aea.txt"
SEED_B = EXAMPLES / "002_0bb737b31468a132.txt"

os.environ.setdefault("HF_HUB_OFFLINE", "1")


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The real spaCy pipeline, loaded once."""
    from manysides.nlp.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def seed_comparison() -> Any:
    """The comparison of the two seed reports with the real models (the canonical fixture)."""
    import manysides

    return manysides.compare([EXAMPLES])


@pytest.fixture(scope="session")
def seed_document(seed_comparison: Any) -> dict[str, Any]:
    document: dict[str, Any] = seed_comparison.to_dict()
    return document


def iter_spans(node: Any) -> Any:
    """Every citation span ({article, start, end, text}) anywhere in a JSON document."""
    if isinstance(node, dict):
        if {"article", "start", "end", "text"} <= node.keys():
            yield node
        for value in node.values():
            yield from iter_spans(value)
    elif isinstance(node, list):
        for value in node:
            yield from iter_spans(value)
