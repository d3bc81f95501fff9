"""One citation format for every Markdown and terminal section: ``[N:start-end]``.

N is the article's number in the report's first table and start-end the characters of its
text, so a reader can check any statement the same way wherever it appears.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from manysides.model import Comparison

EXPLAINED = (
    "Citations read [N:start-end]: article N of the table above, characters start to end of "
    "its text."
)


def article_numbers(comparison: Comparison) -> dict[str, int]:
    """Article id -> its number in the report's article table (1-based, input order)."""
    return {a.id: n for n, a in enumerate(comparison.articles, start=1)}


def cite(spans: Iterable[Mapping[str, Any]], numbers: Mapping[str, int]) -> str:
    """``[1:71-288; 2:79-270]`` for spans given as dicts with article, start and end."""
    parts = [
        f"{numbers.get(str(s['article']), s['article'])}:{s['start']}-{s['end']}" for s in spans
    ]
    return f"[{'; '.join(parts)}]" if parts else ""
