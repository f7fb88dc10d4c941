"""End to end: whole articles against their expected facts (the seed's format)."""
import json

import pytest

from conftest import all_spans, article_cases
from newsloom.evaluate.facts import score_record

SEED = "seed/000_79ca2750fc6c29dd.txt"


@pytest.fixture(scope="module")
def seed_score(shared_dir, analyzer):
    rec = analyzer.analyze_document(__import__("newsloom.sources.files", fromlist=["read"]).read(
        str(shared_dir / SEED), published="2025-08-14"))
    exp = json.loads((shared_dir / "seed" / "expected.json").read_text("utf-8"))
    return rec, score_record(rec, exp)


@pytest.mark.slow
@pytest.mark.parametrize("category, floor", [
    ("language", 1), ("cleaning", 8), ("headings", 5), ("persons", 12), ("roles", 11), ("countries", 18),
    ("organizations", 4), ("noise", 3), ("places", 8), ("geo", 5),
])
def test_seed_foundation_figures(seed_score, category, floor):
    _, score = seed_score
    assert score.hits[category] >= floor, score.table()


@pytest.mark.slow
def test_seed_spans_are_exact(seed_score):
    rec, _ = seed_score
    for label, start, end, expected in all_spans(rec):
        assert 0 <= start < end <= len(rec.text), label
        if expected is not None:
            assert rec.text[start:end] == expected, label


@pytest.mark.slow
@pytest.mark.parametrize("path, exp", article_cases(), ids=lambda x: getattr(x, "name", ""))
def test_own_articles_people_roles_countries(analyzer, path, exp):
    from newsloom.sources.files import read

    rec = analyzer.analyze_document(read(str(path), published=exp["published"]))
    score = score_record(rec, exp)
    assert score.ratio("persons", "roles", "countries") >= 0.9, score.table()
    assert score.ratio("cleaning", "headings") == 1.0, score.table()
    for label, start, end, expected in all_spans(rec):
        if expected is not None:
            assert rec.text[start:end] == expected, label


FACT_CATEGORIES = ("times", "amounts", "quotes", "speakers", "places", "geo", "events")


@pytest.mark.slow
@pytest.mark.parametrize("path, exp", article_cases(), ids=lambda x: getattr(x, "name", ""))
def test_own_articles_facts(analyzer, path, exp):
    from newsloom.sources.files import read

    rec = analyzer.analyze_document(read(str(path), published=exp["published"]))
    score = score_record(rec, exp)
    assert score.ratio(*FACT_CATEGORIES) >= 0.85, score.table()
    assert rec.language.code == exp["language"]


@pytest.mark.slow
@pytest.mark.parametrize("category, floor", [("times", 6), ("amounts", 1), ("quotes", 6), ("speakers", 5),
                                             ("places", 8), ("geo", 5), ("events", 4)])
def test_seed_fact_figures(seed_score, category, floor):
    _, score = seed_score
    assert score.hits[category] >= floor, score.table()
