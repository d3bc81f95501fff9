"""Bad input gets a clear message naming the file; the rest of the batch is still read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from manysides.read import read_sources
from manysides.read.decode import MAX_FILE_BYTES
from tests.conftest import SEED_A, SEED_B


def _reasons(paths: list[Path]) -> dict[str, str]:
    articles, rejections = read_sources([SEED_A, *paths, SEED_B])
    assert len(articles) == 2, "the good files around the bad one are still read"
    return {Path(r.source).name: r.reason for r in rejections}


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("   \n")
    assert _reasons([tmp_path / "empty.txt"]) == {"empty.txt": "file is empty"}


def test_binary_file(tmp_path: Path) -> None:
    (tmp_path / "photo.txt").write_bytes(bytes(range(256)) * 40)
    assert "binary" in _reasons([tmp_path / "photo.txt"])["photo.txt"]


def test_non_utf8_text_is_decoded(tmp_path: Path) -> None:
    text = SEED_A.read_text("utf-8").replace("“", '"').replace("”", '"').replace("’", "'")
    text = text.replace("–", "-").replace("—", "-") + "\nCafé société à Genève, déjà vu."
    path = tmp_path / "latin.txt"
    path.write_bytes(text.encode("cp1252"))
    articles, rejections = read_sources([path])
    assert rejections == []
    assert "Café société à Genève" in articles[0].text


def test_unknown_extension(tmp_path: Path) -> None:
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    assert "unknown file type '.docx'" in _reasons([tmp_path / "notes.docx"])["notes.docx"]


def test_missing_path(tmp_path: Path) -> None:
    assert _reasons([tmp_path / "gone.txt"]) == {"gone.txt": "no such file or folder"}


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(SEED_A.read_text("utf-8"))
    path.chmod(0)
    assert "permission denied" in _reasons([path])["secret.txt"]


def test_unreadable_broken_symlink(tmp_path: Path) -> None:
    link = tmp_path / "dangling.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    assert _reasons([link]) == {"dangling.txt": "no such file or folder"}


def test_oversized_file_is_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:
        stream.truncate(MAX_FILE_BYTES + 1)  # sparse: no 20 MB written
    reason = _reasons([path])["huge.txt"]
    assert "over the 20 MB limit" in reason


def test_invalid_json(tmp_path: Path) -> None:
    (tmp_path / "broken.json").write_text('{"title": "x", ')
    assert _reasons([tmp_path / "broken.json"])["broken.json"].startswith("not valid JSON")


def test_json_without_text(tmp_path: Path) -> None:
    (tmp_path / "meta.json").write_text('{"title": "Only a title"}')
    assert "no article text" in _reasons([tmp_path / "meta.json"])["meta.json"]


@pytest.mark.parametrize(
    ("sidecar", "problem"),
    [('{"outlet": "NY Post", "published": "17/03/2023"', "not valid JSON"), ("[1, 2]", "object")],
)
def test_a_broken_sidecar_is_ignored_and_its_article_kept(
    tmp_path: Path, sidecar: str, problem: str
) -> None:
    """Bad metadata never costs the text: the sidecar is listed as skipped, the article is
    read without it."""
    story = tmp_path / "a.txt"
    story.write_text(SEED_A.read_text("utf-8"), "utf-8")
    (tmp_path / "a.meta.json").write_text(sidecar)
    articles, rejections = read_sources([story, SEED_B])
    assert [a.source for a in articles] == [str(story), str(SEED_B)]
    assert articles[0].outlet != "NY Post"
    assert [(Path(r.source).name, problem in r.reason) for r in rejections] == [
        ("a.meta.json", True)
    ]
    assert "ignored" in rejections[0].reason
