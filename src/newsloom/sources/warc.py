"""WARC and WARC.gz archives (as crawlers write them): each HTML response record is one document,
with the record's target URI and capture date."""
from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

from newsloom.errors import InputError
from newsloom.sources.decode import MAX_BYTES
from newsloom.sources.document import Document, make_document

_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


def read_warc(path: str | Path) -> Iterator[Document | InputError]:
    """The HTML (and plain-text) responses of a WARC file, gzipped or not, as Documents; a broken or
    unreadable record becomes an InputError naming the file, the record's offset and URI. Requests,
    metadata, redirects and non-text responses (images, scripts) are skipped: they are not articles."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    path = str(path)
    try:
        fh = open(path, "rb")
    except OSError as exc:
        yield InputError(path, f"cannot read: {exc.strerror or exc}")
        return
    with fh:
        problem = _not_warc(fh)
        if problem:
            yield InputError(path, problem)
            return
        records = ArchiveIterator(fh)
        while True:
            try:
                record = next(records)
            except StopIteration:
                return
            except (ArchiveLoadFailed, ValueError, OSError, EOFError) as exc:
                yield InputError(path, f"not a readable WARC archive: {exc}")
                return
            if record.rec_type != "response":
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI")
            http = record.http_headers
            status = http.get_statuscode() if http else None
            ctype = (http.get_header("Content-Type") if http else None) or ""
            if status and not status.startswith("2"):
                continue
            if ctype and ctype.lower().split(";")[0].strip() not in _TEXT_TYPES:
                continue
            try:
                data = record.content_stream().read(MAX_BYTES + 1)
                problem = None
            except Exception as exc:  # a truncated or badly compressed payload is this record's failure only
                data, problem = b"", f"cannot read the WARC record: {type(exc).__name__}: {exc}"
            # the offset is known once the record is read (asking for it earlier consumes the payload)
            name = f"{path}@{records.get_record_offset()}" + (f" ({uri})" if uri else "")
            if problem:
                yield InputError(name, problem)
                continue
            if len(data) > MAX_BYTES:
                yield InputError(name, f"too large (the limit is {MAX_BYTES // (1024 * 1024)} MiB)")
                continue
            try:
                doc = make_document(data, name=name, uri=uri, content_type=ctype or None)
            except InputError as exc:
                yield exc
                continue
            date = record.rec_headers.get_header("WARC-Date")
            yield dataclasses.replace(doc, meta={**doc.meta, "fetched_at": date} if date else doc.meta)


def _not_warc(fh) -> str | None:
    """Why a file is not a WARC archive (None when it starts like one); the file is rewound."""
    import gzip
    import zlib

    head = fh.read(2)
    fh.seek(0)
    try:
        if head == b"\x1f\x8b":
            with gzip.GzipFile(fileobj=fh) as gz:
                head = gz.read(5)
        else:
            head = fh.read(5)
    except (OSError, EOFError, zlib.error) as exc:
        return f"not a readable WARC archive (bad gzip data: {exc})"
    finally:
        fh.seek(0)
    if head != b"WARC/":
        return "not a WARC archive (it does not start with 'WARC/')"
    return None
