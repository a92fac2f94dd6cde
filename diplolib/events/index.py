"""The cooperation–conflict index: Goldstein values of events per period and direction,
with bootstrap intervals over articles (the event-data measure of "tone")."""

from __future__ import annotations

import numpy as np
import pandas as pd

from diplolib.events.lexicon import SYMMETRIC

INDEX_COLUMNS = ["period", "direction", "n_events", "n_articles", "mean", "mean_lo", "mean_hi", "sum", "sum_lo", "sum_hi"]


def direction(events: pd.DataFrame) -> pd.Series:
    """``US→RU``, ``RU→US``, ``mutual`` (joint acts, or both sides acting) or ``other``."""
    src, tgt = events["source_side"].fillna(""), events["target_side"].fillna("")
    sym = events["type"].isin(SYMMETRIC)
    out = np.where(sym & src.isin(["US", "RU"]) & tgt.isin(["US", "RU"]), "mutual",
                   np.where((src == "US") & (tgt == "RU"), "US→RU", np.where((src == "RU") & (tgt == "US"), "RU→US", "other")))
    return pd.Series(out, index=events.index)


def index(events: pd.DataFrame, freq: str = "year", n_boot: int = 1000, seed: int = 0, statuses: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Goldstein mean and sum per period and direction, with 95 % bootstrap intervals over articles.

    Parameters
    ----------
    events: :func:`diplolib.events.resolve` output (``estimate``, ``goldstein``, ``article_id``,
        ``type``, ``source_side``, ``target_side``, ``status``).
    freq: ``"year"`` or ``"month"``.
    n_boot: bootstrap resamples (articles drawn with replacement within each period × direction).
    statuses: statuses to keep (default: all but ``denied``; the Goldstein value already encodes
        planned, proposed and cancelled acts through ``event_status_codes.csv``).

    Returns
    -------
    DataFrame with ``period`` (year int or ``YYYY-MM``), ``direction`` (``US→RU``, ``RU→US``,
    ``mutual``, ``all``), ``n_events``, ``n_articles``, ``mean`` / ``sum`` of Goldstein
    (−10 … +10 per event) and their ``_lo`` / ``_hi`` 2.5 % / 97.5 % bootstrap bounds.
    """
    ev = events[events["estimate"].notna()].copy()
    ev = ev[ev["status"].isin(statuses)] if statuses is not None else ev[ev["status"] != "denied"]
    if ev.empty:
        return pd.DataFrame(columns=INDEX_COLUMNS)
    ev["period"] = ev["estimate"].dt.year if freq == "year" else ev["estimate"].dt.strftime("%Y-%m")
    ev["direction"] = direction(ev)
    ev = ev[ev["direction"] != "other"]
    both = pd.concat([ev, ev.assign(direction="all")])
    rng = np.random.default_rng(seed)
    rows = []
    for (period, d), grp in both.groupby(["period", "direction"], sort=True):
        per_art = grp.groupby("article_id")["goldstein"].agg(["sum", "count"])
        sums, counts = per_art["sum"].to_numpy(), per_art["count"].to_numpy()
        n = len(sums)
        draw = rng.integers(0, n, size=(n_boot, n))
        bs_sum = sums[draw].sum(axis=1)
        bs_mean = bs_sum / counts[draw].sum(axis=1)
        rows.append((period, d, int(counts.sum()), n, sums.sum() / counts.sum(), *np.percentile(bs_mean, [2.5, 97.5]),
                     sums.sum(), *np.percentile(bs_sum, [2.5, 97.5])))
    return pd.DataFrame(rows, columns=INDEX_COLUMNS)
