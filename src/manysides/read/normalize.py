"""Unicode, quote and whitespace normalization; the result is the text all offsets refer to."""

from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2033": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u2011": "-",
        "\u00ad": None,
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\u2060": None,
        "\ufeff": None,
    }
)
_SPACES = re.compile(r"[^\S\n]+")
_BLANK_RUN = re.compile(r"\n\s*\n")


def normalize_text(raw: str) -> str:
    """NFC, straight quotes, single spaces, and paragraphs separated by one blank line.

    If the input separates paragraphs by blank lines, single newlines inside a block are
    line wrapping and become spaces; otherwise (trafilatura, JSON) every line is a paragraph.
    """
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.translate(_QUOTES)
    text = _SPACES.sub(" ", text)
    if _BLANK_RUN.search(text.strip()):
        blocks = _BLANK_RUN.split(text)
        paragraphs = [
            " ".join(line.strip() for line in b.split("\n") if line.strip()) for b in blocks
        ]
    else:
        paragraphs = [line.strip() for line in text.split("\n")]
    return "\n\n".join(p for p in paragraphs if p)


def paragraph_offsets(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every paragraph of a normalized text."""
    spans: list[tuple[int, int]] = []
    start = 0
    for block in text.split("\n\n"):
        spans.append((start, start + len(block)))
        start += len(block) + 2
    return [s for s in spans if s[1] > s[0]]
