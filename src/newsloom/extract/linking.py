"""Within one article: mentions that name the same thing become one entity.

A surname alone ("Poutine") joins the full name ("Vladimir Poutine") when only
one person of the article carries it; a name written in another case or with
other accents joins too; a single word the model typed as a place or an
organization joins the person whose surname it is.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from newsloom.extract.entities import Mention
from newsloom.langdata import fold


@dataclass
class Group:
    type: str
    mentions: list[Mention] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)
    country: str | None = None

    def longest(self) -> str:
        return max(self.forms, key=lambda f: (len(f.split()), len(f)))


def _person_key_tokens(form: str) -> list[str]:
    return fold(form).replace("-", " ").split()


def link(text: str, mentions: list[Mention], inflections: tuple[str, ...] = (),
         is_country: Callable[[str], bool] | None = None) -> list[Group]:
    """Group mentions into entities; `inflections` are case endings to strip when
    comparing surnames in inflected languages (e.g. Russian 'а', 'у'). Every name of
    a country joins in one entity ("Россия", "России"); `is_country` tells a country's
    name from a region's, which also carries a country."""
    persons: list[Group] = []
    others: dict[str, Group] = {}

    # the endings folded like the names they are cut from ("ой" is "ои" in "ивановои")
    endings = sorted({fold(e) for e in inflections}, key=len, reverse=True)

    def stem(tok: str) -> str:
        for end in endings:
            if len(tok) > len(end) + 3 and tok.endswith(end):
                return tok[: -len(end)]
        return tok

    def person_for(form: str, at: int | None = None) -> Group | None:
        toks = [stem(t) for t in _person_key_tokens(form)]
        hits = []
        for g in persons:
            full = [stem(t) for t in _person_key_tokens(g.longest())]
            if toks == full or (toks and set(toks) <= set(full) and toks[-1] == full[-1]):
                hits.append(g)
            elif len(toks) == 1 and toks[0] in full:
                hits.append(g)
        if len(hits) == 1:
            return hits[0]
        exact = [g for g in hits if toks[-1:] == [stem(t) for t in _person_key_tokens(g.longest())][-1:]]
        if len(exact) == 1:
            return exact[0]
        # a surname two people share stands for the one named last before it ("Laura García ... la
        # ministra Mónica García ... declaró García")
        before = [(max(m.start for m in g.mentions if m.start < at), i) for i, g in enumerate(exact)
                  if at is not None and any(m.start < at for m in g.mentions)]
        return exact[max(before)[1]] if len(toks) == 1 and before else None

    ordered = sorted(mentions, key=lambda m: (-(len(text[m.start:m.end].split())), m.start))
    for m in ordered:
        form = text[m.start:m.end]
        if m.type == "PERSON":
            g = person_for(form, m.start)
            if g is None:
                g = Group("PERSON")
                persons.append(g)
            g.mentions.append(m)
            g.forms.append(form)
    for m in sorted(mentions, key=lambda m: m.start):
        if m.type == "PERSON":
            continue
        form = text[m.start:m.end]
        if not m.fixed and len(form.split()) == 1:
            g = person_for(form)
            if g is not None:
                g.mentions.append(m)
                g.forms.append(form)
                continue
        as_country = m.country and m.type == "PLACE" and (is_country is None or is_country(form))
        key = f"country:{m.country}" if as_country else " ".join(stem(t) for t in fold(form).split())
        g = others.get(key)
        if g is None:
            g = others[key] = Group(m.type, country=m.country)
        g.mentions.append(m)
        g.forms.append(form)
    _merge_acronyms(others)
    groups = persons + list(others.values())
    for g in groups:
        g.mentions.sort(key=lambda m: m.start)
        fixed = [m.type for m in g.mentions if m.fixed]
        if g.type != "PERSON":
            g.type = Counter(fixed or [m.type for m in g.mentions]).most_common(1)[0][0]
        g.country = g.country or next((m.country for m in g.mentions if m.country), None)
    return sorted(groups, key=lambda g: g.mentions[0].start)


def _initials(form: str) -> str:
    return "".join(w[0] for w in form.replace("-", " ").split() if w[:1].isupper())


def _merge_acronyms(others: dict[str, Group]) -> None:
    """An acronym ("EU") joins the one name whose capitals spell it ("European Union")."""
    for key, g in list(others.items()):
        form = g.forms[0]
        if not (2 <= len(form) <= 6 and form.isupper() and form.isalpha()):
            continue
        hits = [h for k, h in others.items() if k != key and h is not g and any(_initials(f) == form for f in h.forms)]
        if len(hits) == 1:
            hits[0].mentions.extend(g.mentions)
            hits[0].forms.extend(g.forms)
            del others[key]
