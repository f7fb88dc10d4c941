"""Ingest sources into the store: each document once (by content hash), each failure kept as an error row."""
from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator

from newsloom.errors import InputError
from newsloom.pipeline import Analyzer
from newsloom.schema import Record
from newsloom.sources.document import Document
from newsloom.sources.files import expand, read
from newsloom.sources.jsonl import read_jsonl
from newsloom.sources.parquet import read_parquet
from newsloom.sources.urls import fetch_urls, read_url_list
from newsloom.sources.warc import read_warc


URL_LIST_SUFFIXES = (".urls",)
WARC_SUFFIXES = (".warc", ".warc.gz")
RECORD_BATCH = 256  # already-analyzed records written per transaction


def documents(sources: list[str], *, url_lists: list[str] = (), fetch: dict | None = None
              ) -> Iterator[Document | Record | InputError]:
    """Every input the sources name: files, directories, JSONL (articles or records), WARC, lists of URLs
    (`*.urls` among the sources, or `url_lists`). A Record is an article analyzed already."""
    for name in [*expand(sources), *url_lists]:
        low = name.lower()
        if low.endswith((".jsonl", ".jsonl.txt")):
            yield from read_jsonl(name)
        elif low.endswith(WARC_SUFFIXES):
            yield from read_warc(name)
        elif low.endswith(".parquet"):
            yield from read_parquet(name)
        elif low.endswith(URL_LIST_SUFFIXES) or name in url_lists:
            try:
                urls = read_url_list(name)
            except InputError as exc:
                yield exc
                continue
            yield from fetch_urls(urls, **(fetch or {}))
        else:
            try:
                yield read(name)
            except InputError as exc:
                yield exc


def ingest(sources: list[str], store, *, analyzer: Analyzer | None = None, progress: bool = False,
           linker=None, url_lists: list[str] = (), fetch: dict | None = None) -> Counter:
    """Counts of new, duplicate and failed documents. With a `linker.Linker`, each new record is also
    linked to its original (near-duplicates), its story and its canonical entities. Records analyzed
    already are stored as they are, many to a transaction; `fetch` holds options of `sources.urls.Fetcher`."""
    counts: Counter = Counter()
    bar = None
    pending: list[Record] = []
    if progress:
        from tqdm import tqdm

        bar = tqdm(unit="doc", file=sys.stderr, desc="ingesting")

    def tick(n: int = 1) -> None:
        if bar is not None:
            bar.update(n)
            bar.set_postfix(new=counts["new"], duplicate=counts["duplicate"], failed=counts["failed"])

    def flush() -> None:
        try:
            added = store.add_many(pending)
        except Exception:  # one bad record: store the others one by one, and name the bad one
            added = []
            for rec in pending:
                try:
                    if store.add(rec):
                        added.append(rec)
                    else:
                        counts["duplicate"] += 1
                except Exception as exc:
                    store.add_error(rec.source.uri or rec.id, f"cannot store the record: {type(exc).__name__}: {exc}")
                    counts["failed"] += 1
        else:
            counts.update(duplicate=len(pending) - len(added))
        counts.update(new=len(added))
        if linker is not None and added:
            try:
                linker.prepare(added)
            except Exception:  # each record is then linked, or its failure named, one by one
                pass
        for rec in added:
            _link(linker, store, rec, rec.source.uri or rec.id)
        tick(len(pending))
        pending.clear()

    for doc in documents(sources, url_lists=list(url_lists), fetch=fetch):
        if isinstance(doc, Record):
            pending.append(doc)
            if len(pending) >= RECORD_BATCH:
                flush()
            continue
        if pending:
            flush()
        if isinstance(doc, InputError):
            store.add_error(doc.name, doc.reason)
            counts["failed"] += 1
        elif store.has(doc.id):
            counts["duplicate"] += 1
        else:
            try:
                analyzer = analyzer or Analyzer()
                rec = _with_provenance(analyzer.analyze_document(doc), doc)
            except Exception as exc:  # one broken document never stops the run
                store.add_error(doc.name, f"analysis failed: {type(exc).__name__}: {exc}")
                counts["failed"] += 1
            else:
                try:
                    added = store.add(rec, source=doc.meta.get("source"))
                except Exception as exc:
                    store.add_error(doc.name, f"cannot store the record: {type(exc).__name__}: {exc}")
                    counts["failed"] += 1
                else:
                    counts["new" if added else "duplicate"] += 1
                    if added:
                        _link(linker, store, rec, doc.name)
        tick()
    if pending:
        flush()
    if bar is not None:
        bar.close()
    return +counts  # without zero counts


def _link(linker, store, rec: Record, name: str) -> None:
    if linker is None:
        return
    try:
        linker.add(rec)
    except Exception as exc:  # the record is kept; only its links are missing
        store.add_error(name, f"linking failed: {type(exc).__name__}: {exc}")


def _with_provenance(rec: Record, doc: Document) -> Record:
    """The record with the capture time a source gave (a WARC record's date, a fetch)."""
    fetched = doc.meta.get("fetched_at")
    if not fetched:
        return rec
    return rec.model_copy(update={"source": rec.source.model_copy(update={"fetched_at": fetched})})
