"""The scorers on tiny hand-made inputs."""
from pathlib import Path

import pytest

from newsloom.evaluate import extraction, ner
from newsloom.evaluate.events import cameo_to_plover
from newsloom.evaluate.suites import run


def test_benchmark_token_scores():
    p, r, same = extraction.doc_scores("one two three four five", "one two three four five")
    assert (p, r, same) == (1.0, 1.0, True)
    p, r, same = extraction.doc_scores("one two three four five", "one two three four six")
    assert p == pytest.approx(0.5) and r == pytest.approx(0.5) and not same
    assert extraction.summarize([(1.0, 0.5, False), (None, 1.0, False)])["precision"] == 1.0


def test_snippets():
    assert extraction.snippet_scores("keep  this text", ["keep this"], ["drop me"]) == (1, 1, 1, 1)


def test_conll_reader_and_prf(tmp_path):
    f = tmp_path / "x.conllu"
    f.write_text("0\tAngela\tB-PER\n1\tMerkel\tI-PER\n2\tin\tO\n3\tBerlin\tB-LOC\n\n0\tNATO\tB-ORG\n")
    sents = ner.read_conll(Path(f))
    assert sents[0] == ("Angela Merkel in Berlin", {(0, 13, "PER"), (17, 23, "LOC")})
    assert sents[1][1] == {(0, 4, "ORG")}
    from collections import Counter
    assert ner.prf(Counter(PER=2), Counter(PER=1), Counter(PER=1), "PER") == (1.0, 0.5, pytest.approx(2 / 3))


def test_cameo_codes_fall_back_to_their_root():
    table = {"04": "CONSULT", "042": "CONSULT", "19": "ASSAULT"}
    assert cameo_to_plover("0421", table) == "CONSULT" and cameo_to_plover("190", table) == "ASSAULT"


def test_absent_data_is_skipped_not_failed(tmp_path):
    rows = run("all", data=str(tmp_path))
    assert rows and all(r["field"] == "skipped" for r in rows)


def test_hipe_reader(tmp_path):
    import gzip
    rows = ["TOKEN\tNE-COARSE-LIT\tNE-COARSE-METO\tA\tB\tC\tD\tE\tF\tMISC",
            "# hipe2022:document_id = x",
            "Charlotte\tB-pers\tO\tO\tO\tO\tO\t_\t_\t_",
            "Bourgoin\tI-pers\tO\tO\tO\tO\tO\t_\t_\tNoSpaceAfter",
            ",\tO\tO\tO\tO\tO\tO\t_\t_\t_",
            "Neuchâtel\tB-loc\tO\tO\tO\tO\tO\t_\t_\tNoSpaceAfter",
            ".\tO\tO\tO\tO\tO\tO\t_\t_\tEndOfSentence"]
    f = tmp_path / "HIPE-x.tsv.gz"
    f.write_bytes(gzip.compress("\n".join(rows).encode()))
    assert ner.read_hipe(f) == [("Charlotte Bourgoin, Neuchâtel.", {(0, 18, "PER"), (20, 29, "LOC")})]


def test_an_event_fact_needs_its_place_and_date_when_they_are_expected():
    from newsloom.evaluate.facts import score_record
    from newsloom.schema import Entity, Event, Record, TimeExpr

    rec = Record(id="d1", text="Unions met the minister in Lyon on Monday.", entities=[
        Entity(id="e1", name="Unions", type="GROUP"), Entity(id="e2", name="Lyon", type="PLACE")],
        times=[TimeExpr(text="Monday", start=35, end=41, value="2025-03-10")],
        events=[Event(type="CONSULT", source=["e1"], place="e2", time=0, start=0, end=42)])
    actors = {"type": "CONSULT", "actors": [["Unions"]]}
    assert score_record(rec, {"events": [actors]}).hits["events"] == 1
    assert score_record(rec, {"events": [{**actors, "place": ["Lyon"], "date": "2025-03-10"}]}).hits["events"] == 1
    assert score_record(rec, {"events": [{**actors, "place": ["Paris"]}]}).hits["events"] == 0
    assert score_record(rec, {"events": [{**actors, "date": "2025-03-11"}]}).hits["events"] == 0
