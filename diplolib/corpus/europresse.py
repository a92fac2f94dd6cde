"""Europresse exports (one HTML file, many articles) → one Item per article.

A small reader on BeautifulSoup over the export's structure as documented by
the open parsers that read it (R.TeMiS ``tm.plugin.europresse``, CERES's
Europarser): each article is an ``<article>`` element (older exports: a table
cell) holding

- ``span.DocPublicationName`` — the outlet, often with an issue number
  ("Le Monde, no. 23650");
- ``span.DocHeader`` — section, weekday and date, page ("International, jeudi
  15 avril 2021, p. 3"), or ``span.DocTitreSousSection`` + a sibling span;
- ``.titreArticleVisu`` (in ``div.titreArticle``) — the title,
  ``.rdp__subtitle`` — a subtitle;
- ``div.docAuthors`` or ``p.sm-margin-bottomNews`` — the author(s);
- ``div.docOcurrContainer`` (or ``div.DocText``) — the body paragraphs;
- a ``<footer>`` — copyright, the "Ce document est réservé à l'usage exclusif…"
  notice and the document number ("Numéro de document : news·…").

We chose not to depend on Europarser itself: it is AGPL-licensed and a whole
web service; the structure above is all this reader needs.

Everything of the article that is neither metadata nor body (footer, notices,
"Cet article est paru dans…" links) is listed in ``removed``; the export's own
header (text outside every article: logo, list of contents) goes to the first
article's ``removed``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bs4 import BeautifulSoup, NavigableString, Tag

from diplolib.corpus.metadata import clean_outlet, parse_published
from diplolib.corpus.sources import Item

_MONTHS = (
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|"
    "january|february|march|april|may|june|july|august|september|october|november|december"
)
#: "15 avril 2021", "1er mai 2021", "April 15, 2021", with an optional "10:30" / "10 h 30" after it.
DATE_IN_HEADER = re.compile(
    rf"\b(?:\d{{1,2}}(?:er)?\s+(?:{_MONTHS})\s+\d{{4}}|(?:{_MONTHS})\s+\d{{1,2}},?\s+\d{{4}})"
    rf"(?:\s*,?\s*(?:à\s*)?\d{{1,2}}\s*(?::|h)\s*\d{{2}})?",
    re.I,
)
#: Body lines that are Europresse's, not the article's.
_NOTICE = re.compile(
    r"^(?:cet article est paru dans|ce document est réservé|numéro de document|document\s*:?\s*news|"
    r"©|\(c\)|copyright|tous droits réservés|service fourni par|certificat émis)",
    re.I,
)
_ID = re.compile(r"(news[·.\-\w]+)", re.I)


def _text(el: Tag | None) -> str:
    return re.sub(r"\s+", " ", el.get_text(" ")).strip() if el is not None else ""


def _first(root: Tag, selectors: str) -> Tag | None:
    return root.select_one(selectors)


def _paragraphs(body: Tag) -> list[str]:
    paras = [_text(p) for p in body.find_all(["p", "h1", "h2", "h3", "h4", "li", "blockquote"]) if not p.find_parent(["p", "li", "blockquote"])]
    paras = [p for p in paras if p]
    if not paras:
        paras = [re.sub(r"[ \t]+", " ", line).strip() for line in body.get_text("\n").split("\n")]
        paras = [p for p in paras if p]
    return paras


def _containers(soup: BeautifulSoup) -> list[Tag]:
    articles = soup.find_all("article")
    if articles:
        return articles
    out: list[Tag] = []  # older exports: one table cell per article
    for name in soup.select(".DocPublicationName"):
        cell = name.find_parent(["td", "div"])
        if cell is not None and cell not in out:
            out.append(cell)
    return out


def _article(art: Tag, label: str) -> Item:
    outlet_raw = _text(_first(art, ".DocPublicationName"))
    header = " , ".join(_text(el) for el in art.select(".DocHeader, .DocTitreSousSection + span"))
    title_el = _first(art, ".titreArticleVisu, .rdp__articletitle, .titreArticle, .TitreArticleVisu")
    title = _text(title_el) or None
    subtitle = _text(_first(art, ".rdp__subtitle")) or None
    author = _text(_first(art, ".docAuthors, .sm-margin-bottomNews")) or None
    body = _first(art, ".docOcurrContainer") or _first(art, ".DocText")
    problems: list[str] = []
    removed: list[str] = []
    url = None
    paragraphs: list[str] = []
    if body is not None:
        for a in body.find_all("a"):
            if "paru dans" in _text(a).lower() and a.get("href"):
                url = a["href"]
        for para in _paragraphs(body):
            (removed if _NOTICE.match(para) else paragraphs).append(para)
    used = {id(el) for el in (title_el, body) if el is not None}
    for el in art.select("footer, .Doc-LegalDocument, .apd-wrapper, .publiC-lblNodoc"):
        if id(el) not in used:
            removed.extend(line for line in (_norm_lines(el)) if line not in removed)
    match = DATE_IN_HEADER.search(header)
    date = parse_published(match.group(0).replace(" h ", ":")) if match else None
    if header and date is None:
        problems.append(f"date_unparsed (Europresse header {header!r} holds no date)")
    doc_id = next((m.group(1) for line in removed if (m := _ID.search(line)) and "document" in line.lower()), None)
    if not paragraphs:
        return Item(label, rejection="empty: Europresse article without body text", title=title, outlet=clean_outlet(outlet_raw), removed=removed)
    data = "\n\n".join([p for p in (title, subtitle) if p] + paragraphs)
    return Item(
        label, data=data, title=title, date=date, url=url, given_id=doc_id,
        outlet=clean_outlet(outlet_raw), author=author, problems=problems, removed=removed,
    )


def _norm_lines(el: Tag) -> list[str]:
    lines = [re.sub(r"\s+", " ", line).strip() for line in el.get_text("\n").split("\n")]
    return [line for line in lines if line]


def read_europresse(data: bytes, label: str) -> Iterator[Item]:
    """Every article of a Europresse HTML export; ``label:n`` is the n-th article (from 1)."""
    soup = BeautifulSoup(data, "lxml")
    for bad in soup.find_all(["script", "style"]):
        bad.decompose()
    articles = _containers(soup)
    if not articles:
        yield Item(label, rejection="empty: Europresse-like file without any article")
        return
    outside: list[str] = []
    if soup.body is not None:
        inside = {id(s) for art in articles for s in art.find_all(string=True)}
        outside = [re.sub(r"\s+", " ", s).strip() for s in soup.body.find_all(string=True)
                   if type(s) is NavigableString and id(s) not in inside]
        outside = [s for s in outside if s]
    for n, art in enumerate(articles, 1):
        item = _article(art, f"{label}:{n}")
        if n == 1 and outside:
            item.removed = outside + item.removed
            item.problems.append(f"export_header_removed:{len(outside)} (Europresse's page around the articles)")
        if item.removed and item.rejection is None:
            item.problems.append(f"export_notices_removed:{len(item.removed)}")
        yield item
