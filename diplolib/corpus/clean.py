"""Decoded text → clean article: typography, lost apostrophes, header date, boilerplate lines.

Every rule is general (web page furniture, headline detection); the phrases it
looks for live in ``data/reference/boilerplate_fr.txt``. Everything removed is
kept in ``Cleaned.removed`` so a user can audit the cleaning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import ftfy

from diplolib.corpus.stamps import find_stamps, publication
from diplolib.reference import PhraseList
from diplolib.text import normalise_typography

#: ``date YYYY-MM`` / ``date: YYYY-MM-DD`` header at the very start of a file.
HEADER_DATE = re.compile(r"^\s*date\s*[:=]?\s*(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?=\s|$)", re.I)

_ELISION = (
    r"(?<![^\W\d_])(qu|jusqu|lorsqu|puisqu|quoiqu|presqu|aujourd|[cdjlmnst])"
    r"[?\ufffd](?=[aeiouyhàâäéèêëîïôöùûüœæ])"
)
#: ``?`` (or U+FFFD) standing for a lost apostrophe: an elided word before a vowel or h.
LOST_APOSTROPHE = re.compile(_ELISION, re.I)

#: ``Jane Doe (coll)``, ``Jean Dupont (avec AFP)``, ``Par Jean Dupont``, ``(AFP)``.
BYLINE = re.compile(
    r"^(?:par\s+)?(?:[A-ZÀ-Ý][\w'.-]*(?:[ -][A-ZÀ-Ý][\w'.-]*){0,3}\s*)?"
    r"\((?:coll\.?|avec\s+\w+|afp|reuters|ap|belga|ats|apa|dpa|ansa|lusa)\)\.?$"
    r"|^par\s+[A-ZÀ-Ý][\w'.-]+(?:[ -][A-ZÀ-Ý][\w'.-]+){1,3}(?:\s*,\s*[\w' ]{1,30})?$",
    re.I,
)
#: A line that is only a URL or a bare domain (``expresso.pt``, ``www.rfi.fr/fr``).
DOMAIN_LINE = re.compile(
    r"^(?:https?://\S+|(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,6}(?:/\S*)?)$", re.I
)
_SENTENCE_END = re.compile(r"[.!?…»\")\]]$")
_WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")


def _n_words(line: str) -> int:
    return len(_WORD.findall(line))


def _is_body(line: str) -> bool:
    """A paragraph of running text: ≥ 8 words ending a sentence, or ≥ 25 words."""
    n = _n_words(line)
    return (n >= 8 and bool(_SENTENCE_END.search(line))) or n >= 25


def _is_headline(line: str) -> bool:
    """Short, no final period or colon: how headlines look in pasted web text."""
    n = _n_words(line)
    return 3 <= n <= 30 and not line.endswith((".", ":", ";", ",")) and line[:1].isupper()


@dataclass
class Cleaned:
    """Output of :func:`clean_text`."""

    title: str | None
    text: str
    header_date: str | None
    header_month: str | None
    removed: list[str]
    problems: list[str]
    #: Publication date stated in the page text (dateline, stamp, URL), ISO text, and how it was found.
    published: str | None = None
    published_source: str | None = None


def _header(text: str, problems: list[str]) -> tuple[str, str | None, str | None]:
    match = HEADER_DATE.match(text)
    if not match:
        return text, None, None
    raw = match.group(0).strip()
    header_date = raw.split(None, 1)[1].lstrip(":= ").strip() if " " in raw else raw[4:]
    year, month = int(match.group(1)), int(match.group(2))
    header_month = None
    if 1 <= month <= 12 and 1900 <= year <= 2100:
        header_month = f"{year:04d}-{month:02d}"
    else:
        problems.append(f"header_date_invalid ({header_date!r} is not a month)")
    return text[match.end() :].lstrip(" \t"), header_date, header_month


def clean_text(raw: str, phrases: PhraseList, title: str | None = None) -> Cleaned:
    """Clean one article's decoded text (see module docstring for the rules).

    ``title`` (e.g. from a CSV column) is used as given; otherwise a headline is
    looked for before the first body paragraph. The title, when found in the
    text, stays as the first paragraph of ``text``.
    """
    problems: list[str] = []
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    fixed = ftfy.fix_encoding(text)
    if fixed != text:
        problems.append("mojibake_encoding (UTF-8 read as Latin-1 repaired)")
        text = fixed
    text = normalise_typography(text)
    text, header_date, header_month = _header(text, problems)
    text, n_lost = LOST_APOSTROPHE.subn(r"\1'", text)
    if n_lost:
        problems.append(f"mojibake_apostrophe:{n_lost} (lost apostrophes restored, d?État → d'État)")

    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n")]
    keep = [bool(line) for line in lines]
    dropped: set[int] = set()

    def drop(i: int) -> None:
        keep[i] = False
        dropped.add(i)

    # 0. Dates printed on the page are read before any line is dropped; lines that hold
    #    nothing but a stamp are removed with their role (see diplolib.corpus.stamps).
    stamps = find_stamps(lines)
    published, published_source = publication(stamps)
    for st in stamps:
        problems.append(f"date_stamp:{st.role} ({st.value} from {lines[st.line][:80]!r})")
        if st.whole_line and keep[st.line]:
            drop(st.line)
    # 1. Phrase list, bylines, bare domains/URLs.
    for i, line in enumerate(lines):
        if line and (phrases.match(line) or BYLINE.match(line) or DOMAIN_LINE.match(line)):
            drop(i)
    # 2. Orphan fragments: one or two lowercase words alone between blank lines.
    for i, line in enumerate(lines):
        if keep[i] and _n_words(line) <= 2 and line == line.lower() and not _SENTENCE_END.search(line):
            before = i == 0 or not lines[i - 1] or not keep[i - 1]
            after = i == len(lines) - 1 or not lines[i + 1] or not keep[i + 1]
            if before and after and not any(ch.isdigit() for ch in line):
                drop(i)
    # 3. Front matter: before the first body paragraph, find the headline and drop
    #    menu/section labels (≤ 3 words, no punctuation).
    kept_idx = [i for i in range(len(lines)) if keep[i]]
    first_body = next((i for i in kept_idx if _is_body(lines[i])), None)
    title_idx = None
    if first_body is not None:
        front = [i for i in kept_idx if i < first_body]
        if title is None:
            heads = [i for i in front if _is_headline(lines[i]) and _n_words(lines[i]) >= 4]
            if not heads and front and _is_headline(lines[front[0]]):
                heads = [front[0]]
            title_idx = heads[-1] if heads else None
        for i in front:
            if i != title_idx and _n_words(lines[i]) <= 3 and not _SENTENCE_END.search(lines[i]):
                drop(i)
        # 4. Trailer: short unpunctuated lines after the last body paragraph.
        last_body = max(i for i in kept_idx if _is_body(lines[i]))
        for i in kept_idx:
            if i > last_body and keep[i] and _n_words(lines[i]) <= 4 and not _SENTENCE_END.search(lines[i]):
                drop(i)
    if title is None and title_idx is not None:
        title = lines[title_idx]

    # Rebuild: kept lines, paragraphs separated by one blank line.
    paragraphs: list[str] = []
    current: list[str] = []
    for i, line in enumerate(lines):
        if not line:
            if current:
                paragraphs.append("\n".join(current))
                current = []
        elif keep[i]:
            current.append(line)
    if current:
        paragraphs.append("\n".join(current))
    clean = "\n\n".join(paragraphs)
    removed = [lines[i] for i in sorted(dropped)]
    if removed:
        problems.append(f"boilerplate_removed:{len(removed)}")
    if header_month is None:
        problems.append("no_date (no header date; the date is inferred from content later)")
    if title is None:
        problems.append("no_title")
    return Cleaned(title, clean, header_date, header_month, removed, problems, published, published_source)
