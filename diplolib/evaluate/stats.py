"""Figures with a bootstrap 95 % interval over articles.

Every figure of :mod:`diplolib.evaluate` is a statistic of per-article
values; its interval comes from resampling *articles* with replacement
(``N_BOOT`` resamples, ``numpy.random.default_rng(SEED)``, percentile
interval), so sentences or events of one article move together.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

N_BOOT = 1000
SEED = 0

#: Columns of a figures table (one row per figure).
FIGURE_COLUMNS = ["measure", "figure", "value", "ci_low", "ci_high", "n", "n_articles", "unit"]


def _resamples(n_articles: int, n_boot: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, n_articles, size=(n_boot, n_articles))


def ratio(num: np.ndarray, den: np.ndarray, n_boot: int = N_BOOT, seed: int = SEED) -> tuple[float, float, float]:
    """Σnum / Σden over articles and its cluster-bootstrap interval ``(value, lo, hi)``.

    ``num``/``den``: one entry per article (e.g. matched events, gold events).
    NaN when Σden is 0.
    """
    num, den = np.asarray(num, dtype=float), np.asarray(den, dtype=float)
    total = den.sum()
    value = float(num.sum() / total) if total > 0 else math.nan
    if len(num) < 2 or total == 0:
        return value, math.nan, math.nan
    idx = _resamples(len(num), n_boot, seed)
    n, d = num[idx].sum(axis=1), den[idx].sum(axis=1)
    boot = np.divide(n, d, out=np.full(len(n), np.nan), where=d > 0)
    lo, hi = np.nanpercentile(boot, [2.5, 97.5])
    return value, float(lo), float(hi)


def statistic(groups: list[np.ndarray], fn: Callable[[np.ndarray], float], n_boot: int = N_BOOT,
              seed: int = SEED) -> tuple[float, float, float]:
    """``fn`` of the concatenated per-article arrays and its article-bootstrap interval.

    ``groups``: one array per article (rows = units: an article, or its
    sentences; 2-D arrays allowed, e.g. score/label pairs). ``fn`` takes the
    stacked rows and returns a float (median, Spearman …).
    """
    groups = [np.asarray(g, dtype=float) for g in groups if len(g)]
    if not groups:
        return math.nan, math.nan, math.nan
    value = float(fn(np.concatenate(groups)))
    if len(groups) < 2:
        return value, math.nan, math.nan
    boot = np.array([fn(np.concatenate([groups[i] for i in row])) for row in _resamples(len(groups), n_boot, seed)], dtype=float)
    if np.isnan(boot).all():
        return value, math.nan, math.nan
    lo, hi = np.nanpercentile(boot, [2.5, 97.5])
    return value, float(lo), float(hi)


def spearman(pairs: np.ndarray) -> float:
    """Spearman rank correlation of ``pairs[:, 0]`` (scores) and ``pairs[:, 1]`` (labels); NaN if constant."""
    from scipy.stats import spearmanr

    if len(pairs) < 3 or np.ptp(pairs[:, 0]) == 0 or np.ptp(pairs[:, 1]) == 0:
        return math.nan
    return float(spearmanr(pairs[:, 0], pairs[:, 1]).statistic)


def agreement(pairs: np.ndarray) -> float:
    """Share of rows whose two columns are equal (3-class agreement)."""
    return float((pairs[:, 0] == pairs[:, 1]).mean()) if len(pairs) else math.nan


def figure(measure: str, name: str, value: float, lo: float, hi: float, n: int, n_articles: int, unit: str) -> dict:
    """One row of a figures table (see :data:`FIGURE_COLUMNS`)."""
    return dict(zip(FIGURE_COLUMNS, [measure, name, value, lo, hi, int(n), int(n_articles), unit], strict=True))
