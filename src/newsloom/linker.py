"""Links each record stored to the corpus as it arrives: its original when it is a near-duplicate, its
story, and the canonical entity of each of its entities.

The in-memory indexes (`stories.DuplicateIndex`, `stories.StoryIndex`, `canonical.EntityResolver`)
are rebuilt from the store when a `Linker` is opened, so an ingest run continues the stories of the
runs before it; the store keeps the links (`Store.save_links`, `Store.stories`, `Store.story`).
"""
from __future__ import annotations

import json
from datetime import date

from newsloom.canonical import Canonical, EntityResolver
from newsloom.schema import Record
from newsloom.stories import (Article, DuplicateIndex, SentenceEncoder, StoryIndex, StoryParams, features,
                              pack_vector, unpack_vector)


def _iso(day: int | None) -> str | None:
    return date.fromordinal(day).isoformat() if day is not None else None


class Linker:
    """Duplicates, stories and canonical entities of a store, kept up to date one record at a time."""

    def __init__(self, store, *, encoder: SentenceEncoder | None = None, params: StoryParams | None = None):
        self.store = store
        self.encoder = encoder or SentenceEncoder()
        self.duplicates = DuplicateIndex()
        self.stories = StoryIndex(params)
        self.entities = EntityResolver()
        self._ready: dict[str, Article] = {}
        self.unlinked = self._load()

    def _load(self) -> list[str]:
        """Rebuild the indexes from the store; the ids of stored records not linked yet."""
        state = self.store.link_state()
        titles = dict(state["titles"])
        for rid, sid, day, lang, vec, sig, keys, places in state["articles"]:
            self.duplicates.add(rid, "", day, signature=sig)
            self.stories.add(Article(rid, day, lang, titles.get(sid) or "", unpack_vector(vec),
                                     frozenset(json.loads(keys)), frozenset(json.loads(places))), story_id=sid)
        names: dict[str, set[str]] = {}
        for cid, key in state["names"]:
            names.setdefault(cid, set()).add(key)
        for cid, name, typ, country, mentions in state["canonical"]:
            self.entities.load(Canonical(cid, name, typ, country, names.get(cid, set()), mentions))
        return [rid for (rid,) in state["unlinked"]]

    def catch_up(self) -> int:
        """Link the stored records that have no links yet (stored before linking existed, or when a
        run stopped between storing a record and linking it); how many."""
        for rid in self.unlinked:
            self.add(self.store.get(rid))
        n, self.unlinked = len(self.unlinked), []
        return n

    def prepare(self, records: list[Record]) -> None:
        """Compute the features of records about to be added, their sentence vectors in one batch
        (cheaper by a third than one at a time)."""
        self._ready.update((art.id, art) for art in features(records, self.encoder))

    def add(self, rec: Record) -> dict:
        """Link one stored record; what it was linked to."""
        art = self._ready.pop(rec.id, None) or features([rec], self.encoder)[0]
        links = self.duplicates.add(rec.id, rec.text, art.day)
        own = next((l for l in links if l.record_id == rec.id), None)
        story_id = self.stories.story_of.get(own.original_id) if own else None
        assignment = self.stories.add(art, story_id=story_id)
        elinks = self.entities.resolve(rec)
        story = self.stories.stories[assignment.story_id]
        canonical = [self.entities.entities[cid] for cid in sorted({l.canonical_id for l in elinks})]
        self.store.save_links(
            (rec.id, story.id, assignment.score, own.original_id if own else None, own.similarity if own else None,
             art.day, art.language, pack_vector(art.vector), self.duplicates.signature(rec.id),
             json.dumps(sorted(art.keys), ensure_ascii=False), json.dumps(sorted(art.places), ensure_ascii=False)),
            (story.id, story.title, _iso(story.first), _iso(story.last), ",".join(sorted(story.languages)),
             len(story.articles)),
            [(l.original_id, l.similarity, l.record_id) for l in links if l.record_id != rec.id],
            [((c.id, c.name, c.type, c.country, c.mentions), c.keys) for c in canonical],
            [(l.record_id, l.entity_id, l.canonical_id) for l in elinks])
        return {"story": story.id, "new_story": assignment.new, "duplicate_of": own.original_id if own else None}
