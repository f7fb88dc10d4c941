"""Ingest sources into the store: each document once (by content hash), each failure kept as an error row."""
from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator

from newsloom.errors import InputError
from newsloom.pipeline import Analyzer
from newsloom.sources.document import Document
from newsloom.sources.files import expand, read
from newsloom.sources.jsonl import read_jsonl


def documents(sources: list[str]) -> Iterator[Document | InputError]:
    for name in expand(sources):
        if name.endswith((".jsonl", ".jsonl.txt")):
            yield from read_jsonl(name)
            continue
        try:
            yield read(name)
        except InputError as exc:
            yield exc


def ingest(sources: list[str], store, *, analyzer: Analyzer | None = None, progress: bool = False,
           linker=None) -> Counter:
    """Counts of new, duplicate and failed documents. With a `linker.Linker`, each new record is also
    linked to its original (near-duplicates), its story and its canonical entities."""
    analyzer = analyzer or Analyzer()
    counts: Counter = Counter()
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(unit="doc", file=sys.stderr, desc="ingesting")
    for doc in documents(sources):
        if isinstance(doc, InputError):
            store.add_error(doc.name, doc.reason)
            counts["failed"] += 1
        elif store.has(doc.id):
            counts["duplicate"] += 1
        else:
            try:
                rec = analyzer.analyze_document(doc)
            except Exception as exc:  # one broken document never stops the run
                store.add_error(doc.name, f"analysis failed: {type(exc).__name__}: {exc}")
                counts["failed"] += 1
            else:
                added = store.add(rec)
                counts["new" if added else "duplicate"] += 1
                if added and linker is not None:
                    try:
                        linker.add(rec)
                    except Exception as exc:  # the record is kept; only its links are missing
                        store.add_error(doc.name, f"linking failed: {type(exc).__name__}: {exc}")
        if bar is not None:
            bar.update(1)
            bar.set_postfix(new=counts["new"], duplicate=counts["duplicate"], failed=counts["failed"])
    if bar is not None:
        bar.close()
    return counts
