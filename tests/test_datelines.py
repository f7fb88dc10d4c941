"""Datelines: the place and the agency a story is filed from, in several languages."""
import pytest

from newsloom import analyze
from newsloom.extract.datelines import dateline_mentions
from newsloom.extract.geo import Gazetteer


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer()


@pytest.mark.parametrize("text, expected", [
    ("KYIV, Nov 24 (Reuters) - Ukraine's president said", [("KYIV", "PLACE"), ("Reuters", "ORG")]),
    ("MADRID, 24 nov (EFE).- El presidente del Gobierno", [("MADRID", "PLACE"), ("EFE", "ORG")]),
    ("BERLIN (dpa) - Bundeskanzler Friedrich Merz", [("BERLIN", "PLACE"), ("dpa", "ORG")]),
    ("Roma, 24 nov. (askanews) – Il ministro", [("Roma", "PLACE"), ("askanews", "ORG")]),
    ("Lisboa, 24 nov 2025 (Lusa) - O primeiro-ministro", [("Lisboa", "PLACE"), ("Lusa", "ORG")]),
    ("GAZA CITY/JERUSALEM — Israeli strikes", [("GAZA CITY", "PLACE"), ("JERUSALEM", "PLACE")]),
    # the agency's bracket and a full stop, with no dash
    ("АНКАРА, 25 ноября (ТАСС). Министр иностранных дел", [("АНКАРА", "PLACE"), ("ТАСС", "ORG")]),
    ("МОСКВА, 24 ноя — РИА Новости.", [("МОСКВА", "PLACE")]),
    ("WASHINGTON -- The Senate voted", [("WASHINGTON", "PLACE")]),
    ("A title\n\nWARSZAWA – «Premier powiedział»", [("WARSZAWA", "PLACE")]),
    # a full stop after a date, or after a place alone that opens a paragraph
    ("ИРКУТСК, 13 мая. Из-за прорыва дамбы эвакуированы жители", [("ИРКУТСК", "PLACE")]),
    ("Warszawa. Sejm w piątek uchwalił ustawę o obronie cywilnej, która zmienia zasady finansowania schronów.",
     [("Warszawa", "PLACE")]),
])
def test_datelines_give_the_place_and_the_agency(gazetteer, text, expected):
    found = dateline_mentions(text, gazetteer)
    assert [(text[m.start:m.end], m.type) for m in found] == expected


@pytest.mark.parametrize("text", [
    "Davis , 5 September 1953 -- unknown .",  # a person's dates
    "HR-Zk = Zagreb , Glazbeni arhiv",  # a code, joined to what follows
    "San Sebastian ( Samar ) -",  # nothing after the dash
    "Madrid - Lo que queda",  # a capitalized word and a dash: too little
    "Roma, la capitale - ha detto",  # a comma, but no date
    "Trump, 24 nov (AP) - said",  # no place of that name
    "Berlin, 1 - 0 gegen Bayern",  # a score: a number after the dash
    "Warszawa. Sejm obraduje.",  # a place and a full stop, but no paragraph after it
    "Paris, 13 mai. Le gouvernement a annoncé",  # a date and a full stop, but no place in capitals
    "Dr. Smith said on Monday that the hospital in Leeds would close its emergency ward by the end of the year.",
])
def test_what_is_not_a_dateline(gazetteer, text):
    assert dateline_mentions(text, gazetteer) == []


@pytest.mark.slow
def test_a_dateline_place_is_the_story_place_in_its_usual_spelling(analyzer):
    text = ("KYIV, Nov 24 (Reuters) - Ukraine's President Volodymyr Zelensky said in Kyiv on Monday "
            "that talks with the United States went well.")
    rec = analyze(text, analyzer=analyzer, published="2025-11-24")
    kyiv = next(e for e in rec.entities if e.name == "Kyiv")
    assert kyiv.type == "PLACE" and kyiv.aliases == ["KYIV"] and len(kyiv.mentions) == 2
    assert kyiv.geo.timezone == "Europe/Kyiv"
    agency = next(e for e in rec.entities if e.name == "Reuters")
    assert agency.type == "ORG"


@pytest.mark.slow
def test_a_dateline_in_capitals_is_no_organization(analyzer):
    rec = analyze("ROMA – Il presidente del Consiglio ha incontrato ieri il cancelliere tedesco Friedrich Merz.",
                  analyzer=analyzer, published="2025-11-24")
    roma = next(e for e in rec.entities if e.mentions[0][0] == 0)
    assert (roma.type, roma.name, roma.country) == ("PLACE", "Roma", "IT")


@pytest.mark.slow
def test_a_place_and_a_dash_before_a_paragraph_is_a_dateline(analyzer):
    rec = analyze("Urteil im Bankprozess\n\nLandshut – Im Betrugsprozess gegen den früheren Vorstand der Bank hat "
                  "das Landgericht am Mittwoch ein Urteil gesprochen.", published="2025-10-10", analyzer=analyzer)
    place = next(e for e in rec.entities if e.name == "Landshut")
    assert place.type == "PLACE" and place.country == "DE" and place.geo is not None


@pytest.mark.slow
def test_a_headline_with_a_dash_is_no_dateline():
    gaz = Gazetteer()
    assert dateline_mentions("Madrid – ein Traum\n\nDer Text beginnt hier.", gaz) == []


@pytest.mark.slow
def test_a_province_in_brackets_is_no_agency(analyzer):
    rec = analyze("Frana, paese isolato\n\nDEIVA MARINA (La Spezia) – Una frana ha colpito nella notte la strada "
                  "provinciale che collega il paese a Levanto.", published="2025-10-10", analyzer=analyzer)
    kinds = {e.name: e.type for e in rec.entities}
    assert kinds.get("La Spezia") == "PLACE" and kinds.get("DEIVA MARINA", kinds.get("Deiva Marina")) == "PLACE", kinds


@pytest.mark.slow
def test_an_agency_whose_initials_spell_a_town_stays_an_agency(analyzer):
    rec = analyze("Wrocław, 18.09.2025 (PAP) – Fala kulminacyjna na Odrze dotarła w nocy do małych miejscowości.",
                  published="2025-09-18", analyzer=analyzer)
    assert {e.name: e.type for e in rec.entities}.get("PAP") == "ORG"


@pytest.mark.slow
def test_a_province_in_capitals_in_brackets_is_a_place(analyzer):
    rec = analyze("Temporal en Almería\n\nPULPÍ (ALMERÍA).- La DANA dejó más de 200 litros por metro cuadrado en el "
                  "municipio durante la noche del lunes.", published="2025-10-14", analyzer=analyzer)
    types = {e.name: e.type for e in rec.entities}
    assert "ORG" not in {types.get(n) for n in ("ALMERÍA", "Almería")}, types
    assert any(e.type == "PLACE" and e.country == "ES" and e.geo and abs(e.geo.lat - 36.8) < 0.3
               for e in rec.entities if "Almería" in (e.name, *e.aliases)), types
