"""The time-expression grammar of one language, compiled from its data file.

`data/<lang>/times.yaml` holds vocabularies (month names, weekday names,
relative words, units, zones...) and regular-expression patterns written with
placeholders (`{MONTH}`, `{WEEKDAY}`, `{NUM}`...) and named groups (`month`,
`day`, `hour`, ...). This module turns that file into compiled patterns and
lookup tables; it knows no word of any language. What a named group means is
decided in `time_normalize`.

A grammar is derived from immutable package data, so `grammar_for` caches one
per language code.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

from newsloom.langdata import common, fold, load

# Pattern kinds in the order they win a tie between two matches of equal length.
KINDS = ("ignore", "clock", "date", "part_of_year", "relative_day", "offset", "shift", "set", "decade", "century",
         "duration", "year", "ref")

# Vocabulary section -> placeholder name.
VOCABULARIES = {
    "months": "MONTH", "weekdays": "WEEKDAY", "relative_days": "REL", "directions": "DIR",
    "units": "UNIT", "parts_of_day": "POD", "refs": "REF", "seasons": "SEASON",
    "sets": "SETWORD", "clock_words": "CLOCKWORD", "ampm": "AMPM",
    "ordinals": "ORDINAL", "year_parts": "YEARPART",
}
WORD_LISTS = {"each": "EACH", "modifiers": "MOD", "approx": "APPROX"}
DIGITS = r"\d+(?:[.,]\d+)?"
_PLACEHOLDER = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")
_APOSTROPHES = "'\u2019\u02bc"


@dataclass(frozen=True)
class Rule:
    kind: str
    regex: re.Pattern
    order: int  # position in the data file; earlier wins ties


@dataclass(frozen=True)
class TimeGrammar:
    """Compiled patterns and folded lookup tables of one language."""

    lang: str
    rules: tuple[Rule, ...] = ()
    vocab: dict[str, dict[str, Any]] = field(default_factory=dict)  # section -> {folded word: value}
    zones: dict[str, str] = field(default_factory=dict)  # folded zone word -> IANA name, offset or LOCAL
    past_cues: tuple[re.Pattern, ...] = ()
    future_cues: tuple[re.Pattern, ...] = ()
    future_aux: frozenset[str] = frozenset()

    def lookup(self, section: str, word: str | None) -> Any:
        if word is None:
            return None
        return self.vocab.get(section, {}).get(fold(word))

    def zone(self, word: str | None) -> str | None:
        if not word:
            return None
        return self.zones.get(word.strip()) or self.zones.get(fold(word))


def _word_regex(word: str) -> str:
    """A vocabulary word as a regex: apostrophes of any kind, any run of spaces."""
    out = []
    for ch in word:
        if ch in _APOSTROPHES:
            out.append("['\u2019\u02bc]")
        elif ch.isspace():
            out.append(r"\s+")
        elif ch == "-":
            out.append(r"[-\u2010\u2011]")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _alternation(words, case_sensitive: bool = False) -> str:
    variants: set[str] = set()
    for w in words:
        w = str(w).strip()
        if not w:
            continue
        variants.add(w)
        if not case_sensitive:
            variants.add(fold(w))  # the same word written without accents
    if not variants:
        return "(?!)"
    body = "|".join(_word_regex(w) for w in sorted(variants, key=lambda v: (-len(v), v)))
    return f"(?-i:{body})" if case_sensitive else f"(?:{body})"


def _expand(pattern: str, macros: dict[str, str], depth: int = 0) -> str:
    if depth > 10:
        raise ValueError(f"time grammar: placeholders nest too deeply in {pattern!r}")

    def sub(m: re.Match) -> str:
        name = m.group(1)
        if name not in macros:
            raise ValueError(f"time grammar: unknown placeholder {{{name}}} in {pattern!r}")
        return _expand(macros[name], macros, depth + 1)

    return _PLACEHOLDER.sub(sub, pattern)


def _fold_table(section: dict | None) -> dict[str, Any]:
    return {fold(str(k)): v for k, v in (section or {}).items()}


def build_grammar(lang: str, spec: dict, zone_abbreviations: dict[str, str]) -> TimeGrammar:
    """Compile one language's `times.yaml` (already parsed) into a grammar."""
    vocab = {section: _fold_table(spec.get(section)) for section in VOCABULARIES}
    vocab["numbers"] = _fold_table(spec.get("numbers"))
    macros: dict[str, str] = {}
    for section, name in VOCABULARIES.items():
        macros[name] = _alternation((spec.get(section) or {}).keys())
    for section, name in WORD_LISTS.items():
        macros[name] = _alternation(spec.get(section) or [])
    ambiguous = {fold(w) for w in spec.get("ambiguous") or []}
    macros["MONTH_SAFE"] = _alternation(w for w in (spec.get("months") or {}) if fold(w) not in ambiguous)
    macros["NUM"] = f"(?:{DIGITS}|{_alternation((spec.get('numbers') or {}).keys())})"
    lang_zones = {str(k): str(v) for k, v in (spec.get("zones") or {}).items()}
    macros["ZONE"] = (f"(?:{_alternation(lang_zones)}|"
                      f"{_alternation(zone_abbreviations, case_sensitive=True)})")
    for name, fragment in (spec.get("fragments") or {}).items():
        macros[str(name)] = str(fragment)

    rules = []
    order = 0
    for kind, patterns in (spec.get("patterns") or {}).items():
        if kind not in KINDS:
            raise ValueError(f"time grammar {lang}: unknown pattern kind {kind!r} (known: {', '.join(KINDS)})")
        for pattern in patterns or []:
            body = _expand(str(pattern), macros)
            regex = re.compile(rf"(?<!\w)(?<![^\W\d_]-)(?:{body})(?![\w])", re.IGNORECASE)
            rules.append(Rule(kind, regex, order))
            order += 1

    zones = {k: v for k, v in zone_abbreviations.items()}  # exact case
    zones.update({fold(k): v for k, v in lang_zones.items()})
    cues = spec.get("tense_cues") or {}

    def compile_cues(items) -> tuple[re.Pattern, ...]:
        return tuple(re.compile(_expand(str(c), macros), re.IGNORECASE) for c in items or [])

    return TimeGrammar(
        lang=lang, rules=tuple(rules), vocab=vocab, zones=zones,
        past_cues=compile_cues(cues.get("past")), future_cues=compile_cues(cues.get("future")),
        future_aux=frozenset(fold(str(w)) for w in spec.get("future_aux") or []),
    )


@functools.lru_cache(maxsize=None)
def grammar_for(lang: str) -> TimeGrammar:
    """The compiled grammar of a language (empty when it has no `times.yaml`)."""
    spec = load(lang).get("times") or {}
    abbreviations = (common().get("timezones") or {}).get("abbreviations") or {}
    return build_grammar(lang, spec, {str(k): str(v) for k, v in abbreviations.items()})
