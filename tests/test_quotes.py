"""Quotes and speakers on sentences written for these tests."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsloom import analyze
from newsloom.extract.quotes import find_quoted


@pytest.mark.parametrize("text, inner", [
    ("Il a parlé d'un accord « historique » hier.", ["historique"]),
    ("Il a parlé d'un accord «historique» hier.", ["historique"]),
    ("She called it “a disaster” and left.", ["a disaster"]),
    ("Er nannte es „eine Katastrophe“ und ging.", ["eine Katastrophe"]),
    ("Er nannte es »eine Katastrophe« und ging.", ["eine Katastrophe"]),
    ("Powiedział, że to „katastrofa” dla kraju.", ["katastrofa"]),
    ("un délai ''exceptionnellement court'' après", ["exceptionnellement court"]),
    ('He said "we will win" twice.', ["we will win"]),
])
def test_marks_of_every_convention(text, inner):
    assert [text[q.start:q.end] for q in find_quoted(text, "xx")] == inner


def test_apostrophes_and_unbalanced_marks_are_not_quotes():
    text = "L’enjeu qu’il voit, l'armée d'Israël. He didn't say « anything\n\nNew paragraph » here."
    assert find_quoted(text, "fr") == []


def test_ten_thousand_quotes_stay_linear():
    text = " ".join(f"« mot {i} »" for i in range(10_000))
    assert len(find_quoted(text, "fr")) == 10_000


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="ab «»“”„\"' \n.", max_size=200))
def test_random_marks_never_raise_and_spans_are_exact(text):
    for q in find_quoted(text, "fr"):
        assert 0 <= q.start < q.end <= len(text)


def speakers(rec):
    names = {e.id: e.name for e in rec.entities}
    return {q.text: names.get(q.speaker) for q in rec.quotes}


@pytest.mark.slow
def test_french_speakers_subject_pronoun_and_organization(analyzer):
    text = ("Le ministre des Finances Bruno Le Maire a affirmé que la croissance serait « solide » cette année. "
            "Il a ajouté que le déficit resterait « sous contrôle ».\n\n"
            "L'Élysée juge toutefois la situation « préoccupante ».")
    s = speakers(analyze(text, published="2024-03-01", analyzer=analyzer))
    assert s["solide"] == "Bruno Le Maire"
    assert s["sous contrôle"] == "Bruno Le Maire"
    assert s["préoccupante"] == "Élysée"


@pytest.mark.slow
def test_english_according_to_and_feminine_pronoun(analyzer):
    text = ("Talks will resume next month, according to Finnish President Alexander Stubb. "
            "Foreign Minister Elina Valtonen met Stubb on Monday. She described the plan as \"realistic\".")
    rec = analyze(text, published="2024-03-01", analyzer=analyzer)
    s = speakers(rec)
    assert s["realistic"] == "Elina Valtonen"
    indirect = [q for q in rec.quotes if q.kind == "indirect"]
    assert any("Talks will resume" in q.text for q in indirect)


def test_language_without_a_parser_still_gets_quotes():
    rec = analyze("Der Minister sagte, die Lage sei „sehr ernst“. Danach ging er.", published="2024-03-01")
    assert [q.text for q in rec.quotes] == ["sehr ernst"]


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    # a quote after a colon is the subject's, whatever the verb
    ("La segretaria del Partito democratico, Elly Schlein, ha attaccato l'esecutivo: "
     "«Questa manovra non dà nulla ai lavoratori e taglia la sanità».",
     {"Questa manovra non dà nulla ai lavoratori e taglia la sanità": "Elly Schlein"}),
    # without a parser, the speaker is the subject before the verb, not a name between it and the quote
    ("Por su parte, el líder del Partido Popular, Alberto Núñez Feijóo, acusó al Ejecutivo de Pedro Sánchez "
     "de gobernar \"a golpe de decreto\".", {"a golpe de decreto": "Alberto Núñez Feijóo"}),
    # a name after a preposition is the object, not the one who speaks
    ("Maltempo in Sicilia\n\nGiorgia Meloni ha telefonato a Renato Schifani per esprimere «la vicinanza di tutto "
     "il governo alle comunità colpite».", {"la vicinanza di tutto il governo alle comunità colpite": "Giorgia Meloni"}),
])
def test_the_subject_of_the_sentence_is_the_speaker(analyzer, text, expected):
    assert speakers(analyze(text, published="2025-11-25", analyzer=analyzer)) == expected


@pytest.mark.slow
def test_a_name_in_quote_marks_is_no_quote(analyzer):
    text = ("Аналитики «Альфа-Банка» ожидают снижения ставки. Глава «Роснефти» Игорь Сечин заявил: "
            "«Компания выполнит план».")
    rec = analyze(text, published="2025-11-25", analyzer=analyzer)
    assert speakers(rec) == {"Компания выполнит план": "Игорь Сечин"}
    assert {"Альфа-Банка", "Роснефти"} <= {e.name for e in rec.entities if e.type == "ORG"}


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    ("— Стороны подробно обсудили ситуацию на Украине и в Сирии, — сказал Дмитрий Песков журналистам. — Встреча пройдет в декабре.",
     {"Стороны подробно обсудили ситуацию на Украине и в Сирии": "Дмитрий Песков", "Встреча пройдет в декабре.": "Дмитрий Песков"}),
    ("– Nie zgodzimy się na likwidację miejsc pracy – powiedział w poniedziałek przewodniczący Solidarności "
     "Piotr Duda.", {"Nie zgodzimy się na likwidację miejsc pracy": "Piotr Duda"}),
])
def test_dialogue_dashes_open_and_close_quotes(analyzer, text, expected):
    rec = analyze(text, published="2025-11-26", analyzer=analyzer)
    assert speakers(rec) == expected
    assert all(q.kind == "direct" for q in rec.quotes if q.text.startswith(("Стороны", "Nie")))


@pytest.mark.slow
def test_the_speaker_right_after_the_closing_mark_whatever_the_sentence_split(analyzer):
    text = ("Le trafic sera perturbé jeudi, a annoncé mercredi la direction de la SNCF.\n\n"
            "« Nous demandons l'ouverture immédiate de négociations salariales », a déclaré Thierry Nier, "
            "secrétaire général de la CGT-Cheminots.")
    rec = analyze(text, published="2025-12-03", analyzer=analyzer)
    assert speakers(rec)["Nous demandons l'ouverture immédiate de négociations salariales"] == "Thierry Nier"


@pytest.mark.slow
def test_a_sentence_opening_noun_is_no_organization_when_the_text_writes_it_in_lower_case(analyzer):
    text = ("Grève à la SNCF : le trafic fortement perturbé jeudi\n\n"
            "Le trafic ferroviaire sera perturbé jeudi en raison d'une grève nationale, a annoncé la SNCF.")
    rec = analyze(text, published="2025-12-03", analyzer=analyzer)
    assert "Grève" not in {e.name for e in rec.entities}
    assert "SNCF" in {e.name for e in rec.entities if e.type == "ORG"}


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    # a speech verb alone after the quote: the subject is dropped, the speaker is the person spoken of last
    ("El BCE mantiene los tipos\n\nLa presidenta del BCE, Christine Lagarde, dijo el jueves en Fráncfort que "
     "la inflación bajará. «No hay margen para bajar los tipos», añadió. «Seguiremos vigilantes», aseguró la francesa.",
     {"la inflación bajará": "Christine Lagarde", "No hay margen para bajar los tipos": "Christine Lagarde",
      "Seguiremos vigilantes": "Christine Lagarde"}),
    # words between the speech verb and its complementizer ("powiedział w środę dziennikarzom ..., że")
    ("NBP nie obniży stóp\n\nPrezes NBP Adam Glapiński powiedział w środę dziennikarzom w Warszawie, że nie widzi "
     "miejsca na obniżki stóp. „Nie widzę miejsca na obniżki” – dodał.",
     {"nie widzi miejsca na obniżki stóp": "Adam Glapiński", "Nie widzę miejsca na obniżki": "Adam Glapiński"}),
])
def test_a_verb_without_its_subject_reports_the_last_speaker(analyzer, text, expected):
    rec = analyze(text, published="2025-11-25", analyzer=analyzer)
    assert speakers(rec) == expected
    assert {q.verb for q in rec.quotes} <= {"dijo", "añadió", "aseguró", "powiedział", "dodał"}


def test_a_sentence_after_a_colon_is_quoted_in_full():
    rec = analyze("Umsatz steigt kräftig\n\nAm Montag sagte die Vorstandschefin in Berlin: „Wir sind zufrieden.“",
                  published="2025-11-25")
    assert [(q.text, q.kind) for q in rec.quotes] == [("Wir sind zufrieden.", "direct")]


@pytest.mark.slow
def test_a_quotation_after_an_attributed_one_goes_on_in_the_same_voice(analyzer):
    text = ("Boeing strikers reject offer\n\n"
            "\"Our members have spoken loud and clear,\" IAM District 751 President Jon Holden told reporters in "
            "Seattle. \"We will stay on the picket line until we get a fair contract.\"\n\n"
            "Boeing said it was disappointed. \"We remain committed to an agreement.\"\n\n"
            "\"Talks will resume,\" a mediator said. The union did not comment.\n\n\"Nothing is decided.\"")
    s = speakers(analyze(text, published="2025-11-25", analyzer=analyzer))
    assert s["We will stay on the picket line until we get a fair contract."] == "Jon Holden"
    assert s["We remain committed to an agreement."] is None  # the sentence before holds no quotation
    assert s["Nothing is decided."] is None  # a sentence without one stands between


@pytest.mark.slow
def test_a_quotation_running_on_into_the_next_paragraph(analyzer):
    text = ("Peace plan closer\n\n"
            "WASHINGTON (AP) — Secretary of State Marco Rubio said Tuesday that negotiators had made "
            "\"tremendous progress\" on a plan.\n\n"
            "\"We are much closer today than we were a week ago,\" Rubio said. \"There is still work to do, and "
            "nobody should think this is finished.\n\n"
            "\"But for the first time in a long time, both sides are talking about the same document.\"\n\n"
            "\"I am not going to pretend the choices are easy,\" the secretary told broadcasters.")
    s = speakers(analyze(text, published="2025-11-25", analyzer=analyzer))
    assert s["tremendous progress"] == "Marco Rubio"  # not the dateline's place
    assert s["There is still work to do, and nobody should think this is finished."] == "Marco Rubio"
    assert s["But for the first time in a long time, both sides are talking about the same document."] == "Marco Rubio"
    assert s["I am not going to pretend the choices are easy"] == "Marco Rubio"  # the secretary named before


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    # a speech verb with no subject before the quote
    ("Frederiksen po meczu\n\nTrener Kasper Frederiksen był rozczarowany wynikiem. Przyznał, że jego zespół "
     "„stracił koncentrację w końcówce”. Sędzia nie uznał gola.", {"stracił koncentrację w końcówce": "Kasper Frederiksen"}),
    # a pronoun after a source word
    ("OM : colère\n\nLe président de l'OM, Pablo Longoria, a critiqué l'arbitrage. Selon lui, les Marseillais "
     "ont été « lésés par des décisions incompréhensibles ».",
     {"lésés par des décisions incompréhensibles": "Pablo Longoria"}),
])
def test_words_standing_for_the_person_spoken_of_last(analyzer, text, expected):
    assert speakers(analyze(text, published="2025-11-25", analyzer=analyzer)) == expected


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    # a quotation of two sentences, then its speaker before the verb
    ("Senate passes laws\n\nThe government and the Greens reached a deal on Tuesday.\n\n\"These laws were broken. "
     "Everyone agreed they were broken,\" Senator Murray Watt told the chamber.",
     {"These laws were broken. Everyone agreed they were broken": "Murray Watt"}),
    ("Deals signed\n\nSouth Africa's Minister of International Relations Ronald Lamola spoke in Nairobi.\n\n"
     "\"We are not just signing papers. We want to see trade grow,\" Lamola said.",
     {"We are not just signing papers. We want to see trade grow": "Ronald Lamola"}),
    # ... or a title after the verb standing for the person named before
    ("Суд\n\nАдвокат Михаил Левин заявил журналистам о жалобе.\n\n„Мой подзащитный не признает вину. Ни одного "
     "доказательства нет“, — сказал адвокат.",
     {"Мой подзащитный не признает вину. Ни одного доказательства нет": "Михаил Левин"}),
])
def test_a_quotation_of_several_sentences_has_the_speaker_named_after_it(analyzer, text, expected):
    s = speakers(analyze(text, published="2025-11-25", analyzer=analyzer))
    assert {k: v for k, v in s.items() if k in expected} == expected


@pytest.mark.slow
def test_a_dash_opens_a_quotation_inside_a_paragraph(analyzer):
    text = ("Weto prezydenta\n\nJego zdaniem weto oznaczałoby dziurę w budżecie. – Jeżeli prezydent zawetuje tę "
            "ustawę, będzie musiał wskazać, skąd wziąć pieniądze – powiedział rzecznik rządu Adam Szłapka. "
            "Polska – jak podkreślił – pozostaje stabilna. Umowa – to pewne – zostanie podpisana.")
    rec = analyze(text, published="2025-11-25", analyzer=analyzer)
    quote = "Jeżeli prezydent zawetuje tę ustawę, będzie musiał wskazać, skąd wziąć pieniądze"
    assert [(q.text, q.kind) for q in rec.quotes] == [(quote, "direct")]  # no dash aside is a quotation
    assert speakers(rec) == {quote: "Adam Szłapka"}


@pytest.mark.slow
@pytest.mark.parametrize("text, quote, speaker", [
    # a pronoun right after the verb is its subject, not the name that follows it
    ("Aanval op Kyiv\n\nBurgemeester Vitali Klitsjko sprak van een zware nacht.\n\n"
     "\"De stad blijft staan\", schreef hij op Telegram.", "De stad blijft staan", "Vitali Klitsjko"),
    # a name after a preposition after the verb is who was spoken to
    # an age after the verb stands for the person named before
    ("Cricket\n\nPat Cummins bowled six overs in the nets on Tuesday.\n\n"
     "\"The back has pulled up well,\" the 32-year-old told reporters in Brisbane.",
     "The back has pulled up well", "Pat Cummins"),
    ("Ataque en Sudán\n\nLa Red de Médicos de Sudán denunció el ataque.\n\n"
     "«Eran civiles que compraban comida», explicó a EFE un portavoz de la organización.",
     "Eran civiles que compraban comida", None),
])
def test_the_words_after_the_verb_say_who_spoke_and_to_whom(analyzer, text, quote, speaker):
    assert speakers(analyze(text, published="2025-11-25", analyzer=analyzer))[quote] == speaker


@pytest.mark.slow
@pytest.mark.parametrize("text, quote, speaker", [
    # reported speech set off by a comma, with the speech verb and its subject after it
    ("Energie\n\nDie Tschechische Republik entscheide souverän über ihren Energiemix, sagte Präsident Petr Pavel.",
     "Die Tschechische Republik entscheide souverän über ihren Energiemix", "Petr Pavel"),
    # ... or before it, with no "dass" (German)
    ("Explosion\n\nDie Oberstaatsanwältin Andrea Lechner sagte, man ermittle derzeit gegen unbekannt.",
     "man ermittle derzeit gegen unbekannt", "Andrea Lechner"),
])
def test_reported_speech_set_off_by_a_comma(analyzer, text, quote, speaker):
    rec = analyze(text, published="2025-11-25", analyzer=analyzer)
    assert speakers(rec).get(quote) == speaker
    assert next(q for q in rec.quotes if q.text == quote).kind == "indirect"


@pytest.mark.slow
def test_a_verb_after_a_comma_with_its_object_reports_nothing(analyzer):
    text = "Futebol\n\nO técnico do Botafogo, Davide Ancelotti, criticou a marcação do pênalti."
    assert not analyze(text, published="2025-11-25", analyzer=analyzer).quotes


@pytest.mark.slow
@pytest.mark.parametrize("text, quote, speaker", [
    ("Газпром\n\nГлава компании Алексей Миллер выступил на совещании в Москве.\n\n"
     "По его словам, решение будет принято на заседании совета директоров в декабре.",
     "решение будет принято на заседании совета директоров в декабре", "Алексей Миллер"),
    ("Kongres\n\nKrzysztof Bosak skrytykował koalicję w Sejmie. Jego zdaniem PSL „od dawna jest przystawką rządu”.",
     "od dawna jest przystawką rządu", "Krzysztof Bosak"),
])
def test_a_source_phrase_with_a_possessive_names_the_person_spoken_of(analyzer, text, quote, speaker):
    assert speakers(analyze(text, published="2025-11-25", analyzer=analyzer)).get(quote) == speaker


@pytest.mark.slow
def test_a_name_in_quote_marks_is_not_something_said(analyzer):
    text = ("Газпром\n\nПоставки по газопроводу «Сила Сибири» выросли. Глава компании Алексей Миллер "
            "назвал рост «важным сигналом для рынка».")
    rec = analyze(text, published="2025-11-25", analyzer=analyzer)
    assert [q.text for q in rec.quotes if q.kind != "indirect"] == ["важным сигналом для рынка"]


@pytest.mark.slow
def test_a_title_that_is_also_a_surname_stays_a_title(analyzer):
    text = ("Travis Head scored 120 on Tuesday. Head coach Brendon McCullum admitted the batting had been "
            "\"a bit loose\" in Perth.")
    s = speakers(analyze(text, published="2025-11-25", analyzer=analyzer))
    assert s["a bit loose"] == "Brendon McCullum"


@pytest.mark.slow
def test_a_decimal_comma_is_no_clause_break_after_a_source(analyzer):
    rec = analyze("Laut Medienberichten erhält der 52-Jährige eine Abfindung von rund 1,5 Millionen Euro.",
                  published="2025-10-10", analyzer=analyzer)
    assert not any(q.text.startswith("5 Millionen") for q in rec.quotes), rec.quotes


@pytest.mark.slow
def test_a_pronoun_right_after_the_verb_closing_a_quote_of_several_sentences(analyzer):
    rec = analyze("Minister-president Matthias Diependaele reageerde kalm op de kritiek van de oppositie.\n\n"
                  "‘Er is geen crisis. Dit zijn stevige gesprekken tussen partners’, zei hij gisteren in Brussel.",
                  published="2026-03-10", analyzer=analyzer)
    names = {e.id: e.name for e in rec.entities}
    q = next(q for q in rec.quotes if q.text.startswith("Er is geen crisis"))
    assert names.get(q.speaker) == "Matthias Diependaele"


@pytest.mark.slow
def test_a_source_word_before_a_title_is_the_person_last_named_with_it(analyzer):
    rec = analyze("A ministra da Saúde, Ana Paula Martins, visitou o hospital. O diretor clínico, Rui Costa, falou "
                  "depois com os jornalistas. Segundo a ministra, o Governo vai contratar 500 médicos até ao fim do ano.",
                  published="2025-10-10", analyzer=analyzer)
    names = {e.id: e.name for e in rec.entities}
    q = next(q for q in rec.quotes if q.text.startswith("o Governo vai contratar"))
    assert names.get(q.speaker) == "Ana Paula Martins"


@pytest.mark.slow
@pytest.mark.parametrize("tag", ["a-t-il affirmé", "affirme-t-il"])
def test_a_verb_and_its_pronoun_written_as_one_name_the_person_named_before(analyzer, tag):
    rec = analyze("Le premier secrétaire du PS, Olivier Faure, a pris la parole mardi. « Nous ne sommes pas dans "
                  f"l'opposition systématique », {tag} sur France Inter.", published="2025-10-10", analyzer=analyzer)
    names = {e.id: e.name for e in rec.entities}
    assert [names.get(q.speaker) for q in rec.quotes] == ["Olivier Faure"]


@pytest.mark.slow
def test_a_dialogue_opened_with_a_hyphen_closes_and_reopens_with_one(analyzer):
    text = ("Sejm uchwalił ustawę w piątek wieczorem. Premier Donald Tusk był zadowolony.\n\n"
            "- To dobry dzień dla milionów Polaków. Nie zawiedziemy was - mówił premier Donald Tusk. - Teraz czas na Senat.")
    rec = analyze(text, published="2026-03-13", analyzer=analyzer)
    names = {e.id: e.name for e in rec.entities}
    got = [(q.text, names.get(q.speaker)) for q in rec.quotes]
    assert ("To dobry dzień dla milionów Polaków. Nie zawiedziemy was", "Donald Tusk") in got
    assert ("Teraz czas na Senat.", "Donald Tusk") in got


@pytest.mark.slow
@pytest.mark.parametrize("text, speaker", [
    # a title after an auxiliary and the verb stands for the one holding that office, under another word
    ("L'allenatore dell'Inter Cristian Chivu ha parlato dopo la gara. «Non meritavamo di perdere», ha commentato "
     "il tecnico dell'Inter.", "Cristian Chivu"),
    ("Bürgermeister Thomas Erny besuchte die Halle. „So etwas haben wir noch nie erlebt“, sagte der Rathauschef "
     "dem SWR.", "Thomas Erny"),
    # a person named inside the quotation is not who the pronoun after it stands for
    ("Le frère de la victime, Mathieu Roussel, s'est dit soulagé. « Rien ne nous rendra Julien, mais justice est "
     "faite », a-t-il confié.", "Mathieu Roussel"),
])
def test_a_description_or_pronoun_after_the_quote_finds_the_speaker(analyzer, text, speaker):
    rec = analyze(text, published="2025-11-25", analyzer=analyzer)
    names = {e.id: e.name for e in rec.entities}
    assert [names.get(q.speaker) for q in rec.quotes] == [speaker]
