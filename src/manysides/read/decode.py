"""Bytes to text: size limit, binary detection, and encoding detection for non-UTF-8 files."""

from __future__ import annotations

from pathlib import Path

from charset_normalizer import from_bytes

from manysides.errors import InputError

_WESTERN = ("cp1252", "latin_1", "iso8859_15")
MAX_FILE_BYTES = 20 * 1024 * 1024
"""Files above this are refused: no news article is this large, and parsing it would stall."""


def read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing unreadable, empty and oversized files with a clear reason."""
    source = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(
                source,
                f"file is {size / 1e6:.1f} MB, over the {MAX_FILE_BYTES // 2**20} MB limit "
                "for one source; split it (JSONL: one article per line) or extract the article",
            )
        data = path.read_bytes()
    except PermissionError as exc:
        raise InputError(
            source, f"cannot read the file: permission denied ({exc.strerror})"
        ) from exc
    except IsADirectoryError as exc:
        raise InputError(source, "is a directory where a file was expected") from exc
    except FileNotFoundError as exc:
        raise InputError(source, "no such file") from exc
    except OSError as exc:
        raise InputError(source, f"cannot read the file: {exc.strerror or exc}") from exc
    if not data.strip():
        raise InputError(source, "file is empty")
    return data


def decode(data: bytes, source: str) -> str:
    """UTF-8 when it is; otherwise the detected encoding; binary data is refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:8192]:
        raise InputError(source, "looks like a binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    matches = from_bytes(data)
    best = matches.best()
    if best is None or best.encoding is None:
        raise InputError(source, "not text in any encoding we can detect (binary file?)")
    # Short texts fit several single-byte codepages equally well; Western news is cp1252.
    for match in matches:
        if match.encoding in _WESTERN and match.chaos <= best.chaos + 0.02:
            best = match
            break
    text = str(best)
    if _control_ratio(text) > 0.05:
        raise InputError(source, "looks like a binary file (too many control characters)")
    return text


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls / max(1, len(sample))
