"""Saved web pages → one article: main text and metadata through trafilatura (dates by htmldate).

No hand-written tag rules: trafilatura finds the article body and the page's
title, site name and author; htmldate finds the publication date in meta tags,
JSON-LD, ``<time>`` elements, a "Publié le …" line or the URL. htmldate runs
without its "extensive search", whose last resort is the copyright year of the
footer (``© 2021`` → 2021-01-01): a wrong day is worse than no date, which the
dating stage then infers from the text. The page's URL comes from its canonical
link / ``og:url``, or from the ``<!-- saved from url=(…)… -->`` comment browsers
write when saving a page.

The page's other text blocks (menus, "À lire aussi", footers) are listed in the
Item's ``removed`` so the cleaning can be audited like that of ``.txt`` files.
"""

from __future__ import annotations

import re

import lxml.html

from diplolib.corpus.metadata import parse_published
from diplolib.corpus.sources import Item

#: Comment written by browsers on "Save page as…": ``<!-- saved from url=(0045)https://… -->``.
SAVED_FROM = re.compile(rb"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.I)
#: Elements whose own text is one block of a page (used to list what the extraction left out).
_BLOCKS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "figcaption", "blockquote", "caption", "button", "label")
_MAX_REMOVED = 200


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _page_blocks(data: bytes) -> list[str]:
    """Visible text blocks of the page in document order (scripts and styles skipped)."""
    try:
        tree = lxml.html.fromstring(data)
    except (ValueError, lxml.etree.ParserError):
        return []
    for bad in tree.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    out: list[str] = []
    for el in tree.iter(*_BLOCKS):
        if any(anc.tag in _BLOCKS for anc in el.iterancestors()):
            continue
        text = _norm(el.text_content())
        if text:
            out.append(text)
    return out


def read_page(data: bytes, label: str) -> Item:
    """One saved web page → an Item with title, text, url, outlet (site name), author, date."""
    import trafilatura  # local: loaded only when a folder holds web pages
    from htmldate import find_date

    saved = SAVED_FROM.search(data[:4096])
    saved_url = saved.group(1).decode("utf-8", "replace") if saved else None
    doc = None
    for recall in (False, True):  # short pages: retry favouring recall before giving up
        doc = trafilatura.bare_extraction(
            data, url=saved_url, with_metadata=True, include_comments=False, include_tables=False, favor_recall=recall,
        )
        if doc is not None and (doc.text or "").strip():
            break
    if doc is None or not (doc.text or "").strip():
        return Item(label, rejection="empty: no article text found in the page (trafilatura)")
    lines = [_norm(line) for line in doc.text.split("\n")]
    lines = [line for line in lines if line]
    title = _norm(doc.title) if doc.title else None
    if title and (not lines or _norm(lines[0]) != title):
        lines.insert(0, title)
    url = doc.url or saved_url
    date = find_date(data, url=url, extensive_search=False, original_date=True, outputformat="%Y-%m-%dT%H:%M")
    kept = "\n".join(lines)
    removed = [block for block in dict.fromkeys(_page_blocks(data)) if block not in kept][:_MAX_REMOVED]
    problems = []
    if removed:
        problems.append(f"page_furniture_removed:{len(removed)} (text blocks outside the article, see removed)")
    return Item(
        label,
        data="\n\n".join(lines),
        title=title,
        date=parse_published(date),
        url=url,
        outlet=_norm(doc.sitename) if doc.sitename else (doc.hostname or None),
        author=_norm(doc.author) if doc.author else None,
        problems=problems,
        removed=removed,
    )
