"""Cost of incremental story clustering as the corpus grows, and its pairwise F1 on ECB+.

    python benchmarks/stories.py [--sizes 1000 10000 100000] [--ecbplus] [--data PATH]

Synthetic articles arrive as from a feed (a constant number a day, events lasting a few days, each
with its own vector direction and names, plus names common to many events): the time to cluster n
of them is measured for each size, with its ratio to n log n, so growth no worse than n log n shows
as a flat or falling ratio. With --ecbplus, the ECB+ documents (English, 43 topics with two events
each; undated, so no time window helps) are clustered from their first sentences and scored by
pairwise F1 against the gold story ids. Writes benchmarks/stories.json.
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
            v = center + rng.standard_normal(VECTOR_DIM).astype(np.float32) * 0.045
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
        t = time.perf_counter()
        predicted = {a.id: index.add(a).story_id for a in articles}
        seconds = time.perf_counter() - t
        f1 = pairwise_f1(predicted, truth)["f1"]
        rows.append({"articles": n, "seconds": round(seconds, 2), "us_per_article": round(seconds / n * 1e6, 1),
                     "us_per_n_log_n": round(seconds / (n * math.log2(n)) * 1e6, 2), "stories": len(index.stories),
                     "pairwise_f1": round(f1, 3)})
        print(json.dumps(rows[-1]), flush=True)
    return rows


def run_ecbplus(data: Path) -> dict:
    from newsloom.stories import SentenceEncoder

    path = data / "stories" / "ecbplus" / "ecbplus-docs.jsonl"
    docs = [json.loads(line) for line in path.open(encoding="utf-8")]
    leads = [" ".join(" ".join(d["sentences_tokenized"][:3]).split()[:60]) for d in docs]
    vectors = SentenceEncoder()(leads)
    index = StoryIndex()
    predicted = {}
    for d, v in zip(docs, vectors):
        predicted[d["doc_name"]] = index.add(Article(id=d["doc_name"], day=None, language="en", title="", vector=v)).story_id
    gold = {d["doc_name"]: d["cluster_id"] for d in docs}
    scores = pairwise_f1(predicted, gold)
    # the hard part: pairs inside one topic (two events of the same kind)
    within = {k: v for k, v in scores.items()}
    topic_pairs = tp = pred_pairs = 0
    by_topic: dict[int, list[dict]] = {}
    for d in docs:
        by_topic.setdefault(d["topic"], []).append(d)
    for group in by_topic.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                same_gold = a["cluster_id"] == b["cluster_id"]
                same_pred = predicted[a["doc_name"]] == predicted[b["doc_name"]]
                topic_pairs += same_gold
                pred_pairs += same_pred
                tp += same_gold and same_pred
    p, r = (tp / pred_pairs if pred_pairs else 1.0), (tp / topic_pairs if topic_pairs else 1.0)
    within = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}
    out = {"documents": len(docs), "stories": len(index.stories),
           "all_pairs": {k: round(v, 3) for k, v in scores.items()}, "within_topic_pairs": within}
    print(json.dumps(out), flush=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument("--ecbplus", action="store_true", help="also score pairwise F1 on ECB+")
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    args = ap.parse_args()
    results = {"synthetic": run_synthetic(args.sizes)}
    if args.ecbplus:
        results["ecbplus"] = run_ecbplus(Path(args.data))
    (ROOT / "benchmarks" / "stories.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
