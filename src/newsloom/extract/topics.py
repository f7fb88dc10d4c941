"""Topics: IPTC Media Topics (top level) scored from per-language cue words.

Each cue word (`data/<lang>/topics.yaml`) found in the article, as a lemma or as
written, votes for its topic; a topic is kept when it holds a fair share of the
votes. Labels come from `data/_common/iptc_topics.yaml`.
"""
from __future__ import annotations

import functools
import re
from collections import Counter

from newsloom import langdata

from newsloom.extract.context import Parsed
from newsloom.extract.events import stem_lookup
from newsloom.langdata import common, fold
from newsloom.schema import Topic

MIN_SHARE = 0.15  # of all cue votes
MIN_VOTES = 2


@functools.lru_cache(maxsize=None)
def _cue_index(lang: str) -> tuple[dict[str, str], dict[str, str], tuple[tuple[str, str], ...]]:
    """(single word -> code, stem -> code, (phrase, code) pairs) of a language, built once
    (immutable package data). A cue ending in `*` is a stem that matches every inflected form."""
    cues = (langdata.load(lang).get("topics") or {}).get("cues") or {}
    index: dict[str, str] = {}
    stems: dict[str, str] = {}
    phrases: list[tuple[str, str]] = []
    for code, words in cues.items():
        for w in words:
            if " " in w:
                phrases.append((fold(w), code))
            elif w.endswith("*"):
                stems.setdefault(fold(w[:-1]), code)
            else:
                index.setdefault(fold(w), code)
    return index, stems, tuple(phrases)


def extract_topics(parsed: Parsed) -> list[Topic]:
    index, stems, phrases = _cue_index(parsed.lang)
    if parsed.doc is not None:
        words = [fold(t.lemma_) for t in parsed.doc if t.is_alpha] + [fold(t.text) for t in parsed.doc if t.is_alpha]
        n_words = max(1, len(words) // 2)
    else:
        # an article or preposition elided onto a word is no part of it ("dell'esondazione")
        words = [fold(re.sub(r"^[^\W\d_]{1,4}['’](?=[^\W\d_])", "", w)) for w in re.findall(r"[^\W\d_][\w'’-]*", parsed.text)]
        n_words = max(1, len(words))
    found = (stem_lookup(index, stems, w) for w in words)
    votes = Counter(code for code in found if code)
    folded = fold(parsed.text)
    for phrase, code in phrases:
        votes[code] += folded.count(phrase)
    total = sum(votes.values())
    if not total:
        return []
    labels = (common().get("iptc_topics") or {}).get("topics") or {}
    out = []
    for code, n in votes.most_common():
        share = n / total
        if n >= MIN_VOTES and share >= MIN_SHARE:
            density = min(1.0, n / n_words * 20)
            out.append(Topic(code=code, label=labels.get(code, code), score=round(min(1.0, share + density), 3)))
    return out
