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
