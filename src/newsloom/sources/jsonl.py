"""JSONL sources: one article a line, with `text` or `html`, and optionally `url`, `published` and
`source` (a URL, or the name of the outlet); or one record a line, as `newsloom analyze --format jsonl`
prints them (a `schema` field naming a newsloom record), which is taken as it is, not analyzed again."""
from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from newsloom.errors import InputError
from newsloom.schema import Record
from newsloom.sources.document import Document, make_document

RECORD_SCHEMA_PREFIX = "newsloom.record/"


def read_jsonl(path: str | Path) -> Iterator[Document | Record | InputError]:
    """Each line as a Document (an article) or a Record (an analyzed article), or as the InputError that
    names the line and its reason."""
    with open(path, encoding="utf-8", errors="replace") as fh:
        for n, line in enumerate(fh, start=1):
            name = f"{path}:{n}"
            if not line.strip():
                continue
            if line.startswith('{"schema"') and RECORD_SCHEMA_PREFIX in line[:48]:  # a record as newsloom writes it: parsed and checked in one pass
                try:
                    yield Record.model_validate_json(line)
                    continue
                except ValidationError:
                    pass  # named below, with the same message as any other invalid record
            try:
                item = json.loads(line)
            except ValueError as exc:
                yield InputError(name, f"not JSON ({exc.msg})")
                continue
            if isinstance(item, dict) and str(item.get("schema", "")).startswith(RECORD_SCHEMA_PREFIX):
                try:
                    yield Record.model_validate(item)
                except ValidationError as exc:
                    first = exc.errors()[0]
                    where = ".".join(str(x) for x in first["loc"])
                    yield InputError(name, f"not a valid record ({exc.error_count()} problem(s); {where}: {first['msg']})")
                continue
            if not isinstance(item, dict) or not (item.get("text") or item.get("html")):
                yield InputError(name, "no 'text' or 'html' field")
                continue
            source = item.get("source")
            source = source if isinstance(source, str) and source.strip() else None
            source_is_url = bool(source and source.startswith(("http://", "https://")))
            try:
                html = item.get("html")
                doc = make_document(html or item["text"], name=name,
                                    uri=item.get("url") or (source if source_is_url else None),
                                    content_type="text/html" if html else "text/plain",
                                    published=item.get("published"))
            except InputError as exc:
                yield exc
                continue
            yield dataclasses.replace(doc, meta={**doc.meta, "source": source}) if source else doc
