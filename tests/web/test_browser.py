"""The real app in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright's
Python client; no browser download): list -> story -> article, with screenshots."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT
from tests.web.conftest import SCRIPT

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = ROOT / "docs" / "screenshots"

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)",
)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    playwright_api = pytest.importorskip("playwright.sync_api")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with playwright_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=FLAGS,
            viewport={"width": 1400, "height": 900},
        )  # fmt: skip
        yield context
        context.close()


def _shoot(page: Any, directory: Path, name: str) -> Path:
    """Screenshot into the test's tmp dir; also into docs/screenshots when asked to."""
    path = directory / f"{name}.png"
    page.screenshot(path=str(path))
    assert path.stat().st_size > 10_000
    if os.environ.get("MANYSIDES_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))
    return path


def test_click_through_list_story_article(browser: Any, live_server: str, tmp_path: Path) -> None:
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{live_server}/")
    assert page.locator("table.stories tbody tr").count() >= 2
    _shoot(page, tmp_path, "story-list")

    page.get_by_role("link", name="China leader Xi to visit Moscow").first.click()
    page.wait_for_url("**/stories/*")
    assert page.locator("article.col").count() == 2
    claim = page.locator(".claim.all[data-fact]").first
    claim.click()
    assert "active" in (claim.get_attribute("class") or "")
    assert page.locator(".claim.counterpart").count() >= 1
    assert page.locator("#section-quotes").is_visible()
    _shoot(page, tmp_path, "story")
    page.locator("#section-conflicts").scroll_into_view_if_needed()
    _shoot(page, tmp_path, "story-sections")

    page.locator("article.col h2 a").first.click()
    page.wait_for_url("**/articles/*")
    assert page.locator("article.annotated .ent").count() > 5
    assert page.locator("article.annotated .quote").count() > 0
    _shoot(page, tmp_path, "article")

    page.goto(f"{live_server}/entities/Kyiv")
    assert page.locator("table.names tr").count() >= 2
    _shoot(page, tmp_path, "entity")
    assert not dialogs
    assert not errors, errors


def test_hostile_article_runs_no_script(
    browser: Any, live_server: str, hostile_story: int, tmp_path: Path
) -> None:
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{live_server}/stories/{hostile_story}")
    assert SCRIPT in page.locator("article.col").first.inner_text()
    page.goto(f"{live_server}/?q=harbor")
    page.locator("table.stories a.story-link").first.click()
    page.wait_for_url("**/stories/*")
    page.locator("article.col h2 a").first.click()
    page.wait_for_url("**/articles/*")
    assert SCRIPT in page.locator("article.annotated").inner_text()
    assert page.locator("article.annotated img").count() == 0
    assert not dialogs
    _shoot(page, tmp_path, "hostile-article")
