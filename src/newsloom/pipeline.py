"""Composes the stages: Document -> cleaned article -> parsed article -> Record.

`Analyzer` holds what is costly to build (spaCy pipelines, the gazetteer,
per-language rule sets) and is handed explicitly to whoever analyzes: the CLI
builds one, a distributed worker builds its own. `analyze()` uses one default
analyzer per process.
"""
from __future__ import annotations

import functools
import re
import threading
from datetime import date, datetime

from newsloom import langdata
from newsloom.langdata import fold
from newsloom.clean.html import extract_html
from newsloom.clean.text_lines import Cleaned, clean_lines
from newsloom.errors import InputError
from newsloom.extract.context import Parsed
from newsloom.extract.entity_stage import EntityStage
from newsloom.extract.geo import Gazetteer
from newsloom.language import Guess, as_language, identify
from newsloom.nlp import Pipelines, has_parse
from newsloom.schema import Coverage, Record, Source
from newsloom.sources.document import Document, make_document

MAX_PARSE_CHARS = 1_000_000  # spaCy's own limit; longer texts are parsed in part and say so


def parse_published(value: str | date | datetime | None) -> datetime | None:
    """A caller's or a page's publication date as a datetime (naive when no zone is given)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    s = str(value).strip().replace("Z", "+00:00")
    try:
        return datetime.fromisoformat(s)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(s[:10])
    except ValueError:
        return None


def _published_text(given: str | None, value: datetime | None) -> str | None:
    if value is None:
        return None
    if given and len(str(given).strip()) == 10:
        return value.date().isoformat()
    return value.isoformat()


_SENT_END = tuple(".!?…:;»\"”)")
_QUOTE_MARKS = "«»“”„‚‘’\"'"


class _ShortForms:
    """What a language writes with a full stop inside a sentence (its `sentences.yaml`, and the
    titles written short such as 'Dr.'): the stop after these is no sentence end."""

    def __init__(self, data: langdata.LangData):
        spec = data.get("sentences") or {}
        titles = data.get("titles") or {}
        short_titles = [w for v in titles.values() if isinstance(v, list) for w in v
                        if isinstance(w, str) and w.endswith(".") and " " not in w]
        self.never_final = frozenset(fold(w.rstrip(".")) for w in [*(spec.get("never_final") or []), *short_titles])
        self.ordinal_dot = str(spec.get("ordinal_dot", "no")).lower() == "yes"
        self.months = frozenset(fold(w) for w in (data.get("times") or {}).get("months") or {})

    def continues(self, prev: str, nxt: str) -> bool:
        """Does the sentence `prev`, cut at a full stop, go on in `nxt` (the same line)?"""
        m = _LAST_WORD.search(prev)
        if m is None:
            return False
        if nxt[:1].islower() or nxt[:1] in ",;)":
            return True  # no sentence starts with a small letter or a comma
        if m.group("word"):
            return fold(m.group("word")) in self.never_final
        first = _FIRST_WORD.match(nxt)
        return self.ordinal_dot and len(m.group("number")) <= 2 and first is not None \
            and fold(first.group(0)) in self.months  # "am 3. Oktober"


_LAST_WORD = re.compile(r"(?:^|[\s(\[.])(?:(?P<word>[^\W\d_][\w-]*)|(?P<number>\d{1,4}))\.$")
_FIRST_WORD = re.compile(r"[^\W\d_]+")


@functools.lru_cache(maxsize=None)
def _short_forms(lang: str) -> _ShortForms:
    return _ShortForms(langdata.load(lang))


def _repair_sentences(text: str, sents: list[tuple[int, int]], lang: str | None = None) -> list[tuple[int, int]]:
    """Join a 'sentence' the parser cut in the middle (no end punctuation, no blank line after)
    to the next one; and one cut at the full stop of a short form ('Dr.', 'proc.', 'am 3. Oktober')."""
    short = _short_forms(lang or "")
    out: list[tuple[int, int]] = []
    for a, b in sents:
        if out:
            pa, pb = out[-1]
            prev = text[pa:pb]
            if "\n" not in text[pb:a] and short.continues(prev.rstrip(), text[a:b]):
                out[-1] = (pa, b)
                continue
            body = prev.rstrip(_QUOTE_MARKS)
            if body != prev and pb == a and a < len(text) and not text[a].isspace() \
                    and body.rstrip().endswith(_SENT_END):
                # An opening quote mark the splitter left at the end of the sentence before.
                out[-1] = (pa, pa + len(body))
                out.append((pa + len(body), b))
                continue
            if not prev.rstrip().endswith(_SENT_END) and "\n" not in prev[len(prev.rstrip()):] and "\n\n" not in text[pb:a + 1]:
                out[-1] = (pa, b)
                continue
        out.append((a, b))
    return out


class Analyzer:
    """Everything needed to analyze articles, loaded lazily and once."""

    def __init__(self, pipelines: Pipelines | None = None):
        self.pipelines = pipelines or Pipelines()
        self._gazetteer: Gazetteer | None = None
        self._entity_stages: dict[str, EntityStage] = {}
        self._lock = threading.Lock()

    @property
    def gazetteer(self) -> Gazetteer:
        with self._lock:
            if self._gazetteer is None:
                self._gazetteer = Gazetteer()
            return self._gazetteer

    def entity_stage(self, lang: str) -> EntityStage:
        with self._lock:
            if lang not in self._entity_stages:
                self._entity_stages[lang] = EntityStage(langdata.load(lang))
            return self._entity_stages[lang]

    # -- stages ------------------------------------------------------------
    def clean(self, doc: Document) -> tuple[Cleaned, Guess, str | None, str | None]:
        """Main text, headings and removed lines; with the language, title and page date."""
        title = published = None
        if doc.format == "html":
            page = extract_html(doc.content, url=doc.uri)
            raw = "\n\n".join(page.lines)
            known = {2 * i for i in page.heading_lines}  # blank lines between blocks
            title, published = page.title, page.published
        else:
            raw, known = doc.content, set()
        guess = identify(raw)
        cleaned = clean_lines(raw, guess.code, known_headings=known, detect_title=doc.format != "html")
        if cleaned.text:
            guess = identify(cleaned.text)
        return cleaned, guess, title or cleaned.title, published

    def parse(self, text: str, lang: str, published: datetime | None) -> tuple[Parsed, list[str]]:
        notes = []
        nlp = self.pipelines.get(lang)
        if nlp is None:
            notes.append(f"no NER/parser pipeline for language '{lang}': sentences by punctuation only")
            nlp = self.pipelines.blank(lang)
        chunk = text[:MAX_PARSE_CHARS]
        if len(text) > MAX_PARSE_CHARS:
            notes.append(f"text longer than {MAX_PARSE_CHARS} characters: only the start was parsed")
        doc = nlp(chunk)
        sents = _repair_sentences(text, [(s.start_char, s.end_char) for s in doc.sents], lang)
        ner = doc if self.pipelines.has(lang) else None
        full = doc if has_parse(doc) else None
        if ner is not None and full is None:
            notes.append(f"no parser for '{lang}': entities from the project's multilingual NER model; "
                         "speakers and event actors found by proximity")
        return Parsed(text=text, lang=lang, data=langdata.load(lang), doc=full, ner=ner, sents=sents,
                      published=published), notes

    def analyze_document(self, doc: Document) -> Record:
        cleaned, guess, title, page_date = self.clean(doc)
        published_s = doc.published or page_date
        published = parse_published(published_s)
        coverage = Coverage(ran=["clean", "language"])
        record = Record(id=doc.id, source=Source(uri=doc.uri, format=doc.format,
                                                 fetched_at=datetime.now().astimezone().isoformat(timespec="seconds")),
                        published=_published_text(published_s, published),
                        language=as_language(guess), title=title, text=cleaned.text,
                        headings=cleaned.headings, removed=cleaned.removed, coverage=coverage)
        if not cleaned.text.strip():
            coverage.skipped["all extraction"] = "no text left after cleaning"
            return record
        lang = guess.code
        parsed, notes = self.parse(cleaned.text, lang, published)
        coverage.ran.append("sentences")
        data_known = parsed.data.known
        if parsed.ner is not None or data_known:
            record.entities = self.entity_stage(lang)(parsed, self.gazetteer)
            coverage.ran.append("entities")
            if parsed.doc is None and parsed.ner is not None:
                coverage.skipped["parser"] = notes[-1]
            elif parsed.doc is None:
                coverage.skipped["statistical NER"] = (notes[0] if notes else f"no NER pipeline for '{lang}'") + \
                    "; entities come from the language's lexicons and from names after titles only"
        else:
            coverage.skipped["entities"] = notes[0] if notes else f"no NER pipeline for '{lang}'"
        if not data_known:
            coverage.skipped["language data"] = f"no data folder for '{lang}': no roles, demonyms or cue words"
        self._facts(record, parsed)
        return record

    def _facts(self, record: Record, parsed: Parsed) -> None:
        """Times, amounts, quotes, events and topics, each recorded in `coverage`."""
        from newsloom.extract.amounts import extract_amounts
        from newsloom.extract.entity_stage import main_country, main_timezone
        from newsloom.extract.events import extract_events
        from newsloom.extract.quotes import extract_quotes
        from newsloom.extract.times import extract_times
        from newsloom.extract.topics import extract_topics

        coverage, data = record.coverage, parsed.data
        first_par = parsed.text.find("\n\n")
        tz = main_timezone(record.entities, first_par if first_par > 0 else len(parsed.text))
        if data.get("times"):
            record.times = extract_times(parsed, tz_hint=tz)
            coverage.ran.append("times")
            # a zone's abbreviation written after a clock time is no entity ("10 a.m. ET", "14:00 BST"; a
            # place named in a zone stays one: "horário de Brasília"); without it the article's zone may be
            # another, and the times are read again in it
            inside = [e for e in record.entities if e.name.isupper() and len(e.name) <= 5 and all(
                any(t.start <= s and e_ <= t.end for t in record.times) for s, e_ in e.mentions)]
            if inside:
                record.entities = [e for e in record.entities if e not in inside]
                for i, e in enumerate(record.entities):
                    e.id = f"e{i + 1}"
                now = main_timezone(record.entities, first_par if first_par > 0 else len(parsed.text))
                if now != tz:
                    tz = now
                    record.times = extract_times(parsed, tz_hint=tz)
        else:
            coverage.skipped["times"] = f"no month, weekday or relative-time words for '{parsed.lang}'"
        # a number inside a name counts nothing ("Movimento 5 Stelle", "S&P 500", "Canale 5")
        names = [span for e in record.entities if e.type in ("ORG", "WORK", "EVENT", "PRODUCT") for span in e.mentions]
        record.amounts = extract_amounts(parsed, exclude=[(t.start, t.end) for t in record.times] + names,
                                         country=main_country(record.entities, first_par if first_par > 0 else len(parsed.text)))
        coverage.ran.append("amounts")
        record.quotes = extract_quotes(parsed, record.entities)
        coverage.ran.append("quotes")
        if data.get("events"):
            record.events = extract_events(parsed, record.entities, record.times)
            coverage.ran.append("events")
        else:
            coverage.skipped["events"] = f"no event cue words for '{parsed.lang}'"
        if data.get("topics"):
            record.topics = extract_topics(parsed)
            coverage.ran.append("topics")
        else:
            coverage.skipped["topics"] = f"no topic cue words for '{parsed.lang}'"


_default: Analyzer | None = None
_default_lock = threading.Lock()


def default_analyzer() -> Analyzer:
    global _default
    with _default_lock:
        if _default is None:
            _default = Analyzer()
        return _default


def analyze(text_or_bytes: str | bytes, *, published: str | date | datetime | None = None,
            url: str | None = None, content_type: str | None = None, analyzer: Analyzer | None = None) -> Record:
    """Analyze one article (plain text or HTML, as str or bytes) into a Record."""
    pub = published.isoformat() if isinstance(published, (date, datetime)) else published
    doc = make_document(text_or_bytes, name=url or "<input>", uri=url, content_type=content_type, published=pub)
    return (analyzer or default_analyzer()).analyze_document(doc)


__all__ = ["Analyzer", "analyze", "default_analyzer", "parse_published", "InputError"]
