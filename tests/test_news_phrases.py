"""Phrases that news in many languages write every day, and what they must give: who, in what role,
for which body."""
import pytest

from newsloom import analyze


def roles(rec) -> dict[str, list[tuple[str, str | None]]]:
    return {e.name: [(r.title, r.of) for r in e.roles] for e in rec.entities if e.type == "PERSON"}


def typed(rec) -> set[tuple[str, str]]:
    return {(e.type, e.name) for e in rec.entities}


@pytest.mark.slow
@pytest.mark.parametrize("text, person, role", [
    # a word opening the sentence is no complement of the title after it
    ("Ihr Vorsitzender Johannes Winkel nannte den Kompromiss teuer.", "Johannes Winkel", ("Vorsitzender", None)),
    ("Volgens directeur Michel Verhoeven zijn er te weinig vakmensen.", "Michel Verhoeven", ("directeur", None)),
    # nor is a title the next one complements
    ("Rzecznik prezydenta Rafał Leśkiewicz dodał, że ustawa wróci do Sejmu.", "Rafał Leśkiewicz",
     ("Rzecznik prezydenta", None)),
    # a portfolio in the genitive, and a complement in the genitive before the name
    ("Minister przemysłu Marzena Czarnecka odpowiedziała, że rząd jest gotowy.", "Marzena Czarnecka",
     ("Minister przemysłu", None)),
    ("Tak powiedział w poniedziałek przewodniczący Solidarności Piotr Duda.", "Piotr Duda",
     ("przewodniczący", "Solidarności")),
    # an apposition ending at its title, its complement and kind before it
    ("The sanctions are worth 2.5 billion euros, according to Kaja Kallas, the EU foreign policy chief.",
     "Kaja Kallas", ("foreign policy chief", "EU")),
    # the portfolio after the name joins the title before it
    ("Dat maakte minister Mona Keijzer van Volkshuisvesting dinsdag bekend in Den Haag.", "Mona Keijzer",
     ("minister van Volkshuisvesting", None)),
    # an article opening the sentence is no preposition of another title's complement
    ("Der Vorstandschef von Volkswagen, Oliver Blume, kündigte den Abbau von Stellen an.", "Oliver Blume",
     ("Vorstandschef", "Volkswagen")),
    # nor is a plain noun before a title and its complement ("the reply of the general secretary")
    ("La replica del segretario generale della Cgil, Maurizio Landini, non si è fatta attendere.", "Maurizio Landini",
     ("segretario generale", "Cgil")),
    # the article before a body's name, and the common noun after it, are no part of it
    ('"We will not back down," said Sharon Graham, general secretary of the Unite union, on Monday.',
     "Sharon Graham", ("general secretary", "Unite")),
    # a complement with a particle elided onto a name
    ("Il governatore della Banca d'Italia Fabio Panetta ha sottolineato i rischi.", "Fabio Panetta",
     ("governatore", "Banca d'Italia")),
    # a portfolio between the title and the name is no body of its own
    ("Minister van Volkshuisvesting Mona Keijzer presenteerde dinsdag haar plannen.", "Mona Keijzer",
     ("Minister van Volkshuisvesting", None)),
    # a surname particle and one plain word are the surname, not a body
    ("Volgens CBS-hoofdeconoom Peter Hein van Mulligen is de groei sterk.", "Peter Hein van Mulligen",
     ("hoofdeconoom", "CBS")),
    # a portfolio holding a conjunction is whole, with or without a comma after it
    ("Il ministro delle Infrastrutture e dei Trasporti Matteo Salvini ha firmato la precettazione.", "Matteo Salvini",
     ("ministro delle Infrastrutture e dei Trasporti", None)),
    ("Dat zei minister van Justitie en Veiligheid David van Weel tegen de pers.", "David van Weel",
     ("minister van Justitie en Veiligheid", None)),
    ("La ministra de Hacienda y Función Pública, María Jesús Montero, presentó los presupuestos.",
     "María Jesús Montero", ("ministra de Hacienda y Función Pública", None)),
    ("Le ministre de l'Économie et des Finances Roland Lescure a présenté le budget.", "Roland Lescure",
     ("ministre de l'Économie et des Finances", None)),
    # a compound title
    ("Bundesarbeitsministerin Bärbel Bas (SPD) sagte am Dienstag, die Rente sei sicher.", "Bärbel Bas",
     ("Bundesarbeitsministerin", None)),
    # a body whose name ends in a lower-case adjective
    ("La segretaria del Partito democratico, Elly Schlein, ha attaccato il governo.", "Elly Schlein",
     ("segretaria", "Partito democratico")),
    # a chamber, not a mayor's title and a person called "dos Deputados"
    ("Já o presidente da Câmara dos Deputados, Hugo Motta, disse que o Congresso cumpriu seu papel.", "Hugo Motta",
     ("presidente", "Câmara dos Deputados")),
    # a party by its initials between the title and the name
    ("Il governo è sotto accusa. La segretaria del Pd Elly Schlein ha criticato la manovra.", "Elly Schlein",
     ("segretaria", "Pd")),
    ("Le gouvernement est critiqué. Le sénateur LR Bruno Retailleau a dénoncé le texte.", "Bruno Retailleau",
     ("sénateur", "LR")),
])
def test_roles_in_news_phrases(analyzer, text, person, role):
    rec = analyze(text, analyzer=analyzer, published="2025-11-25")
    assert roles(rec)[person] == [role]
    assert all(e.type != "PERSON" or e.name in (person,) for e in rec.entities), typed(rec)
    # a role's names are no entity of their own, except its body
    named = {w for w in role[0].split() if w[:1].isupper()}
    assert all(e.type == "PERSON" or e.name == role[1] or not set(e.name.split()) & named for e in rec.entities), \
        typed(rec)


@pytest.mark.slow
@pytest.mark.parametrize("text, expected, absent", [
    ("Michel Verhoeven van Bouwend Nederland zegt dat er te weinig vakmensen zijn.",
     {("PERSON", "Michel Verhoeven"), ("ORG", "Bouwend Nederland")}, set()),
    ("Dat zegt Jan de Vries van de Rabobank.", {("PERSON", "Jan de Vries"), ("ORG", "Rabobank")}, set()),
    # a surname particle, and a royal's land, stay in the name
    ("Dat zei Ruud van Nistelrooy na de wedstrijd.", {("PERSON", "Ruud van Nistelrooy")}, set()),
    # a country opening a company's name is part of it
    ("Według niej spółka Polska Grupa Górnicza straciła w tym roku 3 mld zł.",
     {("ORG", "Polska Grupa Górnicza")}, {"Polska", "Grupa Górnicza"}),
    ("Kritik kam von der Jungen Union. Ihr Vorsitzender Johannes Winkel nannte den Kompromiss „teuer und "
     "ungerecht“.", {("PERSON", "Johannes Winkel")}, {"Kompromiss „teuer und", "Kompromiss"}),
])
def test_people_apart_from_their_bodies_and_from_quotations(analyzer, text, expected, absent):
    rec = analyze(text, analyzer=analyzer, published="2025-11-25")
    assert expected <= typed(rec)
    assert not absent & {e.name for e in rec.entities}


@pytest.mark.slow
@pytest.mark.parametrize("text, places", [
    ("Los acuerdos con Estados Unidos y Canadá se firmaron ayer.", ["Estados Unidos", "Canadá"]),
    ("A reunião em Roma e Milão foi adiada.", ["Roma", "Milão"]),
    ("Le truppe si trovano tra Bosnia e Erzegovina e Serbia.", ["Bosnia e Erzegovina", "Serbia"]),
    ("Intanto a Milano e Napoli i sindacati hanno proclamato uno sciopero.", ["Milano", "Napoli"]),
])
def test_places_joined_by_a_conjunction_are_each_a_place(analyzer, text, places):
    rec = analyze(text, analyzer=analyzer, published="2025-11-25")
    found = [e for e in rec.entities if e.type == "PLACE"]
    assert [e.name for e in found] == places
    assert all(e.geo is not None for e in found)


@pytest.mark.parametrize("lang, written, nominative_form", [
    ("ru", "Владимира Путина", "Владимир Путин"),
    ("ru", "Реджепом Тайипом Эрдоганом", "Реджеп Тайип Эрдоган"),
    ("ru", "Марии Захаровой", "Мария Захарова"),
    ("ru", "Владимира Владимировича Путина", "Владимир Владимирович Путин"),
    ("ru", "Анна Петрова", None),  # the nominative already
    ("ru", "Никита Михалков", None),
    ("pl", "Donalda Tuska", "Donald Tusk"),
    ("pl", "Andrzejem Domańskim", "Andrzej Domański"),
    ("pl", "Marzeny Czarneckiej", "Marzena Czarnecka"),
    ("pl", "Gabriela Kowalska", None),
    ("pl", "Gabriela Nowak", None),
])
def test_a_persons_name_in_another_case_and_its_nominative(lang, written, nominative_form):
    from newsloom import langdata
    from newsloom.extract.countries import CountryLexicon
    from newsloom.extract.entities import EntityRules, nominative

    data = langdata.load(lang)
    rules = EntityRules(data, CountryLexicon(data))
    assert nominative(written, data.get("morphology"), rules.given_names.__contains__) == nominative_form


@pytest.mark.slow
def test_a_person_met_only_in_another_case_is_named_in_the_nominative(analyzer):
    text = ("Президент России Владимир Путин провел телефонный разговор с президентом Турции "
            "Реджепом Тайипом Эрдоганом. Путин поблагодарил Эрдогана за помощь.")
    rec = analyze(text, analyzer=analyzer, published="2025-11-26")
    erdogan = next(e for e in rec.entities if e.type == "PERSON" and "Эрдоганом" in e.name + " ".join(e.aliases))
    assert erdogan.name == "Реджеп Тайип Эрдоган"
    assert {"Реджепом Тайипом Эрдоганом", "Эрдоган", "Redzhep Tayip Erdogan"} <= set(erdogan.aliases)
    assert all(rec.text[a:b] in (erdogan.aliases + [erdogan.name]) for a, b in erdogan.mentions)


@pytest.mark.slow
@pytest.mark.parametrize("text, bodies", [
    ("The FNV union said the strike would go on.", ["FNV"]),
    ("Intanto i sindacati Cgil e Uil hanno proclamato uno sciopero generale.", ["Cgil", "Uil"]),
    ("Los sindicatos CCOO y UGT celebraron el acuerdo.", ["CCOO", "UGT"]),
    ("O partido PSOL votou contra a proposta.", ["PSOL"]),
    # a word inside the name gives its kind, across a capitalized function word
    ("Daarna sprak men verder.\n\nDe Vereniging Eigen Huis reageerde positief.", ["Vereniging Eigen Huis"]),
])
def test_a_common_noun_names_the_body_beside_it(analyzer, text, bodies):
    rec = analyze(text, analyzer=analyzer, published="2025-11-25")
    assert [e.name for e in rec.entities if e.type == "ORG"] == bodies
    assert not [e for e in rec.entities if e.type != "ORG"]


@pytest.mark.slow
def test_a_common_noun_or_a_title_opening_a_name_is_cut_off(analyzer):
    rec = analyze("Decyzja Brukseli ma zapaść do końca marca. Rzecznik Komisji nie chciał komentować tej decyzji.",
                  analyzer=analyzer, published="2025-11-25")
    assert typed(rec) == {("PLACE", "Brukseli"), ("ORG", "Komisji")}
    brussels = next(e for e in rec.entities if e.type == "PLACE")
    assert brussels.country == "BE" and brussels.geo.timezone == "Europe/Brussels"


@pytest.mark.slow
def test_the_body_a_role_names_is_an_entity_where_the_model_missed_it(analyzer):
    text = ("Crac della Banca Popolare del Tirreno, la sentenza\n\n"
            "Il tribunale ha condannato l'ex amministratore delegato della Banca Popolare del Tirreno, Roberto Galli, "
            "per bancarotta.")
    rec = analyze(text, analyzer=analyzer, published="2025-11-25")
    assert roles(rec)["Roberto Galli"] == [("ex amministratore delegato", "Banca Popolare del Tirreno")]
    by_name = {e.name: e for e in rec.entities}
    bank = by_name["Banca Popolare del Tirreno"]
    assert bank.type == "ORG" and {rec.text[a:b] for a, b in bank.mentions} == {bank.name}
    assert [int(e.id[1:]) for e in rec.entities] == list(range(1, len(rec.entities) + 1))


@pytest.mark.parametrize("text, name", [
    ("Questi codici sono stati definiti dall' Organizzazione Internazionale dell' Aviazione Civile ( ICAO ) .",
     "Organizzazione Internazionale dell' Aviazione Civile"),
    ("Intro.\n\nDe Vereniging Eigen Huis reageerde positief.", "Vereniging Eigen Huis"),
])
def test_a_name_the_model_missed_runs_over_its_connectors_but_not_past_a_sentence(text, name):
    from newsloom import langdata
    from newsloom.extract.countries import CountryLexicon
    from newsloom.extract.entities import EntityRules

    lang = "it" if "codici" in text else "nl"
    rules = EntityRules(langdata.load(lang), CountryLexicon(langdata.load(lang)))
    assert [(text[m.start:m.end], m.type) for m in rules.cued_mentions(text)] == [(name, "ORG")]


@pytest.mark.slow
@pytest.mark.parametrize("text, body, place", [
    ("Il Tribunale di Milano ha condannato ieri l'ex amministratore.", "Tribunale di Milano", "Milano"),
    ("O presidente da Câmara de Lisboa, Carlos Moedas, falou ontem.", "Câmara de Lisboa", "Lisboa"),
    ("Port of Rotterdam chief executive Boudewijn Siemons warned of costs.", "Port of Rotterdam", "Rotterdam"),
])
def test_the_place_a_body_is_named_after_is_a_place_too(analyzer, text, body, place):
    rec = analyze(text, analyzer=analyzer, published="2025-11-25")
    by_name = {e.name: e for e in rec.entities}
    (b0, b1), (p0, p1) = by_name[body].mentions[0], by_name[place].mentions[0]
    assert by_name[body].type == "ORG" and by_name[place].type == "PLACE" and by_name[place].geo is not None
    assert b0 <= p0 and p1 == b1  # the place's mention lies inside the body's


@pytest.mark.parametrize("lang, text, name, kind", [
    ("pt", "O voo partiu do Aeroporto LaGuardia ontem.", "Aeroporto LaGuardia", "FACILITY"),
    ("it", "La finale si gioca allo Stadio Olimpico domenica.", "Stadio Olimpico", "FACILITY"),
    ("it", "Ne ha parlato Giorgio Napolitano ieri.", "Giorgio Napolitano", "PERSON"),
])
def test_a_person_the_model_saw_opening_with_a_word_for_a_body_or_building_is_that(lang, text, name, kind):
    from newsloom import langdata
    from newsloom.extract.countries import CountryLexicon
    from newsloom.extract.entities import EntityRules, Mention

    rules = EntityRules(langdata.load(lang), CountryLexicon(langdata.load(lang)))
    start = text.index(name)
    assert [m.type for m in rules.correct(text, Mention(start, start + len(name), "PERSON"))] == [kind]
