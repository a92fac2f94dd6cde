"""Where articles come from: walking a folder, one reader per input format.

Each reader yields :class:`Item` records (raw bytes or text plus the metadata
the format carries); :func:`diplolib.corpus.read_corpus` turns them into rows.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from diplolib.corpus.metadata import ColumnNames, item_from_record, resolve_columns

#: Suffixes read as articles. Other files get a ``rejected`` row.
TEXT_SUFFIXES = {".txt", ".text"}
TABLE_SUFFIXES = {".csv", ".jsonl", ".ndjson"}


@dataclass
class Item:
    """One article as a reader found it: raw content plus the metadata its format carries.

    ``date`` is the publication date given by the input's metadata (a csv
    cell, an export's date field, a page's meta tags), as ISO text
    (:func:`diplolib.corpus.metadata.iso_date`); ``outlet``/``author``/``url``
    are ``None`` when the format does not say.
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


def _table_rows(path: Path, label: str, columns: ColumnNames | None = None) -> Iterator[Item]:
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
        yield Item(label, rejection=f"unreadable table: {type(exc).__name__}: {exc}")
        return
    if not records:
        yield Item(label, rejection="empty: table has no rows")
        return
    found = resolve_columns(dict.fromkeys(k for rec in records for k in rec if k != "__error__"), columns)
    for n, rec in enumerate(records, 1):
        source = f"{label}:{n}"
        if "__error__" in rec:
            yield Item(source, rejection=f"unreadable row: {rec['__error__']}")
        else:
            yield item_from_record(rec, source, found)


def iter_items(root: Path, max_bytes: int, columns: ColumnNames | None = None) -> Iterator[Item]:
    from diplolib.corpus.formats import FORMAT_READERS  # local: the readers build Items

    files = [root] if root.is_file() else sorted(
        p for p in root.rglob("*") if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)
    )
    base = root.parent if root.is_file() else root
    for path in files:
        label = path.relative_to(base).as_posix()
        suffix = path.suffix.lower()
        if suffix in TABLE_SUFFIXES:
            yield from _table_rows(path, label, columns)
            continue
        if suffix in FORMAT_READERS:  # web pages, press-database exports, parquet (diplolib.corpus.formats)
            yield from FORMAT_READERS[suffix](path, label, max_bytes=max_bytes, columns=columns)
            continue
        if suffix not in TEXT_SUFFIXES:
            yield Item(label, rejection=f"unsupported file type {suffix or '(none)'}: use .txt, .html, .rtf, .csv, .jsonl or .parquet")
            continue
        size = path.stat().st_size
        if size > max_bytes:
            yield Item(label, rejection=f"too_large: {size} bytes > limit {max_bytes}")
            continue
        try:
            yield Item(label, data=path.read_bytes())
        except OSError as exc:
            yield Item(label, rejection=f"unreadable: {exc}")


def parse_given_date(value: str) -> str | None:
    """Month (``YYYY-MM``) of a CSV/JSONL ``date`` cell, via dateparser for free formats."""
    match = re.match(r"^\s*(\d{4})-(\d{1,2})", value)
    if match and 1 <= int(match.group(2)) <= 12:
        return f"{int(match.group(1)):04d}-{int(match.group(2)):02d}"
    import dateparser  # local: slow import, only needed for free-format dates

    parsed = dateparser.parse(value, languages=["fr", "en"], settings={"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first"})
    return parsed.strftime("%Y-%m") if parsed else None
