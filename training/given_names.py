"""Build the list of given names that tells a person from an organization or a place.

    python training/given_names.py [--data ../shared/data/ner] [--out src/newsloom/data/_common/given_names.tsv]

A word is listed when it opens at least MIN_PERSON multi-word person names in the
WikiANN train splits (de, en, es, nl, pl, ru) and opens other multi-word names
less than a quarter as often: "Mario", "Giuseppe", "Владимир" are listed;
"San", "New", "Washington" are not. Read from the data folder, never copied into
the repository; the output is one word a line, sorted.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsloom.evaluate.ner import read_conll  # noqa: E402

LANGS = ("de", "en", "es", "nl", "pl", "ru")
MIN_PERSON = 3


FAKER_LOCALES = ("de_DE", "de_AT", "de_CH", "en_US", "en_GB", "es_ES", "es_MX", "es_AR", "fr_FR", "it_IT",
                 "nl_NL", "nl_BE", "pl_PL", "pt_BR", "pt_PT", "ru_RU")


def faker_first_names() -> set[str]:
    """First names from Faker's person providers of FAKER_LOCALES; empty without Faker."""
    import importlib

    out: set[str] = set()
    for loc in FAKER_LOCALES:
        try:
            provider = importlib.import_module(f"faker.providers.person.{loc}").Provider
        except ImportError:
            return set()
        for attr in ("first_names_male", "first_names_female", "first_names"):
            names = getattr(provider, attr, ())
            out.update(names.keys() if isinstance(names, dict) else names)
    return out


def is_place(word: str, gazetteer, countries) -> bool:
    return bool(gazetteer.sizeable(word)) or any(c.country_of_name(word) for c in countries)


def given_names(data: Path) -> list[str]:
    person, other = Counter(), Counter()
    for lang in LANGS:
        for text, gold in read_conll(data / f"wikiann-{lang}-train.conllu.gz", None):
            for start, end, kind in gold:
                words = text[start:end].split()
                if len(words) > 1:
                    (person if kind == "PER" else other)[words[0]] += 1
    names = {w for w, n in person.items() if n >= MIN_PERSON and 4 * other[w] < n}
    extra = faker_first_names()
    if extra:
        from newsloom import langdata
        from newsloom.extract.countries import CountryLexicon
        from newsloom.extract.geo import Gazetteer

        gazetteer = Gazetteer()
        countries = [CountryLexicon(langdata.load(lang)) for lang in langdata.languages()]
        names |= {w for w in extra if not other[w] and not is_place(w, gazetteer, countries)}
    return sorted(w for w in names if len(w) > 2 and w[:1].isupper() and w[1:].islower() and " " not in w)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "ner"))
    ap.add_argument("--out", default=str(ROOT / "src" / "newsloom" / "data" / "_common" / "given_names.tsv"))
    args = ap.parse_args()
    names = given_names(Path(args.data))
    Path(args.out).write_text("# Given names (training/given_names.py): a capitalized pair they open is a person.\n"
                              + "\n".join(names) + "\n", encoding="utf-8")
    print(f"{len(names)} names -> {args.out}")


if __name__ == "__main__":
    main()
