"""Per-language knowledge, read from plain data files.

Each language has one folder, `newsloom/data/<code>/`. Every `*.yaml` file in it
becomes a key named after the file (`titles.yaml` -> `data["titles"]`); every
`*.tsv` file becomes a list of rows (tab-separated, `#` starts a comment line).
A folder `newsloom/data/_common/` holds what is not tied to one language.
Adding a language means adding a folder; no code changes.
"""
from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

DATA_ROOT = Path(str(resources.files("newsloom") / "data"))


def fold(s: str) -> str:
    """Case- and accent-insensitive key: 'Émirats' -> 'emirats'; typographic apostrophes unified."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bc", "'")
    return " ".join(s.casefold().split())


def read_tsv(path: Path) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append([c.strip() for c in line.split("\t")])
    return rows


@dataclass(frozen=True)
class LangData:
    """All data files of one language (empty for a language without a folder)."""

    code: str
    files: dict[str, Any] = field(default_factory=dict)

    @property
    def known(self) -> bool:
        return bool(self.files)

    def get(self, key: str, default: Any = None) -> Any:
        return self.files.get(key, default)

    def section(self, file: str, key: str, default: Any = None) -> Any:
        part = self.files.get(file) or {}
        return part.get(key, default) if isinstance(part, dict) else default

    def table(self, key: str) -> list[list[str]]:
        value = self.files.get(key) or []
        return value if isinstance(value, list) else []

    def mapping(self, key: str, col: int = 1) -> dict[str, str]:
        """A TSV file as {folded first column: column `col`}."""
        return {fold(r[0]): r[col] for r in self.table(key) if len(r) > col}


def _load_folder(folder: Path) -> dict[str, Any]:
    files: dict[str, Any] = {}
    if not folder.is_dir():
        return files
    for path in sorted(folder.iterdir()):
        if path.suffix in (".yaml", ".yml"):
            files[path.stem] = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        elif path.suffix == ".tsv":
            files[path.stem] = read_tsv(path)
    return files


@functools.lru_cache(maxsize=None)
def load(code: str) -> LangData:
    """The data of one language; read once per process (the files are immutable package data)."""
    return LangData(code, _load_folder(DATA_ROOT / code))


@functools.lru_cache(maxsize=None)
def common() -> LangData:
    return LangData("_common", _load_folder(DATA_ROOT / "_common"))


@functools.lru_cache(maxsize=None)
def function_words(code: str) -> frozenset[str]:
    """The language's function words (spaCy's stop-word list), folded; empty when spaCy has none."""
    try:
        from spacy.util import get_lang_class

        words = get_lang_class(code).Defaults.stop_words
    except Exception:  # a language spaCy does not know
        words = set()
    return frozenset(fold(w) for w in words)


def languages() -> list[str]:
    """Codes of every language that has a data folder."""
    return sorted(p.name for p in DATA_ROOT.iterdir() if p.is_dir() and not p.name.startswith("_"))
