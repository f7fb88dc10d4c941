"""Every language folder parses, its files hold text (no YAML booleans), and its codes are real."""
import pycountry
import pytest

from newsloom import langdata

LANGS = langdata.languages()


def strings_only(value, where):
    if isinstance(value, dict):
        for k, v in value.items():
            strings_only(k, where)
            strings_only(v, f"{where}.{k}")
    elif isinstance(value, list):
        for v in value:
            strings_only(v, where)
    else:
        assert isinstance(value, (str, int, float)) and not isinstance(value, bool), f"{where}: {value!r}"


@pytest.mark.parametrize("lang", LANGS)
def test_files_parse_and_hold_no_booleans(lang):
    data = langdata.load(lang)
    assert data.known
    for name, content in data.files.items():
        strings_only(content, f"{lang}/{name}")


@pytest.mark.parametrize("lang", LANGS)
def test_country_codes_are_iso(lang):
    data = langdata.load(lang)
    for table in ("demonyms", "countries", "institutions"):
        for row in data.table(table):
            code = row[-1] if table != "institutions" else (row[2] if len(row) > 2 else "")
            if code:
                assert code == "XK" or pycountry.countries.get(alpha_2=code), f"{lang}/{table}: {row}"


def test_languages_with_titles_share_their_keys():
    keys = None
    for lang in LANGS:
        titles = langdata.load(lang).get("titles")
        if titles is None:
            continue
        core = {"titles", "modifiers", "of_words", "honorifics", "joiners"} & set(titles)
        keys = keys or core
        assert core == keys, lang
