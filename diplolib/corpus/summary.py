"""Tables describing a corpus by its metadata: articles per outlet and per year."""

from __future__ import annotations

import pandas as pd

#: Label of articles whose input names no outlet / gives no date.
UNKNOWN_OUTLET = "(unknown)"
UNDATED = "undated"


def article_year(articles: pd.DataFrame) -> pd.Series:
    """Year of each article as text: from ``published`` (any source), else ``header_month``, else ``undated``."""
    published = articles["published"] if "published" in articles else pd.Series(None, index=articles.index)
    date = published.where(published.notna() & published.astype(str).str.match(r"^\d{4}"), articles["header_month"])
    years = date.astype("string").str.extract(r"^(\d{4})", expand=False)
    return years.fillna(UNDATED).astype(str)


def outlet_year_table(articles: pd.DataFrame) -> pd.DataFrame:
    """Number of ``ok`` articles per outlet (rows) and year (columns), with totals.

    ``articles`` is the table of :func:`diplolib.read_corpus`. Rows: outlets,
    largest first, ``(unknown)`` for articles whose input names none, and a last
    ``total`` row; columns: years in order (``undated`` last) and ``total``.
    Values: article counts (int).
    """
    ok = articles[articles["status"] == "ok"]
    outlet = ok["outlet"].fillna(UNKNOWN_OUTLET).replace("", UNKNOWN_OUTLET) if "outlet" in ok else pd.Series(UNKNOWN_OUTLET, index=ok.index)
    table = pd.crosstab(outlet.rename("outlet"), article_year(ok).rename("year"))
    years = sorted(c for c in table.columns if c != UNDATED) + ([UNDATED] if UNDATED in table.columns else [])
    table = table[years]
    table["total"] = table.sum(axis=1)
    table = table.sort_values(["total"], ascending=False, kind="stable")
    table.loc["total"] = table.sum(axis=0)
    table.columns.name = "year"
    return table.astype(int)
