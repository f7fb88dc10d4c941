"""Crash safety: `newsloom ingest` killed with SIGKILL in the middle of a run, then run again, leaves every
article stored exactly once and no record half-written, on SQLite and on PostgreSQL."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from newsloom.store import open_store
from synthetic import make_record
from test_store_backends import parts_match_bodies

ROOT = Path(__file__).resolve().parents[1]
N = 5000


def test_ingest_killed_midway_then_rerun_stores_each_article_once(db_url, tmp_path):
    corpus = tmp_path / "records.jsonl"
    templates = [make_record(i).to_dict() for i in range(200)]
    with open(corpus, "w", encoding="utf-8") as fh:
        for i in range(N):
            fh.write(json.dumps({**templates[i % 200], "id": f"crash{i:06d}"}, ensure_ascii=False) + "\n")
    cmd = [sys.executable, "-m", "newsloom", "ingest", str(corpus), "--db", db_url, "--no-link"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    watch = open_store(db_url)
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 300
        while watch.count() < 256 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        proc.kill()  # SIGKILL: no cleanup, no rollback by the process itself
    finally:
        proc.wait(timeout=60)
    assert proc.returncode == -9, "the run ended before it could be killed"
    stored = watch.count()
    assert 0 < stored < N, f"{stored} of {N} stored when killed"
    parts_match_bodies(watch)  # what a killed run committed is whole

    out = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    assert f"new {N - stored}, duplicate {stored}, failed 0" in out.stdout
    assert watch.count() == N
    ids = [r for (r,) in watch.query("SELECT id FROM records")]
    assert len(ids) == len(set(ids)) == N
    parts_match_bodies(watch)
    watch.close()
