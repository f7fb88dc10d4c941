"""Lists of URLs fetched over HTTP(S): robots.txt respected, timeouts, retries with backoff and a
minimum interval between two requests to the same host."""
from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from newsloom import __version__
from newsloom.errors import InputError
from newsloom.sources.decode import MAX_BYTES
from newsloom.sources.document import Document, make_document

USER_AGENT = f"newsloom/{__version__}"
_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
_RETRY_STATUS = {429, 500, 502, 503, 504}


def read_url_list(path: str | Path) -> list[str]:
    """The URLs of a file, one a line; blank lines and lines starting with '#' are skipped."""
    try:
        lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from exc
    return [s.strip() for s in lines if s.strip() and not s.lstrip().startswith("#")]


@dataclasses.dataclass
class Fetcher:
    """Fetch pages politely. `interval` is the minimum time in seconds between two requests to one host
    (a robots.txt Crawl-delay, when longer, wins); a request that times out or gets 429/5xx is retried
    `retries` times, waiting `backoff`, then twice that, and so on (or what Retry-After asks, up to
    `max_wait`)."""

    timeout: float = 20.0
    retries: int = 3
    backoff: float = 1.0
    interval: float = 1.0
    max_wait: float = 60.0
    user_agent: str = USER_AGENT

    def __post_init__(self):
        import httpx

        self._client = httpx.Client(timeout=self.timeout, follow_redirects=True, max_redirects=5,
                                    headers={"User-Agent": self.user_agent})
        self._robots: dict[str, RobotFileParser | None] = {}
        self._last: dict[str, float] = {}

    def close(self) -> None:
        self._client.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def fetch_all(self, urls: Iterable[str]) -> Iterator[Document | InputError]:
        for url in urls:
            try:
                yield self.fetch(url)
            except InputError as exc:
                yield exc

    def fetch(self, url: str) -> Document:
        """One page as a Document; InputError names the URL and why it was not fetched."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise InputError(url, "not an http(s) URL")
        robots = self._robots_for(parts.scheme, parts.netloc)
        if robots is not None and not robots.can_fetch(self.user_agent, url):
            raise InputError(url, "disallowed by robots.txt")
        resp = self._get(url, parts.netloc, robots)
        if resp.status_code >= 400:
            raise InputError(url, f"HTTP {resp.status_code} {resp.reason_phrase}".rstrip())
        ctype = resp.headers.get("content-type", "")
        if ctype and ctype.lower().split(";")[0].strip() not in _TEXT_TYPES:
            raise InputError(url, f"not a web page (content type {ctype.split(';')[0]})")
        if len(resp.content) > MAX_BYTES:
            raise InputError(url, f"too large (the limit is {MAX_BYTES // (1024 * 1024)} MiB)")
        doc = make_document(resp.content, name=url, uri=str(resp.url), content_type=ctype or None)
        fetched = datetime.now(timezone.utc).isoformat(timespec="seconds")
        return dataclasses.replace(doc, meta={**doc.meta, "fetched_at": fetched})

    # ------------------------------------------------------------ politeness

    def _wait_turn(self, host: str, robots: RobotFileParser | None) -> None:
        gap = self.interval
        if robots is not None:
            delay = robots.crawl_delay(self.user_agent)
            if delay:
                gap = max(gap, min(float(delay), self.max_wait))
        last = self._last.get(host)
        if last is not None:
            wait = last + gap - time.monotonic()
            if wait > 0:
                time.sleep(wait)
        self._last[host] = time.monotonic()

    def _get(self, url: str, host: str, robots: RobotFileParser | None):
        import httpx

        for attempt in range(self.retries + 1):
            self._wait_turn(host, robots)
            try:
                resp = self._client.get(url)
            except httpx.TimeoutException:
                problem, resp = f"timed out after {self.timeout:g} s", None
            except httpx.HTTPError as exc:
                problem, resp = f"{type(exc).__name__}: {exc}", None
            else:
                if resp.status_code not in _RETRY_STATUS:
                    return resp
                problem = f"HTTP {resp.status_code} {resp.reason_phrase}".rstrip()
            if attempt == self.retries:
                break
            time.sleep(self._pause(attempt, resp))
        raise InputError(url, f"{problem} ({self.retries + 1} attempts)")

    def _pause(self, attempt: int, resp) -> float:
        pause = self.backoff * 2 ** attempt
        after = resp.headers.get("retry-after") if resp is not None else None
        if after and after.strip().isdigit():
            pause = max(pause, float(after))
        return min(pause, self.max_wait)

    def _robots_for(self, scheme: str, host: str) -> RobotFileParser | None:
        """The host's robots.txt rules (None: everything allowed). A missing robots.txt (4xx) allows all;
        one that cannot be read (5xx, timeout) disallows all, as RFC 9309 says."""
        if host in self._robots:
            return self._robots[host]
        url = f"{scheme}://{host}/robots.txt"
        rules = RobotFileParser(url)
        try:
            resp = self._get(url, host, None)
        except InputError:
            rules.disallow_all = True
        else:
            if resp.status_code >= 500:
                rules.disallow_all = True
            elif resp.status_code >= 400:
                rules = None
            else:
                rules.parse(resp.text.splitlines())
        self._robots[host] = rules
        return rules


def fetch_urls(urls: Iterable[str], **options) -> Iterator[Document | InputError]:
    """Each URL as a Document or as the InputError that names it; see Fetcher for the options."""
    with Fetcher(**options) as fetcher:
        yield from fetcher.fetch_all(urls)
