"""Main text of an HTML page with trafilatura, keeping title, date and section titles."""
from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

# Block elements of trafilatura's XML output that hold body text.
_BLOCKS = {"p", "head", "list", "quote", "table", "code"}


@dataclass(frozen=True)
class HtmlText:
    lines: list[str]  # one block a line
    heading_lines: set[int]  # indices into lines that are section titles
    title: str | None = None
    published: str | None = None
    meta: dict = field(default_factory=dict)


def _block_text(el) -> str:
    if el.tag == "list":
        items = [" ".join("".join(i.itertext()).split()) for i in el.iter("item")]
        return "\n".join(f"- {i}" for i in items if i)
    return " ".join("".join(el.itertext()).split())


def extract_html(html: str, url: str | None = None) -> HtmlText:
    """Blocks of main text and metadata of a page; empty lines when the page holds no article."""
    import trafilatura

    xml = trafilatura.extract(html, url=url, output_format="xml", include_formatting=True,
                              include_comments=False, include_tables=True, with_metadata=True)
    if not xml:
        meta = trafilatura.extract_metadata(html)
        title = getattr(meta, "title", None) if meta else None
        date = getattr(meta, "date", None) if meta else None
        return HtmlText([], set(), title, date, {})
    root = etree.fromstring(xml.encode("utf-8"), parser=etree.XMLParser(recover=True, huge_tree=True))
    meta = {k: v for k, v in root.attrib.items() if v}
    title = meta.get("title")
    lines: list[str] = []
    heads: set[int] = set()
    main = root.find("main")
    for el in (main if main is not None else root).iter():
        if el.tag not in _BLOCKS or _inside_block(el):
            continue
        text = _block_text(el)
        if not text:
            continue
        if el.tag == "head":
            if title and " ".join(title.split()) == text and not lines:
                continue  # the page title repeated as the first h1
            heads.add(len(lines))
        lines.append(text)
    return HtmlText(lines, heads, title, meta.get("date"), meta)


def _inside_block(el) -> bool:
    parent = el.getparent()
    while parent is not None:
        if parent.tag in _BLOCKS:
            return True
        parent = parent.getparent()
    return False
