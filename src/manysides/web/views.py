"""Data shared by pages and API: plain dicts of rows, and the entity view.

The entity view reads only cached comparisons (it never starts one): how each outlet names
an entity is known for the stories that have been compared.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from manysides.web.queries import StoryRow, story_row
from manysides.web.queries import entity_stories as stories_naming

if TYPE_CHECKING:
    from manysides.web.app import WebState


def as_dict(row: Any) -> dict[str, Any]:
    """A query row dataclass as a dict (tuples become lists for JSON)."""
    return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(row).items()}


def story_dict(row: StoryRow) -> dict[str, Any]:
    return as_dict(row)


def entity_stories(app: WebState, name: str, limit: int = 30) -> list[dict[str, Any]]:
    """Stories naming ``name`` with ``{outlet: {surface form: count}}`` from their comparisons."""
    reader = app.db.reader()
    found: list[dict[str, Any]] = []
    for story_id in stories_naming(reader, name, limit):
        row = story_row(reader, story_id)
        if row is None:
            continue
        cached = app.cache.cached(story_id)
        names = outlet_names(json.loads(cached.document), name) if cached else {}
        found.append({"story": story_dict(row), "names": names})
    return found


def outlet_names(document: dict[str, Any], name: str) -> dict[str, dict[str, int]]:
    """Surface forms per outlet of the document's entities that match ``name``."""
    wanted = name.casefold().strip()
    outlet_of = {a["id"]: a["outlet"] for a in document.get("articles", [])}
    names: dict[str, dict[str, int]] = {}
    for entity in document.get("entities", []):
        forms = {entity["name"].casefold(), *(v["text"].casefold() for v in entity["variants"])}
        if not any(wanted == f or (len(wanted) > 3 and wanted in f) for f in forms):
            continue
        for variant in entity["variants"]:
            for span in variant["spans"]:
                outlet = outlet_of.get(span["article"], span["article"])
                per = names.setdefault(outlet, {})
                per[variant["text"]] = per.get(variant["text"], 0) + 1
    return names
