"""Factiva exports (HTML or RTF, one or many articles) → one Item per article.

Factiva writes two layouts, in both formats (as read by the open parsers
``tm.plugin.factiva``, koheiw/newspapers' ``import_factiva`` and the Python RTF
parsers of Factiva batches):

- **article format**: headline, author, word count ("812 mots" / "812 words"),
  date, optional time, source name, source code, language, copyright line,
  then the paragraphs, and "Document <accession number>" closing the article.
  In HTML, each article is a ``div.article`` (class ``frArticle``, ``enArticle``…)
  with ``p.articleParagraph`` paragraphs; in RTF, one line each.
- **with indexing**: two-letter field codes — ``HD`` headline, ``BY`` byline,
  ``WC`` word count, ``PD`` date, ``ET`` time, ``SN`` source name, ``SC``
  source code, ``LA`` language, ``CY`` copyright, ``LP`` lead paragraph, ``TD``
  text, ``AN`` accession number… — in a two-column table (HTML) or table rows
  (RTF, read by striprtf as ``HD|text|``).

RTF is turned into text by striprtf; both layouts are then read from lines.
Factiva's own lines (word count, codes, language, copyright, document number,
indexing codes) are listed in ``removed``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bs4 import BeautifulSoup, Tag

from diplolib.corpus.metadata import clean_outlet, parse_published
from diplolib.corpus.sources import Item

#: Field codes of "Full Article/Report plus Indexing", in Factiva's order.
FIELD_CODES = (
    "CLM", "SE", "HD", "BY", "CR", "WC", "PD", "ET", "SN", "SC", "ED", "PG", "VOL", "LA", "CY", "LP",
    "TD", "CT", "RF", "CO", "IN", "NS", "RE", "IPC", "IPD", "PUB", "AN",
)
_CODE_LINE = re.compile(rf"^\s*\|?\s*({'|'.join(FIELD_CODES)})\s*(?:\||\t|$)\s*(.*)$")
_WORD_COUNT = re.compile(r"^\d[\d\s.,\u202f]*\s+(?:mots|words|wörter|palabras|parole|palavras|слов)$", re.I)
_TIME = re.compile(r"^\d{1,2}[:h]\d{2}(?:\s*(?:GMT|UTC|CET|CEST|[AP]M))?$", re.I)
_DOCUMENT = re.compile(r"^\s*Document\s+([A-Za-z0-9]{15,})\s*\|?\s*$")
_COPYRIGHT = re.compile(r"^(?:copyright|\(c\)|©)|tous droits réservés|all rights reserved", re.I)
_SOURCE_CODE = re.compile(r"^[A-Z0-9]{2,10}$")
_LANGUAGE = re.compile(
    r"^(?:français|francais|french|anglais|english|allemand|german|deutsch|espagnol|spanish|español|"
    r"italien|italian|russe|russian|portugais|portuguese)$", re.I
)
_BYLINE_PREFIX = re.compile(r"^(?:par|by|von|de)\s+", re.I)


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().strip("|").strip()


def _indexed(fields: dict[str, list[str]], label: str, removed: list[str]) -> Item:
    def one(code: str) -> str | None:
        return " ".join(fields.get(code, [])).strip() or None

    title = one("HD")
    paragraphs = [p for code in ("LP", "TD") for p in fields.get(code, []) if p]
    for code in fields:
        if code not in {"HD", "BY", "PD", "ET", "SN", "LP", "TD"}:
            removed.extend(f"{code} {v}" for v in fields[code])
    an = one("AN")
    date_text = " ".join(x for x in (one("PD"), one("ET")) if x)
    return _item(label, title, one("BY"), date_text, one("SN"), paragraphs, removed,
                 doc_id=an.replace("Document", "").strip() if an else None)


def _item(label: str, title: str | None, author: str | None, date_text: str | None, outlet: str | None,
          paragraphs: list[str], removed: list[str], doc_id: str | None = None) -> Item:
    problems: list[str] = []
    date = parse_published(date_text) if date_text else None
    if date_text and date is None:
        problems.append(f"date_unparsed (Factiva date {date_text!r})")
    if removed:
        problems.append(f"export_notices_removed:{len(removed)}")
    if author:
        author = _BYLINE_PREFIX.sub("", author).strip() or None
    if not paragraphs:
        return Item(label, rejection="empty: Factiva article without body text", title=title, outlet=outlet, removed=removed)
    return Item(
        label, data="\n\n".join(([title] if title else []) + paragraphs), title=title, date=date,
        given_id=doc_id, outlet=clean_outlet(outlet), author=author, problems=problems, removed=removed,
    )


def _plain(lines: list[str], label: str, paragraphs: list[str] | None = None, doc_id: str | None = None) -> Item:
    """Article format: header lines (title … copyright) then paragraphs.

    ``paragraphs`` is given when the markup already says which lines are the
    body (HTML); otherwise the header ends after the copyright line, or after
    the language / source code lines that follow the source name.
    """
    removed: list[str] = []
    wc = next((i for i, line in enumerate(lines) if _WORD_COUNT.match(line)), None)
    if wc is None:
        return _item(label, lines[0] if lines else None, None, None, None, paragraphs or lines[1:], removed, doc_id)
    before = lines[:wc]
    title = before[0] if before else None
    author = before[1] if len(before) > 1 else None
    removed.append(lines[wc])
    i = wc + 1
    date_text = lines[i] if i < len(lines) else None
    i += 1
    if i < len(lines) and _TIME.match(lines[i]):
        date_text = f"{date_text} {lines[i].replace('h', ':')}"
        i += 1
    outlet = lines[i] if i < len(lines) else None
    i += 1
    header_end = i
    for j in range(i, min(i + 4, len(lines))):  # source code, language, copyright, in that order
        line = lines[j]
        if _SOURCE_CODE.match(line) or _LANGUAGE.match(line) or _COPYRIGHT.search(line) and len(line) < 200:
            removed.append(line)
            header_end = j + 1
        else:
            break
    body = paragraphs if paragraphs is not None else lines[header_end:]
    return _item(label, title, author, date_text, outlet, body, removed, doc_id)


def _split_lines(text: str, label: str) -> Iterator[Item]:
    """Articles of a text export: split at each "Document <id>" line (or at each ``HD`` code)."""
    lines = [_clean(line) for line in text.replace("\r", "\n").split("\n")]
    lines = [line for line in lines if line]
    chunks: list[tuple[list[str], str | None]] = []
    current: list[str] = []
    for line in lines:
        doc = _DOCUMENT.match(line)
        code = _CODE_LINE.match(line)
        if code and code.group(1) == "HD" and any(_CODE_LINE.match(x) for x in current):
            chunks.append((current, None))
            current = []
        if doc:
            chunks.append((current, doc.group(1)))
            current = []
        else:
            current.append(line)
    if any(current):
        chunks.append((current, None))
    if not chunks:
        yield Item(label, rejection="empty: no Factiva article found")
        return
    for n, (chunk, doc_id) in enumerate(chunks, 1):
        source = f"{label}:{n}"
        if any((m := _CODE_LINE.match(x)) and m.group(1) == "HD" for x in chunk):
            fields: dict[str, list[str]] = {}
            code = None
            removed = [f"Document {doc_id}"] if doc_id else []
            for line in chunk:
                match = _CODE_LINE.match(line)
                if match:
                    code = match.group(1)
                    if match.group(2):
                        fields.setdefault(code, []).append(_clean(match.group(2)))
                    else:
                        fields.setdefault(code, [])
                elif code:
                    fields[code].append(line)
            if doc_id and "AN" not in fields:
                fields["AN"] = [doc_id]
            yield _indexed(fields, source, removed)
        else:
            item = _plain(chunk, source, doc_id=doc_id)
            if doc_id:
                item.removed.append(f"Document {doc_id}")
            yield item


def read_factiva_rtf(data: bytes, label: str) -> Iterator[Item]:
    """Every article of a Factiva RTF export (``label:n``)."""
    from striprtf.striprtf import rtf_to_text

    raw = data.decode("cp1252", errors="replace")  # RTF is 7-bit; \\'xx escapes carry the code page
    if not raw.lstrip().startswith("{\\rtf"):
        yield Item(label, rejection="unreadable: not an RTF file (no {\\rtf header)")
        return
    try:
        text = rtf_to_text(raw, errors="replace")
    except Exception as exc:  # noqa: BLE001 - a broken RTF becomes a rejected row
        yield Item(label, rejection=f"unreadable: RTF not parsed ({type(exc).__name__}: {exc})")
        return
    yield from _split_lines(text, label)


def _text(el: Tag) -> str:
    return _clean(el.get_text(" "))


def read_factiva_html(data: bytes, label: str) -> Iterator[Item]:
    """Every article of a Factiva HTML export (``label:n``), either layout."""
    soup = BeautifulSoup(data, "lxml")
    for bad in soup.find_all(["script", "style"]):
        bad.decompose()
    articles = [d for d in soup.find_all("div") if re.search(r"\b[a-z]{2}Article\b", " ".join(d.get("class", [])))]
    if not articles:
        articles = [t for t in soup.find_all("table") if any(_text(td) == "HD" for td in t.find_all("td"))]
    if not articles:
        yield Item(label, rejection="empty: Factiva-like file without any article")
        return
    for n, art in enumerate(articles, 1):
        source = f"{label}:{n}"
        rows = [tr.find_all("td", recursive=False) for tr in art.find_all("tr")]
        codes = {_text(r[0]) for r in rows if len(r) >= 2}
        if "HD" in codes:
            fields: dict[str, list[str]] = {}
            for cells in rows:
                if len(cells) >= 2 and _text(cells[0]) in FIELD_CODES:
                    paras = [_text(p) for p in cells[1].find_all("p")] or [_text(cells[1])]
                    fields.setdefault(_text(cells[0]), []).extend(p for p in paras if p)
            yield _indexed(fields, source, [])
            continue
        paragraphs = [_text(p) for p in art.find_all("p") if "articleParagraph" in " ".join(p.get("class", []))]
        header: list[str] = []
        for child in art.find_all("div", recursive=False):
            text = _text(child)
            if text and not _DOCUMENT.match(text):
                header.append(text)
        doc_id = next((m.group(1) for d in art.find_all("div") if (m := _DOCUMENT.match(_text(d)))), None)
        headline = art.find(["span", "div"], class_=re.compile("Headline|hd", re.I)) or art.find(id="hd")
        if headline is not None and (not header or header[0] != _text(headline)):
            header.insert(0, _text(headline))
        item = _plain(header, source, paragraphs=[p for p in paragraphs if p], doc_id=doc_id)
        if doc_id:
            item.removed.append(f"Document {doc_id}")
        yield item
