"""Store speed: ingest of already-analyzed records and search latency over a large store, in one run.

    python benchmarks/store.py [--ingest 20000] [--records 100000] [--queries 300] [--postgresql URL]

1. Ingest: a JSONL file of `--ingest` analyzed records (as `newsloom analyze --format jsonl` prints them)
   through `newsloom.ingest.ingest` into a new SQLite file: reading, validating and storing, no analysis.
   Target: at least 2,000 records/s.
2. Search: a store of `--records` records, then `--queries` searches mixing full text, people (any
   script), places, event types, languages and date ranges; p50 / p95 / max latency. Target: p95 under
   50 ms.

With --postgresql URL (an empty database) the same is measured on PostgreSQL too. Records are made up
(`tests/synthetic.py`: ten people, ten places, six event types, five languages, a year of dates, a unique
word per record). Prints a table and writes benchmarks/store.json.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from synthetic import LANGS, PEOPLE, PLACES, EVENTS, TOPICS, make_record  # noqa: E402

from newsloom.ingest import ingest  # noqa: E402
from newsloom.schema import Record  # noqa: E402
from newsloom.store import open_store  # noqa: E402


def record_lines(n: int, templates: int = 2000) -> list[str]:
    """n records as JSONL lines: `templates` made-up records, copied with a new id, date and final word."""
    base = [make_record(i).to_dict() for i in range(min(n, templates))]
    rng = random.Random(7)
    lines = []
    for i in range(n):
        d = dict(base[i % len(base)])
        d["id"] = f"bench{i:08d}"
        d["text"] = d["text"] + f" Ref w{i}."
        d["published"] = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        lines.append(json.dumps(d, ensure_ascii=False))
    return lines


def bench_ingest(url: str, lines: list[str], tmp: Path) -> dict:
    path = tmp / "records.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = open_store(url)
    t, c = time.perf_counter(), time.process_time()
    counts = ingest([str(path)], store)
    seconds, cpu = time.perf_counter() - t, time.process_time() - c
    assert counts == {"new": len(lines)}, counts
    store.close()
    return {"records": len(lines), "seconds": round(seconds, 2), "records_per_s": round(len(lines) / seconds),
            "records_per_cpu_s": round(len(lines) / cpu)}


def fill(url: str, lines: list[str]) -> float:
    store = open_store(url)
    t = time.perf_counter()
    for i in range(0, len(lines), 1000):
        store.add_many([Record.model_validate_json(x) for x in lines[i:i + 1000]])
    seconds = time.perf_counter() - t
    store.close()
    return seconds


def queries(n: int) -> list[dict]:
    rng = random.Random(11)
    words = TOPICS + ["Monday", "hours", "talked", "sanctioned", "agreed"]
    out = []
    for i in range(n):
        kind = i % 8
        q: dict = {}
        if kind == 0:
            q["query"] = rng.choice(words)
        elif kind == 1:
            q["query"] = f"{rng.choice(words)} {rng.choice(words)}"
        elif kind == 2:
            q["query"] = f"w{rng.randrange(1000000)}"  # a rare word: one record or none
        elif kind == 3:
            q["person"] = rng.choice(PEOPLE + ["Путин", "Poutine", "Макрон"])
        elif kind == 4:
            q["place"] = rng.choice(PLACES)[0]
        elif kind == 5:
            q.update(event=rng.choice(EVENTS)[0], language=rng.choice(LANGS))
        elif kind == 6:
            m = rng.randint(1, 11)
            q.update(since=f"2025-{m:02d}-01", until=f"2025-{m + 1:02d}-01")
        else:
            q.update(query=rng.choice(words), person=rng.choice(PEOPLE), since="2025-06-01")
        out.append(q)
    return out


def bench_search(url: str, qs: list[dict]) -> dict:
    store = open_store(url)
    for q in qs[:20]:  # warm the caches
        store.search(**q)
    times, cpu, hits = [], [], 0
    for q in qs:
        t, c = time.perf_counter(), time.process_time()
        hits += len(store.search(**q))
        times.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    records = store.count()
    store.close()
    times.sort()
    cpu.sort()
    p95 = int(0.95 * (len(times) - 1))
    return {"records": records, "queries": len(qs), "p50_ms": round(statistics.median(times), 2),
            "p95_ms": round(times[p95], 2), "max_ms": round(times[-1], 2), "p95_cpu_ms": round(cpu[p95], 2),
            "mean_hits": round(hits / len(qs), 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ingest", type=int, default=20000)
    ap.add_argument("--records", type=int, default=100000)
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--postgresql", default=None, help="an empty PostgreSQL database to measure too")
    args = ap.parse_args()

    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        lines = record_lines(max(args.ingest, args.records))
        backends = [("sqlite", str(tmp / "ingest.db"), str(tmp / "search.db"))]
        if args.postgresql:
            backends.append(("postgresql", args.postgresql, args.postgresql))
        for name, ingest_url, search_url in backends:
            r = {"ingest": bench_ingest(ingest_url, lines[:args.ingest], tmp)}
            if name == "postgresql":  # one database: search over the records ingested, plus the rest
                rest = lines[args.ingest:args.records]
            else:
                rest = lines[:args.records]
            r["fill_seconds"] = round(fill(search_url, rest), 1)
            r["search"] = bench_search(search_url, queries(args.queries))
            results[name] = r

    load = os.getloadavg()[0]
    print(f"{'backend':11} {'ingest rec/s':>12} {'rec/cpu-s':>10} {'search over':>11} {'p50 ms':>7} {'p95 ms':>7} "
          f"{'max ms':>7} {'p95 cpu ms':>10}")
    for name, r in results.items():
        s = r["search"]
        print(f"{name:11} {r['ingest']['records_per_s']:>12} {r['ingest']['records_per_cpu_s']:>10} "
              f"{s['records']:>11} {s['p50_ms']:>7} {s['p95_ms']:>7} {s['max_ms']:>7} {s['p95_cpu_ms']:>10}")
    print(f"load average {load:.1f} on {os.cpu_count()} cores (wall-clock figures grow with it; CPU figures do not "
          "count time spent waiting for a core)")
    results["load_average"] = load
    print("targets: ingest >= 2000 records/s (SQLite), search p95 < 50 ms over 100,000 records")
    (ROOT / "benchmarks" / "store.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
