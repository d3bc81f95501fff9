"""Plain text and Markdown: headline is the first non-empty line unless metadata says otherwise.

Metadata may come from front matter (``---`` / ``key: value`` lines / ``---``) or from a
sidecar ``NAME.meta.json`` (or ``NAME.txt.meta.json``); the sidecar wins.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from manysides.errors import InputError
from manysides.model import Article
from manysides.read.build import Metadata, build_article
from manysides.read.decode import decode, read_bytes

EXTENSIONS = (".txt", ".md", ".text")
_FRONT = re.compile(r"\A---[ \t]*\n(?P<body>.*?)\n---[ \t]*\n", re.S)
_META_KEYS = {
    "title": "title",
    "headline": "title",
    "outlet": "outlet",
    "publisher": "outlet",
    "source": "outlet",
    "url": "url",
    "link": "url",
    "published": "published",
    "date": "published",
    "date_publish": "published",
    "language": "language",
    "lang": "language",
    "author": "author",
    "authors": "author",
}


def read_text_file(path: Path, *, sidecar: bool = True) -> Article:
    raw = decode(read_bytes(path), str(path))
    front, body = split_front_matter(raw)
    meta = front.merged(read_sidecar(path)) if sidecar else front
    return build_article(body, meta, str(path))


class SidecarError(InputError):
    """A broken ``NAME.meta.json``: the sidecar is skipped, the article is read without it."""


def split_front_matter(raw: str) -> tuple[Metadata, str]:
    """Front matter fields and the text after it (simple ``key: value`` lines)."""
    match = _FRONT.match(raw.lstrip("\ufeff"))
    if not match:
        return Metadata(), raw
    fields: dict[str, str] = {}
    for line in match.group("body").splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip().lower() in _META_KEYS:
            fields[_META_KEYS[key.strip().lower()]] = value.strip().strip("\"'")
    return Metadata(**fields), raw[match.end() :]


def read_sidecar(path: Path) -> Metadata:
    """``NAME.meta.json`` beside the file, if present."""
    for candidate in (path.with_suffix(".meta.json"), path.with_name(path.name + ".meta.json")):
        if candidate.is_file():
            try:
                data = json.loads(candidate.read_text("utf-8"))
            except (OSError, ValueError) as exc:
                raise SidecarError(
                    str(candidate), f"sidecar metadata is not valid JSON, ignored: {exc}"
                ) from exc
            if not isinstance(data, dict):
                raise SidecarError(
                    str(candidate), "sidecar metadata must be a JSON object, ignored"
                )
            return metadata_from_mapping(data)
    return Metadata()


def metadata_from_mapping(data: dict[str, object]) -> Metadata:
    """Known metadata keys (several spellings) from a JSON object; 'None' strings are missing."""
    fields: dict[str, str] = {}
    for key, value in data.items():
        target = _META_KEYS.get(key.lower())
        if target is None or target in fields:
            continue
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value if v)
        if value is None or (isinstance(value, str) and value.strip() in ("", "None", "null")):
            continue
        fields[target] = str(value).strip()
    return Metadata(**fields)
