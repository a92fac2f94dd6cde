"""Main actors against ``gold_articles.csv`` ``actors`` (lower-case English surnames)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from diplolib.evaluate.locate import fold
from diplolib.evaluate.stats import figure, ratio

#: Columns of the per-article actors table.
ACTOR_COLUMNS = ["file", "article_id", "gold", "found", "hits", "misses", "extras", "ambiguous"]


def actor_keys(actors: pd.DataFrame) -> dict[str, str]:
    """``actor_id`` → folded surname for every person of ``actors.csv``.

    The ``surname`` column when filled (English/ASCII spelling), else the last
    word of ``name``.
    """
    people = actors[actors["type"] == "person"]
    out = {}
    for aid, name, surname in zip(people["actor_id"], people["name"].fillna(""), people["surname"].fillna(""), strict=True):
        key = surname.strip() or (name.split()[-1] if name.split() else aid)
        out[aid] = fold(key)
    return out


def _split(cell: str) -> list[str]:
    return [fold(x) for x in str(cell).split(";") if x.strip()]


def score(gold_articles: pd.DataFrame, files: pd.DataFrame, mentions: pd.DataFrame,
          actors: pd.DataFrame) -> tuple[pd.DataFrame, list[dict]]:
    """Article-level recall and precision of main actors.

    An actor is *found* in an article when at least one of its mentions there is
    resolved to it alone (``ambiguous`` False); candidates of an ambiguous
    mention are listed in ``ambiguous`` but not counted. Gold and found are
    compared as folded surnames (:func:`actor_keys`). Articles whose gold
    ``actors`` cell is empty count for precision only.

    Returns the per-article table (:data:`ACTOR_COLUMNS`, lists of surnames) and
    figure rows (``recall`` = hits / gold, ``precision`` = hits / found).
    """
    keys = actor_keys(actors)
    m = mentions[mentions["actor_id"].isin(keys)]
    amb = m["ambiguous"].fillna(False).astype(bool) if "ambiguous" in m else pd.Series(False, index=m.index)
    sure = m[~amb].groupby("article_id")["actor_id"].agg(lambda s: sorted({keys[a] for a in s}))
    unsure = m[amb].groupby("article_id")["actor_id"].agg(lambda s: sorted({keys[a] for a in s}))
    g = gold_articles[["file", "actors"]].merge(files, on="file", how="left")
    rows = []
    for f, aid, cell in zip(g["file"], g["article_id"], g["actors"], strict=True):
        gold = sorted(set(_split(cell)))
        found = sure.get(aid, []) if isinstance(aid, str) else []
        hits = [a for a in gold if a in found]
        rows.append((f, aid, gold, found, hits, [a for a in gold if a not in found], [a for a in found if a not in gold],
                     [a for a in unsure.get(aid, []) if a not in found] if isinstance(aid, str) else []))
    t = pd.DataFrame(rows, columns=ACTOR_COLUMNS).sort_values("file").reset_index(drop=True)
    n_hit = t["hits"].map(len).to_numpy(float)
    n_gold = t["gold"].map(len).to_numpy(float)
    n_found = t["found"].map(len).to_numpy(float)
    figs = []
    v, lo, hi = ratio(n_hit, n_gold)
    figs.append(figure("actors", "recall", v, lo, hi, int(n_gold.sum()), int((n_gold > 0).sum()), "share of gold actors"))
    v, lo, hi = ratio(n_hit, n_found)
    figs.append(figure("actors", "precision", v, lo, hi, int(n_found.sum()), len(t), "share of found actors"))
    p, r = figs[1]["value"], figs[0]["value"]
    f1 = 2 * p * r / (p + r) if p + r > 0 else np.nan
    figs.append(figure("actors", "f1", f1, np.nan, np.nan, int(n_gold.sum()), len(t), "harmonic mean"))
    return t, figs
