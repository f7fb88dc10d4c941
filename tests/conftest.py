"""Shared fixtures: one analyzer per test session (models load once), paths to test data."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from newsloom.pipeline import Analyzer
from newsloom.store import open_store

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "tests" / "articles"
SHARED = Path(os.environ.get("NEWSLOOM_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def analyzer() -> Analyzer:
    return Analyzer()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "seed").is_dir():
        pytest.skip(f"../shared is absent ({SHARED}): the seed and gold data tests need it beside the checkout")
    return SHARED


def article_cases() -> list[tuple[Path, dict]]:
    """(text path, expected facts) for every test article written for the project."""
    out = []
    for exp in sorted(ARTICLES.glob("*.expected.json")):
        out.append((exp.with_name(exp.name.replace(".expected.json", ".txt")), json.loads(exp.read_text("utf-8"))))
    return out


def all_spans(rec):
    """(label, start, end, expected text or None) of every span a record carries."""
    for h in rec.headings:
        yield "heading", h.start, h.end, h.text
    for e in rec.entities:
        for s, t in e.mentions:
            yield f"mention of {e.name}", s, t, None
        for r in e.roles:
            yield f"role {r.title}", r.start, r.end, None
    for kind in ("times", "amounts", "quotes"):
        for x in getattr(rec, kind):
            yield kind, x.start, x.end, x.text
    for ev in rec.events:
        yield "event", ev.start, ev.end, ev.text or None


@pytest.fixture(scope="session")
def pg_server():
    """A throwaway PostgreSQL server for the session; the test skips when PostgreSQL is not installed
    (and fails when CI=true, where it must be)."""
    import pgserver

    bindir = pgserver.binaries()
    if bindir is None:
        reason = "PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin or on PATH)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason + "; CI must install it (apt-get install -y postgresql)")
        pytest.skip(reason)
    server = pgserver.Server(bindir).start()
    yield server
    server.stop()


def _new_database(request, folder) -> str:
    if request.param == "sqlite":
        return str(folder / "news.db")
    return request.getfixturevalue("pg_server").new_database()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    """The URL of an empty database, once per backend."""
    return _new_database(request, tmp_path)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def module_db_url(request, tmp_path_factory) -> str:
    """The URL of an empty database shared by a test module, once per backend."""
    return _new_database(request, tmp_path_factory.mktemp("db"))


@pytest.fixture
def empty_store(db_url):
    """An empty store, once per backend (SQLite and PostgreSQL)."""
    store = open_store(db_url)
    yield store
    store.close()
