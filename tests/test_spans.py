"""Property: every span a record carries points at the words of its fact."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import all_spans
from newsloom import analyze

WORDS = ["Le", "président", "russe", "Vladimir", "Poutine", "a", "dit", "«", "»", "''", "vendredi", "à", "Paris",
         "Emmanuel", "Macron", "ministre", "des", "Finances", ",", ".", "\n\n", "1 550", "têtes", "selon", "Kremlin",
         "The", "President", "said", "\"", "on", "Monday", "in", "London", "12 %", "porte-parole", "du"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=60))
def test_every_span_matches_its_text(analyzer, words):
    text = " ".join(words)
    if not text.strip():
        return
    rec = analyze(text, published="2025-08-14", analyzer=analyzer)
    for label, start, end, expected in all_spans(rec):
        assert 0 <= start <= end <= len(rec.text), label
        if expected is not None:
            assert rec.text[start:end] == expected, label
    for e in rec.entities:
        for s, t in e.mentions:
            assert rec.text[s:t].strip() == rec.text[s:t]
