"""A wire story as scraped: a dateline with the agency and a short date, a byline, a tags line; and
two people with one surname."""
import pytest

from newsloom import analyze

STORY = """Inicio > Economía > Empleo
Los médicos convocan una huelga indefinida a partir del 9 de diciembre
Por Laura García | Madrid | 25/11/2025 - 12:30
MADRID, 25 nov (EFE).- Los sindicatos médicos han convocado una huelga indefinida a partir del próximo 9 de \
diciembre contra el borrador que prepara el Ministerio de Sanidad.
La ministra de Sanidad, Mónica García, lamentó la convocatoria. "No entendemos esta huelga cuando estamos \
negociando", declaró García en rueda de prensa.
El lunes, cientos de médicos se concentraron frente a la sede del ministerio en Madrid.
Temas relacionados: Sanidad, Huelgas
"""


@pytest.fixture(scope="module")
def record(analyzer):
    return analyze(STORY, analyzer=analyzer, published="2025-11-25")


@pytest.mark.slow
def test_the_datelines_short_date_is_a_date_and_this_alone_is_none(record):
    times = {t.text: t.value for t in record.times}
    assert times["25 nov"] == "2025-11-25"
    assert times["9 de diciembre"] == "2025-12-09"
    assert "esta" not in times
    assert not [a for a in record.amounts if a.text.startswith("25")]


@pytest.mark.slow
def test_a_tags_line_is_scraper_noise(record):
    assert "Temas relacionados" not in record.text
    assert not [e for e in record.entities if e.name == "Huelgas"]


@pytest.mark.slow
def test_the_agency_and_date_of_a_dateline_are_not_the_events(record):
    strike = next(e for e in record.events if e.mode == "strike")
    assert not strike.text.startswith("MADRID")
    assert record.text[strike.start:strike.end] == strike.text
    efe = next(e for e in record.entities if e.name == "EFE")
    assert efe.id not in strike.source + strike.target
    assert strike.time is not None and record.times[strike.time].value == "2025-12-09"
    sit_in = next(e for e in record.events if e.mode == "demonstration")
    assert record.times[sit_in.time].value == "2025-11-24"


@pytest.mark.slow
def test_a_surname_two_people_share_is_the_one_named_last(record):
    minister = next(e for e in record.entities if e.name == "Mónica García")
    author = next(e for e in record.entities if e.name == "Laura García")
    said = next(q for q in record.quotes if q.text.startswith("No entendemos"))
    assert said.speaker == minister.id
    assert len(minister.mentions) == 2 and len(author.mentions) == 1
    assert all(record.text[a:b] in (minister.name, "García") for a, b in minister.mentions)
