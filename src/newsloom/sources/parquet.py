"""Parquet sources: articles to analyze (a `text` or `html` column) or records a batch already wrote.

Three layouts are recognized from the columns of each file:

- a `record` column (the output of `newsloom batch`): each row is a finished
  `Record`, loaded as it is, with no new analysis;
- `id`, `source` and `reason` (the errors table of `newsloom batch`): each row is
  an `InputError` naming the document and why it failed;
- `text` or `html`, optionally with `url`, `published` and `source`: each row is
  an article, like a line of a JSONL file.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

from newsloom.errors import InputError
from newsloom.schema import Record
from newsloom.sources.document import Document, make_document

_ARTICLE_COLUMNS = ("text", "html", "url", "published", "source")


def read_parquet(path: str | Path) -> Iterator[Document | Record | InputError]:
    """Every row of one Parquet file as a Document, a Record or the InputError naming it."""
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
        columns = set(pf.schema_arrow.names)
    except Exception as exc:  # a truncated or foreign file: name it and go on
        yield InputError(str(path), f"not a readable Parquet file ({type(exc).__name__}: {exc})")
        return
    if "record" in columns:
        yield from _records(pf, path)
    elif {"id", "source", "reason"} <= columns:
        for row in _rows(pf, ["id", "source", "reason"]):
            yield InputError(row["source"] or row["id"], row["reason"])
    elif "text" in columns or "html" in columns:
        yield from _articles(pf, path, [c for c in _ARTICLE_COLUMNS if c in columns])
    else:
        yield InputError(str(path), "no 'record', 'text' or 'html' column")


def _rows(pf, columns: list[str]) -> Iterator[dict]:
    for batch in pf.iter_batches(columns=columns, batch_size=256):
        yield from batch.to_pylist()


def _records(pf, path) -> Iterator[Record | InputError]:
    for n, row in enumerate(_rows(pf, ["record"]), start=1):
        try:
            yield Record.model_validate_json(row["record"] or "")
        except ValueError as exc:
            yield InputError(f"{path}:{n}", f"column 'record' is not a newsloom record ({str(exc).splitlines()[0]})")


def _articles(pf, path, columns: list[str]) -> Iterator[Document | InputError]:
    for n, row in enumerate(_rows(pf, columns), start=1):
        name = f"{path}:{n}"
        html, text = row.get("html"), row.get("text")
        if not (html or text):
            yield InputError(name, "no 'text' or 'html' value")
            continue
        published = row.get("published")
        if published is not None and not isinstance(published, str):
            published = published.isoformat()  # a timestamp or date column
        source = row.get("source") if isinstance(row.get("source"), str) and row["source"].strip() else None
        source_is_url = bool(source and source.startswith(("http://", "https://")))
        try:
            doc = make_document(html or text, name=name, uri=row.get("url") or (source if source_is_url else None),
                                content_type="text/html" if html else "text/plain", published=published)
        except InputError as exc:
            yield exc
            continue
        # the publication, as in a JSONL line: kept beside the record (batch and store)
        yield dataclasses.replace(doc, meta={**doc.meta, "source": source}) if source else doc
