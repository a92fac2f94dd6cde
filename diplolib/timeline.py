"""The timeline of diplomatic events: the pipeline around :mod:`diplolib.events`.

:func:`events` runs extraction, resolution and grouping for a corpus. :func:`contacts`
is a thin alias kept for notebooks written before events existed: the contact-family
events (meetings, talks, visits, summits, calls) in the old one-row-per-contact shape.
:func:`lead_contact_links` is the old name of :func:`diplolib.events.chronology_candidates`
(used by :func:`diplolib.dates.article_dates` until it takes ``links``).
"""

from __future__ import annotations

import pandas as pd

from diplolib import events as ev

CONTACT_COLUMNS = [
    "contact_id", "type", "participants", "participant_names", "place", "earliest", "latest", "estimate", "precision",
    "status", "article_ids", "n_articles", "evidence", "sentence_keys", "event_id", "event_description",
]
_CONTACT_FAMILIES = {"contact", "call"}


def events(corpus, found: pd.DataFrame | None = None, dates: pd.DataFrame | None = None, surface: pd.DataFrame | None = None, expressions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Dated events of a corpus (:func:`diplolib.events.resolve` columns); missing inputs are computed."""
    from diplolib import actors
    from diplolib import dates as dates_mod

    surface = actors.surface_mentions(corpus) if surface is None else surface
    dates = dates_mod.article_dates(corpus) if dates is None else dates
    found = actors.mentions(corpus, dates) if found is None else found
    expressions = dates_mod.expressions(corpus, dates) if expressions is None else expressions
    return ev.resolve(ev.extract(corpus, surface), dates, found, expressions)


def lead_contact_links(corpus, surface: pd.DataFrame) -> pd.DataFrame:
    """Alias of :func:`diplolib.events.chronology_candidates` on the corpus's undated events."""
    return ev.chronology_candidates(corpus, ev.extract(corpus, surface), surface)


def contacts_from_events(table: pd.DataFrame, corpus=None) -> pd.DataFrame:
    """Contact-family events grouped into one row per contact (the pre-events ``contacts`` shape).

    ``evidence`` holds the evidence spans (the sentences when ``corpus`` is given);
    ``event_id`` / ``event_description`` are the linked chronology event.
    """
    from diplolib.actors import gazetteer

    part = table[table["type"].map(ev.FAMILY).isin(_CONTACT_FAMILIES)]
    if part.empty:
        return pd.DataFrame(columns=CONTACT_COLUMNS)
    g = gazetteer().actors
    chrono = ev.chronology.chronology().set_index("event_id")["description"].to_dict()
    sentences = corpus.sentences.set_index(["article_id", "sent_idx"])["text"].to_dict() if corpus is not None else {}
    rank = {"happened": 0, "planned": 1, "proposed": 2, "cancelled": 3, "denied": 4}
    rows = []
    for n, (_, grp) in enumerate(sorted(part.groupby("group_id", sort=False), key=lambda kv: (kv[1]["earliest"].min(), kv[0])), 1):
        people = list(dict.fromkeys(p for ps in grp["participants"] for p in ps))
        keys = list(zip(grp["article_id"], grp["sent_idx"], strict=True))
        cid = next((c for c in grp["chronology_id"] if c), "")
        rows.append({
            "contact_id": f"C{n:03d}", "type": grp["type"].value_counts().index[0], "participants": people,
            "participant_names": [g.at[p, "name"] if p in g.index else p for p in people],
            "place": next((p for p in grp["place"] if p), ""), **_common_interval(grp), "precision": grp["date_precision"].iloc[0],
            "status": min(grp["status"], key=lambda s: rank.get(s, 9)), "article_ids": list(dict.fromkeys(grp["article_id"])),
            "n_articles": grp["article_id"].nunique(), "evidence": [sentences.get(k, "") for k in keys], "sentence_keys": keys,
            "event_id": cid, "event_description": chrono.get(cid, ""),
        })
    return pd.DataFrame(rows, columns=CONTACT_COLUMNS)


def _common_interval(grp: pd.DataFrame) -> dict[str, pd.Timestamp]:
    """``earliest``/``latest``/``estimate`` of one grouped contact: the intersection of its
    reports' intervals, or their hull when they do not overlap (grouping is transitive); the
    estimate is the first report's, clipped into that interval."""
    lo, hi = grp["earliest"].max(), grp["latest"].min()
    if lo > hi:
        lo, hi = grp["earliest"].min(), grp["latest"].max()
    est = grp["estimate"].iloc[0]
    return {"earliest": lo, "latest": hi, "estimate": min(max(est, lo), hi) if pd.notna(est) else est}


def contacts(corpus, found: pd.DataFrame | None = None, dates: pd.DataFrame | None = None) -> pd.DataFrame:
    """Thin alias: :func:`contacts_from_events` of :func:`events` (meetings, talks, visits, summits, calls)."""
    return contacts_from_events(events(corpus, found, dates), corpus)


def coverage(contacts_table: pd.DataFrame, memory: pd.DataFrame) -> pd.DataFrame:
    """Which chronology events the corpus speaks of, and how.

    ``contacts_table``: :func:`contacts` (``event_id``, ``article_ids``) or an events table
    (``chronology_id``, ``article_id``). Columns: ``event_id``, ``date``, ``type``,
    ``description``, ``as_contact`` (articles reporting it as an event), ``as_reference``
    (articles referring back to it), ``articles`` (distinct articles).
    """
    chrono = ev.chronology.chronology()
    as_contact: dict[str, set[str]] = {}
    if "chronology_id" in contacts_table:
        for cid, aid in zip(contacts_table["chronology_id"], contacts_table["article_id"], strict=True):
            if cid:
                as_contact.setdefault(cid, set()).add(aid)
    else:
        for r in contacts_table.itertuples():
            if r.event_id:
                as_contact.setdefault(r.event_id, set()).update(r.article_ids)
    as_ref = memory.groupby("event_id")["article_id"].agg(set).to_dict() if not memory.empty else {}
    ids = sorted(set(as_contact) | set(as_ref))
    rows = []
    for e in chrono[chrono["event_id"].isin(ids)].itertuples():
        c, r = as_contact.get(e.event_id, set()), as_ref.get(e.event_id, set())
        rows.append((e.event_id, e.start_ts.strftime("%Y-%m-%d"), e.type, e.description, len(c), len(r), len(c | r)))
    frame = pd.DataFrame(rows, columns=["event_id", "date", "type", "description", "as_contact", "as_reference", "articles"])
    return frame.sort_values("date").reset_index(drop=True)


def overview(table: pd.DataFrame, corpus=None) -> pd.DataFrame:
    """Events for reading: date, type, CAMEO root, Goldstein, status, direction, participants,
    topics, place, chronology link, articles in the group, evidence (from ``corpus`` when given)."""
    from diplolib.actors import gazetteer

    g = gazetteer().actors
    names = table["participants"].map(lambda ps: ", ".join(g.at[p, "name"] if p in g.index else p for p in ps))
    texts = dict(zip(corpus.ok["article_id"], corpus.ok["text"], strict=True)) if corpus is not None else {}
    evidence = [texts.get(a, "")[s:e] for a, s, e in zip(table["article_id"], table["start_char"], table["end_char"], strict=True)]
    return pd.DataFrame({
        "date": table["estimate"].dt.strftime("%Y-%m-%d"), "precision": table["date_precision"], "type": table["type"],
        "cameo": table["cameo_code"], "goldstein": table["goldstein"], "status": table["status"],
        "direction": ev.index_module.direction(table) if len(table) else [], "participants": names,
        "topics": table["topics"].map(", ".join), "place": table["place"], "known_event": table["chronology_id"],
        "n_articles": table["n_articles"], "evidence": [e if len(e) <= 120 else e[:117] + "…" for e in evidence],
    })
