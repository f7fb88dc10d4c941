"""Train the multilingual NER pipeline shipped for languages with no spaCy pipeline on PyPI.

    python training/train_ner.py [--data ../shared/data/ner] [--work /tmp/newsloom-ner] [--max-steps N]

Data: WikiANN (PAN-X) train and test splits for de, es, nl, pl, ru, read from the
data folder, never copied into the repository. WikiNEuRal is non-commercial and
BSNLP is shared-task research data: both are kept for evaluation only. One
multilingual model ("xx" tokenizer, hash embeddings, CNN encoder, NER) serves
de, es, it, nl, pl, pt and ru; it and pt have no training data here and rely on
what the model learns from the other European languages.
The best model is written to src/newsloom/models/xx/ (weights only).
"""
from __future__ import annotations

import argparse
import gzip
import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LANGS = ("de", "es", "nl", "pl", "ru")
DEV_PER_LANG = 400


def read(path: Path) -> list[tuple[list[str], list[str]]]:
    sents, words, tags = [], [], []
    for line in gzip.open(path, "rt", encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            if words:
                sents.append((words, tags))
            words, tags = [], []
            continue
        parts = line.split("\t")
        if len(parts) >= 3:
            words.append(parts[1])
            tags.append(parts[-1])
    if words:
        sents.append((words, tags))
    return sents


def to_docs(nlp, sents):
    from spacy.tokens import Doc
    from spacy.training import iob_to_biluo, biluo_tags_to_spans

    for words, tags in sents:
        doc = Doc(nlp.vocab, words=words)
        tags = [t if t[:2] in ("B-", "I-") or t == "O" else "O" for t in tags]
        doc.ents = biluo_tags_to_spans(doc, iob_to_biluo(tags))
        yield doc


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "ner"))
    ap.add_argument("--work", default="/tmp/newsloom-ner")
    ap.add_argument("--max-steps", type=int, default=5000)
    args = ap.parse_args(argv)

    import spacy
    from spacy.cli.train import train
    from spacy.tokens import DocBin

    data, work = Path(args.data), Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    nlp = spacy.blank("xx")
    rng = random.Random(13)
    train_docs, dev_docs = DocBin(), DocBin()
    for lang in LANGS:
        sents = read(data / f"wikiann-{lang}-train.conllu.gz")
        test = read(data / f"wikiann-{lang}-test.conllu.gz")
        rng.shuffle(test)
        for d in to_docs(nlp, sents + test[DEV_PER_LANG:]):
            train_docs.add(d)
        for d in to_docs(nlp, test[:DEV_PER_LANG]):
            dev_docs.add(d)
    train_docs.to_disk(work / "train.spacy")
    dev_docs.to_disk(work / "dev.spacy")
    train(ROOT / "training" / "ner.cfg", work / "out",
          overrides={"paths.train": str(work / "train.spacy"), "paths.dev": str(work / "dev.spacy"),
                     "training.max_steps": args.max_steps})
    target = ROOT / "src" / "newsloom" / "models" / "xx"
    if target.exists():
        shutil.rmtree(target)
    best = spacy.load(work / "out" / "model-best")
    target.parent.mkdir(parents=True, exist_ok=True)
    best.to_disk(target)
    print(f"model written to {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
