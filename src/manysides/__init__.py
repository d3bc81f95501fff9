"""manysides: one event, many outlets, every statement cited to its source characters.

>>> import manysides
>>> comparison = manysides.compare(["a.txt", "b.html"])   # doctest: +SKIP
>>> comparison.to_dict()["facts"][0]                        # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from manysides.model import Comparison


def compare(sources: Any, **options: Any) -> Comparison:
    """Compare reports of one event given as paths, folders, or `Article`s (see `compare.run`)."""
    from manysides.compare.run import compare as _compare

    return _compare(sources, **options)


__all__ = ["__version__", "compare"]
