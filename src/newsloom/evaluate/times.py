"""Score the time tagger on TimeML gold (French TimeBank, TempEval-3 platinum).

Each `.tml` file is read where it lies (never copied): the tags inside `<TEXT>`
are stripped to give the plain text and the gold TIMEX3 spans; the `<DCT>` value
is the publication date. The measures are the usual ones: strict span P/R/F1
(exact boundaries), relaxed span F1 (overlap), and value accuracy / F1 on the
relaxed matches (same normalized value).
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from newsloom.extract.context import Parsed
from newsloom.extract.time_normalize import timeml_value
from newsloom.extract.times import extract_times
from newsloom.langdata import load

# Language -> folder of its gold under the data directory.
CORPORA = {"fr": "fr-timebank", "en": "te3-platinum"}

_TAG = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*?)(/?)>", re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class GoldTimex:
    start: int
    end: int
    type: str
    value: str


@dataclass
class GoldDoc:
    name: str
    text: str
    published: datetime | None
    timexes: list[GoldTimex] = field(default_factory=list)


def read_tml(path: Path) -> GoldDoc:
    """Plain text, gold spans and creation time of one TimeML file."""
    raw = path.read_text(encoding="utf-8")
    published = None
    dct = re.search(r"<DCT>(.*?)</DCT>", raw, re.S)
    if dct:
        m = re.search(r'value="(\d{4}-\d{2}-\d{2})', dct.group(1))
        if m:
            published = datetime.fromisoformat(m.group(1))
    body = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
    body_text = body.group(1) if body else ""
    parts: list[str] = []
    length = 0
    open_timex: list[tuple[int, dict]] = []
    timexes = []
    pos = 0
    for m in _TAG.finditer(body_text):
        chunk = html.unescape(body_text[pos:m.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name, attrs, selfclosing = m.groups()
        if name != "TIMEX3" or selfclosing:
            continue
        if closing:
            if open_timex:
                start, a = open_timex.pop()
                timexes.append(GoldTimex(start, length, a.get("type", ""), a.get("value", "")))
        else:
            open_timex.append((length, dict(_ATTR.findall(attrs))))
    parts.append(html.unescape(body_text[pos:]))
    return GoldDoc(path.stem, "".join(parts), published, sorted(timexes, key=lambda t: t.start))


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _overlap(a, b) -> bool:
    return a.start < b.end and b.start < a.end


def evaluate_times(data_dir: Path, lang: str, limit: int | None = None,
                   pipelines=None, use_parse: bool = True, details: bool = False) -> dict:
    """Scores of `extract_times` on the gold of `lang` under `data_dir`.

    `pipelines` (a `newsloom.nlp.Pipelines`) gives sentences and tense; without
    one a pipeline is loaded when `use_parse` is true, else the text is tagged
    with no parse.
    """
    folder = Path(data_dir) / CORPORA.get(lang, lang)
    files = sorted(folder.glob("*.tml"))[: limit if limit else None]
    if not files:
        raise FileNotFoundError(f"no .tml files in {folder}; pass the folder holding {CORPORA.get(lang, lang)}/")
    nlp = None
    if use_parse:
        if pipelines is None:
            from newsloom.nlp import Pipelines

            pipelines = Pipelines()
        nlp = pipelines.get(lang)
    data = load(lang)
    n_gold = n_sys = strict = relaxed = value_ok = type_ok = 0
    errors: list[dict] = []
    for path in files:
        gold = read_tml(path)
        doc = nlp(gold.text) if nlp is not None else None
        sents = [(s.start_char, s.end_char) for s in doc.sents] if doc is not None else []
        parsed = Parsed(text=gold.text, lang=lang, data=data, doc=doc, sents=sents, published=gold.published)
        found = extract_times(parsed)
        n_gold += len(gold.timexes)
        n_sys += len(found)
        exact = {(t.start, t.end) for t in gold.timexes}
        strict += sum((t.start, t.end) in exact for t in found)
        used: set[int] = set()
        for t in found:
            match = next((i for i, g in enumerate(gold.timexes) if i not in used and _overlap(g, t)), None)
            if match is None:
                if details:
                    errors.append({"doc": gold.name, "kind": "spurious", "text": t.text, "value": t.value})
                continue
            used.add(match)
            g = gold.timexes[match]
            relaxed += 1
            value_ok += _value(t) == g.value
            type_ok += t.type == g.type
            if details and (_value(t) != g.value or (t.start, t.end) != (g.start, g.end)):
                errors.append({"doc": gold.name, "kind": "mismatch", "text": t.text, "value": t.value,
                               "gold_text": gold.text[g.start:g.end], "gold_value": g.value})
        if details:
            errors += [{"doc": gold.name, "kind": "missed", "gold_text": gold.text[g.start:g.end], "gold_value": g.value}
                       for i, g in enumerate(gold.timexes) if i not in used]
    p = strict / n_sys if n_sys else 0.0
    r = strict / n_gold if n_gold else 0.0
    rp = relaxed / n_sys if n_sys else 0.0
    rr = relaxed / n_gold if n_gold else 0.0
    vp = value_ok / n_sys if n_sys else 0.0
    vr = value_ok / n_gold if n_gold else 0.0
    result = {
        "lang": lang, "documents": len(files), "gold": n_gold, "system": n_sys,
        "strict": {"precision": p, "recall": r, "f1": _f1(p, r)},
        "relaxed": {"precision": rp, "recall": rr, "f1": _f1(rp, rr)},
        "value": {"accuracy": value_ok / relaxed if relaxed else 0.0, "f1": _f1(vp, vr)},
        "type": {"accuracy": type_ok / relaxed if relaxed else 0.0},
    }
    if details:
        result["errors"] = errors
    return result


def _value(t) -> str | None:
    """The value as TimeML writes it: clock times without seconds or offset, a part of a day
    after its date."""
    v = timeml_value(t.value, t.granularity)
    if v and t.type == "TIME" and re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:00", v):
        return v[:16]
    return v
