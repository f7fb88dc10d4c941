"""The store and ingest, on a real SQLite file and a real PostgreSQL server."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsloom.ingest import ingest
from newsloom.store import open_store
from newsloom.store.base import name_key

CORPUS = Path(__file__).with_name("corpus")
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def store(module_db_url, analyzer):
    s = open_store(module_db_url)
    counts = ingest([str(CORPUS)], s, analyzer=analyzer)
    assert counts == {"new": 5, "failed": 2}
    yield s
    s.close()


def test_names_in_any_script_share_a_key():
    assert name_key("Poutine") == name_key("Putin") == name_key("Путин")
    assert name_key("Peskow") == name_key("Peskov")


@pytest.mark.slow
def test_ingest_is_idempotent_and_keeps_errors(store, analyzer):
    again = ingest([str(CORPUS)], store, analyzer=analyzer)
    assert again == {"duplicate": 5, "failed": 2}
    assert store.count("records") == 5
    reasons = [r for _, r in store.errors()]
    assert any("not JSON" in r for r in reasons) and any("no 'text'" in r for r in reasons)


@pytest.mark.slow
def test_search_with_filters(store):
    assert {r["language"] for r in store.search("sanctions")} == {"en"}
    assert [r["uri"] for r in store.search(event="SANCTION")] == ["https://example.org/eu-iran"]
    assert len(store.search(language="fr")) == 2
    assert store.search(since="2025-05-06") and not store.search(until="2025-01-01")


@pytest.mark.slow
def test_entity_timeline_is_the_same_whatever_the_spelling(store):
    fr, en, ru = store.timeline("Poutine"), store.timeline("Putin"), store.timeline("Путин")
    assert fr == en == ru and len(fr) == 3
    assert any("jamais été aussi solides" in s for row in fr for s in row["said"])


@pytest.mark.slow
def test_records_come_back_whole(store):
    rid = store.search("sanctions")[0]["id"]
    rec = store.get(rid)
    assert rec.events and rec.text.startswith("The European Union")


def test_cli_ingest_and_search(tmp_path):
    db = tmp_path / "cli.db"
    out = subprocess.run([sys.executable, "-m", "newsloom", "ingest", str(CORPUS / "articles.jsonl"), "--db", str(db)],
                         capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert "new 2, duplicate 0, failed 2" in out.stdout, out.stderr
    found = subprocess.run([sys.executable, "-m", "newsloom", "search", "Kremlin", "--db", str(db), "--format", "json"],
                           capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert [r["uri"] for r in json.loads(found.stdout)] == ["https://example.org/kremlin"]
