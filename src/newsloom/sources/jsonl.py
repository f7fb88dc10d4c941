"""JSONL sources: one article a line, with `text` or `html`, and optionally `url`, `published`, `source`."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from newsloom.errors import InputError
from newsloom.sources.document import Document, make_document


def read_jsonl(path: str | Path) -> Iterator[Document | InputError]:
    """Each line as a Document, or as the InputError that names the line and its reason."""
    with open(path, encoding="utf-8", errors="replace") as fh:
        for n, line in enumerate(fh, start=1):
            name = f"{path}:{n}"
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except ValueError as exc:
                yield InputError(name, f"not JSON ({exc.msg})")
                continue
            if not isinstance(item, dict) or not (item.get("text") or item.get("html")):
                yield InputError(name, "no 'text' or 'html' field")
                continue
            try:
                html = item.get("html")
                yield make_document(html or item["text"], name=name, uri=item.get("url") or item.get("source"),
                                    content_type="text/html" if html else "text/plain",
                                    published=item.get("published"))
            except InputError as exc:
                yield exc
