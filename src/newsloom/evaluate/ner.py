"""Named entities on CoNLL-style gold (index, token, IOB2 tag): P/R/F1 per type, exact spans.

newsloom's entity stage (model plus corrections) against the bare spaCy pipeline of the
same language, on the same sentences, so the value of the corrections shows.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from newsloom.evaluate.data import read_text

TYPES = ("PER", "LOC", "ORG")
# record types -> the gold's coarse types
TO_GOLD = {"PERSON": "PER", "PLACE": "LOC", "FACILITY": "LOC", "ORG": "ORG", "GROUP": "ORG"}
SPACY_TO_GOLD = {"PER": "PER", "PERSON": "PER", "LOC": "LOC", "GPE": "LOC", "FAC": "LOC", "ORG": "ORG"}


def spans_of(tokens: list[tuple[str, str, bool]], kinds: dict[str, str] | None = None) -> tuple[str, set]:
    """Text and (start, end, type) spans from (token, IOB2 tag, space after) triples;
    `kinds` renames the tags' types (HIPE's 'pers' -> 'PER')."""
    text, spans, cur = "", set(), None
    for tok, tag, space in tokens:
        start = len(text)
        text += tok + (" " if space else "")
        kind = tag[2:] if len(tag) > 2 else None
        kind = kinds.get(kind) if kinds is not None else kind
        if tag.startswith("B-") or (tag.startswith("I-") and (cur is None or cur[2] != kind)):
            if cur:
                spans.add(cur)
            cur = (start, start + len(tok), kind)
        elif tag.startswith("I-") and cur:
            cur = (cur[0], start + len(tok), kind)
        else:
            if cur:
                spans.add(cur)
            cur = None
    if cur:
        spans.add(cur)
    return text.rstrip(), {x for x in spans if x[2] in TYPES}


def read_conll(path: Path, limit: int | None = None) -> list[tuple[str, set[tuple[int, int, str]]]]:
    """Sentences as (text with tokens joined by spaces, gold spans (start, end, type))."""
    out, toks = [], []
    for line in read_text(path).splitlines() + [""]:
        if limit and len(out) >= limit:
            break
        if not line.strip() or line.startswith("#"):
            if toks:
                out.append(spans_of(toks))
            toks = []
            continue
        parts = line.split("\t")
        if len(parts) >= 3:
            toks.append((parts[1], parts[-1].strip(), True))
    return out


HIPE_TYPES = {"pers": "PER", "loc": "LOC", "org": "ORG", "PER": "PER", "LOC": "LOC", "ORG": "ORG"}


def read_hipe(path: Path, limit: int | None = None) -> list[tuple[str, set[tuple[int, int, str]]]]:
    """HIPE-2022 TSV (historical French newspapers): coarse literal tags, sentences from MISC."""
    out, toks = [], []

    def flush():
        if toks and "".join(t for t, _, _ in toks).strip():
            out.append(spans_of(toks, HIPE_TYPES))
        toks.clear()

    for line in read_text(path).splitlines()[1:]:
        if limit and len(out) >= limit:
            break
        if line.startswith("# hipe2022:document_id"):
            flush()
        cols = line.split("\t")
        if line.startswith("#") or len(cols) < 10:
            continue
        toks.append((cols[0], cols[1], "NoSpaceAfter" not in cols[-1]))
        if "EndOfSentence" in cols[-1]:
            flush()
    flush()
    return out[:limit] if limit else out


def prf(gold: Counter, pred: Counter, hit: Counter, t: str | None = None) -> tuple[float, float, float]:
    g = sum(gold.values()) if t is None else gold[t]
    p = sum(pred.values()) if t is None else pred[t]
    h = sum(hit.values()) if t is None else hit[t]
    precision = h / p if p else 0.0
    recall = h / g if g else 0.0
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score_file(path: Path, lang: str, analyzer, limit: int | None) -> dict[str, dict]:
    from newsloom import langdata
    from newsloom.extract.context import Parsed
    from newsloom.nlp import has_parse

    sents = read_hipe(path, limit) if path.name.startswith("HIPE") else read_conll(path, limit)
    nlp = analyzer.pipelines.get(lang)
    stage = analyzer.entity_stage(lang)
    counts = {name: (Counter(), Counter(), Counter()) for name in ("newsloom", "baseline")}
    data = langdata.load(lang)
    for (text, gold), doc in zip(sents, nlp.pipe([t for t, _ in sents], batch_size=64)):
        base = {(e.start_char, e.end_char, SPACY_TO_GOLD[e.label_]) for e in doc.ents if e.label_ in SPACY_TO_GOLD}
        parsed = Parsed(text=text, lang=lang, data=data, doc=doc if has_parse(doc) else None, ner=doc,
                        sents=[(s.start_char, s.end_char) for s in doc.sents])
        ours = {(s, e, TO_GOLD[ent.type]) for ent in stage(parsed, analyzer.gazetteer) if ent.type in TO_GOLD
                for s, e in ent.mentions}
        # the gold is flat: a mention inside another ("Milano" of "Tribunale di Milano") is left out
        ours = {x for x in ours if not any(y != x and y[0] <= x[0] and x[1] <= y[1] for y in ours)}
        for name, pred in (("newsloom", ours), ("baseline", base)):
            g, p, h = counts[name]
            g.update(t for *_, t in gold)
            p.update(t for *_, t in pred)
            h.update(t for *_, t in pred & gold)
    return {name: {t: prf(*counts[name], t) for t in (*TYPES, None)} for name in counts} | {"n": len(sents)}


NER_FILES = [  # (file, language, set name)
    ("wikineural-{lang}-test.conllu.gz", None, "wikineural"),
    ("wikiann-{lang}-test.conllu.gz", None, "wikiann"),
    ("wikigold-en-test.conllu.gz", "en", "wikigold"),
    ("bsnlp-{lang}-trump.conllu.gz", None, "bsnlp-trump"),  # news about one topic each
    ("bsnlp-{lang}-ec.conllu.gz", None, "bsnlp-ec"),
    ("HIPE-2022-v2.1-newseye-test-fr.tsv.gz", "fr", "hipe-newseye (newspapers, OCR)"),
    ("HIPE-2022-v2.1-hipe2020-test-fr.tsv.gz", "fr", "hipe2020 (newspapers, OCR)"),
]
LANGS = ("de", "en", "es", "fr", "it", "nl", "pl", "pt", "ru")


def baseline_name(nlp) -> str:
    return "slovnet alone" if "newsloom_slovnet_ner" in nlp.pipe_names else "spaCy alone"


def evaluate_ner(data: Path, limit: int | None, analyzer) -> list[dict]:
    folder = data / "ner"
    rows = []
    for pattern, only, set_name in NER_FILES:
        for lang in ([only] if only else LANGS):
            path = folder / pattern.format(lang=lang)
            if not path.exists():
                continue
            if not analyzer.pipelines.has(lang):
                rows.append({"suite": "ner", "set": set_name, "lang": lang, "field": "F1 (all)", "newsloom": None,
                             "baseline": None, "n": 0, "note": f"no NER pipeline for {lang}"})
                continue
            res = score_file(path, lang, analyzer, limit)
            for t in (*TYPES, None):
                rows.append({"suite": "ner", "set": set_name, "lang": lang, "field": f"F1 {t or 'all'}",
                             "newsloom": res["newsloom"][t][2], "baseline": res["baseline"][t][2],
                             "baseline_name": baseline_name(analyzer.pipelines.get(lang)), "n": res["n"]})
    return rows
