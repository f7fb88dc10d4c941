"""Records and result rows out of the store: JSONL (records whole, re-ingestible), Parquet (one row per
record: flat columns to filter on plus the record as JSON), CSV, JSON and a plain table."""
from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsloom.errors import NewsloomError
from newsloom.schema import Record

# the flat columns of an exported record, in order, with their Arrow types
RECORD_COLUMNS: list[tuple[str, str]] = [
    ("id", "string"), ("published", "string"), ("language", "string"), ("title", "string"), ("uri", "string"),
    ("fetched_at", "string"), ("chars", "int64"), ("persons", "string"), ("organizations", "string"),
    ("places", "string"), ("countries", "string"), ("event_types", "string"), ("topics", "string"),
    ("entities", "int64"), ("quotes", "int64"), ("events", "int64"), ("times", "int64"), ("amounts", "int64"),
    ("lat", "float64"), ("lon", "float64"), ("record", "string"),
]
LIST_SEPARATOR = "; "


def flat(rec: Record) -> dict:
    """One record as flat columns: names joined by '; ' (most salient first), counts, the coordinates of
    its most salient place, and the whole record as JSON."""
    ents = sorted(rec.entities, key=lambda e: -e.salience)

    def names(*types: str) -> str:
        return LIST_SEPARATOR.join(dict.fromkeys(e.name for e in ents if e.type in types))

    placed = [e for e in ents if e.geo is not None]
    return {
        "id": rec.id, "published": rec.published, "language": rec.language.code, "title": rec.title,
        "uri": rec.source.uri, "fetched_at": rec.source.fetched_at, "chars": len(rec.text),
        "persons": names("PERSON"), "organizations": names("ORG"), "places": names("PLACE"),
        "countries": LIST_SEPARATOR.join(sorted({e.country for e in ents if e.country})),
        "event_types": LIST_SEPARATOR.join(dict.fromkeys(ev.type for ev in rec.events)),
        "topics": LIST_SEPARATOR.join(t.code for t in rec.topics),
        "entities": len(rec.entities), "quotes": len(rec.quotes), "events": len(rec.events),
        "times": len(rec.times), "amounts": len(rec.amounts),
        "lat": placed[0].geo.lat if placed else None, "lon": placed[0].geo.lon if placed else None,
        "record": rec.to_json(None),
    }


def export_records(records: Iterable[Record], fmt: str, out: str | Path, *, batch: int = 2000) -> int:
    """Write records to `out` as 'jsonl' or 'parquet'; the number written."""
    out = Path(out)
    if out.parent and not out.parent.exists():
        out.parent.mkdir(parents=True)
    n = 0
    if fmt == "jsonl":
        with open(out, "w", encoding="utf-8") as fh:
            for rec in records:
                fh.write(rec.to_json(None) + "\n")
                n += 1
        return n
    if fmt != "parquet":
        raise NewsloomError(f"cannot export as {fmt!r}; use parquet or jsonl")
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(name, getattr(pa, kind)()) for name, kind in RECORD_COLUMNS])
    with pq.ParquetWriter(out, schema, compression="zstd") as writer:
        for rows in _chunks((flat(r) for r in records), batch):
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            n += len(rows)
    return n


def _chunks(items: Iterator, size: int) -> Iterator[list]:
    chunk = []
    for x in items:
        chunk.append(x)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def write_rows(rows: list[dict], columns: list[str], fmt: str, out: str | Path | None = None) -> str | None:
    """Result rows as 'table', 'json', 'csv' or 'parquet': written to `out` when given (Parquet needs it),
    else returned as text. List values are joined by '; ' in a table and in CSV."""
    if fmt == "parquet":
        if not out:
            raise NewsloomError("--format parquet writes a file: give --out FILE")
        import pyarrow as pa
        import pyarrow.parquet as pq

        if rows:
            table = pa.Table.from_pylist(rows)
        else:
            table = pa.table({c: pa.array([], pa.string()) for c in columns})
        pq.write_table(table, out)
        return None
    if fmt == "json":
        text = json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    elif fmt == "csv":
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({c: _cell(r.get(c)) for c in columns})
        text = buf.getvalue()
    elif fmt == "table":
        text = "".join("  ".join(_cell(r.get(c)) or "-" for c in columns) + "\n" for r in rows)
    else:
        raise NewsloomError(f"unknown format {fmt!r}; use table, json, csv or parquet")
    if out:
        Path(out).write_text(text, encoding="utf-8")
        return None
    return text


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, (list, tuple)):
        return LIST_SEPARATOR.join(_cell(x) for x in v)
    return str(v)


def emit(text: str | None) -> None:
    if text is not None:
        sys.stdout.write(text)
