"""Story clustering scored on ECB+ (`stories/ecbplus`): English news, 43 topics each holding two
different events of the same kind, so a clusterer must separate same-kind-but-different events.

The documents carry no dates, so no time window helps: stories come from the sentence vectors of
the opening sentences and the names and places the analysis finds. Scored by pairwise precision,
recall and F1 over all pairs and over the pairs inside one topic (the hard ones); the baseline is
the same clustering from the vectors alone.
"""
from __future__ import annotations

import json
from pathlib import Path

from newsloom.stories import Article, SentenceEncoder, StoryIndex, entity_keys, pairwise_f1


def ecbplus_docs(data: Path, limit: int | None = None) -> list[dict]:
    path = data / "stories" / "ecbplus" / "ecbplus-docs.jsonl"
    with path.open(encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh if line.strip()]
    return docs[:limit] if limit else docs


def cluster(docs: list[dict], vectors, keys: list[tuple[frozenset, frozenset]]) -> dict[str, str]:
    """Document name -> story id, the documents arriving in file order."""
    index = StoryIndex()
    out = {}
    for d, v, (names, places) in zip(docs, vectors, keys):
        art = Article(id=d["doc_name"], day=None, language="en", title="", vector=v, keys=names, places=places)
        out[d["doc_name"]] = index.add(art).story_id
    return out


def within_topic(docs: list[dict], predicted: dict[str, str]) -> dict[str, float]:
    """Pairwise scores over the pairs of documents that share a topic."""
    by_topic: dict[int, list[dict]] = {}
    for d in docs:
        by_topic.setdefault(d["topic"], []).append(d)
    gold_pairs = pred_pairs = both = 0
    for group in by_topic.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                same_gold = a["cluster_id"] == b["cluster_id"]
                same_pred = predicted[a["doc_name"]] == predicted[b["doc_name"]]
                gold_pairs += same_gold
                pred_pairs += same_pred
                both += same_gold and same_pred
    p = both / pred_pairs if pred_pairs else 1.0
    r = both / gold_pairs if gold_pairs else 1.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "pairs": gold_pairs}


def evaluate_stories(data: Path, limit: int | None, analyzer) -> list[dict]:
    from newsloom.pipeline import analyze

    docs = ecbplus_docs(data, limit)
    leads = [" ".join(" ".join(d["sentences_tokenized"][:3]).split()[:60]) for d in docs]
    vectors = SentenceEncoder()(leads)
    keys = [entity_keys(analyze("\n\n".join(d["sentences_tokenized"]), analyzer=analyzer)) for d in docs]
    gold = {d["doc_name"]: d["cluster_id"] for d in docs}
    full = cluster(docs, vectors, keys)
    bare = cluster(docs, vectors, [(frozenset(), frozenset())] * len(docs))
    rows = []
    for pairs, score in (("all pairs", pairwise_f1), ("pairs within a topic", None)):
        ours = score(full, gold) if score else within_topic(docs, full)
        base = score(bare, gold) if score else within_topic(docs, bare)
        for field in ("precision", "recall", "f1"):
            rows.append({"suite": "stories", "set": "ecbplus", "lang": "en", "field": f"pairwise {field}, {pairs}",
                         "newsloom": round(ours[field], 4), "baseline": round(base[field], 4),
                         "baseline_name": "sentence vectors alone", "n": len(docs)})
    return rows
