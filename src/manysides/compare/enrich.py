"""Comparison enrichers: later stages (quotes, dates, conflicts, framing, ...) that add
top-level sections to the comparison document.

Each entry is ``"module:function"``; the function takes the `Comparison` and returns a dict
of JSON-ready sections that is merged into ``comparison.extras`` (and so into ``to_dict()``).
Enrichers run in list order, so a later one may read what an earlier one added.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable
from typing import Any

from manysides.model import Comparison

Enricher = Callable[[Comparison], dict[str, Any]]

ENRICHERS: list[str] = [
    "manysides.compare.quotes:enrich",  # quotes[] (issue 4)
    "manysides.compare.timeline:enrich",  # dates[], events[], main_events[], timeline[] (issue 4)
    "manysides.compare.conflicts:enrich",  # conflicts[], omissions[], brief[] (issue 3)
    "manysides.compare.framing:enrich",  # framing: concepts, labels, tone, sourcing (issue 6)
]


def run_enrichers(
    comparison: Comparison,
    names: list[str] | None = None,
    options: dict[str, Any] | None = None,
) -> Comparison:
    """Apply every enricher in order; each result is merged into ``comparison.extras``.

    ``options`` (e.g. ``{"omission_k": 2}``) goes to the enrichers whose function takes an
    ``options`` keyword; the others are called as before.
    """
    for name in ENRICHERS if names is None else names:
        module, _, function = name.partition(":")
        enricher: Enricher = getattr(importlib.import_module(module), function)
        if options and "options" in inspect.signature(enricher).parameters:
            comparison.extras.update(enricher(comparison, options=options))  # type: ignore[call-arg]
        else:
            comparison.extras.update(enricher(comparison))
    return comparison
