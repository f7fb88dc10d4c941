"""The project's multilingual NER model: shipped, small, and it finds people and places."""
import pytest

from newsloom import analyze
from newsloom.nlp import SHIPPED_NER_DIR, SHIPPED_NER_LANGS, Pipelines

SENTENCES = {
    "de": "Bundeskanzler Friedrich Merz traf am Montag in Berlin den französischen Präsidenten Emmanuel Macron.",
    "es": "El presidente Pedro Sánchez se reunió el lunes en Madrid con el canciller alemán Olaf Scholz.",
    "ru": "Владимир Путин провёл в Москве переговоры с премьер-министром Индии Нарендрой Моди.",
    "nl": "Premier Dick Schoof sprak dinsdag in Den Haag met de Belgische premier Bart De Wever.",
}


def test_model_is_shipped_and_small():
    assert (SHIPPED_NER_DIR / "config.cfg").exists()
    size = sum(p.stat().st_size for p in SHIPPED_NER_DIR.rglob("*") if p.is_file())
    assert size <= 80 * 1024 * 1024


@pytest.mark.slow
@pytest.mark.parametrize("lang", sorted(SENTENCES))
def test_finds_a_person_and_a_place(lang):
    nlp = Pipelines().get(lang)
    labels = {e.label_ for e in nlp(SENTENCES[lang]).ents}
    assert {"PER", "LOC"} <= labels, (lang, [(e.text, e.label_) for e in nlp(SENTENCES[lang]).ents])


@pytest.mark.slow
def test_cyrillic_names_keep_their_spelling_and_get_a_latin_alias():
    rec = analyze("Президент России Владимир Путин провёл в Москве переговоры с премьер-министром Индии.",
                  published="2025-03-03")
    putin = next(e for e in rec.entities if e.type == "PERSON" and "Путин" in e.name)
    assert "Vladimir Putin" in putin.aliases
    assert putin.country == "RU"


def test_languages_served():
    assert {"de", "es", "it", "pt", "nl", "pl", "ru"} == set(SHIPPED_NER_LANGS)


@pytest.mark.slow
def test_russian_takes_its_entities_from_the_news_model():
    nlp = Pipelines().get("ru")
    assert "newsloom_slovnet_ner" in nlp.pipe_names and "ner" not in nlp.pipe_names
    text = "Концерт памяти Гершвина прошёл в Санкт-Петербурге, сообщил Альфа-банк."
    doc = nlp(text)
    found = {(e.text, e.label_) for e in doc.ents}
    # an oblique-case surname is a person, not a place; the hyphenated city stays whole
    assert ("Гершвина", "PER") in found and ("Санкт-Петербурге", "LOC") in found, found
    assert all(text[e.start_char:e.end_char] == e.text for e in doc.ents)


@pytest.mark.slow
def test_russian_news_model_gives_the_same_entities_one_by_one_and_in_batches():
    nlp = Pipelines().get("ru")
    texts = ["Сергей Лавров встретился в Женеве с Энтони Блинкеном.",
             "Газпром увеличил поставки в Казахстан, заявил Алексей Миллер.", ""]
    alone = [[(e.start_char, e.end_char, e.label_) for e in nlp(t).ents] for t in texts]
    batched = [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in nlp.pipe(texts, batch_size=2)]
    assert alone == batched and alone[0] and alone[2] == []


@pytest.mark.slow
def test_without_natasha_russian_falls_back_to_the_shipped_model(monkeypatch):
    import newsloom.nlp as nlp_module

    monkeypatch.setattr(nlp_module, "_installed", lambda package: False)
    nlp = Pipelines().get("ru")
    assert "ner" in nlp.pipe_names and "newsloom_slovnet_ner" not in nlp.pipe_names
    assert {"PER", "LOC"} <= {e.label_ for e in nlp(SENTENCES["ru"]).ents}
