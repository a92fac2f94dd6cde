"""Goldstein values of events and contacts."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from diplolib.reference import read_table


def goldstein_table() -> pd.DataFrame:
    """``goldstein.csv``: ``type``, ``status`` (``*`` = any type, "" = any status),
    ``goldstein`` (float, −10 … +10), ``cameo_code``, ``cameo_label``, ``note``."""
    t = read_table("goldstein.csv")
    t["goldstein"] = t["goldstein"].astype(float)
    return t


def event_scores(contacts: pd.DataFrame, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Contacts with a Goldstein-scale value from their CAMEO code.

    ``contacts`` needs ``contact_id``, ``type`` (meeting, phone_call,
    video_call, visit, summit, talks, announcement), ``status`` (happened,
    planned, proposed, cancelled; missing = happened) and ``estimate``
    (Timestamp). A row of ``goldstein.csv`` is chosen in this order: same
    type and status; any type (``*``) with that status; same type, any status;
    the ``*`` fallback. So a cancelled contact is −5.0 (CAMEO 125) whatever its
    type, and a planned one +4.0 (036).

    Returns the contacts plus ``goldstein``, ``cameo_code``, ``cameo_label``, ``year``.
    """
    t = goldstein_table() if table is None else table
    lookup = {(r.type, r.status): r for r in t.itertuples(index=False)}
    out = contacts.copy()
    values, codes, labels = [], [], []
    for typ, status in zip(out["type"].fillna("").astype(str), out["status"].fillna("").astype(str), strict=True):
        status = status or "happened"
        row = (lookup.get((typ, status)) or lookup.get(("*", status)) or lookup.get((typ, ""))
               or lookup.get(("*", "")))
        values.append(row.goldstein if row is not None else math.nan)
        codes.append(row.cameo_code if row is not None else "")
        labels.append(row.cameo_label if row is not None else "")
    out["goldstein"] = np.asarray(values, dtype=float)
    out["cameo_code"] = codes
    out["cameo_label"] = labels
    out["year"] = pd.to_datetime(out["estimate"]).dt.year.astype("Int64")
    return out


def yearly_events(scored: pd.DataFrame) -> pd.DataFrame:
    """Goldstein values per year: ``year``, ``n_contacts``, ``mean_goldstein``,
    ``sum_goldstein``, ``min_goldstein``, ``max_goldstein`` and one ``n_<status>``
    count per status present (``n_happened``, ``n_cancelled``…)."""
    s = scored[scored["year"].notna()]
    grouped = s.groupby("year")["goldstein"]
    out = pd.DataFrame({
        "n_contacts": grouped.size(), "mean_goldstein": grouped.mean(), "sum_goldstein": grouped.sum(),
        "min_goldstein": grouped.min(), "max_goldstein": grouped.max(),
    })
    if "status" in s:
        counts = s.assign(status=s["status"].fillna("happened").replace("", "happened")).pivot_table(
            index="year", columns="status", values="goldstein", aggfunc="size", fill_value=0)
        for status in counts.columns:
            out[f"n_{status}"] = counts[status].reindex(out.index).fillna(0).astype(int)
    return out.reset_index()


# --------------------------------------------------------------------------- events inside sentences

#: Columns of :func:`sentence_events`.
SENTENCE_EVENT_COLUMNS = ["article_id", "sent_idx", "n_events", "event_score", "event_types"]


def event_weights() -> tuple[dict[str, float], dict[str, float]]:
    """``(type → weight, status → weight)`` from ``tone_event_weights.csv``."""
    t = read_table("tone_event_weights.csv")
    w = t["weight"].astype(float)
    return (dict(zip(t["value"][t["kind"] == "type"], w[t["kind"] == "type"], strict=True)),
            dict(zip(t["value"][t["kind"] == "status"], w[t["kind"] == "status"], strict=True)))


def sentence_events(events: pd.DataFrame | None) -> pd.DataFrame:
    """Events grouped by the sentence that holds them.

    ``events``: the events table (contract of the events stage: ``article_id``,
    ``sent_idx``, ``type``, ``goldstein`` −10 … +10, ``status``); ``None`` or
    empty gives an empty frame. Each event contributes ``goldstein / 10 ×
    weight(type) × weight(status)`` (``tone_event_weights.csv``): a sanction
    −0.8, an agreement +0.8, a bare meeting +0.06.

    Columns: ``article_id``, ``sent_idx``, ``n_events``, ``event_score``
    (mean contribution, −1 … +1), ``event_types`` (list of types, text order).
    """
    if events is None or not len(events):
        return pd.DataFrame(columns=SENTENCE_EVENT_COLUMNS)
    by_type, by_status = event_weights()
    typ = events["type"].fillna("").astype(str)
    status = events["status"].fillna("").astype(str).replace("", "happened") if "status" in events else "happened"
    contribution = (events["goldstein"].astype(float).fillna(0.0) / 10.0 * typ.map(by_type).fillna(1.0)
                    * pd.Series(status, index=events.index).map(by_status).fillna(1.0))
    frame = pd.DataFrame({"article_id": events["article_id"].astype(str), "sent_idx": events["sent_idx"].astype(np.int64),
                          "contribution": contribution.clip(-1, 1), "type": typ})
    g = frame.groupby(["article_id", "sent_idx"], sort=False)
    out = pd.DataFrame({"n_events": g.size(), "event_score": g["contribution"].mean(), "event_types": g["type"].agg(list)})
    return out.reset_index()[SENTENCE_EVENT_COLUMNS]


def events_from_contacts(contacts: pd.DataFrame) -> pd.DataFrame:
    """The events contract (``article_id``, ``sent_idx``, ``type``, ``goldstein``, ``status``) from
    :func:`diplolib.timeline.contacts` — the fallback until an events table is available.

    One row per sentence of ``sentence_keys``; ``goldstein`` from :func:`event_scores`.
    """
    cols = ["article_id", "sent_idx", "type", "goldstein", "status"]
    if contacts is None or not len(contacts):
        return pd.DataFrame(columns=cols)
    scored = event_scores(contacts.assign(estimate=contacts.get("estimate", pd.NaT)))
    rows = scored[["type", "status", "goldstein", "sentence_keys"]].explode("sentence_keys").dropna(subset=["sentence_keys"])
    keys = rows["sentence_keys"].tolist()
    return pd.DataFrame({"article_id": [k[0] for k in keys], "sent_idx": [int(k[1]) for k in keys],
                         "type": rows["type"].to_numpy(), "goldstein": rows["goldstein"].to_numpy(float),
                         "status": rows["status"].fillna("happened").to_numpy()})
