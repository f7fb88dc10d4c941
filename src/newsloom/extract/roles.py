"""Roles and titles of people from the words around their name.

Two shapes, for every language whose `titles.yaml` lists its titles:
- before the name: "[le] [ex-]TITLE [demonym] [OF complement] Name"
  ("le porte-parole du Kremlin Dmitri Peskov", "l'ex-président Dmitri Medvedev",
  "Kremlin spokesman Dmitry Peskov", "Russian President Vladimir Putin");
- after the name, in apposition: "Name, TITLE [demonym] [OF complement] [et TITLE ...]"
  ("Steve Witkoff, envoyé spécial de Trump").
A complement that is a portfolio ("des Affaires étrangères") stays in the title;
any other complement becomes `of`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from newsloom.langdata import LangData, fold, function_words

_CAP_WORD = r"[^\W\d_][\w’'.-]*"
# A body by its initials ("LR", "Pd", "FdI", "M5S", "КПРФ"), never a plain capitalized word.
_INITIALS = (r"(?-i:[A-ZÀ-ÞА-Я][a-zà-ÿа-я]?(?![\w-])"
             r"|[A-ZÀ-ÞА-Я][A-Za-zÀ-ÿА-я0-9]{0,3}[A-ZÀ-ÞА-Я0-9][a-zà-ÿа-я]?(?![\w-]))")
_SENTENCE_END = re.compile(r"(?<=[^\W\d_]{2})[.!?](?=\s)|[;\n]")
_PUNCT_STOP = r"[,;:()\[\]«»“”\"]"
_OPEN_QUOTES = "«„“\""


def _named_word(w: str) -> bool:
    """A word with a capital, or a particle elided onto one ("d'Italia")."""
    return w[:1].isupper() or bool(re.match(r"[^\W\d_]{1,4}['’][^\W\d_a-zß-ÿ]", w))


def _unquoted(s: str) -> str:
    """A name without the quotation marks some languages put around it ("«Газпрома»")."""
    return re.sub(r"[«»„“”\"]", "", s)


@dataclass(frozen=True)
class FoundRole:
    title: str
    of: str | None
    start: int
    end: int
    demonym: str | None  # the demonym word inside the role, if any


class RoleFinder:
    """Compiled role patterns for one language; build once per language."""

    def __init__(self, data: LangData):
        spec = data.get("titles") or {}
        titles = sorted({t for t in spec.get("titles", []) if t}, key=len, reverse=True)
        mods = sorted((spec.get("modifiers") or {}).keys(), key=len, reverse=True)
        ofs = sorted(spec.get("of_words", []), key=len, reverse=True)
        self.portfolios = {fold(p) for p in spec.get("portfolios", [])}
        self.modifiers = {fold(k): v for k, v in (spec.get("modifiers") or {}).items()}
        self.of_words = {fold(o) for o in spec.get("of_words", [])}
        # Languages whose titles take a bare genitive complement ("пресс-секретарь Кремля").
        self.bare_complement = str(spec.get("bare_complement", "")).lower() in ("yes", "true")
        self.joiners = {fold(j) for j in spec.get("joiners", [])}
        # where a name capitalizes every main word, a lower-case word after it is not part of it; nor
        # is a common noun that says what kind of name it is ("the Unite union")
        cues = data.get("entity_cues") or {}
        self.names_capitalized = str(cues.get("names_capitalized", "")).lower() in ("yes", "true")
        self.kind_nouns = {fold(w) for side in ("before", "after") for ws in (cues.get(side) or {}).values() for w in ws}
        self.demonyms = data.mapping("demonyms")
        self.function_words = function_words(data.code)
        self.enabled = bool(titles)
        if not self.enabled:
            return
        endings = "|".join(re.escape(e) for e in spec.get("title_endings", []))
        title = "|".join(re.escape(t) for t in titles)
        joiners = "|".join(re.escape(j) for j in spec.get("joiners", []) if j != ",") or r"(?!x)x"
        heads = "|".join(re.escape(h) for h in sorted(spec.get("title_heads", []), key=len, reverse=True))
        if heads:  # compound titles ("Bundesarbeitsministerin", "partijvoorzitter")
            title = rf"(?:{title}|[^\W\d_]{{3,}}?(?:{heads}))"
        if endings:  # inflected titles ("Präsidenten", "Kanzlers")
            title = rf"(?:{title})(?:{endings})?"
        mod = "|".join(re.escape(m) for m in mods) or r"(?!x)x"
        of = "|".join(re.escape(o).replace(r"\ ", r"\s+") for o in ofs) or r"(?!x)x"
        dems = sorted({r[0] for r in data.table("demonyms") if r} | set(self.demonyms), key=len, reverse=True)
        dem = "|".join(re.escape(d) for d in dems) or r"(?!x)x"
        self.of_pattern = re.compile(rf"^(?:{of})(?=\s|[A-ZÀ-Þ])\s*", re.I)
        role = (rf"(?P<mod>(?:{mod})\s*)?(?P<title>{title})(?![\w-])"
                rf"(?:\s+(?P<dem>{dem})(?!\w))?(?:\s+(?P<initials>{_INITIALS})(?![\w-]))?")
        bare = str(spec.get("bare_complement", "")).lower() in ("yes", "true")
        tail = rf"(?P<tail>(?:\s*(?:{of}{'|' if bare else ''})\s*[^,;:()]+)?)"
        # a portfolio may stand between the title and the name ("minister van Landbouw Femke Wiersma")
        ports = "|".join(re.escape(p).replace(r"\ ", r"\s+")
                         for p in sorted(spec.get("portfolios", []), key=len, reverse=True)) or r"(?!x)x"
        # honorifics between a title and the name ("prezes NBP prof. Adam Glapiński", "Vorstandschefin Dr. Anna Schmidt")
        hons = "|".join(rf"{re.escape(h.rstrip('.'))}\.?" for h in spec.get("honorifics", [])) or r"(?!x)x"
        self.honorifics_end = re.compile(rf"(?<![\w.])(?:(?:{hons})\s+)+$", re.I)
        # ranks and offices written short before a name, and what they stand for ("Gov." -> governor)
        # (as written, or capitalized where it opens a sentence; "BP" is no "bp.", a bishop)
        self.short_forms = {form: v for k, v in (spec.get("short_forms") or {}).items()
                            for form in (k.rstrip("."), k[:1].upper() + k.rstrip(".")[1:])}
        # a party or a body by its initials may stand between them too ("le sénateur LR Bruno Retailleau",
        # "la segretaria del Pd Elly Schlein")
        initials = _INITIALS
        self.name_after = re.compile(rf"(?<![\w-])(?:{title})(?:\s+(?:{dem}))?(?:\s+(?:(?:{of})\s*)?(?:{ports})(?![\w-]))?"
                                     rf"(?:\s+(?:(?:{of})\s*)?{initials}(?![\w-]))?(?:\s+(?:{hons}))*\s+"
                                     rf"(?P<name>[^\W\d_][\w’'-]+(?:\s+[^\W\d_][\w’'-]+){{0,2}})", re.I)
        # a title and its complement, then the name after a comma ("O governador de Minas Gerais, Romeu
        # Zema, decretou"): the name's capitalized words, at least two of them
        self.name_after_comma = re.compile(rf"(?<![\w-])(?:{title})(?![\w-])\s+(?:{of})\s*[^,.;:()\n]{{1,60}}?,\s+"
                                           rf"(?P<name>[^\W\d_][\w’'-]+(?:\s+[^\W\d_][\w’'-]+){{1,2}})", re.I)
        # a byline: "di Chiara Benedetti | 16 ottobre 2025" at the start of a line
        by = "|".join(re.escape(w) for w in spec.get("byline_words", [])) or r"(?!x)x"
        self.byline = re.compile(rf"(?m)^(?:{by})\s+(?P<name>[^\W\d_][\w’'-]+(?:\s+[^\W\d_][\w’'-]+){{1,2}})", re.I)
        # a name in apposition before its title ("Marieke Hoekstra, voorzitter van ...")
        self.name_before = re.compile(rf"(?P<name>[^\W\d_][\w’'-]+(?:\s+[^\W\d_][\w’'-]+){{1,2}}),\s*"
                                      rf"(?:(?:{joiners})\s+)?(?:(?:{mod})\s*)?(?:{title})(?![\w-])", re.I)
        # a title may end a hyphenated compound ("GroenLinks-PvdA-Kamerlid", "EU-Kommissar")
        self.title_at = re.compile(rf"(?<![\w])(?:(?:{mod})\s*)?(?:{title})(?![\w-])", re.I)
        # Before the name: the role ends right where the name starts, or at a comma before it
        # ("El presidente del Gobierno, Pedro Sánchez,").
        self.before = re.compile(rf"{role}{tail}\s*(?P<comma>,\s*)?$", re.I)
        self.after = re.compile(rf"^\s*,\s*(?:(?:{joiners})\s*)?{role}{tail}", re.I)
        # an apposition whose words before the title are its complement and kind, ending at the title
        # ("Kaja Kallas, the EU foreign policy chief.")
        self.after_pre = re.compile(rf"^\s*,\s*(?:{joiners})\s+(?P<pre>(?:[^\W\d_][\w’'.-]*\s+){{1,3}})"
                                    rf"(?P<title>{title})(?![\w-])(?=\s*(?:[,.;:)]|$))", re.I)
        conj = "|".join(re.escape(c) for c in spec.get("conjunctions", [])) or r"(?!x)x"
        clause = "|".join(re.escape(c) for c in spec.get("conjunctions", []) + spec.get("clause_words", [])) or r"(?!x)x"
        self.chain = re.compile(rf"^\s+(?:{conj})\s+{role}{tail}", re.I)
        self.complement_stop = re.compile(rf"{_PUNCT_STOP}|\s(?:{clause})\s", re.I)
        self.conjunctions = {fold(c) for c in spec.get("conjunctions", [])}

    def _stop(self, comp: str):
        """Where a complement ends: at punctuation or a clause word, but not at a conjunction joining two
        names ("de Vivienda y Agenda Urbana") or two common nouns ("по бюджету и налогам") when no
        title follows it."""
        pos = 0
        while (st := self.complement_stop.search(comp, pos)) is not None:
            if fold(st.group(0).strip()) not in self.conjunctions:
                return st
            before, after = comp[:st.start()].split()[-1:], comp[st.end():].split()[:1]
            if not before or not after or self.title_at.match(after[0]):
                return st
            named = _named_word(before[0].strip(_OPEN_QUOTES)), _named_word(after[0].strip(_OPEN_QUOTES))
            if named[0] != named[1]:
                return st
            pos = st.end() - 1
        return None

    def _name_words(self, words: list[str]) -> list[str]:
        """The leading words of a complement that name something: capitalized words and the
        small words between them ("Managing the Atom Project", "Affaires étrangères")."""
        out: list[str] = []
        for i, w in enumerate(words):
            bare = w.strip(".,").lstrip(_OPEN_QUOTES)
            if out and out[-1].endswith("."):
                break  # the sentence ended
            if _named_word(bare):
                out.append(w)
            elif out and self._portfolio_so_far(" ".join(out + [w])):
                out.append(w)  # a portfolio's own small words ("Infrastrutture e dei Trasporti")
            elif out and i + 1 < len(words) and words[i + 1][:1].isupper() and len(bare) <= 4:
                out.append(w)
            else:
                break
        while out and not _named_word(out[-1].strip(".,")) and fold(" ".join(out)) not in self.portfolios:
            out.pop()
        return out

    def _portfolio_so_far(self, words: str) -> bool:
        """Are `words` a portfolio, or its first words?"""
        key = fold(words)
        return key in self.portfolios or any(p.startswith(key + " ") for p in self.portfolios)

    def _complement(self, tail: str) -> str | None:
        m = self.of_pattern.match(tail.strip())
        if m:
            comp = tail.strip()[m.end():]
        elif self.bare_complement and tail.strip().lstrip(_OPEN_QUOTES)[:1].isupper():
            comp = _unquoted(tail.strip())  # a complement in the genitive, with no preposition ("Президент России")
        else:
            return None
        words = comp.split()
        portfolio = next((n for n in range(min(len(words), 8), 0, -1)
                          if fold(" ".join(words[:n]).rstrip(".,")) in self.portfolios), 0)
        if portfolio > 1:  # a portfolio holding a conjunction ("Justitie en Veiligheid") is whole
            return " ".join(words[:portfolio]).rstrip(".,")
        stop = self._stop(comp)
        if stop:
            comp = comp[:stop.start()]
        all_words = comp.strip().split()[:8]
        if len(all_words) > 1 and all_words[0].islower() and fold(all_words[0]) in self.joiners \
                and all_words[1][:1].isupper():
            all_words = all_words[1:]  # the article before a body's name ("general secretary of the Unite union")
        words = self._name_words(all_words)
        extra = all_words[len(words):]
        if words and len(extra) == 1 and len(all_words) < 8 and not self.names_capitalized \
                and fold(extra[0].strip(".,")) not in self.kind_nouns and re.fullmatch(r"[^\W\d_]{4,}", extra[0]) and extra[0].islower() \
                and fold(extra[0]) not in self.function_words:
            words.append(extra[0])  # a name with a lower-case adjective, ending the complement ("Partito democratico")
        return " ".join(words).rstrip(".,") or None

    def _make(self, m: re.Match, base: int, text: str, stops: tuple[int, ...] = ()) -> FoundRole | None:
        title = m.group("title")
        mod = (m.group("mod") or "").strip()
        dem = m.group("dem")
        if dem and fold(dem) not in self.demonyms:
            dem = None
        full_title = (mod + ("" if mod.endswith("-") else " ") + title).strip() if mod else title
        of = None
        end = base + (m.end("title") if not dem else m.end("dem"))
        tail = m.group("tail") or ""
        if self._portfolio_word(tail.strip()):
            word = tail.strip()
            at = text.find(word, base + m.start("tail"))
            return FoundRole(f"{full_title} {word}", None, base + (m.start("mod") if m.group("mod") else m.start("title")),
                             at + len(word), dem)
        if tail.strip():
            comp = self._complement(tail)
            at = text.find(comp, base + m.start("tail")) if comp else -1
            cut = [x for x in stops if at < x < at + len(comp or "")] if at >= 0 else []
            if cut:  # another name starts inside: the complement ends before it
                comp = " ".join(self._name_words(text[at:min(cut)].split())).rstrip(".,") or None
            if comp:
                om = self.of_pattern.match(tail.strip())
                of_word = om.group(0).strip() if om else ""
                if fold(comp) in self.portfolios or any(fold(comp).startswith(p) for p in self.portfolios if len(p) > 4):
                    full_title = f"{full_title} {of_word} {comp}".replace("' ", "'").replace("’ ", "’")
                else:
                    of = comp
                idx = text.find(comp, base + m.start("tail"))
                if idx >= 0:
                    end = idx + len(comp)
        if of is None and m.group("initials"):  # "le sénateur LR Bruno Retailleau": of LR
            of, end = m.group("initials"), base + m.end("initials")
        start = base + (m.start("mod") if m.group("mod") else m.start("title"))
        return FoundRole(full_title, of, start, end, dem)

    def _portfolio_after_name(self, r: FoundRole, text: str, end: int) -> FoundRole:
        """A title before the name whose portfolio follows the name ("minister Mona Keijzer van
        Volkshuisvesting"): the portfolio joins the title. The role's span stays before the name."""
        if r.of or not self.portfolios:
            return r
        m = self.of_pattern.match(text[end:end + 80].lstrip())
        if not m or text[end:end + 1] not in " \t":
            return r
        rest = text[end:end + 80].lstrip()[m.end():]
        words = self._name_words(rest.split()[:6])
        port = " ".join(words).rstrip(".,")
        if port and fold(port) in self.portfolios:
            return FoundRole(f"{r.title} {m.group(0).strip()} {port}", None, r.start, r.end, r.demonym)
        return r

    def _portfolio_word(self, tail: str) -> bool:
        """One lower-case noun in the genitive after the title is its portfolio ("Minister przemysłu",
        "министр обороны"), where titles take bare complements."""
        return self.bare_complement and bool(re.fullmatch(r"[^\W\d_]{4,}", tail)) and tail.islower() \
            and fold(tail) not in self.function_words

    def _tail_names_all(self, m: re.Match) -> bool:
        """Before a name, everything after the title must be its complement."""
        tail = (m.group("tail") or "").strip()
        if not tail:
            return True
        om = self.of_pattern.match(tail)
        if not om and self._portfolio_word(tail):
            return True
        if not om and self.bare_complement and len(tail.split()) > 1 and not tail[:1].isupper():
            # a common noun heading a name in the genitive ("prezes spółki Polskie Elektrownie Jądrowe")
            rest = tail.split()[1:]
            return len(rest) <= 4 and len(self._name_words(rest)) == len(rest)
        if not om and not (self.bare_complement and tail.lstrip(_OPEN_QUOTES)[:1].isupper()):
            return False
        words = tail[om.end() if om else 0:].split()
        if om and fold(" ".join(words).rstrip(".,")) in self.portfolios:
            return True  # a portfolio, its conjunction included ("de Hacienda y Función Pública, ...")
        if om and m.groupdict().get("comma") and 0 < len(words) <= 6:
            # "l'ex direttore finanziario della banca, Marco Pellegrini": the comma closes the
            # complement, which may be a common noun
            return not self._stop(f" {tail} ")
        if not om and self.bare_complement:
            # a genitive phrase headed by a name, lower-case words included
            # ("аналитик Института энергетической политики Андрей Белов"), or a name
            # joined by a small word ("poseł Prawa i Sprawiedliwości Jan Kowalczyk")
            return 0 < len(words) <= 5 and (not self._stop(f" {_unquoted(tail)} ")
                                            or len(self._name_words(words)) == len(words))
        return bool(words) and len(self._name_words(words)) == len(words)

    def _with_pre(self, r: FoundRole, left: str, base: int, at: int) -> FoundRole:
        """Words in front of the title, English-style: a modifier ("Former"), a demonym
        ("Russian President"), or a complement ("Kremlin spokesman", "Port of Rotterdam chief")."""
        toks = list(re.finditer(r"[\w’'.-]+", left[:at]))[-6:]
        title, start, dem, of_words = r.title, r.start, r.demonym, []
        edge = at
        for t in reversed(toks):
            w = t.group(0)
            if left[t.end():edge].strip():
                break  # punctuation between: not the same phrase
            edge = t.start()
            key = fold(w)
            if key in self.modifiers and not of_words:
                title = self.modifiers[key] + ("" if self.modifiers[key].endswith("-") else " ") + title
            elif key in self.demonyms and not of_words and dem is None:
                dem = w
            elif w[:1].isupper() and key not in self.joiners and not self.title_at.fullmatch(w) \
                    and (w.isupper() or key not in self.function_words):
                # a name, not a word opening the sentence ("Volgens directeur X", "Ihr Vorsitzender X")
                # nor a title the first one complements ("Rzecznik prezydenta X")
                of_words.insert(0, w.rstrip("-"))
            elif of_words and key in self.of_words:
                of_words.insert(0, w)  # "Port of Rotterdam"
            else:
                break
            start = base + t.start()
        while of_words and of_words[0].islower():
            of_words.pop(0)
        of = r.of or (" ".join(of_words) if of_words else None)
        return FoundRole(title, of, start, r.end, dem)

    def _pre_complement(self, m: re.Match, base: int) -> FoundRole:
        """The role of an apposition ending at its title: lower-case words next to the title belong
        to it ("foreign policy chief"), a capitalized word before them is its complement ("EU")."""
        words = m.group("pre").split()
        title, of, dem = [m.group("title")], [], None
        for w in reversed(words):
            if w[:1].isupper() and fold(w) in self.demonyms and not of:
                dem = w
            elif w[:1].isupper():
                of.insert(0, w)
            elif not of and fold(w) in self.modifiers:
                title.insert(0, self.modifiers[fold(w)].rstrip())
            elif not of:
                title.insert(0, w)
            else:
                break
        return FoundRole(" ".join(title), " ".join(of) or None, base + m.start("pre"), base + m.end("title"), dem)

    def _ends_with_of(self, left: str) -> bool:
        """Does the text before a title end with another title and a preposition of its complement
        ("el abogado del ")? After a word that is no title ("La replica del segretario generale della
        Cgil, Maurizio Landini") or an article opening the sentence ("Der Vorstandschef von VW, Oliver
        Blume"), the title is the named person's own."""
        words = left.split()
        for o in self.of_words:
            n = len(o.split())
            if len(words) > n and fold(" ".join(words[-n:])) == o \
                    and self.title_at.fullmatch(re.sub(r"^[^\W\d_]{1,4}['’]", "", words[-n - 1])):  # "l'avvocato del"
                return True
        return False

    def _ends_apposition(self, left: str) -> bool:
        """Does the text before a title end with a comma after a name ("Witkoff, ")? A title
        with its article ("São Paulo, o presidente do ...") opens a new phrase instead."""
        words = re.findall(r"[\w’'.-]+|,", left)[-2:]
        return len(words) == 2 and words[-1] == "," and words[-2][:1].isupper()

    def names_after_titles(self, text: str) -> list[tuple[int, int]]:
        """Spans of capitalized names right after a title ("Foreign Minister Ignazio Cassis"),
        for names a statistical model missed."""
        if not self.enabled:
            return []
        out = []
        pos = 0
        while (m := self.name_after.search(text, pos)) is not None:
            pos = m.start("name")  # the words after a title may hold the next title ("пресс-секретарь президента X")
            words = list(re.finditer(r"\S+", m.group("name")))
            run = []
            for i, w in enumerate(words):
                if run and w.group(0).islower() and fold(w.group(0)) in _particles() \
                        and fold(w.group(0)) not in self.joiners | self.function_words | self.of_words \
                        and i + 1 < len(words) \
                        and words[i + 1].group(0)[:1].isupper():
                    continue  # a particle inside the name, where it is no word of the language ("Maurizio de Lucia")
                if not w.group(0)[:1].isupper() or fold(w.group(0)) in self.joiners:
                    break
                run.append(w)
            if len(run) >= 2:
                out.append((m.start("name") + run[0].start(), m.start("name") + run[-1].end()))
            elif len(run) == 1 and len(run[0].group(0).strip(".,;:!?")) > 1 \
                    and fold(run[0].group(0).rstrip(".,;:!?")) not in _particles():
                # a surname alone ("El presidente Petro criticó", "koning Filip"); not a name particle
                # opening a longer one ("la présidente Von der Leyen")
                word = run[0].group(0).rstrip(".,;:!?")
                a = m.start("name") + run[0].start()
                out.append((a, a + len(word)))
        for m in self.name_after_comma.finditer(text):
            run = []
            for w in re.finditer(r"\S+", m.group("name")):
                if not w.group(0)[:1].isupper() or fold(w.group(0)) in self.joiners:
                    break
                run.append(w)
            if len(run) >= 2 and not any(a <= m.start("name") < b for a, b in out):
                end = m.start("name") + run[-1].end() - (len(run[-1].group(0)) - len(run[-1].group(0).rstrip(".,;:")))
                out.append((m.start("name") + run[0].start(), end))
        for m in self.byline.finditer(text):
            run = [w for w in re.finditer(r"\S+", m.group("name"))]
            while run and not run[-1].group(0)[:1].isupper():
                run.pop()
            if len(run) >= 2 and all(w.group(0)[:1].isupper() for w in run):
                out.append((m.start("name") + run[0].start(), m.start("name") + run[-1].end()))
        for m in self.name_before.finditer(text):
            words = list(re.finditer(r"\S+", m.group("name")))
            run = []
            for w in reversed(words):
                if not w.group(0)[:1].isupper() or fold(w.group(0)) in self.joiners:
                    break
                run.insert(0, w)
            run = run[-2:]  # a capitalized word before the name opens the sentence ("Selon David Kearn, ...")
            if len(run) == 2 and not any(a <= m.start("name") + run[0].start() < b for a, b in out):
                out.append((m.start("name") + run[0].start(), m.start("name") + run[-1].end()))
        return sorted(out)

    def find(self, text: str, start: int, end: int, stops: tuple[int, ...] = ()) -> list[FoundRole]:
        """Roles of the person named by text[start:end]; `stops` are the starts of other
        names, where a complement after the name must end."""
        if not self.enabled:
            return []
        roles: list[FoundRole] = []
        hon = self.honorifics_end.search(text, max(0, start - 40), start)
        before_name = hon.start() if hon else start  # the title stands before the honorific
        left0 = max(0, before_name - 160)
        left = text[left0:before_name]
        ends = list(_SENTENCE_END.finditer(left))
        if ends:
            cut = ends[-1].end()
            left0, left = left0 + cut, left[cut:]
        found = list(self.title_at.finditer(left))
        for k in range(len(found) - 1, -1, -1):
            t = found[k]
            m = self.before.match(left, t.start())
            if m and m.group("comma") and (self._ends_apposition(left[:t.start()])
                                           or self._ends_with_of(left[:t.start()])):
                # "X, envoyé de Trump, Name": the role is X's, after X's name; "el abogado del
                # exregidor, Name": the title is the complement of another one, whose person is named
                m = None
            if m and self._tail_names_all(m):
                r = self._with_pre(self._make(m, left0, text), left, left0, t.start())
                head = found[k - 1] if k else None
                if self.bare_complement and head is not None and not left[head.end():t.start()].strip():
                    # a title in the genitive complements the one before it
                    # ("пресс-секретарь президента Казахстана")
                    r = FoundRole(f"{head.group(0)} {r.title}", r.of, left0 + head.start(), r.end, r.demonym)
                roles.append(self._portfolio_after_name(r, text, end))
                break
        if hon and self.short_forms:  # "Gov. Jeff Landry", "asp. szt. Katarzyna Ziobro"
            words = list(re.finditer(r"[^\W\d_]+", text[hon.start():start]))
            short = [w for w in words if w.group(0) in self.short_forms]
            if short:
                stop = hon.start() + short[-1].end()
                roles.append(FoundRole(" ".join(self.short_forms[w.group(0)] for w in short), None,
                                       hon.start() + short[0].start(), stop + (text[stop:stop + 1] == "."), None))
        limit = end + 240
        m = self.after.match(text[end:limit])
        if m is None:
            pre = self.after_pre.match(text[end:limit])
            if pre:
                roles.append(self._pre_complement(pre, end))
        base = end
        while m:
            r = self._make(m, base, text, stops)
            if r is None or any(x > r.end and not text[r.end:x].strip(" ,'’") for x in stops):
                break  # the role introduces the next name, not this one
            roles.append(r)
            base = base + m.end()
            m = self.chain.match(text[base:limit])
        return roles


def last_holder(title: str, mentions, before: int, alike: dict[str, frozenset[str]] | None = None):
    """The person last named before `before` (in `mentions`, (start, end, entity) in text order) whose
    role has the word `title`, or a word for the same office in `alike` ("declarou o treinador": the
    coach, not the referee spoken of since; "il tecnico" is the one named "allenatore"; "O governador
    pediu ..."); None if no one holds it."""
    words = (alike or {}).get(title, frozenset()) | {title}
    last = [ent for _, e, ent in mentions if e <= before and ent.type == "PERSON"
            and any(words & set(fold(r.title).split()) for r in ent.roles)]
    return last[-1] if last else None


def same_offices(data: LangData) -> dict[str, frozenset[str]]:
    """Each title word with the others that name the same office (titles.yaml `same_office`)."""
    out: dict[str, frozenset[str]] = {}
    for group in (data.get("titles") or {}).get("same_office") or []:
        words = frozenset(fold(w) for w in group)
        for w in words:
            out[w] = out.get(w, frozenset()) | words
    return out


def _particles() -> frozenset[str]:
    from newsloom.extract.entities import _name_particles

    return _name_particles()
