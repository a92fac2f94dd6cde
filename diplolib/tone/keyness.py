"""Keyness: content lemmas over- and under-represented per period (Dunning G²)."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from diplolib.tone.aggregate import Periods, period_of

#: Parts of speech counted by :func:`keyness` (function words are excluded by POS, not by a list).
CONTENT_POS = ("NOUN", "VERB", "ADJ", "PROPN")


def _article_periods(corpus, periods, dates) -> dict[str, str]:
    if isinstance(periods, Mapping):
        return {str(k): v for k, v in periods.items()}
    if dates is None:
        from diplolib.dates import article_dates

        dates = article_dates(corpus)
    labels = period_of(dates["estimate"], list(periods))
    return {a: lab for a, lab in zip(dates["article_id"], labels, strict=True) if not pd.isna(lab)}


def keyness(corpus, periods: Periods | Mapping[str, str], dates: pd.DataFrame | None = None,
            min_count: int = 2, n_examples: int = 3) -> pd.DataFrame:
    """Content lemmas over- and under-represented in each period versus all other periods.

    ``periods``: ``[(label, start_year, end_year), …]`` (article years from
    ``dates["estimate"]``, :func:`diplolib.dates.article_dates` when omitted)
    or a mapping ``article_id → period label``. Only lemmas of
    :data:`CONTENT_POS` are counted, lowercased, letters required; lemmas seen
    fewer than ``min_count`` times overall are dropped.

    The statistic is Dunning's log-likelihood G² (Dunning 1993,
    *Computational Linguistics* 19(1)) on the 2×2 table (lemma / other lemmas ×
    period / rest): unlike χ² it stays reliable for the small counts that most
    lemmas have in a news corpus. ``p_value`` is the χ² (1 df) tail of G².

    Columns: ``period``, ``lemma``, ``count_period``, ``count_rest``,
    ``per_10k_period``, ``per_10k_rest`` (per 10,000 content tokens), ``g2``,
    ``direction`` (``over``/``under``), ``p_value``, ``examples`` (up to
    ``n_examples`` ``(article_id, sent_idx)`` of the lemma in the period);
    sorted by period then G² descending.
    """
    # chdtrc(1, x) is what scipy.stats.chi2.sf(x, 1) computes, without importing scipy.stats (~1 s).
    from scipy.special import chdtrc

    mapping = _article_periods(corpus, periods, dates)
    t = corpus.tokens
    t = t[t["upos"].astype(str).isin(CONTENT_POS)]
    # Lowercase and test each distinct lemma once (a corpus has far fewer lemmas than tokens).
    codes, distinct = pd.factorize(t["lemma"].astype(str))
    low = pd.Series(distinct, dtype=object).str.lower()
    usable = (low.str.contains(r"[^\W\d_]", regex=True) & (low.str.len() >= 2)).to_numpy(bool)
    keep = usable[codes] if len(codes) else np.zeros(0, bool)
    frame = pd.DataFrame({"article_id": t["article_id"].astype(str).to_numpy()[keep],
                          "sent_idx": t["sent_idx"].to_numpy()[keep],
                          "lemma": low.to_numpy()[codes[keep]] if len(codes) else np.array([], dtype=object)})
    frame["period"] = frame["article_id"].map(mapping)
    frame = frame[frame["period"].notna()]
    columns = ["period", "lemma", "count_period", "count_rest", "per_10k_period", "per_10k_rest", "g2", "direction", "p_value", "examples"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    counts = frame.groupby(["lemma", "period"]).size().unstack(fill_value=0)
    counts = counts[counts.sum(axis=1) >= min_count]
    totals = frame.groupby("period").size()
    # Up to n_examples (article_id, sent_idx) per (lemma, period), in corpus order: one pass, no per-group apply.
    first = frame.drop_duplicates(["lemma", "period", "article_id", "sent_idx"]).groupby(["lemma", "period"]).head(n_examples)
    examples: dict[tuple[str, str], list[tuple[str, int]]] = {}
    for lem, per, aid, sidx in zip(first["lemma"], first["period"], first["article_id"], first["sent_idx"], strict=True):
        examples.setdefault((lem, per), []).append((aid, int(sidx)))
    parts = []
    grand = float(totals.sum())
    for period in counts.columns:
        a = counts[period].to_numpy(float)
        b = counts.drop(columns=period).sum(axis=1).to_numpy(float)
        c, d = float(totals[period]), grand - float(totals[period])
        g2 = _g2(a, b, c, d)
        part = pd.DataFrame({
            "period": period, "lemma": counts.index, "count_period": a.astype(int), "count_rest": b.astype(int),
            "per_10k_period": a / c * 1e4 if c else np.nan, "per_10k_rest": b / d * 1e4 if d else np.nan, "g2": g2,
        })
        part["direction"] = np.where(part["per_10k_period"] >= part["per_10k_rest"], "over", "under")
        part["p_value"] = chdtrc(1, g2)
        part["examples"] = [examples.get((lem, period), []) for lem in counts.index]
        parts.append(part)
    out = pd.concat(parts, ignore_index=True)
    return out.sort_values(["period", "g2"], ascending=[True, False], kind="stable").reset_index(drop=True)[columns]


def _g2(a: np.ndarray, b: np.ndarray, c: float, d: float) -> np.ndarray:
    """Dunning G² for counts ``a`` (period) and ``b`` (rest) with totals ``c`` and ``d``."""
    if c <= 0 or d <= 0:
        return np.full(len(a), np.nan)
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    with np.errstate(divide="ignore", invalid="ignore"):
        t1 = np.where(a > 0, a * np.log(a / e1), 0.0)
        t2 = np.where(b > 0, b * np.log(b / e2), 0.0)
    return 2.0 * (t1 + t2)


def top_keyness(table: pd.DataFrame, n: int = 20, direction: str = "over") -> pd.DataFrame:
    """The ``n`` highest-G² lemmas of each period in ``direction`` (``over``/``under``/``None`` = both)."""
    t = table if direction is None else table[table["direction"] == direction]
    return t.sort_values(["period", "g2"], ascending=[True, False], kind="stable").groupby("period", sort=True).head(n).reset_index(drop=True)
