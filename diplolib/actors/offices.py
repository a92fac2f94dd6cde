"""Office tenures: who held which office when (``offices.csv``)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from diplolib.actors.gazetteer import gazetteer

_EPOCH = pd.Timestamp("1970-01-01")


def office_holders(office_id: str, start, end=None) -> list[tuple[str, float]]:
    """Holders of ``office_id`` during ``[start, end]`` with the share of the interval each held.

    Dates are anything :func:`pandas.Timestamp` accepts; ``end`` defaults to ``start``.
    Returns ``[(actor_id, share)]`` sorted by share, largest first; shares sum to
    at most 1 (less when the office was vacant part of the time).
    """
    start = pd.Timestamp(start)
    end = pd.Timestamp(end) if end is not None else start
    found = gazetteer().by_office.get(office_id)
    if found is None:
        return []
    ids, lo, hi = found
    s, e = (start - _EPOCH).days, (end - _EPOCH).days
    hit = (lo <= e) & (hi >= s)
    if not hit.any():
        return []
    days = np.maximum(np.minimum(hi[hit], e) - np.maximum(lo[hit], s) + 1, 1)
    span = max(e - s + 1, 1)
    out: dict[str, float] = {}
    for actor, d in zip(ids[hit], days, strict=True):
        out[actor] = out.get(actor, 0.0) + d / span
    return sorted(((a, min(v, 1.0)) for a, v in out.items()), key=lambda x: -x[1])


def office_holder(office_id: str, date) -> str | None:
    """The ``actor_id`` holding ``office_id`` on ``date`` (None if vacant or unknown).

    ``office_holder("us_secretary_of_state", "2015-05-12")`` → ``"john_kerry"``.
    For offices held by several people at once, the first listed is returned.
    """
    holders = office_holders(office_id, date)
    return holders[0][0] if holders else None


def offices_of(actor_id: str, start, end) -> list[str]:
    """Offices ``actor_id`` held at some point in ``[start, end]``."""
    t = gazetteer().tenures
    rows = t[(t["actor_id"] == actor_id) & (t["start_ts"] <= pd.Timestamp(end)) & (t["end_ts"] >= pd.Timestamp(start))]
    return list(dict.fromkeys(rows["office_id"]))
