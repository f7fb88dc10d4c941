"""Load time, size and speed of NER model folders compared in one run (e.g. the shipped
model against a candidate).

    python benchmarks/ner_model.py MODEL_DIR [MODEL_DIR ...] [--repeat 3] [--data PATH] [--out FILE]

For each folder: its size on disk, the median time of `spacy.load` over --repeat
loads, and words/s of the loaded pipeline over the first 300 sentences of the
German WikiNEuRal test file (one process, one thread). The figures are only
comparable between folders of the same run. Writes JSON (default
benchmarks/ner_model.json).
"""
from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("models", nargs="+")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "ner_model.json"))
    args = ap.parse_args(argv)

    import spacy

    from newsloom.evaluate.ner import read_conll

    texts = [t for t, _ in read_conll(Path(args.data) / "ner" / "wikineural-de-test.conllu.gz", 300)]
    words = sum(len(t.split()) for t in texts)
    rows = []
    for folder in map(Path, args.models):
        size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
        loads = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            nlp = spacy.load(folder)
            loads.append(time.perf_counter() - t)
        runs = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            list(nlp.pipe(texts, batch_size=64))
            runs.append(time.perf_counter() - t)
        rows.append({"model": str(folder), "size_mb": round(size / 2**20, 1),
                     "load_s": round(statistics.median(loads), 3),
                     "words_per_s": round(words / statistics.median(runs))})
        print(rows[-1], flush=True)
    Path(args.out).write_text(json.dumps({"sentences": len(texts), "words": words, "models": rows}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
