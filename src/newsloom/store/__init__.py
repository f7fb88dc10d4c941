"""Where records are kept: SQLite (embedded, the default) or PostgreSQL (a server), behind one interface."""
from __future__ import annotations

import os

from newsloom.store.base import MIGRATIONS, Store, name_key
from newsloom.store.sqlite import SQLiteStore


def open_store(url: str | None = None) -> Store:
    """The store a URL names: `postgresql://...` (PostgreSQL), else a SQLite file path (`sqlite:///` optional);
    by default $NEWSLOOM_DB, else `newsloom.db`."""
    url = url or os.environ.get("NEWSLOOM_DB") or "newsloom.db"
    if url.startswith(("postgresql://", "postgres://")):
        from newsloom.store.postgres import PostgresStore

        return PostgresStore(url)
    return SQLiteStore(url.removeprefix("sqlite:///"))


__all__ = ["MIGRATIONS", "SQLiteStore", "Store", "name_key", "open_store"]
