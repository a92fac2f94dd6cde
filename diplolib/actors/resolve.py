"""Resolved actor mentions: role phrases and counterparts to office holders on the article's date."""

from __future__ import annotations

import pandas as pd

from diplolib.actors.gazetteer import Gazetteer, _key, _split, gazetteer
from diplolib.actors.offices import office_holders, offices_of
from diplolib.actors.scan import surface_mentions

#: Columns of :func:`mentions`.
MENTION_COLUMNS = [
    "article_id", "sent_idx", "start_char", "end_char", "surface", "actor_id", "name", "type", "side",
    "method", "confidence", "office_id", "ambiguous",
]
METHODS = ("name", "alias", "surname", "role", "metonym", "counterpart")

#: Interval used for an article without a date (no ``dates`` given): every tenure on file.
_UNDATED = (pd.Timestamp("2013-01-01"), pd.Timestamp.today().normalize())


def _intervals(dates: pd.DataFrame | None) -> dict[str, tuple[pd.Timestamp, pd.Timestamp, pd.Timestamp | None]]:
    """``article_id → (earliest, latest, estimate)`` from an article-dates table."""
    if dates is None or dates.empty:
        return {}
    estimate = dates["estimate"] if "estimate" in dates else pd.Series(pd.NaT, index=dates.index)
    return {
        a: (pd.Timestamp(lo), pd.Timestamp(hi), None if pd.isna(est) else pd.Timestamp(est))
        for a, lo, hi, est in zip(dates["article_id"], dates["earliest"], dates["latest"], estimate, strict=True)
    }


def _pick(holders: list[tuple[str, float]], named: set[str], estimate: pd.Timestamp | None, office: str) -> tuple[list[tuple[str, float]], bool]:
    """Narrow the holders of an office over an article's interval to the one it means.

    Several people held the office during the interval (an article dated only to
    a year, say). In order: a holder the article names elsewhere (it is about
    them); else the holder on the article's estimated day, flagged ambiguous
    with its share of the interval as confidence; else — no estimate — every
    holder, each flagged ambiguous. Returns ``(holders, ambiguous)``.
    """
    if len(holders) <= 1:
        return holders, False
    mentioned = [h for h in holders if h[0] in named]
    if len(mentioned) == 1:
        return [(mentioned[0][0], 1.0)], False
    if estimate is not None:
        on_day = office_holders(office, estimate)
        if on_day:
            share = dict(holders).get(on_day[0][0], 0.0)
            return [(on_day[0][0], share)], True
    return holders, True


def mentions(corpus, dates: pd.DataFrame | None = None, surface: pd.DataFrame | None = None) -> pd.DataFrame:
    """Resolved actor mentions of every ``ok`` article, one row per (mention, actor).

    Parameters
    ----------
    corpus:
        A :class:`diplolib.Corpus` (articles + annotations).
    dates:
        Per-article date intervals (``article_id``, ``earliest``, ``latest``,
        optionally ``estimate``), e.g. from :func:`diplolib.dates.article_dates`.
        Without it, role phrases are resolved over every tenure on file.
    surface:
        Date-free mentions from :func:`surface_mentions` (computed when omitted;
        pass them when you already have them — they are not recomputed).

    Returns
    -------
    DataFrame with columns:

    - ``article_id``, ``sent_idx``: where (leads back to the sentence text);
    - ``start_char``, ``end_char``, ``surface``: the span in the clean text;
    - ``actor_id``, ``name``, ``type``, ``side``: who (from ``actors.csv``);
    - ``method``: ``name``, ``alias``, ``surname``, ``role``, ``metonym`` or ``counterpart``;
    - ``confidence`` (0–1): 1 for a full name; lower for surnames, roles,
      counterparts; the share of the article's interval for a role holder
      picked by the estimated day;
    - ``office_id``: the office of a role/counterpart mention;
    - ``ambiguous``: True when the text alone does not settle who is meant —
      a surname shared by several actors (one row each), or a role phrase
      whose interval spans several holders (one row: the holder on the
      estimated day, see :func:`_pick`; one row per holder when no estimate).
    """
    g = gazetteer()
    surface = surface_mentions(corpus) if surface is None else surface
    intervals = _intervals(dates)
    out: list[tuple] = []
    for aid, group in surface.groupby("article_id", sort=False):
        lo, hi, estimate = intervals.get(aid, (*_UNDATED, None))
        interval = (lo, hi)
        rows = group.to_dict("records")
        named_all = {r["target"] for r in rows if r["kind"] in ("name", "alias") or (r["kind"] == "surname" and "|" not in r["target"])}
        resolved: list[tuple] = []  # rows of this article, for antecedents
        named: dict[str, str] = {}  # surname key → actor named in full earlier
        for i, m in enumerate(rows):
            base = (aid, m["sent_idx"], m["start_char"], m["end_char"], m["surface"])
            kind, target = m["kind"], m["target"]
            if kind in ("name", "alias", "metonym"):
                resolved.append((*base, target, kind, 1.0 if kind == "name" else 0.95, "", False))
                surname = g.actors.at[target, "surname"]
                if surname:
                    named[_key(surname)] = target
            elif kind == "surname":
                options = target.split("|")
                earlier = named.get(_key(m["surface"].split(".")[-1]))
                if earlier:
                    resolved.append((*base, earlier, "surname", 0.95, "", False))
                elif len(options) == 1:
                    resolved.append((*base, options[0], "surname", 0.85, "", False))
                else:
                    resolved += [(*base, a, "surname", 0.85 / len(options), "", True) for a in options]
            elif kind in ("role", "roles") and not m["former"]:
                apposed = _apposed_name(rows, i, g) if kind == "role" else None
                if apposed is not None:
                    # "le porte-parole du département d'État, Marie Harf": the name says who.
                    resolved.append((*base, apposed, "role", 0.9, target, False))
                    continue
                for office in target.split("|"):
                    holders, ambiguous = _pick(office_holders(office, lo, hi), named_all, estimate, office)
                    single = g.roles.at[office, "single_holder"] == "true"
                    if len(holders) == 1 and not ambiguous:
                        resolved.append((*base, holders[0][0], "role", 0.9 if single else 0.6, office, False))
                    else:
                        resolved += [(*base, a, "role", round(0.9 * sh, 3), office, True) for a, sh in holders]
            elif kind == "counterpart":
                side = m["side"] if isinstance(m["side"], str) else None
                resolved += _resolve_counterpart(base, side, resolved, interval, estimate, named_all, g)
        out += resolved
    frame = pd.DataFrame(out, columns=["article_id", "sent_idx", "start_char", "end_char", "surface", "actor_id", "method", "confidence", "office_id", "ambiguous"])
    meta = g.actors[["name", "type", "side"]]
    frame = frame.join(meta, on="actor_id")
    frame["confidence"] = frame["confidence"].astype(float)
    frame["ambiguous"] = frame["ambiguous"].astype(bool)
    return frame[MENTION_COLUMNS].sort_values(["article_id", "start_char", "actor_id"], kind="stable").reset_index(drop=True)


def _apposed_name(rows: list[dict], i: int, g: Gazetteer) -> str | None:
    """The person named right after the role phrase ``rows[i]`` (", " or " " between them), if any.

    ``rows`` are one article's surface mentions sorted by ``start_char``, so the
    candidates are the rows that follow ``i`` within 3 characters.
    """
    end = rows[i]["end_char"]
    for r in rows[i + 1 :]:
        if r["start_char"] > end + 3:
            break
        if r["start_char"] >= end and r["kind"] in ("name", "alias", "surname") and "|" not in r["target"]:
            return r["target"] if g.actors.at[r["target"], "type"] == "person" else None
    return None


def _resolve_counterpart(base: tuple, side: str | None, resolved: list[tuple], interval, estimate, named: set[str], g: Gazetteer) -> list[tuple]:
    """"son homologue X": counterpart office of the nearest preceding person mention."""
    sent_idx = base[1]
    for row in reversed(resolved):
        if row[1] < sent_idx - 2 or row[9] or g.actors.at[row[5], "type"] != "person":
            continue
        antecedent_side = g.actors.at[row[5], "side"]
        if side is not None and side == antecedent_side:
            continue
        offices = [row[8]] if row[8] else offices_of(row[5], *interval)
        for office in offices:
            mapping = dict(p.split(":", 1) for p in _split(g.roles.at[office, "counterpart"]) if ":" in p) if office in g.roles.index else {}
            wanted = side or {"RU": "US", "US": "RU"}.get(antecedent_side) or next(iter(mapping), None)
            target = mapping.get(wanted) if wanted else None
            if not target:
                continue
            holders, ambiguous = _pick(office_holders(target, *interval), named, estimate, target)
            confidence = 0.8 if side else 0.6
            if len(holders) == 1 and not ambiguous:
                return [(*base, holders[0][0], "counterpart", confidence, target, False)]
            return [(*base, a, "counterpart", round(confidence * s, 3), target, True) for a, s in holders]
    return []
