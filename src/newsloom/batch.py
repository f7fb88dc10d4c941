"""Batch analysis of a corpus into Parquet, on a local process pool or a distributed engine.

The driver reads the inputs (files, directories, JSONL, Parquet, WARC), skips
documents a previous run already wrote, hands batches of documents to an
engine and writes what comes back (`batch_output.PartitionedWriter`). Every
engine runs the same function, `analyze_batch`, in its worker processes; each
process builds its `Analyzer` once and keeps it for all its batches.
"""
from __future__ import annotations

import json
import os
import resource
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from itertools import islice
from pathlib import Path

from newsloom.batch_output import (PartitionedWriter, error_row, record_row, remove_partial_parts,
                                   written_ids)
from newsloom.errors import InputError, NewsloomError
from newsloom.schema import Record
from newsloom.sources.document import Document, content_id

ENGINES = ("local", "ray")


def read_inputs(paths: list[str]) -> Iterator[Document | Record | InputError]:
    """Every document the paths name, read as `newsloom ingest` reads them (files, directories,
    JSONL, Parquet, WARC, URL lists)."""
    from newsloom.ingest import documents

    return documents(paths)


def input_error_row(exc: InputError) -> dict:
    """An unreadable input has no content hash: its id is the hash of its name."""
    return error_row(content_id(exc.name.encode("utf-8")), exc.name, exc.reason)


# -- the analysis, the same in every engine ----------------------------------
@lru_cache(maxsize=1)
def process_analyzer():
    """The Analyzer of this process, built on first use and kept (one per worker)."""
    from newsloom.pipeline import Analyzer

    return Analyzer()


def document_row(doc: Document) -> dict:
    return {"id": doc.id, "name": doc.name, "content": doc.content, "format": doc.format,
            "encoding": doc.encoding, "uri": doc.uri, "published": doc.published,
            "meta": json.dumps(doc.meta, ensure_ascii=False, default=str)}


def analyze_batch(docs: list[dict]) -> dict:
    """Analyze a batch of document rows (see `document_row`).

    Returns {"records": record rows, "errors": error rows, "worker": {pid, peak RSS}}.
    A document whose analysis fails becomes an error row; the batch goes on.
    """
    from newsloom.ingest import _with_provenance as with_provenance

    analyzer = process_analyzer()
    started = time.perf_counter()
    records, errors = [], []
    for row in docs:
        meta = json.loads(row.get("meta") or "{}")
        doc = Document(**{k: row.get(k) for k in ("id", "name", "content", "format", "encoding", "uri", "published")},
                       meta=meta)
        try:
            records.append(record_row(with_provenance(analyzer.analyze_document(doc), doc), source=meta.get("source")))
        except Exception as exc:  # one broken document never stops the batch
            errors.append(error_row(doc.id, doc.name, f"analysis failed: {type(exc).__name__}: {exc}"))
    _BUSY[0] += time.perf_counter() - started
    return {"records": records, "errors": errors, "worker": worker_stats()}


_BUSY = [0.0]  # seconds this process has spent in analyze_batch


def worker_stats() -> dict:
    """This worker process: pid, peak resident memory, seconds spent analyzing and CPU seconds used."""
    use = resource.getrusage(resource.RUSAGE_SELF)
    return {"pid": os.getpid(), "peak_rss_mb": round(use.ru_maxrss / 1024, 1), "busy_s": round(_BUSY[0], 3),
            "cpu_s": round(use.ru_utime + use.ru_stime, 3)}


# -- engines -------------------------------------------------------------------
def batched(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def local_engine(batches: Iterable[list[dict]], workers: int) -> Iterator[dict]:
    """A pool of `workers` processes (spawned, so each loads its own pipelines)."""
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        pending = set()
        for batch in batches:
            pending.add(pool.submit(analyze_batch, batch))
            if len(pending) >= 2 * workers:  # bounded: reading never runs far ahead of the workers
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for f in done:
                    yield f.result()
        for f in pending:
            yield f.result()


def get_engine(name: str):
    if name == "local":
        return local_engine
    if name == "ray":
        from newsloom.batch_ray import ray_engine

        return ray_engine
    raise NewsloomError(f"unknown engine '{name}': choose one of {', '.join(ENGINES)}")


# -- the run -------------------------------------------------------------------
@dataclass
class BatchResult:
    engine: str
    workers: int
    read: int = 0
    skipped: int = 0
    records: int = 0
    errors: int = 0
    seconds: float = 0.0
    workers_peak_rss_mb: dict = field(default_factory=dict)
    workers_busy_s: dict = field(default_factory=dict)  # pid -> seconds spent analyzing
    files: int = 0

    @property
    def docs_per_second(self) -> float:
        return (self.records + self.errors) / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict:
        return {**asdict(self), "docs_per_second": round(self.docs_per_second, 3)}


def run_batch(inputs: list[str], out: str | Path, *, engine="local", workers: int = 2,
              batch_size: int = 8, progress: bool = False, rows_per_flush: int = 500) -> BatchResult:
    """Analyze every input not yet in `out` and write records and errors there.

    `engine` is a name in ENGINES, or a function (batches of document rows, workers) -> results
    of `analyze_batch`, the interface every engine implements."""
    if workers < 1:
        raise NewsloomError(f"--workers must be at least 1 (got {workers})")
    run_engine = engine if callable(engine) else get_engine(engine)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    remove_partial_parts(out)
    seen = written_ids(out)
    writer = PartitionedWriter(out, rows_per_flush=rows_per_flush)
    result = BatchResult(engine=engine if isinstance(engine, str) else engine.__name__, workers=workers)
    bar = _progress_bar() if progress else None

    def to_analyze() -> Iterator[dict]:
        for item in read_inputs(inputs):
            result.read += 1
            if isinstance(item, InputError):
                row = input_error_row(item)
                if row["id"] not in seen:
                    seen.add(row["id"])
                    writer.add_errors([row])
                    _tick(bar, result, errors=1)
                else:
                    result.skipped += 1
            elif item.id in seen:
                result.skipped += 1
            elif isinstance(item, Record):  # already analyzed: written as it is
                seen.add(item.id)
                writer.add_records([record_row(item)])
                _tick(bar, result, records=1)
            else:
                seen.add(item.id)
                yield document_row(item)

    start = time.perf_counter()
    try:
        for res in run_engine(batched(to_analyze(), batch_size), workers):
            writer.add_records(res["records"])
            writer.add_errors(res["errors"])
            w = res["worker"]
            pid = str(w["pid"])
            result.workers_peak_rss_mb[pid] = max(w["peak_rss_mb"], result.workers_peak_rss_mb.get(pid, 0))
            result.workers_busy_s[pid] = max(w.get("busy_s", 0.0), result.workers_busy_s.get(pid, 0.0))
            _tick(bar, result, records=len(res["records"]), errors=len(res["errors"]))
    finally:
        writer.flush()
        result.seconds = time.perf_counter() - start
        result.files = len(writer.files)
        if bar is not None:
            bar.close()
    return result


def _progress_bar():
    from tqdm import tqdm

    return tqdm(unit="doc", file=sys.stderr, desc="analyzing", smoothing=0.1,
                bar_format="{desc}: {n_fmt} documents [{elapsed}{postfix}]")


def _tick(bar, result: BatchResult, *, records: int = 0, errors: int = 0) -> None:
    result.records += records
    result.errors += errors
    if bar is not None:
        elapsed = bar.format_dict["elapsed"] or 1e-9
        bar.set_postfix_str(f"{(bar.n + records + errors) / elapsed:.2f} documents/s, records {result.records}, "
                            f"errors {result.errors}, already done {result.skipped}", refresh=False)
        bar.update(records + errors)
