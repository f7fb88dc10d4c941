"""Entities: the statistical model's mentions, corrected by general rules, merged per entity.

Corrections (all driven by per-language data):
- a title's complement glued to the next name ("Maison-Blanche Karoline Leavitt",
  "Kremlin Dmitri Peskov") is split into the institution and the person;
- institutions a model takes for places (Kremlin, White House) get their type;
- a common noun in front of a name ("traité New START") leaves the name and gives its type;
- portfolio fragments after a title ("ministre des Affaires") are not entities;
- words inside a name give its type ("Joint Base ..." is a facility).
"""
from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass, replace

from newsloom.extract.context import Parsed
from newsloom.langdata import LangData, common, fold, function_words, languages, load

# spaCy labels -> record types; labels not listed (dates, numbers) are not entities.
TYPE_MAP = {
    "PER": "PERSON", "PERSON": "PERSON", "LOC": "PLACE", "GPE": "PLACE", "FAC": "FACILITY",
    "ORG": "ORG", "NORP": "GROUP", "PRODUCT": "PRODUCT", "EVENT": "EVENT", "WORK_OF_ART": "WORK",
    "LAW": "WORK", "MISC": "MISC",
}
_TOKEN = re.compile(r"\S+")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")  # letters, hyphens and apostrophes between them
_ELIDED = re.compile(r"[^\W\d_]{1,4}['’]")  # an elided particle: "d'", "dell'"
_ELIDED_NAME = re.compile(_ELIDED.pattern + r"[^\W\d_a-zß-ÿ]\S*")  # and the name it is joined to: "dell'Aviazione"
_INITIALS = re.compile(r"(?:[^\W\d_]\.\s?){1,3}")  # "В. И. ", "J.R.R. "
# initials and a surname the model missed ("В. И. Ленина", "J. M. Coetzee")
_INITIALED_NAME = re.compile(
    r"(?<![\w.-])(?:([^\W\d_]+)\s+)?((?:[^\W\d_]\.(?:-[^\W\d_]\.)?\s?){1,3})([^\W\d_]+(?:-[^\W\d_]+)?)(?![\w-])")
_QUOTES = "\"'«»„“”‚‘’‹›"
_QUOTE_MARKS = "".join(c for c in _QUOTES if c not in "'’‚‘")  # never an apostrophe
_WORD_TOKEN = re.compile(r"(?<![\w-])[^\W\d_]+(?:-[^\W\d_]+)*(?![\w-])")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    type: str
    country: str | None = None
    fixed: bool = False  # type set by a lexicon; not to be changed by weaker cues


class EntityRules:
    """Per-language lexicons used to correct model mentions; build once per language."""

    def __init__(self, data: LangData, countries):
        self.data = data
        self.countries = countries
        self.institutions = {fold(r[0]): (r[1] if len(r) > 1 and r[1] else "ORG", r[2] if len(r) > 2 and r[2] else None)
                             for r in data.table("institutions")}
        titles = data.get("titles") or {}
        self.titles = {fold(t) for t in titles.get("titles", [])}
        self.of_words = {fold(o) for o in titles.get("of_words", [])}
        self.portfolios = {fold(p) for p in titles.get("portfolios", [])}
        self.honorifics = {fold(h) for h in titles.get("honorifics", [])}
        self.honorifics_bare = {h.rstrip(".") for h in self.honorifics}
        self.post_nominals = frozenset(titles.get("post_nominals", []))  # as written: "KC", "MP"
        self.determiners = {fold(j) for j in titles.get("joiners", []) if j.isalpha()}
        self.determiners_elided = {fold(j) for j in titles.get("joiners", []) if j.endswith(("'", "’"))}
        self.nouns_capitalized = str((data.get("places") or {}).get("nouns_capitalized", "")).lower() in ("yes", "true")
        self.place_prepositions = {fold(p) for p in (data.get("places") or {}).get("prepositions", [])}
        times = data.get("times") or {}
        self.months = frozenset(fold(w) for w in times.get("months") or {})
        self.weekdays = frozenset(fold(w) for w in times.get("weekdays") or {})
        self.day_words = self.weekdays | frozenset(fold(w) for w in times.get("relative_days") or {})
        self.calendar_words = self.day_words | self.months
        self.given_names = {r[0] for r in common().table("given_names") if r}
        self.morphology = data.get("morphology") or {}
        self.conjunctions = {fold(c) for c in titles.get("conjunctions", [])}
        # where names keep lower-case words ("Закрытое акционерное общество ...") a mention needs more of
        # them before it counts as running over plain text
        self.runaway_words = int((data.get("entity_cues") or {}).get("runaway_words", RUNAWAY_WORDS))
        cues = data.get("entity_cues") or {}
        shared = common().get("entity_cues") or {}
        self.before = {fold(w): t for t, ws in (cues.get("before") or {}).items() for w in ws}
        self.name_heads = {fold(w) for w in cues.get("name_heads", [])}
        # Languages whose names capitalize every main word: a name ends before a lower-case word
        # that does not join two capitalized ones ("Consejo de Ministros aprobará ...").
        self.names_capitalized = str(cues.get("names_capitalized", "")).lower() in ("yes", "true")
        # a name between quote marks is a work's title, where organizations are not quoted
        self.quoted_names_are_works = str(cues.get("quoted_names_are_works", "")).lower() in ("yes", "true")
        self.connectors = {fold(c) for c in cues.get("name_connectors", [])} or \
            self.of_words | {fold(c) for c in titles.get("conjunctions", [])}
        self.after = {fold(w): t for t, ws in (cues.get("after") or {}).items() for w in ws}
        # titles take a bare genitive complement here ("пресс-секретарь Кремля")
        self.bare_complement = str(titles.get("bare_complement", "")).lower() in ("yes", "true")
        # The word that ties a person to their body in the same phrase, where it is also a surname
        # particle ("Jan de Vries van de Rabobank", but "Ruud van Nistelrooy")
        self.affiliation_words = {fold(w) for w in cues.get("affiliation_words", [])}
        self.inside = {}
        for src in (shared, cues):
            for t, ws in (src.get("inside") or {}).items():
                self.inside.update({w: t for w in ws})
        # Where nouns compound, the last part gives a word's kind ("Irakoorlog", "Linkspartei"); only
        # heads of bodies and events of five letters or more, which end no place's name.
        compounds = str(cues.get("compound_heads", "")).lower() in ("yes", "true")
        self.compound_heads = sorted(((w.lower(), t) for w, t in self.inside.items()
                                      if compounds and len(w) >= 5 and t in ("ORG", "EVENT")),
                                     key=lambda wt: -len(wt[0]))
        names = [r[0] for r in data.table("institutions") if r] + list(self.institutions) + \
            [r[0] for r in data.table("countries") if r] + [n for n in countries.names if len(n) > 3]
        # a short name ("PO", "PiS", "EU") is matched only as the lexicon writes it ("Po" opens a sentence)
        self._short = {n for n in names if len(n) <= 3}
        self._lexicon = re.compile(
            r"(?<![\w-])(" + "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True)) + r")(?![\w-])",
            re.I) if names else None

    # -- corrections -------------------------------------------------------
    @property
    def function_words(self) -> frozenset[str]:
        """The language's function words (spaCy's stop-word list), folded; empty when spaCy has none."""
        return function_words(self.data.code)

    @functools.cached_property
    def title_words(self) -> frozenset[str]:
        """Titles, and the first word of titles of several ("Head" of "Head coach")."""
        return frozenset(self.titles | {t.split()[0] for t in self.titles if " " in t})

    @functools.cached_property
    def glue(self) -> frozenset[str]:
        """Articles and connectors: the lower-case words a name may hold."""
        return frozenset(self.determiners | self.connectors)

    @functools.cached_property
    def joining_words(self) -> frozenset[str]:
        """Connectors that join the words of one name ("de", "of"), as against conjunctions and articles."""
        return frozenset(self.connectors - self.conjunctions - self.determiners)

    def is_given_name(self, word: str) -> bool:
        """A given name, as listed or in a case form ("Эбенезера", "Donalda")."""
        return word in self.given_names or any(b in self.given_names for b in base_forms(word, self.morphology))

    def is_surname_like(self, word: str) -> bool:
        """A capitalized word that names no institution, country, title or body ("Ленина", not "Army")."""
        return bool(_WORD.fullmatch(word)) and word[:1].isupper() and not word.isupper() \
            and word not in self.inside and fold(word) not in self.inside and fold(word) not in self.titles \
            and not self.known(word)

    @functools.cached_property
    def _lemmas(self) -> tuple[dict[str, str], list[str]]:
        """Folded case form -> the form listed first of the same name, where the language declines
        names: rows of the country and institution lists that share their words' stems ("Украине",
        "Госдуме", "Prawa i Sprawiedliwości" -> "Украина", "Госдума", "Prawo i Sprawiedliwość")."""
        if not self.morphology.get("name_endings"):
            return {}, []
        rows = [(r[0], r[1]) for r in self.data.table("countries") if len(r) > 1] + \
            [(r[0], "|".join(r[1:3])) for r in self.data.table("institutions") if r]
        firsts: dict[str, list[str]] = {}
        out = {}
        for form, key in rows:
            same = next((f for f in firsts.get(key, []) if _same_stems(f, form)), None)
            if same is None:
                firsts.setdefault(key, []).append(form)
            elif fold(form) not in out:
                out[fold(form)] = same
        return out, [f for fs in firsts.values() for f in fs if " " in f]

    def lemma(self, name: str) -> str | None:
        """The listed dictionary form of a country or institution written in another case (or of a
        name of several words listed in its first form only: "Московской бирже")."""
        table, multiword = self._lemmas
        found = table.get(fold(name))
        if found is None and " " in name:
            found = next((f for f in multiword if f != name and _same_stems(f, name)), None)
        return found

    def names_nothing(self, s: str) -> bool:
        """An honorific alone ("Dr" of "Vorstandschefin Dr. Anna Schmidt") or a day ("Giovedì i
        mercati ...", "Mañana se reunirá ...") names no one."""
        word = fold(s)
        return word.rstrip(".") in self.honorifics_bare or word in self.day_words

    def no_surname(self, word: str) -> bool:
        """Is this one capitalized word after a title something other than a surname: a name of the
        lexicons, a demonym, a title, a day or month, or a function word?"""
        key = fold(word)
        return bool(self.known(word)) or key in self.countries.demonyms or key in self.titles \
            or key in self.calendar_words or key in self.function_words \
            or key in self.determiners or key in self.honorifics_bare

    def known(self, s: str) -> tuple[str, str | None] | None:
        """(type, country) of an institution or country name, else None."""
        key = fold(s)
        if key in self.institutions:
            return self.institutions[key]
        code = self.countries.country_of_name(s)
        return ("PLACE", code) if code else None

    def _common_word(self, text: str, tok: tuple[int, int]) -> bool:
        """Is this capitalized word one the text also writes in lower case (in any inflection), and
        no given name nor a name of the lexicons?"""
        word = text[tok[0]:tok[1]]
        if len(word) < 5 or not word[:1].isupper() or word.isupper() or self.is_given_name(word) or self.known(word):
            return False
        return word[:5].lower() in _lower_case_stems(text)

    @staticmethod
    def name_after_title(text: str, end: int) -> bool:
        """Does a capitalized word follow right after `end` ("Präsident| Wladimir Putin")?"""
        nxt = re.match(r"\s+(\w)", text[end:end + 4])
        return bool(nxt) and nxt.group(1).isupper()

    def _title_right_before(self, text: str, start: int) -> bool:
        """Is the word right before `start` a title ("przewodniczący |Solidarności ...")?"""
        left = re.search(r"([\w-]+)\s+$", text[max(0, start - 40):start])
        return bool(left) and fold(left.group(1)) in self.titles

    def _after_title(self, text: str, start: int) -> bool:
        """Does a title and a preposition stand right before `start` ("porte-parole de la ")?"""
        left = fold(text[max(0, start - 60):start]).replace("'", "' ").split()
        for n_of in (2, 1):
            if len(left) <= n_of:
                continue
            of = " ".join(left[-n_of:]).replace("' ", "'")
            if of in self.of_words or of.rstrip("'") + "'" in self.of_words:
                head = left[:-n_of]
                for n in (3, 2, 1):
                    if len(head) >= n and " ".join(head[-n:]).lstrip("l'").lstrip("-") in self.titles | {
                            t.split("-")[-1] for t in self.titles}:
                        return True
        return False

    def _capitalized_run(self, text: str, toks: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The tokens up to the first lower-case word that is not a connector between capitals."""
        words = [text[a:b] for a, b in toks]

        def named(w: str) -> bool:  # a capital, a number, a particle joined to a capital ("al-Thaqafi", "d'Estats")
            return w[:1].isupper() or w[:1].isdigit() or "-" in w and w.split("-")[-1][:1].isupper() \
                or bool(_ELIDED.match(w)) and w[_ELIDED.match(w).end():][:1].isupper()

        n = len(toks)
        i = 1
        while i < len(words):
            w = words[i]
            if w.startswith("("):
                break  # a bracket holds an acronym or a gloss of the name ("Clarín (periódico)"): kept as is
            if named(w) or not w[:1].isalpha():
                i += 1
                continue
            # lower-case words may join capitals: connectors, and at most one common noun among
            # them ("Organización de las Naciones Unidas", "Selección de fútbol de Gales")
            j = i
            while j < len(words) and j < i + 4 and words[j][:1].isalpha() and not named(words[j]):
                j += 1
            stretch = [fold(x) for x in words[i:j]]
            nouns = [x for x in stretch if x not in self.connectors]
            if j < len(words) and _WORD.fullmatch(words[j].strip(".,;:")) and named(words[j]) \
                    and stretch[-1] in self.connectors and len(nouns) <= 1:
                i = j
                continue
            n = i
            break
        out = toks[:n]
        while n < len(toks) and len(out) > 1 and not named(text[out[-1][0]:out[-1][1]]):
            out.pop()
        if len(out) == 1 < len(toks) and fold(text[out[0][0]:out[0][1]]) in self.determiners:
            return []  # "Los equipos de ...": only the sentence's article was left
        return out

    def correct(self, text: str, m: Mention) -> list[Mention]:
        """The corrected mention(s) for one model mention; [] to drop it."""
        span = text[m.start:m.end]
        hyphen = re.match(r"-[^\W\d_][\w-]*", text[m.end:m.end + 40])
        if hyphen and fold(span + hyphen.group(0)) in self.titles:
            return []  # the first half of a hyphenated title ("Пресс" of "Пресс-секретарь")
        following = re.match(r"\s+([^\W\d_]+)", text[m.end:m.end + 40])
        if following and following.group(1).islower() and fold(f"{span} {following.group(1)}") in self.titles \
                and m.type != "PERSON":
            return []  # the first word of a title of two ("Premier" of "Premier ministre")
        # A bracket after a name that holds years or dates, or that the name leaves open, is not
        # part of it ("Мастер спорта СССР (1986)", "Барбаре ("); one holding words stays, as a
        # gloss may be part of the name ("Clarín (periódico)", "Уоррен (округ, Айова)").
        bracket = span.find("(")
        close = span.find(")", bracket)
        inside = span[bracket + 1:close if close > 0 else len(span)]
        if bracket > 0 and not any(c.isalpha() for c in inside):
            return self.correct(text, replace(m, end=m.start + len(span[:bracket].rstrip())))
        if bracket > 0 and close == len(span.rstrip()) - 1 and re.fullmatch(r"[^\W\d_][\w&-]+", inside) \
                and (inside.isupper() or self.known(inside)):
            # a name and its short form in brackets ("Federação Nacional dos Professores (Fenprof)"): two
            # mentions, which linking joins where the short form is the name's initials
            a = m.start + bracket + 1
            kn = self.known(inside)
            return [*self.correct(text, replace(m, end=m.start + len(span[:bracket].rstrip()))),
                    Mention(a, a + len(inside), kn[0] if kn else m.type, kn[1] if kn else m.country, bool(kn))]
        if span.endswith(")") and "(" not in span and len(span) > 1:
            return self.correct(text, replace(m, end=m.end - 1))  # the bracket an agency closes ("(ТАСС).")
        colon = re.search(r"[:;]\s", span)
        if colon and fold(span[:colon.start()].strip(_QUOTES + " ")) in self.titles:
            # a title and the name it introduces ('"Trener": Gerardo Pelusso')
            return self.correct(text, replace(m, start=m.start + colon.end(), type="PERSON"))
        if colon:  # a name holds no colon: a headline's two halves ("Warnstreik bei der Bahn: Fernverkehr ...")
            # after a title and its body, the name is the person's ("president van Bangladesh: Ziaur Rahman")
            kind = "PERSON" if self._after_title(text, m.start) and self.known(span[:colon.start()].strip()) else m.type
            return [*self.correct(text, replace(m, end=m.start + colon.start())),
                    *self.correct(text, replace(m, start=m.start + colon.end(), type=kind))]
        toks = [(t.start() + m.start, t.end() + m.start) for t in _TOKEN.finditer(span)]
        marks = [i for i, c in enumerate(span) if c in _QUOTE_MARKS]
        if len(marks) == 1 and fold(span[:marks[0]].strip()) in self.titles:
            # a title in quote marks before the name ('"Trener": Gerardo Pelusso'): the name follows
            toks = [(a, b) for a, b in toks if a > m.start + marks[0]]
            m = replace(m, type="PERSON")
        toks = _without_stray_quotes(text, toks)
        if not toks:
            return []
        if len(toks) == 1 and fold(text[toks[0][0]:toks[0][1]]) in self.determiners:
            return []  # an article alone ("I" of "ROMA – I sindacati")
        first = fold(text[toks[0][0]:toks[0][1]])
        if len(toks) > 1 and first in self.place_prepositions and text[toks[1][0]:toks[1][1]][:1].isupper() \
                and opens_sentence(text, toks[0][0]) and not any(c in span for c in "'’"):
            # a preposition of place capitalized for opening the sentence is no part of the name ("En
            # Washington, el Departamento ...", "Em Bruxelas, a alta representante ..."); one word after it
            # is a place (after one that is also an article, "A Petrobras", it may be anything; an elided
            # article inside is read below: "A Roma l'Atac")
            kind = "PLACE" if len(toks) == 2 and m.type == "PERSON" and first not in self.determiners else m.type
            return self.correct(text, Mention(toks[1][0], toks[-1][1], kind))
        for k in range(1, len(toks)):
            word = text[toks[k][0]:toks[k][1]]
            elided = _ELIDED.match(word)
            if elided and fold(elided.group(0).replace("’", "'")) in self.determiners_elided and word[:1].islower() \
                    and word[elided.end():][:1].isupper() and text[toks[k - 1][0]:toks[k - 1][1]][:1].isupper():
                # an article inside a mention opens a second name ("A Roma l'Atac")
                left = _without_openers(text, replace(m, end=toks[k - 1][1]), self.function_words, self.glue)
                prep = fold(text[toks[0][0]:toks[0][1]])
                if left and left.start == m.start and k > 1 and prep in self.place_prepositions and prep not in self.of_words:
                    left = Mention(toks[1][0], toks[k - 1][1], "PLACE")  # "A Roma": a place after its preposition
                return [*(self.correct(text, left) if left else []),
                        *self.correct(text, replace(m, start=toks[k][0] + elided.end()))]
        bare = toks[1:] if len(toks) > 1 and fold(text[toks[0][0]:toks[0][1]]) in self.determiners else toks
        if m.type != "PERSON" and fold(text[bare[0][0]:bare[-1][1]]) in self.titles:
            return []  # a title alone ("Le Premier ministre")
        prep = re.search(r"([^\W\d_]+)\s+$", text[max(0, toks[0][0] - 20):toks[0][0]])
        while len(toks) > 1 and fold(text[toks[0][0]:toks[0][1]]) in self.weekdays and prep and prep.group(1).islower() \
                and not self.is_given_name(text[toks[0][0]:toks[0][1]]):
            toks = toks[1:]  # a day of the week after its preposition opens no name ("am Dienstag Gäste")
        while len(toks) > 2 and fold(text[toks[-1][0]:toks[-1][1]]) in self.calendar_words \
                and text[toks[-2][0]:toks[-2][1]].islower() and fold(text[toks[-2][0]:toks[-2][1]]) not in self.of_words:
            toks = toks[:-2]  # nor does it end one ("der Ukraine am Sonntag in Genf"; "Plaza de Mayo" stays)
        if m.type == "PERSON":  # two people joined by a conjunction ("Henry Fielding e Laurence Sterne"; a
            # surname joined by one stays: "José Ortega y Gasset")
            k = next((k for k in range(2, len(toks) - 2) if fold(text[toks[k][0]:toks[k][1]]) in self.conjunctions
                      and text[toks[k - 1][0]:toks[k - 1][1]][:1].isupper()
                      and text[toks[k + 1][0]:toks[k + 1][1]][:1].isupper()), None)
            if k is not None:
                return [*self.correct(text, replace(m, end=toks[k - 1][1])),
                        *self.correct(text, replace(m, start=toks[k + 1][0]))]
        if m.type == "PERSON" and self.affiliation_words:
            piece = self._affiliation(text, toks)
            if piece:
                return piece
        # An elided article before a common noun opens no name ("L'esercito", "L'avvocato di Galli").
        if toks:
            first = text[toks[0][0]:toks[0][1]]
            cut = max((first.find(x) + 1 for x in "'’" if x in first[:5]), default=0)
            if cut and fold(first[:cut].replace("’", "'")) in self.determiners_elided and first[cut:cut + 1].islower():
                toks = toks[1:]
            elif not (cut and first[:cut - 1].islower() and _ELIDED.fullmatch(first[:cut])):
                pass  # no lower-case particle opens the mention
            elif len(toks) > 1 and cut == len(first):
                toks = toks[1:]  # the particle written apart ("dell' Aviazione Civile")
            elif first[cut:cut + 1].isupper():
                # a lower-case particle elided onto the name opens no name ("l'Istat", "dall'Organizzazione");
                # after an article, the name is no person's
                toks[0] = (toks[0][0] + cut, toks[0][1])
                if m.type == "PERSON" and fold(first[:cut].replace("’", "'")) in self.determiners_elided:
                    m = replace(m, type="ORG")
        # Leading lower-case words are common nouns, not part of the name ("traité New START"),
        # and so is an article before them ("Il critico letterario Harold Bloom").
        if len(toks) > 2 and fold(text[toks[0][0]:toks[0][1]]) in self.determiners \
                and text[toks[1][0]:toks[1][1]][:1].islower():
            toks = toks[1:]
        cue_type = None
        stripped = 0
        while len(toks) > 1 and not text[toks[0][0]:toks[0][1]][:1].isupper():
            word = fold(text[toks[0][0]:toks[0][1]])
            if word in self.name_heads:
                break  # "mer Méditerranée", "mont Blanc": the common noun is part of the name
            cue_type = cue_type or self.before.get(word)
            if word in self.titles:
                cue_type = "_title"
            toks = toks[1:]
            stripped += 1
        if len(toks) > 1 and opens_sentence(text, toks[0][0]) and self._common_word(text, toks[0]):
            toks = toks[1:]  # a common noun opening the sentence ("Decyzja Brukseli", "Rzecznik Komisji")
        if toks and fold(text[toks[0][0]:toks[0][1]]).rstrip(".") in self.honorifics_bare and len(toks) > 1:
            toks = toks[1:]
        if m.type == "PERSON" and len(toks) > 2 and text[toks[-1][0]:toks[-1][1]].rstrip(".,") in self.post_nominals:
            toks = toks[:-1]  # letters after a name are no part of it ("Catherine Lowe KC", "Jane Doe MP")
        if self.names_capitalized:
            kept = self._capitalized_run(text, toks)
            more = next((i for i in range(len(kept) + 1, len(toks)) if text[toks[i][0]:toks[i][1]][:1].isupper()), None)
            gap = [fold(text[a:b]) for a, b in toks[len(kept):more]]
            if kept and more is not None and sum(w[:1].isalpha() and w not in self.glue for w in gap) >= 2:
                # the model ran on past the name's end, over plain words, into other names ("A Polícia
                # Federal prendeu o ex-governador do Rio de Janeiro Sérgio Cabral"): the rest is read
                # like a runaway mention
                return [*self.correct(text, replace(m, end=kept[-1][1])),
                        *_names_in(text, toks[len(kept)][0], toks[-1][1], m, self)]
            toks = kept
        if len(toks) == 1 and m.type != "PLACE" and opens_sentence(text, toks[0][0]):
            word = text[toks[0][0]:toks[0][1]]
            after = re.match(r"\s+(\w+['’]?)\s*([^\W\d_]+)", text[toks[0][1]:toks[0][1] + 40])
            if after and fold(after.group(1)) in self.of_words and after.group(2).islower() \
                    and not self.known(word) and not self.is_given_name(word):
                return []  # a quantity opening the sentence ("Milhares de docentes", "Migliaia di studenti")
        if len(toks) > 2 and fold(text[toks[0][0]:toks[0][1]]) in self.determiners \
                and fold(text[toks[1][0]:toks[1][1]]) in self.titles:
            toks = toks[1:]  # "Il ministro dell'Economia Giancarlo Bernardi": the article before a title
        if len(toks) > 1 and fold(text[toks[0][0]:toks[0][1]]) in self.titles \
                and not any(text[a:b][:1].isupper() for a, b in toks[1:]):
            return []  # a title with its lower-case complement ("Wójt gminy", "Rzecznik prasowy") is a role
        if len(toks) == 2 and m.type == "ORG" and fold(text[toks[0][0]:toks[0][1]]) in self.titles:
            a, b = toks[1]  # a title and the body it serves ("Rzecznik Komisji"): the body
            kn = self.known(text[a:b]) or ("ORG", None)
            return [Mention(a, b, kn[0], kn[1], bool(self.known(text[a:b])))]
        # A title compounded with the body it serves, taken into the name ("AfD-Fraktionschefin Alice
        # Weidel", "EU-Außenbeauftragte Kaja Kallas"): the body, when known, and the person after it.
        first = text[toks[0][0]:toks[0][1]] if toks else ""
        head, _, tail = first.rpartition("-")
        if len(toks) > 1 and head[:1].isupper() and fold(tail) in self.titles and fold(first) not in self.titles \
                and all(text[a:b][:1].isupper() for a, b in toks[1:]):
            kn = self.known(head)
            body = [Mention(toks[0][0], toks[0][0] + len(head), kn[0], kn[1], True)] if kn else []
            return body + self.correct(text, Mention(toks[1][0], toks[-1][1], "PERSON"))
        # A title (and its demonym) the model took into the name: "Premier Donald Tusk",
        # "Belgische premier Bart De Wever" are people, named by the words after the title.
        titled = False
        while len(toks) > 2 and (fold(text[toks[0][0]:toks[0][1]]) in self.titles
                                 or fold(text[toks[0][0]:toks[0][1]]) in self.countries.demonyms
                                 and fold(text[toks[1][0]:toks[1][1]]) in self.titles
                                 or titled and not text[toks[0][0]:toks[0][1]][:1].isupper()):
            # after the title, its lower-case complement goes too ("Министр энергетики России ...")
            titled = titled or fold(text[toks[0][0]:toks[0][1]]) in self.titles
            toks = toks[1:]
        if titled and m.type != "PERSON" and all(text[a:b][:1].isupper() for a, b in toks):
            m = replace(m, type="PERSON")
        caps = [text[a:b][:1].isupper() for a, b in toks]
        lead = next((i for i, c in enumerate(caps) if not c), len(caps))
        if titled and 2 <= lead < len(toks):
            # the name after a title ends at the first lower-case word ("... Алексей Воронцов прилетел")
            toks, caps = toks[:lead], caps[:lead]
        run = next((i for i, c in enumerate(reversed(caps)) if not c), len(caps))
        before_run = text[toks[-run - 1][0]:toks[-run - 1][1]] if run < len(toks) else ""
        # (not after a preposition: "Szef MSWiA w Radiowej Trójce" names a station, not a person)
        if titled and 2 <= run < len(toks) and fold(before_run) not in self.place_prepositions \
                and not (len(before_run) <= 2 and before_run.islower()):
            # "Аналитик Института энергетической политики Андрей Белов": the title's complement
            # (with lower-case words) and then the person's name
            head = text[toks[0][0]:toks[-run - 1][1]]
            person = Mention(toks[-run][0], toks[-1][1], "PERSON")
            if fold(head) in self.portfolios or any(p.startswith(fold(head)) for p in self.portfolios) or not caps[0]:
                return self.correct(text, person)  # a portfolio, or the start of one, is part of the role
            kn = self.known(head) or ("ORG", None)
            return [Mention(toks[0][0], toks[-run - 1][1], kn[0], kn[1], True), *self.correct(text, person)]
        # A determiner in front of a longer name is not part of it ("The European Union"; "The Hague" stays).
        first = text[toks[0][0]:toks[0][1]] if toks else ""
        before = text[:toks[0][0]].rstrip(" \t") if toks else ""
        # a dash opens a sentence too: after a dateline ("WASHINGTON (Reuters) - The Federal Reserve")
        sentence_start = bool(toks) and (not before or before[-1] in ".!?\n–—" or before.endswith(" -"))
        if len(toks) > 2 and (first.islower() or sentence_start) and fold(first) in self.determiners:
            toks = toks[1:]
        if not toks:
            return []
        # an article elided onto a common noun starts the sentence's next words ("Belluno l'affluenza")
        while len(toks) > 1 and (el := _ELIDED.match(text[toks[-1][0]:toks[-1][1]])) \
                and fold(el.group(0).replace("’", "'")) in self.determiners_elided \
                and text[toks[-1][0] + el.end():toks[-1][1]][:1].islower():
            toks = toks[:-1]
        last = text[toks[-1][0]:toks[-1][1]]
        # the sentence's full stop ("отметил Белов."; after a person's or place's name of several words, a
        # surname of three letters too: "... e Luiz Fux.")
        shortest = 3 if len(toks) > 1 and m.type in ("PERSON", "PLACE") else 4
        if last.endswith(".") and sum(c.isalpha() for c in last) >= shortest and fold(last) not in self.honorifics:
            toks[-1] = (toks[-1][0], toks[-1][1] - 1)
        toks = _without_stray_quotes(text, toks)  # the other mark may have gone with a lower-case opener
        if len(toks) > 1 and m.type != "PERSON" and fold(text[toks[-1][0]:toks[-1][1]]) in self.titles \
                and self.name_after_title(text, toks[-1][1]):
            toks = toks[:-1]  # a title the model took into the body or country before the name ("Russlands Präsident")
        last = text[toks[-1][0]:toks[-1][1]] if toks else ""
        if len(toks) > 1 and last.islower() and fold(last) in self.after and m.type != "PERSON":
            cue_type = self.after[fold(last)]  # the common noun saying what the name is ("the Unite union")
            toks = toks[:-1]
        if not toks:
            return []
        m = replace(m, start=toks[0][0], end=toks[-1][1])
        span = text[m.start:m.end]
        if not any(c.isupper() for c in span) and any(c.isupper() for c in text[:2000]):
            return []  # in a script with capitals, a name has one ("une issue pacifique")
        if len(toks) == 1 and m.type in ("PLACE", "ORG", "MISC") and fold(span) in self.countries.demonyms \
                and not self.known(span):
            return []  # an adjective opening a sentence ("Российский министр ..."), not a name
        if cue_type == "_title" and stripped == 1 and len(toks) == 1 and not self.no_surname(span) \
                and not self._inside_kind(span) and not any(c in span for c in "'’") \
                and not (fold(span) in self.portfolios or any(p.startswith(fold(span)) for p in self.portfolios)):
            return [Mention(toks[0][0], toks[-1][1], "PERSON")]  # the model took the title in ("koningin Máxima")
        if cue_type == "_title" or (fold(span) in self.portfolios or any(p.startswith(fold(span)) for p in self.portfolios)) \
                and self._after_title(text, m.start):
            return []  # a portfolio fragment: part of a role, not a name
        # An institution or country glued in front of a person's name.
        for k in range(len(toks) - 2, 0, -1):
            head = text[toks[0][0]:toks[k - 1][1]]
            rest = text[toks[k][0]:m.end]
            kn = self.known(head)
            if kn and all(text[a:b][:1].isupper() for a, b in toks[k:]) and not self.known(rest) \
                    and (m.type == "PERSON" or self.is_given_name(text[toks[k][0]:toks[k][1]])
                         or self._title_right_before(text, m.start)) \
                    and not any(self._inside_kind(text[a:b]) for a, b in toks[k:]):  # "Polska Grupa Górnicza"
                return [Mention(toks[0][0], toks[k - 1][1], kn[0], kn[1], True),
                        *self.correct(text, Mention(toks[k][0], m.end, "PERSON"))]
        # A name of several words joined by a connector, then a given name and a surname, in a mention
        # that is no person's ("Rio de Janeiro Sérgio Cabral"): two names; not when a word of a body
        # or building stands in either ("Fundação Calouste Gulbenkian")
        words = [text[a:b] for a, b in toks]
        for k in (len(toks) - 2, len(toks) - 3):
            if m.type == "PERSON" or k < 3 or not self.is_given_name(words[k]) or self.is_given_name(words[0]):
                continue
            if all(w[:1].isupper() for w in words[k:]) and words[k - 1][:1].isupper() and words[0][:1].isupper() \
                    and any(fold(w) in self.connectors for w in words[1:k - 1]) \
                    and not any(self._inside_kind(w) for w in words):
                return [*self.correct(text, replace(m, end=toks[k - 1][1])),
                        *self.correct(text, Mention(toks[k][0], m.end, "PERSON"))]
        if len(toks) >= 3 and m.type == "PERSON" and self.bare_complement and self._title_right_before(text, m.start) \
                and self.is_given_name(text[toks[1][0]:toks[1][1]]) and not self.is_given_name(text[toks[0][0]:toks[0][1]]):
            # a title's complement in the genitive, then the name ("przewodniczący Solidarności Piotr Duda")
            a, b = toks[0]
            kn = self.known(text[a:b]) or ("ORG", None)
            return [Mention(a, b, kn[0], kn[1], True), *self.correct(text, Mention(toks[1][0], m.end, "PERSON"))]
        if len(toks) >= 3 and m.type in ("PERSON", "PLACE", "ORG") and self._after_title(text, m.start) \
                and not any(text[a:b][:1].islower() for a, b in toks[1:]):  # not "Câmara dos Deputados"
            a, b = toks[0]
            if fold(text[a:b]) in self.portfolios:  # "Minister van Volkshuisvesting Mona Keijzer"
                return [Mention(toks[1][0], m.end, "PERSON")]
            kn = self.known(text[a:b]) or ("ORG", None)
            return [Mention(a, b, kn[0], kn[1], True), Mention(toks[1][0], m.end, "PERSON")]
        kn = self.known(span)
        if kn:
            return [replace(m, type=kn[0], country=kn[1], fixed=True)]
        words = [w for w in span.split() if fold(w) not in self.determiners]
        if self.nouns_capitalized and m.type in ("ORG", "MISC") and len(words) == 1 and not words[0].isupper():
            return []  # in German every noun has a capital: one such word alone is no name
        initials = text[m.start:toks[-1][0]]
        if m.type in ("ORG", "PLACE", "MISC") and len(toks) >= 2 and _INITIALS.fullmatch(initials) \
                and re.sub(r"[.\s]", "", initials).isupper() and self.is_surname_like(text[toks[-1][0]:toks[-1][1]]):
            return [replace(m, type="PERSON")]  # initials and a surname: "Ф. Ф. Трепова", "J. M. Coetzee"
        if m.type in ("ORG", "PLACE", "MISC") and 2 <= len(words) <= 3 and self.is_given_name(words[0]) \
                and all(_WORD.fullmatch(w) and w[:1].isupper() and not w.isupper() and w not in self.inside
                        and fold(w) not in self.inside for w in words):
            return [replace(m, type="PERSON")]  # "James Joyce", "Michele Serra": a given name opens it
        if m.type == "PERSON" and len(toks) > 1 and text[toks[0][0]:toks[0][1]] in self.inside:
            return [replace(m, type=self.inside[text[toks[0][0]:toks[0][1]]])]  # "Aeroporto LaGuardia", "Estádio ..."
        if m.type != "PERSON":
            inner = [t for t in (self._inside_kind(w) for w in re.findall(r"\w+", span)) if t]
            if inner:
                return [replace(m, type=inner[-1])]
            after = re.match(r"\s+(\w+)", text[m.end:m.end + 30])
            if after and fold(after.group(1)) in self.after:
                return [replace(m, type=self.after[fold(after.group(1))])]
            before = re.search(r"(\w+)\s+$", text[max(0, m.start - 30):m.start])
            kind = before and self.before.get(fold(before.group(1)))
            if kind in ("ORG", "EVENT") and m.type in ("MISC", "ORG", "PLACE"):
                # "i sindacati Cgil e Uil": the noun before types the name, and two names joined are two
                pair = re.fullmatch(r"(\S+)\s+(\w+)\s+(\S+)", span)
                if pair and fold(pair.group(2)) in self.conjunctions and pair.group(3)[:1].isupper():
                    return [Mention(m.start, m.start + len(pair.group(1)), kind),
                            Mention(m.start + pair.start(3), m.end, kind)]
                return [replace(m, type=kind)]
        if cue_type and cue_type != "_title" and m.type in ("MISC", "ORG", "PLACE", "PRODUCT"):
            return [replace(m, type=cue_type)]
        return [m]

    def _affiliation(self, text: str, toks: list[tuple[int, int]]) -> list[Mention] | None:
        """A person and their body the model took for one name ("Michel Verhoeven van Bouwend
        Nederland", "Jan de Vries van de Rabobank"): the affiliation word comes after a given name
        and a surname, and a capitalized name (after an article, maybe) follows it."""
        words = [text[a:b] for a, b in toks]
        for k in range(2, len(toks) - 1):
            if fold(words[k]) not in self.affiliation_words:
                continue
            if not (words[0][:1].isupper() and words[k - 1][:1].isupper() and self.is_given_name(words[0])
                    and not self.is_given_name(words[k - 1]) and not re.fullmatch(r"[IVXL]+", words[k - 1])):
                return None  # "Hendrik Willem van Loon", "Lodewijk I van Beieren" are one name
            j = k + 1 + (fold(words[k + 1]) in self.determiners and k + 2 < len(toks))
            if not all(w[:1].isupper() for w in words[j:]):
                return None
            if j == k + 1 == len(toks) - 1 and not words[j].isupper() and not self.known(words[j]) \
                    and not self._inside_kind(words[j]):
                return None  # one plain word after the particle is a surname ("Peter Hein van Mulligen")
            person = self.correct(text, Mention(toks[0][0], toks[k - 1][1], "PERSON"))
            kn = self.known(text[toks[j][0]:toks[-1][1]])
            if kn and kn[0] == "PLACE":
                return None  # a royal's land ("Marie Gabriëlle van Luxemburg")
            body = Mention(toks[j][0], toks[-1][1], kn[0] if kn else "ORG", kn[1] if kn else None, bool(kn))
            return [*person, body]
        return None

    def _inside_kind(self, word: str) -> str | None:
        """The kind a word inside a name gives it, itself or as the head of a compound."""
        if word in self.inside:
            return self.inside[word]
        low = word.lower()
        return next((t for head, t in self.compound_heads if low.endswith(head) and len(low) > len(head)), None)

    def initialed_names(self, text: str) -> list[Mention]:
        """People written with initials before the surname ("В. И. Ленина", "Harry S. Truman")."""
        out = []
        for x in _INITIALED_NAME.finditer(text):
            given, initials, surname = x.group(1), re.sub(r"[.\s-]", "", x.group(2)), x.group(3)
            if not (initials.isupper() and surname[1:].islower() and self.is_surname_like(surname)):
                continue
            if fold(x.group(2)[:2]) in self.honorifics:  # "M. Dupont": the honorific, then the name
                rest = x.group(2)[2:]
                out.append(Mention(x.start(2) + 2 + len(rest) - len(rest.lstrip()), x.end(3), "PERSON"))
            elif given and given[:1].isupper() and self.is_given_name(given):
                out.append(Mention(x.start(1), x.end(3), "PERSON"))
            # one initial alone may end a sentence before a capitalized word ("класса А. Затем",
            # "Gebäude I. Grades"): taken only before a word that opens no sentence, where nouns
            # have no capital, and never for a Roman numeral
            elif len(initials) > 1 or (fold(surname) not in self.function_words and not self.nouns_capitalized
                                       and initials not in ("I", "V", "X")):
                out.append(Mention(x.start(2), x.end(3), "PERSON"))
        return out

    def given_name_people(self, text: str) -> list[Mention]:
        """A known given name (or its case form) and one or two capitalized surnames after it
        ("Isaac Newton", "Эбенезера Кука"): a person, where the model saw none."""
        out = []
        words = list(_WORD_TOKEN.finditer(text))
        for i, w in enumerate(words):
            first = w.group()
            if out and w.start() < out[-1].end:
                continue  # a surname that is also a given name ("Gabriel García Márquez")
            if not (first[:1].isupper() and first[1:].islower() and self.is_given_name(first)) \
                    or fold(first) in self.honorifics_bare:
                continue  # (an honorific opens no name: "Sir Keir Starmer" is Keir Starmer)
            end = None
            # a second surname ("Gabriel García Márquez"), not where every noun has a capital
            for v, prev in zip(words[i + 1:i + (2 if self.nouns_capitalized else 3)], words[i:i + 2]):
                if text[prev.end():v.start()] not in (" ", "\t") or not self.is_surname_like(v.group()) \
                        or v.group()[1:].isupper():
                    break
                end = v.end()
            if end:
                out.append(Mention(w.start(), end, "PERSON"))
        return out

    CUE_FILLED = ("ORG", "FACILITY", "EVENT")  # what a common noun beside a name may make of it

    @functools.cached_property
    def _cue_stops(self) -> tuple[frozenset[str], frozenset[str]]:
        """Words that end a name found by its cue, and those that cannot open one (a capitalized
        function word may stand inside a name only)."""
        inner = frozenset(self.months | self.weekdays | set(self.titles) | set(self.countries.demonyms))
        return inner, inner | self.function_words

    def cued_mentions(self, text: str) -> list[Mention]:
        """Names a common noun types where the model saw nothing: "il sindacato Cgil", "the FNV
        union". Only bodies, buildings and events; a name opening a sentence counts only in capitals."""
        words = list(re.finditer(r"[^\W\d_][\w'’&.-]*", text))
        inner_skip, skip = self._cue_stops

        def named(k: int) -> bool:  # a capitalized word, or one joined to a capitalized one ("dell'Aviazione")
            w = words[k].group(0)
            return w[:1].isupper() or bool(_ELIDED_NAME.fullmatch(w))

        def joins(k: int) -> bool:  # a connector between two capitalized words ("di", "dell'")
            w = fold(words[k].group(0))
            return (w in self.glue or w.rstrip("'’") in self.glue) and k + 1 < len(words) and named(k + 1)

        out = []
        i = 0
        while i < len(words):
            w = words[i]
            if not w.group(0)[:1].isupper() or fold(w.group(0)) in skip:
                i += 1
                continue
            j = i + 1
            while j < len(words) and j - i < 7 and not text[words[j - 1].end():words[j].start()].strip(" \t") \
                    and not _SENTENCE_END_WORD.search(words[j - 1].group(0)) \
                    and fold(words[j].group(0)) not in inner_skip and (named(j) or joins(j)):
                j += 1  # (never across a sentence's end)
            while j > i + 1 and not named(j - 1):
                j -= 1
            run = words[i:j]
            start, end = run[0].start(), run[-1].end()
            prev = words[i - 1] if i and not text[words[i - 1].end():start].strip() else None
            nxt = words[j] if j < len(words) and not text[end:words[j].start()].strip() else None
            kind = (prev and self.before.get(fold(prev.group(0)))) or (nxt and self.after.get(fold(nxt.group(0))))
            if not kind and len(run) > 1:  # a word inside the name gives it ("De Vereniging Eigen Huis")
                kind = next((k for k in (self.inside.get(w.group(0)) for w in run) if k), None)
            name = text[start:end].rstrip(".")
            if kind in self.CUE_FILLED and (not opens_sentence(text, start) or name.isupper()) and len(name) > 1:
                out.append(Mention(start, start + len(name), kind))
            i = j
        return out

    def _name_goes_on(self, text: str, end: int) -> bool:
        """Does a person's name go on after `end`: a capitalized word, an initial, or a particle that is
        no function word, preposition or conjunction before one ("de" of "Maurizio de Lucia")?"""
        nxt = re.match(r"\s+(?:([^\W\d_]{1,3})\s+)?([^\W\d_])", text[end:end + 12])
        if nxt is None or not nxt.group(2).isupper():
            return _more_name_after(text, end, self)
        particle = fold(nxt.group(1) or "")
        return not particle or nxt.group(1).islower() and particle not in self.function_words \
            and particle not in self.place_prepositions and particle not in self.conjunctions

    def lexicon_mentions(self, text: str) -> list[Mention]:
        """Institutions and country names written with a capital, found without the model."""
        if not self._lexicon:
            return []
        out = []
        for x in self._lexicon.finditer(text):
            s = x.group(1)
            if not s[:1].isupper() or len(s) <= 3 and s not in self._short:
                continue
            if " " not in s and not s.isupper() and s.lower() == fold(s) and fold(s) in self.function_words:
                continue  # a function word opening a sentence, not the name it spells without accents ("Para", "Pará")
            kn = self.known(s)
            if kn and kn[0] == "PLACE" and " " not in s and self.is_given_name(s) \
                    and self._name_goes_on(text, x.end(1)):
                continue  # a given name that is also a country's ("Maurizio de Lucia", "Jordan Bardella")
            if kn:
                out.append(Mention(x.start(1), x.end(1), kn[0], kn[1], True))
        return out


_SENTENCE_END_WORD = re.compile(r"[^\W\d_]{2}\.$")  # "Keijzer." ends a sentence; "J." does not
_HYPHENATED = re.compile(r"-[^\W\d_a-zß-ÿ][\w’']*")
_HYPHENATED_BEFORE = re.compile(r"(?<![\w-])[^\W\d_][\w’']*-$")  # "Sleeswijk-" right before "Holstein"


def _same_stems(a: str, b: str) -> bool:
    """Two forms of one name in different cases: as many words, each pair sharing all but its last
    three letters ("Госдума"/"Госдуме", "Prawo i Sprawiedliwość"/"Prawa i Sprawiedliwości")."""
    wa, wb = fold(a).split(), fold(b).split()
    if len(wa) != len(wb):
        return False
    for x, y in zip(wa, wb):
        common = len(os.path.commonprefix([x, y]))
        if x != y and (common < 3 or common < max(len(x), len(y)) - 3):  # (not "Минфин"/"Минцифры")
            return False
    return True


def base_forms(name: str, morphology: dict) -> list[str]:
    """Dictionary forms of an inflected name ("Москве" -> "Москва", "Эбенезера" -> "Эбенезер"),
    from the language's case endings and the endings its nominatives take."""
    out = []
    changes = morphology.get("stem_changes") or []
    for end in sorted(morphology.get("name_endings", []), key=len, reverse=True):
        if name.endswith(end) and len(name) > len(end) + 2:
            stem = name[: -len(end)]
            out += [stem + n for n in morphology.get("nominative_endings", [])]
            # a stem that alters in the case is the whole nominative ("Poznani|a" -> "Poznań")
            out += [stem[: len(stem) - len(a)] + b for a, b in changes if stem.endswith(a)]
    words = name.split()
    if len(words) == 2 and morphology.get("adjective_endings"):
        # an adjective and a noun, both in the case ("Нижнем Новгороде" -> "Нижний Новгород")
        heads = [words[1], *base_forms(words[1], {**morphology, "adjective_endings": []})]
        for end, nom in morphology["adjective_endings"]:
            if words[0].endswith(end) and len(words[0]) > len(end) + 2:
                out += [f"{words[0][:len(words[0]) - len(end)]}{nom} {h}" for h in heads]
    return out


@functools.lru_cache(maxsize=16)
def _lower_case_stems(text: str) -> frozenset[str]:
    """The first five letters of every word of five or more the text writes in lower case."""
    return frozenset(w[:5] for w in re.findall(r"\b[^\W\d_]{5,}", text) if w.islower())


def _swap_ending(word: str, endings) -> str | None:
    """`word` with the first of its [case ending, nominative ending] pairs that fits swapped."""
    for end, nom in endings:
        if word.endswith(end) and len(word) > len(end) + 1:
            return word[:len(word) - len(end)] + nom
    return None


def nominative(name: str, morphology: dict, is_given_name) -> str | None:
    """The nominative of a person's name written in another case, by the language's
    `person_name_cases` ("Владимира Путина" -> "Владимир Путин"); None when it is one already or
    no case fits."""
    words = name.split()
    if len(words) < 2 or is_given_name(words[0]):
        return None  # one word, or the given name as it stands: the nominative already
    swap = _swap_ending
    for case in morphology.get("person_name_cases") or []:
        given = next((g for g in (swap(words[0], [e]) for e in case.get("given", [])) if g and is_given_name(g)), None)
        alone = str(case.get("alone", "")).lower() in ("yes", "true")
        if given is None and alone and all(swap(w, case.get("given", [])) for w in words):
            given = swap(words[0], case.get("given", []))
        if given is None or swap(words[-1], case.get("other", [])) is None:
            continue  # the surname must take the case too
        rest = [swap(w, case.get("other", [])) or w for w in words[1:]]
        return " ".join([given, *rest])
    return None


def _without_stray_quotes(text: str, toks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The tokens without a quote mark at one end that pairs with none in the name ('Billboard "');
    a name quoted at both ends keeps its marks."""
    if not toks:
        return toks
    a, b = toks[0][0], toks[-1][1]
    span = text[a:b]
    lead = len(span) - len(span.lstrip(_QUOTE_MARKS + " "))
    trail = len(span) - len(span.rstrip(_QUOTE_MARKS + " "))
    middle = span[lead:len(span) - trail]
    if not lead and not trail and sum(c in _QUOTE_MARKS for c in middle) == 1:
        # a quotation opening or closing after the name's first word ('Kompromiss „teuer und'): the
        # name ends before it
        cut = a + next(i for i, c in enumerate(middle) if c in _QUOTE_MARKS)
        kept = [(s, min(e, cut)) for s, e in toks if s < cut]
        return [(s, e) for s, e in kept if text[s:e].strip()] if text[a:cut].strip() else toks
    if not middle or bool(lead) == bool(trail) or any(c in _QUOTE_MARKS for c in middle):
        return toks
    a, b = a + lead, b - trail
    return [(max(s, a), min(e, b)) for s, e in toks if e > a and s < b]


def model_mentions(parsed: Parsed) -> list[Mention]:
    doc = parsed.ner if parsed.ner is not None else parsed.doc
    if doc is None:
        return []
    text = parsed.text
    nouns_capitalized = _nouns_capitalized(parsed)
    out = []
    for e in doc.ents:
        t = TYPE_MAP.get(e.label_)
        if t:
            # A name the model cut at a hyphen keeps both parts ("Grande-Marlaska", "Noord-Amerika",
            # "Санта-Барбаре", "Schleswig-Holstein"); where every noun has a capital, an acronym
            # before a hyphen opens a common noun ("SPD-Vorsitzende", "US-Präsident").
            start, end = e.start_char, e.end_char
            more = _HYPHENATED.match(text, end)
            if more and more.group()[1:2].isupper() and not (
                    t != "PERSON" and nouns_capitalized and text[start:end].isupper()):
                end = more.end()
            less = _HYPHENATED_BEFORE.search(text, max(0, start - 60), start)
            if less and less.group()[:1].isupper():
                start = less.start()
            m = Mention(start, end, t)
            if not any((o.start, o.end) == (m.start, m.end) for o in out):  # both halves grew into one name
                out.append(m)
    return out


def _nouns_capitalized(parsed: Parsed) -> bool:
    return str((parsed.data.get("places") or {}).get("nouns_capitalized", "")).lower() in ("yes", "true")


def _line_pieces(text: str, m: Mention) -> list[Mention]:
    """A name never runs across a line break ("Flamengo" | "Abel Ferreira" of two paragraphs)."""
    if "\n" not in text[m.start:m.end]:
        return [m]
    pieces = [(x.start() + m.start, x.end() + m.start) for x in re.finditer(r"[^\n]+", text[m.start:m.end])]
    return [replace(m, start=a + len(text[a:b]) - len(text[a:b].lstrip()), end=a + len(text[a:b].rstrip()))
            for a, b in pieces if text[a:b].strip()]


def corrected_mentions(parsed: Parsed, rules: EntityRules, titled_names: list[tuple[int, int]] = ()) -> list[Mention]:
    """Model mentions corrected; `titled_names` are spans of names that follow a title,
    added as people where the model saw nothing."""
    text = parsed.text
    mentions: list[Mention] = []
    for m in (x for found in model_mentions(parsed) for x in _line_pieces(text, found)):
        for piece in _runaway_pieces(text, m, rules) if parsed.doc is None else [m]:
            piece = _without_openers(text, piece, rules.function_words if parsed.doc is None else frozenset(),
                                     rules.glue)
            if piece is not None:
                piece = _without_dates(text, piece, rules.months)
            if piece is not None and parsed.doc is None:
                piece = _quoted_or_placed(text, piece, rules)
            if piece is not None:
                mentions.extend(rules.correct(text, piece))
    for a, b in titled_names:
        word = text[a:b]
        if " " not in word and not _lone_surname(text, a, b, titled_names, mentions, rules):
            continue
        # the model saw part of the name ("Noël Barrot" of "Jean-Noël Barrot"), or all of it as something
        # else ("l'alta rappresentante Kaja Kallas" as a body; not where a title takes a body after it
        # in the genitive, "dyrektor Przedstawicielstwa Komisji")
        # a name of two words or more that the model placed, set off by a comma after a title and its
        # complement ("O governador de Minas Gerais, Romeu Zema"); not the complement itself
        # ("Президент Соединённых Штатов Америки Дональд Трамп")
        given = " " in word and not rules.known(word) and text[max(0, a - 2):a].rstrip().endswith(",")
        inside = [m for m in mentions if a <= m.start and m.end <= b
                  and (m.type == "PERSON" or (m.start, m.end) == (a, b) and not m.fixed
                       and (m.type in ("ORG", "MISC") and (not rules.bare_complement or " " not in word)
                            or m.type == "PLACE" and given)
                       and not any(rules._inside_kind(w) for w in text[a:b].split())
                       # or one word of it, cut from a longer mention that ran over the text
                       or " " in word and not m.fixed and not rules.bare_complement and m.type != "PLACE"
                       and " " not in text[m.start:m.end] and not rules.known(text[m.start:m.end])
                       and not rules._inside_kind(text[m.start:m.end]))]
        if inside:
            mentions = [m for m in mentions if m not in inside]
        # the pieces no model mention covers ("Казахстана Айгерим Сатпаева": the name, the country known)
        pieces = rules.correct(text, Mention(a, b, "PERSON"))
        mentions.extend([p for p in pieces if not any(p.start < m.end and m.start < p.end for m in mentions)])
    mentions = [m for m in mentions if m.fixed or not rules.names_nothing(text[m.start:m.end])]
    mentions = _resolve_overlaps(text, mentions)
    # A name with initials replaces what the model made of its pieces ("Präsident Harry" of
    # "Präsident Harry S. Truman") unless a lexicon named them.
    for x in rules.initialed_names(text):
        hit = [m for m in mentions if x.start < m.end and m.start < x.end]
        if not any(m.fixed or m.type == "PERSON" and (m.start < x.start or m.end > x.end) for m in hit):
            mentions = [m for m in mentions if m not in hit] + [x]
    # A given name and a surname fill what the model missed or took for pieces of something else.
    for x in rules.given_name_people(text):
        hit = [m for m in mentions if x.start < m.end and m.start < x.end]
        person = next((m for m in hit if m.type == "PERSON" and m.start == x.start), None)
        if person and any(m.type != "PERSON" and m.start >= person.end for m in hit):
            continue  # the model ended the person where something else begins ("Мария Вяткина | Москва")
        if all(not m.fixed and x.start <= m.start and m.end <= x.end for m in hit):
            mentions = [m for m in mentions if m not in hit] + [x]
    # The lexicon's names take the place of model mentions they hold or that hold them with only
    # articles, conjunctions or plain words around; then the lexicon, and the common nouns before or
    # after a name, fill gaps the model left.
    lexicon = rules.lexicon_mentions(text)
    mentions = _lexicon_over_model(text, mentions, lexicon, rules)
    for found in (lexicon, rules.cued_mentions(text)):
        mentions += [x for x in found if not any(x.start < m.end and m.start < x.end for m in mentions)]
    return _resolve_overlaps(text, [_without_end_marks(text, m) for m in mentions])


def _without_end_marks(text: str, m: Mention) -> Mention:
    """A name keeps to its line ("Элла Памфилова\n\nПредседатель") and ends before a comma, semicolon
    or colon after it ("Em Lisboa, no Porto")."""
    end = m.end
    lead = len(text[m.start:end]) - len(text[m.start:end].lstrip())
    line_end = text.find("\n", m.start + lead, end)
    if line_end > m.start + lead:
        end = line_end
    while end > m.start + 1 and (text[end - 1] in ",;:" or text[end - 1].isspace()):
        end -= 1
    return m if end == m.end else replace(m, end=end)


def _lone_surname(text: str, a: int, b: int, titled_names, mentions: list[Mention], rules: EntityRules) -> bool:
    """Is the one word text[a:b] after a title a surname standing alone ("El presidente Petro")? Not
    initials, a country, a body, a day or a plain word ("тренером СКА", "Präsident Frankreichs"); not
    the start of a name going on past an initial or a particle ("Harry S. Truman", "Erico el Santo");
    not a word after a body's initials ("gardien du KRC Genk"); where every noun has a capital, not a
    word the model did not take for a name; where a title takes its body with no preposition, not a
    word the model took for something else ("председатель Комиссии")."""
    word = text[a:b]
    if word.isupper() or rules.no_surname(word) or _more_name_after(text, b, rules) \
            or re.search(r"(?<!\w)[A-ZА-Я]{2,}\s+$", text[max(0, a - 12):a]) \
            or any(x < b and a < y for x, y in titled_names if (x, y) != (a, b)):
        return False
    covering = [m for m in mentions if m.start <= a and b <= m.end]
    if rules.nouns_capitalized and not covering:
        return False
    return not (rules.bare_complement and any(m.type != "PERSON" for m in covering))


def _more_name_after(text: str, end: int, rules: EntityRules) -> bool:
    """Does a name go on after `end`, past an initial or a lower-case particle ("Harry S. Truman",
    "Erico el Santo"), rather than a preposition ("Kanzler Merz in Berlin")?"""
    nxt = re.match(r"\s+(?:[^\W\d_]\.|([^\W\d_]{1,4})\s+[^\W\d_])", text[end:end + 16])
    if nxt is None:
        return False
    if nxt.group(1) is None:
        return True  # an initial
    after = text[end + nxt.end() - 1]
    word = fold(nxt.group(1))
    return nxt.group(1).islower() and after.isupper() and word in rules.glue and word not in rules.place_prepositions


def _lexicon_over_model(text: str, mentions: list[Mention], lexicon: list[Mention], rules: EntityRules) -> list[Mention]:
    """Model mentions reconciled with the names the lexicon found:
    - a mention inside a lexicon name gives way to it ("Más Madrid", "Consejo de Europa", "Banco do Brasil");
    - a model mention holding lexicon names is cut to them when what stands between and around them
      comes apart from them: an article, a conjunction, a comma or a lower-case word next to each
      ("La OCDE", "Hamás y el Estado Islámico", "NSZZ Solidarność poparła protest"); the capitalized
      words left over are read as names of their own. A name that goes on past the lexicon's with a
      capitalized word or a connector ("Banco do Brasil", "Mercedes-Benz Citaro") stays whole."""
    out: list[Mention] = []
    for m in mentions:
        if any(x.start <= m.start and m.end <= x.end and (x.start, x.end) != (m.start, m.end) for x in lexicon):
            continue  # the lexicon's longer name is added in its place ("Banco do Brasil" holds "Brasil")
        if m.fixed:
            out.append(m)
            continue
        across = [x for x in lexicon if x.start < m.end and m.start < x.end
                  and not (m.start <= x.start and x.end <= m.end) and x.type != "PLACE"]
        if across:
            # a lexicon name the model cut across ("Il Movimento" | "5" | "Stelle di Giuseppe Conte"): the
            # lexicon's name stands, and what the model mention holds beyond it is read on its own
            x = across[0]
            out += _names_in(text, m.start, x.start, m, rules) + _names_in(text, x.end, m.end, m, rules)
            continue
        inner = [x for x in lexicon if m.start <= x.start and x.end <= m.end and (x.start, x.end) != (m.start, m.end)]
        if not inner:
            out.append(m)
            continue
        edges = [m.start] + [p for x in inner for p in (x.start, x.end)] + [m.end]
        gaps = [(edges[i], edges[i + 1]) for i in range(0, len(edges), 2)]
        # a country inside a longer name is part of it ("BBC Canada", "Santiago de Chile"), unless only
        # an article stands beside it ("A Colômbia")
        named_more = any(w[:1].isupper() and fold(w) not in rules.determiners for a, b in gaps for w in text[a:b].split())
        if any(b < a for a, b in gaps) or any(x.type == "PLACE" for x in inner) and named_more \
                or not all(_comes_apart(text, a, b, a == m.start, b == m.end, rules) for a, b in gaps):
            out.append(m)
            continue
        out.extend(inner)
        for a, b in gaps:
            out += _names_in(text, a, b, m, rules)
    return out


def _names_in(text: str, a: int, b: int, m: Mention, rules: EntityRules) -> list[Mention]:
    """The names in text[a:b], a stretch cut from model mention `m`, read like a runaway mention."""
    if b <= a or not any(c.isupper() for c in text[a:b]):
        return []
    rest = Mention(a, b, m.type, m.country)
    return [y for piece in _runaway_pieces(text, rest, rules, min_plain=0) for y in rules.correct(text, piece)]


def _comes_apart(text: str, a: int, b: int, at_start: bool, at_end: bool, rules: EntityRules) -> bool:
    """Does the stretch text[a:b] of a model mention come apart from the lexicon names beside it: is
    the word touching each of them an article, a conjunction, punctuation or a plain lower-case word?"""
    words = text[a:b].split()
    if not words:
        return not text[a:b]  # two names side by side make one ("BBC Canada")
    joining = rules.joining_words

    def apart(w: str) -> bool:
        w = w.strip(_QUOTES)
        if not w or not any(c.isalnum() for c in w) or w.endswith((",", ";")) or w.startswith((",", ";")):
            return True
        f = fold(w.strip(",;:"))
        return f in rules.conjunctions or f in rules.determiners or (w[:1].islower() and f not in joining)

    if not at_start and not text[a:a + 1].isspace() or not at_end and not text[b - 1:b].isspace():
        return False  # glued to a lexicon name ("Mercedes-Benz Citaro" holds "Mercedes-Benz")
    return (at_end or apart(words[-1])) and (at_start or apart(words[0]))


# a Roman numeral of a century or an ordinal ("XIX", "VII"); single letters are names too ("X")
_ROMAN = re.compile(r"(?=[IVX]{2})X{0,3}(?:IX|IV|V?I{0,3})")


RUNAWAY_WORDS = 3  # lower-case words (other than connectors) that no name holds, unless the language says


def _runaway_pieces(text: str, m: Mention, rules: EntityRules, min_plain: int | None = None) -> list[Mention]:
    """A mention running over a stretch of plain words ("Dal 1866 al 1869 egli frequentò il liceo
    ... a Arnhem", "è usato a La Línea de la Concepción, Algeciras e nelle città vicine") is cut
    into the names inside it: each run of capitalized words (joined by connectors), with the title
    right before it ("ministro canadese Pierre Trudeau"); after a place preposition ("a Arnhem")
    the name is a place. A capitalized word opening the sentence alone is no name."""
    toks = [(t.start() + m.start, t.end() + m.start) for t in _TOKEN.finditer(text[m.start:m.end])]
    words = [text[a:b] for a, b in toks]
    glue = rules.glue
    plain = [w for w in words if w[:1].isalpha() and w[:1].islower() and fold(w) not in glue]
    if len(plain) < (rules.runaway_words if min_plain is None else min_plain):
        return [m]
    out, i = [], 0
    while i < len(words):
        if not words[i][:1].isupper():
            i += 1
            continue
        j = i + 1
        while j < len(words):
            if words[j][:1].isupper():
                j += 1
            else:  # one or two connectors between capitals ("La Línea de la Concepción")
                k = next((k for k in (1, 2) if j + k < len(words) and words[j + k][:1].isupper()
                          and all(fold(w) in glue for w in words[j:j + k])), 0)
                if not k:
                    break
                j += k + 1
        first = i
        while first > 0 and (fold(words[first - 1]) in rules.titles or fold(words[first - 1]) in rules.countries.demonyms
                             and first > 1 and fold(words[first - 2]) in rules.titles):
            first -= 1
        alone = j - i == 1 and first == i and opens_sentence(text, toks[first][0])
        if not alone:
            end = toks[j - 1][1]
            while end > toks[i][0] and not text[end - 1].isalnum():
                end -= 1
            prev = fold(words[first - 1]) if first else ""
            locative = prev in rules.place_prepositions and prev not in rules.of_words  # "a Arnhem", not "della"
            kind = "PLACE" if locative and first == i else m.type
            out.append(Mention(toks[first][0], end, kind, m.country))
        i = j
    return out


@functools.lru_cache(maxsize=1)
def _name_particles() -> frozenset[str]:
    """Articles and connectors that stand inside names, in every language with a data folder."""
    out: set[str] = set()
    for lang in languages():
        data = load(lang)
        out.update(fold(w) for w in (data.get("titles") or {}).get("joiners", []) if w.isalpha())
        out.update(fold(w) for w in (data.get("entity_cues") or {}).get("name_connectors", []))
    return frozenset(out)


def _without_openers(text: str, m: Mention, function_words: frozenset[str], keep: set[str]) -> Mention | None:
    """The mention without a leading Roman numeral ("XIX века Сучжоу") or, without a parser to tell,
    a function word opening the sentence ("Когда Лю Бан", "Quando Mario Draghi"); None when
    nothing is left."""
    toks = [(t.start() + m.start, t.end() + m.start) for t in _TOKEN.finditer(text[m.start:m.end])]
    while len(toks) > 1 and all(c in _QUOTES for c in text[toks[0][0]:toks[0][1]]):
        toks = toks[1:]  # an opening quote mark the model took in: the word after it is what opens
    while toks:
        word = text[toks[0][0]:toks[0][1]]
        # (name particles of any language are left alone: "Los Angeles", "Della Valle", "Van Gogh")
        opener = (opens_sentence(text, toks[0][0]) or _opens_quote(text, toks[0][0])) \
            and word[:1].isupper() and word[1:].islower() and fold(word) in function_words and fold(word) not in keep and fold(word) not in _name_particles()
        if opener and len(toks) == 1 and not m.fixed:
            return None  # "Asimismo", "Wszyscy", "Depois" opening a sentence: no name at all
        if not (_ROMAN.fullmatch(word) or opener):
            break
        toks = toks[1:]
    if not toks:
        return None
    return m if toks[0][0] == m.start else replace(m, start=toks[0][0])


_YEAR = re.compile(r"\d{1,4}(?:/\d{1,4})?")


def _without_dates(text: str, m: Mention, months: frozenset[str]) -> Mention | None:
    """The mention without a date it opens with: a month name and a year ("Juli 1895",
    "Mai 2014 Tripolis"), or a day, a month and a year; None when nothing is left."""
    if m.fixed:
        return m
    toks = [(t.start() + m.start, t.end() + m.start) for t in _TOKEN.finditer(text[m.start:m.end])]
    words = [text[a:b].strip(_QUOTES + ".,") for a, b in toks]
    i = 1 if len(words) > 1 and _YEAR.fullmatch(words[0]) and fold(words[1]) in months else 0
    if len(words) <= i or fold(words[i]) not in months:
        return m
    j = i + 1
    while j < len(words) and not words[j]:
        j += 1  # a stray quote mark between month and year
    if j >= len(words) or not _YEAR.fullmatch(words[j]):
        return m  # a month word alone may be a name ("Mai Thi", "Augusta")
    rest = [t for t, w in zip(toks[j + 1:], words[j + 1:]) if w]
    while rest and (text[rest[0][0]:rest[0][1]] == "/" or _YEAR.fullmatch(text[rest[0][0]:rest[0][1]])):
        rest = rest[1:]
    return replace(m, start=rest[0][0]) if rest else None


def _quoted_or_placed(text: str, m: Mention, rules: EntityRules) -> Mention | None:
    """Without a parser: a name between quote marks is the title of a work ("La Ronda", "Ulysses"),
    not an organization, in languages that do not quote organizations' names; a sentence opened
    by a verb and a place preposition names a place after them ("Nato a Malé Svatoňovice")."""
    end = m.end
    while end > m.start and text[end - 1] in _QUOTES + " ":
        end -= 1  # the closing quote the model took in (not one closing a quote inside the name)
    if end <= m.start:
        return None
    if any(c in _QUOTES and c not in "'’" for c in text[m.start:end]) or "' '" in text[m.start:end]:
        end = m.end
    opened = text[:m.start].rstrip(" ")[-1:] in _QUOTES and text[:m.start].rstrip(" ")[-1:] not in "'’"
    closed = text[end:].lstrip(" ")[:1] in _QUOTES
    if opened and closed and m.type in ("ORG", "MISC", "PRODUCT") and rules.quoted_names_are_works:
        return replace(m, end=end, type="WORK")
    toks = [(t.start() + m.start, t.end() + m.start) for t in _TOKEN.finditer(text[m.start:end])]
    if len(toks) > 2 and opens_sentence(text, m.start) and text[toks[2][0]:toks[2][1]][:1].isupper():
        prep = fold(text[toks[1][0]:toks[1][1]])
        if prep in rules.place_prepositions and prep not in rules.of_words:
            return replace(m, start=toks[2][0], end=end, type="PLACE")
    return replace(m, end=end) if end != m.end else m


def _opens_quote(text: str, start: int) -> bool:
    """Does `start` follow an opening quote mark (' presentare « Ho visto un re »')?"""
    before = text[max(0, start - 20):start].rstrip(" \t")
    return bool(before) and before[-1] in _QUOTES and before[-1] not in "'’" \
        and (len(before) == 1 or not before[-2].isalnum())


def opens_sentence(text: str, start: int) -> bool:
    """Does `start` open a sentence (after quote marks, brackets or a dash)?"""
    window = max(0, start - 40)
    before = text[window:start].rstrip(" \t" + _QUOTES + "(-–—")
    if not before and window:  # forty marks and spaces in a row: look further back
        before = text[:start].rstrip(" \t" + _QUOTES + "(-–—")
    return not before or before[-1] in ".!?:\n"


def _resolve_overlaps(text: str, mentions: list[Mention]) -> list[Mention]:
    """Keep one mention per stretch of text: lexicon-fixed ones first, then the longest."""
    ranked = sorted(mentions, key=lambda m: (not m.fixed, -(m.end - m.start), m.start))
    taken: list[Mention] = []
    for m in ranked:
        if any(m.start < t.end and t.start < m.end for t in taken):
            continue
        if not any(c.isalpha() for c in text[m.start:m.end]):
            continue
        taken.append(m)
    return sorted(taken, key=lambda m: m.start)
