import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsloom.clean.text_lines import clean_lines, sentence_shaped

BODY = ("Le gouvernement a présenté mardi un projet de loi sur l'énergie, qui doit être examiné au Parlement "
        "dans les prochaines semaines.")


def test_repeated_teaser_and_foreign_ui_line_are_removed_with_reasons():
    raw = f"{BODY}\n\nUn autre titre qui renvoie ailleurs\nUn autre titre qui renvoie ailleurs\nMehr anzeigen\n\n{BODY[:-1]} encore."
    c = clean_lines(raw, "fr")
    removed = {r.text: r.reason for r in c.removed}
    assert "repeated" in removed["Un autre titre qui renvoie ailleurs"]
    assert [r.line for r in c.removed][:2] == [3, 4]
    assert "Mehr anzeigen" in removed
    assert "Un autre titre" not in c.text and "Mehr anzeigen" not in c.text


def test_boilerplate_lines_by_language_data():
    raw = ("The council voted on Tuesday to approve the new budget for the city schools and hospitals.\n"
           "Share this article\nSubscribe to our newsletter\nPhoto: Reuters\n© AFP\n"
           "The mayor said the vote was a turning point for the city and its people.")
    c = clean_lines(raw, "en")
    assert {r.text for r in c.removed} == {"Share this article", "Subscribe to our newsletter", "Photo: Reuters", "© AFP"}
    assert "turning point" in c.text


def test_headings_are_found_and_kept_in_text():
    raw = f"{BODY}\n\nUne réforme contestée\n\n{BODY}x"
    c = clean_lines(raw, "fr")
    assert [h.text for h in c.headings] == ["Une réforme contestée"]
    h = c.headings[0]
    assert c.text[h.start:h.end] == h.text


def test_a_repeated_body_paragraph_keeps_its_first_copy():
    c = clean_lines(f"{BODY}\n\n{BODY}", "fr")
    assert c.text.count(BODY) == 1
    assert [r.reason for r in c.removed] == ["repeated paragraph"]


def test_paragraphs_are_separated_by_a_blank_line_and_hard_wraps_joined():
    c = clean_lines("Le ministre a annoncé une hausse\ndes dépenses militaires pour l'an prochain.\nUne autre phrase suit ici, plus loin.", "fr", detect_title=False)
    assert c.text == "Le ministre a annoncé une hausse des dépenses militaires pour l'an prochain.\n\nUne autre phrase suit ici, plus loin."


sentences = st.lists(st.text(alphabet="abcdefghij klmnop", min_size=30, max_size=80).map(lambda s: "Le " + s.strip() + " fin."),
                     min_size=1, max_size=6, unique=True)


@settings(max_examples=40, deadline=None)
@given(sentences)
def test_no_body_sentence_is_ever_dropped(lines):
    lines = [l for l in lines if sentence_shaped(l)]
    c = clean_lines("\n\n".join(lines), "fr")
    for line in lines:
        assert " ".join(line.split()) in c.text


@pytest.mark.parametrize("lang, byline", [
    ("it", "di Chiara Rossi | 16 ottobre 2025"),
    ("ru", "Ирина Петрова, 22 мая 2025"),
    ("en", "By Jane Doe"),
    ("pt", "Por Renata Lima, de Brasília | 06/11/2025 08h15"),
])
def test_a_byline_between_title_and_text_keeps_the_title(lang, byline):
    title = "Il governo approva la riforma delle pensioni dopo una lunga notte di trattative in Consiglio"
    body = ("The text of the article runs on for a while, as running text does, and it ends like a sentence "
            "with a full stop at the end of it.")
    out = clean_lines(f"{title}\n\n{byline}\n\n{body}\n", lang)
    assert out.title == title
    assert out.headings == []  # the byline is no section title
    assert byline in out.text


@pytest.mark.parametrize("lang, raw, gone, title, byline", [
    ("it", "Home | Politica | Economia | Esteri\nManovra, il governo pone la fiducia alla Camera\ndi Marco Bianchi\n"
           "24 novembre 2025 - 18:32\nCondividi su Facebook Condividi su X WhatsApp\n"
           "Il ministro dell'Economia ha difeso martedì a Roma la legge di bilancio davanti ai deputati.\n"
           "Riproduzione riservata © Copyright ANSA",
     {"Home | Politica | Economia | Esteri", "Condividi su Facebook Condividi su X WhatsApp",
      "Riproduzione riservata © Copyright ANSA"},
     "Manovra, il governo pone la fiducia alla Camera", "di Marco Bianchi"),
    ("de", "Startseite > Politik > Deutschland\nRegierung einigt sich auf Rentenpaket\nStand: 25.11.2025 17:45 Uhr\n"
           "Von Anna Schmidt\nTeilen auf Facebook Teilen auf X Per E-Mail teilen\n"
           "Die Bundesarbeitsministerin sagte am Dienstagabend in Berlin, das Rentenniveau werde gesichert.",
     {"Startseite > Politik > Deutschland", "Teilen auf Facebook Teilen auf X Per E-Mail teilen"},
     "Regierung einigt sich auf Rentenpaket", "Von Anna Schmidt"),
    ("ru", "Главная / Экономика\nЦБ сохранил ключевую ставку\nБанк России в пятницу сохранил ключевую ставку на уровне "
           "16,5% годовых.\n© 2025 РИА Новости. Все права защищены.",
     {"Главная / Экономика", "© 2025 РИА Новости. Все права защищены."}, "ЦБ сохранил ключевую ставку", None),
])
def test_breadcrumbs_share_bars_copyright_and_a_two_line_byline(lang, raw, gone, title, byline):
    c = clean_lines(raw, lang)
    assert {r.text for r in c.removed} == gone
    assert c.title == title
    assert not c.headings  # neither the byline nor its date line is a section title
    if byline:
        assert f"\n\n{byline}\n\n" in c.text  # its own paragraph, not joined to the title


@pytest.mark.parametrize("line", [
    "The court ruled on copyright and fair use in a closely watched case.",
    "GAZA CITY/JERUSALEM — Israeli strikes killed 20 people on Monday.",
    "Trump / Putin: what the summit means",
])
def test_lines_that_only_look_like_leftovers_stay(line):
    c = clean_lines(f"{BODY}\n\n{line}\n\n{BODY}x", "en")
    assert line in c.text


def test_wire_credit_lines_are_removed():
    text = ("Boeing strikers reject new offer\n\n"
            "SEATTLE, Nov 25 (Reuters) - Machinists at Boeing voted on Monday to reject the planemaker's latest "
            "contract offer, extending a strike that has halted production.\n\n"
            "Reporting by Laura Mitchell in Seattle; Editing by Mark Porter\n\n"
            "Our Standards: The Thomson Reuters Trust Principles.")
    cleaned = clean_lines(text, "en")
    assert "Editing by" not in cleaned.text and "Our Standards" not in cleaned.text
    assert [r.reason for r in cleaned.removed] == ["credits", "credits"]


def test_a_slash_breadcrumb_and_the_title_a_read_also_label_points_at_are_removed():
    text = ("ge / Futebol / Brasileirão Série A\n"
            "Palmeiras vence o Botafogo e assume a liderança\n"
            "O Palmeiras venceu o Botafogo por 2 a 1 nesta segunda-feira e assumiu a liderança do campeonato.\n"
            "Leia também\n"
            "Flamengo perde para o Grêmio e deixa a liderança\n"
            "O técnico Abel Ferreira elogiou a equipe após o jogo e disse que o título ainda está aberto.")
    cleaned = clean_lines(text, "pt")
    assert [(r.text, r.reason) for r in cleaned.removed] == [
        ("ge / Futebol / Brasileirão Série A", "navigation"), ("Leia também", "related article"),
        ("Flamengo perde para o Grêmio e deixa a liderança", "related article")]
    assert cleaned.title == "Palmeiras vence o Botafogo e assume a liderança" and "Abel Ferreira" in cleaned.text


def test_every_title_listed_under_a_read_also_label_goes_with_it():
    text = ("Senate passes environment laws\n\n"
            "The Senate passed the government's environment laws on Thursday after a late deal with the Greens.\n\n"
            "Read more:\n"
            "Greens demand end to native forest logging\n"
            "Why the EPA deal took three years\n\n"
            "Environment Minister Murray Watt said the laws would protect more of the country's forests.\n\n"
            "What happens next\n\n"
            "The laws take effect in July next year, the minister said.")
    cleaned = clean_lines(text, "en")
    assert [r.text for r in cleaned.removed] == ["Read more:", "Greens demand end to native forest logging",
                                                 "Why the EPA deal took three years"]
    assert [h.text for h in cleaned.headings] == ["What happens next"]  # a subheading after a blank line stays


@pytest.mark.parametrize("lang, author, stamp", [
    ("fr", "Par Claire Dubreuil", "Publié le 26 novembre 2025 à 07h45, mis à jour à 09h10"),
    ("en", "By Sarah Whitfield and David Cho", "Updated September 3, 2026, 10:23 a.m."),
])
def test_the_author_line_stays_when_the_stamp_beside_it_goes(lang, author, stamp):
    body = ("La tempête a balayé la région dans la nuit de mardi à mercredi, privant des milliers de foyers "
            "d'électricité." if lang == "fr" else
            "The storm swept across the region overnight on Tuesday, leaving thousands of homes without power.")
    title = "La tempête balaie la Bretagne" if lang == "fr" else "Storm batters the coast"
    out = clean_lines(f"{title}\n\n{author}\n{stamp}\n\n{body}\n", lang)
    assert author in out.text and stamp not in out.text
    assert [r.text for r in out.removed] == [stamp]
