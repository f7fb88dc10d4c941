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


GERMAN = """Warnstreik bei der Bahn: Fernverkehr am Donnerstag stark eingeschränkt
FRANKFURT (dpa) - Die Gewerkschaft Deutscher Lokomotivführer (GDL) hat für Donnerstag zu einem 24-stündigen \
Warnstreik im Personenverkehr aufgerufen.
GDL-Chef Mario Reiß sagte der „Frankfurter Allgemeinen Zeitung“: „Die Bahn hat uns kein verhandlungsfähiges \
Angebot vorgelegt.“ Die Deutsche Bahn nannte den Streik „völlig unnötig“. Personalvorstand Martin Seiler \
kündigte einen Notfahrplan an.
"""


@pytest.mark.slow
def test_a_german_wire_story(analyzer):
    rec = analyze(GERMAN, analyzer=analyzer, published="2025-11-25")
    by_id = {e.id: e for e in rec.entities}
    # a headline's two halves are no place of one name
    assert not [e for e in rec.entities if ":" in e.name]
    # a compound title read from its head
    seiler = next(e for e in rec.entities if e.name == "Martin Seiler")
    assert [r.title for r in seiler.roles] == ["Personalvorstand"]
    # the union calls a strike for Thursday
    strike = next(e for e in rec.events if "aufgerufen" in e.text)
    assert strike.type == "PROTEST" and strike.mode == "strike"
    assert [by_id[x].name for x in strike.source] == ["Gewerkschaft Deutscher Lokomotivführer"]
    assert rec.times[strike.time].value == "2025-11-27"
    # two quotations in one sentence, each with the name that introduces it
    speakers = {q.text: (by_id[q.speaker].name, q.verb) for q in rec.quotes if q.speaker}
    assert speakers["Die Bahn hat uns kein verhandlungsfähiges Angebot vorgelegt."] == ("Mario Reiß", "sagte")
    assert speakers["völlig unnötig"] == ("Deutsche Bahn", "nannte")


PORTUGUESE = """LISBOA, 25 nov (Lusa) - A Federação Nacional dos Professores (Fenprof) convocou uma greve nacional para \
sexta-feira, 28 de novembro, contra a revisão do Estatuto da Carreira Docente.
O secretário-geral da Fenprof, José Feliciano Costa, afirmou que "o Governo fechou a porta às negociações". \
"Os professores não aceitam perder mais direitos", disse o dirigente sindical à agência Lusa.
Milhares de docentes manifestaram-se no sábado passado em frente à Assembleia da República, em Lisboa.
"""


@pytest.mark.slow
def test_a_portuguese_wire_story(analyzer):
    rec = analyze(PORTUGUESE, analyzer=analyzer, published="2025-11-25")
    by_name = {e.name: e for e in rec.entities}
    # a name and its short form in brackets are two mentions
    assert by_name["Federação Nacional dos Professores"].type == "ORG"
    assert by_name["Fenprof"].type == "ORG"
    assert not [e for e in rec.entities if "(" in e.name]
    # a statute is a work, not a place; a quantity opening a sentence is nobody
    assert by_name["Estatuto da Carreira Docente"].type == "WORK"
    assert "Milhares" not in by_name
    # a title after the speech verb stands for the person named before, not for the body spoken to
    said = next(q for q in rec.quotes if q.text.startswith("Os professores"))
    assert said.speaker == by_name["José Feliciano Costa"].id and said.verb == "disse"


ENGLISH = """Fed holds rates steady as inflation stays stubborn
By Michael Carter | November 25, 2025 | 3:05 PM EST
WASHINGTON (Reuters) - The Federal Reserve held interest rates steady on Wednesday, Fed Chair Jerome Powell said.
Hundreds of protesters gathered outside the Fed's headquarters in Washington on Tuesday to demand lower borrowing costs.
"""


@pytest.mark.slow
def test_an_english_wire_story(analyzer):
    rec = analyze(ENGLISH, analyzer=analyzer, published="2025-11-25")
    # a byline with its date and time is no menu: it stays, and so does its author
    assert "By Michael Carter" in rec.text
    assert any(e.name == "Michael Carter" and e.type == "PERSON" for e in rec.entities)
    # a protest named by a noun stands in the whole clause of the verb that governs it
    protest = next(e for e in rec.events if e.type == "PROTEST")
    assert protest.text.startswith("Hundreds of protesters gathered")
    assert rec.text[protest.start:protest.end] == protest.text


@pytest.mark.slow
@pytest.mark.parametrize("text, kinds", [
    # a cue with an article elided onto it
    ("Italia e Algeria hanno raggiunto un'intesa sul gas.", ["AGREE"]),
    ("La Russia ha lanciato l'attacco contro Kiev nella notte con missili e droni.", ["ASSAULT"]),
    # a cue word inside a name is none
    ("Intesa Sanpaolo ha guadagnato l'1,5% in Borsa.", []),
])
def test_italian_event_cues(analyzer, text, kinds):
    rec = analyze(text, analyzer=analyzer, published="2025-11-25")
    assert [e.type for e in rec.events] == kinds


@pytest.mark.slow
def test_a_number_inside_a_name_is_no_amount(analyzer):
    rec = analyze("Il Movimento 5 Stelle ha perso il 2% dei voti, secondo Canale 5.", analyzer=analyzer,
                  published="2025-11-25")
    assert [(a.text, a.unit) for a in rec.amounts] == [("2%", "percent")]


def test_places_where_a_company_sells_give_no_country_to_its_people(analyzer):
    text = ("Aceros del Cantábrico dispara su beneficio\n\n"
            "MADRID, 25 nov (EFE).- La siderúrgica Aceros del Cantábrico ganó 412 millones de euros gracias a sus "
            "filiales en Estados Unidos y México. La directora financiera, Carmen Olabarría, precisó que el "
            "dividendo subirá. Las ventas en Estados Unidos crecieron y en Nueva York la acción subió.\n\n"
            "El analista Javier Medina explicó que la exposición a los aranceles que Washington aplica al acero "
            "es limitada.")
    rec = analyze(text, published="2025-11-25", analyzer=analyzer)
    people = {e.name: e.country for e in rec.entities if e.type == "PERSON"}
    assert people["Carmen Olabarría"] != "US"  # "en Estados Unidos y México" is where it sells
    washington = next(e for e in rec.entities if e.name == "Washington")
    assert washington.type == "PLACE" and washington.country == "US"  # the capital for its government


def test_public_figures_keep_their_country_whatever_their_neighbours(analyzer):
    text = ("Peace plan\n\nSecretary of State Marco Rubio said U.S. and Ukrainian negotiators met in Geneva. "
            "Dan Driscoll met a Russian delegation in Abu Dhabi. Путин did not comment.")
    rec = analyze(text, published="2025-11-25", analyzer=analyzer)
    people = {e.name: e.country for e in rec.entities if e.type == "PERSON"}
    assert people["Marco Rubio"] == "US" and people["Dan Driscoll"] == "US"


def test_the_list_of_public_figures_is_well_formed():
    import pycountry

    from newsloom.langdata import common

    rows = common().table("people")
    assert len(rows) > 100
    for row in rows:
        assert pycountry.countries.get(alpha_2=row[0]) is not None, row
        assert all(n.strip() for n in row[1].split("|")), row
        # a surname that stands alone is a word, or the last words, of one of the person's names
        for alone in (row[2].split("|") if len(row) > 2 and row[2] else []):
            assert any(n.endswith(" " + alone) or alone in n.split() for n in row[1].split("|")), (alone, row)
