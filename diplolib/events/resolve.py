"""Resolution: who exactly (role phrases → office holders), when (article date and time
expressions, chronology link), and which reports are the same event across articles."""

from __future__ import annotations

import numpy as np
import pandas as pd

from diplolib.events.chronology import candidates, link_score
from diplolib.events.extract import COLUMNS
from diplolib.events.lexicon import FAMILY

#: How far after its article an undated planned/proposed event may fall ("une visioconférence est prévue").
PLANNED_HORIZON = pd.Timedelta(days=31)
_AHEAD = {"planned", "proposed"}
#: Order in which a merged event's mentions decide its status: what happened outranks what was announced.
_STATUS_RANK = {"happened": 0, "planned": 1, "proposed": 2, "cancelled": 3, "denied": 4}

RESOLVED_COLUMNS = [*COLUMNS, "earliest", "latest", "estimate", "date_precision", "chronology_id", "group_id", "n_articles"]
#: Expression kinds that date an event when they stand in its sentence.
DATING_KINDS = ("date", "weekday", "relative", "month", "year")


def _precision(lo: pd.Timestamp, hi: pd.Timestamp) -> str:
    days = (hi - lo).days
    return "day" if days <= 1 else "week" if days < 7 else "month" if days <= 31 else "year" if days <= 366 else "range"


def _people(undated: pd.DataFrame, mentions: pd.DataFrame) -> list[list[str]]:
    """Participants plus the US and Russian actors that resolved mentions (role phrases,
    surnames) designate; third states and organisations stay topics."""
    if mentions is None or mentions.empty:
        return list(undated["participants"])
    m = mentions[~mentions["ambiguous"]] if "ambiguous" in mentions else mentions
    m = m[m["side"].isin(["US", "RU"])]
    at = m.groupby(["article_id", "start_char"])["actor_id"].agg(list).to_dict()
    out = []
    for aid, parts, chars in zip(undated["article_id"], undated["participants"], undated["mention_chars"], strict=True):
        extra = [a for c in chars for a in at.get((aid, c), [])]
        out.append(list(dict.fromkeys([*parts, *extra])))
    return out


def _sentence_dates(undated: pd.DataFrame, expressions: pd.DataFrame | None) -> list[tuple | None]:
    """The resolved time expression of each event's clause (evidence span) nearest its trigger, as
    (value_start, value_end, kind), or None."""
    if expressions is None or expressions.empty:
        return [None] * len(undated)
    e = expressions[expressions["value_start"].notna() & expressions["kind"].isin(DATING_KINDS)]
    by = {k: (g["start_char"].to_numpy(), g["value_start"].to_numpy(), g["value_end"].to_numpy(), g["kind"].to_numpy()) for k, g in e.groupby(["article_id", "sent_idx"], sort=False)}
    out = []
    for aid, sid, char, lo, hi in zip(undated["article_id"], undated["sent_idx"], undated["trigger_char"], undated["start_char"], undated["end_char"], strict=True):
        hit = by.get((aid, sid))
        # Only an expression inside the event's clause dates it ("depuis la chute de l'URSS en 1991" does not).
        inside = np.flatnonzero((hit[0] >= lo) & (hit[0] < hi)) if hit is not None else []
        if len(inside) == 0:
            out.append(None)
            continue
        k = int(inside[np.argmin(np.abs(hit[0][inside] - char))])
        out.append((pd.Timestamp(hit[1][k]), pd.Timestamp(hit[2][k]), str(hit[3][k])))
    return out


def _dedupe(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per event and article: later sentences restating an event of the same type (for
    contacts and calls: the same family), status and date ("la rencontre a duré quatre heures", "cette conversation") are merged
    into the first, whose participants gain theirs."""
    keep, merged = [], {}
    first: dict[tuple, list[int]] = {}
    est = frame["estimate"].dt.strftime("%Y-%m-%d").fillna("")
    # "s'entretenir", "entretien", "conversation" say meeting or call: when the article calls the
    # contact of that day a call elsewhere, the generic mention is that call.
    calls = {(a, s, d) : t for a, t, s, d in zip(frame["article_id"], frame["type"], frame["status"], est, strict=True) if t in ("phone_call", "video_call")}
    types = [calls.get((a, s, d), t) if t == "meeting" else t for a, t, s, d in zip(frame["article_id"], frame["type"], frame["status"], est, strict=True)]
    frame = frame.assign(type=types)
    # Meetings, talks, visits and summits of one day are one contact ("leur rencontre", "leurs
    # pourparlers", "sa visite" in one article); so are the calls of one day, whatever their status
    # ("ils auraient discuté de …" is the reported-speech conditional of the meeting just reported).
    merge_as = [FAMILY[t] if FAMILY[t] in ("contact", "call") else t for t in types]
    status_key = ["" if m in ("contact", "call") else s for m, s in zip(merge_as, frame["status"], strict=True)]
    for i, key in enumerate(zip(frame["article_id"], merge_as, status_key, est, strict=True)):
        target = next(iter(first.get(key, [])), None)
        if target is None:
            first.setdefault(key, []).append(i)
            keep.append(i)
        else:
            merged.setdefault(target, []).append(i)
    out = frame.iloc[keep].copy()
    out["participants"] = [list(dict.fromkeys([*frame["participants"].iloc[i], *(p for j in merged.get(i, []) for p in frame["participants"].iloc[j])])) for i in keep]
    # A merged contact takes the most factual of its mentions' statuses, with that mention's codes
    # ("doit rencontrer" then "a rencontré": happened).
    statuses = frame["status"].tolist()
    best = [min([i, *merged.get(i, [])], key=lambda k: _STATUS_RANK.get(statuses[k], 9)) for i in keep]
    for col in ("status", "cameo_code", "goldstein"):
        if col in frame:
            out[col] = frame[col].iloc[best].to_numpy()
    return out.reset_index(drop=True)


def _group(frame: pd.DataFrame) -> tuple[list[str], list[int]]:
    """Same-event groups: same chronology event, or same family + a shared participant +
    overlapping date intervals (+ compatible places). Compared within (family, month) buckets."""
    n = len(frame)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    fam = frame["type"].map(FAMILY).to_numpy()
    lo, hi = frame["earliest"].to_numpy(), frame["latest"].to_numpy()
    parts = [set(p) for p in frame["participants"]]
    places = frame["place"].tolist()
    chrono_ids = frame["chronology_id"].tolist()
    first: dict[str, int] = {}
    buckets: dict[tuple, list[int]] = {}
    for i in range(n):
        if chrono_ids[i]:
            j = first.setdefault(chrono_ids[i], i)
            parent[find(i)] = find(j)
            continue
        if pd.isna(lo[i]) or pd.isna(hi[i]) or (hi[i] - lo[i]) > np.timedelta64(31, "D"):
            continue  # an undated event, or one dated only to the year or wider, is not grouped
        buckets.setdefault((fam[i], pd.Timestamp(lo[i]).strftime("%Y-%m")), []).append(i)
    for members in buckets.values():
        for a, i in enumerate(members):
            for j in members[:a]:
                if parts[i] & parts[j] and lo[i] <= hi[j] and lo[j] <= hi[i] and (not places[i] or not places[j] or places[i] == places[j]):
                    parent[find(i)] = find(j)
    roots = [find(i) for i in range(n)]
    order = {r: k for k, r in enumerate(dict.fromkeys(roots))}
    ids = [f"G{order[r] + 1:05d}" for r in roots]
    arts = pd.Series(frame["article_id"].to_numpy()).groupby(ids).transform("nunique").tolist()
    return ids, arts


def resolve(undated: pd.DataFrame, dates: pd.DataFrame, mentions: pd.DataFrame | None = None, expressions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Date, link and group the events of :func:`diplolib.events.extract`.

    Parameters
    ----------
    undated: :func:`extract` output.
    dates: :func:`diplolib.dates.article_dates` (``article_id``, ``earliest``, ``latest``, ``estimate``).
    mentions: :func:`diplolib.actors.mentions` (dated resolution of role phrases and surnames), optional.
    expressions: :func:`diplolib.dates.expressions` (resolved time expressions), optional: an
        expression in the event's sentence dates it; otherwise a reported event takes its
        article's interval and estimate.

    Returns
    -------
    ``undated`` columns plus ``earliest``, ``latest``, ``estimate`` (Timestamps),
    ``date_precision`` (``day``, ``week``, ``month``, ``year``, ``range``),
    ``chronology_id`` (linked ``chronology.csv`` event or ""), ``group_id`` (same event
    across articles) and ``n_articles`` (articles reporting the group).
    """
    if undated.empty:
        return pd.DataFrame(columns=RESOLVED_COLUMNS)
    out = undated.copy()
    out["participants"] = _people(undated, mentions)
    art = dates.drop_duplicates("article_id").set_index("article_id")
    a_lo = pd.to_datetime(out["article_id"].map(art["earliest"]))
    a_hi = pd.to_datetime(out["article_id"].map(art["latest"]))
    a_est = pd.to_datetime(out["article_id"].map(art["estimate"]))
    found = _sentence_dates(undated, expressions)
    lo, hi, est = [], [], []
    # Where a chronology event may be looked for: the event's own window, widened to the article's
    # interval when the expression was resolved against the article's (uncertain) estimate
    # ("mardi", "hier"); a weekday then has to fall on the chronology date.
    window, weekday = [], []
    for k, f in enumerate(found):
        if f is not None and f[2] == "weekday" and out["status"].iloc[k] == "happened" and pd.notna(a_hi.iloc[k]) and f[0] > a_hi.iloc[k]:
            # A weekday of an act already done is the last such day, not the next ("lundi, X avait menacé").
            back = pd.Timedelta(days=7 * -(-(f[0] - a_hi.iloc[k]).days // 7))
            f = found[k] = (f[0] - back, f[1] - back, f[2])
        relative = f is not None and f[2] in ("weekday", "relative")
        window.append((min(f[0], a_lo.iloc[k]), max(f[1], a_hi.iloc[k])) if relative and pd.notna(a_lo.iloc[k]) else None)
        weekday.append(f[0].weekday() if f is not None and f[2] == "weekday" else None)
        if f is not None:
            lo.append(f[0])
            hi.append(f[1])
            est.append(f[0] + (f[1] - f[0]) / 2 if f[1] > f[0] else f[0])
        elif out["status"].iloc[k] in _AHEAD and pd.notna(a_hi.iloc[k]):
            # A planned or proposed event without a date of its own lies after the article,
            # within PLANNED_HORIZON (the chronology link, if any, then fixes its day).
            lo.append(a_lo.iloc[k])
            hi.append(a_hi.iloc[k] + PLANNED_HORIZON)
            est.append(a_est.iloc[k])
        else:
            lo.append(a_lo.iloc[k])
            hi.append(a_hi.iloc[k])
            est.append(a_est.iloc[k])
    out["earliest"], out["latest"], out["estimate"] = pd.to_datetime(lo), pd.to_datetime(hi), pd.to_datetime(est)
    out["estimate"] = out["estimate"].dt.normalize()
    # Chronology link: a known event of the same family, participants and place inside the window.
    links = []
    one = pd.Timedelta(days=1)
    for k, r in enumerate(out.itertuples()):
        best, best_s = None, 0.0
        if pd.isna(r.earliest) or pd.isna(r.latest):
            links.append(None)
            continue
        w_lo, w_hi = window[k] or (r.earliest, r.latest)
        for ev in candidates(set(r.participants), r.place):
            if ev.start_ts > w_hi + one or ev.end_ts < w_lo - one:
                continue
            outside = window[k] is not None and not (r.earliest - one <= ev.start_ts <= r.latest + one)
            if outside and (weekday[k] is None or ev.start_ts.weekday() != weekday[k]):
                continue  # outside the expression's own window, only a chronology date on the named weekday
            s = link_score(r.type, set(r.participants), r.place, ev)
            if pd.notna(r.estimate):
                s -= abs((ev.start_ts - r.estimate).days) / 10000
            if s > best_s:
                best, best_s = ev, s
        links.append(best)
    out["chronology_id"] = [b.event_id if b is not None else "" for b in links]
    for k, b in enumerate(links):
        if b is not None:
            out.iloc[k, out.columns.get_loc("earliest")] = b.start_ts
            out.iloc[k, out.columns.get_loc("latest")] = b.end_ts
            out.iloc[k, out.columns.get_loc("estimate")] = b.start_ts
    out = _dedupe(out)
    out["date_precision"] = [_precision(a, b) if pd.notna(a) and pd.notna(b) else "range" for a, b in zip(out["earliest"], out["latest"], strict=True)]
    out["group_id"], out["n_articles"] = _group(out)
    return out[RESOLVED_COLUMNS].reset_index(drop=True)
