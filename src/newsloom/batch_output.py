"""The output of a batch: records as Parquet partitioned by language and date, and an errors table.

Layout under the output directory::

    records/language=fr/date=2025-08-14/part-<run>-00000.parquet
    errors/part-<run>-00000.parquet

Partition values live in the directory names only (the Hive and Spark
convention), so `pyarrow.dataset`, DuckDB, Spark or pandas read `language` and
`date` back as columns. A part file is written under a hidden temporary name
and renamed when complete, so a killed run never leaves a half-written part:
readers skip names starting with '.', and the next run deletes them.
"""
from __future__ import annotations

import os
import re
import time
from collections import defaultdict
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from newsloom.schema import Record

RECORDS, ERRORS = "records", "errors"
UNKNOWN_DATE = "unknown"
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")

_LIST = pa.list_(pa.string())
RECORD_SCHEMA = pa.schema([
    ("id", pa.string()),
    ("url", pa.string()),
    ("source", pa.string()),
    ("published", pa.string()),
    ("title", pa.string()),
    ("text", pa.string()),
    ("language_confidence", pa.float64()),
    ("persons", _LIST),
    ("organizations", _LIST),
    ("places", _LIST),
    ("countries", _LIST),
    ("events", _LIST),
    ("topics", _LIST),
    ("speakers", _LIST),
    ("record", pa.string()),
])
ERROR_SCHEMA = pa.schema([("id", pa.string()), ("source", pa.string()), ("reason", pa.string())])


def _unique(values) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def record_row(rec: Record, *, source: str | None = None) -> dict:
    """One record as a row: flat columns to filter on, and the whole record as JSON.

    `source` is the publication an input named (a JSONL or Parquet `source` field)."""
    by_id = {e.id: e.name for e in rec.entities}
    return {
        "id": rec.id,
        "url": rec.source.uri,
        "source": source,
        "published": rec.published,
        "title": rec.title,
        "text": rec.text,
        "language_confidence": rec.language.confidence,
        "persons": _unique(e.name for e in rec.entities if e.type == "PERSON"),
        "organizations": _unique(e.name for e in rec.entities if e.type == "ORG"),
        "places": _unique(e.name for e in rec.entities if e.type == "PLACE"),
        "countries": _unique(e.country for e in rec.entities),
        "events": _unique(ev.type for ev in rec.events),
        "topics": _unique(t.code for t in rec.topics),
        "speakers": _unique(by_id.get(q.speaker) or q.speaker_text for q in rec.quotes),
        "record": rec.to_json(indent=None),
        # partition keys, taken out of the row when it is written
        "language": rec.language.code or "und",
        "date": publication_day(rec.published),
    }


def publication_day(published: str | None) -> str:
    m = _DAY.match(published or "")
    return m.group(0) if m else UNKNOWN_DATE


def error_row(doc_id: str, source: str, reason: str) -> dict:
    return {"id": doc_id, "source": source, "reason": reason}


def _part_files(root: Path):
    if root.is_dir():
        for p in sorted(root.rglob("*.parquet")):
            if not p.name.startswith((".", "_")):
                yield p


def written_ids(out: str | Path) -> set[str]:
    """Ids of every document a previous run wrote, as a record or as an error."""
    out = Path(out)
    ids: set[str] = set()
    for sub in (RECORDS, ERRORS):
        for p in _part_files(out / sub):
            ids.update(pq.read_table(p, columns=["id"]).column("id").to_pylist())
    return ids


def remove_partial_parts(out: str | Path) -> int:
    """Delete the temporary files a killed run left behind; how many there were."""
    n = 0
    for p in Path(out).rglob(".part-*.tmp"):
        p.unlink(missing_ok=True)
        n += 1
    return n


class PartitionedWriter:
    """Buffers rows and writes them as complete part files, one per partition and flush."""

    def __init__(self, out: str | Path, *, rows_per_flush: int = 500):
        self.out = Path(out)
        self.rows_per_flush = rows_per_flush
        self.run = f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}"
        self._seq = 0
        self._records: dict[tuple[str, str], list[dict]] = defaultdict(list)
        self._errors: list[dict] = []
        self._pending = 0
        self.files: list[Path] = []

    def add_records(self, rows: list[dict]) -> None:
        for row in rows:
            self._records[(row["language"], row["date"])].append(row)
        self._grow(len(rows))

    def add_errors(self, rows: list[dict]) -> None:
        self._errors.extend(rows)
        self._grow(len(rows))

    def _grow(self, n: int) -> None:
        self._pending += n
        if self._pending >= self.rows_per_flush:
            self.flush()

    def flush(self) -> None:
        for (lang, day), rows in sorted(self._records.items()):
            table = pa.Table.from_pylist([{k: r[k] for k in RECORD_SCHEMA.names} for r in rows], schema=RECORD_SCHEMA)
            self._write(table, self.out / RECORDS / f"language={_safe(lang)}" / f"date={_safe(day)}")
        if self._errors:
            self._write(pa.Table.from_pylist(self._errors, schema=ERROR_SCHEMA), self.out / ERRORS)
        self._records.clear()
        self._errors = []
        self._pending = 0

    def _write(self, table: pa.Table, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        name = f"part-{self.run}-{self._seq:05d}.parquet"
        self._seq += 1
        tmp = folder / f".{name}.tmp"
        pq.write_table(table, tmp, compression="zstd")
        os.replace(tmp, folder / name)
        self.files.append(folder / name)


def _safe(value: str) -> str:
    """A partition value usable as a directory name on every filesystem."""
    return re.sub(r"[^\w.-]", "_", value) or "_"
