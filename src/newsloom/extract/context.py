"""The value every extractor reads: the clean text, its language data and its parse."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from newsloom.langdata import LangData


@dataclass(frozen=True)
class Parsed:
    text: str
    lang: str
    data: LangData
    doc: Any = None  # a spaCy Doc with a dependency parse (the language's full pipeline), or None
    ner: Any = None  # a spaCy Doc with entities (a full pipeline or an NER-only one), or None
    sents: list[tuple[int, int]] = field(default_factory=list)  # sentence spans, always filled
    published: datetime | None = None  # anchor for relative times (naive = date only known)
    extras: dict[str, Any] = field(default_factory=dict)  # e.g. {"main_timezone": "America/Anchorage"}
