"""Hard constraints on an article's date, and the interval where they agree.

A :class:`Constraint` says the article's event date lies in ``[lo, hi]``.
Hard constraints (office tenures of people named in their role, "not before"
dated landmarks and explicit past dates, "not after" the publication date)
define the feasible set with :func:`best_interval`; soft evidence only narrows
it (see :mod:`diplolib.dates.article`).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

#: Weights of hard evidence types (the sweep keeps the largest agreeing weight when they conflict).
WEIGHTS = {
    "year": 1.5, "month": 2.0, "date": 2.5, "landmark": 2.0, "tenure": 3.0, "duration": 3.0,
    "anniversary": 4.0, "published": 10.0,
}


@dataclass
class Constraint:
    """The article's event date lies in ``[lo, hi]`` (open ends = None), with a weight and reason."""

    lo: pd.Timestamp | None
    hi: pd.Timestamp | None
    weight: float
    kind: str
    reason: str
    sent_idx: int | None = None


def best_interval(constraints: list[Constraint], horizon: tuple[pd.Timestamp, pd.Timestamp]) -> tuple[pd.Timestamp, pd.Timestamp, float]:
    """The span where the summed weight of satisfied constraints is largest (sweep over end points).

    Ties between disjoint spans are resolved by taking the hull of the tied spans
    (the honest answer), so the result never hides an ambiguity.
    """
    lo0, hi0 = horizon
    points = sorted({lo0, hi0 + pd.Timedelta(days=1)} | {c.lo for c in constraints if c.lo is not None} | {c.hi + pd.Timedelta(days=1) for c in constraints if c.hi is not None})
    best, spans = -1.0, []
    for a, b in zip(points, points[1:], strict=False):
        if a < lo0 or a > hi0:
            continue
        w = sum(c.weight for c in constraints if (c.lo is None or c.lo <= a) and (c.hi is None or c.hi >= a))
        if w > best + 1e-9:
            best, spans = w, [(a, b - pd.Timedelta(days=1))]
        elif abs(w - best) <= 1e-9:
            if spans and spans[-1][1] + pd.Timedelta(days=1) == a:
                spans[-1] = (spans[-1][0], b - pd.Timedelta(days=1))
            else:
                spans.append((a, b - pd.Timedelta(days=1)))
    return spans[0][0], spans[-1][1], best


def precision(lo: pd.Timestamp, hi: pd.Timestamp) -> str:
    days = (hi - lo).days + 1
    if days <= 1:
        return "day"
    if days <= 7:
        return "week"
    if days <= 31:
        return "month"
    if days <= 366:
        return "year"
    return "range"


def tenure_constraints(surface: pd.DataFrame) -> list[tuple[str, Constraint]]:
    """Office tenures as date evidence.

    - apposition: a role phrase right before the name of a person who held that
      office ("le secrétaire d'État américain John Kerry") ⇒ the date lies in the
      tenure (weight ``tenure``);
    - coreference: a role phrase without a name, in an article that names exactly
      one person who ever held that office ⇒ the same, with a lower weight.
    """
    from diplolib.actors import gazetteer

    g = gazetteer()
    out = []

    def constraint(aid, office, actor, weight, reason, sent):
        span = g.tenure_span.get((office, actor))
        if span is None:
            return
        lo, hi = span
        hi = None if hi.year > 2200 else hi
        label = g.roles.at[office, "label"]
        span = f"{lo.date()}..{hi.date() if hi is not None else 'now'}"
        out.append((aid, Constraint(lo, hi, weight, "tenure", f"{reason} — {g.actors.at[actor, 'name']} was {label} {span}", sent)))

    for aid, group in surface.groupby("article_id", sort=False):
        rows = group.to_dict("records")
        named = {r["target"] for r in rows if r["kind"] in ("name", "alias") or (r["kind"] == "surname" and "|" not in r["target"])}
        used: set[str] = set()
        for i, r in enumerate(rows):
            if r["kind"] != "role" or r["former"]:
                continue
            nxt = rows[i + 1] if i + 1 < len(rows) else None
            gap = nxt["start_char"] - r["end_char"] if nxt else 99
            if nxt and nxt["kind"] in ("name", "alias", "surname") and 0 <= gap <= 3 and "|" not in nxt["target"]:
                constraint(aid, r["target"], nxt["target"], WEIGHTS["tenure"], f"sent {r['sent_idx']}: '{r['surface']} {nxt['surface']}'", r["sent_idx"])
                used.add(r["target"])
        for r in rows:
            if r["kind"] != "role" or r["former"] or r["target"] in used:
                continue
            found = g.by_office.get(r["target"])
            holders = named & set(found[0]) if found is not None else set()
            if len(holders) == 1:
                (actor,) = holders
                constraint(aid, r["target"], actor, WEIGHTS["tenure"] * 2 / 3, f"sent {r['sent_idx']}: '{r['surface']}' (the article names {g.actors.at[actor, 'name']})", r["sent_idx"])
                used.add(r["target"])
    return out
