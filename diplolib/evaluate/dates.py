"""Article dating against ``gold_articles.csv`` ``event_date``."""

from __future__ import annotations

import numpy as np
import pandas as pd

from diplolib.evaluate.stats import figure, ratio, statistic

#: Tolerance of "exact day" and of interval coverage (days).
TOLERANCE_DAYS = 1

#: Columns of the per-article dates table.
DATE_COLUMNS = ["file", "article_id", "gold", "earliest", "latest", "estimate", "covered", "exact_day", "same_month",
                "abs_error_days", "width_days", "published", "has_published", "evidence"]


def score(gold_articles: pd.DataFrame, files: pd.DataFrame, article_dates: pd.DataFrame,
          published: pd.Series | None = None) -> tuple[pd.DataFrame, list[dict]]:
    """Score article dates.

    Parameters
    ----------
    gold_articles: ``file``, ``event_date`` (``YYYY-MM-DD``; rows with an empty or
        partial date are skipped).
    files: ``file`` → ``article_id`` (empty when the pipeline rejected the file).
    article_dates: the pipeline's ``article_dates`` table (``earliest``, ``latest``,
        ``estimate`` Timestamps, ``evidence``).
    published: ``file`` → stated publication date (``articles.csv``), used only to
        report the subset of articles that state one.

    Returns the per-article table (:data:`DATE_COLUMNS`; ``covered``: gold within
    [earliest − 1 day, latest + 1 day]; ``exact_day``: |estimate − gold| ≤ 1 day;
    ``same_month``: same calendar month; ``abs_error_days``: |estimate − gold| in
    days; ``width_days``: latest − earliest + 1, days; an article without a date
    counts as not covered, with NaN error and width) and the figure rows.
    """
    g = gold_articles[["file", "event_date"]].copy()
    g["gold"] = pd.to_datetime(g["event_date"], format="%Y-%m-%d", errors="coerce")
    g = g[g["gold"].notna()].merge(files, on="file", how="left")
    pred = article_dates.reindex(columns=["article_id", "earliest", "latest", "estimate", "evidence"])
    t = g.merge(pred, on="article_id", how="left")
    tol = pd.Timedelta(days=TOLERANCE_DAYS)
    t["covered"] = ((t["earliest"] - tol <= t["gold"]) & (t["gold"] <= t["latest"] + tol)).fillna(False).astype(bool)
    err = (t["estimate"] - t["gold"]).dt.days.abs()
    t["abs_error_days"] = err
    t["exact_day"] = (err <= TOLERANCE_DAYS).fillna(False).astype(bool)
    t["same_month"] = (t["estimate"].dt.to_period("M") == t["gold"].dt.to_period("M")).fillna(False).astype(bool)
    t["width_days"] = (t["latest"] - t["earliest"]).dt.days + 1
    pub = published if published is not None else pd.Series(dtype=str)
    t["published"] = t["file"].map(pub).fillna("")
    t["has_published"] = t["published"].str.strip() != ""
    t["evidence"] = t["evidence"].map(lambda v: v if isinstance(v, list) else [])
    t = t[DATE_COLUMNS].sort_values("file").reset_index(drop=True)
    return t, _figures(t)


def _figures(t: pd.DataFrame) -> list[dict]:
    n = len(t)
    rows = []
    ones = np.ones(n)
    for name, col in (("interval_coverage", "covered"), ("exact_day", "exact_day"), ("same_month", "same_month")):
        v, lo, hi = ratio(t[col].to_numpy(float), ones)
        rows.append(figure("dates", name, v, lo, hi, n, n, "share of articles"))
    for name, col, unit in (("median_abs_error_days", "abs_error_days", "days"), ("median_interval_width_days", "width_days", "days")):
        values = [np.array([x]) for x in t[col].dropna()]
        v, lo, hi = statistic(values, np.median)
        rows.append(figure("dates", name, v, lo, hi, len(values), len(values), unit))
    sub = t[t["has_published"]]
    if len(sub):
        v, lo, hi = ratio(sub["exact_day"].to_numpy(float), np.ones(len(sub)))
        rows.append(figure("dates", "exact_day_where_published_stated", v, lo, hi, len(sub), len(sub), "share of articles"))
    return rows
