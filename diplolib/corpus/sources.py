"""Where articles come from: walking a folder, one reader per input format.

Each reader yields :class:`Item` records (raw bytes or text plus the metadata
the format carries); :func:`diplolib.corpus.read_corpus` turns them into rows.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import io
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from diplolib.corpus.decode import decode_bytes
from diplolib.corpus.metadata import ColumnNames, item_from_record, parse_published, resolve_columns

#: Suffixes read as articles. Other files get a ``rejected`` row.
TEXT_SUFFIXES = {".txt", ".text"}
TABLE_SUFFIXES = {".csv", ".jsonl", ".ndjson"}
#: File that ``python -m diplolib analyze`` leaves in its output folder; folders holding it are not read.
OUTPUT_MARKER = ".diplolib-output"
#: Tables whose presence together marks a folder as diplolib output even without the marker.
_OUTPUT_TABLES = ("articles.csv", "sentences.csv", "tokens.csv")
#: Delimiters tried for CSV files (sniffed first, then in this order).
_DELIMITERS = ",;\t|"


@dataclass
class Item:
    """One article as a reader found it: raw content plus the metadata its format carries.

    ``date`` is the publication date as given by the input's metadata (a csv
    cell, an export's date field), unparsed; ``outlet``/``author``/``url`` are
    ``None`` when the format does not say.
    """

    source: str
    data: bytes | str | None = None
    title: str | None = None
    date: str | None = None
    url: str | None = None
    given_id: str | None = None
    outlet: str | None = None
    author: str | None = None
    rejection: str | None = None
    problems: list[str] = field(default_factory=list)
    #: Lines the reader itself took out (an export's notices, a page's menus), for ``removed``.
    removed: list[str] = field(default_factory=list)


def _csv_records(text: str) -> tuple[list[dict], list[str]]:
    """Rows of a CSV text whose delimiter is sniffed (``csv.Sniffer``), else the first
    of ``, ; tab |`` that yields a ``text`` column."""
    seps: list[str] = []
    with contextlib.suppress(csv.Error):
        seps.append(csv.Sniffer().sniff(text[:65536], delimiters=_DELIMITERS).delimiter)
    seps += [d for d in _DELIMITERS if d not in seps]
    fallback: tuple[list[dict], list[str]] | None = None
    error: Exception | None = None
    for sep in seps:
        try:
            frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False)
        except Exception as exc:  # noqa: BLE001 - another delimiter may parse
            error = error or exc
            continue
        frame.columns = [str(c).strip() for c in frame.columns]
        problems = [] if sep == "," else [f"csv_delimiter:{sep!r} (not a comma)"]
        if "text" in frame.columns:
            return frame.to_dict("records"), problems
        fallback = fallback or (frame.to_dict("records"), problems)
    if fallback is None:
        raise error or ValueError("no delimiter parses this file")
    return fallback


def _jsonl_records(text: str) -> list[dict]:
    records: list[dict] = []
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                records.append({"__error__": f"line {n}: invalid JSON ({exc.msg})"})
                continue
            records.append(obj if isinstance(obj, dict) else {"__error__": f"line {n}: not an object"})
    return records


def _table_rows(path: Path, label: str, columns: ColumnNames | None = None) -> Iterator[Item]:
    try:
        # The same decoding as text files (BOMs, UTF-16/32, cp1252 fallback); its problems go on every row.
        decoded = decode_bytes(path.read_bytes())
        if decoded.text is None:
            rejection = decoded.rejection or "undecodable"
            yield Item(label, rejection="empty: table has no rows" if rejection.startswith("empty") else f"unreadable table: {rejection}")
            return
        file_problems = list(decoded.problems)
        if path.suffix.lower() == ".csv":
            records, dialect = _csv_records(decoded.text)
            file_problems += dialect
        else:
            records = _jsonl_records(decoded.text)
    except Exception as exc:  # noqa: BLE001 - any parse failure becomes a rejected row
        yield Item(label, rejection=f"unreadable table: {type(exc).__name__}: {exc}")
        return
    if not records:
        yield Item(label, rejection="empty: table has no rows")
        return
    found = resolve_columns(dict.fromkeys(k for rec in records for k in rec if k != "__error__"), columns)
    for n, rec in enumerate(records, 1):
        source = f"{label}:{n}"
        if "__error__" in rec:
            yield Item(source, rejection=f"unreadable row: {rec['__error__']}", problems=list(file_problems))
        else:
            item = item_from_record(rec, source, found)
            item.problems[:0] = file_problems
            yield item


def _name(rel: str) -> tuple[str, list[str]]:
    """Printable label of a path: a name that is not UTF-8 is decoded as Windows-1252 (and flagged)."""
    try:
        rel.encode("utf-8")
        return rel, []
    except UnicodeEncodeError:
        raw = os.fsencode(rel)
        return raw.decode("cp1252", errors="replace"), [f"file_name_encoding (name is not UTF-8, read as Windows-1252: {raw!r})"]


def _is_output_folder(folder: Path) -> bool:
    """A folder written by ``analyze`` (its marker file, or diplolib's own core tables)."""
    # os.path.exists, not Path.exists: an unreadable folder answers False instead of raising.
    return os.path.exists(folder / OUTPUT_MARKER) or all(os.path.exists(folder / n) for n in _OUTPUT_TABLES)


def _walk(root: Path) -> list[tuple[str, Path | None, str | None]]:
    """``(label, path, rejection)`` for every non-hidden entry under ``root``, in sorted order.

    Symlinked folders are followed, each real folder read once (a second link
    to it, or a symlink loop, gets a row saying so); unreadable folders,
    dangling links and special files get a row with the reason; sub-folders
    holding diplolib's own output tables are skipped with a row.
    """
    out: list[tuple[str, Path | None, str | None]] = []
    seen: dict[tuple[int, int], str] = {}

    def visit(folder: Path, rel: str) -> None:
        st = folder.stat()
        seen[(st.st_dev, st.st_ino)] = rel or "."
        try:
            # Real sub-folders before symlinks, so a folder is read under its own name when it can be.
            entries = sorted(os.scandir(folder), key=lambda e: (e.is_symlink(), e.name))
        except OSError as exc:
            out.append((f"{rel or '.'}/", None, f"unreadable folder: {exc.strerror or exc}"))
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            sub = f"{rel}/{entry.name}" if rel else entry.name
            path = Path(entry.path)
            try:
                is_dir, is_file = entry.is_dir(), entry.is_file()  # both follow symlinks
            except OSError:
                is_dir = is_file = False
            if is_dir:
                try:
                    st = path.stat()
                except OSError as exc:
                    out.append((f"{sub}/", None, f"unreadable folder: {exc.strerror or exc}"))
                    continue
                if (st.st_dev, st.st_ino) in seen:
                    out.append((f"{sub}/", None, f"skipped: symlink to folder {seen[(st.st_dev, st.st_ino)]}/, already read (loop or second link)"))
                elif _is_output_folder(path):
                    out.append((f"{sub}/", None, "skipped: folder holds diplolib's own output tables"))
                else:
                    visit(path, sub)
            elif is_file:
                out.append((sub, path, None))
            elif entry.is_symlink():
                try:
                    path.stat()
                    why = "not a regular file"
                except OSError as exc:
                    why = "symlink loop" if exc.errno == errno.ELOOP else "dangling symlink (target missing)"
                out.append((sub, None, f"unreadable: {why} -> {os.readlink(path)}"))
            else:
                out.append((sub, None, "unsupported: not a regular file (fifo, socket or device)"))

    visit(root, "")
    return sorted(out, key=lambda entry: entry[0].rstrip("/").split("/"))


def iter_items(root: Path, max_bytes: int, columns: ColumnNames | None = None) -> Iterator[Item]:
    """Every article under ``root`` (a folder, walked with :func:`_walk`, or one file),
    and a rejected :class:`Item` for every entry that gives none."""
    entries = [(root.name, root, None)] if root.is_file() else _walk(root)
    for rel, path, rejection in entries:
        label, name_problems = _name(rel)
        for item in _file_items(path, label, rejection, max_bytes, columns):
            item.problems[:0] = name_problems
            yield item


def _file_items(path: Path | None, label: str, rejection: str | None, max_bytes: int, columns: ColumnNames | None = None) -> Iterator[Item]:
    from diplolib.corpus.formats import FORMAT_READERS  # local: the readers build Items

    if path is None:
        yield Item(label, rejection=rejection)
        return
    suffix = path.suffix.lower()
    if suffix in TABLE_SUFFIXES:
        yield from _table_rows(path, label, columns)
        return
    if suffix in FORMAT_READERS:  # web pages, press-database exports, parquet (diplolib.corpus.formats)
        yield from FORMAT_READERS[suffix](path, label, max_bytes=max_bytes, columns=columns)
        return
    if suffix not in TEXT_SUFFIXES:
        yield Item(label, rejection=f"unsupported file type {suffix or '(none)'}: use .txt, .html, .rtf, .csv, .jsonl or .parquet")
        return
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield Item(label, rejection=f"too_large: {size} bytes > limit {max_bytes}")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Item(label, rejection=f"unreadable: {exc.strerror or exc}")
        return
    yield Item(label, data=data)


def parse_given_date(value: str) -> str | None:
    """Month (``YYYY-MM``) of a given date (see :func:`parse_published`); ``None`` when
    the value is not a date or names no month (a bare year, ``--MM-DD``)."""
    published = parse_published(value)
    return published[:7] if published and len(published) >= 7 and not published.startswith("--") else None
