"""Fact alignment logic with the deterministic stand-in embedder (no model needed)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import numpy.typing as npt

from manysides.compare.align import AlignmentSettings, align
from manysides.compare.statements import Statement, content_words, split_clauses
from manysides.model import Span
from manysides.nlp.embed import HashingEmbedder
from manysides.read.normalize import normalize_text


def _statement(article: str, text: str, outlet: str) -> Statement:
    return Statement(
        Span(article, 0, len(text), text),
        outlet,
        0,
        frozenset(),
        (),
        frozenset(),
        content_words(text),
    )


def test_identical_wire_text_is_one_group() -> None:
    text = "Poland said on Thursday it would deliver the first batch of four MiG-29 fighter jets."
    other = "The weather in Warsaw was cold and grey with snow expected over the weekend."
    statements = [
        [_statement("a", text, "A"), _statement("a", other, "A")],
        [_statement("b", text, "B")],
        [_statement("c", text, "C")],
    ]
    groups = align(statements, HashingEmbedder())
    shared = [g for g in groups if len(g.members) > 1]
    assert len(shared) == 1 and shared[0].members == ((0, 0), (1, 0), (2, 0))


def test_unrelated_statements_stay_apart() -> None:
    statements = [
        [
            _statement(
                "a", "The central bank raised interest rates by half a point on Tuesday.", "A"
            )
        ],
        [_statement("b", "The striker scored twice as the home side won the cup final.", "B")],
    ]
    groups = align(statements, HashingEmbedder(), AlignmentSettings(threshold=0.3))
    assert all(len(g.members) == 1 for g in groups)


def test_one_article_contributes_at_most_max_per_article() -> None:
    base = "Xi will visit Moscow next week for talks with Putin on the war in Ukraine."
    statements = [[_statement("a", base, "A")] * 4, [_statement("b", base, "B")]]
    groups = align(statements, HashingEmbedder(), AlignmentSettings(max_per_article=2))
    assert max(sum(1 for a, _ in g.members if a == 0) for g in groups) == 2


def test_clauses_split_on_a_single_dash_but_not_on_an_aside() -> None:
    joined = (
        'Beijing and Moscow struck a "no limits" partnership — and China has yet to condemn Russia.'
    )
    first, second = split_clauses(Span("a", 10, 10 + len(joined), joined))
    assert first.text.endswith("partnership") and second.text.startswith("China has yet")
    assert second.start == 10 + joined.index("China has yet")
    aside = "Last month, Xi – all the while maintaining close relations with Putin – released a 12-point plan."
    assert len(split_clauses(Span("a", 0, len(aside), aside))) == 1


def test_a_date_explained_after_a_dash_stays_with_its_clause() -> None:
    text = "Ukraine says Russian troops must withdraw beyond its 1991 borders – the year the Soviet Union dissolved."
    assert [c.text for c in split_clauses(Span("a", 0, len(text), text))] == [text]


def test_gold_file_snippets_exist_in_the_seeds() -> None:
    import json

    root = Path(__file__).resolve().parents[2]
    gold = json.loads((root / "tests" / "data" / "seed_fact_pairs.json").read_text("utf-8"))
    a, b = (
        normalize_text((root / "examples" / f"{gold['articles'][k]}.txt").read_text("utf-8"))
        for k in ("a", "b")
    )
    for pair in gold["pairs"]:
        assert pair["a"] in a and pair["b"] in b, pair


def _quoted(article: str, text: str, speaker: str | None, names: str = "") -> Statement:
    from dataclasses import replace

    return replace(
        _statement(article, text, article.upper()), speaker=speaker, name_words=content_words(names)
    )


def test_quotes_of_different_speakers_in_other_words_are_kept_apart() -> None:
    from manysides.compare.align import score_matrix

    sunak = "China must press Russia to withdraw its troops and play a genuine role, he said."
    wang = "China will play a constructive role in advancing the peace talks, Wang said."
    settings = AlignmentSettings()
    plain = score_matrix(
        [_quoted("a", sunak, None), _quoted("b", wang, None)], HashingEmbedder(), settings
    )
    spoken = score_matrix(
        [_quoted("a", sunak, "e1"), _quoted("b", wang, "e2", "Wang")], HashingEmbedder(), settings
    )
    assert spoken[0, 1] == plain[0, 1] - settings.other_speaker
    same = score_matrix(
        [_quoted("a", sunak, "e1"), _quoted("b", sunak, "e1")], HashingEmbedder(), settings
    )
    assert same[0, 1] >= plain[0, 1]  # one speaker: no penalty


def test_a_quote_given_to_another_person_still_aligns() -> None:
    """Names left out, the words are the same: a speaker conflict to report, not two facts."""
    from manysides.compare.align import score_matrix

    first = "Sarah Silverman said she's consciously uncoupled from Michael Sheen."
    second = "Aisha Khan said she's consciously uncoupled from Michael Sheen."
    statements = [
        _quoted("a", first, "e1", "Sarah Silverman Michael Sheen"),
        _quoted("b", second, "e2", "Aisha Khan Michael Sheen"),
    ]
    plain = [_quoted("a", first, None), _quoted("b", second, None)]
    embedder, settings = HashingEmbedder(), AlignmentSettings()
    assert (
        score_matrix(statements, embedder, settings)[0, 1]
        == score_matrix(plain, embedder, settings)[0, 1]
    )


class _FixedEmbedder:
    """Vectors chosen by hand, so a test can state exactly how close two statements are."""

    name = "fixed"

    def __init__(self, vectors: dict[str, tuple[float, float]]) -> None:
        self._vectors = vectors

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        rows = np.array([self._vectors[t] for t in texts], dtype=np.float32)
        normalized: npt.NDArray[np.float32] = rows / np.linalg.norm(rows, axis=1, keepdims=True)
        return normalized


def test_a_statement_unrelated_to_its_own_article_mate_does_not_join_the_group() -> None:
    """ "Beijing has yet to confirm the call" is near the other outlet's denial, but not the
    first article's own "a claim Beijing has strongly denied": it stays out of that group."""
    denied, unconfirmed = (
        "a claim Beijing has strongly denied",
        "Beijing has yet to confirm the call",
    )
    denies = "Beijing categorically denies these accusations"
    embedder = _FixedEmbedder({denied: (0.75, 0.661), unconfirmed: (0.73, -0.683), denies: (1, 0)})
    statements = [
        [_statement("a", denied, "A"), _statement("a", unconfirmed, "A")],
        [_statement("b", denies, "B")],
    ]
    plain = AlignmentSettings(entities=0, words=0, quoted=0, numbers=0, dates=0)
    grouped = {g.members for g in align(statements, embedder, plain) if len(g.members) > 1}
    assert grouped == {((0, 0), (1, 0))}
    loose = replace(plain, same_article=-1.0)
    assert {g.members for g in align(statements, embedder, loose)} >= {((0, 0), (0, 1), (1, 0))}
