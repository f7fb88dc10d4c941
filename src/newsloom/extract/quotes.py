"""Quotes: words between quotation marks, and reported speech, with their speakers.

Quotation marks come from `data/_common/quotes.yaml` (and a language's own
`quotes.yaml` when it has one); speech verbs, source prepositions and
pronouns from `data/<lang>/speech.yaml`. The speaker is found through the
parse: the subject of the nearest speech verb above the quote, "selon X" /
"according to X", or a pronoun taken back to the person who spoke last or
was last the subject of a sentence.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from newsloom.extract.context import Parsed
from newsloom.extract.datelines import dateline_spans
from newsloom.extract.roles import last_holder, same_offices
from newsloom.langdata import common, fold
from newsloom.schema import Entity, Quote

MAX_QUOTE_CHARS = 2000


@dataclass(frozen=True)
class _Span:
    start: int  # inner words, marks excluded
    end: int


@functools.lru_cache(maxsize=None)
def _mark_pairs(lang: str) -> tuple[tuple[str, str], ...]:
    from newsloom import langdata

    return tuple((str(o), str(c)) for o, c in [*(langdata.load(lang).get("quotes") or {}).get("marks", []),
                                              *(common().get("quotes") or {}).get("marks", [])])


def _running_on(text: str, found: list[_Span], pairs: tuple[tuple[str, str], ...]) -> list[_Span]:
    """A quotation that runs on into the next paragraph leaves its mark open at the end of the first
    and opens the next with the mark again ('"There is still work to do.\\n\\n"But for the first time
    ..."'): the first paragraph's part is a quotation to its end."""
    out = []
    for o, c in pairs:
        if len(o) != 1:
            continue
        for m in re.finditer(rf"(?:^|(?<=\s)){re.escape(o)}(?=[^\W\d_])", text):
            a = m.end()
            if any(q.start - 1 <= m.start() < q.end + 1 for q in found):
                continue
            para_end = text.find("\n\n", a)
            if para_end < 0 or c in text[a:para_end] or not text[para_end:].lstrip().startswith(o):
                continue
            e = para_end
            while e > a and (text[e - 1].isspace() or text[e - 1] in ",;"):
                e -= 1
            if any(ch.isalpha() for ch in text[a:e]):
                out.append(_Span(a, e))
    return out


@functools.lru_cache(maxsize=None)
def _mark_pattern(lang: str) -> re.Pattern:
    pairs = _mark_pairs(lang)
    alts = []
    for o, c in pairs:
        body = rf"(?:(?!{re.escape(c)}|\n\s*\n).){{1,{MAX_QUOTE_CHARS}}}?"
        if o == c == "''":
            alts.append(rf"(?<!['\w])''\s*({body})\s*''(?!')")
        elif o == c:
            alts.append(rf"(?<!\w){re.escape(o)}\s*({body})\s*{re.escape(c)}(?!\w)")
        else:
            alts.append(rf"{re.escape(o)}\s*({body})\s*{re.escape(c)}")
    return re.compile("|".join(alts), re.S)


def find_quoted(text: str, lang: str) -> list[_Span]:
    """Spans of the words inside quotation marks; never across a paragraph; no overlaps."""
    out: list[_Span] = []
    pos = 0
    pat = _mark_pattern(lang)
    while True:
        m = pat.search(text, pos)
        if not m:
            break
        g = next(i for i in range(1, len(m.groups()) + 1) if m.group(i) is not None)
        s, e = m.start(g), m.end(g)
        while e > s and (text[e - 1].isspace() or text[e - 1] in ",;"):
            e -= 1
        if any(c.isalpha() for c in text[s:e]):
            out.append(_Span(s, e))
        pos = m.end()
    out = sorted(out + _running_on(text, out, _mark_pairs(lang)), key=lambda q: q.start)
    if _dash_dialogue(lang):
        dashed = [d for d in _dash_quoted(text) + _dash_inline(text, _speech_verb(lang))
                  if not any(d.start < q.end and q.start < d.end for q in out)]
        dashed = [d for i, d in enumerate(dashed) if not any(o.start < d.end and d.start < o.end for o in dashed[:i])]
        out = sorted(out + dashed, key=lambda q: q.start)
    return out


@functools.lru_cache(maxsize=None)
def _speech_forms(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """The language's speech verbs (folded) and the stems their other forms start with, read once."""
    from newsloom import langdata

    spec = langdata.load(lang).get("speech") or {}
    verbs = frozenset(fold(v) for v in spec.get("verbs", []))
    endings = tuple(fold(e) for e in spec.get("verb_endings", []))
    stems = frozenset(v[: -len(e)] for v in verbs for e in endings if v.endswith(e) and len(v) - len(e) >= 3)
    return verbs, stems


def _is_verb_form(word: str, verbs: frozenset[str], stems: frozenset[str]) -> bool:
    """Is a folded word one of the speech verbs, or a form of one (a stem and at most four letters)?"""
    return word in verbs or any(word.startswith(st) and len(word) - len(st) <= 4 for st in stems)


def _speech_verb(lang: str):
    """A test of whether a folded word is one of the language's speech verbs, or a form of one."""
    verbs, stems = _speech_forms(lang)
    return lambda word: _is_verb_form(word, verbs, stems)


# (some sites write the dash as a hyphen with spaces: "Jego zdaniem to błąd. - Jeżeli ... - powiedział")
_DASH_OPEN = re.compile(r"(?<=[.!?…:])[ \t]+[—–-][ \t]+(?=[^\W\d_])")


def _dash_inline(text: str, is_speech_verb) -> list[_Span]:
    """Quotes a dash opens inside a paragraph, after a sentence ends, up to a dash before a speech
    verb ("Jego zdaniem to błąd. – Jeżeli prezydent zawetuje tę ustawę, … – powiedział Szłapka.")."""
    out: list[_Span] = []
    for para in re.finditer(r"[^\n]+", text):
        pos, stop = para.start(), para.end()
        for op in _DASH_OPEN.finditer(text, pos, stop):
            a = op.end()
            if a < pos or not text[a].isupper():
                continue
            close = next((c for c in (_HYPHEN_CLOSE if text[op.start():a].strip() == "-" else _DASH_CLOSE)
                          .finditer(text, a, stop) if text[c.end()].islower()), None)
            if close is None:
                continue
            word = re.match(r"[\w’'-]+", text[close.end():])
            if word is None or not is_speech_verb(fold(word.group(0))):
                continue
            end = close.start()
            while end > a and (text[end - 1].isspace() or text[end - 1] in ",;"):
                end -= 1
            if any(c.isalpha() for c in text[a:end]):
                out.append(_Span(a, end))
                pos = close.end()
    return out


@functools.lru_cache(maxsize=None)
def _dash_dialogue(lang: str) -> bool:
    """Does the language open quotes with a dialogue dash (its quotes.yaml says so)?"""
    from newsloom import langdata

    return str((langdata.load(lang).get("quotes") or {}).get("dash_dialogue", "")).lower() in ("yes", "true")


_DASH_LINE = re.compile(r"(?m)^[ \t]*[—–-][ \t]*(?=[^\s—–-])(.+)$")
_DASH_CLOSE = re.compile(r"[ \t]*,?[ \t]+[—–][ \t]+(?=[^\W\d_])")
_DASH_REOPEN = re.compile(r"[.!?:…][ \t]+[—–][ \t]*(?=\S)")
# a line opened with a hyphen closes and reopens with one, set apart by spaces ("- To dobry dzień - mówił premier")
_HYPHEN_CLOSE = re.compile(r"[ \t]*,?[ \t]+[—–-][ \t]+(?=[^\W\d_])")
_HYPHEN_REOPEN = re.compile(r"[.!?:…][ \t]+[—–-][ \t]+(?=\S)")


def _dash_quoted(text: str) -> list[_Span]:
    """Quotes of dialogue dashes: a line opening with a dash is a quote, up to a dash before a
    lower-case word (the words saying who spoke); after them, a dash ending a sentence reopens it."""
    out: list[_Span] = []
    for line in _DASH_LINE.finditer(text):
        pos, stop = line.start(1), line.end(1)
        hyphen = text[line.start():pos].strip() == "-"
        closing, reopening = (_HYPHEN_CLOSE, _HYPHEN_REOPEN) if hyphen else (_DASH_CLOSE, _DASH_REOPEN)
        while pos < stop:
            close = next((c for c in closing.finditer(text, pos, stop) if text[c.end()].islower()), None)
            end = close.start() if close else stop
            while end > pos and (text[end - 1].isspace() or text[end - 1] in ",;"):
                end -= 1
            if any(c.isalpha() for c in text[pos:end]):
                out.append(_Span(pos, end))
            if close is None:
                break
            again = reopening.search(text, close.end(), stop)
            if again is None:
                break
            pos = again.end()
    return out


class Speakers:
    """Finds who said what in one article."""

    def __init__(self, parsed: Parsed, entities: list[Entity]):
        self.parsed = parsed
        self.text = parsed.text
        spec = parsed.data.get("speech") or {}
        self.verbs, self.stems = _speech_forms(parsed.data.code)
        # a source phrase holding a possessive pronoun ("по его словам", "jego zdaniem", "a su juicio"):
        # the person spoken of last
        self.possessive_sources = {fold(s) for s in spec.get("possessive_sources", [])}
        self.sources = sorted({fold(s) for s in spec.get("sources", [])} | self.possessive_sources, key=len, reverse=True)
        self.pronouns = {fold(p) for p in spec.get("pronouns", [])}
        titles_spec = parsed.data.get("titles") or {}
        self.clause_words = {fold(w) for w in [*spec.get("complementizers", []), *titles_spec.get("conjunctions", [])]
                             if " " not in w}
        self.titles = {fold(t) for t in (parsed.data.get("titles") or {}).get("titles", [])}
        self.offices = same_offices(parsed.data)
        self.demonyms = set(parsed.data.mapping("demonyms"))
        self.prepositions = {fold(w) for w in spec.get("object_prepositions", [])}
        self.source_pronouns = {fold(w) for w in spec.get("source_pronouns", [])}
        self.datelines = dateline_spans(self.text)  # a dateline's place and agency say nothing ("WASHINGTON (AP) —")
        self.mentions = sorted(((s, e, ent) for ent in entities for s, e in ent.mentions
                                if not any(a <= s < b for a, b in self.datelines)), key=lambda x: x[0])
        self.role_spans = [(r.start, r.end) for ent in entities for r in ent.roles]
        self.last_speaker: tuple[int, Entity] | None = None
        self.gender = self._genders(entities)
        self.quoted: list[tuple[int, int]] = []  # every quotation's span, set before attribution

    def _genders(self, entities: list[Entity]) -> dict[str, str]:
        """Grammatical gender of each person, from their title's words or first name in the parse."""
        doc = self.parsed.doc
        out: dict[str, str] = {}
        if doc is None:
            return out
        for ent in entities:
            if ent.type != "PERSON":
                continue
            spans = [(r.start, r.end) for r in ent.roles] + ent.mentions[:1]
            for a, b in spans:
                sp = doc.char_span(a, b, alignment_mode="expand")
                g = [t.morph.get("Gender") for t in (sp or []) if t.morph.get("Gender")]
                if g:
                    out[ent.id] = g[0][0]
                    break
        return out

    # -- helpers -----------------------------------------------------------
    def entity_in(self, start: int, end: int, prefer_person: bool = True) -> tuple[Entity, str] | None:
        hits = [(s, e, ent) for s, e, ent in self.mentions if start <= s and e <= end]
        if prefer_person and any(ent.type == "PERSON" for _, _, ent in hits):
            hits = [h for h in hits if h[2].type == "PERSON"]
        hits = [h for h in hits if h[2].type in ("PERSON", "ORG", "GROUP", "PLACE", "FACILITY")]
        if not hits:
            return None
        s, e, ent = hits[0]
        return ent, self.text[s:e]

    def is_verb_form(self, word: str) -> bool:
        return _is_verb_form(word, self.verbs, self.stems)

    def is_speech_verb(self, tok) -> bool:
        if fold(tok.lemma_) in self.verbs or fold(tok.text) in self.verbs:
            return True
        if tok.pos_ not in ("VERB", "AUX") and tok.dep_ != "ROOT":
            return False
        word = fold(tok.text)  # a form the lemmatizer missed ("présente")
        return _is_verb_form(word, self.verbs, self.stems)

    def sentence_of(self, pos: int) -> tuple[int, int]:
        for a, b in self.parsed.sents:
            if a <= pos < b:
                return a, b
        return 0, len(self.text)

    def antecedent(self, before: int, gender: str | None = None) -> Entity | None:
        """The person a pronoun at `before` stands for: the most recent of the last speaker and
        the last person named as a subject, of the pronoun's gender when both are known."""
        def fits(ent: Entity, at: int | None = None) -> bool:
            g = self.gender.get(ent.id)
            # a person named inside a quotation is spoken of, not speaking ("« Rien ne nous rendra Julien »")
            quoted = at is not None and any(qs <= at < qe for qs, qe in self.quoted)
            return ent.type == "PERSON" and (gender is None or g is None or g == gender) and not quoted

        cands: list[tuple[int, Entity]] = []
        if self.last_speaker and 0 <= before - self.last_speaker[0] < 600 and fits(self.last_speaker[1]):
            cands.append(self.last_speaker)
        doc = self.parsed.doc
        if doc is not None:
            for tok in reversed([t for t in doc if t.idx < before and t.dep_.startswith("nsubj")]):
                found = self.entity_in(tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge))
                if found and fits(found[0], tok.idx):
                    cands.append((tok.idx, found[0]))
                    break
        # The first person named in an earlier sentence is most often its subject.
        for a, b in reversed(self.parsed.sents):
            if a >= before:
                continue
            first = next(((s, ent) for s, e, ent in self.mentions if a <= s < min(b, before) and fits(ent, s)
                          and not any(x <= s < y for x, y in self.role_spans)), None)  # "l'avvocato di Galli, X"
            if first:
                cands.append(first)
                break
        if not cands:
            persons = [(s, ent) for s, e, ent in self.mentions if e <= before and fits(ent, s)]
            cands = persons[-1:]
        return max(cands, key=lambda c: c[0])[1] if cands else None

    def _word_at(self, at: int) -> str:
        """The word at `at` as written, in lower case (a speech verb: "añadió", not "anadio")."""
        return re.match(r"[\w’'-]+", self.text[at:]).group(0).lower()

    def _governed(self, at: int) -> bool:
        """Does a preposition stand right before the name at `at`?"""
        word = re.search(r"([^\W\d_]+)['’]?\s*$", self.text[max(0, at - 20):at])
        return word is not None and fold(word.group(1)) in self.prepositions

    def titled(self, title: str, before: int) -> Entity | None:
        """The person last named before `before` who holds this title ("declarou o treinador": the
        coach, not the referee spoken of since)."""
        return last_holder(title, self.mentions, before, self.offices)

    # -- attribution -------------------------------------------------------
    def by_source_word(self, start: int, end: int) -> tuple[Entity | None, str, str] | None:
        """'selon X' / 'according to X' in the sentence."""
        a, b = self.sentence_of(start)
        seg = fold(self.text[a:b])
        for src in self.sources:
            for m in re.finditer(rf"(?<!\w){re.escape(src)}(?:\s+|(?=,))", seg):
                at = a + m.end()
                if src in self.possessive_sources:
                    who = None if start <= at < end else self.antecedent(a + m.start())
                    if who is not None:
                        return who, self.text[a + m.start():a + m.end()].strip(), src
                    continue
                pron = re.match(r"[^\W\d_]+", self.text[at:at + 20])
                if pron and fold(pron.group(0)) in self.source_pronouns and not start <= at < end:
                    who = self.antecedent(at)  # "Selon lui, ...", "according to her"
                    if who is not None:
                        return who, pron.group(0), src
                found = self.entity_in(at, min(b, at + 60))
                if found and not (start <= at < end) and not self._clause_break(at, self.text.find(found[1], at)):
                    return found[0], found[1], src
                # "Segundo o italiano, ...", "Para el técnico, ...": a title or a demonym standing for
                # a person named before
                head = re.match(r"(?:[^\W\d_]+\s+){0,2}?([^\W\d_]+)\s*,", self.text[at:min(b, at + 40)])
                if head and not (start <= at < end) and (fold(head.group(1)) in self.titles
                                                         or fold(head.group(1)) in self.demonyms):
                    # the person last named with that title ("Segundo a ministra, ..."), else the last one
                    who = self.titled(fold(head.group(1)), at) or self.antecedent(at)
                    if who is not None:
                        return who, self.text[at:at + head.end(1)], src
        return None

    def _clause_break(self, a: int, b: int) -> bool:
        """Do the words between a source word and a name start another clause ("para a meta e que o
        Copom": the preposition, not "according to")?"""
        gap = self.text[a:max(a, b)]
        return bool(re.search(r"[.;:!?«»“”„\"]", gap)) or any(
            fold(w) in self.clause_words for w in re.findall(r"[^\W\d_]+", gap))

    def by_parse(self, start: int, end: int) -> tuple[Entity | None, str, str] | None:
        doc = self.parsed.doc
        if doc is None:
            return None
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        tok = span.root
        seen = 0
        fallback = None
        while tok is not None and seen < 30:
            seen += 1
            if self.is_speech_verb(tok) and not (start <= tok.idx < end):
                got = self._subject_of(tok, (start, end))
                if got and got[0] is not None:
                    return got
                fallback = fallback or got  # a subject that names no entity: look further up
            if tok.head is tok:
                break
            tok = tok.head
        if fallback:
            return fallback
        # A quote in a sentence whose main verb reports speech.
        sent = span.sent
        for t in sent:
            if t.dep_ == "ROOT" and self.is_speech_verb(t):
                return self._subject_of(t, (start, end))
        return None

    def _subject_of(self, verb, quote: tuple[int, int] = (0, 0)) -> tuple[Entity | None, str, str] | None:
        v = verb
        for _ in range(4):
            subj = [c for c in v.children if c.dep_ in ("nsubj", "nsubj:pass", "nsubjpass", "csubj")
                    and not quote[0] <= c.idx < quote[1]]
            if not subj:  # "« ... », a déclaré Poutine": the name right after the verb
                after = [(s, e, ent) for s, e, ent in self.mentions
                         if verb.idx < s <= verb.idx + len(verb.text) + 3 + 40 and ent.type in ("PERSON", "ORG")
                         and not quote[0] <= s < quote[1]]
                if after and not self.text[verb.idx + len(verb.text):after[0][0]].strip(" ,").count(" ") > 2:
                    return after[0][2], self.text[after[0][0]:after[0][1]], verb.lemma_
            if subj:
                s = subj[0]
                if s.text.startswith("-") and s.i + 1 < len(s.doc) and s.doc[s.i + 1].text.startswith("-") \
                        and fold(s.doc[s.i + 1].text.lstrip("-")) in self.pronouns:
                    s = s.doc[s.i + 1]  # the euphonic "-t-" of "a-t-il": the pronoun after it
                if s.text.startswith("-") and fold(s.text.lstrip("-")) in self.pronouns:
                    g = s.morph.get("Gender")
                    return self.antecedent(s.idx, g[0] if g else None), s.text.lstrip("-"), verb.lemma_
                dateline = next((b for a, b in self.datelines if a <= s.idx < b), None)
                if dateline is not None:  # the parse took the dateline for the subject: the name after it is
                    after = [(x, y, ent) for x, y, ent in self.mentions if dateline <= x < verb.idx]
                    if after:
                        x, y, ent = min(after, key=lambda m: (m[2].type != "PERSON", m[0]))
                        return ent, self.text[x:y], verb.lemma_
                if fold(s.text) in self.pronouns:
                    g = s.morph.get("Gender")
                    return self.antecedent(s.idx, g[0] if g else None), s.text, verb.lemma_
                found = self.entity_in(s.left_edge.idx, s.right_edge.idx + len(s.right_edge))
                if found:
                    return found[0], found[1], verb.lemma_
                words = self.text[s.left_edge.idx:s.right_edge.idx + len(s.right_edge)]
                if fold(s.text) in self.titles:  # "the chancellor told broadcasters": the person who holds it
                    who = self.titled(fold(s.text), s.idx) or self.antecedent(s.idx)
                    if who is not None:
                        return who, words, verb.lemma_
                return None, words, verb.lemma_
            if v.dep_ in ("xcomp", "ccomp", "conj", "advcl", "acl") and v.head is not v:
                v = v.head
            else:
                break
        return None

    def by_neighbour(self, start: int, end: int) -> tuple[Entity | None, str, str] | None:
        """Without a parse: a name next to a speech verb form in the same sentence."""
        a, b = self.sentence_of(start)
        # A capitalized word is a name ("Pedro"), not a verb form, unless it opens the sentence.
        words = [(m.start() + a, fold(m.group(0))) for m in re.finditer(r"[\w’'-]+", self.text[a:b])
                 if m.group(0)[:1].islower() or not self.text[a:a + m.start()].strip(" «“„\"'")]
        nxt = re.match(r"[\s»”“\"'’,.:;!?—–-]*([^\W\d_][\w’'-]*)", self.text[end:b])
        if nxt and not self.is_verb_form(fold(nxt.group(1))):
            # an auxiliary before the verb ("», ha commentato il tecnico", "», a déclaré")
            aux = re.match(r"[\s»”“\"'’,.:;!?—–-]*[^\W\d_]{1,5}\s+([^\W\d_][\w’'-]*)", self.text[end:b])
            if aux and aux.group(1)[:1].islower() and self.is_verb_form(fold(aux.group(1))):
                nxt = aux
        parts = fold(nxt.group(1)).split("-") if nxt else []
        if len(parts) > 1 and parts[-1] in self.pronouns and self.is_verb_form(parts[0]):
            # the verb and its subject pronoun written as one ("», affirme-t-il", "a-t-elle")
            who = self.antecedent(end + nxt.start(1))
            if who is not None:
                return who, nxt.group(1).split("-")[-1], parts[0]
        if not any(self.is_verb_form(w) for _, w in words):
            return None
        # another quotation in the sentence bounds the words that introduce this one ("X sagte: „...“
        # Die Bahn nannte den Streik „...“": the second is the Bahn's), when it names someone; else the
        # two share the subject ("Воронцов назвал договор «...» и подчеркнул, что ...")
        a0 = max([a] + [qe for qs, qe in self.quoted if a <= qs and qe < start])
        if not any(a0 <= s and e <= start for s, e, _ in self.mentions) \
                or not any(a0 <= s < start and self.is_verb_form(w) for s, w in words):
            a0 = a  # (no verb of speech between them: "X afirmou que ... "A" e que o Copom vai "B"")
        b0 = min([b] + [qs for qs, qe in self.quoted if end < qs < b])
        before = [(s, e, ent) for s, e, ent in self.mentions if a0 <= s and e <= start]
        after = [(s, e, ent) for s, e, ent in self.mentions if end <= s and e <= b0]
        # "«...», dijo X": a speech verb right after the quote names the speaker after it.
        verb_next = bool(nxt) and nxt.group(1)[:1].islower() and self.is_verb_form(fold(nxt.group(1)))
        if verb_next:
            # "«...», disse o dirigente sindical à agência Lusa": a title after the verb, with no name
            # after it, stands for a person named before; the body after it is who was spoken to
            at = end + nxt.end()
            words_after = list(re.finditer(r"[^\W\d_][\w’'-]*", self.text[at:min(b0, at + 60)]))[:3]
            if words_after and fold(words_after[0].group(0)) in self.pronouns:
                # '"...", schreef hij op Telegram': the pronoun is the subject, not the name after it
                who = self.antecedent(at)
                if who is not None:
                    return who, words_after[0].group(0), nxt.group(1).lower()
            title = next((w for w in words_after if fold(w.group(0)) in self.titles), None)
            if title is not None and not any(at <= s < min(b0, at + title.end() + 120) and ent.type == "PERSON"
                                             for s, e, ent in self.mentions):
                who = self.titled(fold(title.group(0)), at) or self.antecedent(at)
                if who is not None:
                    return who, self.text[at + title.start():at + title.end()], nxt.group(1).lower()
        # after the verb, a name after a preposition is who was spoken to ("explicó a EFE un portavoz")
        after = [x for x in after if not (verb_next and self._governed(x[0]))]
        rank = {"PERSON": 0, "ORG": 1, "GROUP": 2}
        if not any(x[2].type in rank for x in before + after) and (
                verb_next or any(self.is_verb_form(w) and not start <= s < end for s, w in words)):
            # the verb alone ("«...», añadió.", "„...“ – dodał.", "Przyznał, że ... „...”"): in a language
            # that drops the subject, the speaker is the person spoken of last
            at = end + nxt.start(1) if verb_next else next(s for s, w in words if self.is_verb_form(w)
                                                            and not start <= s < end)
            who = self.antecedent(at)
            if who is not None:
                return who, None, self._word_at(at)
        # before the quote, the speaker is the name nearest before the speech verb (its subject), not a
        # name between the verb and the quote ("Feijóo acusó al Ejecutivo de Pedro Sánchez de «...»")
        verb_at = next((s for s, w in words if a0 <= s < start and self.is_verb_form(w)), start)
        # a name after a preposition is no subject ("Meloni ha telefonato a Schifani per esprimere «...»")
        cands = [(rank.get(x[2].type, 3), int(not verb_next), int(x[0] > verb_at or self._governed(x[0])),
                  abs(verb_at - x[0]) if x[0] < verb_at else start - x[0], x) for x in before] + \
            [(rank.get(x[2].type, 3), int(verb_next), int(self._governed(x[0])), x[0] - end, x) for x in after]
        pick = min(cands, key=lambda c: c[:4])[4] if cands else None
        if pick:
            at = next((s for s, w in words if a0 <= s < b0 and not start <= s < end and self.is_verb_form(w)), None)
            at = next(s for s, w in words if self.is_verb_form(w)) if at is None else at
            return pick[2], self.text[pick[0]:pick[1]], self._word_at(at)
        # a pronoun, or a title standing for a person named before ("ha detto il legale")
        pron = next(((s, w) for s, w in words if (w in self.pronouns or w in self.titles) and not (start <= s < end)), None)
        if pron:
            return self.antecedent(pron[0]), self.text[pron[0]:pron[0] + len(pron[1])], ""
        return None

    def by_tail(self, start: int, end: int) -> tuple[Entity | None, str, str] | None:
        """The words right after the closing mark, whatever the sentence splitter made of them:
        "« ... », a déclaré Thierry Nier", "\"...\", dijo la ministra Ana López"."""
        m = re.match(r"[\s»”“\"'’]*[,—–-][\s—–-]*", self.text[end:end + 12])
        if not m:
            return None
        a = end + m.end()
        stop = re.search(r"[.!?](?=\s+[^\W\d_]*[A-ZÀ-ÞА-Я])|\n", self.text[a:a + 160])
        b = a + (stop.start() if stop else min(160, len(self.text) - a))
        verbs = [w for w in list(re.finditer(r"[^\W\d_][\w’'-]*", self.text[a:b]))[:4] if self.is_verb_form(fold(w.group(0)))]
        if not verbs:
            return None
        v_at, v_end = a + verbs[0].start(), a + verbs[0].end()
        verb = verbs[0].group(0).lower()
        who = [(s, e, ent) for s, e, ent in self.mentions if v_end <= s < b and s - v_end <= 60
               and ent.type in ("PERSON", "ORG", "GROUP") and not self._governed(s)]
        # the subject before the verb ('"...," Senator Murray Watt told the chamber')
        who = who or [(s, e, ent) for s, e, ent in self.mentions if a <= s and e <= v_at
                      and ent.type in ("PERSON", "ORG", "GROUP")]
        if who:
            s, e, ent = min(who, key=lambda x: (x[2].type != "PERSON", x[0]))
            # "ha commentato il tecnico dell'Inter": a title after the verb stands for its holder; the
            # body after it is the title's complement
            title = next((w for w in list(re.finditer(r"[^\W\d_][\w’'-]*", self.text[v_end:s]))[:3]
                          if fold(w.group(0)) in self.titles), None) if ent.type != "PERSON" else None
            holder = self.titled(fold(title.group(0)), v_at) if title else None
            if holder is not None:
                return holder, title.group(0), verb
            return ent, self.text[s:e], verb
        # no name: a pronoun or a title stands for a person named before ('"...," she said',
        # "„…“, — сказал адвокат")
        for w in list(re.finditer(r"\d+-[^\W\d_]+|[^\W\d_][\w’'-]*", self.text[a:b]))[:6]:
            word = fold(w.group(0))
            if word[:1].isdigit():  # an age standing for the person ("sagte der 41-Jährige", "the 26-year-old")
                who_ = self.antecedent(a + w.start())
            elif word in self.pronouns and (a + w.start() < v_at or not self.text[v_end:a + w.start()].strip()):
                who_ = self.antecedent(a + w.start())  # before the verb, or right after it ("zei hij")
            elif word in self.titles:
                who_ = self.titled(word, a + w.start()) or self.antecedent(a + w.start())
            else:
                continue
            if who_ is not None:
                return who_, w.group(0), verb
        return None

    def by_colon(self, start: int, end: int) -> tuple[Entity | None, str, str] | None:
        """A quote opened right after a colon is said by the sentence's subject, whatever the verb
        ("Elly Schlein ha attaccato l'esecutivo: «...»"): the first person named before the colon."""
        a, _ = self.sentence_of(start)
        before = self.text[a:start].rstrip(" «“„\"'‚‹")
        if not before.endswith(":"):
            return None
        people = [(s, e, ent) for s, e, ent in self.mentions if a <= s and e <= start and ent.type == "PERSON"]
        if not people:
            return None
        s, e, ent = people[0]
        return ent, self.text[s:e], ""

    def by_previous(self, start: int, end: int) -> tuple[Entity | None, str, str] | None:
        """A quotation that is a whole sentence of its own, right after a sentence whose quotation
        was attributed, goes on in the same voice ('"...," Holden told reporters. "We will stay ..."')."""
        a, b = self.sentence_of(start)
        if self.last_speaker is None or self.text[a:start].strip().strip(" «“„\"'‚‹—–-") \
                or self.text[end:b].strip().strip(" »”“\"'’‘.,!?…"):
            return None
        at, ent = self.last_speaker
        before = [(x, y) for x, y in self.parsed.sents if y <= a]
        if not before or not before[-1][0] <= at < before[-1][1]:
            return None
        return ent, None, None

    def attribute(self, start: int, end: int) -> tuple[Entity | None, str | None, str | None]:
        for finder in (self.by_parse, self.by_source_word, self.by_neighbour, self.by_tail, self.by_colon,
                       self.by_previous):
            got = finder(start, end)
            if got and (got[0] is not None or got[1]):
                ent, words, verb = got
                if ent is not None:
                    self.last_speaker = (start, ent)
                return ent, words, verb or None
        return None, None, None


def _kind(text: str, start: int, end: int, sent: tuple[int, int]) -> str:
    before = text[sent[0]:start].rstrip(" «“„\"'—–-")
    if before.endswith((".", "!", "?", "…")):
        before = ""  # a sentence ended right before it, whatever the splitter made of it
    inner = text[start:end]
    # a quotation opening its sentence is what was said in full, however short ('"We hebben geen andere
    # keuze", zei ...'), and so is a sentence after a colon ('sagte: „Wir sind zufrieden.“'); inside a
    # sentence, only a clause is
    words = len(inner.split())
    whole_clause = not before and words >= 3 or words >= 6 and (
        not before or before.endswith((":", ",")) or inner.rstrip()[-1:] in ".!?") or \
        before.endswith(":") and words >= 2 and inner[:1].isupper() and inner.rstrip()[-1:] in ".!?…"
    return "direct" if whole_clause else "partial"


def _indirect(parsed: Parsed, sp: Speakers, taken: list[tuple[int, int]]) -> list[Quote]:
    """Reported speech without marks: a speech verb's clausal complement, or 'selon X, ...'."""
    out: list[Quote] = []
    doc = parsed.doc
    text = parsed.text
    if doc is None:
        out.extend(_indirect_by_words(parsed, sp, taken))
    for tok in doc or []:
        if not sp.is_speech_verb(tok):
            continue
        comps = [c for c in tok.children if c.dep_ in ("ccomp",) and c.idx > tok.idx]
        for c in comps:
            lead = next((t for t in c.subtree if t.dep_ != "mark" and not t.is_punct), c)
            s, e = lead.idx, c.right_edge.idx + len(c.right_edge)
            while s < e and not text[s].isalnum():
                s += 1
            while e > s and not text[e - 1].isalnum():
                e -= 1
            if e - s < 15 or any(a < e and s < b for a, b in taken):
                continue
            ent, words, verb = sp.attribute(s, e)
            out.append(Quote(text=text[s:e], start=s, end=e, speaker=ent.id if ent else None,
                             speaker_text=words, verb=tok.lemma_, kind="indirect"))
            taken.append((s, e))
    for a, b in parsed.sents:
        seg = fold(text[a:b])
        for src in sp.sources:
            m = re.search(rf"(?<!\w){re.escape(src)}(?:\s|(?=,))", seg)
            if not m:
                continue
            if m.start() == 0:  # "Selon X, ...": the clause after the source
                got = _after_source(doc, text, a, b, sp)
                if got is None:
                    continue
                s, e, who_end = got
                found = sp.entity_in(a, who_end)
                who = text[a:who_end]
                # "Segundo ele", "По словам министра", "Segundo a ministra": a pronoun, or a title
                # (after its article) standing for the person last named with it
                pron = next((w for w in list(re.finditer(r"[\w’'-]+", text[a + m.end():who_end]))[:3]
                             if fold(w.group(0)) in sp.pronouns | sp.titles), None) if found is None else None
                if pron:
                    word = fold(pron.group(0))
                    ent = (sp.titled(word, a) if word in sp.titles else None) or sp.antecedent(a)
                    found = (ent, pron.group(0)) if ent else None
                elif found is None and src in sp.possessive_sources:  # "По его словам, ..."
                    ent = sp.antecedent(a)
                    found = (ent, text[a:a + m.end()].strip()) if ent else None
            else:  # "..., according to X.": the clause before it
                comma = _clause_comma(text, a, a + m.start(), last=True)
                if comma < 0:
                    continue
                s, e = a, comma
                found = sp.entity_in(a + m.end(), b)
                who = text[a + m.end():b].strip(" .")
                if doc is None and not (found and len(who) <= len(found[1]) + 3):
                    continue  # without a parse, only "..., according to X." at the sentence's end
            s, e = _trim_words(text, s, e)
            if e - s < 15 or any(x < e and s < y for x, y in taken):
                continue
            out.append(Quote(text=text[s:e], start=s, end=e, speaker=found[0].id if found else None,
                             speaker_text=found[1] if found else who, verb=src, kind="indirect"))
            taken.append((s, e))
            break
    return out


def _indirect_by_words(parsed: Parsed, sp: Speakers, taken: list[tuple[int, int]]) -> list[Quote]:
    """Without a parse: a speech verb form, up to seven words, then a complementizer
    ("afirmó que", "informó de que"); the rest of the sentence is what was said."""
    spec = parsed.data.get("speech") or {}
    comps = sorted({tuple(fold(c).split()) for c in spec.get("complementizers", [])}, key=len, reverse=True)
    if not comps:
        return []
    # Languages that set the reported clause off by a comma ("заявил, что ...").
    comma_ok = str(spec.get("comma_before_complementizer", "")).lower() in ("yes", "true")
    text = parsed.text
    out: list[Quote] = []
    for a, b in parsed.sents:
        words = list(re.finditer(r"[\w’'-]+", text[a:b]))
        folded = [fold(w.group(0)) for w in words]
        for i, w in enumerate(words):
            if not (w.group(0)[:1].islower() and sp.is_verb_form(folded[i])):
                continue
            start = None
            for j in range(i + 1, min(i + 9, len(words))):
                gap = text[a + words[j - 1].end():a + words[j].start()].strip()
                comp = next((c for c in comps if tuple(folded[j:j + len(c)]) == c), None)
                if gap and not (gap == "," and comp and comma_ok):
                    break  # punctuation: the verb's own clause has ended
                if comp:
                    start = a + words[j + len(comp) - 1].end()
                    break
            if start is None:
                continue
            s, e = _trim_words(text, start, b)
            if e - s < 15 or any(x < e and s < y for x, y in taken):
                continue
            ent, said_by, _ = sp.attribute(s, e)
            out.append(Quote(text=text[s:e], start=s, end=e, speaker=ent.id if ent else None,
                             speaker_text=said_by, verb=w.group(0), kind="indirect"))
            taken.append((s, e))
            break
    after_comma = str(spec.get("reported_after_comma", "")).lower() in ("yes", "true")
    for a, b in parsed.sents:
        for s, e, verb in _reported_around_comma(text, a, b, sp, after_comma):
            if e - s < 15 or any(x < e and s < y for x, y in taken):
                continue
            ent, said_by, _ = sp.attribute(s, e)
            if ent is None or any(s <= x < e for x, _ in ent.mentions):
                continue  # no one to say it, or the clause names its own subject ("Ancelotti, criticou ...")
            out.append(Quote(text=text[s:e], start=s, end=e, speaker=ent.id if ent else None,
                             speaker_text=said_by, verb=verb, kind="indirect"))
            taken.append((s, e))
    return out


def _subject_after(text: str, at: int, end: int, sp: Speakers) -> bool:
    """Does the verb ending at `at` have its subject after it: a name that no preposition governs, a
    pronoun, or a title ("sagte Präsident Petr Pavel", "dijo ella", "ha detto il procuratore"), rather
    than an object ("criticou a marcação", "contra 68% do Flamengo")?"""
    if any(at <= x < end and not sp._governed(x) for x, _, _ in sp.mentions):
        return True
    first = [fold(w) for w in re.findall(r"[^\W\d_][\w’'-]*", text[at:end])][:3]
    return bool(first) and (first[0] in sp.pronouns or any(w in sp.titles for w in first))


def _reported_around_comma(text: str, a: int, b: int, sp: Speakers, after_comma: bool):
    """Reported speech set off by a comma alone: a clause, then a speech verb and its subject to the
    sentence's end ("Die Republik entscheide souverän, sagte er.", "El plan está muerto, dijo el
    ministro."); and where the language allows it, a speech verb, a comma and the clause ("Lechner
    sagte, man ermittle gegen unbekannt.")."""
    body = text[a:b].rstrip()
    tail = re.search(r",\s*([^,;:]+?)\s*[.!?]?$", body)
    words = tail.group(1).split() if tail else []
    # the verb opens the tail, or follows its auxiliary ("…, ha detto il ministro"); a subject follows
    verb = next((w for w in words[:2] if w.islower() and sp.is_verb_form(fold(w))), None)
    if verb and 2 <= len(words) <= 7 and (words[0] == verb or words[0].islower() and len(words[0]) <= 3) \
            and _subject_after(text, a + tail.start(1) + tail.group(1).find(verb) + len(verb), a + tail.end(1), sp):
        s, e = _trim_words(text, a, a + tail.start())
        if len(text[s:e].split()) >= 4:
            yield s, e, verb
    if after_comma:
        for m in re.finditer(r"(?<![\w-])([^\W\d_]+),\s+(?=[^\W\d_])", body):
            if m.group(1).islower() and sp.is_verb_form(fold(m.group(1))):
                s, e = _trim_words(text, a + m.end(), b)
                if len(text[s:e].split()) >= 4:
                    yield s, e, m.group(1)
                break


def _trim_words(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and not text[s].isalnum():
        s += 1
    while e > s and not text[e - 1].isalnum():
        e -= 1
    return s, e


def _clause_comma(text: str, a: int, b: int, last: bool = False) -> int:
    """The first (or last) comma of text[a:b] that is no decimal comma ("1,5 Millionen"); -1 if none."""
    commas = [i for i in range(a, b) if text[i] == ","
              and not (text[i - 1:i].isdigit() and text[i + 1:i + 2].isdigit())]
    return (commas[-1] if last else commas[0]) if commas else -1


def _after_source(doc, text: str, a: int, b: int, sp: Speakers) -> tuple[int, int, int] | None:
    """For "Selon X, <clause>": (clause start, clause end, end of the source's words)."""
    comma = _clause_comma(text, a, b)
    if comma < 0:
        return None
    s = comma + 1
    if doc is None:  # "Para el economista de X, Name, <clause>": the name in apposition is the source
        name = next(((ms, me) for ms, me, ent in sp.mentions if ent.type == "PERSON"
                     and ms > comma and not text[comma + 1:ms].strip()), None)
        if name and text[name[1]:name[1] + 1] == ",":
            comma, s = name[1], name[1] + 1
        return s, b, comma
    first = doc.char_span(a, b, alignment_mode="expand")
    if first is not None and len(first):
        subj = [c for c in first.root.children if c.dep_.startswith("nsubj") and c.left_edge.idx > comma]
        if subj:
            s = subj[0].left_edge.idx
    return s, b, comma


def _a_name(inner: str) -> bool:
    """Is a short quotation a name set in quote marks (the pipeline «Сила Сибири», the arena
    «Арена-2000»): two to four words, every one capitalized but short connectors, and no stop?"""
    words = inner.split()
    return 2 <= len(words) <= 4 and words[0][:1].isupper() and inner.rstrip()[-1:] not in ".!?…,;:" \
        and all(w[:1].isupper() or w[:1].isdigit() or len(w) <= 3 and w.isalpha() and w.islower() for w in words) \
        and sum(w[:1].isupper() for w in words) >= 2


def extract_quotes(parsed: Parsed, entities: list[Entity]) -> list[Quote]:
    """Direct, partial and indirect quotes of one article, in text order."""
    text = parsed.text
    sp = Speakers(parsed, entities)
    quotes: list[Quote] = []
    names = [(s, e) for ent in entities for s, e in ent.mentions]
    # a name in quote marks ("Аналитики «Альфа-Банка»") is not something said
    # (where every noun has a capital, a short quotation of nouns is still something said: „Haushalt der
    # Investitionen“)
    nouns_capitalized = str((parsed.data.get("places") or {}).get("nouns_capitalized", "")).lower() in ("yes", "true")
    found = [q for q in find_quoted(text, parsed.lang) if not any(s <= q.start and q.end <= e for s, e in names)
             and (nouns_capitalized or not _a_name(text[q.start:q.end]))]
    sp.quoted = [(q.start, q.end) for q in found]
    for q in found:
        ent, words, verb = sp.attribute(q.start, q.end)
        sent = sp.sentence_of(q.start)
        quotes.append(Quote(text=text[q.start:q.end], start=q.start, end=q.end, speaker=ent.id if ent else None,
                            speaker_text=words.strip() if words else words, verb=verb,
                            kind=_kind(text, q.start, q.end, sent)))
    taken = [(q.start, q.end) for q in quotes]
    if parsed.data.get("speech"):
        quotes.extend(_indirect(parsed, sp, taken))
    return sorted(quotes, key=lambda q: q.start)


__all__ = ["extract_quotes", "find_quoted"]
