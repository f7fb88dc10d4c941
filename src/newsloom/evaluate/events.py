"""Event coding: PLOVER type (and source actor) on the PLOVER gold sentences, and CAMEO-coded
AFP sentences mapped to PLOVER with the PLOVER manual's conversion table (read from the data)."""
from __future__ import annotations

import json
import re
from pathlib import Path

from newsloom.langdata import fold

# PLOVER 0.5 names used by the gold -> the 16 current types (the manual's conversion).
RENAMED = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT",
           "SACTION": "SANCTION"}


def cameo_table(path: Path) -> dict[str, str]:
    """CAMEO code -> PLOVER type, from the conversion table file."""
    out = {}
    for line in path.read_text("utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*([A-Z]+)", line)
        if m:
            out[m.group(1)] = RENAMED.get(m.group(2), m.group(2))
    return out


def cameo_to_plover(code: str, table: dict[str, str]) -> str | None:
    for k in (code, code[:3], code[:2]):
        if k in table:
            return table[k]
    return None


def _predict(text: str, date: str, analyzer) -> tuple[list[str], list[set[str]]]:
    from newsloom.pipeline import analyze

    rec = analyze(text, published=date, analyzer=analyzer)
    names = {e.id: {fold(e.name)} | {fold(a) for a in e.aliases} for e in rec.entities}
    evs = sorted(rec.events, key=lambda e: -e.confidence)
    return [e.type for e in evs], [set().union(*[names.get(s, {fold(s)}) for s in e.source]) if e.source else set()
                                   for e in evs]


def _score(items, analyzer) -> dict:
    n = top = anywhere = any_event = actor_ok = actor_n = 0
    for text, date, gold_type, gold_sources in items:
        types, sources = _predict(text, date, analyzer)
        n += 1
        any_event += bool(types)
        top += bool(types) and types[0] == gold_type
        anywhere += gold_type in types
        if gold_sources and gold_type in types:
            actor_n += 1
            pred = sources[types.index(gold_type)]
            actor_ok += any(fold(g) in p or p in fold(g) for g in gold_sources for p in pred)
    return {"type accuracy": top / n if n else 0.0, "type recall": anywhere / n if n else 0.0,
            "coded": any_event / n if n else 0.0, "source accuracy": actor_ok / actor_n if actor_n else 0.0, "n": n}


def evaluate_events(data: Path, limit: int | None, analyzer) -> list[dict]:
    folder = data / "events"
    rows = []
    gsr = folder / "plover-gsr-cameo.json"
    if gsr.exists():
        recs = [r for r in json.loads(gsr.read_text("utf-8")) if r.get("event") and r.get("text")]
        recs = recs[:limit] if limit else recs
        items = [(r["text"], "2000-01-01", RENAMED.get(r["event"], r["event"]),
                  [a.get("actorText", "") for a in r.get("source") or [] if a.get("actorText")]) for r in recs]
        res = _score(items, analyzer)
        rows += [{"suite": "events", "set": "plover-gsr", "lang": "en", "field": f, "newsloom": res[f],
                  "baseline": None, "n": res["n"]} for f in ("type accuracy", "type recall", "source accuracy")]
    afp = folder / "petrarch" / "petr2-gsr-en-afp.jsonl"
    table_path = folder / "cameo2plover-2021.txt"
    if afp.exists() and table_path.exists():
        table = cameo_table(table_path)
        items = []
        for line in afp.read_text("utf-8").splitlines():
            r = json.loads(line)
            evs = [e for e in r.get("events") or [] if e.get("eventcode")]
            if not evs:
                continue
            t = cameo_to_plover(evs[0]["eventcode"], table)
            date = r.get("date", "")
            date = f"{date[:4]}-{date[4:6]}-{date[6:8]}" if len(date) == 8 else None
            if t:
                items.append((r["text"], date, t, []))
        items = items[:limit] if limit else items
        res = _score(items, analyzer)
        rows += [{"suite": "events", "set": "petrarch2-afp (CAMEO->PLOVER)", "lang": "en", "field": f,
                  "newsloom": res[f], "baseline": None, "n": res["n"]} for f in ("type accuracy", "type recall")]
    return rows
