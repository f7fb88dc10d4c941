"""First-level regions from data/_common/regions.tsv in the gazetteer: every row is placed, names in
several languages reach the right region, and the cities that share a name with a region stay cities."""
from __future__ import annotations

import math

import pytest

from newsloom import langdata
from newsloom.extract.geo import Gazetteer


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer()


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = math.pi / 180
    h = math.sin((lat2 - lat1) * r / 2) ** 2 + math.cos(lat1 * r) * math.cos(lat2 * r) * math.sin((lon2 - lon1) * r / 2) ** 2
    return 12742 * math.asin(math.sqrt(h))


ROWS = langdata.common().table("regions")


def test_the_table_is_read_and_well_formed():
    assert len(ROWS) > 250
    for row in ROWS:
        assert len(row) == 3, row
        assert len(row[0]) == 2 and row[0].isupper(), row
        assert all(n.strip() for n in row[2].split("|")), row


@pytest.mark.parametrize("country, seat", [(r[0], r[1]) for r in ROWS])
def test_every_seat_is_a_city_of_its_country(gazetteer, country, seat):
    assert gazetteer.region_code(country, seat) is not None, f"{seat} ({country}) is no city of the gazetteer"


def test_every_name_of_a_row_reaches_its_region(gazetteer):
    for country, seat, names in ROWS:
        code = gazetteer.region_code(country, seat)
        first = names.split("|")[0]
        for name in names.split("|"):
            found = [p for p in gazetteer.candidates(name) if p.kind == "admin1" and p.country == country]
            assert any(p.admin1 == code and p.name == first for p in found), (country, seat, name)


def test_two_regions_of_a_country_are_two_places(gazetteer):
    andalusia, catalonia = gazetteer.resolve("Andalucía"), gazetteer.resolve("Cataluña")
    assert andalusia.geonameid != catalonia.geonameid


@pytest.mark.parametrize("name, iso, lat, lon", [
    ("Andalucía", "ES", 37.5, -4.7),
    ("Andalusia", "ES", 37.5, -4.7),
    ("Andalousie", "ES", 37.5, -4.7),
    ("Cataluña", "ES", 41.8, 1.5),
    ("Catalunya", "ES", 41.8, 1.5),
    ("Bavaria", "DE", 48.8, 11.5),
    ("Bayern", "DE", 48.8, 11.5),
    ("Baviera", "DE", 48.8, 11.5),
    ("Bawaria", "DE", 48.8, 11.5),
    ("Бавария", "DE", 48.8, 11.5),
    ("Lombardia", "IT", 45.6, 9.8),
    ("Lombardei", "IT", 45.6, 9.8),
    ("Mazowsze", "PL", 52.3, 21.0),
    ("województwo mazowieckie", "PL", 52.3, 21.0),
    ("Краснодарский край", "RU", 45.2, 39.0),
    ("Krasnodar Krai", "RU", 45.2, 39.0),
    ("Donetsk Oblast", "UA", 48.0, 37.8),
    ("Донецкая область", "UA", 48.0, 37.8),
    ("Crimea", "UA", 45.3, 34.4),
    ("Крым", "UA", 45.3, 34.4),
    ("Scotland", "GB", 56.5, -4.0),
    ("Écosse", "GB", 56.5, -4.0),
    ("Quebec", "CA", 46.5, -72.5),
    ("Québec", "CA", 46.5, -72.5),
    ("Ontario", "CA", 44.0, -79.5),
    ("Estado de São Paulo", "BR", -22.8, -47.8),
    ("Minas Gerais", "BR", -19.0, -44.5),
    ("Jalisco", "MX", 20.6, -103.6),
    ("Provincia de Buenos Aires", "AR", -36.0, -59.5),
    ("Niederösterreich", "AT", 48.2, 15.8),
    ("Vlaanderen", "BE", 51.0, 4.2),
    ("Noord-Brabant", "NL", 51.5, 5.2),
    ("Tasmania", "AU", -42.0, 146.8),
    ("Maharashtra", "IN", 19.3, 75.0),
    ("Sichuan", "CN", 30.6, 104.0),
    ("Azores", "PT", 37.8, -25.5),
    ("Сицилия", "IT", 37.6, 14.1),
    ("Toskania", "IT", 43.4, 11.0),
])
def test_region_names_in_several_languages_reach_the_region(gazetteer, name, iso, lat, lon):
    place = gazetteer.resolve(name)
    assert place is not None and place.kind == "admin1" and place.country == iso, place
    assert _km(place.lat, place.lon, lat, lon) <= 150, (place.lat, place.lon)
    assert place.timezone


def test_a_region_beats_a_small_town_of_the_same_name_elsewhere(gazetteer):
    assert gazetteer.resolve("Quebec").kind == "admin1"  # its city is smaller than a million
    assert gazetteer.resolve("Andalucía").country == "ES"  # not the town in Colombia
    assert gazetteer.resolve("Navarre").country == "ES"  # not the town in Florida
    assert gazetteer.resolve("La Rioja", countries={"ES": 1.0}).country == "ES"


@pytest.mark.parametrize("name, iso", [
    ("São Paulo", "BR"), ("Sao Paulo", "BR"), ("Rio de Janeiro", "BR"), ("Berlin", "DE"), ("Hamburg", "DE"),
    ("Bremen", "DE"), ("Madrid", "ES"), ("Murcia", "ES"), ("Valencia", None), ("Moscow", "RU"), ("Moskva", "RU"),
    ("Москва", "RU"), ("Wien", "AT"), ("Salzburg", "AT"), ("Zürich", "CH"), ("Genève", "CH"), ("Utrecht", "NL"),
    ("Groningen", "NL"), ("Puebla", "MX"), ("Córdoba", "AR"), ("Mendoza", "AR"), ("Buenos Aires", "AR"),
    ("Kyiv", "UA"), ("Donetsk", "UA"), ("Krasnodar", "RU"), ("Belgorod", "RU"), ("Lisboa", "PT"), ("Porto", "PT"),
    # a state named after a city of a million or more is the city in the news ("New York City" in GeoNames)
    ("New York", "US"), ("Nueva York", "US"), ("Нью-Йорк", "US"), ("Washington", "US"),
])
def test_a_city_keeps_its_name_beside_its_region(gazetteer, name, iso):
    place = gazetteer.resolve(name)
    assert place is not None and place.kind == "city", place
    if iso:
        assert place.country == iso


def test_a_row_whose_seat_is_unknown_is_skipped(gazetteer, monkeypatch):
    table = [["ES", "Nowhere-on-Earth", "Atlantis Region"], ["ES", "Sevilla", "Andalusia|Andalucía"], ["XX"]]
    monkeypatch.setattr(langdata.LangData, "table", lambda self, key: table if key == "regions" else [])
    small = Gazetteer()
    assert small.resolve("Atlantis Region") is None
    assert small.resolve("Andalucía").kind == "admin1"


def test_an_article_keeps_two_regions_apart(analyzer):
    from newsloom import analyze

    rec = analyze("El Gobierno aprobó ayer nuevas ayudas para los agricultores de Andalucía y de Cataluña, "
                  "afectados por la sequía. La Junta de Andalucía pidió más fondos, y los regantes de Cataluña "
                  "protestaron en Barcelona. En Madrid, el ministro defendió el plan.",
                  published="2025-05-02", analyzer=analyzer)
    places = {e.name: e for e in rec.entities if e.type == "PLACE"}
    assert places["Andalucía"].geo.kind == "admin1" and places["Cataluña"].geo.kind == "admin1"
    assert places["Andalucía"].geo.source_id != places["Cataluña"].geo.source_id
    assert places["Madrid"].geo.kind == "city"


SUBROWS = langdata.common().table("subregions")


def test_every_departement_is_placed_at_its_seat(gazetteer):
    assert len(SUBROWS) > 80
    for country, code, seat, names in SUBROWS:
        name = names.split("|")[0]
        found = [p for p in gazetteer.candidates(name) if p.kind == "admin2"]
        assert len(found) == 1 and found[0].country == country and found[0].name == name, (name, found)
        seats = [p for p in gazetteer.named(seat) if p.kind == "city" and p.country == country]
        assert (found[0].lat, found[0].lon) in {(p.lat, p.lon) for p in seats}, (name, seat)
        assert found[0].geonameid == f"{country}.{found[0].admin1}.{code}"


@pytest.mark.parametrize("name, lat, lon", [("Var", 43.4, 6.2), ("Gironde", 44.8, -0.6), ("Côtes-d’Armor", 48.4, -2.8)])
def test_a_departement_is_no_alternate_name_of_a_city_elsewhere(gazetteer, name, lat, lon):
    place = gazetteer.resolve(name)
    assert place.kind == "admin2" and place.country == "FR"  # "Var" is also listed for Varna
    assert _km(place.lat, place.lon, lat, lon) < 60


def test_a_departement_named_like_a_given_name_does_not_make_a_person_a_place(gazetteer):
    assert gazetteer.candidates("Ain") and not gazetteer.sizeable("Ain")


def test_towns_are_found_only_in_the_countries_asked_for(gazetteer):
    assert not gazetteer.candidates("Recco")  # under 15,000 people: not among the cities
    towns = gazetteer.towns("Recco", {"IT"})
    assert [p.country for p in towns] == ["IT"] and _km(towns[0].lat, towns[0].lon, 44.36, 9.14) < 10
    assert towns[0].population < 15000 and towns[0].timezone == "Europe/Rome"
    assert gazetteer.towns("Recco", {"FR", "DE"}) == []


def test_a_town_of_the_articles_country_is_placed(analyzer):
    from newsloom import analyze

    rec = analyze("Una frana ha colpito nella notte la strada provinciale vicino a Recco, in Liguria. "
                  "Il sindaco di Recco ha chiesto aiuto alla Regione.", published="2025-10-10", analyzer=analyzer)
    recco = next(e for e in rec.entities if e.name == "Recco")
    assert recco.type == "PLACE" and recco.country == "IT" and recco.geo.kind == "city"
    assert _km(recco.geo.lat, recco.geo.lon, 44.36, 9.14) < 10


def test_a_town_is_no_place_in_an_article_about_no_country(analyzer):
    from newsloom import analyze

    # nothing in the text names a country or a known place: a bare town name is not guessed at
    rec = analyze("La strada per Recco resta chiusa, dicono i residenti.", published="2025-10-10", analyzer=analyzer)
    recco = next(e for e in rec.entities if e.name == "Recco")
    assert recco.type == "PLACE" and recco.geo is None
