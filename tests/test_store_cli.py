"""The corpus commands in-process through the real CLI: search and entity output formats, export to
Parquet (read back with pyarrow and DuckDB) and JSONL (ingested again as records), on both backends."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from newsloom.cli import main
from newsloom.schema import Record
from synthetic import make_record

N = 40


@pytest.fixture
def filled(db_url, tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLOOM_DB", db_url)
    path = tmp_path / "records.jsonl"
    recs = [make_record(i) for i in range(N)]
    path.write_text("".join(r.to_json(None) + "\n" for r in recs), encoding="utf-8")
    out = CliRunner().invoke(main, ["ingest", str(path), "--no-link"])
    assert out.exit_code == 0, out.output
    assert f"new {N}, duplicate 0, failed 0" in out.output
    return recs


def run(*args: str) -> str:
    out = CliRunner().invoke(main, list(args))
    assert out.exit_code == 0, (out.output, out.exception)
    return out.output


def test_search_formats_agree(filled, tmp_path):
    as_json = json.loads(run("search", "wheat", "--format", "json"))
    want = sorted(r.id for r in filled if "wheat" in r.text)
    assert sorted(r["id"] for r in as_json) == want
    rows = list(csv.DictReader(io.StringIO(run("search", "wheat", "--format", "csv"))))
    assert [r["id"] for r in rows] == [r["id"] for r in as_json]
    assert list(rows[0]) == ["id", "published", "language", "title", "uri"]
    table = run("search", "wheat").splitlines()
    assert len(table) == len(want) and all(r["title"] in line for r, line in zip(as_json, table))
    out = tmp_path / "found.parquet"
    run("search", "wheat", "--format", "parquet", "--out", str(out))
    import pyarrow.parquet as pq

    assert pq.read_table(out).column("id").to_pylist() == [r["id"] for r in as_json]
    missing = CliRunner().invoke(main, ["search", "wheat", "--format", "parquet"])
    assert missing.exit_code != 0 and "--out" in str(missing.exception or missing.output)


def test_search_by_place_person_and_event(filled):
    rows = json.loads(run("search", "--place", "Geneva", "--person", "Путин", "--format", "json"))
    want = {r.id for r in filled if r.entities[2].name == "Geneva" and
            "Vladimir Putin" in (r.entities[0].name, r.entities[1].name)}
    assert {r["id"] for r in rows} == want
    rows = json.loads(run("search", "--event", "CONSULT", "--since", "2025-06-01", "--format", "json"))
    assert {r["id"] for r in rows} == {r.id for r in filled if r.events[0].type == "CONSULT" and r.published >= "2025-06-01"}


def test_entity_timeline_formats(filled, tmp_path):
    timeline = json.loads(run("entity", "Poutine"))
    said = [r for r in filled if r.entities[0].name == "Vladimir Putin"]
    assert len(timeline) == sum(1 for r in filled if "Vladimir Putin" in (r.entities[0].name, r.entities[1].name))
    assert sum(1 for row in timeline if row["said"]) == len(said)
    rows = list(csv.DictReader(io.StringIO(run("entity", "Putin", "--format", "csv"))))
    assert [r["published"] for r in rows] == [r["published"] for r in timeline]
    out = tmp_path / "putin.parquet"
    run("entity", "Putin", "--format", "parquet", "--out", str(out))
    import duckdb

    n, = duckdb.sql(f"SELECT count(*) FROM '{out}' WHERE name = 'Vladimir Putin'").fetchall()[0]
    assert n == len(timeline)


def test_export_parquet_loads_in_pyarrow_and_duckdb(filled, tmp_path):
    out = tmp_path / "records.parquet"
    assert f"{N} records written" in run("export", "--format", "parquet", "--out", str(out))
    import duckdb
    import pyarrow.parquet as pq

    table = pq.read_table(out)
    assert table.num_rows == N and {"id", "published", "language", "persons", "places", "lat", "lon",
                                    "record"} <= set(table.column_names)
    by_id = {r.id: r for r in filled}
    for row in table.to_pylist():
        rec = by_id[row["id"]]
        assert Record.model_validate_json(row["record"]) == rec
        assert row["places"] == rec.entities[2].name and row["lat"] == rec.entities[2].geo.lat
        assert row["persons"].split("; ") == [rec.entities[0].name, rec.entities[1].name]
    geneva, = duckdb.sql(f"SELECT count(*) FROM '{out}' WHERE places = 'Geneva'").fetchall()[0]
    assert geneva == sum(1 for r in filled if r.entities[2].name == "Geneva")
    langs = dict(duckdb.sql(f"SELECT language, count(*) FROM read_parquet('{out}') GROUP BY language").fetchall())
    assert sum(langs.values()) == N


def test_export_jsonl_is_ingested_again_without_analysis(filled, tmp_path, monkeypatch):
    out = tmp_path / "all.jsonl"
    run("export", "--format", "jsonl", "--out", str(out))
    lines = out.read_text(encoding="utf-8").splitlines()
    assert sorted(Record.model_validate_json(x).id for x in lines) == sorted(r.id for r in filled)
    monkeypatch.setenv("NEWSLOOM_DB", str(tmp_path / "copy.db"))
    assert f"new {N}, duplicate 0, failed 0" in run("ingest", str(out), "--no-link")
