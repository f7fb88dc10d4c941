"""Main-text extraction from HTML, scored as the Zyte article-extraction benchmark scores it,
and by the must / must-not snippets of trafilatura's multilingual corpus.

newsloom (trafilatura plus line cleaning) and trafilatura alone run in the same command.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from newsloom.evaluate.data import read_bytes

_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter:
    toks = _TOKEN.findall(text or "")
    return Counter(tuple(toks[i:i + n]) for i in range(max(0, len(toks) - n + 1)))


def doc_scores(truth: str, pred: str) -> tuple[float | None, float | None, bool]:
    """(precision, recall, identical token lists) of one document, the benchmark's way."""
    t, p = shingles(truth), shingles(pred)
    tp = sum((t & p).values())
    fp = sum(p.values()) - tp
    fn = sum(t.values()) - tp
    total = tp + fp + fn
    if total == 0:
        return 1.0, 1.0, True
    tp, fp, fn = tp / total, fp / total, fn / total
    precision = 1.0 if fp == 0 and fn == 0 else (tp / (tp + fp) if tp + fp else None)
    recall = tp / (tp + fn) if tp + fn else None
    return precision, recall, _TOKEN.findall(truth or "") == _TOKEN.findall(pred or "")


def summarize(rows: list[tuple[float | None, float | None, bool]]) -> dict:
    ps = [p for p, _, _ in rows if p is not None]
    rs = [r for _, r, _ in rows if r is not None]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "accuracy": sum(1 for *_, same in rows if same) / len(rows) if rows else 0.0, "n": len(rows)}


def _newsloom_text(html: bytes, analyzer) -> str:
    from newsloom.sources.document import make_document

    doc = make_document(html, content_type="text/html")
    cleaned, *_ = analyzer.clean(doc)
    return cleaned.text


def _trafilatura_text(html: bytes) -> str:
    import trafilatura

    return trafilatura.extract(html) or ""


def evaluate_zyte(data: Path, limit: int | None, analyzer) -> list[dict]:
    folder = data / "article-extraction"
    truth = json.loads((folder / "ground-truth.json").read_text("utf-8"))
    keys = sorted(truth)[:limit] if limit else sorted(truth)
    ours, base = [], []
    for k in keys:
        html = read_bytes(folder / "html" / f"{k}.html.gz")
        gold = truth[k].get("articleBody", "")
        ours.append(doc_scores(gold, _newsloom_text(html, analyzer)))
        base.append(doc_scores(gold, _trafilatura_text(html)))
    o, b = summarize(ours), summarize(base)
    return [{"suite": "extraction", "set": "zyte", "lang": "mostly en", "field": f, "newsloom": o[f],
             "baseline": b[f], "baseline_name": "trafilatura", "n": o["n"]} for f in ("precision", "recall", "f1")]


def snippet_scores(text: str, with_: list[str], without: list[str]) -> tuple[int, int, int, int]:
    norm = " ".join(text.split())
    hit = sum(1 for s in with_ if " ".join(s.split()) in norm)
    leak = sum(1 for s in without if " ".join(s.split()) in norm)
    return hit, len(with_), len(without) - leak, len(without)


def evaluate_multilingual(data: Path, limit: int | None, analyzer) -> list[dict]:
    folder = data / "article-extraction-multilingual"
    gold = json.loads((folder / "evaldata-subset.json").read_text("utf-8"))
    items = sorted(gold.items(), key=lambda kv: kv[1]["file"])[:limit] if limit else sorted(gold.items(), key=lambda kv: kv[1]["file"])
    totals = {"newsloom": [0, 0, 0, 0], "trafilatura": [0, 0, 0, 0]}
    for _, g in items:
        html = read_bytes(folder / g["file"])
        for name, text in (("newsloom", _newsloom_text(html, analyzer)), ("trafilatura", _trafilatura_text(html))):
            for i, v in enumerate(snippet_scores(text, g.get("with", []), g.get("without", []))):
                totals[name][i] += v
    rows = []
    for field, (a, b) in (("must-have kept", (0, 1)), ("must-not removed", (2, 3))):
        o, t = totals["newsloom"], totals["trafilatura"]
        rows.append({"suite": "extraction", "set": "trafilatura-multilingual", "lang": "10 langs", "field": field,
                     "newsloom": o[a] / o[b] if o[b] else 0.0, "baseline": t[a] / t[b] if t[b] else 0.0,
                     "baseline_name": "trafilatura", "n": len(items)})
    return rows
