"""The evaluation suites: name -> function(data_dir, limit, analyzer) -> rows; and their table."""
from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from newsloom.evaluate.data import data_dir


def _times(data: Path, limit: int | None, analyzer) -> list[dict]:
    from newsloom.evaluate.times import evaluate_times

    rows = []
    for lang, folder, anchor in (("fr", "fr-timebank", {"strict_f1": 0.8599, "value_f1": 0.7363}),
                                 ("en", "te3-platinum", {"strict_f1": 0.8134, "value_f1": 0.7761})):
        if not (data / "times" / folder).is_dir():
            continue
        res = evaluate_times(data / "times", lang, limit, pipelines=analyzer.pipelines)
        for field, value, anchor_value in (("strict F1", res["strict"]["f1"], anchor["strict_f1"]),
                                           ("relaxed F1", res["relaxed"]["f1"], None),
                                           ("value F1", res["value"]["f1"], anchor["value_f1"])):
            rows.append({"suite": "times", "set": folder, "lang": lang, "field": field, "newsloom": value,
                         "baseline": anchor_value, "baseline_name": "HeidelTime (published)",
                         "n": res["documents"]})
    return rows


def _extraction(data: Path, limit: int | None, analyzer) -> list[dict]:
    from newsloom.evaluate.extraction import evaluate_multilingual, evaluate_zyte

    rows = []
    if (data / "article-extraction").is_dir():
        rows += evaluate_zyte(data, limit, analyzer)
    if (data / "article-extraction-multilingual").is_dir():
        rows += evaluate_multilingual(data, limit, analyzer)
    return rows


def _ner(data: Path, limit: int | None, analyzer) -> list[dict]:
    from newsloom.evaluate.ner import evaluate_ner

    return evaluate_ner(data, limit or 300, analyzer)


def _events(data: Path, limit: int | None, analyzer) -> list[dict]:
    from newsloom.evaluate.events import evaluate_events

    return evaluate_events(data, limit, analyzer)


def _stories(data: Path, limit: int | None, analyzer) -> list[dict]:
    from newsloom.evaluate.stories import evaluate_stories

    return evaluate_stories(data, limit, analyzer)


SUITES: dict[str, tuple[str, Callable]] = {
    "extraction": ("article-extraction", _extraction),
    "ner": ("ner", _ner),
    "times": ("times", _times),
    "events": ("events", _events),
    "stories": ("stories", _stories),
}


def run(suite: str, *, limit: int | None = None, data: str | None = None, analyzer=None) -> list[dict]:
    """Rows of one suite or of `all`; a suite whose data is absent is one 'skipped' row."""
    from newsloom.pipeline import Analyzer

    root = data_dir(data)
    analyzer = analyzer or Analyzer()
    names = list(SUITES) if suite == "all" else [suite]
    rows: list[dict] = []
    for name in names:
        if name not in SUITES:
            raise ValueError(f"unknown suite {name!r}; choose from: all, {', '.join(SUITES)}")
        folder, fn = SUITES[name]
        if not (root / folder).exists():
            rows.append({"suite": name, "set": "-", "lang": "-", "field": "skipped", "newsloom": None,
                         "baseline": None, "n": 0, "note": f"no data at {root / folder}"})
            continue
        rows.extend(fn(root, limit, analyzer))
    return rows


def _fmt(x) -> str:
    return "-" if x is None else f"{x:.3f}" if isinstance(x, float) else str(x)


def table(rows: list[dict]) -> str:
    head = ["suite", "set", "lang", "field", "newsloom", "baseline", "n", "note"]
    body = [[_fmt(r.get(h)) if h not in ("baseline",) else
             (_fmt(r.get("baseline")) + (f" ({r['baseline_name']})" if r.get("baseline") is not None and r.get("baseline_name") else ""))
             for h in head] for r in rows]
    body = [[c if c != "None" else "" for c in row] for row in body]
    widths = [max(len(h), *(len(b[i]) for b in body)) if body else len(h) for i, h in enumerate(head)]
    lines = [" | ".join(h.ljust(w) for h, w in zip(head, widths)), "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(c.ljust(w) for c, w in zip(b, widths)) for b in body]
    return "\n".join(lines)


def markdown(rows: list[dict]) -> str:
    out = ["| suite | set | lang | field | newsloom | baseline | n |", "|---|---|---|---|---|---|---|"]
    for r in rows:
        base = _fmt(r.get("baseline")) + (f" ({r['baseline_name']})" if r.get("baseline") is not None and r.get("baseline_name") else "")
        val = _fmt(r.get("newsloom")) if r.get("newsloom") is not None else (r.get("note") or "-")
        out.append(f"| {r['suite']} | {r['set']} | {r['lang']} | {r['field']} | {val} | {base} | {r.get('n', '')} |")
    return "\n".join(out)


def as_json(rows: list[dict]) -> str:
    return json.dumps(rows, indent=2, ensure_ascii=False)
