"""Aggregates of sentence tone: articles and periods with bootstrap intervals, drivers, article table."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd


def _bootstrap_means(values: np.ndarray, n_boot: int, rng: np.random.Generator,
                     weights: np.ndarray | None = None) -> tuple[float, float]:
    """Percentile interval of the (weighted) mean, resampling ``values`` with their weights."""
    if len(values) < 2 or n_boot < 1:
        return (math.nan, math.nan)
    w = np.ones(len(values)) if weights is None else weights
    return _bootstrap_ratio(values * w, w, n_boot, rng)


def _bootstrap_ratio(sums: np.ndarray, counts: np.ndarray, n_boot: int, rng: np.random.Generator) -> tuple[float, float]:
    """Cluster bootstrap of Σsum/Σcount, resampling clusters (articles)."""
    if len(sums) < 2 or n_boot < 1:
        return (math.nan, math.nan)
    idx = rng.integers(0, len(sums), size=(n_boot, len(sums)))
    num, den = sums[idx].sum(axis=1), counts[idx].sum(axis=1)
    ratios = np.divide(num, den, out=np.full(n_boot, np.nan), where=den > 0)
    lo, hi = np.nanpercentile(ratios, [2.5, 97.5])
    return float(lo), float(hi)


def _scored(tone: pd.DataFrame, only_hits: bool) -> pd.DataFrame:
    """Sentences with evidence (a lexicon hit or an event), or all of them."""
    if not only_hits:
        return tone
    evidence = tone["n_hits"] > 0
    if "n_events" in tone:
        evidence |= tone["n_events"] > 0
    return tone[evidence]


def _weights(tone: pd.DataFrame, weight: str | None) -> np.ndarray:
    """Sentence weights: the ``weight`` column (default ``relevance``) when present, else 1."""
    if weight and weight in tone:
        return tone[weight].to_numpy(float)
    return np.ones(len(tone))


def articles(tone_sentences: pd.DataFrame, n_boot: int = 1000, seed: int = 0, only_hits: bool = True,
             weight: str | None = "relevance") -> pd.DataFrame:
    """Mean tone per article with a bootstrap 95 % interval over its sentences.

    The mean is weighted by the ``weight`` column (default ``relevance``: a
    sentence about US–Russia relations counts fully, a sentence about something
    else a quarter; ``weight=None``, or a table without the column, gives
    every sentence the same weight). ``only_hits``: only sentences with a
    lexicon hit or an event.

    Columns: ``article_id``, ``mean`` (weighted mean sentence score, −1 … +1;
    NaN when no sentence has evidence), ``ci_low``, ``ci_high`` (percentile
    bootstrap, ``n_boot`` resamples of the article's sentences,
    ``numpy.random.default_rng(seed)``; NaN with fewer than two sentences or
    ``n_boot=0``), ``n_sentences`` (sentences averaged),
    ``n_sentences_total``, ``n_hits`` (sum over sentences).
    """
    rng = np.random.default_rng(seed)
    rows = []
    for aid, group in tone_sentences.groupby("article_id", sort=False):
        used = _scored(group, only_hits)
        values, w = used["score"].to_numpy(dtype=float), _weights(used, weight)
        mean = float((values * w).sum() / w.sum()) if len(values) and w.sum() > 0 else math.nan
        lo, hi = _bootstrap_means(values, n_boot, rng, w)
        rows.append((aid, mean, lo, hi, len(values), len(group), int(group["n_hits"].sum())))
    return pd.DataFrame(rows, columns=["article_id", "mean", "ci_low", "ci_high", "n_sentences", "n_sentences_total", "n_hits"])


Periods = Sequence[tuple[str, int, int]]


def period_of(estimates: pd.Series, freq: str | Periods = "year") -> pd.Series:
    """Period labels of timestamps.

    ``freq``: ``"year"`` (int year), ``"quarter"`` / ``"month"`` (``"2021Q2"``,
    ``"2021-04"``), or a list of ``(label, start_year, end_year)`` bins
    (inclusive; the first bin containing the year wins; NaN outside all bins;
    an ordered categorical, so tables keep the bins' order).
    """
    ts = pd.to_datetime(estimates)
    if isinstance(freq, str):
        if freq in ("year", "Y", "YE"):
            return ts.dt.year.astype("Int64")
        code = {"quarter": "Q", "month": "M"}.get(freq, freq)
        return ts.dt.to_period(code).astype(str).where(ts.notna())
    years = ts.dt.year
    bins = list(freq)
    out = pd.Series(pd.NA, index=ts.index, dtype=object)
    for label, start, end in reversed(bins):
        out[(years >= start) & (years <= end)] = label
    labels = list(dict.fromkeys(label for label, _, _ in bins))
    return pd.Series(pd.Categorical(out, categories=labels, ordered=True), index=ts.index)


def _with_periods(tone: pd.DataFrame, dates: pd.DataFrame, freq, by: str | None = None) -> pd.DataFrame:
    extra = [by] if by and by in dates and by not in tone else []
    d = dates[["article_id", "estimate", *extra]].drop_duplicates("article_id")
    merged = tone.merge(d, on="article_id", how="inner")
    merged["period"] = period_of(merged["estimate"], freq)
    return merged[merged["period"].notna()]


def by_period(tone_sentences: pd.DataFrame, dates: pd.DataFrame, freq: str | Periods = "year", by: str | None = None,
              n_boot: int = 1000, seed: int = 0, only_hits: bool = True, weight: str | None = "relevance") -> pd.DataFrame:
    """Mean tone per period (and per ``by`` column, e.g. ``"speaker_side"``).

    ``dates``: ``article_id`` and ``estimate`` (Timestamp), e.g. from
    :func:`diplolib.dates.article_dates`; articles without an estimate are left
    out. ``freq``: see :func:`period_of`.

    The mean is over sentences (with evidence, unless ``only_hits=False``)
    pooled across the period's articles, weighted by ``weight`` (default
    ``relevance``; ``None`` = equal weights), as in :func:`articles`. ``by`` can
    be any column of ``tone_sentences`` or of ``dates`` (e.g. ``"outlet"``
    when ``dates`` carries it). The 95 % interval resamples **articles**
    (cluster bootstrap of Σscore/Σsentences), because sentences of one article
    are not independent; a period with a single article falls back to
    resampling its sentences (``ci_unit``).

    Columns: ``period``, [``by``], ``mean``, ``ci_low``, ``ci_high``,
    ``ci_unit`` (``article``/``sentence``), ``n_articles``, ``n_sentences``, ``n_hits``.
    """
    rng = np.random.default_rng(seed)
    merged = _with_periods(tone_sentences, dates, freq, by)
    keys = ["period"] + ([by] if by else [])
    rows = []
    for key, group in merged.groupby(keys, sort=True, observed=True):
        key = key if isinstance(key, tuple) else (key,)
        used = _scored(group, only_hits)
        w = _weights(used, weight)
        ws = pd.DataFrame({"article_id": used["article_id"].to_numpy(), "ws": used["score"].to_numpy(float) * w, "w": w})
        per_article = ws.groupby("article_id")[["ws", "w"]].sum()
        n_art = len(per_article)
        mean = float(ws["ws"].sum() / ws["w"].sum()) if len(used) and ws["w"].sum() > 0 else math.nan
        if n_art >= 2:
            lo, hi = _bootstrap_ratio(per_article["ws"].to_numpy(float), per_article["w"].to_numpy(float), n_boot, rng)
            unit = "article"
        else:
            lo, hi = _bootstrap_means(used["score"].to_numpy(float), n_boot, rng, w)
            unit = "sentence"
        rows.append((*key, mean, lo, hi, unit, int(group["article_id"].nunique()), len(used), int(group["n_hits"].sum())))
    return pd.DataFrame(rows, columns=[*keys, "mean", "ci_low", "ci_high", "ci_unit", "n_articles", "n_sentences", "n_hits"])


def highlight(text: str, hits: list[dict], offset: int) -> str:
    """``text`` (a sentence starting at article offset ``offset``) with hit surfaces in ``**…**``."""
    spans = sorted({(h["start_char"] - offset, h["end_char"] - offset) for h in hits})
    out, pos = [], 0
    for a, b in spans:
        if a < pos or a < 0 or b > len(text):
            continue
        out += [text[pos:a], "**", text[a:b], "**"]
        pos = b
    out.append(text[pos:])
    return "".join(out)


def drivers(tone_sentences: pd.DataFrame, dates: pd.DataFrame, n: int = 5, freq: str | Periods = "year",
            only_hits: bool = True) -> pd.DataFrame:
    """Per period, the ``n`` sentences pulling the mean up most and the ``n`` pulling it down most.

    ``pull`` = (score − period mean) / number of sentences averaged in the
    period: how much the sentence moves the period mean. Columns: ``period``,
    ``direction`` (``up``/``down``), ``article_id``, ``sent_idx``, ``score``,
    ``pull``, ``n_hits``, ``speaker_side`` (if present), ``text`` (hits in ``**bold**``).
    """
    merged = _scored(_with_periods(tone_sentences, dates, freq), only_hits)
    rows = []
    for period, group in merged.groupby("period", sort=True, observed=True):
        mean = group["score"].mean()
        g = group.assign(pull=(group["score"] - mean) / len(group))
        for direction, part in (("up", g[g["pull"] > 0].nlargest(n, "pull")), ("down", g[g["pull"] < 0].nsmallest(n, "pull"))):
            for r in part.itertuples(index=False):
                rows.append((period, direction, r.article_id, r.sent_idx, r.score, round(float(r.pull), 6), r.n_hits,
                             getattr(r, "speaker_side", ""), highlight(r.text, r.hits, r.start_char)))
    return pd.DataFrame(rows, columns=["period", "direction", "article_id", "sent_idx", "score", "pull", "n_hits", "speaker_side", "text"])


# --------------------------------------------------------------------------- notebook views


def article_table(tone_sentences: pd.DataFrame, corpus, dates: pd.DataFrame | None = None, n_boot: int = 1000, seed: int = 0) -> pd.DataFrame:
    """:func:`articles` with each article's ``source``, ``title`` and date ``estimate``, most conflictual first.

    Columns: ``source``, ``title``, ``estimate``, ``mean``, ``ci_low``, ``ci_high``,
    ``n_sentences``, ``n_hits``, ``article_id``.
    """
    table = articles(tone_sentences, n_boot=n_boot, seed=seed)
    info = corpus.ok[["article_id", "source", "title"]]
    table = table.merge(info, on="article_id", how="left")
    if dates is not None:
        table = table.merge(dates[["article_id", "estimate"]], on="article_id", how="left")
        table["estimate"] = table["estimate"].dt.strftime("%Y-%m-%d")
    else:
        table["estimate"] = ""
    cols = ["source", "title", "estimate", "mean", "ci_low", "ci_high", "n_sentences", "n_hits", "article_id"]
    return table[cols].sort_values("mean").reset_index(drop=True)
