"""Political events in PLOVER: who did what to whom, where, when, from per-language cue lexicons.

The cue words (`data/<lang>/events.yaml`) say which event a verb or noun
signals; the parse decides the actors: the subject of the trigger (or of the
clause it sits in) is the source, its object or a prepositional phrase
("contre des villes", "against Russia") the target. A demonym stands for its
country ("les forces russes" -> RU). Without a parse, the actors are the
names before and after the cue in the same sentence, with a lower confidence.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from newsloom.extract.datelines import dateline_spans
from newsloom.extract.context import Parsed
from newsloom.extract.roles import last_holder, same_offices
from newsloom.langdata import LangData, fold
from newsloom.schema import Entity, Event, TimeExpr

_ACTOR_TYPES = ("PERSON", "ORG", "GROUP")
_SOURCE_DEPS = ("nsubj", "nsubj:pass", "nsubjpass", "agent", "csubj")
_TARGET_DEPS = ("obj", "dobj", "iobj", "pobj", "obl", "obl:arg", "nmod", "prep", "dative")
# Events worth recording with no named actor, when the sentence says where ("thousands protested in
# São Paulo", "a drone strike hit Kharkiv")
_UNNAMED_ACTORS = ("PROTEST", "ASSAULT")
_DIRECTED = ("THREATEN", "SANCTION", "ACCUSE", "ASSAULT", "COERCE", "REJECT", "REQUEST")


@dataclass(frozen=True)
class Cue:
    type: str
    mode: str | None
    needs: frozenset[str]
    conditional: bool

    def fits(self, words: set[str]) -> bool:
        """No `needs`, or one of them in the clause (a need ending in `*` is a stem)."""
        if not self.needs or self.needs & words:
            return True
        stems = [n[:-1] for n in self.needs if n.endswith("*")]
        return any(w.startswith(st) for st in stems for w in words)


def stem_lookup(index: dict, stems: dict, word: str):
    """The entry of `word`: its own, else that of the longest stem it starts with
    (cues written `stem*` match every inflected form: "санкци*" -> "санкциями")."""
    if word in index:
        return index[word]
    if not stems:
        return None
    for n in range(len(word), 2, -1):
        if word[:n] in stems:
            return stems[word[:n]]
    return None


class EventCoder:
    """Per-language cue index; build once per language."""

    def __init__(self, data: LangData):
        spec = data.get("events") or {}
        self.cues: dict[str, list[Cue]] = {}
        self.stems: dict[str, list[Cue]] = {}
        for etype, items in (spec.get("cues") or {}).items():
            for it in items:
                cue = Cue(etype, it.get("mode"), frozenset(fold(n) for n in it.get("needs", [])),
                          it.get("when") == "conditional")
                key = fold(it["lemma"])
                if key.endswith("*"):
                    self.stems.setdefault(key[:-1], []).append(cue)
                else:
                    self.cues.setdefault(key, []).append(cue)
        self.symmetric = set(spec.get("symmetric", []))
        self.target_preps = {fold(p) for p in spec.get("target_preps", [])}
        conds = [fold(c) for c in spec.get("conditional", [])]
        self._conditional = re.compile("|".join(rf"(?<![\w-]){re.escape(c.strip())}(?![\w-])" for c in conds)) if conds else None
        self.negation = {fold(n) for n in spec.get("negation", [])}
        hazards = [fold(h) for h in spec.get("hazards", [])]
        self.hazards = {h: True for h in hazards if not h.endswith("*")}
        self.hazard_stems = {h[:-1]: True for h in hazards if h.endswith("*")}
        self.planned = {fold(p) for p in spec.get("planned", [])}
        self.modals = {fold(m) for m in spec.get("modals", [])}
        self.speech_verbs = {fold(v) for v in (data.get("speech") or {}).get("verbs", [])}
        # words opening a source phrase ("Según la Policía, ...", "Volgens de informateur ...")
        self.sources = tuple(fold(w) + " " for w in (data.get("speech") or {}).get("sources", []))
        # common nouns that name a collective actor ("the police", "los vecinos", "rolnicy")
        self.groups = frozenset(fold(g) for g in spec.get("groups", []))
        self.demonyms = data.mapping("demonyms")
        # one-word titles, which stand for the person holding them ("the minister", "o governador")
        self.title_words = frozenset(fold(t) for t in (data.get("titles") or {}).get("titles", [])
                                     if t and " " not in t and "-" not in t)
        self.offices = same_offices(data)
        self.articles = frozenset(fold(j) for j in (data.get("titles") or {}).get("joiners", []) if j.isalpha())

    # -- helpers -----------------------------------------------------------
    def pick(self, key: str, words: set[str], conditional: bool) -> Cue | None:
        cands = [c for c in stem_lookup(self.cues, self.stems, key) or [] if c.fits(words)]
        if any(c.conditional for c in cands):
            cands = [c for c in cands if c.conditional == conditional] or []
        return cands[0] if cands else None

    def is_conditional(self, sentence: str) -> bool:
        return bool(self._conditional and self._conditional.search(fold(sentence)))

    def is_hazard(self, word: str) -> bool:
        elided = _ELIDED_WORD.fullmatch(word)  # "l'alluvione"
        return any(stem_lookup(self.hazards, self.hazard_stems, fold(w))
                   for w in (word, elided.group(2) if elided else ""))

    def by_nature(self, text: str, a: int, at: int, actors: "_Actors") -> bool:
        """Is a force of nature what acts at `at` ("flooding has killed 13 people", "Typhoon Yagi
        killed 300")? It is when a hazard word stands before the trigger in its sentence and no
        person, organization or people is named between them; a place there is where it struck."""
        hits = [m for m in re.finditer(r"[\w’'-]+", text[a:at]) if self.is_hazard(m.group(0))]
        if not hits:
            return False
        h = a + hits[-1].start()
        if any(h < s < at and ent.type in _ACTOR_TYPES for s, e, ent in actors.mentions):
            return False
        return not any(fold(w) in self.demonyms for w in re.findall(r"[\w’'-]+", text[h:at]))


@functools.lru_cache(maxsize=None)
def _coder(code: str) -> EventCoder:
    from newsloom import langdata

    return EventCoder(langdata.load(code))


def coder_for(data: LangData) -> EventCoder:
    """The cue index of a language, built once per process (from immutable package data)."""
    return _coder(data.code)


class _Actors:
    """Maps stretches of text to actor ids: entities, or a country from a demonym."""

    def __init__(self, text: str, entities: list[Entity], demonyms: dict[str, str], groups: frozenset[str] = frozenset(),
                 offices: dict[str, frozenset[str]] | None = None):
        self.text = text
        self.offices = offices or {}
        self.entities = entities
        self.datelines = dateline_spans(text)  # the agency that filed the story acts in none of its events
        self.mentions = sorted(((s, e, ent) for ent in entities for s, e in ent.mentions
                                if not any(a <= s and e <= b for a, b in self.datelines)), key=lambda x: x[0])
        # the words naming a collective actor, outside every name ("la polizia", not "Polizia di Stato")
        self.group_words = []
        for m in re.finditer(r"[\w’'-]+", text) if groups else ():
            elided = _ELIDED_WORD.fullmatch(m.group(0))  # "l'opposition", "dell'esercito"
            start = m.start() + elided.start(2) if elided else m.start()
            key = fold(text[start:m.end()])
            if key in groups and not any(s <= start < e for s, e, _ in self.mentions):
                self.group_words.append((start, m.end(), key))
        self.demonyms = demonyms
        self.country_entity = {}
        for ent in entities:
            if ent.type == "PLACE" and ent.country and ent.geo is not None and ent.geo.kind == "country":
                self.country_entity.setdefault(ent.country, ent.id)
        self.salient = sorted(entities, key=lambda e: -e.salience)

    def inside_name(self, at: int) -> bool:
        """Is the word at `at` part of an organization's, person's or event's name?"""
        return any(s <= at < e for s, e, ent in self.mentions if ent.type in ("ORG", "PERSON", "WORK"))

    def country_id(self, code: str) -> str:
        return self.country_entity.get(code, f"country:{code}")

    def in_range(self, a: int, b: int, exclude: tuple[int, int] | None = None) -> list[str]:
        ents = [ent for s, e, ent in self.mentions if a <= s and e <= b
                and not (exclude and exclude[0] <= s < exclude[1])]
        ids = list(dict.fromkeys(ent.id for ent in ents if ent.type in _ACTOR_TYPES))
        if ids:
            return ids
        words = re.finditer(r"[\w’'-]+", self.text[a:b])
        codes = [self.demonyms[fold(w.group(0))] for w in words if fold(w.group(0)) in self.demonyms]
        ids = [self.country_id(c) for c in dict.fromkeys(codes)]
        # a country, or a first-level region acting as its government ("La Comunidad de Madrid rechazó")
        ids += [ent.id for ent in ents
                if ent.type == "PLACE" and ent.geo is not None and ent.geo.kind in ("country", "admin1")]
        return list(dict.fromkeys(ids))

    def group(self, a: int, b: int, last: bool = True) -> list[str]:
        """The collective actor a common noun names in a..b (the last one, or the first), as a one-item
        list: a GROUP entity, added to the article's entities with every mention of the same word."""
        found = [w for w in self.group_words if a <= w[0] and w[1] <= b]
        if not found:
            return []
        s, e, key = found[-1] if last else found[0]
        for ent in self.entities:
            if ent.type == "GROUP" and fold(ent.name) == key:
                return [ent.id]
        # (no salience: a common noun is no name, and stories do not match articles by it)
        ent = Entity(id=f"e{len(self.entities) + 1}", name=self.text[s:e], type="GROUP", salience=0.0,
                     mentions=[(x, y) for x, y, k in self.group_words if k == key])
        self.entities.append(ent)
        return [ent.id]

    def last_person(self, before: int) -> list[str]:
        """The person named last before `before` in the same paragraph, as a one-item list."""
        people = [ent.id for s, e, ent in self.mentions
                  if e <= before and ent.type == "PERSON" and "\n" not in self.text[e:before]]
        return people[-1:]

    def titled(self, title: str, before: int) -> list[str]:
        """The person named last before `before` whose role has the word `title` ("the minister",
        "o governador", "der Trainer"), as a one-item list."""
        holder = last_holder(title, self.mentions, before, self.offices)
        return [holder.id] if holder else []

    def country_of(self, ref: str, entities: dict[str, Entity]) -> str | None:
        if ref.startswith("country:"):
            return ref.split(":", 1)[1]
        e = entities.get(ref)
        return e.country if e else None


def _span(tok) -> tuple[int, int]:
    return tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)


def _subject(tok):
    """The subject of the trigger's clause, climbing through participles, infinitives and nouns."""
    t = tok
    for _ in range(6):
        subj = [c for c in t.children if c.dep_ in _SOURCE_DEPS]
        if subj:
            return subj
        poss = [c for c in t.children if c.dep_ in ("poss", "nmod:poss") and c.pos_ != "DET"]
        if poss:
            return poss
        if t.head is t:
            return []
        t = t.head
    return []


def _targets(tok, coder: EventCoder):
    out = []
    for c in tok.children:
        if c.dep_ in ("obj", "dobj", "iobj", "dative"):
            out.append(c)
        elif c.dep_ in _TARGET_DEPS:
            case = [g for g in c.children if g.dep_ == "case"] + ([c] if c.dep_ == "prep" else [])
            if any(fold(g.text) in coder.target_preps for g in case):
                out.extend(g for g in c.children if g.dep_ == "pobj") if c.dep_ == "prep" else out.append(c)
    return out


def _clause(tok) -> tuple[int, int]:
    """The words of the trigger's own clause (its head's, for a noun)."""
    head = tok.head if tok.pos_ in ("NOUN", "PROPN") and tok.head is not tok else tok
    return _span(head)


def _governing(tok):
    """The words an event stands in: for a verb, itself; for a noun, the verb that governs it, up
    through prepositions and other nouns ("Hundreds of protesters gathered ..."), else its head."""
    if tok.pos_ not in ("NOUN", "PROPN") or tok.head is tok:
        return tok
    t = tok.head
    for _ in range(4):
        if t.pos_ in ("VERB", "AUX") or t.head is t:
            return t
        t = t.head
    return tok.head


def _status(tok, text: str, coder: EventCoder) -> str:
    heads = [tok] + [a for a in list(tok.ancestors)[:2]]
    for t in heads:
        if any(fold(c.text) in coder.negation for c in t.children if c.dep_ in ("advmod", "neg", "det")):
            return "negated"
    if coder.is_conditional(text[slice(*_clause(tok))]):
        return "hypothetical"
    for t in heads[:2]:
        if "Cnd" in t.morph.get("Mood") or any(fold(c.text) in coder.modals for c in t.children if c.dep_.startswith("aux")):
            return "hypothetical"
        if "Fut" in t.morph.get("Tense") or any(fold(c.lemma_) in coder.planned for c in t.children if c.dep_.startswith("aux")) \
                or fold(t.lemma_) in coder.planned:
            return "planned"
    return "asserted"


def _reported(tok, speech_verbs: set[str]) -> bool:
    """A noun trigger that is the object of a speech verb ("called the attacks a provocation")
    is talk about an event, not the speaker's act."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    for anc in list(tok.ancestors)[:3]:
        if anc.pos_ in ("VERB", "AUX"):
            return fold(anc.lemma_) in speech_verbs
    return False


def _place_and_time(entities: list[Entity], times: list[TimeExpr], a: int, b: int, used: set[str],
                    datelines: list[tuple[int, int]] = (), words: tuple[int, int] | None = None):
    """The event's place and time in its sentence a..b: the most specific place; a date before a
    time of day, and of several, the one nearest the words the event stands in (`words`), so that
    "accepted it earlier this month, but Burhan rejected it on Sunday" dates the rejection Sunday."""
    rank = {"FACILITY": 0}
    kinds = {None: 1, "near": 1, "city": 1, "admin2": 2, "admin1": 2, "country": 3}
    places = [(rank.get(e.type, kinds.get(e.geo.kind if e.geo else None, 2)), s, e.id) for e in entities
              if e.type in ("PLACE", "FACILITY") and e.id not in used for s, t in e.mentions if a <= s < b]
    place = min(places)[2] if places else None
    # the date a dateline gives is when the story was filed, not when what it tells happens
    ws, we = words or (a, b)
    ts = [(any(x <= t.start < y for x, y in datelines), t.type != "DATE", max(0, ws - t.end, t.start - we), i)
          for i, t in enumerate(times) if a <= t.start < b]
    return place, (min(ts)[-1] if ts else None)


def extract_events(parsed: Parsed, entities: list[Entity], times: list[TimeExpr]) -> list[Event]:
    """PLOVER events of one article, one per trigger, merged per type and sentence. A collective
    actor named by a common noun ("the police", "los vecinos") is added to `entities` as a GROUP."""
    data = parsed.data
    if not data.get("events"):
        return []
    coder = coder_for(data)
    actors = _Actors(parsed.text, entities, coder.demonyms, coder.groups, coder.offices)
    by_id = {e.id: e for e in entities}
    events: dict[tuple[str, int], Event] = {}
    text = parsed.text
    for a, b in parsed.sents:
        # a dateline opening the sentence is no part of what it tells ("MADRID, 25 nov (EFE).- Los ...")
        a = next((y for x, y in actors.datelines if a <= x < b and not text[a:x].strip() and y < b), a)
        # nor is who reports it, closing the sentence ("Переговоры пройдут в Женеве, передает ТАСС.")
        # (not a verb that is itself an event: ", pediu ao Governo mais meios aéreos.")
        tail = re.search(r",\s*([^\W\d_]+)\s+[^,]{1,60}$", text[a:b].rstrip(" .!?\n"))
        if tail and fold(tail.group(1)) in coder.speech_verbs and coder.pick(
                fold(tail.group(1)), {fold(w) for w in re.findall(r"[\w’'-]+", text[a:b])}, False) is None:
            b = a + tail.start()
        sentence = text[a:b]
        words = {fold(w) for w in re.findall(r"[\w’'-]+", sentence)}
        words |= {fold(w.group(2)) for w in map(_ELIDED_WORD.fullmatch, words) if w}
        cond = coder.is_conditional(sentence)
        for ev in (_parsed_events if parsed.doc is not None else _plain_events)(parsed, coder, actors, a, b, words, cond):
            if ev.type in _DIRECTED and ev.source and not ev.target:
                ev = ev.model_copy(update={"target": _other_side(ev.source, actors, by_id)})
            place, ti = _place_and_time(entities, times, a, b, set(ev.source) | set(ev.target), actors.datelines,
                                        (ev.start, ev.end))
            if not ev.source and not ev.target and not (ev.type in _UNNAMED_ACTORS and place):
                continue
            ev = ev.model_copy(update={"place": place, "time": ti})
            if not ev.source and not ev.target:  # "thousands protested in São Paulo": where, not who
                ev = ev.model_copy(update={"confidence": min(ev.confidence, 0.3)})
            key = (ev.type, a)
            if key in events:
                old = events[key]
                merged = old.model_copy(update={"source": list(dict.fromkeys(old.source + ev.source)),
                                                "target": list(dict.fromkeys(old.target + ev.target))})
                events[key] = merged
            else:
                events[key] = ev
    return sorted(events.values(), key=lambda e: e.start)


def _parsed_events(parsed, coder, actors, a, b, words, cond):
    doc = parsed.doc
    span = doc.char_span(a, b, alignment_mode="expand")
    for tok in span or []:
        clause = parsed.text[slice(*_clause(tok))]
        cond = coder.is_conditional(clause)
        cue = coder.pick(fold(tok.lemma_), words, cond) or coder.pick(fold(tok.text), words, cond)
        if cue is None or _reported(tok, coder.speech_verbs) or actors.inside_name(tok.idx):
            continue
        src_toks = _subject(tok)
        doers = [w for s in src_toks for w in (s, *(c for c in s.children if c.dep_ in ("compound", "flat")))]
        if cue.type == "ASSAULT" and (any(coder.is_hazard(w.text) or coder.is_hazard(w.lemma_) for w in doers)
                                      or coder.by_nature(parsed.text, a, tok.idx, actors)):
            continue  # a flood or a storm kills, but is no party to a political event
        source = [x for s in src_toks for x in actors.in_range(*_span(s))]
        if fold(tok.text) in coder.groups:  # the cue names its own actors ("arrested dozens of protesters")
            source = actors.group(tok.idx, tok.idx + len(tok))
        if not source and any(s.pos_ == "PRON" and s.morph.get("PronType") in ([], ["Prs"]) for s in src_toks):
            source = actors.last_person(a)  # "She accused the agency ...": the person the pronoun stands for
        if not source:  # "The minister accused ...": the person last named with that title
            source = next((found for s in src_toks if fold(s.text) in coder.title_words
                           and (found := actors.titled(fold(s.text), a))), [])
        if not source:  # "Protesters blocked ...": the collective actor a common noun names
            source = next((found for s in src_toks if (found := actors.group(*_span(s)))), [])
        if not source:  # a parse with no usable subject: the nearest name before the trigger
            source = actors.in_range(max(a, tok.idx - 80), tok.idx)[-1:]
        objects = _targets(tok, coder)
        target = [x for t in objects for x in actors.in_range(*_span(t))]
        if not target and cue.type in _DIRECTED:  # "police arrested dozens of protesters"
            target = next((found for t in objects if (found := actors.group(*_span(t), last=False))), [])
        target = [x for x in target if x not in source]
        if cue.type in coder.symmetric and len(source) < 2 and target:
            source, target = source + target, []
        s0, e0 = _span(_governing(tok))
        s0, e0 = max(a, min(s0, tok.idx)), min(b, max(e0, tok.idx + len(tok)))
        s0, e0 = _trim(parsed.text, s0, e0)
        status = _status(tok, parsed.text, coder)
        conf = 0.5 + (0.25 if source else 0) + (0.15 if target else 0)
        yield Event(type=cue.type, mode=cue.mode, source=source, target=target, start=s0, end=e0,
                    text=parsed.text[s0:e0], status=status, confidence=round(conf, 2))


_ELIDED_WORD = re.compile(r"([^\W\d_]{1,4}['’])([^\W\d_][\w’'-]*)")


def _plain_events(parsed, coder, actors, a, b, words, cond):
    """No parse: a cue word, the names before it as source and after it as target."""
    text = parsed.text
    pronouns = {fold(p) for p in (parsed.data.get("speech") or {}).get("pronouns", [])}
    for m in re.finditer(r"[\w’'-]+", text[a:b]):
        cue = coder.pick(fold(m.group(0)), words, cond)
        elided = _ELIDED_WORD.fullmatch(m.group(0))
        if cue is None and elided:  # an article or preposition elided onto the word ("un'intesa", "l'attacco")
            cue = coder.pick(fold(elided.group(2)), words, cond)
        if cue is None and "-" in m.group(0):  # a verb with its clitic pronoun ("reuniu-se", "encontrou-se")
            cue = coder.pick(fold(m.group(0).split("-")[0]), words, cond)
        if cue is None:
            continue
        at = a + m.start()
        if actors.inside_name(at):
            continue  # a word of a name ("Intesa Sanpaolo", "Movimento 5 Stelle")
        if cue.type == "ASSAULT" and coder.by_nature(text, a, at, actors):
            continue  # "Powódź zabiła ...": nature, not a party to a political event
        # who reports it, in a source phrase opening the sentence, is not who acts ("Según la Policía, los
        # manifestantes cortaron ...")
        lo = a
        if coder.sources and fold(text[a:at]).startswith(coder.sources) and "," in text[a:at]:
            lo = a + text[a:at].index(",") + 1
        # the cue names its own actors ("Protestujący domagają się"), else the names before it
        source = actors.group(at, at + len(m.group(0))) if fold(m.group(0)) in coder.groups else actors.in_range(lo, at)
        before = [fold(w) for w in re.findall(r"[\w’'-]+", text[a:at])]
        opener = [w for w in before[:3] if w not in coder.articles][:1]
        if opener and opener[0] in coder.title_words and not any(
                a <= s < at and ent.type == "PERSON" for s, _, ent in actors.mentions):
            # "La candidata de Unidad por Chile acusó ...": the person holding the title that opens the
            # sentence, not the body named in its complement
            source = actors.titled(opener[0], a) or source
        if not source and pronouns & set(before):
            source = actors.last_person(a)  # "Zij riep ... op": the person the pronoun stands for
        if not source:  # "O governador pediu ...": the person last named with that title
            source = next((found for w in before if w in coder.title_words and (found := actors.titled(w, a))), [])
        if not source:  # "Rolnicy zablokowali ...": the collective actor a common noun names
            source = actors.group(lo, at)
        if not source and lo > a:  # no one else acts ("De acordo com a Polícia Civil, foram apreendidos ...")
            source = actors.in_range(a, lo)
        target = [x for x in actors.in_range(at, b) if x not in source]
        if not target and cue.type in _DIRECTED:
            target = [x for x in actors.group(at, b, last=False) if x not in source]
        if cue.type in coder.symmetric:
            source, target = source + target, []
        s0, e0 = _trim(text, a, b)
        # a negation right before the cue ("с итогами не согласились"): it did not happen
        near = [fold(w) for w in re.findall(r"[\w’'-]+", text[max(a, at - 30):at])][-2:]
        status = "negated" if coder.negation & set(near) else "hypothetical" if cond else "asserted"
        yield Event(type=cue.type, mode=cue.mode, source=source[-2:] if cue.type not in coder.symmetric else source,
                    target=target[:2], start=s0, end=e0, text=text[s0:e0], status=status, confidence=0.35)


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and not text[s].isalnum():
        s += 1
    while e > s and not (text[e - 1].isalnum() or text[e - 1] in ".!?»”\")"):
        e -= 1
    return s, e


def _other_side(source: list[str], actors: _Actors, by_id: dict[str, Entity]) -> list[str]:
    """For a directed event with no target in its sentence: the article's most salient actor
    from another country than the source's."""
    mine = {actors.country_of(s, by_id) for s in source} - {None}
    if not mine:
        return []
    for e in actors.salient:
        if e.type in ("PERSON", "ORG") and e.country and e.country not in mine:
            return [e.id]
    return []
