"""Throughput of the full analysis against the bare spaCy pass on the same texts, in one run.

    python benchmarks/throughput.py [--pages 40] [--repeat 5] [--data PATH]

Measures, on the seed article and on a fixed sample of the article-extraction
benchmark's HTML pages: articles/s and words/s (one process, one core), the
ratio to running the same spaCy pipeline alone on the same clean texts, the
cost of each stage, and the peak resident memory. Writes benchmarks/results.json.
"""
from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(fn, *args, **kw):
    t = time.perf_counter()
    out = fn(*args, **kw)
    return out, time.perf_counter() - t


def stage_costs(analyzer, doc) -> dict[str, float]:
    """Seconds per stage for one document, calling the analyzer's stages one by one."""
    from newsloom.extract.amounts import extract_amounts
    from newsloom.extract.entity_stage import main_timezone
    from newsloom.extract.events import extract_events
    from newsloom.extract.quotes import extract_quotes
    from newsloom.extract.times import extract_times
    from newsloom.extract.topics import extract_topics
    from newsloom.pipeline import parse_published

    cost = {}
    (cleaned, guess, _, page_date), cost["cleaning + language"] = timed(analyzer.clean, doc)
    published = parse_published(doc.published or page_date)
    (parsed, _), cost["parse + NER (spaCy)"] = timed(analyzer.parse, cleaned.text, guess.code, published)
    if parsed.doc is None:
        return cost
    stage = analyzer.entity_stage(guess.code)
    ents, cost["entities + roles + geo"] = timed(stage, parsed, analyzer.gazetteer)
    tz = main_timezone(ents, len(parsed.text))
    times, cost["times"] = timed(extract_times, parsed, tz_hint=tz)
    _, cost["amounts"] = timed(extract_amounts, parsed, exclude=[(t.start, t.end) for t in times])
    _, cost["quotes"] = timed(extract_quotes, parsed, ents)
    _, cost["events"] = timed(extract_events, parsed, ents, times)
    _, cost["topics"] = timed(extract_topics, parsed)
    return cost


def run_set(analyzer, docs, repeat: int) -> dict:
    texts = []
    for d in docs:
        cleaned, guess, *_ = analyzer.clean(d)
        texts.append((cleaned.text, guess.code))
    texts_fr_en = [(t, lang) for t, lang in texts if analyzer.pipelines.has(lang) and t]
    words = sum(len(t.split()) for t, _ in texts_fr_en)
    full, bare = [], []
    for _ in range(repeat):
        t = time.perf_counter()
        for d in docs:
            analyzer.analyze_document(d)
        full.append(time.perf_counter() - t)
        t = time.perf_counter()
        for text, lang in texts_fr_en:
            analyzer.pipelines.get(lang)(text)
        bare.append(time.perf_counter() - t)
    f, b = statistics.median(full), statistics.median(bare)
    costs: dict[str, float] = {}
    for d in docs:
        for k, v in stage_costs(analyzer, d).items():
            costs[k] = costs.get(k, 0.0) + v
    return {"documents": len(docs), "words": words, "seconds_full": f, "seconds_spacy_alone": b,
            "articles_per_s": len(docs) / f, "words_per_s": words / f, "ratio_full_to_spacy": f / b if b else None,
            "stage_seconds": {k: round(v, 4) for k, v in costs.items()}}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=40)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--data", default=None)
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results.json"))
    args = ap.parse_args(argv)

    from newsloom.evaluate.data import data_dir, read_bytes
    from newsloom.pipeline import Analyzer
    from newsloom.sources.document import make_document

    data = data_dir(args.data)
    analyzer = Analyzer()
    t = time.perf_counter()
    for lang in ("fr", "en"):
        analyzer.pipelines.get(lang)
    analyzer.gazetteer
    load_s = time.perf_counter() - t
    results = {"python": sys.version.split()[0], "load_seconds": round(load_s, 2)}
    seed = data.parent / "seed" / "000_79ca2750fc6c29dd.txt"
    if seed.exists():
        doc = make_document(seed.read_bytes(), name=seed.name, published="2025-08-14")
        results["seed"] = run_set(analyzer, [doc], args.repeat * 4)
    pages = sorted((data / "article-extraction" / "html").glob("*.html.gz"))[: args.pages]
    if pages:
        docs = [make_document(read_bytes(p), name=p.name, content_type="text/html") for p in pages]
        results["html_pages"] = run_set(analyzer, docs, max(1, args.repeat // 2))
    results["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    Path(args.out).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    for name in ("seed", "html_pages"):
        if name in results:
            r = results[name]
            print(f"{name}: {r['documents']} docs, {r['articles_per_s']:.2f} articles/s, {r['words_per_s']:.0f} words/s, "
                  f"{r['ratio_full_to_spacy']:.2f}x the bare spaCy pass; stages: {r['stage_seconds']}")
    print(f"models loaded in {results['load_seconds']} s; peak RSS {results['peak_rss_mb']} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
