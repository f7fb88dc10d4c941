"""Corpus sources: WARC archives, lists of URLs over a real local HTTP server, JSONL of analyzed records."""
from __future__ import annotations

import io
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from newsloom.errors import InputError
from newsloom.ingest import documents, ingest
from newsloom.schema import Record
from newsloom.sources.document import Document
from newsloom.sources.jsonl import read_jsonl
from newsloom.sources.urls import Fetcher
from newsloom.sources.warc import read_warc

PAGE = ("<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        "<p>{body}</p></article></body></html>")


def write_warc(path: Path, gz: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=gz)

        def response(uri: str, ctype: str, body: bytes, status: str = "200 OK") -> None:
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http,
                                                warc_headers_dict={"WARC-Date": "2025-05-06T10:00:00Z"}))

        w.write_record(w.create_warc_record("https://news.example/a", "request",
                                            payload=io.BytesIO(b"GET /a HTTP/1.1\r\n\r\n")))
        response("https://news.example/a", "text/html; charset=utf-8",
                 PAGE.format(title="Summit in Geneva", body="Leaders met in Geneva on Monday.").encode())
        response("https://news.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n\x00\x00")
        response("https://news.example/gone", "text/html", b"<html>gone</html>", status="404 Not Found")
        response("https://news.example/b", "text/html",
                 PAGE.format(title="Vote in Lyon", body="Le conseil a vot\u00e9 mardi.").encode("cp1252"))
        response("https://news.example/empty", "text/html", b"   ")


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
def test_warc_html_responses_become_documents(tmp_path, gz):
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    write_warc(path, gz)
    items = list(read_warc(path))
    docs = [d for d in items if isinstance(d, Document)]
    errors = [e for e in items if isinstance(e, InputError)]
    assert [d.uri for d in docs] == ["https://news.example/a", "https://news.example/b"]
    assert all(d.format == "html" and d.meta["fetched_at"] == "2025-05-06T10:00:00Z" for d in docs)
    assert "Lyon" in docs[1].content and "vot\u00e9" in docs[1].content
    assert len(errors) == 1 and "https://news.example/empty" in errors[0].name and "empty" in errors[0].reason
    assert str(path) in errors[0].name


def test_a_directory_walk_finds_warc_gz(tmp_path):
    write_warc(tmp_path / "crawl.warc.gz", True)
    uris = [d.uri for d in documents([str(tmp_path)]) if isinstance(d, Document)]
    assert uris == ["https://news.example/a", "https://news.example/b"]


def test_not_a_warc_is_named(tmp_path):
    bad = tmp_path / "broken.warc"
    bad.write_bytes(b"this is not an archive\n" * 10)
    items = list(read_warc(bad))
    assert len(items) == 1 and isinstance(items[0], InputError) and items[0].name == str(bad)
    missing = list(read_warc(tmp_path / "none.warc.gz"))
    assert isinstance(missing[0], InputError) and "cannot read" in missing[0].reason


# ---------------------------------------------------------------- URL lists over a real local server


class Site:
    """A local web site: robots.txt, articles, a page failing twice before it works, a slow page."""

    def __init__(self, robots: str = "User-agent: *\nDisallow: /private/\n"):
        self.hits: list[tuple[float, str]] = []
        self.flaky_left = 2
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                site.hits.append((time.monotonic(), self.path))
                if self.path == "/robots.txt":
                    return self._send(200, robots.encode(), "text/plain")
                if self.path.startswith("/news/") or self.path.startswith("/private/"):
                    n = self.path.rsplit("/", 1)[-1]
                    body = PAGE.format(title=f"Story {n}", body=f"The council of town {n} met on Monday.")
                    return self._send(200, body.encode(), "text/html; charset=utf-8")
                if self.path == "/flaky":
                    if site.flaky_left:
                        site.flaky_left -= 1
                        return self._send(503, b"busy", "text/plain")
                    return self._send(200, PAGE.format(title="Back", body="It works now.").encode(), "text/html")
                if self.path == "/slow":
                    time.sleep(1.5)
                    return self._send(200, b"<html>late</html>", "text/html")
                if self.path == "/image":
                    return self._send(200, b"\x89PNG\r\n", "image/png")
                return self._send(404, b"not found", "text/plain")

            def _send(self, status, body, ctype):
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def test_fetcher_respects_robots_retries_and_names_failures():
    with Site() as site, Fetcher(timeout=0.5, retries=2, backoff=0.05, interval=0.0) as f:
        urls = [f"{site.base}/news/1", f"{site.base}/private/2", f"{site.base}/flaky", f"{site.base}/missing",
                f"{site.base}/slow", f"{site.base}/image", "ftp://example.org/x"]
        out = dict(zip(urls, f.fetch_all(urls)))
        ok = out[urls[0]]
        assert isinstance(ok, Document) and ok.uri == urls[0] and "town 1" in ok.content and ok.meta["fetched_at"]
        assert isinstance(out[urls[1]], InputError) and out[urls[1]].reason == "disallowed by robots.txt"
        assert isinstance(out[urls[2]], Document) and "works now" in out[urls[2]].content
        assert out[urls[3]].reason.startswith("HTTP 404")
        assert "timed out" in out[urls[4]].reason and "3 attempts" in out[urls[4]].reason
        assert "content type image/png" in out[urls[5]].reason
        assert out[urls[6]].reason == "not an http(s) URL"
        assert [p for _, p in site.hits].count("/robots.txt") == 1
        assert [p for _, p in site.hits].count("/flaky") == 3
        assert not any(p.startswith("/private/") for _, p in site.hits)


def test_fetcher_keeps_an_interval_per_host():
    with Site() as site, Fetcher(interval=0.3, retries=0) as f:
        docs = list(f.fetch_all([f"{site.base}/news/{i}" for i in range(4)]))
        assert all(isinstance(d, Document) for d in docs)
        times = [t for t, p in site.hits if p.startswith("/news/")]
        gaps = [b - a for a, b in zip(times, times[1:])]
        # the server sees each request a little after it is sent: a busy machine shifts single gaps,
        # not the span of all of them; without a limit the gaps would be about a millisecond
        assert len(gaps) == 3 and times[-1] - times[0] >= 0.85 and min(gaps) >= 0.15


def test_robots_crawl_delay_wins_over_a_shorter_interval():
    with Site(robots="User-agent: *\nCrawl-delay: 1\n") as site, Fetcher(interval=0.0, retries=0) as f:
        list(f.fetch_all([f"{site.base}/news/1", f"{site.base}/news/2"]))
        times = [t for t, p in site.hits if p.startswith("/news/")]
        assert times[1] - times[0] >= 0.95


def test_robots_disallowing_everything_blocks_the_site():
    with Site(robots="User-agent: *\nDisallow: /\n") as site, Fetcher(interval=0.0) as f:
        out = list(f.fetch_all([f"{site.base}/news/1"]))
        assert out[0].reason == "disallowed by robots.txt"
        assert [p for _, p in site.hits] == ["/robots.txt"]


# ---------------------------------------------------------------- JSONL: articles with a source, records


def test_jsonl_source_names_the_outlet_or_gives_the_url(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in [
        {"text": "One article.", "source": "Le Monde"},
        {"text": "Another article.", "source": "https://example.org/b"},
    ]), encoding="utf-8")
    a, b = list(read_jsonl(path))
    assert a.meta["source"] == "Le Monde" and a.uri is None
    assert b.uri == "https://example.org/b"


def test_jsonl_records_are_read_as_records_and_bad_ones_named(tmp_path):
    rec = Record(id="r1", text="Leaders met.", title="Summit")
    path = tmp_path / "records.jsonl"
    path.write_text(rec.to_json(None) + "\n" + json.dumps({"schema": "newsloom.record/1", "text": "no id"}) + "\n",
                    encoding="utf-8")
    good, bad = list(read_jsonl(path))
    assert isinstance(good, Record) and good == rec
    assert isinstance(bad, InputError) and bad.name == f"{path}:2" and "not a valid record" in bad.reason
    assert "id" in bad.reason


def test_records_are_stored_without_analysis(empty_store, tmp_path):
    recs = [Record(id=f"r{i}", text=f"Text number {i} about Geneva.", title=f"T{i}", published=f"2025-05-0{i + 1}")
            for i in range(5)]
    path = tmp_path / "records.jsonl"
    path.write_text("".join(r.to_json(None) + "\n" for r in recs) + "{not json\n", encoding="utf-8")

    class NoAnalysis:
        def analyze_document(self, doc):
            raise AssertionError("a record was analyzed again")

    counts = ingest([str(path)], empty_store, analyzer=NoAnalysis())
    assert counts == {"new": 5, "failed": 1}
    assert ingest([str(path)], empty_store, analyzer=NoAnalysis()) == {"duplicate": 5, "failed": 1}
    assert empty_store.get("r3") == recs[3]
    assert [r["id"] for r in empty_store.search("Geneva", limit=2)] == ["r4", "r3"]
