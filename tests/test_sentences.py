"""Sentences in languages split by punctuation: a full stop after a short form ends none."""
import pytest

from newsloom import analyze


def sentences(analyzer, lang, text):
    parsed, _ = analyzer.parse(text, lang, None)
    return [text[a:b] for a, b in parsed.sents]


@pytest.mark.parametrize("lang, text, expected", [
    ("de", "Der Konzern verdiente 3 Mrd. Euro bzw. 12 Prozent mehr. Dr. Anna Schmidt sprach am 3. Oktober "
           "von Nr. 5. Die Zahl der Toten stieg auf 12. Die Polizei ermittelt.",
     ["Der Konzern verdiente 3 Mrd. Euro bzw. 12 Prozent mehr.",
      "Dr. Anna Schmidt sprach am 3. Oktober von Nr. 5.", "Die Zahl der Toten stieg auf 12.", "Die Polizei ermittelt."]),
    ("pl", "Inflacja wzrosła o 5 proc. w październiku. O godz. 12 prezes NBP prof. Adam Glapiński mówił przy "
           "ul. Świętokrzyskiej. Wzrost wyniósł 5 proc. W listopadzie będzie niższy.",
     ["Inflacja wzrosła o 5 proc. w październiku.",
      "O godz. 12 prezes NBP prof. Adam Glapiński mówił przy ul. Świętokrzyskiej.",
      "Wzrost wyniósł 5 proc.", "W listopadzie będzie niższy."]),
    ("ru", "Компания заработала 5 млрд. руб., т.е. на 3 проц. больше. Об этом сообщил проф. Иванов.",
     ["Компания заработала 5 млрд. руб., т.е. на 3 проц. больше.", "Об этом сообщил проф. Иванов."]),
    ("es", "La Dra. Pérez, de la Univ. de Sevilla, lo negó. El Sr. García ganó 3 mill. de euros.",
     ["La Dra. Pérez, de la Univ. de Sevilla, lo negó.", "El Sr. García ganó 3 mill. de euros."]),
])
def test_short_forms_and_ordinals_end_no_sentence(analyzer, lang, text, expected):
    assert sentences(analyzer, lang, text) == expected


def test_a_language_without_data_still_joins_before_a_small_letter(analyzer):
    text = "Il prezzo è salito del 5 proc. nel mese. Poi è sceso."
    assert sentences(analyzer, "xx", text) == ["Il prezzo è salito del 5 proc. nel mese.", "Poi è sceso."]


@pytest.mark.slow
@pytest.mark.parametrize("text, name, title", [
    ("Umsatz steigt\n\nAm Montag sagte die Vorstandschefin Dr. Anna Schmidt in Berlin, man sei zufrieden.",
     "Anna Schmidt", "Vorstandschefin"),
    ("NBP bez zmian\n\nO godz. 12 prezes NBP prof. Adam Glapiński powiedział, że stopy się nie zmienią.",
     "Adam Glapiński", "prezes"),
])
def test_an_honorific_between_the_title_and_the_name(analyzer, text, name, title):
    rec = analyze(text, published="2025-11-25", analyzer=analyzer)
    person = next(e for e in rec.entities if e.name == name)
    assert [r.title for r in person.roles] == [title]
    assert not [e.name for e in rec.entities if e.name.rstrip(".").lower() in ("dr", "prof")]
