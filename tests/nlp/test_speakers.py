"""Speaker back-references: which earlier speaker a pronoun stands for."""

from __future__ import annotations

from typing import Any

import pytest

from manysides.nlp.annotate import annotate_articles
from manysides.read.build import Metadata, build_article


@pytest.mark.model
def test_he_after_a_surname_tagged_as_an_organization_is_that_person(nlp: Any) -> None:
    """ "Cubillo said …" (the tagger calls this Cubillo an organization) then "…, he said":
    he is Cubillo, named in full before, not the last person the tagger recognized
    (Laura Chinchilla, who spoke in between)."""
    text = (
        "Plane crash in Costa Rica\n\n"
        "At a news conference Sunday, Enio Cubillo, director of Costa Rica Civil Aviation, said "
        "the charter crashed shortly after taking off from Punta Islita.\n\n"
        "Cubillo identified the pilot as Juan Manuel Retana and described him as very "
        "experienced. Former Costa Rican President Laura Chinchilla said via Twitter that "
        "Retana was her cousin. The co-pilot was identified as Emma Ramos.\n\n"
        "Cubillo said the plane flew from San Jose without passengers on Sunday morning, but "
        "was unable to land at Punta Islita because of high winds and diverted to Tambor. When "
        "the winds decreased, it landed at Punta Islita without problems, he said."
    )
    article = build_article(text, Metadata(published="2017-12-31"), "crash.txt")
    (item,) = annotate_articles([article], nlp)
    (quote,) = [q for q in item.quotes if q.content[0].text.startswith("When the winds")]
    assert quote.speaker is not None and quote.speaker.text == "he"
    assert quote.speaker_ref is not None and quote.speaker_ref.text == "Cubillo"
