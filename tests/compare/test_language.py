"""A report not in English is still compared, with a warning that the pipeline is English-only."""

from __future__ import annotations

import pytest

from manysides.compare.run import compare
from tests.conftest import SEED_A

pytestmark = pytest.mark.model

FRENCH = """Xi Jinping se rendra à Moscou la semaine prochaine

Le président chinois Xi Jinping effectuera une visite d'État en Russie de lundi à mercredi, a annoncé
vendredi le ministère chinois des Affaires étrangères, plus d'un an après le début de l'invasion de
l'Ukraine. Pékin se présente comme un médiateur neutre dans le conflit.
"""


def test_non_english_article_is_compared_with_a_warning() -> None:
    comparison = compare([SEED_A, FRENCH])
    document = comparison.to_dict()
    languages = [a["language"] for a in document["articles"]]
    assert languages == ["en", "fr"]
    assert len(document["warnings"]) == 1 and "'fr'" in document["warnings"][0]
