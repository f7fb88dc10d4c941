"""Reading inputs from paths: files, directories (recursive) and '-' for stdin."""
from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from newsloom.errors import InputError
from newsloom.sources.decode import MAX_BYTES
from newsloom.sources.document import Document, make_document

SKIP_SUFFIXES = {".pyc", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".pdf", ".zip", ".gz", ".db"}
KEEP_SUFFIXES = (".warc.gz",)  # compressed, but a source


def expand(paths: list[str]) -> Iterator[str]:
    """Every input a list of paths names: files as given, directories walked in sorted order."""
    for p in paths:
        if p == "-":
            yield p
            continue
        path = Path(p)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not child.name.startswith(".") and (
                        child.suffix.lower() not in SKIP_SUFFIXES or child.name.lower().endswith(KEEP_SUFFIXES)):
                    yield str(child)
        else:
            yield p


def read(p: str, *, published: str | None = None) -> Document:
    """One path (or '-') as a Document; InputError names the path and the reason."""
    if p == "-":
        data = sys.stdin.buffer.read()
        return make_document(data, name="<stdin>", published=published)
    path = Path(p)
    if not path.exists():
        raise InputError(p, "no such file")
    if not path.is_file():
        raise InputError(p, "not a regular file")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(p, f"too large ({size // (1024 * 1024)} MiB; the limit is {MAX_BYTES // (1024 * 1024)} MiB)")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(p, f"cannot read: {exc.strerror or exc}") from exc
    ctype = "text/html" if path.suffix.lower() in (".html", ".htm", ".xhtml") else None
    return make_document(data, name=p, uri=path.resolve().as_uri(), content_type=ctype, published=published)
