"""A polite HTTP client: identifies itself, honours robots.txt, waits between requests to
one host, times out, and caps response size. The transport is injectable (tests use
`httpx.MockTransport`), so nothing here needs the network to be tested."""

from __future__ import annotations

import time
import urllib.robotparser
from dataclasses import dataclass, field
from urllib.parse import urlparse

import httpx

from manysides import __version__
from manysides.errors import InputError

USER_AGENT = f"manysides/{__version__} (+https://github.com/manysides; news comparison)"
MAX_BYTES = 20 * 1024 * 1024


@dataclass(slots=True)
class Fetched:
    url: str
    content_type: str
    body: bytes


@dataclass(slots=True)
class PoliteClient:
    """One client per ingest: ``delay`` seconds between requests to the same host."""

    delay: float = 1.0
    timeout: float = 20.0
    transport: httpx.BaseTransport | None = None
    _last: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict)
    _client: httpx.Client | None = None

    def get(self, url: str) -> Fetched:
        """The page at ``url``; any failure is an `InputError` naming the URL."""
        host = urlparse(url).netloc
        if not self._allowed(url, host):
            raise InputError(url, "robots.txt disallows fetching this page")
        self._wait(host)
        try:
            response = self._http().get(url)
            response.raise_for_status()
        except httpx.HTTPError as exc:
            raise InputError(url, f"could not fetch ({exc}); check the URL or the network") from exc
        if len(response.content) > MAX_BYTES:
            raise InputError(url, f"response over {MAX_BYTES // 2**20} MB; skipped")
        return Fetched(
            str(response.url), response.headers.get("content-type", ""), response.content
        )

    def _http(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                headers={"User-Agent": USER_AGENT},
                timeout=self.timeout,
                follow_redirects=True,
                transport=self.transport,
            )
        return self._client

    def _wait(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            pause = self.delay - (time.monotonic() - last)
            if pause > 0:
                time.sleep(pause)
        self._last[host] = time.monotonic()

    def _allowed(self, url: str, host: str) -> bool:
        if host not in self._robots:
            parts = urlparse(url)
            parser: urllib.robotparser.RobotFileParser | None = urllib.robotparser.RobotFileParser()
            try:
                response = self._http().get(f"{parts.scheme}://{host}/robots.txt")
                assert parser is not None
                if response.status_code >= 400:
                    parser = None  # no robots.txt: everything allowed
                else:
                    parser.parse(response.text.splitlines())
            except httpx.HTTPError:
                parser = None
            self._robots[host] = parser
        rules = self._robots[host]
        return rules is None or rules.can_fetch(USER_AGENT, url)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
