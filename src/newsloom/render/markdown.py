"""A readable brief of one record: who, where, when, what was said and by whom, what happened."""
from __future__ import annotations

from newsloom.schema import Record


def _who(rec: Record, ent_id: str | None) -> str:
    if not ent_id:
        return "unknown"
    for e in rec.entities:
        if e.id == ent_id:
            return e.name
    return ent_id.replace("country:", "")


def _roles(e) -> str:
    parts = [r.title + (f" ({r.of})" if r.of else "") for r in e.roles]
    return "; ".join(parts)


def brief(rec: Record) -> str:
    out: list[str] = []
    out.append(f"# {rec.title or (rec.text[:80] + '…' if len(rec.text) > 80 else rec.text) or '(no text)'}")
    meta = [f"language: {rec.language.code} ({rec.language.confidence:.2f})"]
    if rec.published:
        meta.append(f"published: {rec.published}")
    if rec.source.uri:
        meta.append(f"source: {rec.source.uri}")
    out.append(" · ".join(meta))
    people = [e for e in rec.entities if e.type == "PERSON"]
    if people:
        out.append("\n## Who")
        for e in sorted(people, key=lambda e: -e.salience):
            extra = ", ".join(x for x in (_roles(e), e.country) if x)
            out.append(f"- **{e.name}**" + (f" — {extra}" if extra else ""))
    orgs = [e for e in rec.entities if e.type in ("ORG", "GROUP", "WORK", "EVENT", "PRODUCT", "MISC")]
    if orgs:
        out.append("\n## Organizations and other names")
        for e in sorted(orgs, key=lambda e: -e.salience):
            out.append(f"- {e.name} ({e.type.lower()}{', ' + e.country if e.country else ''})")
    places = [e for e in rec.entities if e.type in ("PLACE", "FACILITY")]
    if places:
        out.append("\n## Where")
        for e in sorted(places, key=lambda e: -e.salience):
            geo = f" — {e.geo.lat:.3f}, {e.geo.lon:.3f}" if e.geo else ""
            out.append(f"- {e.name}{' (' + e.country + ')' if e.country else ''}{geo}")
    if rec.times:
        out.append("\n## When")
        for t in rec.times:
            utc = f", UTC {t.utc}" if t.utc else ""
            out.append(f"- “{t.text}” → {t.value or '?'}{utc}")
    if rec.amounts:
        out.append("\n## Amounts")
        for a in rec.amounts:
            out.append(f"- {a.text}: {a.value:g} {a.unit or ''}".rstrip() if a.value is not None else f"- {a.text}")
    if rec.quotes:
        out.append("\n## What was said")
        for q in rec.quotes:
            who = _who(rec, q.speaker) if q.speaker else (q.speaker_text or "unattributed")
            out.append(f"- **{who}**{' (' + q.verb + ')' if q.verb else ''}: “{q.text}” _{q.kind}_")
    if rec.events:
        out.append("\n## What happened")
        for ev in rec.events:
            src = ", ".join(_who(rec, s) for s in ev.source) or "?"
            tgt = ", ".join(_who(rec, t) for t in ev.target)
            where = f" at {_who(rec, ev.place)}" if ev.place else ""
            when = f" on {rec.times[ev.time].value}" if ev.time is not None and ev.time < len(rec.times) else ""
            mode = f"/{ev.mode}" if ev.mode else ""
            status = f" _{ev.status}_" if ev.status != "asserted" else ""
            out.append(f"- {ev.type}{mode}: {src}{' → ' + tgt if tgt else ''}{where}{when}{status} — “{ev.text}”")
    if rec.topics:
        out.append("\n## Topics")
        out.append(", ".join(f"{t.label} ({t.score:.2f})" for t in rec.topics))
    if rec.removed or rec.coverage.skipped:
        out.append("\n## Notes")
        if rec.removed:
            out.append(f"- cleaning removed {len(rec.removed)} line(s): "
                       + "; ".join(f"line {r.line} ({r.reason})" for r in rec.removed))
        for stage, why in rec.coverage.skipped.items():
            out.append(f"- {stage} not done: {why}")
    return "\n".join(out) + "\n"
