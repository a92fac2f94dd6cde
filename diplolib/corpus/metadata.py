"""Article metadata from tables and exports: column aliases, dates to ISO text, outlet names.

A table of articles (csv, jsonl, parquet) names its columns as its maker pleased
(``titre``, ``journal``, ``Date de publication``…). :func:`resolve_columns`
maps them onto diplolib's fields through ``data/reference/metadata_columns.csv``
(plus names the user gives), and :func:`item_from_record` turns one row into an
:class:`~diplolib.corpus.sources.Item`. :func:`iso_date` is shared by every
reader that meets a date written for humans ("jeudi 15 avril 2021").
"""

from __future__ import annotations

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


def cell(value: object) -> str | None:
    """A table cell as stripped text; ``None`` for missing, NaN or blank cells."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    if hasattr(value, "isoformat") and not isinstance(value, str):  # pandas/pyarrow timestamps
        value = value.isoformat()
    text = str(value).strip()
    return text or None


_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?")
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


def iso_date(value: str | None) -> str | None:
    """A date as written by a person or a machine → ``YYYY-MM-DD`` (``THH:MM`` when a time is given).

    ISO text passes through (``YYYY-MM`` and ``YYYY`` too); other forms ("jeudi
    15 avril 2021", "April 15, 2021", "15/04/2021") go through dateparser (French
    then English, day before month). ``None`` when nothing reads as a full date.
    """
    if not value or not value.strip():
        return None
    text = value.strip()
    match = _ISO.match(text)
    if match:
        day = "-".join(match.group(1, 2, 3))
        return f"{day}T{match.group(4)}:{match.group(5)}" if match.group(4) and match.group(4, 5) != ("00", "00") else day
    match = _YEAR_MONTH.match(text)
    if match and 1 <= int(match.group(2)) <= 12:
        return f"{match.group(1)}-{int(match.group(2)):02d}"
    if re.fullmatch(r"\d{4}", text):
        return text
    import dateparser  # local: slow import, only needed for free-format dates

    parsed = dateparser.parse(
        text,
        languages=["fr", "en"],
        settings={"DATE_ORDER": "DMY", "REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False},
    )
    if parsed is None:
        return None
    has_time = bool(re.search(r"\d{1,2}\s*(?::|h)\s*\d{2}", text))
    return parsed.strftime("%Y-%m-%dT%H:%M" if has_time else "%Y-%m-%d")


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

    ``found`` is :func:`resolve_columns` of the table. A date that does not read
    as a date is kept out of ``published`` and reported in ``problems``.
    """
    from diplolib.corpus.sources import Item  # local: sources imports this module

    if "text" not in found or found["text"] not in record:
        return Item(source, rejection="no 'text' column/field (nor any alias: texte, body, content…)")
    text = record.get(found["text"])
    data = text if isinstance(text, str) else ("" if cell(text) is None else str(text))

    def get(field: str) -> str | None:
        return cell(record.get(found[field])) if field in found else None

    raw_date = get("published")
    date = iso_date(raw_date)
    problems = [] if raw_date is None or date else [f"date_unparsed ({found['published']}={raw_date!r} is not a date)"]
    return Item(
        source,
        data=data,
        title=get("title"),
        date=date,
        url=get("url"),
        given_id=get("id"),
        outlet=get("outlet"),
        author=get("author"),
        problems=problems,
    )
