"""A parsed paragraph's text, built once.

spaCy's ``Doc.text`` joins every token on each access; the quote and event rules ask for it
tens of thousands of times per batch (line-break checks between a cue and its subject), which
made that join a third of the extraction time.
"""

from __future__ import annotations

from typing import Any

_KEY = "manysides.text"


def doc_text(doc: Any) -> str:
    """``doc.text``, computed on first use and kept in the doc's ``user_data``."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return str(text)
