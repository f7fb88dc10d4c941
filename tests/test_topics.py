import pytest

from newsloom import analyze


@pytest.mark.slow
@pytest.mark.parametrize("text, code", [
    ("Le gouvernement et le président ont présenté une réforme au parlement avant l'élection.", "medtop:11000000"),
    ("The central bank raised rates as inflation and market prices climbed, hurting company investment.", "medtop:04000000"),
    ("Die Truppen setzten ihre Angriffe fort, der Krieg an der Front geht weiter; Raketen trafen die Stadt.",
     "medtop:16000000"),
    # stems match inflected forms ("войск*": войсками, "ракет*": ракетами)
    ("Российские войска продолжили наступление, война на фронте идет; ракетами обстреляли город, армия усилила оборону.",
     "medtop:16000000"),
    ("Il tribunale ha condannato l'imputato a otto anni di carcere; la procura aveva chiesto una pena più dura "
     "e l'avvocato della difesa annuncia appello contro la sentenza.", "medtop:02000000"),
])
def test_topic_from_cue_words(analyzer, text, code):
    rec = analyze(text, analyzer=analyzer)
    assert rec.topics and rec.topics[0].code == code


def test_no_topic_without_cues():
    assert analyze("Bla bla bla.").topics == []
