"""Where records are kept: SQLite (embedded, the default)."""
from newsloom.store.sqlite import SQLiteStore


def open_store(url: str | None = None):
    """The store a URL names: a file path (SQLite, `newsloom.db` by default)."""
    import os

    url = url or os.environ.get("NEWSLOOM_DB") or "newsloom.db"
    if url.startswith(("postgresql://", "postgres://")):
        from newsloom.errors import NewsloomError

        raise NewsloomError("the PostgreSQL backend is not built yet; use a SQLite file path")
    return SQLiteStore(url.removeprefix("sqlite:///"))


__all__ = ["SQLiteStore", "open_store"]
