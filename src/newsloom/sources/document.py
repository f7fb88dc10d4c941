"""The raw input of the pipeline: bytes or text plus what is known about where they came from."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from newsloom.sources.decode import decode

_HTML_SNIFF = re.compile(rb"<!doctype html|<html[\s>]|<body[\s>]|<article[\s>]|<(?:p|div)[\s>]", re.I)


@dataclass(frozen=True)
class Document:
    """One input: its decoded text and its provenance; immutable."""

    id: str
    name: str
    content: str
    format: str = "text"  # text | html
    encoding: str = "utf-8"
    uri: str | None = None
    published: str | None = None
    title: str | None = None
    meta: dict = field(default_factory=dict)


def content_id(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def looks_like_html(head: bytes) -> bool:
    sample = head[:4096]
    return bool(_HTML_SNIFF.search(sample)) and sample.count(b"<") >= 3


def make_document(data: bytes | str, *, name: str = "<input>", uri: str | None = None,
                  content_type: str | None = None, published: str | None = None) -> Document:
    """Decode and classify one input. Raises an InputError naming `name` when it is not text."""
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    if isinstance(data, str):
        text, encoding = data, "utf-8"
        if not text.strip():
            from newsloom.errors import EmptyInputError
            raise EmptyInputError(name, "empty input, no text to analyze")
    else:
        text, encoding = decode(raw, name)
    if content_type:
        fmt = "html" if "html" in content_type.lower() else "text"
    else:
        fmt = "html" if looks_like_html(text[:4096].encode("utf-8", "replace")) else "text"
    return Document(id=content_id(raw), name=name, content=text, format=fmt, encoding=encoding,
                    uri=uri, published=published)
