"""Country names and demonyms of a language -> ISO 3166-1 alpha-2.

Sources, per language: the project's `countries.tsv` and `demonyms.tsv`, the
country names pycountry ships in that language (gettext catalogues), and the
English names of pycountry. Matching is case- and accent-insensitive.
"""
from __future__ import annotations

import functools
import gettext
import re

from newsloom.langdata import LangData, fold


@functools.lru_cache(maxsize=None)
def _pycountry_names(lang: str) -> dict[str, str]:
    import pycountry

    try:
        tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang]).gettext
    except OSError:
        tr = None
    out: dict[str, str] = {}
    for c in pycountry.countries:
        names = {c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)}
        if tr:
            names |= {tr(n) for n in list(names) if n}
        for n in names:
            if not n:
                continue
            out.setdefault(fold(n), c.alpha_2)
            if ", " in n:  # "Russie, Fédération de" -> "Russie"
                out.setdefault(fold(n.split(", ")[0]), c.alpha_2)
    return out


class CountryLexicon:
    """Looks up country names and demonyms of one language."""

    def __init__(self, data: LangData):
        self.names = dict(_pycountry_names(data.code))
        self.names.update(data.mapping("countries"))
        self.demonyms = data.mapping("demonyms")
        forms = sorted(set(self.names) | set(self.demonyms), key=len, reverse=True)
        self._pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(f) for f in forms if f) + r")(?!\w)") if forms else None

    def country_of_name(self, name: str) -> str | None:
        return self.names.get(fold(name))

    def country_of_demonym(self, word: str) -> str | None:
        return self.demonyms.get(fold(word))

    def find_all(self, text: str) -> list[tuple[int, int, str, str]]:
        """(start, end, ISO2, 'name'|'demonym') for every country cue in `text`.

        Offsets are valid for `text` because folding keeps one character per
        character for the scripts in the data (accents removed, case folded)."""
        if not self._pattern:
            return []
        folded = _fold_keep_length(text)
        out = []
        for m in self._pattern.finditer(folded):
            key = m.group(1)
            kind = "name" if key in self.names else "demonym"
            code = self.names.get(key) or self.demonyms.get(key)
            # Short all-caps forms (e.g. "US") must be written in capitals in the text.
            surface = text[m.start():m.end()]
            if len(key) <= 3 and not surface.isupper():
                continue
            # A country name is written with a capital where the script has capitals ("réunion" is no country).
            if kind == "name" and surface[:1].islower():
                continue
            out.append((m.start(), m.end(), code, kind))
        return out


def _fold_keep_length(text: str) -> str:
    out = []
    for ch in text:
        f = fold(ch) if not ch.isspace() else " "
        out.append(f if len(f) == 1 else ch.lower() if len(ch.lower()) == 1 else ch)
    return "".join(out)
