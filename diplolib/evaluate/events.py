"""Extracted events against ``gold_events.csv``.

Match rule (one gold event ↔ at most one predicted event, maximum matching per
article with :func:`scipy.optimize.linear_sum_assignment`):

- same article;
- compatible type: same family in :data:`FAMILIES`;
- date: the predicted ``estimate`` within ±1 day of a day-level gold date, in the
  same month for a ``YYYY-MM`` gold date, in the same year for ``YYYY``; any
  date when the gold date is empty;
- one participant in common: a gold surname (lower case, one word) equals the
  surname of a predicted participant; a gold institution, state or group
  (anything else) equals a predicted participant's name, alias or id, or — as
  institutions are named in many ways — any predicted participant belongs to
  the gold event's source or target side. An event whose gold names no
  participant needs none.

``precision``/``recall``/``f1`` count one-to-one matches (a duplicate extraction
is a false positive); ``precision_any``/``recall_any`` count every event that
has at least one compatible partner (many-to-many), for comparison.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from diplolib.evaluate.locate import fold
from diplolib.evaluate.stats import figure, ratio, statistic

#: Event type → family; types of one family may stand for each other.
FAMILIES = {
    "meeting": "meeting", "talks": "meeting", "visit": "meeting", "summit": "meeting", "announcement": "meeting",
    "phone_call": "call", "video_call": "call",
    "agreement": "cooperation", "statement_of_intent": "cooperation", "prisoner_exchange": "cooperation",
    "sanction": "coercion", "expulsion": "coercion", "treaty_withdrawal": "coercion",
    "threat": "verbal_conflict", "accusation": "verbal_conflict",
    "military_action": "force",
    "other": "other",
}

#: Columns of the normalised predicted-events table.
PRED_COLUMNS = ["pred_id", "article_id", "type", "family", "estimate", "participants", "sides", "status", "evidence"]


def family(event_type: str) -> str:
    """Family of an event type (:data:`FAMILIES`); unknown types are ``other``."""
    return FAMILIES.get(str(event_type).strip(), "other")


def _aslist(v) -> list:
    if isinstance(v, list | tuple | set | np.ndarray):
        return list(v)
    if v is None or (isinstance(v, float) and math.isnan(v)) or v == "":
        return []
    return [v]


def predicted(events: pd.DataFrame | None, contacts: pd.DataFrame | None, actors: pd.DataFrame,
              texts: dict[str, str] | None = None) -> tuple[pd.DataFrame, str]:
    """The pipeline's events, one row per (event, article), columns :data:`PRED_COLUMNS`.

    Reads the ``events`` table (``event_id``, ``article_id``, ``type``,
    ``participants``, ``source_actors``, ``target_actors``, ``source_side``,
    ``target_side``, ``estimate``, ``status``, ``start_char``/``end_char``) when
    given, else the older ``contacts`` table (one row per contact, exploded over
    its ``article_ids``). ``texts`` (article_id → clean text) turns an event's
    evidence span into its text. Returns the table and the name of the source table.
    """
    side = dict(zip(actors["actor_id"], actors["side"].fillna(""), strict=True))
    rows = []
    if events is not None:
        for r in events.to_dict("records"):
            parts = list(dict.fromkeys(_aslist(r.get("participants")) + _aslist(r.get("source_actors")) + _aslist(r.get("target_actors"))))
            sides = {s for s in (r.get("source_side"), r.get("target_side")) if isinstance(s, str) and s} | {side.get(p, "") for p in parts} - {""}
            ev = r.get("evidence", r.get("trigger", ""))
            start, end = r.get("start_char"), r.get("end_char")
            if texts and r["article_id"] in texts and pd.notna(start) and pd.notna(end):
                ev = texts[r["article_id"]][int(start):int(end)]
            rows.append((str(r["event_id"]), r["article_id"], r["type"], family(r["type"]), r.get("estimate", pd.NaT), parts,
                         sorted(sides), r.get("status", ""), " ".join(map(str, _aslist(ev)))))
        source = "events"
    elif contacts is not None:
        for r in contacts.to_dict("records"):
            parts = _aslist(r["participants"])
            keys, evid = _aslist(r.get("sentence_keys")), _aslist(r.get("evidence"))
            for aid in _aslist(r["article_ids"]):
                mine = [e for k, e in zip(keys, evid, strict=False) if k and k[0] == aid] if len(keys) == len(evid) else evid
                rows.append((f"{r['contact_id']}@{aid}", aid, r["type"], family(r["type"]), r["estimate"], parts,
                             sorted({side.get(p, "") for p in parts} - {""}), r["status"], " | ".join(map(str, mine))))
        source = "contacts"
    else:
        return pd.DataFrame(columns=PRED_COLUMNS), "none"
    out = pd.DataFrame(rows, columns=PRED_COLUMNS)
    out["estimate"] = pd.to_datetime(out["estimate"], errors="coerce")
    return out, source


def _actor_keys(actors: pd.DataFrame) -> dict[str, set[str]]:
    out = {}
    for r in actors.fillna("").itertuples(index=False):
        keys = {fold(r.name), fold(r.actor_id.replace("_", " "))} | {fold(a) for a in str(r.aliases).split("|") if a.strip()}
        if r.type == "person":
            keys.add(fold(r.surname or r.name.split()[-1]))
        out[r.actor_id] = keys - {""}
    return out


def _date_ok(gold: str, estimate) -> bool:
    gold = str(gold).strip()
    if not gold:
        return True
    if pd.isna(estimate):
        return False
    if len(gold) == 10:
        return abs((estimate - pd.Timestamp(gold)).days) <= 1
    if len(gold) == 7:
        return estimate.strftime("%Y-%m") == gold
    return estimate.strftime("%Y") == gold[:4]


def _participants_ok(gold_parts: list[str], gold_sides: set[str], pred_parts: list[str], pred_sides: set[str],
                     keys: dict[str, set[str]]) -> bool:
    if not gold_parts:
        return True
    pred_keys = set().union(*(keys.get(p, {fold(p)}) for p in pred_parts)) if pred_parts else set()
    for p in gold_parts:
        if fold(p) in pred_keys:
            return True
        person = p == p.lower() and " " not in p.strip()
        if not person and gold_sides & pred_sides:
            return True
    return False


def _match(compat: np.ndarray) -> list[tuple[int, int]]:
    from scipy.optimize import linear_sum_assignment

    if compat.size == 0 or not compat.any():
        return []
    rows, cols = linear_sum_assignment(-compat.astype(float))
    return [(int(i), int(j)) for i, j in zip(rows, cols, strict=True) if compat[i, j]]


def score(gold_events: pd.DataFrame, files: pd.DataFrame, pred: pd.DataFrame, actors: pd.DataFrame,
          gold_articles: pd.DataFrame | None = None) -> tuple[dict[str, pd.DataFrame], list[dict]]:
    """Precision, recall and F1 of ``pred`` (:func:`predicted`) against ``gold_events``.

    Returns tables ``events_gold`` (one row per gold event: ``matched``,
    ``pred_id``, ``pred_type``), ``events_pred`` (one row per predicted event in a
    gold article: ``matched``, ``gold_row``), ``events_confusion_pairs`` (gold type
    vs predicted type of the pairs matched with the type condition dropped;
    ``none`` for an unpaired side) and the figure rows.
    """
    keys = _actor_keys(actors)
    g = gold_events.reset_index(drop=True).merge(files, on="file", how="left")
    g["gold_row"] = np.arange(len(g))
    g["family"] = g["event_type"].map(family)
    g["parts"] = g["participants"].map(lambda c: [x.strip() for x in str(c).split(";") if x.strip()])
    g["sides"] = [{s for s in (a, b) if isinstance(s, str) and s} for a, b in zip(g.get("source_side", ""), g.get("target_side", ""), strict=True)]
    in_gold = set(g["article_id"].dropna())
    p = pred[pred["article_id"].isin(in_gold)].reset_index(drop=True)
    p_by_art = {a: grp for a, grp in p.groupby("article_id", sort=False)}
    g["matched"], g["any_match"], g["pred_id"], g["pred_type"] = False, False, "", ""
    p["matched"], p["any_match"], p["gold_row"] = False, False, -1
    pairs_rows = []
    for aid, gg in g.groupby("article_id", sort=True, dropna=False):
        pp = p_by_art.get(aid)
        if pp is None or pp.empty or not isinstance(aid, str):
            pairs_rows += [(t, "none") for t in gg["event_type"]]
            continue
        base = np.array([[(_date_ok(gr.date, pr.estimate) and _participants_ok(gr.parts, gr.sides, pr.participants, set(pr.sides), keys))
                          for pr in pp.itertuples()] for gr in gg.itertuples()], dtype=bool)
        same = np.equal.outer(gg["family"].to_numpy(), pp["family"].to_numpy())
        g.loc[gg.index, "any_match"] = (base & same).any(axis=1)
        p.loc[pp.index, "any_match"] = (p.loc[pp.index, "any_match"].to_numpy() | (base & same).any(axis=0))
        for i, j in _match(base & same):
            gi, pj = gg.index[i], pp.index[j]
            g.loc[gi, ["matched", "pred_id", "pred_type"]] = [True, p.at[pj, "pred_id"], p.at[pj, "type"]]
            p.loc[pj, ["matched", "gold_row"]] = [True, int(g.at[gi, "gold_row"])]
        loose = _match(base)
        paired_g, paired_p = {i for i, _ in loose}, {j for _, j in loose}
        pairs_rows += [(gg["event_type"].iat[i], pp["type"].iat[j]) for i, j in loose]
        pairs_rows += [(gg["event_type"].iat[i], "none") for i in range(len(gg)) if i not in paired_g]
        pairs_rows += [("none", pp["type"].iat[j]) for j in range(len(pp)) if j not in paired_p]
    unpaired_arts = set(p["article_id"]) - set(g["article_id"].dropna())
    pairs_rows += [("none", t) for t in p[p["article_id"].isin(unpaired_arts)]["type"]]
    tables = {
        "events_gold": g.drop(columns=["parts"]).assign(sides=g["sides"].map(sorted)),
        "events_pred": p.merge(files, on="article_id", how="left"),
        "events_confusion_pairs": pd.DataFrame(pairs_rows, columns=["gold_type", "pred_type"]),
    }
    return tables, _figures(g, p, files, gold_articles)


def _f1(rows: np.ndarray) -> float:
    tp, ng, npred = rows[:, 0].sum(), rows[:, 1].sum(), rows[:, 2].sum()
    return 2 * tp / (ng + npred) if ng + npred > 0 else math.nan


def _figures(g: pd.DataFrame, p: pd.DataFrame, files: pd.DataFrame, gold_articles: pd.DataFrame | None) -> list[dict]:
    arts = sorted(set(g["file"]))
    fid = dict(zip(files["article_id"], files["file"], strict=False))
    p = p.assign(file=p["article_id"].map(fid))
    per = pd.DataFrame({
        "tp": g.groupby("file")["matched"].sum().reindex(arts, fill_value=0),
        "n_gold": g.groupby("file").size().reindex(arts, fill_value=0),
        "tp_pred": p.groupby("file")["matched"].sum().reindex(arts, fill_value=0),
        "any_gold": g.groupby("file")["any_match"].sum().reindex(arts, fill_value=0),
        "any_pred": p.groupby("file")["any_match"].sum().reindex(arts, fill_value=0),
        "n_pred": p.groupby("file").size().reindex(arts, fill_value=0),
    }).astype(float)
    n_art = len(arts)
    figs = []
    v, lo, hi = ratio(per["tp_pred"], per["n_pred"])
    figs.append(figure("events", "precision", v, lo, hi, int(per["n_pred"].sum()), n_art, "share of predicted events"))
    v, lo, hi = ratio(per["tp"], per["n_gold"])
    figs.append(figure("events", "recall", v, lo, hi, int(per["n_gold"].sum()), n_art, "share of gold events"))
    v, lo, hi = statistic([per.loc[[a], ["tp", "n_gold", "n_pred"]].to_numpy() for a in arts], _f1)
    figs.append(figure("events", "f1", v, lo, hi, int(per["n_gold"].sum() + per["n_pred"].sum()), n_art, "harmonic mean"))
    v, lo, hi = ratio(per["any_pred"], per["n_pred"])
    figs.append(figure("events", "precision_any", v, lo, hi, int(per["n_pred"].sum()), n_art, "share of predicted events compatible with some gold event"))
    v, lo, hi = ratio(per["any_gold"], per["n_gold"])
    figs.append(figure("events", "recall_any", v, lo, hi, int(per["n_gold"].sum()), n_art, "share of gold events compatible with some predicted event"))
    if gold_articles is not None and "event_date" in gold_articles:
        main = gold_articles[["file", "event_date"]].merge(files, on="file", how="left")
        main["gold"] = pd.to_datetime(main["event_date"], format="%Y-%m-%d", errors="coerce")
        main = main[main["gold"].notna()]
        est = p.groupby("article_id")["estimate"].agg(list)
        found = [any(pd.notna(e) and abs((e - d).days) <= 1 for e in est.get(a, [])) for a, d in zip(main["article_id"], main["gold"], strict=True)]
        v, lo, hi = ratio(np.array(found, float), np.ones(len(found)))
        figs.append(figure("events", "main_event_date_found", v, lo, hi, len(found), len(found), "share of articles"))
    for t, grp in g.groupby("event_type", sort=True):
        per_t = grp.groupby("file")["matched"].agg(["sum", "size"])
        v, lo, hi = ratio(per_t["sum"].to_numpy(float), per_t["size"].to_numpy(float))
        figs.append(figure("events", f"recall[{t}]", v, lo, hi, len(grp), len(per_t), "share of gold events of this type"))
    for t, grp in p.groupby("type", sort=True):
        per_t = grp.groupby("file")["matched"].agg(["sum", "size"])
        v, lo, hi = ratio(per_t["sum"].to_numpy(float), per_t["size"].to_numpy(float))
        figs.append(figure("events", f"precision[{t}]", v, lo, hi, len(grp), len(per_t), "share of predicted events of this type"))
    return figs
