"""Batch throughput: the local process pool and the Ray engine, with 1 and 2 workers, in one run.

    python benchmarks/batch.py [--n 2000] [--engines local,ray] [--workers 1,2] [--data PATH] [--json PATH]

`--engines local,ray,spark` adds Apache Spark (pyspark installed by hand, a JVM),
measured only to compare the engines: newsloom ships the Ray engine.

The corpus is assembled from the article-extraction benchmark's HTML pages
(../shared/data/article-extraction/html) and the project's test articles,
cycled to `--n` documents: each copy differs (an HTML comment, trailing
blank lines) so every document has its own id, and copies get different
publication dates so the output has many partitions. Each configuration
analyzes the whole corpus into a fresh output directory; documents/s counts
everything from the first document read to the last part file written,
engine start and pipeline loading included. Figures: documents/s, the
2-worker / 1-worker ratio per engine, the engine's overhead over the local
pool at equal workers, and the peak resident memory of each worker process.
Writes benchmarks/batch.json; `--readme` then renders the figures into the
README's "At scale" section (between the scale markers) from the stored JSON
(benchmarks/batch.json, and benchmarks/batch_engines.json for the engine
comparison), so no figure is typed by hand.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "batch.json"
ENGINES = ROOT / "benchmarks" / "batch_engines.json"
README = ROOT / "README.md"
START, END = "<!-- scale:start -->", "<!-- scale:end -->"


def source_articles(data: Path) -> list[dict]:
    """The distinct articles: HTML pages of the extraction benchmark and the project's text fixtures."""
    items = []
    for p in sorted((data / "article-extraction" / "html").glob("*.html.gz")):
        items.append({"html": gzip.decompress(p.read_bytes()).decode("utf-8", "replace"),
                      "url": f"https://example.org/pages/{p.name[:16]}"})
    for folder in (ROOT / "tests" / "articles", ROOT / "tests" / "corpus"):
        for p in sorted(folder.glob("*.txt")):
            items.append({"text": p.read_text("utf-8"), "url": f"https://example.org/fixtures/{p.stem}"})
    if not items:
        sys.exit(f"no articles found under {data} or tests/")
    return items


def write_corpus(items: list[dict], n: int, folder: Path, shards: int = 8) -> None:
    """`n` distinct documents as JSONL shards."""
    day0 = dt.date(2025, 8, 1)
    files = [open(folder / f"shard-{i:02d}.jsonl", "w", encoding="utf-8") for i in range(shards)]
    try:
        for i in range(n):
            copy, k = divmod(i, len(items))
            row = dict(items[k])
            if "html" in row:
                row["html"] = row["html"] + f"\n<!-- copy {copy} -->\n"
            else:
                row["text"] = row["text"] + "\n" * (copy + 1)
            row["url"] = f"{row['url']}?copy={copy}"
            row["published"] = (day0 + dt.timedelta(days=copy % 14)).isoformat()
            files[i % shards].write(json.dumps(row, ensure_ascii=False) + "\n")
    finally:
        for f in files:
            f.close()


def spark_engine(batches, workers: int):
    """Apache Spark for comparison only (pip install pyspark; needs a JVM): the same `analyze_batch`
    over mapPartitions, one partition a batch, Python workers reused so each loads the pipelines once."""
    from pyspark.sql import SparkSession

    from newsloom.batch import analyze_batch

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # the workers import newsloom from this environment
    spark = (SparkSession.builder.master(f"local[{workers}]").appName("newsloom-batch")
             .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
             .config("spark.driver.bindAddress", "127.0.0.1").config("spark.python.worker.reuse", "true")
             .getOrCreate())
    try:
        batches = list(batches)
        rows = [r for b in batches for r in b]
        rdd = spark.sparkContext.parallelize(rows, max(workers, len(batches)))
        yield from rdd.mapPartitions(lambda it: [analyze_batch(list(it))]).collect()
    finally:
        spark.stop()


def measure(engine: str, workers: int, corpus: Path, scratch: Path, batch_size: int) -> dict:
    from newsloom.batch import run_batch

    out = scratch / f"out-{engine}-{workers}"
    shutil.rmtree(out, ignore_errors=True)
    t = time.perf_counter()
    res = run_batch([str(corpus)], out, engine=spark_engine if engine == "spark" else engine, workers=workers,
                    batch_size=batch_size)
    wall = time.perf_counter() - t
    shutil.rmtree(out, ignore_errors=True)
    rss = sorted(res.workers_peak_rss_mb.values())
    busy = sum(res.workers_busy_s.values())
    row = {"engine": engine, "workers": workers, "documents": res.records + res.errors,
           "records": res.records, "errors": res.errors, "seconds": round(wall, 2),
           "docs_per_second": round((res.records + res.errors) / wall, 3),
           "worker_processes": len(rss), "peak_rss_mb_per_worker": rss,
           # the workers' share of the run spent analyzing (the rest: engine start, model loading, waiting)
           "busy_share": round(busy / (wall * workers), 3),
           "analysis_seconds_per_document": round(busy / max(1, res.records + res.errors), 3)}
    print(json.dumps(row), file=sys.stderr, flush=True)
    return row


def summarize(rows: list[dict]) -> dict:
    rate = {(r["engine"], r["workers"]): r["docs_per_second"] for r in rows}
    out: dict = {"scaling_2_over_1": {}, "engine_overhead_vs_local": {}}
    for engine in {e for e, _ in rate}:
        if (engine, 1) in rate and (engine, 2) in rate:
            out["scaling_2_over_1"][engine] = round(rate[(engine, 2)] / rate[(engine, 1)], 3)
    for (engine, w), r in rate.items():
        if engine != "local" and ("local", w) in rate:
            # fraction of the local pool's throughput lost by going through the engine
            out["engine_overhead_vs_local"][f"{engine}@{w}"] = round(1 - r / rate[("local", w)], 3)
    return out


def _runs_table(res: dict) -> list[str]:
    out = ["| engine | workers | documents | documents/s | seconds | peak RSS per worker (MB) | workers busy "
           "| analysis s/document |", "|---|---|---|---|---|---|---|---|"]
    for r in res["runs"]:
        rss = ", ".join(f"{x:.0f}" for x in r["peak_rss_mb_per_worker"])
        busy = f"{r['busy_share']:.0%}" if "busy_share" in r else "-"
        per_doc = f"{r['analysis_seconds_per_document']:.3f}" if "analysis_seconds_per_document" in r else "-"
        out.append(f"| {r['engine']} | {r['workers']} | {r['documents']} | {r['docs_per_second']:.2f} | "
                   f"{r['seconds']:.0f} | {rss} | {busy} | {per_doc} |")
    return out


def render(res: dict, engines: dict | None) -> str:
    """The figures block of the README, from the stored results."""
    load = ", ".join(f"{x:.1f}" for x in res["machine"]["load_average_at_end"])
    out = [START, "",
           f"`python benchmarks/batch.py --n {res['documents']}` ({res['documents']} documents from "
           f"{res['distinct_articles']} distinct articles, batches of {res['batch_size']}, "
           f"{res['machine']['cpus']} CPUs, load average at the end {load}; engine start and model "
           "loading included):", "", *_runs_table(res), ""]
    scale = ", ".join(f"{e} {v:.2f}x" for e, v in sorted(res["scaling_2_over_1"].items()))
    over = ", ".join(f"{k} {1 - v:.2f}x" for k, v in sorted(res["engine_overhead_vs_local"].items()))
    out.append(f"Two workers over one: {scale or '-'}. The engine's documents/s against the local pool's "
               f"at equal workers: {over or '-'}.")
    if engines:
        load = ", ".join(f"{x:.1f}" for x in engines["machine"]["load_average_at_end"])
        out += ["", f"Engine comparison, same command with `--engines spark,ray --workers 2 --n "
                    f"{engines['documents']}` (load average at the end {load}):", "", *_runs_table(engines)]
    out += ["", END]
    return "\n".join(out)


def update_readme() -> None:
    res = json.loads(RESULTS.read_text("utf-8"))
    engines = json.loads(ENGINES.read_text("utf-8")) if ENGINES.exists() else None
    text = README.read_text("utf-8")
    a, b = text.index(START), text.index(END) + len(END)
    README.write_text(text[:a] + render(res, engines) + text[b:], "utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--engines", default="local,ray")
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--batch-size", type=int, default=8)
    ap.add_argument("--data", default=os.environ.get("NEWSLOOM_DATA", str(ROOT.parent / "shared" / "data")))
    ap.add_argument("--json", default=str(RESULTS))
    ap.add_argument("--readme", action="store_true", help="Only render the stored figures into README.md.")
    args = ap.parse_args()
    if args.readme:
        update_readme()
        return

    items = source_articles(Path(args.data))
    with tempfile.TemporaryDirectory(prefix="newsloom-batch-") as tmp:
        scratch = Path(tmp)
        corpus = scratch / "corpus"
        corpus.mkdir()
        write_corpus(items, args.n, corpus)
        rows = [measure(e, int(w), corpus, scratch, args.batch_size)
                for e in args.engines.split(",") for w in args.workers.split(",")]
    result = {
        "documents": args.n, "distinct_articles": len(items), "batch_size": args.batch_size,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "load_average_at_end": [round(x, 2) for x in os.getloadavg()]},
        "runs": rows, **summarize(rows),
    }
    Path(args.json).write_text(json.dumps(result, indent=2) + "\n", "utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
