"""Score a record against a file of expected facts (the format of the seed's expected.json).

Each expected fact is matched or missed; the result is a count per category, so
a test or a report can ask "persons 12/12, roles 11/12" of any article.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from newsloom.langdata import fold
from newsloom.schema import Record


def _key(s) -> str:
    return fold(str(s or "")).replace("ı", "i")


@dataclass
class FactScore:
    hits: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    totals: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    missed: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def add(self, category: str, ok: bool, what: str) -> None:
        self.totals[category] += 1
        if ok:
            self.hits[category] += 1
        else:
            self.missed[category].append(what)

    def ratio(self, *categories: str) -> float:
        tot = sum(self.totals[c] for c in categories)
        return sum(self.hits[c] for c in categories) / tot if tot else 1.0

    def table(self) -> str:
        return "\n".join(f"{c}: {self.hits[c]}/{self.totals[c]}"
                         + (f"  missed: {'; '.join(self.missed[c])}" if self.missed[c] else "")
                         for c in self.totals)


def _same_instant(a, b) -> bool:
    if a is None or b is None:
        return False
    if str(a) == str(b):
        return True
    try:
        x = datetime.fromisoformat(str(a).replace("Z", "+00:00"))
        y = datetime.fromisoformat(str(b).replace("Z", "+00:00"))
    except ValueError:
        return False
    return (x.tzinfo is None) == (y.tzinfo is None) and x == y


def _km(lat1, lon1, lat2, lon2) -> float:
    r = math.pi / 180
    h = math.sin((lat2 - lat1) * r / 2) ** 2 + math.cos(lat1 * r) * math.cos(lat2 * r) * math.sin((lon2 - lon1) * r / 2) ** 2
    return 12742 * math.asin(math.sqrt(h))


def score_record(rec: Record, exp: dict) -> FactScore:
    s = FactScore()
    by_id = {e.id: e for e in rec.entities}

    def names(e) -> set[str]:
        return {_key(e.name)} | {_key(a) for a in e.aliases}

    def find(wanted, types):
        want = {_key(n) for n in wanted}
        return next((e for e in rec.entities if e.type in types and names(e) & want), None)

    def ref_names(ref) -> set[str]:
        e = by_id.get(ref)
        return names(e) if e else {_key(ref)}

    if "language" in exp:
        s.add("language", rec.language.code == exp["language"], exp["language"])
    removed = [_key(r.text) for r in rec.removed]
    for line in exp.get("removed_lines", []):
        ok = _key(line) in removed
        s.add("cleaning", ok, f"removed {line!r}")
        if ok:
            removed.remove(_key(line))
    for frag in exp.get("must_not_appear_in_text", []):
        s.add("cleaning", len(rec.text) >= exp.get("min_text_chars", 1) and _key(frag) not in _key(rec.text),
              f"text free of {frag!r}")
    for frag in exp.get("must_keep_in_text", []):
        s.add("cleaning", _key(frag) in _key(rec.text), f"kept {frag!r}")
    heads = {_key(h.text) for h in rec.headings}
    for h in exp.get("headings", []):
        s.add("headings", _key(h) in heads, h)
    for p in exp.get("persons", []):
        e = find(p["names"], {"PERSON"})
        s.add("persons", e is not None, p["names"][0])
        if p.get("role"):
            roles = [_key(r.title) + " " + _key(r.of) for r in (e.roles if e else [])]
            s.add("roles", any(_key(w) in r for w in p["role"] for r in roles), f"{p['names'][0]} as {p['role'][0]}")
        if p.get("country"):
            s.add("countries", e is not None and e.country == p["country"], f"{p['names'][0]} {p['country']}")
    for o in exp.get("organizations", []):
        s.add("organizations", find(o["names"], {"ORG", "WORK", "FACILITY", "GROUP"}) is not None, o["names"][0])
    for pl in exp.get("places", []):
        e = find(pl["names"], {"PLACE", "FACILITY"})
        s.add("places", e is not None, pl["names"][0])
        if pl.get("country"):
            s.add("countries", e is not None and e.country == pl["country"], f"{pl['names'][0]} {pl['country']}")
        if pl.get("lat") is not None:
            g = e.geo if e else None
            s.add("geo", g is not None and _km(pl["lat"], pl["lon"], g.lat, g.lon) <= pl.get("km", 50), pl["names"][0])
    for x in exp.get("times", []):
        hit = [t for t in rec.times if _key(x["text"]) in _key(t.text) or t.text and _key(t.text) in _key(x["text"])]
        ok = any(_same_instant(t.value, x["value"]) for t in hit)
        if "utc" in x:
            ok = ok and any(_same_instant(t.utc, x["utc"]) for t in hit)
        s.add("times", ok, f"{x['text']} = {x['value']}")
    for a in exp.get("amounts", []):
        ok = any(m.value is not None and float(m.value) == float(a["value"]) and _key(a["unit_contains"]) in _key(m.unit)
                 for m in rec.amounts)
        s.add("amounts", ok, f"{a['value']} {a['unit_contains']}")
    for q in exp.get("quotes", []):
        hit = [m for m in rec.quotes if _key(q["text"]) in _key(m.text)]
        s.add("quotes", bool(hit), q["text"])
        want = {_key(n) for n in q["speaker"]}
        s.add("speakers", any((m.speaker and ref_names(m.speaker) & want) or _key(m.speaker_text) in want for m in hit),
              f"{q['text']} <- {q['speaker'][0]}")
    for ev in exp.get("events", []):
        ok = False
        for m in rec.events:
            if m.type != ev["type"]:
                continue
            parts = [ref_names(r) for r in m.source + m.target]
            if not all(any(p & {_key(n) for n in group} for p in parts) for group in ev["actors"]):
                continue
            if "place" in ev and not (m.place and ref_names(m.place) & {_key(n) for n in ev["place"]}):
                continue
            if "date" in ev:
                when = rec.times[m.time].value if m.time is not None and 0 <= m.time < len(rec.times) else None
                if not (when and str(when).startswith(ev["date"])):
                    continue
            ok = True
            break
        s.add("events", ok, f"{ev['type']} {' / '.join(g[0] for g in ev['actors'])}")
    for bad in exp.get("must_not_be_entities", []):
        s.add("noise", not any(_key(bad) in names(e) for e in rec.entities), bad)
    return s
