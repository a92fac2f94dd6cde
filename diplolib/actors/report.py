"""Actor tables for reading: unknown names to add, counts per method, accuracy on gold."""

from __future__ import annotations

import numpy as np
import pandas as pd

from diplolib.actors.gazetteer import gazetteer
from diplolib.actors.resolve import METHODS, mentions
from diplolib.text import fold_phrase


def candidates(corpus, found: pd.DataFrame | None = None) -> pd.DataFrame:
    """PER/ORG entities that match no actor: the list to extend ``actors.csv`` from.

    Columns: ``surface``, ``label``, ``count``, ``n_articles``, ``article_id``,
    ``sent_idx`` and ``example`` (the first sentence it occurs in).
    """
    found = mentions(corpus) if found is None else found
    ents = corpus.entities[corpus.entities["label"].isin(["PER", "ORG"])]
    spans = {aid: np.array(list(zip(g["start_char"], g["end_char"], strict=True))) for aid, g in found.groupby("article_id")}
    keep = []
    for e in ents.itertuples():
        arr = spans.get(e.article_id)
        overlaps = arr is not None and len(arr) and bool(((arr[:, 0] < e.end_char) & (arr[:, 1] > e.start_char)).any())
        keep.append(not overlaps)
    rest = ents[keep].copy()
    if rest.empty:
        return pd.DataFrame(columns=["surface", "label", "count", "n_articles", "article_id", "sent_idx", "example"])
    rest["key"] = rest["text"].map(fold_phrase)
    sentences = corpus.sentences.set_index(["article_id", "sent_idx"])["text"]
    grouped = rest.groupby("key", sort=False).agg(
        surface=("text", "first"), label=("label", lambda s: s.mode().iat[0]), count=("text", "size"),
        n_articles=("article_id", "nunique"), article_id=("article_id", "first"), sent_idx=("sent_idx", "first"),
    )
    grouped["example"] = [sentences.get((a, s), "") for a, s in zip(grouped["article_id"], grouped["sent_idx"], strict=True)]
    return grouped.sort_values(["count", "surface"], ascending=[False, True]).reset_index(drop=True)


def mention_counts(found: pd.DataFrame) -> pd.DataFrame:
    """Mentions per actor and method (non-ambiguous rows), most mentioned first.

    Columns: ``actor_id``, ``actor`` (display name), ``type``, ``side``, one column per
    method (``name``, ``alias``, ``surname``, ``role``, ``metonym``, ``counterpart``),
    ``total``, ``articles``.
    """
    rows = found[~found["ambiguous"]].rename(columns={"name": "actor"})
    table = rows.pivot_table(index=["actor_id", "actor", "type", "side"], columns="method", values="start_char", aggfunc="count", fill_value=0)
    for method in METHODS:
        if method not in table:
            table[method] = 0
    table = table[list(METHODS)]
    table["total"] = table.sum(axis=1)
    table["articles"] = rows.groupby("actor_id")["article_id"].nunique().reindex(table.index.get_level_values(0)).to_numpy()
    return table.sort_values(["total", "articles"], ascending=False).reset_index()


def evaluate(found: pd.DataFrame, gold: pd.DataFrame, types: tuple[str, ...] = ("person",)) -> dict:
    """Precision/recall of ``found`` mentions against hand-made ``gold`` mentions.

    ``gold`` has ``article_id``, ``start_char``, ``end_char``, ``actor_id`` (e.g.
    ``tests/data/gold_mentions.csv`` joined to article ids). A predicted mention is
    correct when it overlaps a gold span of the same article *and* names the same
    actor; each gold mention is matched once. Only actors whose ``type`` is in
    ``types`` are scored; ambiguous predictions count with their candidates.
    Returns ``{"precision", "recall", "f1", "tp", "n_pred", "n_gold"}``.
    """
    kinds = gazetteer().actors["type"]
    pred = found[found["actor_id"].map(kinds).isin(types)]
    gold = gold[gold["actor_id"].map(kinds).fillna("person").isin(types)]
    used: set[int] = set()
    tp = 0
    for p in pred.itertuples():
        cand = gold[(gold["article_id"] == p.article_id) & (gold["actor_id"] == p.actor_id) & (gold["start_char"] < p.end_char) & (gold["end_char"] > p.start_char)]
        free = [i for i in cand.index if i not in used]
        if free:
            used.add(free[0])
            tp += 1
    precision = tp / len(pred) if len(pred) else 0.0
    recall = len(used) / len(gold) if len(gold) else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3), "tp": tp, "n_pred": len(pred), "n_gold": len(gold)}


def load_gold(path, corpus) -> pd.DataFrame:
    """Gold mentions (``source,start_char,end_char,surface,actor_id,kind,note``) with ``article_id``
    from the corpus' ``source`` column; rows whose ``surface`` no longer matches the text raise."""
    gold = pd.read_csv(path, keep_default_na=False)
    ids = dict(zip(corpus.ok["source"], corpus.ok["article_id"], strict=True))
    gold["article_id"] = gold["source"].map(ids)
    texts = dict(zip(corpus.ok["article_id"], corpus.ok["text"], strict=True))
    for r in gold.itertuples():
        if texts[r.article_id][r.start_char : r.end_char] != r.surface:
            raise ValueError(f"gold mention {r.surface!r} no longer at {r.start_char} in {r.source}: the cleaning changed")
    return gold


def gold_report(found: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Precision/recall/F1 against gold for person actors and for every actor type, as a table."""
    rows = [
        {"actors": "persons", **evaluate(found, gold, ("person",))},
        {"actors": "all types", **evaluate(found, gold, ("person", "institution", "state", "organisation"))},
    ]
    return pd.DataFrame(rows)
