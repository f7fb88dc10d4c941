"""One canonical entity per real-world person, organization or place across articles and languages.

An article's entity is linked to a canonical entity that shares one of its name keys (the same key in
every script and common spelling: Poutine, Putin, Путин), or for places the same GeoNames id; a
surname alone is linked to the one full-name person of that surname; a one-word name is never joined
to an entity of another known country (a full name is: the country given to a person in one article
is only a guess from its context). Every mention stays in its article: the canonical entity
only says which article entities are the same.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

from newsloom.schema import Entity, Record
from newsloom.store.base import name_key

GROUPS = {"PERSON": "PERSON", "ORG": "ORG", "GROUP": "ORG", "PLACE": "PLACE", "FACILITY": "PLACE"}


@dataclass
class Canonical:
    id: str
    name: str
    type: str
    country: str | None = None
    keys: set[str] = field(default_factory=set)
    mentions: int = 0


@dataclass(frozen=True)
class EntityLink:
    record_id: str
    entity_id: str
    canonical_id: str


def group_of(entity_type: str) -> str:
    return GROUPS.get(entity_type, entity_type)


def keys_of(e: Entity) -> list[str]:
    """The keys an article entity is known by, the most specific first."""
    out = []
    if e.geo and e.geo.source_id and e.geo.kind != "near" and group_of(e.type) == "PLACE":
        out.append(e.geo.source_id)
    for name in (e.name, *e.aliases):
        k = name_key(name)
        if k and k not in out:
            out.append(k)
    return out


class EntityResolver:
    """Canonical entities built one record at a time; `resolve` links a record's entities."""

    def __init__(self):
        self.entities: dict[str, Canonical] = {}
        self.by_key: dict[tuple[str, str], list[str]] = defaultdict(list)
        self.by_surname: dict[str, list[str]] = defaultdict(list)

    def load(self, canonical: Canonical) -> None:
        """Register a canonical entity read back from a store."""
        self.entities[canonical.id] = canonical
        for k in canonical.keys:
            self._index(canonical, k)

    def resolve(self, rec: Record) -> list[EntityLink]:
        return [EntityLink(rec.id, e.id, self.link(e).id) for e in rec.entities]

    def link(self, e: Entity) -> Canonical:
        group, keys = group_of(e.type), keys_of(e)
        found = self._match(group, keys, e.country)
        if found is None and group == "PERSON" and keys:
            words = keys[0].split()
            if len(words) == 1:  # a surname alone: the one person of that surname
                found = self._unique(self.by_surname.get(words[0], []), e.country)
            else:  # a full name: adopt a surname-only entity waiting for one
                lone = [c for c in self.by_key.get((group, words[-1]), []) if len(self.entities[c].name.split()) == 1]
                found = self._unique(lone, e.country)
                if found is not None:
                    found.name = e.name
        if found is None:
            found = Canonical(id=_new_id(group, keys[0] if keys else e.name, len(self.entities)), name=e.name,
                              type=group, country=e.country)
            self.entities[found.id] = found
        found.mentions += max(1, len(e.mentions))
        if found.country is None:
            found.country = e.country
        if len(e.name.split()) > len(found.name.split()):
            found.name = e.name
        for k in keys:
            if k not in found.keys:
                found.keys.add(k)
                self._index(found, k)
        return found

    def _index(self, c: Canonical, key: str) -> None:
        self.by_key[(c.type, key)].append(c.id)
        words = key.split()
        if c.type == "PERSON" and len(words) > 1 and c.id not in self.by_surname[words[-1]]:
            self.by_surname[words[-1]].append(c.id)

    def _match(self, group: str, keys: list[str], country: str | None) -> Canonical | None:
        for k in keys:
            ids = self.by_key.get((group, k), [])
            if " " not in k:  # one word names many things: the countries must not disagree
                ids = [c for c in ids if _compatible(self.entities[c].country, country)]
            if ids:
                return max((self.entities[c] for c in ids),
                           key=lambda c: (country is not None and c.country == country, c.mentions))
        return None

    def _unique(self, ids: list[str], country: str | None) -> Canonical | None:
        ok = [self.entities[c] for c in ids if _compatible(self.entities[c].country, country)]
        return ok[0] if len(ok) == 1 else None


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _new_id(group: str, key: str, n: int) -> str:
    return group[0].lower() + hashlib.sha1(f"{group}|{key}|{n}".encode()).hexdigest()[:11]
