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

import hashlib
import re
from pathlib import Path

import pandas as pd

from diplolib.corpus.clean import Cleaned, clean_text
from diplolib.corpus.decode import Decoded, decode_bytes
from diplolib.corpus.lang import DEFAULT_LANGUAGES, apply_language
from diplolib.corpus.metadata import ColumnNames, parse_published
from diplolib.corpus.sources import TABLE_SUFFIXES, TEXT_SUFFIXES, iter_items, parse_given_date
from diplolib.reference import boilerplate_phrases

__all__ = [
    "COLUMNS", "DEFAULT_MAX_BYTES", "TABLE_SUFFIXES", "TEXT_SUFFIXES", "Cleaned", "Decoded",
    "article_id", "clean_text", "decode_bytes", "ok_articles", "overview", "parse_published", "problem_codes",
    "read_corpus", "removed_lines",
]

#: Columns of :func:`read_corpus`, in order.
COLUMNS = [
    "article_id",
    "source",
    "title",
    "text",
    "header_date",
    "header_month",
    "url",
    "outlet",
    "author",
    "published",
    "published_source",
    "lang",
    "n_chars",
    "status",
    "reason",
    "problems",
    "removed",
]

#: Default size limit of one article (bytes of the raw file or row text).
DEFAULT_MAX_BYTES = 5_000_000


def article_id(clean_text: str) -> str:
    """Stable id of an article: first 16 hex digits of SHA-256 of its clean text."""
    return hashlib.sha256(clean_text.encode("utf-8")).hexdigest()[:16]


def read_corpus(
    path: str | Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    boilerplate: str | Path | None = None,
    columns: ColumnNames | None = None,
    language: str | None = "fr",
    languages: tuple[str, ...] = DEFAULT_LANGUAGES,
) -> pd.DataFrame:
    """Read every article under ``path`` into a table, one row per input article.

    Parameters
    ----------
    path:
        A folder (searched recursively; hidden files skipped) or a single file.
        ``.txt`` files hold one article each; ``.html`` files are saved web
        pages (trafilatura), or Europresse / Factiva exports (many articles
        each, ``file.html:3`` = third article); ``.rtf`` files are Factiva
        exports; ``.csv``/``.jsonl``/``.parquet`` files hold one article per
        row, with a text column and optional metadata columns (see ``columns``).
    max_bytes:
        Articles larger than this (raw bytes) are rejected, not read.
    boilerplate:
        Phrase file replacing ``data/reference/boilerplate_fr.txt``.
    columns:
        Names of a table's metadata columns when the aliases of
        ``data/reference/metadata_columns.csv`` do not find them, e.g.
        ``{"outlet": "nom_du_titre", "published": "jour"}`` (fields: text,
        title, published, outlet, author, url, id, lang).
    language:
        Language the corpus is in (ISO 639-1). Articles detected (by lingua) in
        another language are rejected with reason ``language: en (0.98)``;
        ``None`` skips detection (``lang`` stays empty).
    languages:
        Candidate languages of the detector.

    Returns
    -------
    pandas.DataFrame with columns:

    - ``article_id`` (str): first 16 hex digits of SHA-256 of ``text``; stable
      across runs, so caches and gold files key on it. Empty for rejected rows.
    - ``source`` (str): file path relative to ``path`` (``file.csv:3`` = row 3;
      ``sub/`` = a folder that was not read: unreadable, a symlink to a folder
      already read, or a folder of diplolib's own output tables). A file name
      that is not UTF-8 is shown decoded as Windows-1252 (``file_name_encoding``).
    - ``title`` (str or None): the headline, from the file or the ``title`` column.
    - ``text`` (str): the clean article (title first, then body paragraphs
      separated by blank lines). Offsets of every later stage index this string.
    - ``header_date`` (str or None): raw ``date …`` header / ``date`` column.
    - ``header_month`` (str or None): that date as ``YYYY-MM``. A weak hint only;
      ``None`` for a bare year. A given date that is not a date ("hier",
      "mardi", "n/a") is flagged ``unparsed_date``; nothing is resolved
      against the day of the run.
    - ``url`` (str or None): from the ``url`` column (or the format's own metadata).
    - ``outlet``, ``author`` (str or None): from the input's metadata when it has them.
    - ``published`` (str or None): publication date, ISO text — ``YYYY-MM-DD``
      (optionally ``THH:MM``), ``YYYY-MM``, ``YYYY``, or ``--MM-DD`` when the year
      is not stated.
    - ``published_source`` (str): where ``published`` came from — ``metadata``
      (a column or field of the input, trusted), ``dateline``, ``stamp`` or
      ``url`` (found in the page text), or ``none``.
    - ``lang`` (str or None): language of the text (ISO 639-1) detected by
      lingua; ``None`` when undetermined or for rows rejected before detection.
    - ``n_chars`` (int): length of ``text`` in characters.
    - ``status`` (str): ``ok``, ``duplicate`` (same clean text as an earlier
      row) or ``rejected`` (empty, binary, undecodable, too large, unsupported,
      not in ``language``).
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
    for item in iter_items(root, max_bytes, columns):
        row = dict.fromkeys(COLUMNS)
        row.update(source=item.source, url=item.url, outlet=item.outlet, author=item.author, published_source="none",
                   problems=list(item.problems), removed=[], n_chars=0, reason="")
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
                removed=list(item.removed) + cleaned.removed,
            )
            row["problems"].extend(cleaned.problems)
            if cleaned.published:
                row.update(published=cleaned.published, published_source=cleaned.published_source)
            if item.date:
                row["header_date"] = item.date
                published = parse_published(item.date)
                if published:
                    row.update(header_month=parse_given_date(item.date), published=published, published_source="metadata")
                    row["problems"] = [p for p in row["problems"] if not p.startswith("no_date")]
                else:
                    row["problems"].append(f"unparsed_date ({item.date!r} given as the date is not a date)")
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
    if language:
        apply_language(frame, language, languages)
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
