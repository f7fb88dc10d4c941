"""Amounts: numbers in the text with what they count ("1 550 têtes nucléaires").

The notation of a language (separators, multiplier words, number words,
currencies, percent words) is read from `data/<lang>/numbers.yaml`; the code
knows no word of any language. The unit is a currency code, "percent", or the
noun phrase after the number (from the parse when there is one, else the next
words). Numbers inside time expressions (years, clock times, dates) are not
amounts: the caller passes their spans, or they are found with `extract_times`.
"""
from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field

from newsloom.extract.context import Parsed
from newsloom.langdata import fold, load
from newsloom.schema import Amount

_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")


def _variants(word: str) -> set[str]:
    """A listed word as written, plus its capitalized form when listed in lower case."""
    out = {word}
    if word.islower():
        out.add(word[:1].upper() + word[1:])
    return out


def _alternation(words, fold_case: bool = False) -> str:
    variants: set[str] = set()
    for w in words:
        w = str(w).strip()
        if w:
            variants |= _variants(w)
    if not variants:
        return "(?!)"
    escaped = []
    for v in sorted(variants, key=lambda v: (-len(v), v)):
        e = re.escape(v).replace("'", "['\u2019]").replace(r"\ ", r"\s+")
        escaped.append(e)
    body = "|".join(escaped)
    return f"(?i:{body})" if fold_case else f"(?:{body})"


@dataclass(frozen=True)
class NumberGrammar:
    """Compiled notation of one language."""

    regex: re.Pattern | None = None
    link_currency: re.Pattern | None = None
    thousands: tuple[str, ...] = ()
    decimal: str = "."
    words: dict[str, float] = field(default_factory=dict)
    multipliers: dict[str, float] = field(default_factory=dict)
    currencies: dict[str, str] = field(default_factory=dict)
    articles: frozenset[str] = frozenset()
    links: frozenset[str] = frozenset()
    stop_words: frozenset[str] = frozenset()
    unit_words: int = 2
    unit_ends_at_noun: bool = False  # every noun has a capital: the unit ends at the first one
    point_decimal_too: bool = False  # a point before one or two digits is a decimal point too

    by_country: dict[str, dict[str, str]] = field(default_factory=dict)

    def currency(self, text: str | None, country: str | None = None) -> str | None:
        """The ISO code of a written currency; one several countries write alike ("pesos", "$")
        is the article's country's where the language data lists it."""
        if not text:
            return None
        t = " ".join(text.split())
        local = (self.by_country.get(t) or self.by_country.get(fold(t)) or {}).get(country or "")
        return local or self.currencies.get(t) or self.currencies.get(fold(t))


def build_number_grammar(spec: dict) -> NumberGrammar:
    if not spec:
        return NumberGrammar()
    decimal = str(spec.get("decimal", "."))
    thousands = tuple(str(t) for t in spec.get("thousands") or [])
    sep = "[" + "".join(re.escape(t) for t in thousands) + "]" if thousands else "(?!)"
    dec = re.escape(decimal)
    digits = rf"\d{{1,3}}(?:{sep}\d{{3}})+(?:{dec}\d+)?|\d+(?:{dec}\d+)?"
    point_too = str(spec.get("point_decimal_too", "")).lower() in ("yes", "true") and decimal != "."
    if point_too:  # "8.5 por ciento" as Mexico writes it: a point before one or two digits is no thousands mark
        digits = rf"\d+\.\d{{1,2}}(?![\d.,])|{digits}"
    words = {fold(str(k)): float(v) for k, v in (spec.get("words") or {}).items()}
    word = _alternation((spec.get("words") or {}).keys(), fold_case=True)
    wordnum = rf"{word}(?:[\s-]+{word})*"
    multipliers = {str(k): float(v) for k, v in (spec.get("multipliers") or {}).items()}
    currencies = {str(k): str(v) for k, v in (spec.get("currencies") or {}).items()}
    currencies.update({fold(k): v for k, v in list(currencies.items())})
    mult = _alternation(multipliers)
    cur = _alternation((spec.get("currencies") or {}).keys())
    pct = _alternation(spec.get("percent") or [], fold_case=True)
    regex = re.compile(
        rf"(?<![\w.,\-/])(?:(?P<cur_pre>{cur})\s?)?(?P<num>{digits}|{wordnum})"
        rf"(?![.,]\d)(?:\s?(?P<mult>{mult})\.?)?(?:\s?(?P<pct>{pct})|\s?(?P<cur>{cur}))?(?![\w])"
    )
    links = [str(x) for x in spec.get("links") or []]
    link_currency = re.compile(rf"\s+(?:{_alternation(links, fold_case=True)})\s*(?P<cur>{cur})(?![\w])") if links else None
    return NumberGrammar(
        regex=regex, link_currency=link_currency, thousands=thousands, decimal=decimal, words=words,
        multipliers={**multipliers, **{fold(k): v for k, v in multipliers.items()}}, currencies=currencies,
        by_country={key: {str(c): str(v) for c, v in (codes or {}).items()}
                    for k, codes in (spec.get("currency_by_country") or {}).items() for key in (str(k), fold(str(k)))},
        articles=frozenset(fold(str(a)) for a in spec.get("articles") or []),
        links=frozenset(fold(str(x)) for x in links),
        stop_words=frozenset(fold(str(x)) for x in spec.get("stop_words") or []),
        unit_words=int(spec.get("unit_words", 2)),
        unit_ends_at_noun=str(spec.get("unit_ends_at_noun", "")).lower() in ("yes", "true"),
        point_decimal_too=point_too,
    )


@functools.lru_cache(maxsize=None)
def number_grammar_for(lang: str) -> NumberGrammar:
    """The compiled notation of a language (derived from immutable package data)."""
    return build_number_grammar(load(lang).get("numbers") or {})


def _digits_value(text: str, g: NumberGrammar) -> float | None:
    if g.point_decimal_too and re.fullmatch(r"\d+\.\d{1,2}", text):
        return float(text)
    t = text
    for sep in g.thousands:
        if sep != g.decimal:
            t = t.replace(sep, "")
    t = t.replace(g.decimal, ".")
    try:
        v = float(t)
    except (ValueError, OverflowError):
        return None
    return v if math.isfinite(v) else None


def _words_value(text: str, g: NumberGrammar) -> float | None:
    total = current = 0.0
    for part in re.split(r"[\s-]+", text):
        v = g.words.get(fold(part))
        if v is None:
            return None
        if v == 100:
            current = (current or 1) * 100
        elif v >= 1000:
            total += (current or 1) * v
            current = 0
        else:
            current += v
    return total + current


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _unit_from_doc(doc, pos: int, limit: int) -> tuple[str, int] | None:
    """The head noun after `pos`, with the modifiers just before it and the adjectives after it."""
    tokens = [t for t in doc if pos <= t.idx < limit]
    first = None
    for t in tokens[:4]:
        if t.pos_ in ("NOUN", "PROPN"):
            last = t
            for nxt in doc[t.i + 1:]:
                if nxt.pos_ == "ADJ" and nxt.head.i == t.i:
                    last = nxt
                else:
                    break
            begin = (first or t).idx
            return doc.text[begin:last.idx + len(last.text)], last.idx + len(last.text)
        if t.pos_ == "ADJ" or t.dep_ == "amod":
            first = first or t
        elif t.pos_ in ("ADP", "DET", "SPACE") and first is None:
            continue
        else:
            return None
    return None


def _unit_from_words(text: str, pos: int, g: NumberGrammar) -> tuple[str, int] | None:
    words: list[re.Match] = []
    i = pos
    while len(words) < g.unit_words:
        m = _WORD.match(text, i + len(text[i:]) - len(text[i:].lstrip(" \u00a0\u202f")))
        if not m or fold(m.group()) in g.stop_words or (words and m.group()[:1].isupper() and not g.unit_ends_at_noun):
            break
        words.append(m)
        i = m.end()
        if g.unit_ends_at_noun and m.group()[:1].isupper():
            break
    if not words:
        return None
    return text[words[0].start():words[-1].end()], words[-1].end()


def _skip_links(text: str, pos: int, g: NumberGrammar) -> int:
    m = re.match(r"\s+(\w+['\u2019]?)\s*", text[pos:pos + 40])
    if m and fold(m.group(1)) in g.links:
        return pos + m.end()
    return pos


def extract_amounts(parsed: Parsed, exclude: list[tuple[int, int]] | None = None,
                    country: str | None = None) -> list[Amount]:
    """Every amount of the text. `exclude`: spans of time expressions (found here when None);
    `country`: the article's, for currencies several countries write alike."""
    g = number_grammar_for(parsed.lang)
    text = parsed.text or ""
    if g.regex is None or not text:
        return []
    if exclude is None:
        from newsloom.extract.times import extract_times

        exclude = [(t.start, t.end) for t in extract_times(parsed)]
    exclude = sorted(exclude)
    out: list[Amount] = []
    for m in g.regex.finditer(text):
        start, end = m.span()
        if _overlaps(start, end, exclude):
            continue
        num = m.group("num")
        is_digits = num[0].isdigit()
        if not is_digits and fold(num) in g.articles and not m.group("mult"):
            continue
        value = _digits_value(num, g) if is_digits else _words_value(num, g)
        mult = m.group("mult")
        if mult and text[end - 1] == "." and (len(mult) >= 5 and not mult.endswith(".") or not text[end:].strip()
                                              or re.match(r"\s*(?:\n|[A-ZÀ-ÞА-Я])", text[end:end + 5])):
            end -= 1  # the sentence's full stop after a word ("903 millones."), not an abbreviation's
        if value is not None and mult:
            value *= g.multipliers.get(mult, g.multipliers.get(fold(mult), 1.0))
        if value is not None and not math.isfinite(value):
            value = None
        if value is not None:
            value = float(f"{value:.12g}")  # 32,7 × 10⁹ is 32700000000, not 32700000000.000004
        if not (m.group("pct") or m.group("cur") or mult) and re.match(r"-[^\W\d_]", text[end:end + 2]):
            continue  # a number opening a compound word counts nothing ("24-stündigen", "a 24-hour strike")
        unit = None
        if m.group("pct"):
            unit = "percent"
        elif g.currency(m.group("cur")) or g.currency(m.group("cur_pre")):
            unit = g.currency(m.group("cur"), country) or g.currency(m.group("cur_pre"), country)
        elif g.link_currency is not None and (lc := g.link_currency.match(text, end)):
            unit, end = g.currency(lc.group("cur"), country), lc.end()
        else:
            found = None
            pos = _skip_links(text, end, g) if mult else end
            if parsed.doc is not None:
                found = _unit_from_doc(parsed.doc, pos, pos + 60)
            if found is None and parsed.doc is None:
                found = _unit_from_words(text, pos, g)
            if found is not None and not _overlaps(end, found[1], exclude):
                unit, end = found
        if unit is None and mult and value is not None:
            # "903 millones" after "1.250 millones de euros" in the same paragraph: the same currency
            unit = _currency_before(text, start, out, g)
        out.append(Amount(text=text[start:end], start=start, end=end, value=value, unit=unit))
    return out


def _currency_before(text: str, start: int, found: list[Amount], g: NumberGrammar) -> str | None:
    """The currency of the last amount of money before `start` in its paragraph, unless people or
    things were counted since ("3 millones de habitantes y 5 millones")."""
    para = text.rfind("\n\n", 0, start)
    for a in reversed(found):
        if a.start <= para:
            return None
        if a.unit in g.currencies.values():
            return a.unit
        if a.unit and a.unit != "percent":
            return None
    return None
