"""Records made up for store tests: varied people, places, events, languages and dates, every span
pointing at the text it names."""
from __future__ import annotations

import random

from newsloom.schema import Record

PEOPLE = ["Vladimir Putin", "Xi Jinping", "Emmanuel Macron", "Olaf Scholz", "Giorgia Meloni", "Pedro Sanchez",
          "Ursula von der Leyen", "Narendra Modi", "Luiz Inacio Lula", "Recep Erdogan"]
PLACES = [("Geneva", "CH", 46.2022, 6.1457), ("Beijing", "CN", 39.9075, 116.3972), ("Paris", "FR", 48.8534, 2.3488),
          ("Berlin", "DE", 52.5244, 13.4105), ("Rome", "IT", 41.8919, 12.5113), ("Madrid", "ES", 40.4165, -3.7026),
          ("Brussels", "BE", 50.8505, 4.3488), ("Delhi", "IN", 28.6519, 77.2315), ("Brasilia", "BR", -15.7797, -47.9297),
          ("Ankara", "TR", 39.9199, 32.8543)]
EVENTS = [("CONSULT", "met"), ("SANCTION", "sanctioned"), ("AGREE", "agreed with"), ("ACCUSE", "accused"),
          ("AID", "sent aid to"), ("REQUEST", "asked")]
TOPICS = ["economy", "ports", "energy", "elections", "trade", "security", "climate", "health", "rail", "wheat"]
LANGS = ["en", "fr", "de", "es", "ru"]


def make_record(i: int, rng: random.Random | None = None) -> Record:
    rng = rng or random.Random(i)
    a, b = rng.sample(PEOPLE, 2)
    place, country, lat, lon = rng.choice(PLACES)
    etype, verb = rng.choice(EVENTS)
    topic = rng.choice(TOPICS)
    day = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    sentence = f"{a} {verb} {b} in {place} on Monday about {topic} number {i}."
    quote = f"We talked about {topic} for hours"
    text = f'{sentence} "{quote}," {a} said.'
    sa, sb, sp = text.index(a), text.index(b), text.index(place)
    qs = text.index(quote)
    when = text.index("Monday")
    return Record.model_validate({
        "id": f"syn{i:07d}", "published": day, "language": {"code": rng.choice(LANGS), "confidence": 0.99},
        "title": f"{a} and {b} in {place}", "text": text, "source": {"uri": f"https://news.example/{i}"},
        "entities": [
            {"id": "e1", "name": a, "type": "PERSON", "mentions": [[sa, sa + len(a)], [text.rindex(a), text.rindex(a) + len(a)]],
             "salience": 0.9},
            {"id": "e2", "name": b, "type": "PERSON", "mentions": [[sb, sb + len(b)]], "salience": 0.6},
            {"id": "e3", "name": place, "type": "PLACE", "mentions": [[sp, sp + len(place)]], "country": country,
             "geo": {"lat": lat, "lon": lon, "source_id": f"geonames:{1000 + PLACES.index((place, country, lat, lon))}",
                     "kind": "city"}, "salience": 0.4},
        ],
        "times": [{"text": "Monday", "start": when, "end": when + 6, "type": "DATE", "value": day}],
        "quotes": [{"text": quote, "start": qs, "end": qs + len(quote), "speaker": "e1", "speaker_text": a,
                    "verb": "said"}],
        "events": [{"type": etype, "source": ["e1"], "target": ["e2"], "place": "e3", "time": 0,
                    "start": 0, "end": len(sentence), "text": sentence}],
        "topics": [{"code": topic, "label": topic, "score": 0.8}],
    })
