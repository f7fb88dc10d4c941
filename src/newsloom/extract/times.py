"""Time expressions: find them in the clean text and give each a TimeML value.

The tagger is driven by the language's `data/<lang>/times.yaml` (compiled by
`time_grammar`); values come from `time_normalize`. This module decides which
matches are kept (the longest wins), reads the tense that resolves bare
weekdays and months, and gives clock times the date of their sentence.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from datetime import date

from newsloom.extract.context import Parsed
from newsloom.extract.time_grammar import KINDS, TimeGrammar, grammar_for
from newsloom.extract.clock_times import clock, clock_norm
from newsloom.extract.time_normalize import Norm, hours_or_less, normalize
from newsloom.langdata import fold
from newsloom.schema import TimeExpr

_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_KIND_RANK = {k: i for i, k in enumerate(KINDS)}
_BARE_YEAR = re.compile(r"^\d{4}$")
_BARE_YEAR_RANGE = (1800, 2099)


@dataclass(frozen=True)
class _Match:
    start: int
    end: int
    kind: str
    order: int
    groups: dict


def _candidates(grammar: TimeGrammar, text: str) -> list[_Match]:
    found = []
    for rule in grammar.rules:
        for m in rule.regex.finditer(text):
            start, end = m.span("span") if "span" in rule.regex.groupindex and m.group("span") is not None else m.span()
            if end > start:
                found.append(_Match(start, end, rule.kind, rule.order, m.groupdict()))
    return found


def _select(found: list[_Match], length: int) -> list[_Match]:
    """Non-overlapping matches: the longest first, then the kind and rule that come first."""
    taken = bytearray(length + 1)
    kept = []
    for m in sorted(found, key=lambda m: (m.start - m.end, _KIND_RANK[m.kind], m.order, m.start)):
        if taken.find(1, m.start, m.end) != -1:
            continue
        taken[m.start:m.end] = b"\x01" * (m.end - m.start)
        kept.append(m)
    kept.sort(key=lambda m: m.start)
    return kept


_SENTENCE_END = re.compile(r"(?<=[.!?\u2026])\s+(?=[\"\u00ab\u201c(]?[A-Z\u00c0-\u00dd][a-z\u00e0-\u00ff])|\n\s*\n")


def _split_sentences(text: str) -> list[tuple[int, int]]:
    """A rough split for when the caller gave no sentences."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


_CLAUSE_BREAK = re.compile(r"[,;:()«»“”„\"]|\s[—–-]\s")


@functools.lru_cache(maxsize=None)
def _clause_break(complementizers: tuple[str, ...]) -> re.Pattern:
    """Where a clause ends: a comma or a bracket, and before "that" ("señaló el lunes que la agencia
    estudiará"); built once per language."""
    comps = [re.escape(c) for c in complementizers if " " not in c]
    return re.compile(_CLAUSE_BREAK.pattern + (rf"|(?<!\w)(?:{'|'.join(comps)})(?!\w)" if comps else ""), re.I)


class _Sentences:
    """Which sentence a character offset falls in, and the tense of a sentence."""

    def __init__(self, parsed: Parsed, grammar: TimeGrammar):
        self.parsed = parsed
        self.grammar = grammar
        self.spans = sorted(parsed.sents) or _split_sentences(parsed.text)
        self.starts = [s for s, _ in self.spans]
        self._tense: dict[int, int] = {}
        self.clause_break = _clause_break(tuple((parsed.data.get("speech") or {}).get("complementizers", [])))

    def index(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def tense(self, start: int, end: int) -> int:
        """-1 past, +1 future, 0 neither, for the clause around [start, end)."""
        doc = self.parsed.doc
        if doc is not None:
            t = self._parsed_tense(doc, start, end)
            if t is not None:
                return t
        i = self.index(start)
        s, e = self.spans[i]
        # the clause the expression stands in speaks first ("Sejm przyjął w piątek ustawę, która podniesie
        # ceny": Friday is past), then the sentence
        text = self.parsed.text
        left = max((m.end() for m in self.clause_break.finditer(text, s, start)), default=s)
        right = next((m.start() for m in self.clause_break.finditer(text, end, e)), e)
        clause = self._cue_tense(text[left:right])
        if clause:
            return clause
        if i not in self._tense:
            self._tense[i] = self._cue_tense(text[s:e])
        return self._tense[i]

    def _cue_tense(self, sentence: str) -> int:
        if any(c.search(sentence) for c in self.grammar.future_cues):
            return 1
        if any(c.search(sentence) for c in self.grammar.past_cues):
            return -1
        return 0

    def _parsed_tense(self, doc, start: int, end: int) -> int | None:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        tok = span.root
        for _ in range(12):
            if tok.pos_ in ("VERB", "AUX") and tok.i not in range(span.start, span.end):
                break
            if tok.head is tok:
                break
            tok = tok.head
        if tok.pos_ not in ("VERB", "AUX") or tok.i in range(span.start, span.end):
            return self._sentence_tense(span.sent)
        return self._verb_tense(tok)

    def _verb_tense(self, verb) -> int:
        helpers = [c for c in verb.children if c.dep_.startswith("aux")]
        if verb.dep_ == "xcomp" and verb.head is not verb:
            helpers.append(verb.head)
        future_aux = self.grammar.future_aux
        if "Fut" in verb.morph.get("Tense") or any("Fut" in h.morph.get("Tense") for h in helpers):
            return 1
        if any(fold(h.lemma_) in future_aux or fold(h.text) in future_aux for h in helpers):
            return 1
        if fold(verb.lemma_) in future_aux and any(c.dep_ == "xcomp" for c in verb.children):
            return 1
        if any(t in ("Past", "Imp") for t in verb.morph.get("Tense")):
            return -1
        if any("Past" in h.morph.get("Tense") or "Imp" in h.morph.get("Tense") for h in helpers):
            return -1
        return 0

    def _sentence_tense(self, sent) -> int:
        votes = [self._verb_tense(t) for t in sent if t.pos_ == "VERB" or (t.pos_ == "AUX" and t.dep_ in ("ROOT", "cop"))]
        if any(v > 0 for v in votes):
            return 1
        if any(v < 0 for v in votes):
            return -1
        return 0


def _year_counts_something(doc, start: int, end: int) -> bool:
    """True when a bare four-digit number counts a plural noun ('2000 soldats'), so it is no year
    (a year modifies a singular one: 'the 2010 raid')."""
    if doc is None:
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) != 1:
        return False
    tok = span[0]
    head = tok.head
    return tok.dep_ == "nummod" and head.i > tok.i and head.pos_ == "NOUN" and "Plur" in head.morph.get("Number")


def _named_days(readings, sentences: _Sentences) -> list[tuple[int, int, date]]:
    """(offset, sentence index, day) of every expression that names a day."""
    days = []
    for m, norm, _ in readings:
        if norm is not None and norm.value and _DAY_VALUE.match(norm.value):
            try:
                days.append((m.start, sentences.index(m.start), date.fromisoformat(norm.value[:10])))
            except ValueError:
                continue
    return days


def _day_of_clock(offset: int, days: list[tuple[int, int, date]], sentences: _Sentences, text: str,
                  anchor: date | None = None, tense: int = 0) -> date | None:
    """The day a clock time is on: the nearest day named in its sentence, else the
    last day named before it in its paragraph, else in the paragraph before (where a
    story often names the day its next paragraph tells the hours of). A day named
    before its sentence must agree with the sentence's tense: what was done at 23.40
    was not done on a day still to come."""
    here = sentences.index(offset)
    same = [d for d in days if d[1] == here]
    if same:
        return min(same, key=lambda d: abs(d[0] - offset))[2]
    if anchor is not None and tense:
        days = [d for d in days if (d[2] <= anchor if tense < 0 else d[2] >= anchor)]
    paragraph_start = text.rfind("\n\n", 0, offset)
    previous_start = text.rfind("\n\n", 0, max(paragraph_start, 0))
    for start in (paragraph_start, previous_start):
        before = [d for d in days if start <= d[0] < offset]
        if before:
            return before[-1][2]
        if start < 0:
            break
    return None


def _anchor_date(parsed: Parsed) -> date | None:
    return parsed.published.date() if parsed.published is not None else None


def _after_deadline_word(text: str, start: int, words: tuple[str, ...]) -> bool:
    """Does a deadline word ("before", "d'ici", "entro") stand right before `start`?"""
    before = fold(text[max(0, start - 30):start]).rstrip().replace("’", "'")
    return any(before == w or before.endswith((" " + w, "\n" + w)) or w.endswith("'") and before.endswith(w)
               for w in words)


def extract_times(parsed: Parsed, tz_hint: str | None = None) -> list[TimeExpr]:
    """Every time expression of the text, normalized against `parsed.published`.

    `tz_hint` (an IANA zone) is what "local time" means in the article.
    """
    grammar = grammar_for(parsed.lang)
    text = parsed.text or ""
    if not grammar.rules or not text:
        return []
    if tz_hint is None:
        tz_hint = parsed.extras.get("main_timezone") if isinstance(parsed.extras, dict) else None
    anchor = _anchor_date(parsed)
    sentences = _Sentences(parsed, grammar)
    deadline = tuple(fold(w) for w in ((parsed.data.get("times") or {}) if parsed.data else {}).get("deadline_words", []))

    readings: list[tuple[_Match, Norm | None, object]] = []
    for m in _select(_candidates(grammar, text), len(text)):
        if m.kind == "ignore":
            continue
        if m.kind == "clock":
            c = clock(m.groups, grammar)
            if c is not None:
                readings.append((m, None, c))
            continue
        if m.kind == "year":
            if _BARE_YEAR.match(text[m.start:m.end]):
                y = int(text[m.start:m.end])
                if not _BARE_YEAR_RANGE[0] <= y <= _BARE_YEAR_RANGE[1]:
                    continue
                if _year_counts_something(parsed.doc, m.start, m.end):
                    continue
        if m.kind == "offset" and not m.groups.get("back") and anchor is not None \
                and hours_or_less(m.groups, grammar) and sentences.tense(m.start, m.end) < 0:
            # "in N hours" told in the past is how long something took ("was recorded in 24 hours"; "over
            # drie maanden" stays a date ahead, as a reported plan may be told in the past)
            norm = normalize("duration", m.groups, grammar, anchor, 0)
            if norm is not None:
                readings.append((m, norm, None))
                continue
        needs_tense = m.kind in ("date", "part_of_year") and not m.groups.get("year") and not m.groups.get("dir")
        tense = sentences.tense(m.start, m.end) if needs_tense and anchor is not None else 0
        if needs_tense and _after_deadline_word(text, m.start, deadline):
            tense = 1
        norm = normalize(m.kind, m.groups, grammar, anchor, tense)
        if norm is not None:
            readings.append((m, norm, None))

    days = _named_days(readings, sentences)
    out: list[TimeExpr] = []
    for m, norm, c in readings:
        utc = None
        if c is not None:
            day = _day_of_clock(m.start, days, sentences, text, anchor,
                                sentences.tense(m.start, m.end) if anchor is not None else 0) or anchor
            norm, utc = clock_norm(c, day, tz_hint)
        out.append(TimeExpr(text=text[m.start:m.end], start=m.start, end=m.end, type=norm.type,
                            value=norm.value, granularity=norm.granularity, utc=utc))
    return out
