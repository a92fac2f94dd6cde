"""Cleaning against ``gold_articles.csv`` ``boilerplate_lines`` and the gold fragments.

The gold gives a *count* of boilerplate lines per article, not which lines, so
line-level figures are bounds: ``removed − gold`` lines beyond the gold count
are body lines lost at least, ``gold − removed`` are boilerplate lines kept at
least. The direct measure of lost body text is ``fragments_lost``: gold event
evidence and gold sentences (all body text) that the clean text no longer holds.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from diplolib.evaluate.locate import Locator
from diplolib.evaluate.stats import figure, ratio, statistic

CLEAN_COLUMNS = ["file", "article_id", "raw_lines", "gold_boilerplate", "removed", "excess", "n_fragments", "n_lost", "lost"]


def raw_lines(path) -> int:
    """Non-empty (not whitespace-only) lines of a raw text file."""
    text = path.read_bytes().decode("utf-8", errors="replace")
    return sum(1 for line in text.splitlines() if line.strip())


def score(gold_articles: pd.DataFrame | None, files: pd.DataFrame, removed: dict[str, list], texts: dict[str, str],
          fragments: pd.DataFrame, raw_counts: dict[str, int]) -> tuple[pd.DataFrame, list[dict]]:
    """Score the cleaning.

    ``removed``: article_id → lines the reader removed (``read_corpus`` column
    ``removed``); ``texts``: article_id → clean text; ``fragments``: ``file``,
    ``fragment`` (gold body text to find); ``raw_counts``: file → non-empty raw lines.
    Returns the per-article table (:data:`CLEAN_COLUMNS`) and figure rows.
    """
    t = files.copy()
    t["raw_lines"] = t["file"].map(raw_counts).fillna(0).astype(int)
    t["removed"] = t["article_id"].map(lambda a: len(removed.get(a, []) or []) if isinstance(a, str) else 0)
    if gold_articles is not None and "boilerplate_lines" in gold_articles:
        counts = pd.to_numeric(gold_articles.set_index("file")["boilerplate_lines"], errors="coerce")
        t["gold_boilerplate"] = t["file"].map(counts)
    else:
        t["gold_boilerplate"] = np.nan
    t["excess"] = t["removed"] - t["gold_boilerplate"]
    lost_lists = []
    for aid, f in zip(t["article_id"], t["file"], strict=True):
        frags = fragments.loc[fragments["file"] == f, "fragment"]
        loc = Locator(texts.get(aid, "")) if isinstance(aid, str) else Locator("")
        lost_lists.append((len(frags), [x for x in frags if loc.find(x) is None]))
    t["n_fragments"] = [n for n, _ in lost_lists]
    t["lost"] = [lost for _, lost in lost_lists]
    t["n_lost"] = t["lost"].map(len)
    t = t[CLEAN_COLUMNS].sort_values("file").reset_index(drop=True)
    figs = []
    g = t[t["gold_boilerplate"].notna()]
    if len(g):
        n = len(g)
        v, lo, hi = statistic([np.array([abs(x)]) for x in g["excess"]], np.mean)
        figs.append(figure("cleaning", "boilerplate_count_abs_error", v, lo, hi, n, n, "lines per article (mean absolute removed − gold)"))
        v, lo, hi = ratio((g["excess"] == 0).to_numpy(float), np.ones(n))
        figs.append(figure("cleaning", "boilerplate_count_exact", v, lo, hi, n, n, "share of articles"))
        v, lo, hi = ratio(np.minimum(g["removed"], g["gold_boilerplate"]).to_numpy(float), g["gold_boilerplate"].to_numpy(float))
        figs.append(figure("cleaning", "boilerplate_removed_at_most", v, lo, hi, int(g["gold_boilerplate"].sum()), n,
                           "share of gold boilerplate lines (upper bound)"))
        figs.append(figure("cleaning", "body_lines_lost_at_least", float(g["excess"].clip(lower=0).sum()), np.nan, np.nan,
                           int(g["raw_lines"].sum() - g["gold_boilerplate"].sum()), n, "lines (lower bound; n = gold body lines)"))
    f = t[t["n_fragments"] > 0]
    if len(f):
        v, lo, hi = ratio(f["n_lost"].to_numpy(float), f["n_fragments"].to_numpy(float))
        figs.append(figure("cleaning", "fragments_lost", v, lo, hi, int(f["n_fragments"].sum()), len(f),
                           "share of gold body fragments missing from the clean text"))
    return t, figs
