"""Stage 1 of the pipeline: messy files → one clean article per row.

``read_corpus(path)`` reads a folder (recursively) of ``.txt`` files, and
``.csv`` / ``.jsonl`` files whose rows are articles, and returns a
:class:`pandas.DataFrame` with **one row per input article — never fewer**: a
file that cannot be used still gets its row, with ``status="rejected"`` and the
reason.

Every cleaning rule is general (encoding, typography, web page furniture,
headline detection); the phrases it looks for live in
``data/reference/boilerplate_fr.txt``. Everything removed is kept in
``removed`` so a user can audit the cleaning.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import ftfy
import pandas as pd

from diplolib.reference import PhraseList, boilerplate_phrases
from diplolib.text import normalise_typography

#: Columns of :func:`read_corpus`, in order.
COLUMNS = [
    "article_id",
    "source",
    "title",
    "text",
    "header_date",
    "header_month",
    "url",
    "n_chars",
    "status",
    "reason",
    "problems",
    "removed",
]

#: Default size limit of one article (bytes of the raw file or row text).
DEFAULT_MAX_BYTES = 5_000_000

#: Suffixes read as articles. Other files get a ``rejected`` row.
TEXT_SUFFIXES = {".txt", ".text"}
TABLE_SUFFIXES = {".csv", ".jsonl", ".ndjson"}


# --------------------------------------------------------------------------- decoding


@dataclass
class Decoded:
    """Result of :func:`decode_bytes`: the text, or why there is none."""

    text: str | None
    problems: list[str] = field(default_factory=list)
    rejection: str | None = None


_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
]
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _looks_utf16le(data: bytes) -> bool:
    """UTF-16-LE without BOM: mostly-zero odd bytes (Latin text), even length."""
    if len(data) < 4 or len(data) % 2:
        return False
    odd_zero = data[1::2].count(0) / (len(data) // 2)
    even_zero = data[0::2].count(0) / (len(data) // 2)
    return odd_zero > 0.6 and even_zero < 0.05


def decode_bytes(data: bytes) -> Decoded:
    """Decode raw bytes: BOMs (UTF-8/16/32), UTF-8, then cp1252, else reject.

    Rejections: ``empty`` (no non-space content), ``binary`` (NUL bytes or many
    control characters), ``undecodable`` (neither UTF-8 nor cp1252 with at most
    a handful of bad bytes).
    """
    problems: list[str] = []
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError:
                return Decoded(None, rejection=f"undecodable: invalid {label} after its BOM")
            if label != "utf-8-sig":
                problems.append(f"encoding:{label}")
            break
    else:
        if b"\x00" in data:
            if _looks_utf16le(data):
                try:
                    text = data.decode("utf-16-le")
                    problems.append("encoding:utf-16-le-no-bom")
                except UnicodeDecodeError:
                    return Decoded(None, rejection="binary: NUL bytes")
            else:
                return Decoded(None, rejection="binary: NUL bytes (not a text file)")
        else:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                try:
                    text = data.decode("cp1252")
                    problems.append("encoding:cp1252 (not valid UTF-8; read as Windows-1252)")
                except UnicodeDecodeError:
                    text = data.decode("cp1252", errors="replace")
                    bad = text.count("\ufffd")
                    if bad > max(3, len(text) // 1000):
                        return Decoded(None, rejection=f"undecodable: {bad} bytes fit no encoding")
                    problems.append(f"undecodable_bytes:{bad} (replaced by U+FFFD)")
    if not text.strip():
        return Decoded(None, problems, rejection="empty: no text")
    n_control = len(_CONTROL.findall(text))
    if n_control > max(2, len(text) // 500):
        return Decoded(None, problems, rejection=f"binary: {n_control} control characters")
    if n_control:
        text = _CONTROL.sub(" ", text)
        problems.append(f"control_chars:{n_control} (replaced by spaces)")
    return Decoded(text, problems)


# --------------------------------------------------------------------------- cleaning

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
    return Cleaned(title, clean, header_date, header_month, removed, problems)


# --------------------------------------------------------------------------- inputs


@dataclass
class _Item:
    source: str
    data: bytes | str | None = None
    title: str | None = None
    date: str | None = None
    url: str | None = None
    given_id: str | None = None
    rejection: str | None = None
    problems: list[str] = field(default_factory=list)


def _cell(value: object) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = str(value).strip()
    return text or None


def _table_rows(path: Path, label: str) -> Iterator[_Item]:
    try:
        if path.suffix.lower() == ".csv":
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding_errors="replace")
            records = frame.to_dict("records")
        else:
            records = []
            with path.open(encoding="utf-8", errors="replace") as handle:
                for n, line in enumerate(handle, 1):
                    if line.strip():
                        try:
                            obj = json.loads(line)
                        except json.JSONDecodeError as exc:
                            records.append({"__error__": f"line {n}: invalid JSON ({exc.msg})"})
                            continue
                        records.append(obj if isinstance(obj, dict) else {"__error__": f"line {n}: not an object"})
    except Exception as exc:  # noqa: BLE001 - any parse failure becomes a rejected row
        yield _Item(label, rejection=f"unreadable table: {type(exc).__name__}: {exc}")
        return
    if not records:
        yield _Item(label, rejection="empty: table has no rows")
        return
    for n, rec in enumerate(records, 1):
        source = f"{label}:{n}"
        if "__error__" in rec:
            yield _Item(source, rejection=f"unreadable row: {rec['__error__']}")
        elif "text" not in rec:
            yield _Item(source, rejection="no 'text' column/field")
        else:
            text = rec.get("text")
            yield _Item(
                source,
                data=text if isinstance(text, str) else ("" if text is None else str(text)),
                title=_cell(rec.get("title")),
                date=_cell(rec.get("date")),
                url=_cell(rec.get("url")),
                given_id=_cell(rec.get("id")),
            )


def _iter_items(root: Path, max_bytes: int) -> Iterator[_Item]:
    files = [root] if root.is_file() else sorted(
        p for p in root.rglob("*") if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)
    )
    base = root.parent if root.is_file() else root
    for path in files:
        label = path.relative_to(base).as_posix()
        suffix = path.suffix.lower()
        if suffix in TABLE_SUFFIXES:
            yield from _table_rows(path, label)
            continue
        if suffix not in TEXT_SUFFIXES:
            yield _Item(label, rejection=f"unsupported file type {suffix or '(none)'}: use .txt, .csv or .jsonl")
            continue
        size = path.stat().st_size
        if size > max_bytes:
            yield _Item(label, rejection=f"too_large: {size} bytes > limit {max_bytes}")
            continue
        try:
            yield _Item(label, data=path.read_bytes())
        except OSError as exc:
            yield _Item(label, rejection=f"unreadable: {exc}")


def _parse_given_date(value: str) -> str | None:
    """Month (``YYYY-MM``) of a CSV/JSONL ``date`` cell, via dateparser for free formats."""
    match = re.match(r"^\s*(\d{4})-(\d{1,2})", value)
    if match and 1 <= int(match.group(2)) <= 12:
        return f"{int(match.group(1)):04d}-{int(match.group(2)):02d}"
    import dateparser  # local: slow import, only needed for free-format dates

    parsed = dateparser.parse(value, languages=["fr", "en"], settings={"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first"})
    return parsed.strftime("%Y-%m") if parsed else None


def article_id(clean_text: str) -> str:
    """Stable id of an article: first 16 hex digits of SHA-256 of its clean text."""
    return hashlib.sha256(clean_text.encode("utf-8")).hexdigest()[:16]


def read_corpus(
    path: str | Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    boilerplate: str | Path | None = None,
) -> pd.DataFrame:
    """Read every article under ``path`` into a table, one row per input article.

    Parameters
    ----------
    path:
        A folder (searched recursively; hidden files skipped) or a single file.
        ``.txt`` files hold one article each; ``.csv``/``.jsonl`` files hold one
        article per row, with a ``text`` column and optional ``title``,
        ``date``, ``url``, ``id`` columns.
    max_bytes:
        Articles larger than this (raw bytes) are rejected, not read.
    boilerplate:
        Phrase file replacing ``data/reference/boilerplate_fr.txt``.

    Returns
    -------
    pandas.DataFrame with columns:

    - ``article_id`` (str): first 16 hex digits of SHA-256 of ``text``; stable
      across runs, so caches and gold files key on it. Empty for rejected rows.
    - ``source`` (str): file path relative to ``path`` (``file.csv:3`` = row 3).
    - ``title`` (str or None): the headline, from the file or the ``title`` column.
    - ``text`` (str): the clean article (title first, then body paragraphs
      separated by blank lines). Offsets of every later stage index this string.
    - ``header_date`` (str or None): raw ``date …`` header / ``date`` column.
    - ``header_month`` (str or None): that date as ``YYYY-MM``. A weak hint only.
    - ``url`` (str or None): from the ``url`` column.
    - ``n_chars`` (int): length of ``text`` in characters.
    - ``status`` (str): ``ok``, ``duplicate`` (same clean text as an earlier
      row) or ``rejected`` (empty, binary, undecodable, too large, unsupported).
    - ``reason`` (str): why a row is not ``ok``; empty for ``ok`` rows.
    - ``problems`` (list[str]): ``code[:count] (explanation)`` strings, e.g.
      ``mojibake_apostrophe:3 (…)``, ``boilerplate_removed:7``, ``no_date (…)``,
      ``encoding:cp1252 (…)``; use :func:`problem_codes` for the bare codes.
    - ``removed`` (list[str]): the exact lines removed as boilerplate.

    Raises
    ------
    FileNotFoundError
        Only when ``path`` does not exist. Every other problem becomes a row.
    """
    root = Path(path)
    if not root.exists():
        raise FileNotFoundError(f"corpus folder not found: {root.resolve()}")
    phrases = boilerplate_phrases(boilerplate)
    rows: list[dict] = []
    seen: dict[str, str] = {}
    for item in _iter_items(root, max_bytes):
        row = dict.fromkeys(COLUMNS)
        row.update(source=item.source, url=item.url, problems=list(item.problems), removed=[], n_chars=0, reason="")
        if item.rejection is None and isinstance(item.data, str) and len(item.data.encode("utf-8")) > max_bytes:
            item.rejection = f"too_large: row text > limit {max_bytes} bytes"
        decoded = None
        if item.rejection is None:
            decoded = decode_bytes(item.data) if isinstance(item.data, bytes) else Decoded(item.data or "")
            if decoded.text is not None and not decoded.text.strip():
                decoded.rejection = "empty: no text"
            row["problems"].extend(decoded.problems)
        rejection = item.rejection or (decoded.rejection if decoded else None)
        if rejection is None and decoded is not None and decoded.text is not None:
            cleaned = clean_text(decoded.text, phrases, title=item.title)
            row.update(
                title=cleaned.title,
                text=cleaned.text,
                header_date=cleaned.header_date,
                header_month=cleaned.header_month,
                n_chars=len(cleaned.text),
                removed=cleaned.removed,
            )
            row["problems"].extend(cleaned.problems)
            if item.date:
                row["header_date"] = item.date
                row["header_month"] = _parse_given_date(item.date)
                row["problems"] = [p for p in row["problems"] if not p.startswith("no_date")]
            if not cleaned.text.strip():
                rejection = "empty: nothing left after removing boilerplate"
        if rejection is not None:
            row.update(status="rejected", reason=rejection, article_id="", text=row["text"] or "")
            row["problems"].append(rejection.split(":")[0] + " (" + rejection + ")")
        else:
            aid = article_id(row["text"])
            row["article_id"] = aid
            if aid in seen:
                row.update(status="duplicate", reason=f"same clean text as {seen[aid]}")
                row["problems"].append(f"duplicate_of:{seen[aid]}")
            else:
                seen[aid] = item.source
                row["status"] = "ok"
        rows.append(row)
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["n_chars"] = frame["n_chars"].astype(int)
    return frame


def problem_codes(problems: list[str]) -> list[str]:
    """Bare codes of a ``problems`` list: ``"mojibake_apostrophe:3 (…)"`` → ``"mojibake_apostrophe"``."""
    return [re.split(r"[:\s(]", p, maxsplit=1)[0] for p in problems]


def ok_articles(corpus: pd.DataFrame) -> pd.DataFrame:
    """Rows with ``status == "ok"`` — the articles every later stage analyses."""
    return corpus[corpus["status"] == "ok"].reset_index(drop=True)



def overview(corpus: pd.DataFrame) -> pd.DataFrame:
    """One line per input: source, title, header month, length, status and problem codes.

    Columns: ``source``, ``title``, ``header_month``, ``n_chars``, ``status``,
    ``problems`` (comma-separated codes), ``article_id``.
    """
    out = corpus[["source", "title", "header_month", "n_chars", "status", "article_id"]].copy()
    out["problems"] = corpus["problems"].map(lambda ps: ", ".join(problem_codes(ps)))
    return out[["source", "title", "header_month", "n_chars", "status", "problems", "article_id"]]


def removed_lines(corpus: pd.DataFrame) -> pd.DataFrame:
    """Every line removed as boilerplate, one row each: ``source``, ``article_id``, ``line``."""
    rows = [(r.source, r.article_id, line) for r in corpus.itertuples() for line in (r.removed or [])]
    return pd.DataFrame(rows, columns=["source", "article_id", "line"])
