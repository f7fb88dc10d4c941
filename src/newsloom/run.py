"""Analyze many inputs: each failure is reported with its input's name, the rest go on."""
from __future__ import annotations

import sys

from newsloom.errors import InputError
from newsloom.pipeline import Analyzer
from newsloom.schema import Record
from newsloom.sources.files import expand, read


def analyze_paths(paths: list[str], *, published: str | None = None, progress: bool = False,
                  analyzer: Analyzer | None = None) -> tuple[list[tuple[str, Record]], list[tuple[str, str]]]:
    """Records for every readable input and (name, reason) for every other one."""
    analyzer = analyzer or Analyzer()
    names = list(expand(paths))
    bar = None
    if progress and len(names) > 1:
        from tqdm import tqdm

        bar = tqdm(total=len(names), unit="doc", file=sys.stderr, desc="analyzing")
    results: list[tuple[str, Record]] = []
    failures: list[tuple[str, str]] = []
    for name in names:
        try:
            doc = read(name, published=published)
            results.append((name, analyzer.analyze_document(doc)))
        except InputError as exc:
            failures.append((exc.name, exc.reason))
        except Exception as exc:  # one broken input never stops the batch
            failures.append((name, f"analysis failed: {type(exc).__name__}: {exc}"))
        if bar:
            bar.update(1)
    if bar:
        bar.close()
    return results, failures
