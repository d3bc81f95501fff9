"""Every CLI command and every JSON field is documented (sqlite-utils' test_docs habit)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import ROOT


def _keys(node: Any, found: set[str]) -> set[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            found.add(key)
            _keys(value, found)
    elif isinstance(node, list):
        for value in node:
            _keys(value, found)
    return found


def _documented(key: str, text: str) -> bool:
    """Named in backticks, as a field or as a list (`quotes[]`)."""
    return f"`{key}`" in text or f"`{key}[]`" in text


def _docs() -> str:
    return "\n".join(p.read_text("utf-8") for p in sorted((ROOT / "docs").glob("*.md")))


@pytest.mark.model
def test_every_top_level_json_section_is_in_the_schema_doc(seed_document: dict[str, Any]) -> None:
    schema = (ROOT / "docs" / "schema.md").read_text("utf-8")
    missing = [key for key in seed_document if not _documented(key, schema)]
    assert not missing, f"document these top-level fields in docs/schema.md: {missing}"


@pytest.mark.model
def test_every_json_field_is_documented(seed_document: dict[str, Any]) -> None:
    docs = _docs()
    fields = {k for k in _keys(seed_document, set()) if k.isidentifier() and k == k.lower()}
    missing = sorted(key for key in fields if not _documented(key, docs))
    assert not missing, f"document these JSON fields under docs/: {missing}"


def test_every_command_is_in_the_readme_and_has_an_example() -> None:
    from typer.main import get_command

    from manysides import cli

    cli._load_commands()
    readme = (ROOT / "README.md").read_text("utf-8")
    group = get_command(cli.app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert f"manysides {name}" in readme, f"README does not show `manysides {name}`"
        assert "Example" in (command.help or ""), f"`manysides {name} --help` has no example"
