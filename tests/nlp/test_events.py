"""Events from the parse: clause tuples and the lead's 5W1H."""

from __future__ import annotations

import sys
from typing import Any

import pytest

from tests.conftest import EXAMPLES, SHARED_DATA


@pytest.mark.model
def test_seed_main_event_is_xi_visiting(seed_document: dict[str, Any]) -> None:
    (first, second) = seed_document["main_events"]
    assert first["who"]["text"] == "Chinese President Xi Jinping"
    assert "visit" in first["what"]["text"]  # the headline's action ("to visit Moscow …")
    assert first["when"]["text"] == "next week"
    assert second["where"]["text"] in ("Moscow", "Russia")  # most-named place of the lead


@pytest.mark.model
def test_seed_event_tuples_have_actor_action_time_place(seed_document: dict[str, Any]) -> None:
    def text(span: dict[str, Any] | None) -> str | None:
        return span["text"] if span else None

    tuples = {
        (text(e["actor"]), e["action"]["text"], text(e["time"]), text(e["place"]))
        for e in seed_document["events"]
    }
    assert ("Xi", "will be staying", "from Monday to Wednesday", "Moscow") in tuples
    assert ("the two leaders", "met", "September", "Uzbekistan") in tuples
    dated = [e for e in seed_document["events"] if e["time"]]
    assert all(e["date"] for e in dated)  # every event time is a listed date


@pytest.mark.model
def test_event_spans_cite_the_article_text(seed_document: dict[str, Any]) -> None:
    texts = {a["id"]: a["text"] for a in seed_document["articles"]}
    parts = ("actor", "action", "target", "time", "place")
    items = [e for e in seed_document["events"]] + seed_document["main_events"]
    for item in items:
        for name in (*parts, "who", "what", "when", "where", "why", "how"):
            span = item.get(name)
            if span:
                assert texts[span["article"]][span["start"] : span["end"]] == span["text"]


@pytest.mark.model
@pytest.mark.skipif(not (SHARED_DATA / "giveme5w1h").exists(), reason="../shared/data missing")
def test_giveme5w1h_floor(nlp: Any) -> None:
    """Quality gate on all 96 gold documents (measured 2026-11-23 with the full article body,
    times of day, kickers, datelines and specific places: lenient precision who 0.884, what
    0.756, when 0.754, where 0.745; recall who 0.635, what 0.708, when 0.531, where 0.528);
    floors sit about 0.03 below (where's stays at its earlier 0.72: floors only go up)."""
    import importlib.util

    path = EXAMPLES.parent / "benchmarks" / "fivew.py"
    spec = importlib.util.spec_from_file_location("bench_fivew", path)
    assert spec is not None and spec.loader is not None
    fivew = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = fivew  # dataclasses look their module up there
    spec.loader.exec_module(fivew)
    result = fivew.evaluate(None, nlp)
    assert result["who"]["precision"] >= 0.85 and result["who"]["recall"] >= 0.60
    assert result["what"]["precision"] >= 0.72 and result["what"]["recall"] >= 0.67
    assert result["when"]["precision"] >= 0.72 and result["when"]["recall"] >= 0.50
    assert result["where"]["precision"] >= 0.72 and result["where"]["recall"] >= 0.49
    assert result["who"]["precision_strict"] >= 0.78
    assert result["when"]["precision_strict"] >= 0.67
