"""The accuracy gate: pinned floors per suite and field on small fixed subsets, checked in CI.

Floors only go up: `raise_floors` keeps a floor the figures would lower unless told `allow_lower=True`.
"""
from __future__ import annotations

import json
from pathlib import Path

FLOORS = Path(__file__).with_name("floors.json")
SUBSET = {"extraction": 15, "ner": 60, "times": 8, "events": 40}  # documents or sentences per set
SLACK = 0.02  # a floor sits this far below the figure it was raised to: machines differ in float noise only


def key(row: dict) -> str:
    return f"{row['suite']}/{row['set']}/{row['lang']}/{row['field']}"


def measure(data: str | None = None, analyzer=None) -> dict[str, float]:
    from newsloom.evaluate.suites import run

    out: dict[str, float] = {}
    for suite, limit in SUBSET.items():
        for row in run(suite, limit=limit, data=data, analyzer=analyzer):
            if isinstance(row.get("newsloom"), float):
                out[key(row)] = round(row["newsloom"], 4)
    return out


def load(path: Path = FLOORS) -> dict[str, float]:
    return json.loads(path.read_text("utf-8")) if path.exists() else {}


def check(measured: dict[str, float], path: Path = FLOORS) -> list[str]:
    """Every floor whose figure fell below it (or was not measured at all)."""
    failures = []
    for k, floor in sorted(load(path).items()):
        if k not in measured:
            failures.append(f"{k}: not measured (floor {floor})")
        elif measured[k] < floor:
            failures.append(f"{k}: {measured[k]:.4f} < floor {floor:.4f}")
    return failures


def raise_floors(measured: dict[str, float], *, allow_lower: bool = False, path: Path = FLOORS) -> list[str]:
    """Set each floor to the measured figure less SLACK where that raises it; a floor the figure
    would lower stays where it is (a figure still at or above it passes), unless allow_lower."""
    floors = load(path)
    changed = []
    for k, v in measured.items():
        new = round(max(0.0, v - SLACK), 4)
        old = floors.get(k)
        if old is not None and new < old and not allow_lower:
            continue
        if old is None or new != old:
            floors[k] = new
            changed.append(k)
    path.write_text(json.dumps(dict(sorted(floors.items())), indent=2) + "\n", encoding="utf-8")
    return changed
