"""Links each record stored to the corpus as it arrives: its original when it is a near-duplicate, its
story, and the canonical entity of each of its entities; and reads stories and timelines back.

The in-memory indexes (`stories.DuplicateIndex`, `stories.StoryIndex`, `canonical.EntityResolver`)
are rebuilt from the store when a `Linker` is opened, so an ingest run continues the stories of the
runs before it. The SQL is portable (SQLite and PostgreSQL).
"""
from __future__ import annotations

import json
from datetime import date

from newsloom.canonical import Canonical, EntityResolver
from newsloom.schema import Record
from newsloom.stories import (Article, DuplicateIndex, SentenceEncoder, StoryIndex, StoryParams, features,
                              pack_vector, unpack_vector)
from newsloom.store.sqlite import name_key

TABLES = [
    "CREATE TABLE IF NOT EXISTS article_links (record_id TEXT PRIMARY KEY, story_id TEXT NOT NULL, "
    "score REAL NOT NULL, duplicate_of TEXT, similarity REAL, day INTEGER, language TEXT, vector TEXT NOT NULL, "
    "minhash TEXT NOT NULL, keys TEXT NOT NULL, places TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS article_links_story ON article_links(story_id)",
    "CREATE TABLE IF NOT EXISTS stories (id TEXT PRIMARY KEY, title TEXT, first_seen TEXT, last_seen TEXT, "
    "languages TEXT NOT NULL, articles INTEGER NOT NULL)",
    "CREATE INDEX IF NOT EXISTS stories_last_seen ON stories(last_seen)",
    "CREATE TABLE IF NOT EXISTS canonical_entities (id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, "
    "country TEXT, mentions INTEGER NOT NULL)",
    "CREATE TABLE IF NOT EXISTS canonical_names (canonical_id TEXT NOT NULL, key TEXT NOT NULL, "
    "PRIMARY KEY (canonical_id, key))",
    "CREATE INDEX IF NOT EXISTS canonical_names_key ON canonical_names(key)",
    "CREATE TABLE IF NOT EXISTS entity_links (record_id TEXT NOT NULL, entity_id TEXT NOT NULL, "
    "canonical_id TEXT NOT NULL, PRIMARY KEY (record_id, entity_id))",
    "CREATE INDEX IF NOT EXISTS entity_links_canonical ON entity_links(canonical_id)",
]


def _rows(store, sql: str, args: tuple = ()) -> list[tuple]:
    if hasattr(store, "query"):
        return store.query(sql, args)
    return store.db.execute(sql, args).fetchall()


def _execute(store, sql: str, args: tuple = ()) -> None:
    if hasattr(store, "query"):
        store.execute(sql, args)
    else:
        store.db.execute(sql, args)


def _transaction(store):
    return store.transaction() if hasattr(store, "transaction") else store.db


def ensure_tables(store) -> None:
    with _transaction(store):
        for sql in TABLES:
            _execute(store, sql)


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
        ensure_tables(store)
        self._load()

    def _load(self) -> None:
        titles = dict(_rows(self.store, "SELECT id, title FROM stories"))
        for rid, sid, day, lang, vec, sig, keys, places in _rows(
                self.store, "SELECT record_id, story_id, day, language, vector, minhash, keys, places "
                            "FROM article_links ORDER BY day, record_id"):
            self.duplicates.add(rid, "", day, signature=sig)
            art = Article(rid, day, lang, titles.get(sid) or "", unpack_vector(vec),
                          frozenset(json.loads(keys)), frozenset(json.loads(places)))
            self.stories.add(art, story_id=sid)
        names: dict[str, set[str]] = {}
        for cid, key in _rows(self.store, "SELECT canonical_id, key FROM canonical_names"):
            names.setdefault(cid, set()).add(key)
        for cid, name, typ, country, mentions in _rows(
                self.store, "SELECT id, name, type, country, mentions FROM canonical_entities"):
            self.entities.load(Canonical(cid, name, typ, country, names.get(cid, set()), mentions))

    def add(self, rec: Record) -> dict:
        """Link one stored record; what it was linked to."""
        art = features([rec], self.encoder)[0]
        links = self.duplicates.add(rec.id, rec.text, art.day)
        own = next((l for l in links if l.record_id == rec.id), None)
        story_id = self.stories.story_of.get(own.original_id) if own else None
        assignment = self.stories.add(art, story_id=story_id)
        elinks = self.entities.resolve(rec)
        story = self.stories.stories[assignment.story_id]
        st = self.store
        with _transaction(st):
            _execute(st, "INSERT INTO article_links VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                       (rec.id, story.id, assignment.score, own.original_id if own else None,
                        own.similarity if own else None, art.day, art.language, pack_vector(art.vector),
                        self.duplicates.signature(rec.id), json.dumps(sorted(art.keys), ensure_ascii=False),
                        json.dumps(sorted(art.places), ensure_ascii=False)))
            for l in links:
                if l.record_id != rec.id:  # this article is older than the one it was thought to copy
                    _execute(st, "UPDATE article_links SET duplicate_of = ?, similarity = ? WHERE record_id = ?",
                               (l.original_id, l.similarity, l.record_id))
            _execute(st, "INSERT INTO stories VALUES (?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET "
                       "first_seen = excluded.first_seen, last_seen = excluded.last_seen, "
                       "languages = excluded.languages, articles = excluded.articles",
                       (story.id, story.title, _iso(story.first), _iso(story.last),
                        ",".join(sorted(story.languages)), len(story.articles)))
            for cid in {l.canonical_id for l in elinks}:
                c = self.entities.entities[cid]
                _execute(st, "INSERT INTO canonical_entities VALUES (?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET "
                           "name = excluded.name, country = excluded.country, mentions = excluded.mentions",
                           (c.id, c.name, c.type, c.country, c.mentions))
                for k in c.keys:
                    _execute(st, "INSERT INTO canonical_names VALUES (?,?) ON CONFLICT DO NOTHING", (c.id, k))
            for l in elinks:
                _execute(st, "INSERT INTO entity_links VALUES (?,?,?) ON CONFLICT DO NOTHING",
                           (l.record_id, l.entity_id, l.canonical_id))
        return {"story": story.id, "new_story": assignment.new, "duplicate_of": own.original_id if own else None}


def list_stories(store, *, since: str | None = None, limit: int = 100) -> list[dict]:
    """Stories, the most recently active first."""
    ensure_tables(store)
    sql = "SELECT id, title, languages, first_seen, last_seen, articles FROM stories"
    args: tuple = ()
    if since:
        sql += " WHERE last_seen >= ?"
        args = (since,)
    rows = _rows(store, sql + " ORDER BY last_seen DESC, articles DESC, id LIMIT ?", (*args, limit))
    cols = ("id", "title", "languages", "first_seen", "last_seen", "articles")
    return [{**dict(zip(cols, r)), "languages": r[2].split(",") if r[2] else []} for r in rows]


def get_story(store, story_id: str, *, top: int = 10) -> dict | None:
    """One story: its articles (duplicates marked), main entities and events."""
    ensure_tables(store)
    head = [s for s in _rows(store, "SELECT id, title, languages, first_seen, last_seen, articles FROM stories "
                                    "WHERE id = ?", (story_id,))]
    if not head:
        return None
    sid, title, languages, first, last, n = head[0]
    articles = [dict(zip(("id", "published", "language", "title", "uri", "duplicate_of", "score"), r)) for r in _rows(
        store, "SELECT r.id, r.published, r.language, r.title, r.uri, l.duplicate_of, l.score FROM article_links l "
               "JOIN records r ON r.id = l.record_id WHERE l.story_id = ? ORDER BY r.published, r.id", (sid,))]
    entities = [dict(zip(("id", "name", "type", "articles"), r)) for r in _rows(
        store, "SELECT c.id, c.name, c.type, count(DISTINCT e.record_id) AS n FROM entity_links e "
               "JOIN article_links l ON l.record_id = e.record_id JOIN canonical_entities c ON c.id = e.canonical_id "
               "WHERE l.story_id = ? AND l.duplicate_of IS NULL GROUP BY c.id, c.name, c.type "
               "ORDER BY n DESC, c.name LIMIT ?", (sid, top))]
    events = [dict(zip(("type", "count"), r)) for r in _rows(
        store, "SELECT v.type, count(*) AS n FROM events v JOIN article_links l ON l.record_id = v.record_id "
               "WHERE l.story_id = ? AND l.duplicate_of IS NULL GROUP BY v.type ORDER BY n DESC, v.type", (sid,))]
    return {"id": sid, "title": title, "languages": languages.split(",") if languages else [], "first_seen": first,
            "last_seen": last, "articles": articles, "entities": entities, "events": events}


def timeline(store, name: str) -> list[dict]:
    """What an entity did and said, by date, with sources: every article entity linked to the canonical
    entities the name is known by (any spelling or script)."""
    ensure_tables(store)
    key = name_key(name)
    ids = [c for (c,) in _rows(store, "SELECT DISTINCT canonical_id FROM canonical_names WHERE key = ?", (key,))]
    if not ids:
        return store.timeline(name)
    marks = ",".join("?" * len(ids))
    rows = _rows(store, "SELECT DISTINCT e.record_id, e.entity_id, r.published, r.uri FROM entity_links e "
                        f"JOIN records r ON r.id = e.record_id WHERE e.canonical_id IN ({marks}) "
                        "ORDER BY r.published, e.record_id", tuple(ids))
    out, cache = [], {}
    for record_id, entity_id, published, uri in rows:
        rec = cache.get(record_id) or cache.setdefault(record_id, store.get(record_id))
        ent = next(e for e in rec.entities if e.id == entity_id)
        out.append({"published": published, "source": uri or record_id, "name": ent.name,
                    "roles": [r.title for r in ent.roles],
                    "said": [q.text for q in rec.quotes if q.speaker == entity_id],
                    "did": [f"{ev.type}: {ev.text}" for ev in rec.events if entity_id in ev.source]})
    return out

