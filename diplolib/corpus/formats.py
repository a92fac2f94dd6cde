"""One place that says which reader opens which file: suffix → reader, and HTML sniffing.

Every reader has the signature ``reader(path, label, *, max_bytes, columns)`` and
yields :class:`~diplolib.corpus.sources.Item` records, one per article — a file
it cannot use still yields one rejected Item with the reason, so nothing is
silently dropped.

``.html``/``.htm`` files are told apart by their markup: a Europresse export
(``DocPublicationName``/``docOcurrContainer`` classes), a Factiva export
(``articleParagraph`` paragraphs or an indexing table of ``HD``/``TD`` codes),
else a saved web page (trafilatura).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd

from diplolib.corpus.metadata import ColumnNames, item_from_record, resolve_columns
from diplolib.corpus.sources import Item

#: An export holds many articles: its file may be this many times an article's size limit.
EXPORT_SIZE_FACTOR = 50

_EUROPRESSE = re.compile(rb"DocPublicationName|docOcurrContainer|titreArticleVisu", re.I)
_FACTIVA = re.compile(
    rb"articleParagraph|class=\"article [a-z]{2}Article\"|<td[^>]*>\s*(?:<b>)?\s*HD\s*(?:</b>)?\s*</td>", re.I
)


def read_file_bytes(path: Path, label: str, limit: int) -> bytes | Item:
    """The file's bytes, or a rejected Item (too large, unreadable)."""
    size = path.stat().st_size
    if size > limit:
        return Item(label, rejection=f"too_large: {size} bytes > limit {limit}")
    try:
        return path.read_bytes()
    except OSError as exc:
        return Item(label, rejection=f"unreadable: {exc}")


def read_html_file(path: Path, label: str, *, max_bytes: int, columns: ColumnNames | None = None) -> Iterator[Item]:
    """A ``.html`` file: Europresse export, Factiva export, or one saved web page."""
    data = read_file_bytes(path, label, max_bytes * EXPORT_SIZE_FACTOR)
    if isinstance(data, Item):
        yield data
        return
    if not data.strip():
        yield Item(label, rejection="empty: no text")
        return
    if _EUROPRESSE.search(data):
        from diplolib.corpus.europresse import read_europresse

        yield from read_europresse(data, label)
    elif _FACTIVA.search(data):
        from diplolib.corpus.factiva import read_factiva_html

        yield from read_factiva_html(data, label)
    else:
        if len(data) > max_bytes * 4:  # a page with inline scripts weighs more than its text
            yield Item(label, rejection=f"too_large: {len(data)} bytes > limit {max_bytes * 4} for one web page")
            return
        from diplolib.corpus.html import read_page

        yield read_page(data, label)


def read_rtf_file(path: Path, label: str, *, max_bytes: int, columns: ColumnNames | None = None) -> Iterator[Item]:
    """A ``.rtf`` file: a Factiva export (one or many articles)."""
    data = read_file_bytes(path, label, max_bytes * EXPORT_SIZE_FACTOR)
    if isinstance(data, Item):
        yield data
        return
    from diplolib.corpus.factiva import read_factiva_rtf

    yield from read_factiva_rtf(data, label)


def read_parquet_file(path: Path, label: str, *, max_bytes: int, columns: ColumnNames | None = None) -> Iterator[Item]:
    """A ``.parquet`` table: one article per row, columns matched like csv/jsonl (see metadata)."""
    try:
        frame = pd.read_parquet(path)
    except Exception as exc:  # noqa: BLE001 - any parse failure becomes a rejected row
        yield Item(label, rejection=f"unreadable table: {type(exc).__name__}: {exc}")
        return
    if frame.empty:
        yield Item(label, rejection="empty: table has no rows")
        return
    found = resolve_columns(frame.columns, columns)
    for n, rec in enumerate(frame.to_dict("records"), 1):
        yield item_from_record(rec, f"{label}:{n}", found)


Reader = Callable[..., Iterator[Item]]

#: Suffix (lower case) → reader, for the formats beyond plain text and csv/jsonl.
FORMAT_READERS: dict[str, Reader] = {
    ".html": read_html_file,
    ".htm": read_html_file,
    ".xhtml": read_html_file,
    ".rtf": read_rtf_file,
    ".parquet": read_parquet_file,
}
