"""Near-duplicates, stories across languages and canonical entities: the algorithms on small built
inputs, then the whole path (real analyzer, real SQLite store) on the story fixtures in tests/stories."""
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from newsloom.canonical import EntityResolver
from newsloom.ingest import documents, ingest
from newsloom.linker import Linker
from newsloom.schema import Entity, Language, Record
from newsloom.store import SQLiteStore, open_store
from newsloom.stories import VECTOR_DIM, Article, DuplicateIndex, StoryIndex, pairwise_f1

FIXTURES = Path(__file__).with_name("stories")
ROOT = Path(__file__).resolve().parents[1]

TEXT = ("The central bank lowered its deposit rate by a quarter of a point on Thursday, its fifth cut in a year, "
        "as inflation settled close to the target. The president of the bank told reporters the decision was "
        "unanimous and declined to say whether rates had reached their floor, repeating that the council was "
        "not committing in advance to any particular path for rates in the months ahead.")


def test_copies_are_linked_to_the_earliest_article():
    index = DuplicateIndex()
    assert index.add("late", TEXT, 739000) == []
    rewrite = TEXT.replace("lowered", "cut").replace("told reporters", "said")
    assert [(l.record_id, l.original_id) for l in index.add("rewrite", rewrite, 739001)] == [("rewrite", "late")]
    links = index.add("early", TEXT + " Markets barely moved.", 738999)
    assert {(l.record_id, l.original_id) for l in links} == {("late", "early"), ("rewrite", "early")}
    assert index.add("other", "Lava poured from a fissure north of the fishing town overnight, officials said.", 739000) == []


def _unit(seed: int) -> np.ndarray:
    v = np.random.default_rng(seed).standard_normal(VECTOR_DIM).astype(np.float32)
    return v / np.linalg.norm(v)


def _near(v: np.ndarray, seed: int, noise: float = 0.03) -> np.ndarray:
    w = v + np.random.default_rng(seed).standard_normal(VECTOR_DIM).astype(np.float32) * noise
    return w / np.linalg.norm(w)


def test_stories_join_close_articles_inside_the_time_window_only():
    index = StoryIndex()
    quake, rates = _unit(1), _unit(2)
    a = index.add(Article("a", 739000, "en", "quake", _near(quake, 10), frozenset({"boric"})))
    b = index.add(Article("b", 739001, "es", "sismo", _near(quake, 11), frozenset({"boric"})))
    c = index.add(Article("c", 739000, "de", "zinsen", _near(rates, 12), frozenset({"lagard"})))
    d = index.add(Article("d", 739090, "fr", "séisme", _near(quake, 13), frozenset({"boric"})))
    assert a.new and not b.new and b.story_id == a.story_id
    assert c.new and d.new  # another subject; the same subject three months later
    assert index.stories[a.story_id].languages == {"en": 1, "es": 1}


def test_pairwise_f1():
    gold = {"a": "x", "b": "x", "c": "x", "d": "y"}
    assert pairwise_f1(gold, gold)["f1"] == 1.0
    split = pairwise_f1({"a": "1", "b": "1", "c": "2", "d": "3"}, gold)
    assert split["precision"] == 1.0 and split["recall"] == pytest.approx(1 / 3)


def _record(rid: str, *entities: tuple[str, str, str | None]) -> Record:
    ents = [Entity(id=f"e{i}", name=n, type=t, country=c, mentions=[(0, 1)]) for i, (n, t, c) in enumerate(entities)]
    return Record(id=rid, language=Language(code="xx"), text="x", entities=ents)


def test_one_canonical_entity_whatever_the_script_or_spelling():
    res = EntityResolver()
    links = [l for rid, name in (("r1", "Vladimir Putin"), ("r2", "Vladimir Poutine"), ("r3", "Владимир Путин"),
                                 ("r4", "Putin"), ("r5", "Wladimir Putin")) for l in res.resolve(_record(rid, (name, "PERSON", "RU")))]
    assert len({l.canonical_id for l in links}) == 1
    assert res.entities[links[0].canonical_id].mentions == 5


def test_a_surname_alone_is_not_joined_across_countries():
    res = EntityResolver()
    [georgia_us] = res.resolve(_record("r1", ("Georgia", "PLACE", "US")))
    [georgia_ge] = res.resolve(_record("r2", ("Georgia", "PLACE", "GE")))
    assert georgia_us.canonical_id != georgia_ge.canonical_id
    res.resolve(_record("r3", ("Anna Novak", "PERSON", "PL")))
    res.resolve(_record("r4", ("Tomas Novak", "PERSON", "CZ")))
    [alone] = res.resolve(_record("r5", ("Novak", "PERSON", None)))
    named = {l.canonical_id for r in ("Anna Novak", "Tomas Novak") for l in res.resolve(_record("r6", (r, "PERSON", None)))}
    assert alone.canonical_id not in named  # two people of that surname: which one is not known


def _labels() -> tuple[dict[str, str], dict[str, str]]:
    story, copy_of = {}, {}
    for line in (FIXTURES / "labels.tsv").read_text("utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        url, label, _lang, original = line.split("\t")
        story[url] = label
        if original:
            copy_of[url] = original
    return story, copy_of


@pytest.fixture(scope="module")
def analyzed(analyzer) -> list[Record]:
    return [analyzer.analyze_document(d) for d in documents([str(FIXTURES / "articles.jsonl")])]


@pytest.fixture(scope="module")
def corpus(module_db_url, analyzed):
    """The fixtures stored and linked in arrival order, once per backend."""
    db = module_db_url
    store = open_store(db)
    linker = Linker(store)
    for rec in analyzed:
        assert store.add(rec)
        linker.add(rec)
    yield store, db
    store.close()


@pytest.mark.slow
def test_ingest_links_each_new_record_and_a_new_run_catches_up(tmp_path, analyzer, analyzed):
    store = SQLiteStore(tmp_path / "news.db")
    counts = ingest([str(FIXTURES / "articles.jsonl")], store, analyzer=analyzer, linker=Linker(store))
    assert counts == {"new": 32}
    assert sum(s["articles"] for s in store.stories(limit=1000)) == 32
    extra = analyzed[0].model_copy(update={"id": "0000stored0nolink"})
    assert store.add(extra)  # stored by a run that stopped before linking it
    linker = Linker(store)
    assert linker.unlinked == ["0000stored0nolink"] and linker.catch_up() == 1
    assert Linker(store).unlinked == []
    assert linker.stories.story_of["0000stored0nolink"] == linker.stories.story_of[analyzed[0].id]


def _story_of(store) -> dict[str, str]:
    rows = store.stories(limit=1000)
    out = {}
    for s in rows:
        for a in store.story(s["id"])["articles"]:
            out[a["uri"]] = s["id"]
    return out


@pytest.mark.slow
def test_stories_group_the_same_event_across_languages(corpus):
    store, _ = corpus
    gold, _ = _labels()
    predicted = _story_of(store)
    assert set(predicted) == set(gold)
    scores = pairwise_f1(predicted, gold)
    assert scores["f1"] >= 0.9, scores
    langs = {s["id"]: s["languages"] for s in store.stories(limit=1000)}
    assert max(len(v) for v in langs.values()) >= 4  # one event told in en, fr, de and es


@pytest.mark.slow
def test_copies_are_linked_and_start_no_story(corpus):
    store, _ = corpus
    _, copy_of = _labels()
    ids = {r["uri"]: r["id"] for r in store.search(limit=1000)}
    for s in store.stories(limit=1000):
        story = store.story(s["id"])
        for a in story["articles"]:
            assert a["duplicate_of"] == (ids[copy_of[a["uri"]]] if a["uri"] in copy_of else None), a["uri"]
        assert story["articles"][0]["duplicate_of"] is None
    assert len(store.stories(limit=1000)) == len(set(_labels()[0].values()))


@pytest.mark.slow
def test_a_story_has_its_main_entities_and_events(corpus):
    store, _ = corpus
    gold, _ = _labels()
    sid = _story_of(store)[next(u for u, s in gold.items() if s == "grain")]
    story = store.story(sid)
    names = [e["name"] for e in story["entities"][:5]]
    assert any("Putin" in n for n in names) and any("Erdogan" in n for n in names), names
    assert story["events"] and story["first_seen"] == "2025-06-12" and story["last_seen"] == "2025-06-13"


@pytest.mark.slow
def test_putin_and_poutine_give_the_same_timeline(corpus):
    store, _ = corpus
    en, fr, ru = store.timeline("Putin"), store.timeline("Poutine"), store.timeline("Путин")
    assert en == fr == ru
    gold, _ = _labels()
    sources = {row["source"] for row in en}
    assert {gold[s] for s in sources} == {"grain", "swap"}
    assert {"Vladimir Putin", "Vladimir Poutine", "Wladimir Putin"} <= {row["name"] for row in en}


@pytest.mark.slow
def test_a_reopened_linker_continues_the_same_stories(corpus):
    store, _ = corpus
    again = Linker(store)
    predicted = _story_of(store)
    ids = {r["uri"]: r["id"] for r in store.search(limit=1000)}
    assert {ids[u]: s for u, s in predicted.items()} == again.stories.story_of


@pytest.mark.slow
def test_cli_stories_and_story(corpus):
    _, db = corpus
    out = subprocess.run([sys.executable, "-m", "newsloom", "stories", "--since", "2025-06-01", "--db", str(db),
                          "--format", "json"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    rows = json.loads(out.stdout)
    assert rows and all(r["last_seen"] >= "2025-06-01" for r in rows), out.stderr
    top = max(rows, key=lambda r: r["articles"])
    shown = subprocess.run([sys.executable, "-m", "newsloom", "story", top["id"], "--db", str(db)],
                           capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert top["title"] in shown.stdout and "entities:" in shown.stdout, shown.stderr
    missing = subprocess.run([sys.executable, "-m", "newsloom", "story", "nope", "--db", str(db)],
                             capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert missing.returncode != 0 and "no story 'nope'" in missing.stderr
