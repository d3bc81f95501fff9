"""Conflicts on the seeds: the Qin Gang role, Kuleba and Kyiv/Kiev as variants, every span exact,
and no contradiction between the first seed and a copy of itself (as is, or reordered)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from manysides.compare.conflicts import find_conflicts
from manysides.compare.roles import compatible, role_at
from manysides.read import read_sources
from tests.conftest import SEED_A, iter_spans

pytestmark = pytest.mark.model


def _by_kind(document: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [c for c in document["conflicts"] if c["kind"] == kind]


def test_conflicts_report_qin_gang_role_with_both_spans(seed_document: dict[str, Any]) -> None:
    roles = [c for c in _by_kind(seed_document, "role") if "Qin" in c["explanation"]]
    assert len(roles) == 1
    conflict = roles[0]
    assert conflict["contradiction"] is True
    texts = {claim["text"] for claim in conflict["claims"]}
    assert "China's foreign minister, Qin Gang" in texts
    assert "Chinese leader Qin Gang" in texts
    assert len({claim["article"] for claim in conflict["claims"]}) == 2


def test_conflicts_report_kuleba_and_kyiv_as_name_variants(seed_document: dict[str, Any]) -> None:
    names = _by_kind(seed_document, "name")
    values = [set(c["values"]) for c in names]
    assert {"Dmytro Kuleba", "Dmitry Kuleba"} in values
    assert {"Kyiv", "Kiev"} in values
    assert all(c["contradiction"] is False and c["class"] == "variant" for c in names)


def test_conflict_spans_are_exact(seed_document: dict[str, Any]) -> None:
    texts = {a["id"]: a["text"] for a in seed_document["articles"]}
    sections = {k: seed_document[k] for k in ("conflicts", "omissions", "brief")}
    spans = list(iter_spans(sections))
    assert spans
    for span in spans:
        assert texts[span["article"]][span["start"] : span["end"]] == span["text"]


def test_conflict_ids_and_fields(seed_document: dict[str, Any]) -> None:
    for n, conflict in enumerate(seed_document["conflicts"], start=1):
        assert conflict["id"] == f"c{n}"
        assert {"kind", "contradiction", "explanation", "values", "claims"} <= conflict.keys()
        assert len(conflict["claims"]) >= 2


def _copies(reorder: bool) -> list[Any]:
    articles, _ = read_sources([SEED_A])
    original = articles[0]
    text = original.text
    if reorder:
        start = original.title_span.end + 2 if original.title_span else 0
        blocks = text[start:].split("\n\n")
        text = text[:start] + "\n\n".join(blocks[::-1])
    copy = replace(original, id=original.id + "-copy", text=text, outlet="copy", furniture=())
    return [original, replace(copy, title_span=original.title_span)]


@pytest.mark.parametrize("reorder", [False, True], ids=["exact-copy", "reordered"])
def test_conflicts_none_between_seed_and_its_copy(reorder: bool) -> None:
    from manysides.compare.run import compare_articles

    comparison = compare_articles(_copies(reorder))
    assert [c for c in find_conflicts(comparison) if c.contradiction] == []


def test_role_reading_of_appositions_and_titles() -> None:
    text = "On Thursday, China's foreign minister, Qin Gang, spoke. Chinese leader Qin Gang"
    first = role_at(text, 39, 47)
    second = role_at(text, text.rindex("Qin"), len(text))
    assert first is not None and first.phrase == "China's foreign minister"
    assert second is not None and second.phrase == "Chinese leader"
    assert not compatible(first, second)
    plain = role_at("the minister Qin Gang said", 13, 21)
    assert plain is not None and compatible(plain, first)


def test_conflicts_section_shows_both_sides_together(seed_comparison: Any) -> None:
    from manysides.render.section_conflicts import render, render_brief

    section = render(seed_comparison)
    assert section is not None
    html = str(section.html)
    at = html.index("<mark>Chinese leader Qin Gang</mark>")
    qin = html[max(0, at - 2000) : at + 200]
    assert "<mark>China&#39;s foreign minister, Qin Gang</mark>" in qin
    assert "<mark>Chinese leader Qin Gang</mark>" in html
    assert "Qin Gang" in section.markdown and section.terminal
    brief = render_brief(seed_comparison)
    assert brief is not None and "Reported by one outlet only" in str(brief.html)
