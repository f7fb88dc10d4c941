"""Train the multilingual NER pipeline shipped for languages with no spaCy pipeline on PyPI.

    python training/train_ner.py [--data ../shared/data/ner] [--work /tmp/newsloom-ner] [--out DIR]
                                 [--stage2] [--stage1 DIR] [--max-steps N]

Data: WikiANN (PAN-X) train and test splits, read from the data folder, never
copied into the repository; 400 test sentences per language are held out as the
development set that picks the best checkpoint (the same sentences in both
stages). WikiNEuRal is non-commercial and BSNLP is shared-task research data:
both are kept for evaluation only. One multilingual model ("xx" tokenizer, hash
embeddings, CNN encoder, NER) serves de, es, it, nl, pl and pt, and ru where the
natasha package (slovnet's news NER, see newsloom.nlp) is not installed; it and pt
have no training data here and rely on what the model learns from the other
European languages.

Stage 1 (training/ner.cfg) trains from scratch on the WikiANN fragments of de,
es, nl, pl and ru; it is the shipped model. With --stage2, stage 2
(training/ner-continue.cfg) goes on from the best
stage-1 model with English WikiANN added and with every fragment also seen
inside a longer sequence: WikiANN items are mostly title-like fragments
("Condado de Duplin"), while news and WikiNEuRal are running sentences, so two
to four fragments of one language are joined by punctuation, putting names
mid-sequence, after a full stop and among many words that are not names.
--stage1 DIR starts stage 2 from an existing stage-1 model instead of training one.
Stage 2 is not shipped: on WikiNEuRal it gains in de, es, it and nl, but a title
or a capitalized word before a name ("Premier Dick Schoof") turns the whole span
into an ORG, a WikiANN habit the joined sequences do not remove.
The best model of the last stage is written to src/newsloom/models/xx/ unless --out says otherwise.
"""
from __future__ import annotations

import argparse
import gzip
import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STAGE1_LANGS = ("de", "es", "nl", "pl", "ru")
STAGE2_EXTRA_LANGS = ("en",)
DEV_PER_LANG = 400
JOINERS = (",", ".", ";", ":", "-")


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


def joined(sents, rng: random.Random) -> list[tuple[list[str], list[str]]]:
    """The same fragments in a new order, grouped two to four at a time into one sequence."""
    order = list(sents)
    rng.shuffle(order)
    out, i = [], 0
    while i < len(order):
        k = rng.randint(2, 4)
        words, tags = [], []
        for w, t in order[i:i + k]:
            if words:
                words.append(rng.choice(JOINERS))
                tags.append("O")
            words += w
            tags += t
        out.append((words, tags))
        i += k
    return out


def to_docs(nlp, sents):
    from spacy.tokens import Doc
    from spacy.training import iob_to_biluo, biluo_tags_to_spans

    for words, tags in sents:
        doc = Doc(nlp.vocab, words=words)
        tags = [t if t[:2] in ("B-", "I-") or t == "O" else "O" for t in tags]
        doc.ents = biluo_tags_to_spans(doc, iob_to_biluo(tags))
        yield doc


def splits(data: Path) -> dict[str, tuple[list, list]]:
    """Per language: (training fragments, held-out development fragments). The
    shuffle of each test split depends only on the seed and the language order, so
    the stage-1 languages keep the same development sentences in both stages."""
    rng = random.Random(13)
    out = {}
    for lang in STAGE1_LANGS + STAGE2_EXTRA_LANGS:
        sents = read(data / f"wikiann-{lang}-train.conllu.gz")
        test = read(data / f"wikiann-{lang}-test.conllu.gz")
        rng.shuffle(test)
        out[lang] = (sents + test[DEV_PER_LANG:], test[:DEV_PER_LANG])
    return out


def write_corpus(nlp, parts: dict[str, tuple[list, list]], langs, augment: bool, folder: Path) -> None:
    from spacy.tokens import DocBin

    rng = random.Random(29)
    train_docs, dev_docs = DocBin(), DocBin()
    for lang in langs:
        train_sents, dev_sents = parts[lang]
        for d in to_docs(nlp, train_sents + (joined(train_sents, rng) if augment else [])):
            train_docs.add(d)
        for d in to_docs(nlp, dev_sents):
            dev_docs.add(d)
    folder.mkdir(parents=True, exist_ok=True)
    train_docs.to_disk(folder / "train.spacy")
    dev_docs.to_disk(folder / "dev.spacy")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "ner"))
    ap.add_argument("--work", default="/tmp/newsloom-ner")
    ap.add_argument("--out", default=str(ROOT / "src" / "newsloom" / "models" / "xx"),
                    help="Where the best model is written (default: the shipped model's folder).")
    ap.add_argument("--stage2", action="store_true", help="Go on with stage 2 after stage 1.")
    ap.add_argument("--stage1", default=None, help="An existing stage-1 model: skip stage 1 (implies --stage2).")
    ap.add_argument("--max-steps", type=int, default=None, help="Override training.max_steps of stage 2.")
    args = ap.parse_args(argv)

    import spacy
    from spacy.cli.train import train

    data, work = Path(args.data), Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    nlp = spacy.blank("xx")
    parts = splits(data)
    stage1 = Path(args.stage1) if args.stage1 else None
    if stage1 is None:
        write_corpus(nlp, parts, STAGE1_LANGS, False, work / "stage1")
        train(ROOT / "training" / "ner.cfg", work / "stage1" / "out",
              overrides={"paths.train": str(work / "stage1" / "train.spacy"),
                         "paths.dev": str(work / "stage1" / "dev.spacy")})
        stage1 = work / "stage1" / "out" / "model-best"
        if not args.stage2:
            return publish(stage1, Path(args.out))
    write_corpus(nlp, parts, STAGE1_LANGS + STAGE2_EXTRA_LANGS, True, work / "stage2")
    overrides = {"paths.train": str(work / "stage2" / "train.spacy"), "paths.dev": str(work / "stage2" / "dev.spacy"),
                 "paths.init_model": str(stage1)}
    if args.max_steps:
        overrides["training.max_steps"] = args.max_steps
    train(ROOT / "training" / "ner-continue.cfg", work / "stage2" / "out", overrides=overrides)
    return publish(work / "stage2" / "out" / "model-best", Path(args.out))


def publish(best_dir: Path, target: Path) -> int:
    import spacy

    best = spacy.load(best_dir)
    if target.exists():
        shutil.rmtree(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    best.to_disk(target)
    print(f"model written to {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
