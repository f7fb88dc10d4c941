"""The entity stage: mentions -> entities with roles, country, coordinates and salience."""
from __future__ import annotations

import dataclasses
import functools
import itertools
import math
import re
from collections import Counter

from anyascii import anyascii

from newsloom.extract.context import Parsed
from newsloom.extract.countries import CountryLexicon
from newsloom.extract.datelines import dateline_spans, with_datelines
from newsloom.extract.entities import (EntityRules, Mention, base_forms, corrected_mentions, nominative,
                                       opens_sentence)
from newsloom.extract.geo import Gazetteer
from newsloom.extract.linking import Group, link
from newsloom.extract.roles import RoleFinder
from newsloom.langdata import LangData, common, fold
from newsloom.nlp import PEOPLE_TRUSTED
from newsloom.schema import Entity, Geo, Role

_PLACE_TYPES = ("PLACE", "FACILITY")


class EntityStage:
    """Built once per language and reused for every article of that language."""

    def __init__(self, data: LangData):
        self.data = data
        self.countries = CountryLexicon(data)
        self.rules = EntityRules(data, self.countries)
        self.roles = RoleFinder(data)
        self.inflections = tuple((data.get("morphology") or {}).get("name_endings", []))
        self.morphology = data.get("morphology") or {}
        self.locatives = frozenset(fold(w) for w in (data.get("entity_cues") or {}).get("locatives", []))
        self.affiliation_nouns = frozenset(fold(n) for n in (data.get("titles") or {}).get("affiliation_nouns", []))
        # endings of a place's name in the genitive before a title ("Bayerns Innenminister")
        self.genitive_endings = tuple(self.morphology.get("genitive_before_titles") or ())
        self.group_words = frozenset(fold(g) for g in (data.get("events") or {}).get("groups", []))

    def __call__(self, parsed: Parsed, gazetteer: Gazetteer | None = None) -> list[Entity]:
        text = parsed.text
        mentions = corrected_mentions(parsed, self.rules, self.roles.names_after_titles(text))
        # a possessive is no part of the name ("Donald Trump's order", "Shropshire Council's officer")
        mentions = [dataclasses.replace(m, end=m.end - 2) if m.end - m.start > 4 and text[m.end - 2:m.end] in ("'s", "’s")
                    else m for m in mentions]
        fill = str((self.data.get("places") or {}).get("fill_model_gaps", "")).lower() in ("yes", "true")
        if gazetteer is not None and (parsed.ner is None and parsed.doc is None or fill):
            mentions = _with_gazetteer_places(text, mentions, gazetteer, self.data,
                                              after_preposition=parsed.ner is not None or parsed.doc is not None)
        if gazetteer is not None:
            mentions = with_datelines(text, mentions, gazetteer)
            if self.genitive_endings:
                mentions = _genitive_places(text, mentions, gazetteer, self.countries, self.roles.title_at,
                                            self.genitive_endings)
            _bodies_placed(text, mentions, gazetteer, self.locatives, frozenset(self.rules.determiners))
            mentions = _places_rejoined(text, mentions, gazetteer, self.rules)
            _places_taken_for_bodies(text, mentions, gazetteer, self.rules)
            mentions = _places_joined(text, mentions, gazetteer, self.rules)
            mentions = _places_apart(text, mentions, gazetteer, self.rules, self.morphology)
            mentions = _places_inside_bodies(text, mentions, gazetteer, self.rules)
        groups = link(text, mentions, self.inflections,
                      is_country=lambda form: self.countries.country_of_name(form) is not None)
        double = str((self.data.get("entity_cues") or {}).get("double_surnames", "")).lower() in ("yes", "true")
        _surnames_alone(text, groups, self.inflections, (lambda w: w[:1].isupper() and len(w) > 2
                                                         and not self.rules.is_given_name(w)) if double else None,
                        self.rules.title_words)
        if gazetteer is not None and not (parsed.ner is not None and parsed.ner.user_data.get(PEOPLE_TRUSTED)):
            _places_taken_for_people(groups, text, gazetteer, self.morphology)
        # A country name or demonym inside a person's name ("Luís Montenegro", "Ignazio La Russa", "Maurizio
        # Rossi") is no cue to a country.
        people = [(m.start, m.end) for g in groups if g.type == "PERSON" for m in g.mentions]
        cues = [c for c in self.countries.find_all(text)
                if not any(a <= c[0] and c[1] <= b and b - a > c[1] - c[0] for a, b in people)]
        # the bodies the lexicons place in a country ("Audiencia Nacional", "Guardia Civil") say where
        # the story is, for the places it names ("una fundación en Valencia")
        weights = _country_weights(cues + [(m.start, m.end, m.country, "body") for g in groups if g.type == "ORG"
                                           for m in g.mentions if m.country])
        stops = tuple(sorted(m.start for g in groups for m in g.mentions))
        entities = [self._entity(i, g, text, stops) for i, g in enumerate(groups)]
        entities = _without_title_words(entities)
        entities = self._bodies_of_roles(entities, text)
        if gazetteer is not None:
            _geocode(entities, text, gazetteer, weights, self.countries, self.data.get("morphology") or {},
                     self.locatives, self.rules.known)
            for e in entities:
                _in_usual_case(e, gazetteer)
            entities = _one_entity_per_place(entities)
            if parsed.ner is not None or parsed.doc is not None:
                opener = _unplaced_opener(text, self.rules, parsed.doc is None)
                entities = [e for e in entities if not opener(e)]
            if self.rules.nouns_capitalized:
                entities = [e for e in entities if not _unplaced_noun(e, text, self.rules)]
            # the letters of a currency sign are no name ("R$ 61,2 bilhões", "US$ 5 millones")
            entities = [e for e in entities if not all(re.fullmatch(r"[A-Z]{1,3}\$?", text[s:t])
                                                      and (text[t - 1] == "$" or text[t:t + 1] == "$")
                                                      for s, t in e.mentions)]
            # a common noun naming a collective actor is no place or person ("Protestujący domagają się")
            entities = [e for e in entities if not (e.type in ("PLACE", "PERSON", "MISC") and e.geo is None and all(
                fold(text[s:t]) in self.group_words for s, t in e.mentions))]
            for i, e in enumerate(entities):  # ids in order after merging and dropping
                e.id = f"e{i + 1}"
        self._role_countries(entities, text)
        _known_people_countries(entities)
        _context_countries(entities, cues, parsed, self.affiliation_nouns)
        _salience(entities, len(text))
        return entities

    def _entity(self, i: int, g: Group, text: str, stops: tuple[int, ...]) -> Entity:
        forms = set(g.forms)
        if g.type == "PERSON":
            name = g.longest()
            nom = nominative(name, self.morphology, self.rules.given_names.__contains__)
            if nom:  # a name met only in another case ("с Реджепом Тайипом Эрдоганом") is named in the nominative
                name = nom
                forms.add(nom)
                if any(" " not in f for f in g.forms):  # and so is its surname alone ("Эрдоганом")
                    forms.add(nom.split()[-1])
        else:
            name = Counter(g.forms).most_common(1)[0][0]
            # a country or an institution met in another case has its listed form among its aliases
            forms |= {lemma for f in g.forms if (lemma := self.rules.lemma(f))}
        aliases = sorted({f for f in forms if f != name})
        latin = anyascii(name)
        if latin != name and not any(c.isascii() for c in name if c.isalpha()):
            aliases.append(latin)
        roles: list[Role] = []
        if g.type == "PERSON":
            seen = set()
            for m in g.mentions:
                for r in self.roles.find(text, m.start, m.end, stops):
                    key = (fold(r.title), fold(r.of or ""))
                    if key not in seen:
                        seen.add(key)
                        roles.append(Role(title=r.title, of=r.of, start=r.start, end=r.end))
        return Entity(id=f"e{i + 1}", name=name, type=g.type, aliases=aliases,
                      mentions=[(m.start, m.end) for m in g.mentions], roles=roles, country=g.country)

    def _bodies_of_roles(self, entities: list[Entity], text: str) -> list[Entity]:
        """The body a role names that the model did not ("l'ex amministratore delegato della Banca
        Popolare del Tirreno, Roberto Galli"): an entity of its own, with every place the text names it."""
        taken = [span for e in entities for span in e.mentions]
        places = {span for e in entities if e.type == "PLACE" for span in e.mentions}

        def clashes(a0: int, b0: int) -> bool:  # a place inside the body's name may stay ("Port of Rotterdam")
            return any(a < b0 and a0 < b and not ((a, b) in places and a0 <= a and b <= b0 and (a, b) != (a0, b0))
                       for a, b in taken)

        found: dict[str, Entity] = {}
        for e in entities:
            for r in e.roles:
                name = r.of
                if not name or not name[:1].isupper() or len(name) < 3 or name in found:
                    continue
                words = name.split()
                if not (len(words) > 1 or name.isupper()) or self.rules.is_given_name(words[0]) \
                        or any(fold(w) in self.rules.titles for w in words):
                    continue  # a single capitalized word, a person's name or a title ("Brigadier General")
                at = text.find(name, r.start, r.end + 1)
                if at < 0 or clashes(at, at + len(name)):
                    continue
                kn = self.rules.known(name)
                kind = kn[0] if kn else next((k for k in map(self.rules._inside_kind, name.split()) if k), "ORG")
                if kind not in ("ORG", "FACILITY", "EVENT"):
                    continue
                spans = [(m.start(), m.end()) for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)
                         if not clashes(m.start(), m.end())]
                if not spans:
                    continue
                taken += spans
                found[name] = Entity(id="", name=name, type=kind, mentions=spans, country=kn[1] if kn else None)
        if not found:
            return entities
        out = sorted(entities + list(found.values()), key=lambda x: x.mentions[0][0])
        for i, x in enumerate(out):
            x.id = f"e{i + 1}"
        return out

    def _role_countries(self, entities: list[Entity], text: str) -> None:
        """Country of a person from a demonym or complement in one of their roles."""
        by_name = {}
        for e in entities:
            for n in [e.name, *e.aliases]:
                by_name.setdefault(fold(n), e)
        for _ in range(2):  # a role "of" another person needs that person's country first
            for e in entities:
                if e.type != "PERSON" or e.country:
                    continue
                for r in e.roles:
                    code = _role_country(r, text, self.countries, self.rules, by_name)
                    if code:
                        e.country = code
                        break
        # a demonym standing right before the name, as a noun or an adjective ("com o espanhol Fernando
        # Alonso", "Słoweniec Domen Prevc", "the Briton Lando Norris")
        for e in entities:
            if e.type != "PERSON" or e.country:
                continue
            for s, _ in e.mentions:
                before = re.search(r"([^\W\d_][\w-]*)[\s,]*$", text[max(0, s - 40):s])
                code = before and self.countries.country_of_demonym(before.group(1))
                if code:
                    e.country = code
                    break


_WORD = re.compile(r"[^\W\d_][\w-]*")


def _with_gazetteer_places(text: str, mentions: list[Mention], gazetteer: Gazetteer, data: LangData,
                           after_preposition: bool = False) -> list[Mention]:
    """Capitalized words the gazetteer knows as a sizeable place: without a statistical model,
    or where a weak one left a gap (then only after a preposition: "della Toscana", "a Genova")."""
    spec = data.get("places") or {}
    preps = {fold(p) for p in spec.get("prepositions", [])}
    strict = after_preposition or str(spec.get("nouns_capitalized", "")).lower() in ("yes", "true")
    # a weak model may miss a country or a big city anywhere ("Francoforte ha guadagnato lo 0,9%")
    anywhere = int(spec.get("anywhere_population") or 0) if after_preposition else 0
    articles = {fold(j) for j in (data.get("titles") or {}).get("joiners", []) if j.isalpha()}
    conjunctions = {fold(c) for c in (data.get("titles") or {}).get("conjunctions", [])}
    words = list(_WORD.finditer(text))
    out = list(mentions)
    i = 0
    while i < len(words):
        w = words[i]
        if not w.group(0)[:1].isupper():
            i += 1
            continue
        if fold(w.group(0)) in preps and i + 1 < len(words) and words[i + 1].group(0)[:1].isupper() \
                and not text[w.end():words[i + 1].start()].strip():
            i += 1  # a preposition opening the sentence ("En Córdoba y Rosario, ...")
            continue
        run = [w]
        while len(run) < 3 and i + len(run) < len(words) and words[i + len(run)].group(0)[:1].isupper() \
                and not text[run[-1].end():words[i + len(run)].start()].strip():
            run.append(words[i + len(run)])
        prev = fold(words[i - 1].group(0)) if i else ""
        if after_preposition and (not i or text[words[i - 1].end():w.start()].strip()):
            prev = ""  # the preposition must stand right before the name, in the same phrase
        # a place joined to another one stands where the other does ("en Córdoba y Rosario")
        joined = prev in conjunctions and i > 1 and any(x.type == "PLACE" and x.end == words[i - 2].end() for x in out)
        for n in range(len(run), 0, -1):
            start, end = run[0].start(), run[n - 1].end()
            if any(start < x.end and x.start < end for x in out):
                break
            places = gazetteer.sizeable(text[start:end])
            if after_preposition and end - start < 3:
                places = []  # a short word ("Il") is a country code, not a place, in running text
            if places and (not strict or prev in preps or joined):
                out.append(Mention(start, end, "PLACE"))
                break
            if anywhere and end - start > 3 and i and prev not in articles and not opens_sentence(text, start) \
                    and any(p.kind == "country" or p.population >= anywhere for p in places):
                out.append(Mention(start, end, "PLACE"))
                break
        i += len(run)
    return sorted(out, key=lambda x: x.start)


def _genitive_places(text: str, mentions: list[Mention], gazetteer: Gazetteer, countries: CountryLexicon,
                     title_at: re.Pattern, endings: tuple[str, ...]) -> list[Mention]:
    """A country, region or city in the genitive right before a title is a place ("Bayerns
    Gesundheitsministerin", "Frankreichs Präsident"); a model mention joining it to the title, or
    running on from it into the name, gives way to it (the name after the title stays)."""
    found = []
    for m in re.finditer(r"(?<![\w-])[^\W\d_][\w-]+(?=\s)", text):
        word = m.group(0)
        if not word[:1].isupper() or not title_at.match(text, re.match(r"\s+", text[m.end():]).end() + m.end()):
            continue
        country = countries.country_of_name(word)
        stems = [word[:-len(e)] for e in endings if e and word.endswith(e) and len(word) - len(e) >= 3]
        if country or any((p := gazetteer.resolve(st)) is not None and p.kind in ("admin1", "country")
                          or gazetteer.sizeable(st) for st in stems):
            found.append(Mention(m.start(), m.end(), "PLACE", country, fixed=True))
    if not found:
        return mentions
    out = []
    for x in mentions:
        hit = next((f for f in found if x.start < f.end and f.start < x.end), None)
        if hit is None:
            out.append(x)
            continue
        title = title_at.match(text, re.match(r"\s+", text[hit.end:]).end() + hit.end)
        rest = re.match(r"\s+", text[title.end():]) if title else None
        start = title.end() + rest.end() if rest else x.end
        if start < x.end and text[start:start + 1].isupper():  # the name after the title
            out.append(Mention(start, x.end, x.type, x.country, x.fixed))
    return sorted(out + found, key=lambda x: x.start)


def _bodies_placed(text: str, mentions: list[Mention], gazetteer: Gazetteer, locatives: frozenset[str],
                   articles: frozenset[str] = frozenset()) -> None:
    """A one-word organization right after a preposition of place, that the gazetteer knows as a
    sizeable place, is that place ("a Milano", "in Paris"); so is a national capital standing for
    its government ("los aranceles que Washington aplica"), unless an article makes it a club ("el
    Madrid", "la Roma"). A name in capitals is an acronym."""
    for i, m in enumerate(mentions):
        name = text[m.start:m.end]
        if m.type != "ORG" or m.fixed or " " in name or name.isupper() or not _WORD.fullmatch(name):
            continue
        before = re.search(r"(\w+)\s+$", text[max(0, m.start - 20):m.start])
        word = fold(before.group(1)) if before else ""
        if word in locatives and gazetteer.sizeable(name) or word not in articles and gazetteer.capital(name):
            mentions[i] = Mention(m.start, m.end, "PLACE")


def _without_title_words(entities: list[Entity]) -> list[Entity]:
    """A name the model found inside a person's title is part of the title, not an entity
    ("Finances" of "ministre de l'Économie et des Finances"); the body a role names stays."""
    titles = [(r.start, r.end, r.title, r.of) for e in entities if e.type == "PERSON" for r in e.roles]

    def in_title(e: Entity) -> bool:
        return e.type != "PERSON" and bool(e.mentions) and all(
            any(a <= s and t <= b and e.name in title and e.name != of for a, b, title, of in titles)
            for s, t in e.mentions)

    kept = [e for e in entities if not in_title(e)]
    if len(kept) < len(entities):
        for i, e in enumerate(kept):
            e.id = f"e{i + 1}"
    return kept


def _places_taken_for_bodies(text: str, mentions: list[Mention], gazetteer: Gazetteer, rules: EntityRules) -> None:
    """An organization of several words that is the own name of a sizeable place, with no word of a
    body in it, is that place ("do Rio de Janeiro")."""
    for i, m in enumerate(mentions):
        name = text[m.start:m.end]
        if m.type != "ORG" or m.fixed or " " not in name or any(rules._inside_kind(w) for w in name.split()):
            continue
        if any(fold(p.name) == fold(name) for p in gazetteer.sizeable(name)):
            mentions[i] = Mention(m.start, m.end, "PLACE")


def _places_rejoined(text: str, mentions: list[Mention], gazetteer: Gazetteer, rules: EntityRules) -> list[Mention]:
    """Places the model cut in two at a connector ("Abreu | e | Lima", "Santa Cruz | de | Tenerife") are
    one place when the whole is a place's own name in the gazetteer."""
    out: list[Mention] = []
    for m in sorted(mentions, key=lambda x: x.start):
        prev = out[-1] if out else None
        between = text[prev.end:m.start] if prev else ""
        glue = between.split()
        if prev and prev.type == "PLACE" and m.type == "PLACE" and not prev.fixed and not m.fixed \
                and 1 <= len(glue) <= 2 and between[:1].isspace() and between[-1:].isspace() \
                and all(fold(w) in rules.glue | rules.conjunctions for w in glue) \
                and gazetteer.named(text[prev.start:m.end]):
            out[-1] = Mention(prev.start, m.end, "PLACE", prev.country)
        else:
            out.append(m)
    return out


def _places_joined(text: str, mentions: list[Mention], gazetteer: Gazetteer, rules: EntityRules) -> list[Mention]:
    """Two places the model joined with a conjunction ("Roma e Milano", "Stati Uniti e Canada") are two
    places, when the whole is no name of its own ("Bosnia e Erzegovina" stays)."""
    out = []
    for m in mentions:
        name = text[m.start:m.end]
        joins = [j for j in re.finditer(r"\s+(\w+)\s+", name) if fold(j.group(1)) in rules.conjunctions]
        if m.type == "PERSON" or m.fixed or len(joins) != 1 or rules.known(name) or gazetteer.candidates(name):
            out.append(m)
            continue
        left, right = name[:joins[0].start()], name[joins[0].end():]

        def place(p: str) -> bool:
            kn = rules.known(p)
            return bool(kn and kn[0] == "PLACE" or gazetteer.sizeable(p))

        if place(left) and place(right):
            out += [Mention(m.start, m.start + len(left), "PLACE"), Mention(m.end - len(right), m.end, "PLACE")]
        else:
            out.append(m)
    return out


def _places_apart(text: str, mentions: list[Mention], gazetteer: Gazetteer, rules: EntityRules,
                  morphology: dict) -> list[Mention]:
    """Two places the model joined at a conjunction ("Terschelling en Vlieland", "Águilas y Lorca",
    "Deiva Marina e Framura", "Pałacu i Sejmu" not) are two places, where the gazetteer knows both
    halves, in any country, as written or in their dictionary form, and not the whole."""

    def a_place(name: str) -> bool:
        return any(gazetteer.candidates(n) or gazetteer.towns(n) for n in [name, *base_forms(name, morphology)])

    out = []
    for m in mentions:
        name = text[m.start:m.end]
        joint = next((j for j in re.finditer(r"\s+(\w+)\s+(?=[^\W\d_])", name)
                      if fold(j.group(1)) in rules.conjunctions and j.group(1).islower()), None)
        if m.fixed or m.type == "PERSON" or joint is None or rules.known(name) or gazetteer.candidates(name):
            out.append(m)
            continue
        left, right = name[:joint.start()], name[joint.end():]
        if left[:1].isupper() and right[:1].isupper() and a_place(left) and a_place(right):
            out += [Mention(m.start, m.start + joint.start(), "PLACE"), Mention(m.start + joint.end(), m.end, "PLACE")]
        else:
            out.append(m)
    return out


def _places_inside_bodies(text: str, mentions: list[Mention], gazetteer: Gazetteer,
                          rules: EntityRules) -> list[Mention]:
    """The place a body or building is named after is a place of the article too ("Tribunale di
    Milano", "Port of Rotterdam", "Câmara de Lisboa"): the words after the name's last connector,
    when the gazetteer knows them as a sizeable place. The place's mention lies inside the body's."""
    out = list(mentions)
    for m in mentions:
        if m.type not in ("ORG", "FACILITY"):
            continue
        name = text[m.start:m.end]
        words = list(re.finditer(r"[\w-]+['’]?", name))
        if rules.known(name):
            continue
        joints = [k for k in range(1, len(words) - 1)
                  if fold(words[k].group(0)).rstrip("'’") in rules.glue | rules.connectors
                  or fold(words[k].group(0)) in rules.glue | rules.connectors]
        # the longest place after a connector: "Câmara de Pampilhosa da Serra" is in Pampilhosa da Serra,
        # a town whose name holds a connector of its own (any town so named is taken), not in Serra
        for i, k in enumerate(joints):
            start = m.start + words[k + 1].start()
            place = text[start:m.end]
            if len(words) - k - 1 > 4 or not place[:1].isupper():
                continue
            several = i < len(joints) - 1
            if gazetteer.sizeable(place) or several and (gazetteer.named(place) or gazetteer.towns(place)):
                if not any(x.start == start and x.end == m.end for x in out):
                    out.append(Mention(start, m.end, "PLACE"))
                break
    return sorted(out, key=lambda x: (x.start, -x.end))


def _surnames_alone(text: str, groups: list[Group], endings: tuple[str, ...] = (), first_surname=None,
                    titles: frozenset[str] | set[str] = frozenset()) -> None:
    """Every other place a person's surname stands alone is a mention of that person ("Wadephul
    sagte"); where people share the surname, of the one named last before it; in an inflected
    language, with any of its case endings ("Tuska", "Tuskiem"). Where people bear two surnames
    and go by the first ("Luis Alberto Quispe Mamani" ... "declaró Quispe"), `first_surname` tells
    whether a name's last-but-one word is one (not a given name)."""
    case = "|".join(re.escape(e) for e in sorted(endings, key=len, reverse=True))
    case = f"(?:{case})?" if case else ""
    taken = [(m.start, m.end) for g in groups for m in g.mentions]
    surnames: dict[str, list[Group]] = {}
    for g in groups:
        if g.type == "PERSON" and len(g.longest().split()) > 1:
            words = g.longest().split()
            surnames.setdefault(words[-1], []).append(g)
            if first_surname is not None and len(words) >= 3 and first_surname(words[-2]):
                surnames.setdefault(words[-2], []).append(g)
    for name, owners in surnames.items():
        if len(name) < 3 or not name[:1].isupper():
            continue
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}{case}(?![\w-])", text):
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            if fold(m.group(0)) in titles and re.match(r"\s+(?:[^\W\d_]+\s+)?[A-ZÀ-ÞА-ЯЁ]", text[m.end():m.end() + 40]):
                continue  # a title before a name ("Head coach Brendon McCullum"), not Travis Head
            # a surname people share stands for the one of them named last before it
            named = [(max(x.start for x in g.mentions if x.start < m.start()), i) for i, g in enumerate(owners)
                     if any(x.start < m.start() for x in g.mentions)]
            if len(owners) > 1 and not named:
                continue
            owner = owners[max(named)[1]] if len(owners) > 1 else owners[0]
            owner.mentions.append(Mention(m.start(), m.end(), "PERSON"))
            owner.forms.append(m.group(0))
            taken.append((m.start(), m.end()))
        for g in owners:
            g.mentions.sort(key=lambda x: x.start)


def _places_taken_for_people(groups: list[Group], text: str, gazetteer: Gazetteer, morphology: dict) -> None:
    """A one-word 'person' that the gazetteer knows as a sizeable place, as written or in its
    dictionary form, is that place ("Kyiv", "Brukseli")."""
    for g in groups:
        if g.type != "PERSON" or any(len(f.split()) > 1 for f in g.forms):
            continue
        bases = [b for b in base_forms(g.forms[0], morphology) if b != g.forms[0]]
        # a dictionary form counts only as a place's own name, not one of its many alternate names
        if gazetteer.sizeable(g.forms[0]) or any(set(gazetteer.named(b)) & set(gazetteer.sizeable(b)) for b in bases):
            g.type = "PLACE"


def _role_country(r: Role, text: str, countries: CountryLexicon, rules: EntityRules, by_name: dict) -> str | None:
    words = text[r.start:r.end].split()
    for w in words:
        code = countries.country_of_demonym(w) or countries.country_of_demonym(w.strip(",."))
        if code:
            return code
    if r.of:
        kn = rules.known(r.of)
        if kn and kn[1]:
            return kn[1]
        other = by_name.get(fold(r.of))
        if other is not None and other.country:
            return other.country
        words = r.of.split()
        for n in range(len(words) - 1, 0, -1):  # the country named first ("Stanów Zjednoczonych w Polsce")
            code = countries.country_of_name(" ".join(words[:n]))
            if code:
                return code
        for w in r.of.split():  # "Port of Rotterdam": a place inside the complement
            place = by_name.get(fold(w))
            if place is not None and place.type in _PLACE_TYPES and place.country:
                return place.country
    return None


def _country_weights(cues: list[tuple[int, int, str, str]]) -> dict[str, float]:
    counts = Counter(code for _, _, code, _ in cues)
    total = sum(counts.values()) or 1
    return {c: n / total * 10 for c, n in counts.items()}


def _spans(parsed: Parsed) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    sents = parsed.sents or [(0, len(parsed.text))]
    paras, pos = [], 0
    for chunk in re.split(r"(\n\s*\n)", parsed.text):
        if chunk.strip() and not re.fullmatch(r"\n\s*\n", chunk):
            paras.append((pos, pos + len(chunk)))
        pos += len(chunk)
    return sents, paras or [(0, len(parsed.text))]


def _names_a_body(parsed: Parsed, start: int, end: int, nouns: frozenset[str]) -> bool:
    """Does the demonym at text[start:end] qualify a body of people ("la délégation russe")?"""
    before = re.findall(r"[\w’'-]+", parsed.text[max(0, start - 30):start])[-1:]
    after = re.findall(r"[\w’'-]+", parsed.text[end:end + 30])[:1]
    return any(fold(w) in nouns for w in before + after)


@functools.lru_cache(maxsize=1)
def _known_people() -> tuple[dict[str, str], dict[str, str]]:
    """Folded full names and surnames that stand alone -> country, from `_common/people.tsv`."""
    full, alone = {}, {}
    for row in common().table("people"):
        if len(row) < 2:
            continue
        for name in row[1].split("|"):
            full[fold(name)] = row[0]
        for name in (row[2].split("|") if len(row) > 2 and row[2] else []):
            alone[fold(name)] = row[0]
    return full, alone


def _known_people_countries(entities: list[Entity]) -> None:
    """A person the text gives no country to, who is one of the public figures the news names every
    day ("Marco Rubio", "Путин"), takes that person's country: where someone is or whom they meet
    says less than who they are. A full name of one taken for a place or a body is that person."""
    full, alone = _known_people()
    for e in entities:
        if e.type != "PERSON" and " " in e.name and fold(e.name) in full:
            e.type, e.geo = "PERSON", None  # the model's place or body that is a public figure's full name
        if e.type != "PERSON" or e.country:
            continue
        names = [fold(n) for n in (e.name, *e.aliases)]
        code = next((full[n] for n in names if n in full), None) or \
            next((alone[n] for n in names if " " not in n and n in alone), None)
        if code:
            e.country = code


DATELINE_WEIGHT = 3  # as many as three other mentions of a country


def _context_countries(entities: list[Entity], cues, parsed: Parsed, nouns: frozenset[str]) -> None:
    """A person with no country from a role takes the one country cue of their sentence, or the
    most frequent one of their paragraph, that no other person there already stands for."""
    persons = [e for e in entities if e.type == "PERSON"]
    role_spans = [(r.start, r.end) for e in persons for r in e.roles]
    sents, paras = _spans(parsed)
    known = {e.id: e.country for e in persons if e.country}  # from roles, before any guess
    # in a paragraph, an institution of a known country counts too, and so does a town named as an
    # actor ("Moskau werde reagieren"), not one where someone is ("que se encontra em Bruxelas")
    preps = {fold(p) for p in [*(parsed.data.get("places") or {}).get("prepositions", []),
                               *(parsed.data.get("entity_cues") or {}).get("locatives", [])]}
    joins = {fold(c) for c in (parsed.data.get("titles") or {}).get("conjunctions", [])}

    def located(s: int) -> bool:  # after a place preposition, over other names and conjunctions ("en X y Y")
        for word in reversed(re.findall(r"[\w'’]+", parsed.text[max(0, s - 60):s])):
            if not (word[:1].isupper() or fold(word) in joins):
                return fold(word) in preps
        return False

    # a foreign agency that filed the story says nothing of who is in it ("TEGUCIGALPA (Reuters) -")
    datelines = dateline_spans(parsed.text)
    home = next((e.country for e in entities if e.type in _PLACE_TYPES and e.country
                 and any(a <= s < b for s, _ in e.mentions for a, b in datelines)), None)
    foreign = {e.id for e in entities if e.type == "ORG" and home and e.country and e.country != home}

    def filed(e: Entity, s: int) -> bool:
        return e.id in foreign and (any(a <= s < b for a, b in datelines) or parsed.text[max(0, s - 1):s] == "(")

    local = [(s, t, e.country, "place") for e in entities if e.country and e.type in ("PLACE", "FACILITY", "ORG")
             and not (e.geo is not None and e.geo.kind == "country") for s, t in e.mentions
             if e.type == "ORG" and not filed(e, s) or e.type != "ORG" and not located(s)]
    for scope in (sents, paras):
        for e in persons:
            if e.country:
                continue
            for a, b in scope:
                if not any(a <= s < b for s, _ in e.mentions):
                    continue
                claimed = {known[o.id] for o in persons if o is not e and o.id in known
                           and any(a <= s < b for s, _ in o.mentions)}
                found: Counter = Counter()
                for s, t, code, kind in (cues + local if scope is paras else cues):
                    if a <= s < b and code not in claimed \
                            and (scope is paras or kind == "demonym" and _names_a_body(parsed, s, t, nouns)) \
                            and not any(x <= s < y for x, y in role_spans):
                        # a country where something is counts half ("la guerre en Ukraine", "filiales en
                        # Estados Unidos")
                        found[code] += 0.5 if kind == "name" and located(s) else 1
                if scope is sents and len(found) == 1 or scope is paras and found:
                    top = found.most_common(2)
                    if len(top) == 1 or top[0][1] > top[1][1]:
                        e.country = top[0][0]
                        break
    # Last, the country the whole article is about, when one clearly leads (names, demonyms, places).
    about = Counter(code for _, _, code, _ in cues)
    for e in entities:
        if e.type in (*_PLACE_TYPES, "ORG") and e.country:  # an institution's country from the lexicon too
            about[e.country] += sum(1 for s, _ in e.mentions if not filed(e, s))
    # the dateline's place tells where the story is told from ("MADRID, 25 nov (EFE).-")
    if home:
        about[home] += DATELINE_WEIGHT
    top = about.most_common(2)
    lead = 1.5 if top and top[0][0] == home else 2  # the dateline's country needs a smaller lead
    if top and top[0][1] >= 3 and (len(top) == 1 or top[0][1] >= lead * top[1][1]):
        for e in persons:
            e.country = e.country or top[0][0]
        for e in entities:  # a place too small for the gazetteer ("Choczewo")
            if e.type == "PLACE" and e.geo is None and not e.country:
                e.country = top[0][0]


def _unplaced_opener(text: str, rules: EntityRules, no_parser: bool):
    """The NER takes capitalized words opening a sentence for names ("Siłownia powstanie ...",
    "Grève à la SNCF : ..."): a one-word place the gazetteer does not know (without a parser) or a
    one-word organization no lexicon knows, seen only at the start of sentences, is dropped when the
    text also writes the word (in any inflection) in lower case ("... budowę siłowni", "une grève")."""
    lower = {w[:5] for w in re.findall(r"\b[^\W\d_]{5,}", text) if w.islower()}

    def opener(e: Entity) -> bool:
        kinds = ("PLACE", "ORG") if no_parser else ("ORG",)
        return e.type in kinds and e.geo is None and not e.country and not rules.known(e.name) and all(
            " " not in text[s:t] and "-" not in text[s:t] and opens_sentence(text, s)
            and len(text[s:t]) >= 5 and text[s:s + 5].lower() in lower for s, t in e.mentions)

    return opener


def _unplaced_noun(e: Entity, text: str, rules) -> bool:
    """Where every noun has a capital (German), the NER takes many of them for places ("Saison",
    "Pflegeheim"): a one-word place the gazetteer does not know, that names no country or institution
    and never follows a place preposition or a word for a place ("in Choczewo", "die Gemeinden
    Biebertal und Wettenberg"), is dropped; so is a one-word 'person' said once, with no title, that is
    no given name ("Covid")."""
    def cue(word: str) -> bool:
        return word in rules.place_prepositions or rules.before.get(word) == "PLACE"

    if e.type == "PERSON" and not e.roles and not e.aliases and " " not in e.name and "-" not in e.name \
            and len(e.mentions) == 1 and e.name not in rules.given_names:
        return True  # a capitalized noun alone, said once, with no title: "Covid", "Strophen"
    if e.type != "PLACE" or e.geo is not None or rules.known(e.name):
        return False
    for s, t in e.mentions:
        before = [fold(w.strip(",")) for w in text[max(0, s - 60):s].split()]
        listed = len(before) > 2 and (before[-1] in rules.conjunctions or not before[-1])
        if " " in text[s:t] or before and cue(before[-1]) or listed and cue(before[-3]):
            return False  # ("... Gemeinden Biebertal und Wettenberg", "in Gießen, Wetzlar")
    return True


def _one_entity_per_place(entities: list[Entity]) -> list[Entity]:
    """Places the gazetteer put on the same spot are one entity ("Warszawę", "Warszawie"): the first
    keeps its name, takes the others' mentions and names."""
    first: dict[str, Entity] = {}
    out = []
    for e in entities:
        key = e.geo.source_id if e.type == "PLACE" and e.geo is not None and e.geo.kind != "near" else None
        if key is None or key not in first:
            if key:
                first[key] = e
            out.append(e)
            continue
        keep = first[key]
        keep.mentions = sorted(set(keep.mentions) | set(e.mentions))
        keep.aliases += [a for a in dict.fromkeys([e.name, *e.aliases]) if a != keep.name and a not in keep.aliases]
        keep.country = keep.country or e.country
    return out


def _geocode(entities, text, gazetteer: Gazetteer, weights, countries: CountryLexicon, morphology: dict,
             locatives: frozenset[str] = frozenset(), known=lambda name: None) -> None:
    for e in entities:
        if e.type not in _PLACE_TYPES:
            continue
        place = None
        if e.country and countries.country_of_name(e.name) == e.country:
            place = gazetteer.country_place(e.country)
        bases = base_forms(e.name, morphology)
        # a name in the genitive ("Bayerns"), where that form names no place itself
        genitive = [e.name[:-len(end)] for end in morphology.get("genitive_before_titles") or ()
                    if end and e.name.endswith(end) and len(e.name) - len(end) >= 3 and gazetteer.resolve(e.name) is None]
        bases += genitive
        if place is None and bases:
            # an inflected name ("Астане"): its written form may also name a small place elsewhere,
            # so every form competes, by the article's countries and population
            found = [p for p in (gazetteer.resolve(n, countries=weights) for n in [e.name, *e.aliases, *bases]) if p]
            if found:
                place = max(found, key=lambda p: (1 + weights.get(p.country, 0.0)) * (p.population + 1))
        for name in [e.name, *e.aliases, *bases]:
            place = place or gazetteer.resolve(name, countries=weights)
        if place is not None:
            _place(e, place, bases, gazetteer.candidates)
            if genitive and (place.kind == "country" or any(p.geonameid == place.geonameid
                                                            for p in gazetteer.candidates(genitive[0]))):
                # named in the nominative, the genitive among its names ("Bayern", "Bayerns")
                e.aliases = sorted((set(e.aliases) | {e.name}) - {genitive[0]})
                e.name = genitive[0]
    _in_towns(entities, text, gazetteer, weights, morphology, locatives, known)
    _near_the_others(entities, gazetteer, morphology)
    # A facility or place not in the gazetteer sits where the text says it is ("... à Anchorage").
    placed = [e for e in entities if e.geo is not None]
    for e in entities:
        if e.type != "FACILITY" or e.geo is not None:
            continue
        s, t = e.mentions[0]
        near = [(ps, p) for p in placed for ps, _ in p.mentions if t <= ps <= t + 60
                and not re.search(r"[.;\n]", text[t:ps])]
        if near:
            _, p = min(near, key=lambda x: x[0])
            e.geo = p.geo.model_copy(update={"kind": "near"})
            e.country = e.country or p.country


def _place(e: Entity, place, bases: list[str], candidates) -> None:
    """Put `e` at `place`, and take the dictionary form of its name among its aliases."""
    # the dictionary form of an inflected name joins its aliases ("Астане" -> "Астана", "Киевом"
    # -> "Киев"), even where GeoNames lists the inflected form too
    forms = [b for b in dict.fromkeys(bases) if b != e.name
             and any(p.geonameid == place.geonameid for p in candidates(b))]
    # the place's own name among them is the one ("Krakowie" -> "Kraków", not also "Kraka")
    forms = ([b for b in forms if b == place.name] or [b for b in forms if fold(b) == fold(place.name)]
             or forms)
    for base in forms:  # the longest form only: "Warszawa", not also the stem "Warszaw"
        if not any(o != base and o.startswith(base) for o in forms):
            e.aliases += [a for a in dict.fromkeys((base, anyascii(base))) if a not in e.aliases]
    e.geo = Geo(lat=round(place.lat, 5), lon=round(place.lon, 5), source_id=f"geonames:{place.geonameid}",
                admin1=place.admin1, timezone=place.timezone, kind=place.kind)
    e.country = e.country or place.country


def _in_towns(entities: list[Entity], text: str, gazetteer: Gazetteer, weights: dict[str, float], morphology: dict,
              locatives: frozenset[str], known=lambda name: None) -> None:
    """A place the gazetteer's cities do not know may be a town of under 15,000 people in a country
    the article is about (named, or where its other places are): the one near those places, else
    the most populous. A name the model typed otherwise, written right after a preposition of place,
    is a place where the gazetteer knows it as a sizeable one, or as such a town ("tra Camogli e
    Recco", "Em Nova York", "W Ścinawie", "farmers from Pickering")."""

    def after_locative(e: Entity) -> bool:
        return e.type in _RETYPED and not e.roles and not e.name.isupper() and not known(e.name) and any(
            fold(w.group(1)) in locatives for s, _ in e.mentions
            if (w := re.search(r"(\w+)\s+$", text[max(0, s - 20):s])))

    placed = [e.geo for e in entities if e.geo is not None and e.geo.kind != "country"]
    countries = set(weights) | {e.country for e in entities if e.type in _PLACE_TYPES and e.geo and e.country}
    for e in entities:
        if e.geo is not None or not (e.type == "PLACE" or after_locative(e)):
            continue
        bases = base_forms(e.name, morphology)
        names = list(dict.fromkeys([e.name, *e.aliases, *bases, *_each_word_based(e.name, morphology)]))
        if e.type != "PLACE":
            big = next((n for n in names if gazetteer.sizeable(n)), None)
            if big is not None:
                _place(e, gazetteer.resolve(big, countries=weights), names, gazetteer.candidates)
                e.type = "PLACE"
                continue
        found = {p.geonameid: p for n in names for p in gazetteer.towns(n, countries)}
        if e.type != "PLACE":  # and the cities under SIZEABLE of those countries ("a Venezia", 51,000 people)
            found |= {p.geonameid: p for n in names for p in gazetteer.named(n)
                      if p.kind == "city" and p.country in countries}
        if not found:
            continue
        near = [p for p in found.values() if any(_km(p.lat, p.lon, g.lat, g.lon) <= NEAR_KM for g in placed)]
        place = max(near or found.values(), key=lambda p: (1 + weights.get(p.country, 0.0)) * (p.population + 1))
        _place(e, place, names, lambda n: gazetteer.towns(n, {place.country}))
        e.type = "PLACE"


def _each_word_based(name: str, morphology: dict) -> list[str]:
    """A name of two or three words with each word in its dictionary forms ("Brzegu Dolnym" -> "Brzeg
    Dolny"), where the language declines names."""
    words = name.split()
    if not 2 <= len(words) <= 3 or not morphology:
        return []
    forms = [[w, *base_forms(w, morphology)] for w in words]
    return [" ".join(c) for c in itertools.islice(itertools.product(*forms), 1, 200)]


# the types a model gives a place it mistakes for something else
_RETYPED = ("ORG", "PERSON", "GROUP", "PRODUCT", "MISC", "WORK")

NEAR_KM = 300


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = math.pi / 180
    h = math.sin((lat2 - lat1) * r / 2) ** 2 + math.cos(lat1 * r) * math.cos(lat2 * r) * math.sin((lon2 - lon1) * r / 2) ** 2
    return 12742 * math.asin(math.sqrt(h))


def _near_the_others(entities: list[Entity], gazetteer: Gazetteer, morphology: dict | None = None) -> None:
    """A town placed far from every other town of the article moves to a namesake of the same
    name that lies near them ("Valencia" beside Murcia and Almería is the Spanish one), and so does
    one placed in their region where a namesake lies several times nearer ("Naumburg" beside Kassel
    and Wolfhagen is the Hessian town, not Naumburg an der Saale 180 km away)."""
    placed = [e for e in entities if e.type == "PLACE" and e.geo is not None and e.geo.kind == "city"]
    for e in placed:
        around = [o for o in placed if o is not e and o.geo.source_id != e.geo.source_id]
        others = [o.geo for o in around]
        if not others:
            continue
        gap = min(_km(e.geo.lat, e.geo.lon, g.lat, g.lon) for g in others)
        if gap <= NEAR_KM / 6:
            continue
        # a city of that name near them, or a town of its country or theirs ("Abbeville" beside
        # Delcambre and Lake Charles is the Louisiana town, not the French one)
        lands = {o.country for o in around if o.country}
        # under its name as written, or its dictionary form ("do Barda": Bardo beside Kłodzko, not Bordeaux)
        names = [e.name, *base_forms(e.name, morphology or {})] if e.country not in lands else [e.name]
        found = []
        for n in names:
            towns = gazetteer.towns(n, ({e.country} | lands) if e.country else None)
            found += [*gazetteer.named(n), *(t for t in towns if fold(t.name) == fold(n))]
        near = [p for p in found
                if p.kind == "city" and (d := min(_km(p.lat, p.lon, g.lat, g.lon) for g in others)) <= NEAR_KM
                and (gap > NEAR_KM or d * 4 < gap)]
        if not near:
            continue
        place = max(near, key=lambda p: p.population)
        now = _place_of_geo(e.geo, gazetteer, e.name)
        if now is not None and fold(now.name) == fold(e.name) and place.population * 10 < now.population \
                and now.country in lands:
            continue  # a big city of that very name stays, even far away, in the others' country (Belém
            # beside Brasília); abroad it gives way (Alexandria beside Lake Charles is in Louisiana)
        if now is None or e.country == now.country:
            e.country = place.country
        e.geo = Geo(lat=round(place.lat, 5), lon=round(place.lon, 5), source_id=f"geonames:{place.geonameid}",
                    admin1=place.admin1, timezone=place.timezone, kind=place.kind)


def _in_usual_case(e: Entity, gazetteer: Gazetteer) -> None:
    """A place named in capitals only (a dateline's "KYIV", "МОСКВА") takes its usual spelling as its
    name: a form of the text written so, else the gazetteer's name, else the capitals in title case
    when the gazetteer knows them as a name of that place and they are longer than an abbreviation
    ("USA"). The capitals stay an alias."""
    if e.type != "PLACE" or e.geo is None or not e.name.isupper() or "." in e.name:
        return
    usual = next((a for a in e.aliases if fold(a) == fold(e.name) and not a.isupper()), None)
    if usual is None:
        place = _place_of_geo(e.geo, gazetteer, e.name)
        if place is not None and fold(place.name) == fold(e.name):
            usual = place.name
        elif place is not None and len(e.name) > 3:
            usual = e.name.title()
    if usual:
        e.aliases = sorted({*e.aliases, e.name} - {usual})
        e.name = usual


def _place_of_geo(geo: Geo, gazetteer: Gazetteer, name: str):
    for p in gazetteer.candidates(name):
        if geo.source_id == f"geonames:{p.geonameid}":
            return p
    return None


def _salience(entities: list[Entity], n: int) -> None:
    scores = {}
    for e in entities:
        first = e.mentions[0][0] / max(n, 1)
        scores[e.id] = len(e.mentions) + (1.0 - first) + (0.5 if e.roles else 0.0)
    top = max(scores.values(), default=1.0)
    for e in entities:
        e.salience = round(scores[e.id] / top, 3)


def main_country(entities: list[Entity], first_paragraph_end: int) -> str | None:
    """The country the article is set in: the one its places are in, each mention counted, those
    of the first paragraph (headline, dateline, lead) twice; None without places."""
    votes: Counter = Counter()
    for e in entities:
        if e.type in _PLACE_TYPES and e.country:
            votes.update({e.country: sum(2 if s < first_paragraph_end else 1 for s, _ in e.mentions)})
    return votes.most_common(1)[0][0] if votes else None


def main_timezone(entities: list[Entity], first_paragraph_end: int) -> str | None:
    """The time zone of where the article's main event happens: the first place below country
    level named in the first paragraph, else the first place named at all."""
    placed = [e for e in entities if e.type in _PLACE_TYPES and e.geo and e.geo.timezone]
    local = [e for e in placed if e.geo.kind != "country"]
    for pool in ([e for e in local if e.mentions[0][0] < first_paragraph_end], local, placed):
        if pool:
            return min(pool, key=lambda e: e.mentions[0][0]).geo.timezone
    return None
