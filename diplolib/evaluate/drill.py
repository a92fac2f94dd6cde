"""Drill-down into an :class:`~diplolib.evaluate.Evaluation`: the worst errors, with their evidence.

Each function returns a small table for a notebook, one row per error, gold
beside prediction and the evidence the pipeline used.
"""

from __future__ import annotations

import math

import pandas as pd


def _join(items, n: int = 3, width: int = 160) -> str:
    items = [str(x) for x in (items if isinstance(items, list | tuple) else [])]
    text = " · ".join(items[:n]) + (f" · (+{len(items) - n})" if len(items) > n else "")
    return text if len(text) <= width else text[: width - 1] + "…"


def worst_dates(ev, n: int = 5) -> pd.DataFrame:
    """Articles with the largest dating error: ``file``, ``gold``, ``estimate``, ``earliest``, ``latest``,
    ``abs_error_days`` (undated articles first), ``covered``, ``evidence`` (the pipeline's first reasons)."""
    t = ev.tables.get("dates")
    if t is None:
        return pd.DataFrame()
    t = t.assign(order=t["abs_error_days"].fillna(math.inf)).sort_values(["order", "file"], ascending=[False, True]).head(n)
    out = t[["file", "gold", "estimate", "earliest", "latest", "abs_error_days", "covered"]].copy()
    for col in ("gold", "estimate", "earliest", "latest"):
        out[col] = out[col].dt.strftime("%Y-%m-%d")
    out["evidence"] = t["evidence"].map(_join)
    return out.reset_index(drop=True)


def worst_sentences(ev, n: int = 8, scorer: str = "diplolib") -> pd.DataFrame:
    """Gold sentences whose class the scorer gets wrong, largest |score − label| first:
    ``file``, ``sent_no``, ``label``, ``score``, ``class``, ``sentence``, ``hits`` (term:weight of each lexicon hit)."""
    t = ev.tables.get("tone_sentences")
    if t is None:
        return pd.DataFrame()
    t = t[t["found"] & (t[f"class[{scorer}]"] != t["label"])].copy()
    t["gap"] = (t[f"score[{scorer}]"] - t["label"]).abs()
    t = t.sort_values(["gap", "file", "sent_no"], ascending=[False, True, True]).head(n)
    hits = t["hits"] if "hits" in t else pd.Series([[]] * len(t), index=t.index)
    return pd.DataFrame({
        "file": t["file"], "sent_no": t["sent_no"], "label": t["label"].astype(int), "score": t[f"score[{scorer}]"].round(3),
        "class": t[f"class[{scorer}]"], "sentence": t["sentence"],
        "hits": hits.map(lambda hs: ", ".join(f"{h.get('surface', h.get('term'))}:{h.get('weight', 0):+.2f}" for h in hs if isinstance(h, dict))),
    }).reset_index(drop=True)


def missed_events(ev, n: int = 8) -> pd.DataFrame:
    """Gold events no predicted event matches: ``file``, ``event_type``, ``date``, ``participants``,
    ``evidence`` (gold), ``predicted_here`` (the article's predicted events: type@estimate)."""
    g, p = ev.tables.get("events_gold"), ev.tables.get("events_pred")
    if g is None:
        return pd.DataFrame()
    here = p.assign(label=p["type"] + "@" + p["estimate"].dt.strftime("%Y-%m-%d").fillna("?")).groupby("file")["label"].agg(list)
    m = g[~g["matched"]].sort_values(["file", "gold_row"]).head(n)
    out = m[["file", "event_type", "date", "participants", "evidence"]].copy()
    out["predicted_here"] = m["file"].map(here).map(lambda v: _join(v, 4))
    return out.reset_index(drop=True)


def spurious_events(ev, n: int = 8) -> pd.DataFrame:
    """Predicted events that match no gold event: ``file``, ``type``, ``estimate``, ``participants``, ``evidence``."""
    p = ev.tables.get("events_pred")
    if p is None:
        return pd.DataFrame()
    m = p[~p["matched"]].sort_values(["file", "pred_id"]).head(n)
    return pd.DataFrame({"file": m["file"], "type": m["type"], "estimate": m["estimate"].dt.strftime("%Y-%m-%d"),
                         "participants": m["participants"].map(lambda v: ", ".join(v)), "evidence": m["evidence"].str.slice(0, 200)}).reset_index(drop=True)


def sample_sizes(sizes: tuple[int, ...] = (20, 30, 60, 100, 200), shares: tuple[float, ...] = (0.5, 0.8, 0.95)) -> pd.DataFrame:
    """Expected half-width of a 95 % interval for a share ``p`` measured on ``n`` articles, 1.96·√(p(1−p)/n).

    Rows: ``articles``; one column per share (``p=0.5`` …). For figures over
    events or sentences, count articles, not units: they cluster by article.
    """
    return pd.DataFrame({"articles": list(sizes)} | {f"p={p}": [round(1.96 * math.sqrt(p * (1 - p) / n), 3) for n in sizes] for p in shares})
