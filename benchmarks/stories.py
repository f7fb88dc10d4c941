"""Cost of incremental story clustering as the corpus grows.

    python benchmarks/stories.py [--sizes 1000 10000 100000]

Synthetic articles arrive as from a feed (a constant number a day, events lasting a few days, each
with its own vector direction and names, plus names common to many events): the CPU time to cluster
n of them is measured for each size, with its ratio to n log n, so growth no worse than n log n shows
as a flat or falling ratio. Accuracy on real articles is measured by `newsloom evaluate stories`
(ECB+). Writes benchmarks/stories.json.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsloom.stories import VECTOR_DIM, Article, StoryIndex, pairwise_f1  # noqa: E402


def synthetic(n: int, *, per_day: int = 300, seed: int = 1) -> tuple[list[Article], dict[str, str]]:
    """n articles about n/5 events (sizes 1 to 9), in arrival order, with the event of each."""
    rng = np.random.default_rng(seed)
    days = max(1, n // per_day)
    common = [f"common{i}" for i in range(30)]  # names many events share (countries, capitals)
    articles, truth = [], {}
    event = 0
    while len(articles) < n:
        size = int(rng.integers(1, 10))
        center = rng.standard_normal(VECTOR_DIM).astype(np.float32)
        center /= np.linalg.norm(center)
        names = [f"e{event}n{i}" for i in range(3)]
        start = 730000 + int(rng.integers(0, days))
        for _ in range(size):
            v = center + rng.standard_normal(VECTOR_DIM).astype(np.float32) * 0.03  # cosine ~0.7 between two
            keys = {n for n in names if rng.random() < 0.7} | {common[int(i)] for i in rng.zipf(1.6, 2) % 30}
            aid = f"a{len(articles)}"
            articles.append(Article(id=aid, day=start + int(rng.integers(0, 3)), language="xx", title=aid,
                                    vector=v / np.linalg.norm(v), keys=frozenset(keys)))
            truth[aid] = f"e{event}"
        event += 1
    articles = articles[:n]
    articles.sort(key=lambda a: (a.day, a.id))  # a feed delivers them by date
    return articles, {a.id: truth[a.id] for a in articles}


def run_synthetic(sizes: list[int]) -> list[dict]:
    rows = []
    for n in sizes:
        articles, truth = synthetic(n)
        index = StoryIndex()
        t = time.process_time()  # CPU time of this process: other work on the machine does not count
        predicted = {a.id: index.add(a).story_id for a in articles}
        seconds = time.process_time() - t
        f1 = pairwise_f1(predicted, truth)["f1"]
        rows.append({"articles": n, "cpu_seconds": round(seconds, 2), "us_per_article": round(seconds / n * 1e6, 1),
                     "us_per_n_log_n": round(seconds / (n * math.log2(n)) * 1e6, 2), "stories": len(index.stories),
                     "pairwise_f1": round(f1, 3)})
        print(json.dumps(rows[-1]), flush=True)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    args = ap.parse_args()
    results = {"synthetic": run_synthetic(args.sizes)}
    (ROOT / "benchmarks" / "stories.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
