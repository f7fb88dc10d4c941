"""The store on both backends (a SQLite file and a throwaway PostgreSQL server): schema, writes that are
whole or absent, filters, full-text search and migrating a store made before migration 2."""
from __future__ import annotations

import pytest

from newsloom.store import open_store
from newsloom.store import base
from synthetic import make_record


def parts_match_bodies(store) -> None:
    """Every stored record has exactly the rows its JSON calls for in each filter table and the index,
    and no table holds rows of a record that is not stored."""
    expect: dict[str, dict[str, int]] = {t: {} for t in ("entities", "mentions", "times", "quotes", "events",
                                                          "places", "search")}
    for rec in store.records():
        counts = {
            "entities": len(rec.entities),
            "mentions": len({(e.id, s) for e in rec.entities for s, _ in e.mentions}),
            "times": len(rec.times), "quotes": len(rec.quotes), "events": len(rec.events),
            "places": sum(1 for e in rec.entities if e.geo is not None), "search": 1,
        }
        for table, n in counts.items():
            if n:
                expect[table][rec.id] = n
    for table, want in expect.items():
        got = dict(store.query(f"SELECT record_id, count(*) FROM {table} GROUP BY record_id"))
        assert got == want, f"{table}: {len(got)} records with rows, {len(want)} expected" + \
            "".join(f"; {k}: {got.get(k)} != {want.get(k)}" for k in sorted(set(got) ^ set(want) | {
                k for k in got if got[k] != want.get(k)})[:5])


def test_migrations_reach_the_latest_version(empty_store):
    assert empty_store.version() == len(base.MIGRATIONS) >= 2
    assert empty_store.migrate() == len(base.MIGRATIONS)  # opening again applies nothing twice
    assert empty_store.count() == 0


def test_a_record_is_stored_once_and_whole(empty_store):
    rec = make_record(1)
    assert empty_store.add(rec) and not empty_store.add(rec)
    assert empty_store.get(rec.id) == rec and empty_store.count() == 1
    assert empty_store.count("places") == 1 and empty_store.count("mentions") == 4
    lat, lon = empty_store.query("SELECT lat, lon FROM places WHERE record_id = ?", (rec.id,))[0]
    assert (lat, lon) == (rec.entities[2].geo.lat, rec.entities[2].geo.lon)
    start, end = empty_store.query("SELECT start_char, end_char FROM quotes WHERE record_id = ?", (rec.id,))[0]
    assert rec.text[start:end] == rec.quotes[0].text
    value, = empty_store.query("SELECT value FROM times WHERE record_id = ?", (rec.id,))[0]
    assert value == rec.published
    parts_match_bodies(empty_store)


def test_a_failed_write_leaves_nothing(empty_store):
    rec = make_record(2)
    broken = rec.model_copy(update={"entities": [rec.entities[0], rec.entities[0]]})  # the same id twice
    with pytest.raises(Exception):
        empty_store.add(broken)
    assert empty_store.count() == 0 and empty_store.count("entities") == 0 and empty_store.count("mentions") == 0
    assert empty_store.add(rec)  # the store still works after the rollback
    parts_match_bodies(empty_store)


def test_filters_and_full_text(empty_store):
    recs = [make_record(i) for i in range(60)]
    assert empty_store.add_many(recs[:10]) == recs[:10]
    assert empty_store.add_many(recs + recs[:5]) == recs[10:]

    def ids(**kw):
        return {r["id"] for r in empty_store.search(limit=1000, **kw)}

    def expected(pred):
        return {r.id for r in recs if pred(r)}

    assert ids(person="Putin") == expected(lambda r: any(e.name == "Vladimir Putin" for e in r.entities))
    assert ids(person="Путин") == ids(person="Putin") != set()
    assert ids(place="Geneva") == expected(lambda r: r.entities[2].name == "Geneva") != set()
    assert ids(event="consult") == expected(lambda r: r.events[0].type == "CONSULT") != set()
    assert ids(language="fr") == expected(lambda r: r.language.code == "fr") != set()
    assert ids(since="2025-07-01", until="2025-09-30") == expected(lambda r: "2025-07-01" <= r.published <= "2025-09-30")
    assert ids(query="wheat") == expected(lambda r: "wheat" in r.text) != set()
    assert ids(query="WHEAT hours") == ids(query="wheat")
    assert ids(query="wheat", person="Putin") == ids(query="wheat") & ids(person="Putin")
    assert ids(query="number 17.") == {"syn0000017"}
    assert ids(query='"OR" wheat AND') == set()  # query words are words, not operators
    newest = empty_store.search(limit=3)
    assert [r["published"] for r in newest] == sorted((r.published for r in recs), reverse=True)[:3]
    parts_match_bodies(empty_store)


def test_both_ways_of_filtering_give_the_same_rows(empty_store):
    """Filters looked up through their index first, or tested on each record read newest first."""
    empty_store.add_many([make_record(i) for i in range(80)])
    asks = [dict(person="Putin"), dict(place="Paris", event="AGREE"), dict(query="wheat", person="Xi Jinping"),
            dict(event="CONSULT", language="de", since="2025-03-01"), dict(person="Putin", place="Rome", limit=3),
            dict(query="hours"), dict(query="number 17."), dict(query="wheat hours", since="2025-05-01", limit=4)]
    empty_store.COMMON_SHARE, empty_store.TEXT_TEST_COST = 1.0, 1e9  # every filter counts as rare
    first = [empty_store.search(**a) for a in asks]
    empty_store.COMMON_SHARE, empty_store.TEXT_TEST_COST = 0.0, 0.0  # every filter counts as common
    assert [empty_store.search(**a) for a in asks] == first
    assert all(first[:4]) and all(first[5:])


def test_errors_are_kept_in_order(empty_store):
    empty_store.add_error("a.txt", "empty input")
    empty_store.add_error("b.warc@12", "not a WARC archive")
    assert empty_store.errors() == [("a.txt", "empty input"), ("b.warc@12", "not a WARC archive")]


def test_a_store_made_before_migration_2_is_migrated_and_backfilled(db_url, monkeypatch):
    monkeypatch.setattr(base, "MIGRATIONS", base.MIGRATIONS[:1])
    old = open_store(db_url)
    assert old.version() == 1
    recs = [make_record(i) for i in range(3)]
    with old.transaction():
        for rec in recs:
            old.execute("INSERT INTO records (id, language, published, title, uri, body, ingested_at) "
                        "VALUES (?,?,?,?,?,?,?)", (rec.id, rec.language.code, rec.published, rec.title,
                                                   rec.source.uri, rec.to_json(None), base.now()))
            old.execute("INSERT INTO quotes VALUES (?,?,?,?,?)", (rec.id, 0, rec.quotes[0].text, "e1", "direct"))
            base.Store._index(old, [rec])  # the full-text row as version 1 wrote it
            for e in rec.entities:
                old.execute("INSERT INTO entities VALUES (?,?,?,?,?,?,?,?,?)",
                            (rec.id, e.id, e.name, base.name_key(e.name), e.type, e.country, None, None, e.salience))
    old.close()
    monkeypatch.undo()
    new = open_store(db_url)
    assert new.version() == len(base.MIGRATIONS)
    assert new.count("places") == 3 and new.count("times") == 3 and new.count("quotes") == 3
    parts_match_bodies(new)
    for cost in (0.0, 1e9):  # the full-text index still answers, by either plan
        new.TEXT_TEST_COST = cost
        assert {r["id"] for r in new.search("energy")} == {r.id for r in recs if "energy" in r.text} != set()
    new.close()
