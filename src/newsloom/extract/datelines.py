"""Datelines: the place, and the wire agency, that open a news story or one of its paragraphs.

    KYIV, Nov 24 (Reuters) - ...        MADRID, 24 nov (EFE).- ...
    BERLIN (dpa) - ...                  Roma, 24 nov. (askanews) – ...
    GAZA CITY/JERUSALEM — ...           МОСКВА, 24 ноя — ...
    АНКАРА, 25 ноября (ТАСС). ...

The shape is the same in every language: a place name at the start of a line, then an optional
date after a comma, an optional agency in brackets, and a dash. A statistical model sees an
upper-case city there as an organization or misses it; the place is where the story is filed from,
so it is also what sets the article's time zone.
"""
from __future__ import annotations

import re

from newsloom.extract.entities import Mention
from newsloom.extract.geo import Gazetteer

_WORDS = r"[^\W\d_][\w'’.-]*(?:[ \t]+[^\W\d_][\w'’.-]*){0,3}"
_DATELINE = re.compile(
    rf"^[ \t]*(?P<places>{_WORDS}(?:[ \t]*/[ \t]*{_WORDS})*)"
    r"(?:[ \t]*,[ \t]*(?P<date>[^\n()–—,]{1,30}?))?"
    r"(?:[ \t]*\([ \t]*(?P<agency>[^\W\d_][^()\n]{0,30}?)[ \t]*\))?"
    # the dash stands apart (or after the agency's bracket and a full stop: "(EFE).-") and text follows
    # it on the line; a date range ("5 September 1953 – 1 January 1965") is no dateline
    r"(?:[ \t]*\.?[ \t]*(?<=[\s).])(?:--?|[–—])(?=[ \t]*[^\s\d–—-])"
    # or a full stop, then the text: after the agency's bracket ("АНКАРА, 25 ноября (ТАСС). Министр ..."),
    # a date ("ИРКУТСК, 13 мая. Из-за ..."), or the place alone ("Warszawa. Sejm w piątek ...")
    r"|(?P<stop>\.)[ \t]+(?=[^\W\d_]))", re.M)


def _a_place(name: str, gazetteer: Gazetteer) -> bool:
    """A place of that very name, or a sizeable one that goes by it."""
    return bool(gazetteer.named(name) or gazetteer.sizeable(name))


def dateline_mentions(text: str, gazetteer: Gazetteer) -> list[Mention]:
    """The places and agencies of the datelines in `text`. A name of two letters is a country code
    ("HR-Zk"), not a dateline."""
    out: list[Mention] = []
    for m in _DATELINE.finditer(text):
        date, agency = m.group("date"), m.group("agency")
        if date is not None and not any(c.isdigit() for c in date):
            continue  # "Roma, la capitale -": a comma, but no date after it
        if date is not None and re.search(r"\d{4}", date) and agency is None and not m.group("places").isupper():
            continue  # a person's dates ("Davis, 5 September 1953 -- ..."): a dateline without an
            # agency has no year
        names = [(x.start() + m.start("places"), x.end() + m.start("places"))
                 for x in re.finditer(r"[^/]+", m.group("places"))]
        names = [(a + len(text[a:b]) - len(text[a:b].lstrip()), a + len(text[a:b].rstrip())) for a, b in names]
        # the full stop of "México.-" ends the dateline, not the name (an initial's stays: "D.C.")
        names = [(a, b - 1) if text[b - 1] == "." and not re.search(r"\.\w\.$", text[a:b]) else (a, b) for a, b in names]
        upper = all(text[a:b].isupper() for a, b in names)
        paragraph = _paragraph_follows(text, m.end())
        if not upper and date is None and agency is None and not paragraph:
            continue  # "Madrid - ...": a capitalized word and a dash are too little without capitals,
            # unless a paragraph follows on the line ("Landshut – Im Betrugsprozess ...")
        if _full_stop_only(m, text, upper, paragraph):
            continue
        # the bracket may hold the town's province, not an agency ("DEIVA MARINA (La Spezia) –")
        province = gazetteer.resolve(agency) if agency and agency[:1].isupper() \
            and (not agency.isupper() or len(agency) > 4) and _a_place(agency, gazetteer) else None
        # (an agency's initials may spell a town: "PAP", "ANSA"; "ALMERÍA" is a province)
        if not all(text[a:a + 1].isupper() and b - a >= 3 and (
                _a_place(text[a:b], gazetteer)
                or province is not None and gazetteer.towns(text[a:b], {province.country})) for a, b in names):
            continue
        out.extend(Mention(a, b, "PLACE", fixed=True) for a, b in names)
        if agency:
            a = m.start("agency")
            out.append(Mention(a, a + len(agency), "PLACE" if province else "ORG", fixed=True))
    return out


def _paragraph_follows(text: str, at: int) -> bool:
    """Does a paragraph (80 characters or more) follow `at` on its line?"""
    line_end = text.find("\n", at)
    return len(text[at:line_end if line_end >= 0 else len(text)].strip()) >= 80


def _full_stop_only(m: re.Match, text: str, upper: bool, paragraph: bool) -> bool:
    """Is this no dateline that ends in a full stop? One ends in it after an agency's bracket, after
    a date behind a place in capitals, or after a place alone that opens a paragraph on its line; the
    text after it opens with a capital."""
    if m.group("stop") is None or m.group("agency"):
        return False
    if not text[m.end():m.end() + 1].isupper():
        return True
    if m.group("date") is not None:
        return not upper
    return not paragraph or len(m.group("places").split()) > 3


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """The stretches of text that are datelines with an agency or a date ("MADRID, 25 nov (EFE).-"):
    the agency filed the story and acts in none of its events."""
    out = []
    for m in _DATELINE.finditer(text):
        date, agency = m.group("date"), m.group("agency")
        if _full_stop_only(m, text, m.group("places").isupper(), _paragraph_follows(text, m.end())):
            continue
        if agency or (date is not None and any(c.isdigit() for c in date)) or m.group("places").isupper():
            out.append((m.start(), m.end()))
    return out


def with_datelines(text: str, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """`mentions` with the datelines' places and agencies in place of what overlaps them."""
    found = dateline_mentions(text, gazetteer)
    if not found:
        return mentions
    kept = [m for m in mentions if not any(m.start < d.end and d.start < m.end for d in found)]
    return sorted(kept + found, key=lambda x: x.start)
