"""The pipeline on languages it knows little or nothing of: a valid record, said honestly."""
import pytest

from newsloom import analyze
from newsloom.errors import EmptyInputError


def test_unknown_language_gets_a_valid_record_with_coverage_notes():
    text = ("Cumhurbaşkanı bugün Ankara'da yaptığı açıklamada, ekonomik reformların süreceğini söyledi. "
            "“Kararlıyız” dedi.")
    rec = analyze(text, published="2025-05-02")
    assert rec.language.code == "tr"
    assert rec.text.startswith("Cumhurbaşkanı")
    assert "entities" in rec.coverage.skipped and "language data" in rec.coverage.skipped
    assert [q.text for q in rec.quotes] == ["Kararlıyız"]


@pytest.mark.parametrize("text", ["北京时间周一，外交部发言人表示，双方将继续对话。", "١٢٣ ... !!!", "a", "\u200b\u200b x"])
def test_odd_inputs_never_crash(text):
    rec = analyze(text)
    assert rec.schema_ == "newsloom.record/1"


def test_empty_input_is_an_error_naming_it():
    with pytest.raises(EmptyInputError, match="article.txt"):
        analyze(b"  \n ", url="article.txt")


def test_a_date_that_does_not_exist_and_huge_numbers_do_not_raise():
    rec = analyze("Le sommet aura lieu le 31 février. Le coût atteint " + "9" * 400 + " euros.", published="2025-01-10")
    assert rec.text


def test_the_language_is_read_from_more_than_the_headline_and_byline():
    from newsloom.language import identify

    text = ("Kabinet en oppositie bereiken akkoord over woningwet\n"
            "Door Sanne de Vries | 25 november 2025, 14:02\n"
            "DEN HAAG - Het kabinet en drie oppositiepartijen hebben dinsdag een akkoord bereikt over de nieuwe "
            "woningwet. Volgens de minister komen er de komende jaren tienduizenden betaalbare huurwoningen bij.")
    # the first 80 characters alone (a headline and a byline) read as French
    assert identify(text).code == "nl"
