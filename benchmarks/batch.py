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
Writes benchmarks/batch.json.
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
    row = {"engine": engine, "workers": workers, "documents": res.records + res.errors,
           "records": res.records, "errors": res.errors, "seconds": round(wall, 2),
           "docs_per_second": round((res.records + res.errors) / wall, 3),
           "worker_processes": len(rss), "peak_rss_mb_per_worker": rss}
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--engines", default="local,ray")
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--batch-size", type=int, default=8)
    ap.add_argument("--data", default=os.environ.get("NEWSLOOM_DATA", str(ROOT.parent / "shared" / "data")))
    ap.add_argument("--json", default=str(ROOT / "benchmarks" / "batch.json"))
    args = ap.parse_args()

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
