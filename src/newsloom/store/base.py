"""What every store shares: the schema (versioned migrations), writing a record, searching and timelines.

All SQL here is written with `?` placeholders and types both backends accept (TEXT, INTEGER,
DOUBLE PRECISION); `{autoid}` in a migration stands for an auto-numbered primary key. A backend
supplies the connection, translates placeholders if it has to, and owns the full-text index, the one
part that differs (FTS5 in SQLite, a tsvector with a GIN index in PostgreSQL).

Adding a table or column: append a migration to MIGRATIONS (never edit an applied one); both backends
apply it at open. Adding a method: write it here with `self.execute` / `self.query` inside
`self.transaction()` so it runs on both.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from functools import lru_cache

from anyascii import anyascii

from newsloom.langdata import common, fold
from newsloom.schema import Record

MIGRATIONS: list[str] = [
    # 1: records, entities, entity names, quotes, events, errors
    """
    CREATE TABLE records (id TEXT PRIMARY KEY, language TEXT, published TEXT, title TEXT, uri TEXT,
                          body TEXT NOT NULL, ingested_at TEXT NOT NULL);
    CREATE INDEX records_published ON records(published);
    CREATE INDEX records_language ON records(language);
    CREATE TABLE entities (record_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE, entity_id TEXT NOT NULL,
                           name TEXT NOT NULL, key TEXT NOT NULL, type TEXT NOT NULL, country TEXT,
                           lat DOUBLE PRECISION, lon DOUBLE PRECISION, salience DOUBLE PRECISION,
                           PRIMARY KEY (record_id, entity_id));
    CREATE INDEX entities_key ON entities(key);
    CREATE TABLE entity_names (record_id TEXT NOT NULL, entity_id TEXT NOT NULL, key TEXT NOT NULL);
    CREATE INDEX entity_names_key ON entity_names(key);
    CREATE TABLE quotes (record_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE, n INTEGER NOT NULL,
                         text TEXT NOT NULL, speaker TEXT, kind TEXT, PRIMARY KEY (record_id, n));
    CREATE TABLE events (record_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE, n INTEGER NOT NULL,
                         type TEXT NOT NULL, text TEXT, status TEXT, PRIMARY KEY (record_id, n));
    CREATE INDEX events_type ON events(type);
    CREATE TABLE errors (id {autoid}, source TEXT NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL)
    """,
    # 2: what people filter on besides names: mentions, times, places with coordinates, spans of
    #    quotes and events, the source a record came from
    """
    CREATE TABLE mentions (record_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
                           entity_id TEXT NOT NULL, start_char INTEGER NOT NULL, end_char INTEGER NOT NULL,
                           PRIMARY KEY (record_id, entity_id, start_char));
    CREATE TABLE times (record_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE, n INTEGER NOT NULL,
                        text TEXT NOT NULL, type TEXT NOT NULL, value TEXT, utc TEXT,
                        start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, PRIMARY KEY (record_id, n));
    CREATE INDEX times_value ON times(value);
    CREATE TABLE places (record_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
                         entity_id TEXT NOT NULL, name TEXT NOT NULL, key TEXT NOT NULL, country TEXT,
                         lat DOUBLE PRECISION NOT NULL, lon DOUBLE PRECISION NOT NULL, geonames TEXT, kind TEXT,
                         PRIMARY KEY (record_id, entity_id));
    CREATE INDEX places_key ON places(key);
    CREATE INDEX places_latlon ON places(lat, lon);
    CREATE INDEX places_country ON places(country);
    ALTER TABLE quotes ADD COLUMN start_char INTEGER;
    ALTER TABLE quotes ADD COLUMN end_char INTEGER;
    ALTER TABLE events ADD COLUMN start_char INTEGER;
    ALTER TABLE events ADD COLUMN end_char INTEGER;
    ALTER TABLE events ADD COLUMN place TEXT;
    ALTER TABLE records ADD COLUMN source TEXT;
    CREATE INDEX entity_names_record ON entity_names(record_id);
    CREATE INDEX quotes_speaker ON quotes(record_id, speaker)
    """,
    # 3: links across articles: each article's story and the original it copies (with what linking
    #    needs to resume: its vector, MinHash signature, name and place keys), stories, canonical
    #    entities with the keys they are known by, and the canonical entity of each article entity
    """
    CREATE TABLE article_links (record_id TEXT PRIMARY KEY, story_id TEXT NOT NULL, score DOUBLE PRECISION NOT NULL,
                                duplicate_of TEXT, similarity DOUBLE PRECISION, day INTEGER, language TEXT,
                                vector TEXT NOT NULL, minhash TEXT NOT NULL, keys TEXT NOT NULL, places TEXT NOT NULL);
    CREATE INDEX article_links_story ON article_links(story_id);
    CREATE TABLE stories (id TEXT PRIMARY KEY, title TEXT, first_seen TEXT, last_seen TEXT, languages TEXT NOT NULL,
                          articles INTEGER NOT NULL);
    CREATE INDEX stories_last_seen ON stories(last_seen);
    CREATE TABLE canonical_entities (id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, country TEXT,
                                     mentions INTEGER NOT NULL);
    CREATE TABLE canonical_names (canonical_id TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (canonical_id, key));
    CREATE INDEX canonical_names_key ON canonical_names(key);
    CREATE TABLE entity_links (record_id TEXT NOT NULL, entity_id TEXT NOT NULL, canonical_id TEXT NOT NULL,
                               PRIMARY KEY (record_id, entity_id));
    CREATE INDEX entity_links_canonical ON entity_links(canonical_id)
    """,
    # 4: newest-first reading in a stable order (date, then id) straight from an index
    """
    CREATE INDEX records_published_id ON records(published, id)
    """,
    # 5: nothing shared; SQLite maps each record to its row of the full-text index (FTS_MIGRATIONS)
    "",
]

COUNTED = ("records", "errors", "entities", "mentions", "quotes", "events", "times", "places")
RESULT_COLUMNS = ("id", "published", "language", "title", "uri")


@lru_cache(maxsize=65536)
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


def statements(sql: str) -> list[str]:
    """The statements of a migration (they contain no ';' inside literals)."""
    return [s.strip() for s in sql.split(";") if s.strip()]


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Store:
    """A store of records. Subclasses provide `_connect`-time setup, `execute`, `query`,
    `transaction`, the type of `{autoid}`, and the full-text index (`FTS_MIGRATIONS`,
    `FTS_INSERT`, `_fts_row`, `_match`)."""

    AUTOID = "INTEGER PRIMARY KEY"
    # version -> backend-specific statements applied in the same transaction as MIGRATIONS[version - 1]
    FTS_MIGRATIONS: dict[int, str] = {}
    url: str = ""

    # ------------------------------------------------------------ backend primitives

    def execute(self, sql: str, args: Sequence = ()) -> int:
        """Run one statement; the number of rows it changed."""
        raise NotImplementedError

    def executemany(self, sql: str, rows: Iterable[Sequence]) -> None:
        for row in rows:
            self.execute(sql, row)

    def query(self, sql: str, args: Sequence = ()) -> list[tuple]:
        """Run one statement; all its rows."""
        raise NotImplementedError

    _depth = 0  # how many `transaction` blocks are open

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All statements inside commit together or not at all; nesting joins the outer transaction."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        with self._outermost():
            self._depth = 1
            try:
                yield
            finally:
                self._depth = 0

    def _outermost(self):
        """A context manager for one transaction of the backend: commit at the end, roll back on error."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------ schema

    def migrate(self) -> int:
        """Apply every migration not applied yet, each in its own transaction; the schema version."""
        self.execute("CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, applied_at TEXT)")
        done = {v for (v,) in self.query("SELECT version FROM migrations")}
        for version, sql in enumerate(MIGRATIONS, start=1):
            if version in done:
                continue
            with self.transaction():
                if self.query("SELECT 1 FROM migrations WHERE version = ?", (version,)):
                    continue  # another process applied it meanwhile
                for stmt in statements(sql.replace("{autoid}", self.AUTOID)):
                    self.execute(stmt)
                for stmt in statements(self.FTS_MIGRATIONS.get(version, "")):
                    self.execute(stmt)
                self._backfill(version)
                self.execute("INSERT INTO migrations VALUES (?, ?)", (version, now()))
        return len(MIGRATIONS)

    def version(self) -> int:
        return max((v for (v,) in self.query("SELECT version FROM migrations")), default=0)

    def _backfill(self, version: int) -> None:
        """Fill a new migration's tables from the records already stored (their JSON)."""
        if version != 2:
            return
        for (body,) in self.query("SELECT body FROM records"):
            rec = Record.model_validate(json.loads(body))
            self.execute("DELETE FROM quotes WHERE record_id = ?", (rec.id,))
            self.execute("DELETE FROM events WHERE record_id = ?", (rec.id,))
            self._write_parts([rec], names=False, index=False)

    # ------------------------------------------------------------ writing

    def has(self, record_id: str) -> bool:
        return bool(self.query("SELECT 1 FROM records WHERE id = ?", (record_id,)))

    _RECORD_INSERT = ("INSERT INTO records (id, language, published, title, uri, body, ingested_at, source) "
                      "VALUES (?,?,?,?,?,?,?,?)")
    _PART_INSERTS = {
        "entities": "INSERT INTO entities VALUES (?,?,?,?,?,?,?,?,?)",
        "entity_names": "INSERT INTO entity_names VALUES (?,?,?)",
        "mentions": "INSERT INTO mentions VALUES (?,?,?,?)",
        "times": "INSERT INTO times VALUES (?,?,?,?,?,?,?,?)",
        "places": "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?)",
        "quotes": "INSERT INTO quotes (record_id, n, text, speaker, kind, start_char, end_char) VALUES (?,?,?,?,?,?,?)",
        "events": "INSERT INTO events (record_id, n, type, text, status, start_char, end_char, place) "
                  "VALUES (?,?,?,?,?,?,?,?)",
    }
    # the full-text index: an INSERT taking the row `_fts_row` makes (backend-specific)
    FTS_INSERT = ""

    def add(self, rec: Record, *, source: str | None = None) -> bool:
        """Store a record whole and in its tables, in one transaction; False when it was already
        there (same id = same source bytes). Safe to run from several processes at once."""
        with self.transaction():
            inserted = self.execute(self._RECORD_INSERT + " ON CONFLICT (id) DO NOTHING", self._record_row(rec, source))
            if not inserted:
                return False
            self._write_parts([rec])
        return True

    def add_many(self, records: Iterable[Record], *, source: str | None = None) -> list[Record]:
        """Store many records in one transaction, a few statements for all of them; the records that
        were new (the others were stored already, or repeat one earlier in `records`). Another process
        storing one of them at the same moment makes the whole call fail and roll back."""
        batch: dict[str, Record] = {}
        for rec in records:
            batch.setdefault(rec.id, rec)
        if not batch:
            return []
        with self.transaction():
            known = set()
            ids = list(batch)
            for i in range(0, len(ids), 500):
                chunk = ids[i:i + 500]
                known.update(r for (r,) in self.query(
                    f"SELECT id FROM records WHERE id IN ({','.join('?' * len(chunk))})", chunk))
            new = [rec for rid, rec in batch.items() if rid not in known]
            self.executemany(self._RECORD_INSERT, [self._record_row(rec, source) for rec in new])
            self._write_parts(new)
        return new

    @staticmethod
    def _record_row(rec: Record, source: str | None) -> tuple:
        body = rec.model_dump_json(by_alias=True)  # the same JSON as Record.to_json, written by pydantic-core
        return rec.id, rec.language.code, rec.published, rec.title, rec.source.uri, body, now(), source

    def _write_parts(self, records: list[Record], *, names: bool = True, index: bool = True) -> None:
        """The filter tables (and the full-text index) of records; `names=False` leaves entities and their
        names alone."""
        rows: dict[str, list[tuple]] = {t: [] for t in self._PART_INSERTS}
        for rec in records:
            rid = rec.id
            if names:
                for e in rec.entities:
                    rows["entities"].append((rid, e.id, e.name, name_key(e.name), e.type, e.country,
                                             e.geo.lat if e.geo else None, e.geo.lon if e.geo else None, e.salience))
                    keys = {name_key(x) for x in [e.name, *e.aliases]} | {name_key(e.name.split()[-1])}
                    rows["entity_names"].extend((rid, e.id, k) for k in sorted(keys))
            rows["mentions"].extend(sorted({(rid, e.id, s, t) for e in rec.entities for s, t in e.mentions}))
            rows["times"].extend((rid, i, t.text, t.type, t.value, t.utc, t.start, t.end)
                                 for i, t in enumerate(rec.times))
            rows["places"].extend((rid, e.id, e.name, name_key(e.name), e.country, e.geo.lat, e.geo.lon,
                                   e.geo.source_id, e.geo.kind) for e in rec.entities if e.geo is not None)
            rows["quotes"].extend((rid, i, q.text, q.speaker, q.kind, q.start, q.end) for i, q in enumerate(rec.quotes))
            rows["events"].extend((rid, i, ev.type, ev.text, ev.status, ev.start, ev.end, ev.place)
                                  for i, ev in enumerate(rec.events))
        for table, sql in self._PART_INSERTS.items():
            if rows[table]:
                self.executemany(sql, rows[table])
        if index and records:
            self._index(records)

    def _index(self, records: list[Record]) -> None:
        """Add records to the full-text index."""
        self.executemany(self.FTS_INSERT, [self._fts_row(rec) for rec in records])

    def _fts_row(self, rec: Record) -> tuple:
        """The row of the full-text index for a record (backend-specific)."""
        raise NotImplementedError

    def _index_text(self, rec: Record) -> None:
        self._index([rec])

    def _match(self, query: str, common: bool = False) -> tuple[str, list]:
        """A WHERE condition on `r` selecting records whose text matches, and its arguments: for a
        `common` query a test of each record read, else a lookup of the matching records first."""
        raise NotImplementedError

    def _text_matches(self, query: str, cap: int) -> int:
        """How many records the full-text query matches (counted up to `cap`)."""
        raise NotImplementedError

    @staticmethod
    def _searchable(rec: Record) -> tuple[str, str, str, str]:
        names = " ".join(dict.fromkeys(e.name for e in rec.entities))
        return rec.title or "", rec.text, " ".join(q.text for q in rec.quotes), names

    def add_error(self, source: str, reason: str) -> None:
        with self.transaction():
            self.execute("INSERT INTO errors (source, reason, at) VALUES (?,?,?)", (source, reason, now()))

    def errors(self) -> list[tuple[str, str]]:
        return [(s, r) for s, r in self.query("SELECT source, reason FROM errors ORDER BY id")]

    # ------------------------------------------------------------ reading

    def count(self, table: str = "records") -> int:
        if table not in COUNTED:
            raise ValueError(f"cannot count {table!r}; one of {', '.join(COUNTED)}")
        return self.query(f"SELECT count(*) FROM {table}")[0][0]

    def get(self, record_id: str) -> Record | None:
        rows = self.query("SELECT body FROM records WHERE id = ?", (record_id,))
        return Record.model_validate(json.loads(rows[0][0])) if rows else None

    def records(self, batch: int = 500) -> Iterator[Record]:
        """Every stored record, oldest id first, read in batches."""
        last = ""
        while True:
            rows = self.query("SELECT id, body FROM records WHERE id > ? ORDER BY id LIMIT ?", (last, batch))
            if not rows:
                return
            for rid, body in rows:
                yield Record.model_validate(json.loads(body))
            last = rows[-1][0]

    # a filter matching more than this share of the records is checked record by record while the
    # records are read newest first (the first `limit` found end the scan); a rarer one is looked up
    # through its index first
    COMMON_SHARE = 0.02
    TEXT_TEST_COST = 4.0

    def search(self, query: str | None = None, *, person: str | None = None, place: str | None = None,
               event: str | None = None, language: str | None = None, since: str | None = None,
               until: str | None = None, limit: int = 50) -> list[dict]:
        """Records matching every given condition, newest first."""
        where, args = [], []
        records = self._records_estimate()
        common = max(1.0, self.COMMON_SHARE * records)
        text: tuple[str, list] | None = None  # a common full-text condition, tested last
        if query and query.strip():
            # Looking up the matching records costs about one step per match; testing each record read
            # newest first costs about limit * records / matches tests, each dearer (TEXT_TEST_COST steps
            # a word): the cheaper plan is the one whose cost is the smaller.
            cost = self.TEXT_TEST_COST * max(1, len(query.split()))
            cut = max(1.0, (cost * limit * records) ** 0.5)
            if self._text_matches(query, int(cut) + 1) > cut:
                text = self._match(query, common=True)
            else:
                cond, cargs = self._match(query)
                where.append(cond)
                args.extend(cargs)
        filters = []  # (rows matching, counted up to `cap`; subquery giving record_id; its argument)
        cap = int(common) + 1
        names = ("SELECT n.record_id FROM entity_names n JOIN entities e ON e.record_id = n.record_id "
                 "AND e.entity_id = n.entity_id WHERE n.key = ? AND e.type {types}")
        if person:
            key = name_key(person)
            filters.append((self._rows_with("entity_names", "key", key, cap), names.format(types="= 'PERSON'"), key))
        if place:
            key = name_key(place)
            filters.append((self._rows_with("entity_names", "key", key, cap),
                            names.format(types="IN ('PLACE', 'FACILITY')"), key))
        if event:
            filters.append((self._rows_with("events", "type", event.upper(), cap),
                            "SELECT record_id FROM events WHERE type = ?", event.upper()))
        for n, sub, arg in sorted(filters, key=lambda f: f[0]):
            if n <= common:
                where.append(f"r.id IN ({sub})")
            else:  # tested on each record read, newest first, through the record's own rows: `|| ''`
                # keeps SQLite from walking the index of the (common) value for every record instead
                alias = "n" if "entity_names n" in sub else "events"
                column = "n.key" if alias == "n" else "type"
                correlated = sub.replace(f"{column} = ?", f"{column} || '' = ?")
                where.append(f"EXISTS ({correlated} AND {alias}.record_id = r.id)")
            args.append(arg)
        if language:  # a common language is tested on each record read newest first, a rare one looked up
            common_language = self._rows_with("records", "language", language, cap) > common
            where.append("r.language || '' = ?" if common_language else "r.language = ?")
            args.append(language)
        if since:
            where.append("r.published >= ?")
            args.append(since)
        if until:
            where.append("r.published <= ?")
            args.append(until + "\uffff")
        if text:  # tested last, after the cheaper tests of the record's own rows
            where.append(text[0])
            args.extend(text[1])
        sql = ("SELECT r.id, r.published, r.language, r.title, r.uri FROM records r"
               + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY r.published DESC, r.id DESC LIMIT ?")
        return [dict(zip(RESULT_COLUMNS, row)) for row in self.query(sql, (*args, limit))]

    def _rows_with(self, table: str, column: str, value: str, cap: int = 100_000) -> int:
        """How many rows of an indexed column hold a value (counted up to `cap`)."""
        return self.query(f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {column} = ? LIMIT ?) x",
                          (value, cap))[0][0]

    def _records_estimate(self) -> int:
        """The number of records, counted at most once a minute."""
        import time

        at, n = getattr(self, "_estimate", (0.0, 0))
        if time.monotonic() - at > 60 or n == 0:
            n = self.count()
            self._estimate = (time.monotonic(), n)
        return n

    def timeline(self, name: str) -> list[dict]:
        """What an entity did and said, by date, with sources; found by any spelling or script, through
        the canonical entities the name is known by when records were linked, else by the name's key."""
        rows = self.query(
            "SELECT DISTINCT l.record_id, l.entity_id, r.published, r.uri FROM entity_links l "
            "JOIN records r ON r.id = l.record_id WHERE l.canonical_id IN "
            "(SELECT canonical_id FROM canonical_names WHERE key = ?) "
            "ORDER BY r.published, l.record_id, l.entity_id", (name_key(name),)) or self.query(
            "SELECT DISTINCT n.record_id, n.entity_id, r.published, r.uri FROM entity_names n "
            "JOIN records r ON r.id = n.record_id WHERE n.key = ? ORDER BY r.published, n.record_id, n.entity_id",
            (name_key(name),))
        out = []
        for record_id, entity_id, published, uri in rows:
            rec = self.get(record_id)
            said = [q.text for q in rec.quotes if q.speaker == entity_id]
            did = [f"{ev.type}: {ev.text}" for ev in rec.events if entity_id in ev.source]
            ent = next(e for e in rec.entities if e.id == entity_id)
            out.append({"published": published, "source": uri or record_id, "record": record_id, "name": ent.name,
                        "roles": [r.title for r in ent.roles], "said": said, "did": did})
        return out

    # ------------------------------------------------------------ links across articles (see linker.py)

    def link_state(self) -> dict[str, list[tuple]]:
        """What linking resumes from: article links in date order, story titles, canonical entities
        and their keys."""
        return {
            "articles": self.query("SELECT record_id, story_id, day, language, vector, minhash, keys, places "
                                   "FROM article_links ORDER BY day, record_id"),
            "titles": self.query("SELECT id, title FROM stories"),
            "canonical": self.query("SELECT id, name, type, country, mentions FROM canonical_entities"),
            "names": self.query("SELECT canonical_id, key FROM canonical_names"),
            "unlinked": self.query("SELECT id FROM records WHERE id NOT IN (SELECT record_id FROM article_links) "
                                   "ORDER BY published, id"),
        }

    def save_links(self, article: Sequence, story: Sequence, redirected: Iterable[Sequence],
                   canonical: Iterable[tuple[Sequence, Iterable[str]]], entity_links: Iterable[Sequence]) -> None:
        """One record's links in one transaction: its article_links row, its story's row, the copies
        now pointing at it as their original (duplicate_of, similarity, record_id), the canonical
        entities it touched (row, keys) and the links of its entities."""
        with self.transaction():
            self.execute("INSERT INTO article_links VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (record_id) DO NOTHING",
                         article)
            self.executemany("UPDATE article_links SET duplicate_of = ?, similarity = ? WHERE record_id = ?",
                             redirected)
            self.execute("INSERT INTO stories VALUES (?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET "
                         "first_seen = excluded.first_seen, last_seen = excluded.last_seen, "
                         "languages = excluded.languages, articles = excluded.articles", story)
            for row, keys in canonical:
                self.execute("INSERT INTO canonical_entities VALUES (?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET "
                             "name = excluded.name, country = excluded.country, mentions = excluded.mentions", row)
                self.executemany("INSERT INTO canonical_names VALUES (?,?) ON CONFLICT DO NOTHING",
                                 [(row[0], k) for k in sorted(keys)])
            self.executemany("INSERT INTO entity_links VALUES (?,?,?) ON CONFLICT DO NOTHING", entity_links)

    def stories(self, *, since: str | None = None, limit: int = 100) -> list[dict]:
        """Stories, the most recently active first."""
        cond, args = ("WHERE last_seen >= ? ", (since,)) if since else ("", ())
        rows = self.query("SELECT id, title, languages, first_seen, last_seen, articles FROM stories "
                          + cond + "ORDER BY last_seen DESC, articles DESC, id LIMIT ?", (*args, limit))
        return [{"id": i, "title": t, "languages": langs.split(",") if langs else [], "first_seen": f,
                 "last_seen": last, "articles": n} for i, t, langs, f, last, n in rows]

    def story(self, story_id: str, *, top: int = 10) -> dict | None:
        """One story: its articles (copies marked with their original), main entities and events."""
        head = self.query("SELECT id, title, languages, first_seen, last_seen FROM stories WHERE id = ?", (story_id,))
        if not head:
            return None
        sid, title, langs, first, last = head[0]
        articles = self.query(
            "SELECT r.id, r.published, r.language, r.title, r.uri, l.duplicate_of, l.score FROM article_links l "
            "JOIN records r ON r.id = l.record_id WHERE l.story_id = ? ORDER BY r.published, r.id", (sid,))
        entities = self.query(
            "SELECT c.id, c.name, c.type, count(DISTINCT e.record_id) AS n FROM entity_links e "
            "JOIN article_links l ON l.record_id = e.record_id JOIN canonical_entities c ON c.id = e.canonical_id "
            "WHERE l.story_id = ? AND l.duplicate_of IS NULL GROUP BY c.id, c.name, c.type "
            "ORDER BY n DESC, c.name LIMIT ?", (sid, top))
        events = self.query(
            "SELECT v.type, count(*) AS n FROM events v JOIN article_links l ON l.record_id = v.record_id "
            "WHERE l.story_id = ? AND l.duplicate_of IS NULL GROUP BY v.type ORDER BY n DESC, v.type", (sid,))
        cols = ("id", "published", "language", "title", "uri", "duplicate_of", "score")
        return {"id": sid, "title": title, "languages": langs.split(",") if langs else [], "first_seen": first,
                "last_seen": last, "articles": [dict(zip(cols, a)) for a in articles],
                "entities": [dict(zip(("id", "name", "type", "articles"), e)) for e in entities],
                "events": [{"type": t, "count": n} for t, n in events]}
