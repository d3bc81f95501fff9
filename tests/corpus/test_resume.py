"""kill -9 in the middle of an ingest, re-run: the store equals an uninterrupted run's."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from manysides.corpus.store import Store
from tests.corpus.conftest import GOLD
from tests.corpus.test_member_load import assert_load_equals_rebuild

SCRIPT = """
import sys, time
from manysides.corpus.features import FeatureSettings
from manysides.corpus.ingest import ingest
from manysides.corpus.store import Store
slow = float(sys.argv[3])
with Store.open(sys.argv[1]) as store:
    ingest(store, [sys.argv[2]], features=FeatureSettings("hashing", "capitalized"),
           progress=lambda _s, _st: time.sleep(slow))
"""
TABLES = {
    "articles": "id, seq, source, text",
    "features": "*",
    "lsh_bands": "*",
    "term_df": "*",
    "copies": "*",
    "wire_groups": "*",
    "stories": "*",
    "story_articles": "*",
}


def _run(db: Path, slow: float) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", SCRIPT, str(db), str(GOLD), str(slow)])


def _dump(db: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(db) as connection:
        return {
            t: sorted(connection.execute(f"SELECT {cols} FROM {t}").fetchall(), key=repr)
            for t, cols in TABLES.items()
        }


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as connection:
            return int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def test_kill_9_mid_ingest_then_rerun_gives_the_same_store(tmp_path: Path) -> None:
    if not GOLD.is_dir():
        pytest.skip("../shared/data is not available")
    clean, killed = tmp_path / "clean.db", tmp_path / "killed.db"
    assert _run(clean, 0.0).wait(timeout=120) == 0
    process = _run(killed, 0.02)
    deadline = time.monotonic() + 60
    while _count(killed) < 30 and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    interrupted_at = _count(killed)
    assert 0 < interrupted_at < 96
    with Store.open(killed) as store:
        assert_load_equals_rebuild(store)  # the saved member index covers what was committed
    assert _run(killed, 0.0).wait(timeout=120) == 0
    assert _dump(killed) == _dump(clean)
    with Store.open(killed) as store:
        assert_load_equals_rebuild(store)
