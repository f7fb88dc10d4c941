"""Line-level cleaning of scraped text: drop what a scraper left behind, find section titles.

Each line is judged by its shape (does it read like a sentence?), by repetition,
by its position among its neighbours, by its language against the document's,
and by the per-language pattern files `data/<lang>/boilerplate.yaml`. Nothing
that has the shape of a body sentence is ever dropped by the shape rules.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

from newsloom import langdata
from newsloom.language import identify
from newsloom.schema import Heading, Removed

_TERMINAL = tuple(".!?…:;»\"”’)")
_WORD = re.compile(r"\w+(?:[-’']\w+)*", re.UNICODE)
_LIST_ITEM = re.compile(r"^\s*(?:[-•*·]|\d+[.)])\s+")

MAX_HEADING_WORDS = 15
MAX_HEADING_CHARS = 140
MAX_TITLE_WORDS = 25
MAX_FOREIGN_WORDS = 8


@dataclass(frozen=True)
class Cleaned:
    text: str
    headings: list[Heading]
    removed: list[Removed]
    title: str | None = None


@dataclass
class _Line:
    number: int  # 1-based line number in the input
    text: str
    block: int  # index of the blank-line-separated block
    removed: str | None = None
    heading: bool = False
    byline: bool = False  # the author line under the title: never joined to the line before


def words(s: str) -> list[str]:
    return _WORD.findall(s)


def sentence_shaped(s: str) -> bool:
    """A line that reads like running text: ends like a sentence or is long."""
    s = s.strip()
    n = len(words(s))
    if n >= 20:
        return True
    return n >= 4 and s.endswith(_TERMINAL) and not s.endswith(":")


@functools.lru_cache(maxsize=None)
def _patterns(lang: str) -> tuple[tuple[str, re.Pattern, int], ...]:
    """(reason, compiled pattern, max words) from the language's and the common boilerplate files."""
    out = []
    for data in (langdata.load(lang), langdata.common()):
        spec = data.get("boilerplate") or {}
        limit = int(spec.get("max_words", 25))
        for reason, pats in (spec.get("patterns") or {}).items():
            for p in pats:
                out.append((reason, re.compile(p, re.I), limit))
    return tuple(out)


@functools.lru_cache(maxsize=None)
def _byline_words(lang: str) -> tuple[str, ...]:
    spec = langdata.load(lang).get("boilerplate") or {}
    return tuple(w.lower() for w in spec.get("byline_words") or ())


_DATE_DIGITS = re.compile(r"\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b(?:19|20)\d\d\b")


def _byline_shaped(s: str, lang: str) -> bool:
    """A short line naming the author and/or the date: 'di Chiara Benedetti | 16 ottobre 2025',
    'Ирина Соколова, 22 мая 2025', 'By Jane Doe'."""
    if sentence_shaped(s) or len(words(s)) > MAX_FOREIGN_WORDS + 4:
        return False
    low = s.lower()
    return "|" in s or bool(_DATE_DIGITS.search(s)) or any(
        low.startswith(w + " ") for w in _byline_words(lang))


def _boilerplate_reason(line: str, lang: str) -> str | None:
    n = len(words(line))
    for reason, pat, limit in _patterns(lang):
        if n <= limit and pat.search(line):
            return reason
    return None


def _heading_shaped(s: str, max_words: int = MAX_HEADING_WORDS) -> bool:
    s = s.strip()
    if not s or len(s) > MAX_HEADING_CHARS * max_words // MAX_HEADING_WORDS or _LIST_ITEM.match(s):
        return False
    n = len(words(s))
    if n == 0 or n > max_words:
        return False
    if s.endswith((".", ",", ";", ":", "…")):
        return False
    first = s.lstrip("«“\"'([")[:1]
    return first.isupper() or first.isdigit()


def _foreign(line: str, doc_lang: str) -> str | None:
    """The language of a short non-sentence line when it clearly differs from the document's."""
    if doc_lang == "und" or sentence_shaped(line) or len(words(line)) > MAX_FOREIGN_WORDS:
        return None
    if sum(c.isalpha() for c in line) < 4:
        return None
    guess = identify(line, max_chars=300)
    if guess.code not in ("und", doc_lang) and guess.confidence >= 0.8:
        return guess.code
    return None


def clean_lines(raw: str, doc_lang: str, *, known_headings: set[int] | None = None,
                detect_title: bool = True) -> Cleaned:
    """Clean scraped text. `known_headings` are 0-based line indices already known to be
    section titles (from HTML markup)."""
    lines: list[_Line] = []
    block = 0
    for i, text in enumerate(raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        text = " ".join(text.split())
        if not text:
            block += 1
            continue
        lines.append(_Line(i + 1, text, block))
    known = {ln.number - 1 for ln in lines} & (known_headings or set())

    counts = Counter(ln.text for ln in lines)
    seen: set[str] = set()
    for ln in lines:
        if ln.number - 1 in known:
            continue
        reason = _boilerplate_reason(ln.text, doc_lang)
        if reason:
            ln.removed = reason
        elif counts[ln.text] > 1 and not sentence_shaped(ln.text):
            ln.removed = "repeated line (teaser or navigation)"
        elif counts[ln.text] > 1 and ln.text in seen:
            ln.removed = "repeated paragraph"
        else:
            lang = _foreign(ln.text, doc_lang)
            if lang:
                ln.removed = f"short line in another language ({lang}) with no sentence shape"
        seen.add(ln.text)

    _linked_titles(lines)
    _spread_to_block(lines, doc_lang)
    kept = [ln for ln in lines if not ln.removed]
    title = None
    for k, ln in enumerate(kept):
        if ln.number - 1 in known:
            ln.heading = True
            continue
        if ln.byline:
            continue
        nxt = kept[k + 1] if k + 1 < len(kept) else None
        if k == 0 and detect_title and nxt is not None and k + 2 < len(kept) \
                and _heading_shaped(ln.text, MAX_TITLE_WORDS) and _byline_shaped(nxt.text, doc_lang) \
                and (sentence_shaped(kept[k + 2].text)  # (the byline may take two lines: author, then date)
                     or k + 3 < len(kept) and _byline_shaped(kept[k + 2].text, doc_lang)
                     and sentence_shaped(kept[k + 3].text)):
            title = ln.text  # the title, then a byline, then the text
            for b in kept[k + 1:k + 3]:
                if b is nxt or not sentence_shaped(b.text):
                    b.byline = True
            continue
        # A section title is a short line without sentence shape that introduces body text.
        if not _heading_shaped(ln.text) or nxt is None or not sentence_shaped(nxt.text):
            continue
        if nxt.block == ln.block and nxt.text[:1].islower():
            continue  # a line broken in the middle of a sentence
        if k == 0 and detect_title:  # (a title without a byline after it keeps the heading's length)
            title = ln.text
            continue
        ln.heading = True
    return _assemble(lines, kept, title)


def _linked_titles(lines: list[_Line]) -> None:
    """A 'read also' label alone on its line ("Leia também", "Related Coverage") points at the
    title on the line after it, which goes with it, and at the titles listed right under that one
    in the same block (no blank line between)."""
    for i, a in enumerate(lines[:-1]):
        if a.removed != "related article" or len(words(a.text)) > 4:
            continue
        prev = None
        for b in lines[i + 1:i + 5]:
            if b.removed or not _heading_shaped(b.text, MAX_TITLE_WORDS) or prev is not None and b.block != prev.block:
                break
            b.removed = "related article"
            prev = b


def _spread_to_block(lines: list[_Line], lang: str = "") -> None:
    """A short non-sentence line that shares a block with removed lines, and with no kept
    sentence, is part of the same leftover (a 'related' box, a share bar); not the author's line
    of a byline whose date stamp was removed ("Par Claire Dubreuil" over "Publié le ...")."""
    byline = tuple(w + " " for w in _byline_words(lang)) if lang else ()
    by_block: dict[int, list[_Line]] = {}
    for ln in lines:
        by_block.setdefault(ln.block, []).append(ln)
    for members in by_block.values():
        if not any(m.removed for m in members):
            continue
        if any(not m.removed and sentence_shaped(m.text) for m in members):
            continue
        for m in members:
            if not m.removed and len(words(m.text)) <= MAX_FOREIGN_WORDS \
                    and not _author_line(m.text, byline):
                m.removed = "part of a block of scraper leftovers"


def _author_line(text: str, byline: tuple[str, ...]) -> bool:
    """A byline word, then names: 'Par Claire Dubreuil', 'di Francesco Morabito', 'Текст: Марина Лебедева'."""
    low = text.lower()
    word = next((w for w in byline if low.startswith(w)), None)
    if word is None:
        return False
    names = re.findall(r"[^\W\d_][\w’'.-]*", text[len(word):])
    return 2 <= len(names) <= 8 and sum(n[:1].isupper() for n in names) * 3 >= len(names) * 2


def _assemble(lines: list[_Line], kept: list[_Line], title: str | None) -> Cleaned:
    parts: list[str] = []
    headings: list[Heading] = []
    pos = 0
    for k, ln in enumerate(kept):
        prev = kept[k - 1] if k else None
        hard_wrap = (prev is not None and prev.block == ln.block and not prev.heading and not ln.heading
                     and ln.number == prev.number + 1
                     and not prev.text.endswith(_TERMINAL) and ln.text[:1].islower() and not ln.byline)
        if parts:
            sep = " " if hard_wrap else "\n\n"
            parts.append(sep)
            pos += len(sep)
        if ln.heading:
            headings.append(Heading(text=ln.text, start=pos, end=pos + len(ln.text)))
        parts.append(ln.text)
        pos += len(ln.text)
    removed = [Removed(text=ln.text, reason=ln.removed, line=ln.number) for ln in lines if ln.removed]
    return Cleaned("".join(parts), headings, removed, title)
