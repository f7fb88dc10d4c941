"""The embedded store: one SQLite file (WAL), records whole as JSON plus tables to filter on,
FTS5 over text, quotes and entity names, versioned migrations."""
from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from anyascii import anyascii

from newsloom.langdata import common, fold
from newsloom.schema import Record

MIGRATIONS: list[str] = [
    # 1: records, entities, mentions, quotes, events, errors, full-text index
    """
    CREATE TABLE records (id TEXT PRIMARY KEY, language TEXT, published TEXT, title TEXT, uri TEXT,
                          body TEXT NOT NULL, ingested_at TEXT NOT NULL);
    CREATE INDEX records_published ON records(published);
    CREATE INDEX records_language ON records(language);
    CREATE TABLE entities (record_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE, entity_id TEXT NOT NULL,
                           name TEXT NOT NULL, key TEXT NOT NULL, type TEXT NOT NULL, country TEXT,
                           lat REAL, lon REAL, salience REAL, PRIMARY KEY (record_id, entity_id));
    CREATE INDEX entities_key ON entities(key);
    CREATE TABLE entity_names (record_id TEXT NOT NULL, entity_id TEXT NOT NULL, key TEXT NOT NULL);
    CREATE INDEX entity_names_key ON entity_names(key);
    CREATE TABLE quotes (record_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE, n INTEGER NOT NULL,
                         text TEXT NOT NULL, speaker TEXT, kind TEXT, PRIMARY KEY (record_id, n));
    CREATE TABLE events (record_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE, n INTEGER NOT NULL,
                         type TEXT NOT NULL, text TEXT, status TEXT, PRIMARY KEY (record_id, n));
    CREATE INDEX events_type ON events(type);
    CREATE TABLE errors (id INTEGER PRIMARY KEY AUTOINCREMENT, source TEXT NOT NULL, reason TEXT NOT NULL,
                         at TEXT NOT NULL);
    CREATE VIRTUAL TABLE search USING fts5(record_id UNINDEXED, title, text, quotes, names);
    """,
]


def name_key(name: str) -> str:
    """The key a name is found by in any script and spelling: transliterated to Latin, folded,
    and written with one convention (`data/_common/name_keys.yaml`)."""
    spec = common().get("name_keys") or {}
    words = []
    for w in fold(anyascii(name)).replace("-", " ").split():
        for a, b in spec.get("replace", []):
            w = w.replace(a, b)
        for end in spec.get("drop_final", []):
            if len(w) > 4 and w.endswith(end):
                w = w[: -len(end)]
        words.append(w)
    return " ".join(words)


class SQLiteStore:
    """Records in one SQLite file; every write of a record is one transaction (crash-safe, idempotent)."""

    def __init__(self, path: str | Path = "newsloom.db"):
        self.path = str(path)
        self.db = sqlite3.connect(self.path)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.migrate()

    def migrate(self) -> int:
        self.db.execute("CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, applied_at TEXT)")
        done = {v for (v,) in self.db.execute("SELECT version FROM migrations")}
        for version, sql in enumerate(MIGRATIONS, start=1):
            if version in done:
                continue
            self.db.executescript("BEGIN;" + sql + f"INSERT INTO migrations VALUES ({version}, '{_now()}');COMMIT;")
        return len(MIGRATIONS)

    def close(self) -> None:
        self.db.close()

    def has(self, record_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM records WHERE id = ?", (record_id,)).fetchone() is not None

    def add(self, rec: Record) -> bool:
        """Store a record; False when it was already there (same id = same source bytes)."""
        if self.has(rec.id):
            return False
        names = {e.id: e.name for e in rec.entities}
        with self.db:
            self.db.execute("INSERT INTO records VALUES (?,?,?,?,?,?,?)",
                            (rec.id, rec.language.code, rec.published, rec.title, rec.source.uri, rec.to_json(None), _now()))
            for e in rec.entities:
                self.db.execute("INSERT INTO entities VALUES (?,?,?,?,?,?,?,?,?)",
                                (rec.id, e.id, e.name, name_key(e.name), e.type, e.country,
                                 e.geo.lat if e.geo else None, e.geo.lon if e.geo else None, e.salience))
                for n in {name_key(x) for x in [e.name, *e.aliases]} | {name_key(e.name.split()[-1])}:
                    self.db.execute("INSERT INTO entity_names VALUES (?,?,?)", (rec.id, e.id, n))
            for i, q in enumerate(rec.quotes):
                self.db.execute("INSERT INTO quotes VALUES (?,?,?,?,?)", (rec.id, i, q.text, q.speaker, q.kind))
            for i, ev in enumerate(rec.events):
                self.db.execute("INSERT INTO events VALUES (?,?,?,?,?)", (rec.id, i, ev.type, ev.text, ev.status))
            self.db.execute("INSERT INTO search VALUES (?,?,?,?,?)",
                            (rec.id, rec.title or "", rec.text, " ".join(q.text for q in rec.quotes),
                             " ".join(names.values())))
        return True

    def add_error(self, source: str, reason: str) -> None:
        with self.db:
            self.db.execute("INSERT INTO errors (source, reason, at) VALUES (?,?,?)", (source, reason, _now()))

    def count(self, table: str = "records") -> int:
        if table not in ("records", "errors", "entities", "quotes", "events"):
            raise ValueError(table)
        return self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def get(self, record_id: str) -> Record | None:
        row = self.db.execute("SELECT body FROM records WHERE id = ?", (record_id,)).fetchone()
        return Record.model_validate(json.loads(row[0])) if row else None

    def search(self, query: str | None = None, *, person: str | None = None, event: str | None = None,
               language: str | None = None, since: str | None = None, until: str | None = None,
               limit: int = 50) -> list[dict]:
        where, args = [], []
        if query:
            where.append("r.id IN (SELECT record_id FROM search WHERE search MATCH ?)")
            args.append(_fts_query(query))
        if person:
            where.append("r.id IN (SELECT n.record_id FROM entity_names n JOIN entities e ON e.record_id = n.record_id "
                         "AND e.entity_id = n.entity_id WHERE n.key = ? AND e.type = 'PERSON')")
            args.append(name_key(person))
        if event:
            where.append("r.id IN (SELECT record_id FROM events WHERE type = ?)")
            args.append(event.upper())
        if language:
            where.append("r.language = ?")
            args.append(language)
        if since:
            where.append("r.published >= ?")
            args.append(since)
        if until:
            where.append("r.published <= ?")
            args.append(until + "\uffff")
        sql = ("SELECT r.id, r.published, r.language, r.title, r.uri FROM records r"
               + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY r.published DESC LIMIT ?")
        cols = ("id", "published", "language", "title", "uri")
        return [dict(zip(cols, row)) for row in self.db.execute(sql, (*args, limit))]

    def timeline(self, name: str) -> list[dict]:
        """What an entity did and said, by date, with sources; found by any spelling or script."""
        rows = self.db.execute(
            "SELECT DISTINCT n.record_id, n.entity_id, r.published, r.uri FROM entity_names n "
            "JOIN records r ON r.id = n.record_id WHERE n.key = ? ORDER BY r.published", (name_key(name),)).fetchall()
        out = []
        for record_id, entity_id, published, uri in rows:
            rec = self.get(record_id)
            said = [q.text for q in rec.quotes if q.speaker == entity_id]
            did = [f"{ev.type}: {ev.text}" for ev in rec.events if entity_id in ev.source]
            ent = next(e for e in rec.entities if e.id == entity_id)
            out.append({"published": published, "source": uri or record_id, "name": ent.name,
                        "roles": [r.title for r in ent.roles], "said": said, "did": did})
        return out


def _fts_query(q: str) -> str:
    words = [w.replace('"', "") for w in q.split() if w.strip('"')]
    return " ".join(f'"{w}"' for w in words) or '""'


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
