"""The embedded store: one SQLite file (WAL), records whole as JSON plus tables to filter on, FTS5 over
title, text, quotes and entity names."""
from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from newsloom.schema import Record
from newsloom.store.base import MIGRATIONS, Store, name_key

__all__ = ["MIGRATIONS", "SQLiteStore", "name_key"]


class SQLiteStore(Store):
    """Records in one SQLite file; every write of a record is one transaction (crash-safe, idempotent)."""

    AUTOID = "INTEGER PRIMARY KEY AUTOINCREMENT"
    FTS_MIGRATIONS = {
        1: "CREATE VIRTUAL TABLE search USING fts5(record_id UNINDEXED, title, text, quotes, names)",
        # each record's row of the full-text index, so a common word is tested on a record by rowid
        5: """CREATE TABLE search_rows (fts INTEGER PRIMARY KEY, record_id TEXT NOT NULL UNIQUE);
              INSERT OR IGNORE INTO search_rows (fts, record_id) SELECT rowid, record_id FROM search""",
    }

    def __init__(self, path: str | Path = "newsloom.db"):
        self.path = str(path)
        self.url = self.path
        # autocommit mode: transactions are opened and closed by `transaction()` only
        self.db = sqlite3.connect(self.path, isolation_level=None, timeout=60)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.migrate()

    def execute(self, sql: str, args: Sequence = ()) -> int:
        return self.db.execute(sql, tuple(args)).rowcount

    def executemany(self, sql: str, rows: Iterable[Sequence]) -> None:
        self.db.executemany(sql, rows)

    def query(self, sql: str, args: Sequence = ()) -> list[tuple]:
        return self.db.execute(sql, tuple(args)).fetchall()

    @contextmanager
    def _outermost(self) -> Iterator[None]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def close(self) -> None:
        self.db.close()

    FTS_INSERT = "INSERT INTO search VALUES (?,?,?,?,?)"

    def _fts_row(self, rec: Record) -> tuple:
        return (rec.id, *self._searchable(rec))

    def _index(self, records: list[Record]) -> None:
        for rec in records:
            self.db.execute(self.FTS_INSERT, self._fts_row(rec))
            self.db.execute("INSERT OR REPLACE INTO search_rows (fts, record_id) VALUES (last_insert_rowid(), ?)",
                            (rec.id,))

    def _match(self, query: str, common: bool = False) -> tuple[str, list]:
        if common:  # records read newest first, each looked up in the index by its row
            return ("EXISTS (SELECT 1 FROM search s WHERE search MATCH ? AND s.rowid = "
                    "(SELECT fts FROM search_rows m WHERE m.record_id = r.id))"), [_fts_query(query)]
        return "r.id IN (SELECT record_id FROM search WHERE search MATCH ?)", [_fts_query(query)]

    def _text_matches(self, query: str, cap: int) -> int:
        return self.query("SELECT count(*) FROM (SELECT 1 FROM search WHERE search MATCH ? LIMIT ?)",
                          (_fts_query(query), cap))[0][0]


def _fts_query(q: str) -> str:
    """Every word must occur (each quoted, so FTS5 operators in the input are plain words)."""
    words = [w.replace('"', "") for w in q.split() if w.strip('"')]
    return " ".join(f'"{w}"' for w in words) or '""'
