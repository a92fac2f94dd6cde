"""Article metadata from tables and exports: column aliases, dates to ISO text, outlet names.

A table of articles (csv, jsonl, parquet) names its columns as its maker pleased
(``titre``, ``journal``, ``Date de publication``…). :func:`resolve_columns`
maps them onto diplolib's fields through ``data/reference/metadata_columns.csv``
(plus names the user gives), and :func:`item_from_record` turns one row into an
:class:`~diplolib.corpus.sources.Item`. :func:`parse_published` is shared by every
reader that meets a date written for humans ("jeudi 15 avril 2021").
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

from diplolib.reference import read_table

#: diplolib's metadata fields, in the order :func:`resolve_columns` reports them.
FIELDS = ("text", "title", "published", "outlet", "author", "url", "id", "lang")

#: ``columns=`` argument of :func:`diplolib.read_corpus`: field → a column name or several.
ColumnNames = Mapping[str, str | Sequence[str]]


def fold_name(name: object) -> str:
    """Column name compared loosely: lower case, no accents, runs of non-letters → ``_``."""
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


@functools.cache
def _aliases() -> dict[str, tuple[str, ...]]:
    table = read_table("metadata_columns.csv")
    out: dict[str, list[str]] = {field: [] for field in FIELDS}
    for field, alias in zip(table["field"], table["alias"], strict=True):
        if field not in out:
            raise ValueError(f"metadata_columns.csv: unknown field {field!r} (expected one of {FIELDS})")
        out[field].append(fold_name(alias))
    return {field: tuple(names) for field, names in out.items()}


def resolve_columns(names: Iterable[object], columns: ColumnNames | None = None) -> dict[str, str]:
    """Which of a table's column ``names`` holds each field.

    ``columns`` (field → name or names) is tried first, then the aliases of
    ``metadata_columns.csv`` in file order. A column serves one field at most.
    Returns field → the table's own column name, for the fields found.
    """
    by_folded: dict[str, str] = {}
    for name in names:
        by_folded.setdefault(fold_name(name), str(name))
    unknown = set(columns or {}) - set(FIELDS)
    if unknown:
        raise ValueError(f"columns: unknown field(s) {sorted(unknown)}; fields are {FIELDS}")
    used: set[str] = set()
    found: dict[str, str] = {}
    for field in FIELDS:
        given = (columns or {}).get(field)
        wanted = [given] if isinstance(given, str) else list(given or [])
        for folded in [fold_name(n) for n in wanted] + list(_aliases()[field]):
            name = by_folded.get(folded)
            if name is not None and name not in used:
                found[field] = name
                used.add(name)
                break
    return found


_JSON_KIND = {bool: "boolean", int: "number", float: "number", list: "array", dict: "object"}


def cell(value: object, name: str = "", problems: list[str] | None = None) -> str | None:
    """A table cell as stripped text; ``None`` for missing, NaN or blank cells.

    Numbers are written out; JSON booleans, arrays and objects are dropped
    (and reported in ``problems`` as ``bad_field:<name>``).
    """
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, bool | list | dict):
        if problems is not None:
            problems.append(f"bad_field:{name} (JSON {_JSON_KIND[type(value)]} ignored)")
        return None
    if hasattr(value, "isoformat") and not isinstance(value, str):  # pandas/pyarrow timestamps
        value = value.isoformat()
    text = str(value).strip()
    return text or None


_ISO = re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2})(?:[T ](\d{1,2}):(\d{2}))?)?(?![\d-])")
_NO_YEAR = re.compile(r"^--(\d{2})-(\d{2})$")


def parse_published(value: str | None) -> str | None:
    """A given publication date (csv/jsonl cell, export field) as ISO text, or ``None``.

    Output: ``YYYY-MM-DD`` (``THH:MM`` when a time is given), ``YYYY-MM``,
    ``YYYY`` or ``--MM-DD`` — no more precise than the value: a bare year stays
    a year. Relative words ("hier", "mardi", "il y a 2 jours") are not dates:
    nothing is resolved against today, so results never depend on the run date.
    ISO forms are read directly; free forms ("3 décembre 2021", "12/03/2021",
    "Dec 2019") by dateparser with its absolute parsers only.
    """
    text = (value or "").strip()
    if not text:
        return None
    if re.fullmatch(r"\d{4}", text):
        return text if 1000 <= int(text) <= 2999 else None
    match = _ISO.match(text)
    if match:
        y, m, d, hh, mm = match.groups()
        try:
            stamp = dt.datetime(int(y), int(m), int(d or 1), int(hh or 0), int(mm or 0))
        except ValueError:
            return None
        # A machine timestamp at midnight ("2021-06-16 00:00:00", a parquet date) is a day, not a time.
        timed = hh is not None and (int(hh), int(mm or 0)) != (0, 0)
        return stamp.strftime("%Y-%m-%dT%H:%M" if timed else "%Y-%m-%d" if d else "%Y-%m")
    match = _NO_YEAR.match(text)
    if match:
        try:
            dt.date(2000, int(match.group(1)), int(match.group(2)))
        except ValueError:
            return None
        return text
    return _dateparser_absolute(text)


def _dateparser_absolute(text: str) -> str | None:
    # local import: dateparser is slow to import and only needed for free-format dates
    from dateparser.date import DateDataParser

    settings = {
        "PARSERS": ["custom-formats", "absolute-time"],  # no relative-time, no timestamps
        "DATE_ORDER": "DMY",
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_TIME_AS_PERIOD": True,
        "RELATIVE_BASE": dt.datetime(2000, 1, 1),  # never today, even for a missing part
    }
    with_year = DateDataParser(languages=["fr", "en"], settings={**settings, "REQUIRE_PARTS": ["year"]}).get_date_data(text)
    if with_year.date_obj is not None:
        fmt = {"time": "%Y-%m-%dT%H:%M", "day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}[with_year.period]
        return with_year.date_obj.strftime(fmt)
    if re.search(r"\d{4}", text):
        return None
    day_month = DateDataParser(languages=["fr", "en"], settings={**settings, "REQUIRE_PARTS": ["day", "month"]}).get_date_data(text)
    return day_month.date_obj.strftime("--%m-%d") if day_month.date_obj is not None else None



def clean_outlet(name: str | None) -> str | None:
    """An outlet name without the issue number or edition an export appends.

    ``"Le Monde, no. 23650"`` → ``"Le Monde"``; ``"Le Figaro (site web)"`` →
    ``"Le Figaro"``. Only trailing parts introduced by a comma, a parenthesis or
    `` - `` are cut, so "Sud Ouest" or "L'Obs" stay whole.
    """
    if not name:
        return None
    text = re.sub(r"\s+", " ", name).strip()
    text = re.split(r",\s*(?:no|n°|num[ée]ro|p\.|page|vol)\b|\s*\((?:site web|web|édition|ed\.)[^)]*\)|\s+-\s+", text, maxsplit=1, flags=re.I)[0]
    return text.strip(" ,;") or None


def item_from_record(record: Mapping[str, object], source: str, found: Mapping[str, str]):
    """One table row → an :class:`~diplolib.corpus.sources.Item` (rejected when it has no text column).

    ``found`` is :func:`resolve_columns` of the table. The date is passed on as
    given: :func:`diplolib.corpus.read_corpus` parses it with
    :func:`parse_published` and flags a value that is not a date.
    """
    from diplolib.corpus.sources import Item  # local: sources imports this module

    problems: list[str] = []
    if "text" not in found or found["text"] not in record:
        return Item(source, rejection="no 'text' column/field (nor any alias: texte, body, content…)")
    text = record.get(found["text"])
    if text is not None and not isinstance(text, str):
        kind = _JSON_KIND.get(type(text), type(text).__name__)
        return Item(source, rejection=f"bad_text: '{found['text']}' is a JSON {kind}, not a string")

    def get(field: str) -> str | None:
        return cell(record.get(found[field]), field, problems) if field in found else None

    return Item(
        source,
        data=text or "",
        title=get("title"),
        date=get("published"),
        url=get("url"),
        given_id=get("id"),
        outlet=get("outlet"),
        author=get("author"),
        problems=problems,
    )
