"""Where the public gold data is: a flag, NEWSLOOM_DATA, or ../shared/data beside the checkout."""
from __future__ import annotations

import gzip
import os
from pathlib import Path


def data_dir(given: str | os.PathLike | None = None) -> Path:
    if given:
        return Path(given)
    if os.environ.get("NEWSLOOM_DATA"):
        return Path(os.environ["NEWSLOOM_DATA"])
    checkout = Path(__file__).resolve().parents[3]
    for cand in (checkout.parent / "shared" / "data", Path.cwd().parent / "shared" / "data"):
        if cand.is_dir():
            return cand
    return checkout.parent / "shared" / "data"


def read_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def read_text(path: Path) -> str:
    return read_bytes(path).decode("utf-8", errors="replace")
