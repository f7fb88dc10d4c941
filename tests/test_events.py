"""PLOVER events on sentences written for these tests."""
import pytest

from newsloom import analyze


def events(rec):
    names = {e.id: e.name for e in rec.entities}
    return [(ev.type, [names.get(s, s) for s in ev.source], [names.get(t, t) for t in ev.target], ev.status)
            for ev in rec.events]


@pytest.mark.slow
def test_french_meeting_is_planned_and_strikes_have_a_country_source(analyzer):
    text = ("Le président français Emmanuel Macron et le chancelier allemand Friedrich Merz se rencontreront "
            "lundi à Berlin. Les forces russes ont mené des frappes contre des villes ukrainiennes, selon Kiev.")
    rec = analyze(text, published="2025-06-05", analyzer=analyzer)
    evs = events(rec)
    consult = next(e for e in evs if e[0] == "CONSULT")
    assert {"Emmanuel Macron", "Friedrich Merz"} <= set(consult[1] + consult[2]) and consult[3] == "planned"
    ev = next(ev for ev in rec.events if ev.type == "CONSULT")
    assert rec.times[ev.time].value == "2025-06-09"
    assert any(e[0] == "ASSAULT" and e[1] for e in evs)


@pytest.mark.slow
def test_english_sanctions_target_and_negation(analyzer):
    text = ("The European Union imposed new sanctions against Iran on Tuesday. "
            "Tehran did not reject the proposal.")
    evs = events(analyze(text, published="2025-06-05", analyzer=analyzer))
    assert ("SANCTION", ["European Union"], ["Iran"], "asserted") in evs


@pytest.mark.slow
def test_every_event_span_points_at_its_words(analyzer):
    text = ("Russian troops attacked the city of Kharkiv overnight. Ukraine's president Volodymyr Zelensky "
            "urged Western allies to send more air defence systems.")
    rec = analyze(text, published="2025-06-05", analyzer=analyzer)
    assert rec.events
    for ev in rec.events:
        assert rec.text[ev.start:ev.end] == ev.text


def test_events_without_a_parser_use_cue_words():
    rec = analyze("Russland und die Ukraine trafen sich in Genf zu Gesprächen über einen Waffenstillstand.",
                  published="2025-06-05")
    assert any(ev.type == "CONSULT" for ev in rec.events) or "events" in rec.coverage.skipped


@pytest.mark.slow
def test_russian_stem_cues_match_inflected_forms(analyzer):
    text = ("Министр иностранных дел России Сергей Лавров и глава МИД Турции Хакан Фидан провели переговоры "
            "в Анкаре. Евросоюз ввел новые санкции против России.")
    evs = events(analyze(text, published="2025-06-05", analyzer=analyzer))
    consult = next(e for e in evs if e[0] == "CONSULT")
    assert "Сергей Лавров" in consult[1] + consult[2]
    assert any(e[0] == "SANCTION" and "Евросоюз" in e[1] and e[2] for e in evs)


@pytest.mark.slow
def test_italian_stem_cues_match_inflected_forms(analyzer):
    text = ("L'avvocato Federico Santoro ha accusato la procura di Milano di aver cercato un capro espiatorio. "
            "Il ministro dell'Economia Giancarlo Bernardi incontrerà venerdì una delegazione dei risparmiatori.")
    evs = events(analyze(text, published="2025-10-16", analyzer=analyzer))
    assert any(e[0] == "ACCUSE" and "Federico Santoro" in e[1] for e in evs)
    assert any(e[0] == "CONSULT" and "Giancarlo Bernardi" in e[1] + e[2] for e in evs)


@pytest.mark.slow
@pytest.mark.parametrize("text, kind, place", [
    ("Milhares de pessoas protestaram no domingo em São Paulo contra o governo.", "PROTEST", "São Paulo"),
    ("Se convocaron concentraciones el próximo 3 de diciembre en Barcelona.", "PROTEST", "Barcelona"),
])
def test_a_protest_with_no_named_actor_is_kept_with_its_place(analyzer, text, kind, place):
    rec = analyze(text, analyzer=analyzer, published="2025-11-25")
    ev = next(e for e in rec.events if e.type == kind)
    assert not ev.source and not ev.target and ev.confidence <= 0.3
    assert next(e.name for e in rec.entities if e.id == ev.place) == place


@pytest.mark.slow
@pytest.mark.slow
@pytest.mark.parametrize("text, kind, source, target", [
    ("Los sindicatos convocaron concentraciones el próximo 3 de diciembre en Barcelona.", "PROTEST", "sindicatos", None),
    ("Police arrested dozens of protesters in Nairobi on Tuesday.", "COERCE", "Police", "protesters"),
    ("The opposition accused the government of brutality.", "ACCUSE", "opposition", "government"),
    ("Rolnicy zablokowali drogę do przejścia granicznego w Dorohusku.", "PROTEST", "Rolnicy", None),
    ("Protestujący domagają się wstrzymania importu zboża.", "REQUEST", "Protestujący", None),
    ("Nel porto di Genova la polizia ha arrestato due uomini.", "COERCE", "polizia", None),
])
def test_a_collective_actor_named_by_a_common_noun_acts(analyzer, text, kind, source, target):
    rec = analyze(text, analyzer=analyzer, published="2025-11-25")
    names = {e.id: e.name for e in rec.entities}
    ev = next(e for e in rec.events if e.type == kind)
    assert [names[x] for x in ev.source] == [source]
    if target:
        assert [names[x] for x in ev.target] == [target]
    group = next(e for e in rec.entities if e.name == source)
    assert group.type == "GROUP" and all(rec.text[s:t].lower() == source.lower() for s, t in group.mentions)
    assert not any(e.type in ("PLACE", "PERSON") and e.name == source for e in rec.entities)


@pytest.mark.slow
def test_a_verb_with_its_clitic_is_a_cue():
    rec = analyze("O presidente Lula reuniu-se com o presidente francês Emmanuel Macron em Brasília.",
                  published="2025-11-25")
    names = {e.id: e.name for e in rec.entities}
    ev = next(e for e in rec.events if e.type == "CONSULT")
    assert {names[x] for x in ev.source} == {"Lula", "Emmanuel Macron"}


@pytest.mark.slow
@pytest.mark.parametrize("lang, text", [
    ("en", "In neighbouring Thailand, flooding in the province of Songkhla has killed at least 13 people."),
    ("en", "Typhoon Yagi killed nearly 300 people in Vietnam in September last year."),
    ("fr", "La tempête a frappé la Bretagne dans la nuit de lundi, tuant deux personnes à Brest."),
    ("es", "En Valencia, la dana mató a más de 200 personas en octubre."),
    ("it", "A Bologna l'alluvione ha ucciso tre persone."),
    ("pt", "Em Porto Alegre, as enchentes mataram 180 pessoas."),
    ("pl", "W Nowym Sączu powódź zabiła w poniedziałek trzy osoby."),
    ("ru", "В Приморье наводнение унесло жизни трёх человек, паводок убил скот."),
])
def test_a_force_of_nature_is_no_party_to_an_assault(analyzer, lang, text):
    rec = analyze(text, published="2025-11-25", analyzer=analyzer)
    assert not [ev for ev in rec.events if ev.type == "ASSAULT"]


@pytest.mark.slow
@pytest.mark.parametrize("lang, text", [
    ("en", "After the storm, Russian drones struck Kharkiv and killed three people."),
    ("en", "Israeli forces opened fire on the crowd, killing five people."),
    ("pl", "Po powodzi rosyjskie drony zaatakowały Charków."),
])
def test_an_attack_in_bad_weather_is_still_an_assault(analyzer, lang, text):
    rec = analyze(text, published="2025-11-25", analyzer=analyzer)
    assert [ev for ev in rec.events if ev.type == "ASSAULT"]


@pytest.mark.slow
def test_an_event_takes_the_date_nearest_its_words(analyzer):
    text = ("Sudan talks\n\nThe army said earlier this month it had accepted the plan, but army chief "
            "Abdel Fattah Burhan rejected it on Sunday.")
    rec = analyze(text, published="2025-11-25", analyzer=analyzer)
    reject = next(ev for ev in rec.events if ev.type == "REJECT")
    assert rec.times[reject.time].value == "2025-11-23"


@pytest.mark.slow
def test_a_pronoun_subject_is_the_person_named_before(analyzer):
    from newsloom import analyze

    rec = analyze("Senator Maria Cantwell opened the hearing on Tuesday. She accused the Federal Aviation "
                  "Administration of ignoring warnings.", published="2025-11-04", analyzer=analyzer)
    names = {e.id: e.name for e in rec.entities}
    accuse = [ev for ev in rec.events if ev.type == "ACCUSE"]
    assert accuse and [names[x] for x in accuse[0].source] == ["Maria Cantwell"]
    assert [names[x] for x in accuse[0].target] == ["Federal Aviation Administration"]


@pytest.mark.slow
@pytest.mark.parametrize("text, etype, person", [
    ("O governador Eduardo Leite visitou Porto Alegre na segunda-feira. O governador pediu ajuda ao governo federal.",
     "REQUEST", "Eduardo Leite"),
    ("Transport Secretary Louise Haigh visited the site on Monday. The secretary accused the operator of negligence.",
     "ACCUSE", "Louise Haigh"),
])
def test_a_title_as_subject_is_the_person_last_named_with_it(analyzer, text, etype, person):
    from newsloom import analyze

    rec = analyze(text, published="2025-11-04", analyzer=analyzer)
    names = {e.id: e.name for e in rec.entities}
    found = [ev for ev in rec.events if ev.type == etype]
    assert found and [names.get(x) for x in found[0].source] == [person]


@pytest.mark.slow
def test_a_negation_right_before_the_cue_negates_the_event_without_a_parse(analyzer):
    from newsloom import analyze

    rec = analyze("Председатель ЦИК Элла Памфилова объявила итоги. В КПРФ с итогами не согласились.",
                  published="2026-09-15", analyzer=analyzer)
    agree = [ev for ev in rec.events if ev.type == "AGREE"]
    assert agree and all(ev.status == "negated" for ev in agree)


@pytest.mark.slow
def test_a_region_acting_as_its_government_is_an_actor(analyzer):
    from newsloom import analyze

    rec = analyze("La Comunidad de Madrid rechazó las críticas del Gobierno.", published="2025-10-10", analyzer=analyzer)
    names = {e.id: e.name for e in rec.entities}
    reject = [ev for ev in rec.events if ev.type == "REJECT"]
    assert reject and [names.get(x) for x in reject[0].source] == ["Comunidad de Madrid"]


@pytest.mark.slow
def test_a_title_opening_the_sentence_acts_for_its_holder_not_the_body_in_its_complement(analyzer):
    text = ("La candidata de Unidad por Chile, Jeannette Jara, habló en Santiago. La candidata de Unidad por Chile "
            "acusó a su rival de querer recortar derechos sociales.")
    rec = analyze(text, published="2025-11-25", analyzer=analyzer)
    names = {e.id: e.name for e in rec.entities}
    ev = next(e for e in rec.events if e.type == "ACCUSE")
    assert [names[x] for x in ev.source] == ["Jeannette Jara"]


@pytest.mark.slow
def test_a_reflexive_pronoun_after_a_hyphen_is_no_conditional(analyzer):
    rec = analyze("O ministro Fernando Haddad reuniu-se a portas fechadas com os líderes do Senado em Brasília.", published="2025-11-25",
                  analyzer=analyzer)
    assert next(e for e in rec.events if e.type == "CONSULT").status == "asserted"


@pytest.mark.slow
@pytest.mark.parametrize("text, kind, source", [
    # who reports it is not who acts
    ("Según la Policía Nacional, los manifestantes cortaron la autopista durante tres horas.", "PROTEST",
     "manifestantes"),
    # unless no one else acts in the sentence
    ("De acordo com a Polícia Civil, foram apreendidos 42 fuzis e cerca de 800 quilos de drogas.", "COERCE",
     "Polícia Civil"),
])
def test_a_source_phrase_opening_the_sentence_names_an_actor_only_when_no_one_else_acts(analyzer, text, kind, source):
    rec = analyze(text, analyzer=analyzer, published="2025-11-25")
    names = {e.id: e.name for e in rec.entities}
    ev = next(e for e in rec.events if e.type == kind)
    assert [names[x] for x in ev.source] == [source]
