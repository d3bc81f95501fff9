"""Notes a reader needs about the comparison itself: an article off the story's event."""

from __future__ import annotations

import pytest

from manysides.compare.run import compare
from tests.conftest import SEED_A, SEED_B

pytestmark = pytest.mark.model

OFF_TOPIC = """Winter Games enter their final days

As the Winter Games enter their final days, the host city's organizers said ticket sales had
passed two million. The men's hockey final will be played on Sunday before a sold-out crowd.
Organizers said the closing ceremony would feature a parade of athletes from 82 nations.
"""


def test_an_article_sharing_nothing_with_the_others_is_named_in_a_note() -> None:
    document = compare([SEED_A, SEED_B, OFF_TOPIC]).to_dict()
    notes = [n for n in document["warnings"] if "shares no statement" in n]
    assert len(notes) == 1
    (off,) = [a for a in document["articles"] if a["title"].startswith("Winter Games")]
    assert notes[0].startswith(off["outlet"])
