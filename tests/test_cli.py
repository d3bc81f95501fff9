"""The CLI end to end: outputs, exit codes, and the JSON equal to the Python API's document."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES, SEED_A, iter_spans

pytestmark = pytest.mark.model
BIN = Path(sys.executable).parent / "manysides"


def _run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "120"}
    return subprocess.run(
        [str(BIN), *map(str, args)], capture_output=True, text=True, env=env, cwd=cwd, timeout=300
    )


def test_compare_writes_all_outputs_and_json_equals_api(
    tmp_path: Path, seed_document: dict[str, Any]
) -> None:
    result = _run(
        "compare", EXAMPLES, "--format", "json",
        "--html", tmp_path / "r.html", "--md", tmp_path / "r.md", "--json", tmp_path / "c.json",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    printed = json.loads(result.stdout)
    assert printed == json.loads((tmp_path / "c.json").read_text("utf-8"))
    assert printed == json.loads(json.dumps(seed_document))
    assert printed["schema"] == "manysides.comparison/1"
    assert f"Report written: {tmp_path / 'r.html'}" in result.stderr
    assert (tmp_path / "r.html").read_text("utf-8").startswith("<!doctype html>")
    assert "## Reported by all outlets" in (tmp_path / "r.md").read_text("utf-8")
    assert not list(tmp_path.glob(".*.tmp")), "no temp files left behind"
    for span in iter_spans(printed):
        article = next(a for a in printed["articles"] if a["id"] == span["article"])
        assert article["text"][span["start"] : span["end"]] == span["text"]


def test_terminal_summary_and_skipped_inputs(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blank.html").write_text("<html><body></body></html>")
    result = _run("compare", EXAMPLES, tmp_path / "empty.txt", tmp_path / "blank.html")
    assert result.returncode == 0
    assert "Reported by all" in result.stdout
    assert "Dmitry Kuleba" in result.stdout
    assert f"{tmp_path / 'empty.txt'}: file is empty" in result.stderr
    assert f"{tmp_path / 'blank.html'}: no article text found" in result.stderr
    assert "trafilatura" not in result.stderr  # one message per problem, in our words


def test_single_article_says_two_are_needed() -> None:
    result = _run("compare", SEED_A)
    assert result.returncode == 3
    assert "needs at least two articles" in result.stderr


def test_nothing_usable_exits_nonzero(tmp_path: Path) -> None:
    (tmp_path / "a.bin").write_bytes(b"\x00\x01")
    result = _run("compare", tmp_path / "a.bin", tmp_path / "missing.txt")
    assert result.returncode == 3
    assert "unknown file type '.bin'" in result.stderr
    assert "missing.txt: no such file or folder" in result.stderr


def test_python_api_called_twice_in_one_process(seed_comparison: Any) -> None:
    import manysides

    again = manysides.compare([EXAMPLES])
    assert again.to_dict() == seed_comparison.to_dict()
    assert callable(manysides.compare)


def test_help_has_an_example() -> None:
    result = _run("compare", "--help")
    assert result.returncode == 0 and "Example: manysides compare" in result.stdout


def test_an_output_path_that_is_a_folder_is_refused_before_the_work(tmp_path: Path) -> None:
    result = _run("compare", EXAMPLES, "--md", tmp_path)
    assert result.returncode == 2
    assert f"{tmp_path}: is a folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_merging_a_story_into_itself_is_refused(tmp_path: Path) -> None:
    result = _run("merge", "2", "2", "--db", tmp_path / "n.db")
    assert result.returncode == 2
    assert "cannot merge story 2 into itself" in result.stderr
    assert not (tmp_path / "n.db").exists()


def test_the_same_file_twice_is_compared_with_a_note() -> None:
    result = _run("compare", "--format", "json", SEED_A, SEED_A)
    assert result.returncode == 0, result.stderr
    assert f"{SEED_A} is given twice" in result.stderr
    assert any("given twice" in note for note in json.loads(result.stdout)["warnings"])


def test_version() -> None:
    result = _run("--version")
    assert result.returncode == 0 and result.stdout.startswith("manysides 0.")
