"""Write files atomically: a temp file in the same folder, then rename over the target."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from manysides.errors import OutputPathError


def check_output_path(path: str | Path) -> Path:
    """Raise OutputPathError unless a file can be written at `path` (it is not a folder, and
    no part of its folder is a file), so a bad --md or -o fails before the work, not after."""
    target = Path(path)
    if target.is_dir():
        raise OutputPathError(str(path), "is a folder; give a file name (e.g. report.md)")
    for parent in target.parents:
        if parent.exists():
            if not parent.is_dir():
                raise OutputPathError(str(path), f"{parent} is a file, not a folder")
            break
    return target


def write_text_atomic(path: str | Path, content: str) -> Path:
    """Never leaves a half-written report: readers see the old file or the new one."""
    target = check_output_path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        os.chmod(temp, 0o666 & ~_umask())  # mkstemp makes 0600; a report is for sharing
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return target


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
