"""From the named groups of a matched time pattern to a TimeML value.

Language-independent: every word is looked up in the grammar's vocabularies.
Relative expressions resolve against an anchor date (the article's publication
date) and the tense of their sentence (-1 past, 0 neutral, +1 future).
Impossible dates ("31 février") give None, never an exception.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from newsloom.extract.time_grammar import TimeGrammar

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_TIME_UNITS = {"H", "MIN", "S"}


@dataclass(frozen=True)
class Norm:
    """A normalized expression: TimeML type, value, granularity."""

    type: str
    value: str | None
    granularity: str | None


# ---------------------------------------------------------------- numbers

def number(grammar: TimeGrammar, text: str | None) -> float | str | None:
    """Digits ('30,4'), a number word ('trois') or 'X' for vague words ('quelques')."""
    if not text:
        return None
    t = text.strip()
    if t and t[0].isdigit():
        try:
            return float(t.replace(",", "."))
        except ValueError:
            return None
    value = grammar.lookup("numbers", t)
    if value is None:
        parts = [grammar.lookup("numbers", p) for p in re.split(r"[-\s]+", t) if p]
        if parts and all(isinstance(p, (int, float)) for p in parts):
            return float(sum(parts))
        return None
    return value if value == "X" else float(value)


def parse_int(text: str | None, grammar: TimeGrammar | None = None) -> int | None:
    if not text:
        return None
    m = re.match(r"\d+", text)
    if m:
        return int(m.group())
    if grammar is not None:
        n = number(grammar, text)
        return int(n) if isinstance(n, float) and n.is_integer() else None
    return None


def _roman(text: str) -> int | None:
    total, prev = 0, 0
    for ch in reversed(text.upper()):
        v = _ROMAN.get(ch)
        if v is None:
            return None
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total or None


def _unit(grammar: TimeGrammar, text: str | None) -> tuple[float, str] | None:
    """'semaines' -> (1, 'W'); 'décennie' -> (10, 'Y')."""
    code = grammar.lookup("units", text)
    if not code:
        return None
    m = re.match(r"^(\d*)([A-Z]+)$", str(code))
    if not m:
        return None
    return float(m.group(1) or 1), m.group(2)


def _fmt(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


# ---------------------------------------------------------------- calendar

def _safe_date(y: int, m: int, d: int) -> date | None:
    if not (1 <= m <= 12) or not (1 <= d <= calendar.monthrange(y, m)[1]) or not (1 <= y <= 9999):
        return None
    return date(y, m, d)


def _add_months(d: date, months: int) -> date:
    idx = d.year * 12 + d.month - 1 + months
    y, m = divmod(idx, 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


# A day and month this close to the publication date are the nearest such day, whatever the
# sentence's tense: the tense is often the announcement's ("called a strike for 3 December").
NEAR_DAYS = 45


def _pick_year(anchor: date, month: int, day: int | None, direction: int, tense: int) -> int:
    """The year of a day/month written without one, as news reads it."""
    def when(y: int) -> date | None:
        return _safe_date(y, month, day or 1) if day else date(y, month, 1)

    y = anchor.year
    if day is None:  # month granularity: compare months
        if direction > 0:
            return y if month > anchor.month else y + 1
        if direction < 0:
            return y if month < anchor.month else y - 1
        if (month - anchor.month) % 12 == 1:
            return y if month > anchor.month else y + 1  # next month, whatever the tense ("договорились о встрече в декабре")
        if (anchor.month - month) % 12 == 1:
            return y if month < anchor.month else y - 1  # last month
        if tense > 0:
            return y if month >= anchor.month else y + 1
        if tense < 0:
            return y if month <= anchor.month else y - 1
        return y
    candidates = [c for c in (when(y - 1), when(y), when(y + 1)) if c]
    if not candidates:
        return y
    if direction > 0:
        after = [c for c in candidates if c > anchor]
        return after[0].year if after else y
    if direction < 0:
        before = [c for c in candidates if c < anchor]
        return before[-1].year if before else y
    nearest = min(candidates, key=lambda c: abs((c - anchor).days))
    if abs((nearest - anchor).days) <= NEAR_DAYS:
        return nearest.year  # "convocaron huelga el 3 de diciembre", written on 25 November: this year's
    if tense > 0:
        after = [c for c in candidates if c >= anchor]
        return after[0].year if after else y
    if tense < 0:
        before = [c for c in candidates if c <= anchor]
        return before[-1].year if before else y
    return nearest.year


def weekday_date(anchor: date, weekday: int, direction: int, tense: int) -> date:
    """The weekday nearest the anchor in the direction the text or its tense says."""
    delta = (weekday - anchor.isoweekday()) % 7
    if direction > 0:
        return anchor + timedelta(days=delta or 7)
    if direction < 0:
        return anchor - timedelta(days=(7 - delta) % 7 or 7)
    if delta == 0:
        return anchor
    if tense < 0:
        return anchor - timedelta(days=7 - delta)
    return anchor + timedelta(days=delta)


def _pod(grammar: TimeGrammar, text: str | None) -> str | None:
    code = grammar.lookup("parts_of_day", text)
    return str(code) if code else None


# TimeML's codes for the parts of a day, and the granularity a record gives them: the value of
# "yesterday evening" is the day in ISO 8601 ("2025-08-13"), its granularity "evening"
# (TimeML would write "2025-08-13TEV"; see `timeml_value`).
PARTS_OF_DAY = {"MO": "morning", "MI": "midday", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime"}
_POD_CODES = {v: k for k, v in PARTS_OF_DAY.items()}


def timeml_value(value: str | None, granularity: str | None) -> str | None:
    """A record's value as TimeML writes it: a part of a day after its date ("2025-08-13TEV")."""
    code = _POD_CODES.get(granularity or "")
    return f"{value}T{code}" if value and code and re.fullmatch(r"\d{4}-\d\d-\d\d", value) else value


def _with_pod(d: date, pod: str | None) -> Norm:
    if pod:
        return Norm("TIME", d.isoformat(), PARTS_OF_DAY.get(pod, "part-of-day"))
    return Norm("DATE", d.isoformat(), "day")


def _two_digit_year(yy: int, anchor: date | None) -> int:
    base = anchor.year if anchor else 2000
    century = base - base % 100
    year = century + yy
    return year - 100 if year > base + 10 else year


# ---------------------------------------------------------------- by kind

def _calendar(g: dict, grammar: TimeGrammar, anchor: date | None, tense: int) -> Norm | None:
    direction = int(grammar.lookup("directions", g.get("dir")) or 0)
    year = parse_int(g.get("year"))
    if year is None and g.get("year2"):
        year = _two_digit_year(int(g["year2"]), anchor)
    if year is None and g.get("ydir") and anchor is not None:  # "in September last year", "w marcu przyszłego roku"
        year = anchor.year + int(grammar.lookup("directions", g.get("ydir")) or 0)
    month_text = g.get("month")
    month = parse_int(month_text) if month_text and month_text[0].isdigit() else grammar.lookup("months", month_text)
    day = parse_int(g.get("day"), grammar)
    weekday = grammar.lookup("weekdays", g.get("weekday"))
    pod = _pod(grammar, g.get("pod"))
    season = grammar.lookup("seasons", g.get("season"))

    if season:
        if year is None:
            if anchor is None:
                return Norm("DATE", f"XXXX-{season}", "season")
            year = anchor.year + direction
        return Norm("DATE", f"{year:04d}-{season}", "season")
    if month is not None and day is not None:
        if year is None:
            if anchor is None:
                return Norm("DATE", f"XXXX-{int(month):02d}-{day:02d}", "day")
            year = _pick_year(anchor, int(month), day, direction, tense)
            if weekday is not None:
                # a weekday named with the date settles the year ("lundi 1er décembre")
                fits = [y for y in (year, anchor.year, anchor.year + 1, anchor.year - 1)
                        if (d := _safe_date(y, int(month), day)) and d.isoweekday() == int(weekday)]
                year = fits[0] if fits else year
        d = _safe_date(year, int(month), day)
        return _with_pod(d, pod) if d else Norm("DATE", None, "day")
    if month is not None:
        if not 1 <= int(month) <= 12:
            return None
        if year is None:
            if anchor is None:
                return Norm("DATE", f"XXXX-{int(month):02d}", "month")
            year = _pick_year(anchor, int(month), None, direction, tense)
        return Norm("DATE", f"{year:04d}-{int(month):02d}", "month")
    if weekday is not None:
        if anchor is None:
            return Norm("DATE", f"XXXX-WXX-{weekday}", "day")
        return _with_pod(weekday_date(anchor, int(weekday), direction, tense), pod)
    if year is not None:
        return Norm("DATE", f"{year:04d}", "year")
    return None


def _relative_day(g: dict, grammar: TimeGrammar, anchor: date | None, tense: int) -> Norm | None:
    offset = int(grammar.lookup("relative_days", g.get("rel")) or 0)
    pod = _pod(grammar, g.get("pod"))
    if anchor is None:
        return Norm("TIME" if pod else "DATE", None, PARTS_OF_DAY.get(pod, "part-of-day") if pod else "day")
    return _with_pod(anchor + timedelta(days=offset), pod)


def _period_value(d: date, code: str) -> tuple[str, str] | None:
    if code == "D":
        return d.isoformat(), "day"
    if code == "W":
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}", "week"
    if code == "WE":
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}-WE", "week"
    if code == "M":
        return f"{d.year:04d}-{d.month:02d}", "month"
    if code == "Y":
        return f"{d.year:04d}", "year"
    return None


def _move(d: date, amount: float, code: str) -> date | None:
    n = int(amount)
    try:
        if code in ("D",):
            return d + timedelta(days=n)
        if code in ("W", "WE"):
            return d + timedelta(weeks=n)
        if code == "M":
            return _add_months(d, n)
        if code == "Y":
            return _add_months(d, 12 * n)
    except (OverflowError, ValueError):
        return None
    return None


def hours_or_less(g: dict, grammar: TimeGrammar) -> bool:
    """Is the unit of a matched amount of time an hour or shorter ("in 24 hours", not "in three months")?"""
    unit = _unit(grammar, g.get("unit"))
    return unit is not None and unit[1] in _TIME_UNITS


def _offset(g: dict, grammar: TimeGrammar, anchor: date | None, tense: int) -> Norm | None:
    n = number(grammar, g.get("num"))
    unit = _unit(grammar, g.get("unit"))
    if unit is None or n is None:
        return None
    mult, code = unit
    sign = -1 if g.get("back") else 1
    if code in _TIME_UNITS or n == "X" or anchor is None or not float(n * mult).is_integer():
        return Norm("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", None)
    moved = _move(anchor, sign * n * mult, code)
    if moved is None:
        return Norm("DATE", None, None)
    if mult >= 10 and code == "Y":  # "il y a deux décennies": a year is as precise as it gets
        return Norm("DATE", f"{moved.year:04d}", "year")
    value, gran = _period_value(moved, "D" if code == "W" else code) or (None, None)
    return Norm("DATE", value, gran)


def _shift(g: dict, grammar: TimeGrammar, anchor: date | None, tense: int) -> Norm | None:
    unit = _unit(grammar, g.get("unit"))
    if unit is None:
        return None
    mult, code = unit
    if code in _TIME_UNITS:
        return None
    direction = int(grammar.lookup("directions", g.get("dir")) or 0)
    if anchor is None:
        return Norm("DATE", None, None)
    if mult != 1:  # decade / century / quarter: name the year span
        if code == "Y":
            span = int(mult)
            start = anchor.year - anchor.year % span + direction * span
            digits = len(str(span)) - 1
            if span == 10:
                return Norm("DATE", f"{start:04d}"[:3] + "X", "decade")
            return Norm("DATE", f"{start:04d}"[: 4 - digits], "century")
        if code == "M" and mult == 3:
            q = (anchor.month - 1) // 3 + direction
            y, q = anchor.year + q // 4, q % 4
            return Norm("DATE", f"{y:04d}-Q{q + 1}", "quarter")
        return None
    moved = _move(anchor, direction, code)
    if moved is None:
        return None
    value, gran = _period_value(moved, code) or (None, None)
    return Norm("DATE", value, gran)


def _duration(g: dict, grammar: TimeGrammar, anchor: date | None, tense: int) -> Norm | None:
    unit = _unit(grammar, g.get("unit"))
    if unit is None:
        return None
    mult, code = unit
    n = number(grammar, g.get("num")) if g.get("num") else "X"
    if n is None:
        return None
    if code == "Y" and mult == 1 and isinstance(n, float) and n.is_integer() and 1800 <= n <= 2200 \
            and re.fullmatch(r"\d{4}", (g.get("num") or "").strip()):
        return Norm("DATE", f"{int(n):04d}", "year")  # a year and its noun ("na 2026 rok"), not 2026 years
    if code == "WE":
        code, mult = "D", 2 * mult
    time_part = code in _TIME_UNITS
    letter = {"MIN": "M"}.get(code, code)
    amount = "X" if n == "X" else _fmt(n * mult)
    return Norm("DURATION", f"P{'T' if time_part else ''}{amount}{letter}", None)


def _set(g: dict, grammar: TimeGrammar, anchor: date | None, tense: int) -> Norm | None:
    if g.get("setword"):
        value = grammar.lookup("sets", g["setword"])
        return Norm("SET", str(value), None) if value else None
    weekday = grammar.lookup("weekdays", g.get("weekday"))
    if weekday is not None:
        return Norm("SET", f"XXXX-WXX-{weekday}", None)
    pod = _pod(grammar, g.get("pod"))
    if pod:
        return Norm("SET", f"XXXX-XX-XXT{pod}", None)
    unit = _unit(grammar, g.get("unit"))
    if unit:
        mult, code = unit
        letter = {"MIN": "M"}.get(code, code)
        if code == "WE":
            return Norm("SET", "XXXX-WXX-WE", None)
        return Norm("SET", f"P{'T' if code in _TIME_UNITS else ''}{_fmt(mult)}{letter}", None)
    return None


def _decade(g: dict, grammar: TimeGrammar, anchor: date | None, tense: int) -> Norm | None:
    text = g.get("decade") or ""
    if len(text) == 2:
        yy = int(text)
        base = anchor.year if anchor else 2000
        century = base - base % 100
        full = century + yy if century + yy <= base else century - 100 + yy
        text = f"{full:04d}"
    if len(text) != 4:
        return None
    return Norm("DATE", text[:3] + "X", "decade")


def _century(g: dict, grammar: TimeGrammar, anchor: date | None, tense: int) -> Norm | None:
    text = g.get("century") or ""
    n = int(text) if text.isdigit() else _roman(text)
    if not n or n > 99:
        return None
    return Norm("DATE", f"{n - 1:02d}", "century")


def _year(g: dict, grammar: TimeGrammar, anchor: date | None, tense: int) -> Norm | None:
    year = parse_int(g.get("year"))
    if year is None and g.get("year2"):
        year = _two_digit_year(int(g["year2"]), anchor)
    return Norm("DATE", f"{year:04d}", "year") if year is not None else None


def _ref(g: dict, grammar: TimeGrammar, anchor: date | None, tense: int) -> Norm | None:
    value = grammar.lookup("refs", g.get("ref"))
    return Norm("DATE", str(value), None) if value else None


def _part_of_year(g: dict, grammar: TimeGrammar, anchor: date | None, tense: int) -> Norm | None:
    """A quarter or a half of a year ("the third quarter", "im ersten Halbjahr 2026", "Q3 2025"):
    of the year written, else of the publication's year (the year after, for a part already over
    that is spoken of in the future; the year before, for one still ahead spoken of in the past)."""
    part = grammar.lookup("year_parts", g.get("part")) or (g.get("part") or "").upper()[:1]
    n = parse_int(g.get("nth")) if (g.get("nth") or "")[:1].isdigit() else grammar.lookup("ordinals", g.get("nth"))
    count = {"Q": 4, "H": 2}.get(str(part))
    if count is None or not isinstance(n, int) or not 1 <= n <= count:
        return None
    year = parse_int(g.get("year"))
    if year is None and anchor is None:
        return Norm("DATE", None, "quarter" if part == "Q" else "half")
    if year is None:
        year = anchor.year
        first_month, last_month = (n - 1) * 12 // count + 1, n * 12 // count
        if tense > 0 and last_month < anchor.month:
            year += 1
        elif tense < 0 and first_month > anchor.month:
            year -= 1
    return Norm("DATE", f"{year:04d}-{part}{n}", "quarter" if part == "Q" else "half")


_BY_KIND = {
    "part_of_year": _part_of_year, "date": _calendar, "relative_day": _relative_day, "offset": _offset, "shift": _shift,
    "duration": _duration, "set": _set, "decade": _decade, "century": _century,
    "year": _year, "ref": _ref,
}


def normalize(kind: str, groups: dict, grammar: TimeGrammar, anchor: date | None, tense: int) -> Norm | None:
    """The TimeML reading of a non-clock match, or None when it is not a time expression."""
    fn = _BY_KIND.get(kind)
    try:
        return fn(groups, grammar, anchor, tense) if fn else None
    except (ValueError, OverflowError):
        return Norm("DATE", None, None)
