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
def _pycountry_names(lang: str, translated_only: bool = False) -> dict[str, str]:
    """Folded country names -> ISO2: the English ones and their translations in `lang`;
    or the translations alone, as written."""
    import pycountry

    try:
        tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang]).gettext
    except OSError:
        tr = None
    out: dict[str, str] = {}
    for c in pycountry.countries:
        english = {n for n in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)) if n}
        names = set() if translated_only else set(english)
        if tr:
            names |= {tr(n) for n in english} - (english if translated_only else set())
        key = (lambda n: n) if translated_only else fold
        for n in names:
            out.setdefault(key(n), c.alpha_2)
            if ", " in n:  # "Russie, Fédération de" -> "Russie"
                out.setdefault(key(n.split(", ")[0]), c.alpha_2)
    return out


def case_forms(name: str, endings: dict[str, list[str]]) -> list[str]:
    """The case forms of a one-word name from the language's table of nominative endings and
    what replaces them ("болгария" -> "болгарии", "болгарию", "болгарией"); the longest
    ending that fits decides, and one with no forms marks names that do not decline."""
    if " " in name or "-" in name or len(name) < 4:
        return []
    fits = [e for e in endings if name.endswith(e)]
    if not fits:
        return []
    end = max(fits, key=len)
    stem = name[: len(name) - len(end)]
    return [stem + f for f in endings[end] or []]


class CountryLexicon:
    """Looks up country names and demonyms of one language."""

    def __init__(self, data: LangData):
        self.names = dict(_pycountry_names(data.code))
        listed = data.mapping("countries")
        self.names.update(listed)
        endings = (data.get("morphology") or {}).get("country_case_endings") or {}
        if endings:  # case forms of the names written in this language, where none is listed
            own = {**_pycountry_names(data.code, translated_only=True),
                   **{r[0]: r[1] for r in data.table("countries") if len(r) > 1}}
            for name, code in own.items():
                for form in case_forms(name.lower(), endings):
                    self.names.setdefault(fold(form), code)
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
