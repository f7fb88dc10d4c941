"""Batch runs into Parquet: a real process pool and a real local Ray, on a small corpus."""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as pads
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from newsloom.batch import analyze_batch, run_batch
from newsloom.batch_output import written_ids
from newsloom.cli import main
from newsloom.schema import Record
from newsloom.sources.parquet import read_parquet

CORPUS = Path(__file__).with_name("corpus")
PARQUET_ARTICLE = ("Le président Emmanuel Macron a reçu jeudi à Paris le chancelier allemand Friedrich Merz "
                   "pour parler de la défense européenne.")


@pytest.fixture()
def inputs(tmp_path) -> Path:
    """The store's test corpus (5 articles, 2 bad JSONL lines), a binary file and a Parquet file of 1 article."""
    d = tmp_path / "in"
    shutil.copytree(CORPUS, d)
    (d / "picture.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    table = pa.table({"text": [PARQUET_ARTICLE], "url": ["https://example.org/macron-merz"],
                      "published": ["2025-05-08T10:00:00+02:00"], "source": ["Le Quotidien"]})
    pq.write_table(table, d / "more.parquet")
    return d


def records_table(out: Path) -> pa.Table:
    return pads.dataset(out / "records", format="parquet", partitioning="hive").to_table()


def check_output(out: Path) -> pa.Table:
    t = records_table(out)
    assert t.num_rows == 6
    assert set(t.column("language").to_pylist()) == {"en", "fr", "ru"}
    by_url = {r["url"]: r for r in t.to_pylist()}
    eu = by_url["https://example.org/eu-iran"]
    assert eu["date"] == "2025-05-05" and eu["events"] == ["SANCTION"]
    assert (out / "records" / "language=fr" / "date=2025-05-08").is_dir()
    macron = by_url["https://example.org/macron-merz"]
    assert "Emmanuel Macron" in macron["persons"] and macron["source"] == "Le Quotidien"
    for row in t.to_pylist():  # the JSON column is the whole record, its spans intact
        rec = Record.model_validate_json(row["record"])
        assert rec.id == row["id"] and rec.text == row["text"]
        for e in rec.entities:
            for s, end in e.mentions:
                assert rec.text[s:end]
    errors = pq.read_table(out / "errors").to_pylist()
    reasons = {Path(e["source"]).name: e["reason"] for e in errors}
    assert len(errors) == 3
    assert "binary" in reasons["picture.bin"]
    assert "not JSON" in reasons["articles.jsonl:3"] and "no 'text'" in reasons["articles.jsonl:4"]
    return t


@pytest.mark.slow
def test_local_pool_writes_partitions_and_errors_and_resumes(inputs, tmp_path):
    out = tmp_path / "out"
    first = run_batch([str(inputs)], out, workers=2, batch_size=2)
    assert (first.records, first.errors, first.skipped) == (6, 3, 0)
    assert 1 <= len(first.workers_peak_rss_mb) <= 2  # never more processes than workers
    # each worker reports the time it spent analyzing, and together they analyzed during the run
    assert first.workers_busy_s.keys() == first.workers_peak_rss_mb.keys()
    assert 0 < sum(first.workers_busy_s.values()) <= 2 * first.seconds
    ids = set(check_output(out).column("id").to_pylist())

    # a killed run leaves only a hidden temporary file; the rerun removes it and skips what is written
    stray = out / "records" / "language=en" / ".part-killed-00000.parquet.tmp"
    stray.write_bytes(b"PAR1 half a file")
    again = CliRunner().invoke(main, ["batch", str(inputs), "--out", str(out), "--workers", "2"])
    assert again.exit_code == 0, again.output
    assert "records 0, errors 0, already done 9" in again.output
    assert not stray.exists()
    check_output(out)

    # a new article is the only one analyzed
    (inputs / "new.txt").write_text("Angela Merkel a rencontré Olaf Scholz à Berlin le 3 mars 2024.", "utf-8")
    third = run_batch([str(inputs)], out, workers=2)
    assert (third.records, third.errors, third.skipped) == (1, 0, 9)
    assert set(records_table(out).column("id").to_pylist()) > ids
    assert len(written_ids(out)) == 10


def test_a_document_that_breaks_the_analysis_is_an_error_row():
    bad = {"id": "0123456789abcdef", "name": "feed.jsonl:7", "content": None, "format": "text",
           "encoding": "utf-8", "uri": None, "published": None}
    res = analyze_batch([bad])
    assert res["records"] == []
    [err] = res["errors"]
    assert err["id"] == bad["id"] and err["source"] == "feed.jsonl:7"
    assert err["reason"].startswith("analysis failed: ")


def test_parquet_source_reads_articles_records_and_errors(tmp_path):
    rec = Record(id="abc", text="Bonjour.", published="2025-01-02")
    p = tmp_path / "mixed"
    p.mkdir()
    pq.write_table(pa.table({"html": ["<html><body><p>x</p><p>y</p><p>z</p></body></html>", None],
                             "url": ["https://example.org/a", None]}), p / "articles.parquet")
    pq.write_table(pa.table({"id": ["abc"], "record": [rec.to_json(indent=None)]}), p / "records.parquet")
    pq.write_table(pa.table({"id": ["e1"], "source": ["feed.jsonl:3"], "reason": ["not JSON"]}), p / "errors.parquet")
    (p / "broken.parquet").write_bytes(b"not parquet at all")
    doc, missing = read_parquet(p / "articles.parquet")
    assert doc.format == "html" and doc.uri == "https://example.org/a"
    assert "no 'text' or 'html'" in missing.reason and missing.name.endswith("articles.parquet:2")
    assert list(read_parquet(p / "records.parquet")) == [rec]
    [err] = read_parquet(p / "errors.parquet")
    assert (err.name, err.reason) == ("feed.jsonl:3", "not JSON")
    [broken] = read_parquet(p / "broken.parquet")
    assert "not a readable Parquet file" in broken.reason


def test_unknown_engine_and_bad_worker_count_are_refused(tmp_path):
    from newsloom.errors import NewsloomError

    with pytest.raises(NewsloomError, match="unknown engine 'dask'"):
        run_batch([str(CORPUS)], tmp_path / "o", engine="dask")
    with pytest.raises(NewsloomError, match="at least 1"):
        run_batch([str(CORPUS)], tmp_path / "o", workers=0)


@pytest.mark.slow
def test_ray_engine_with_two_workers_gives_the_local_records(inputs, tmp_path):
    pytest.importorskip("ray", reason="the Ray engine is the optional extra 'ray'")
    out = tmp_path / "ray"
    res = run_batch([str(inputs)], out, engine="ray", workers=2, batch_size=2)
    assert (res.records, res.errors) == (6, 3)
    assert 1 <= len(res.workers_peak_rss_mb) <= 2  # never more actors than workers
    t = check_output(out)
    local = tmp_path / "local"
    run_batch([str(inputs)], local, workers=1, batch_size=4)
    mine = {r["id"]: json.loads(r["record"]) for r in t.to_pylist()}
    theirs = {r["id"]: json.loads(r["record"]) for r in records_table(local).to_pylist()}
    for d in (*mine.values(), *theirs.values()):
        d["source"].pop("fetched_at")
    assert mine == theirs


class _NoAnalysis:
    """Stands where an analyzer would be: ingesting finished records must never call it."""

    def analyze_document(self, doc):
        raise AssertionError(f"{doc.name} was analyzed again")


@pytest.mark.slow
def test_warc_input_then_ingest_of_the_output_without_new_analysis(tmp_path):
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from newsloom.ingest import ingest
    from newsloom.store import SQLiteStore

    warc = tmp_path / "in" / "CC-NEWS-20250506.warc.gz"
    warc.parent.mkdir()
    page = ("<html><head><title>Sommet à Genève</title></head><body><article><h1>Sommet à Genève</h1>"
            "<p>Le ministre des Affaires étrangères Jean-Noël Barrot a rencontré mardi à Genève son homologue "
            "iranien Abbas Araghchi.</p><p>« Nous voulons un accord », a déclaré Jean-Noël Barrot.</p>"
            "</article></body></html>").encode("utf-8")
    with open(warc, "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record("https://news.example/geneve", "response", payload=io.BytesIO(page),
                                            http_headers=http, warc_headers_dict={"WARC-Date": "2025-05-06T10:00:00Z"}))
    (tmp_path / "in" / "empty.txt").write_text("   \n", "utf-8")
    out = tmp_path / "out"
    res = run_batch([str(tmp_path / "in")], out, workers=1)
    assert (res.records, res.errors) == (1, 1)
    [row] = records_table(out).to_pylist()
    assert row["url"] == "https://news.example/geneve" and row["language"] == "fr"
    assert "Jean-Noël Barrot" in row["persons"]

    store = SQLiteStore(tmp_path / "news.db")
    counts = ingest([str(out)], store, analyzer=_NoAnalysis())
    assert counts == {"new": 1, "failed": 1}
    assert store.get(row["id"]) == Record.model_validate_json(row["record"])
    [(source, reason)] = store.errors()
    assert source.endswith("empty.txt") and "empty" in reason
    assert ingest([str(out)], store, analyzer=_NoAnalysis()) == {"duplicate": 1, "failed": 1}


def test_readme_scale_figures_are_the_stored_benchmark():
    import importlib.util

    root = Path(__file__).resolve().parents[1]
    spec = importlib.util.spec_from_file_location("batch_benchmark", root / "benchmarks" / "batch.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    engines = json.loads(bench.ENGINES.read_text("utf-8"))
    block = bench.render(json.loads(bench.RESULTS.read_text("utf-8")), engines)
    assert block in bench.README.read_text("utf-8"), "run: python benchmarks/batch.py --readme"
    assert {r["engine"] for r in engines["runs"]} == {"spark", "ray"}


def test_ray_engine_without_ray_says_how_to_install_it(tmp_path, monkeypatch):
    from newsloom.errors import MissingExtraError

    monkeypatch.setitem(sys.modules, "ray", None)  # what an environment without the extra sees
    with pytest.raises(MissingExtraError, match=r"pip install 'newsloom\[ray\]'"):
        run_batch([str(CORPUS / "en_summit.txt")], tmp_path / "o", engine="ray")
