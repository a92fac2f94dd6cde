"""Main actors against ``gold_articles.csv`` ``actors`` (lower-case English surnames)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from diplolib.evaluate.locate import fold
from diplolib.evaluate.stats import figure, ratio

#: Columns of the per-article actors table.
ACTOR_COLUMNS = ["file", "article_id", "gold", "found", "hits", "misses", "extras", "ambiguous"]


def letters(text: str) -> str:
    """Letters and digits only, accents and case folded: ``"O'Brien"`` → ``"obrien"``."""
    return "".join(c for c in fold(text) if c.isalnum())


def actor_keys(actors: pd.DataFrame) -> dict[str, list[str]]:
    """``actor_id`` → surname keys (:func:`letters`) of every person of ``actors.csv``.

    Keys, first = the one shown: the last word of the ``actor_id`` (English
    transliteration: ``vladimir_putin`` → ``putin``), its last two words
    (``kara_murza``), the ``surname`` column (French spelling: ``poutine``) and
    the last word of ``name`` and of each alias.
    """
    people = actors[actors["type"] == "person"].fillna("")
    out = {}
    for r in people.itertuples(index=False):
        parts = r.actor_id.split("_")
        words = [parts[-1], "".join(parts[-2:]), r.surname] + [a.split()[-1] for a in [r.name, *str(r.aliases).split("|")] if a.split()]
        out[r.actor_id] = list(dict.fromkeys(k for k in map(letters, words) if k))
    return out


def _split(cell: str) -> list[str]:
    return [x.strip().lower() for x in str(cell).split(";") if x.strip()]


def score(gold_articles: pd.DataFrame, files: pd.DataFrame, mentions: pd.DataFrame,
          actors: pd.DataFrame) -> tuple[pd.DataFrame, list[dict]]:
    """Article-level recall and precision of main actors.

    An actor is *found* in an article when at least one of its mentions there is
    resolved to it alone (``ambiguous`` False); candidates of an ambiguous
    mention are listed in ``ambiguous`` but not counted. A found person matches
    a gold surname when the surname's letters equal one of its keys
    (:func:`actor_keys`); two found people with the same surname count once. Articles whose gold
    ``actors`` cell is empty count for precision only.

    Returns the per-article table (:data:`ACTOR_COLUMNS`, lists of surnames) and
    figure rows (``recall`` = hits / gold, ``precision`` = hits / found).
    """
    keys = actor_keys(actors)
    m = mentions[mentions["actor_id"].isin(keys)]
    amb = m["ambiguous"].fillna(False).astype(bool) if "ambiguous" in m else pd.Series(False, index=m.index)
    sure = m[~amb].groupby("article_id")["actor_id"].agg(lambda s: sorted(set(s)))
    unsure = m[amb].groupby("article_id")["actor_id"].agg(lambda s: sorted(set(s)))
    g = gold_articles[["file", "actors"]].merge(files, on="file", how="left")
    rows = []
    for f, aid, cell in zip(g["file"], g["article_id"], g["actors"], strict=True):
        gold = sorted(set(_split(cell)))
        ids = sure.get(aid, []) if isinstance(aid, str) else []
        # a found actor shows the gold surname it matches, else its first key
        shown = {a: next((x for x in gold if letters(x) in keys[a]), keys[a][0]) for a in ids}
        found = sorted(set(shown.values()))
        hits = [x for x in gold if x in found]
        extras = [x for x in found if x not in gold]
        amb_ids = unsure.get(aid, []) if isinstance(aid, str) else []
        rows.append((f, aid, gold, found, hits, [x for x in gold if x not in found], extras,
                     sorted({keys[a][0] for a in amb_ids if a not in ids})))
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
