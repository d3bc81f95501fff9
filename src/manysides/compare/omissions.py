"""What each outlet leaves out: facts at least ``k`` other outlets report, widest first.

``k`` defaults to half of the other outlets (at least one), so with two articles every fact
the other one reports counts, and with ten only facts five others carry do. Callers choose
``k`` with `find_omissions(comparison, k=...)`, the command line with ``--omission-k``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from manysides.model import Claim, Comparison


@dataclass(frozen=True, slots=True)
class Omission:
    """A fact one outlet does not report, with the claims of the outlets that do."""

    outlet: str
    article: str
    fact: str
    reported_by: tuple[str, ...]
    claims: tuple[Claim, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "outlet": self.outlet,
            "article": self.article,
            "fact": self.fact,
            "reported_by": list(self.reported_by),
            "count": len(self.reported_by),
            "claims": [{**c.span.to_dict(), "outlet": c.outlet} for c in self.claims],
        }


def omission_k(options: Mapping[str, object] | None) -> int | None:
    """``k`` from the enricher options (``{"omission_k": 2}``), or None for the default."""
    value = (options or {}).get("omission_k")
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValueError(f"omission_k must be a whole number >= 1, got {value!r}; pass e.g. 2.")
    return value


def default_k(outlets: int) -> int:
    return max(1, (outlets - 1) // 2)


def find_omissions(comparison: Comparison, k: int | None = None) -> list[Omission]:
    """Per outlet (in article order), the facts it omits that >= k others report, ranked by
    how many outlets report them (then by the fact order of the comparison)."""
    outlets = {a.outlet: a.id for a in reversed(comparison.articles)}
    ordered = list(dict.fromkeys(a.outlet for a in comparison.articles))
    k = default_k(len(ordered)) if k is None else k
    found: list[Omission] = []
    for outlet in ordered:
        missing = [
            (n, fact)
            for n, fact in enumerate(comparison.facts)
            if outlet not in fact.outlets and len(fact.outlets) >= k
        ]
        missing.sort(key=lambda pair: (-len(pair[1].outlets), pair[0]))
        found += [
            Omission(outlet, outlets[outlet], fact.id, fact.outlets, fact.claims)
            for _n, fact in missing
        ]
    return found
