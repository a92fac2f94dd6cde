"""Links between events and ``chronology.csv``: candidates for dating articles, and the best
known event for a dated event.

This module reads the chronology itself (it must not import :mod:`diplolib.dates`, which
consumes :func:`chronology_candidates`).
"""

from __future__ import annotations

import functools
import re

import pandas as pd

from diplolib import reference
from diplolib.events.lexicon import FAMILY
from diplolib.reference import read_table, reference_file
from diplolib.text import fold, fold_phrase

#: Sentences of an article's lead (one more when the article has a title).
LEAD_SENTENCES = 3
#: Event families whose chronology rows date articles (contacts are what a lead reports).
CONTACT_FAMILIES = ("contact", "call", "video")
CANDIDATE_COLUMNS = ["article_id", "sent_idx", "contact_type", "event_id", "event_start", "event_end", "description", "score"]


@functools.cache
def _chronology(stamp: float) -> pd.DataFrame:
    chrono = reference.chronology().copy()
    chrono["family"] = chrono["type"].map(_family)
    return chrono


def chronology() -> pd.DataFrame:
    """``chronology.csv`` with ``start_ts``/``end_ts``, ``participant_set``, ``place_key``, ``family``."""
    return _chronology(reference_file("chronology.csv").stat().st_mtime)


@functools.cache
def _index(stamp: float) -> tuple[list, dict[str, list[int]]]:
    rows = list(chronology().query("family != ''").itertuples())
    by: dict[str, list[int]] = {}
    for k, r in enumerate(rows):
        for key in [*r.participant_set, *([f"@{r.place_key}"] if r.place_key else [])]:
            by.setdefault(key, []).append(k)
    return rows, by


def candidates(participants: set[str], place: str) -> list:
    """Chronology rows (with a family) that share a participant or the place: the only rows
    :func:`link_score` can accept (an inverted index, so that 10,000 articles are not each
    compared with every row)."""
    rows, by = _index(reference_file("chronology.csv").stat().st_mtime)
    keys = [*participants, *([f"@{fold_phrase(place)}"] if place else [])]
    return [rows[k] for k in sorted({k for key in keys for k in by.get(key, [])})]


def _family(type_: str) -> str:
    """Link family: :data:`FAMILY`, except that video calls (rare, distinctive) link only to video
    calls and ``other`` (elections, votes, arrests…) links to nothing."""
    if type_ == "other":
        return ""
    return "video" if type_ == "video_call" else FAMILY.get(type_, "")


@functools.cache
def _states() -> frozenset[str]:
    a = read_table("actors.csv")
    return frozenset(a.loc[a["type"] == "state", "actor_id"])


def link_score(type_: str, participants: set[str], place: str, event) -> float:
    """How well an event matches a chronology row (0 = incompatible): same family, shared
    people or institutions (two needed unless the place agrees), same place when both name one (+2; another
    city vetoes, a country name — "en Russie" for "Sotchi" — is ignored)."""
    fam = _family(type_)
    if not fam or fam != event.family:
        return 0.0
    score = 1.0
    # States are in every US–Russia event: only people and institutions identify one.
    overlap = (participants & event.participant_set) - _states()
    score += min(len(overlap), 3)
    key = fold_phrase(place) if place else ""
    if key and event.place_key and key != event.place_key:
        if key not in _countries():
            return 0.0
        # Texts name the country ("en Russie") where the chronology names the city ("Sotchi").
        key = ""
    elif key and event.place_key:
        score += 2.0
    if len(overlap) < 2 and not (key and key == event.place_key):
        return 0.0
    return score


@functools.cache
def _countries() -> frozenset[str]:
    """Folded names and aliases of the states in ``actors.csv``."""
    a = read_table("actors.csv")
    a = a[a["type"] == "state"]
    names = list(a["name"]) + [x for cell in a["aliases"] for x in cell.split("|") if x]
    return frozenset(fold_phrase(n) for n in names)


@functools.cache
def _weekday_pattern() -> tuple[re.Pattern, dict[str, int]]:
    """French weekday names (:func:`diplolib.corpus.stamps.weekday_names`, from dateparser) as one pattern."""
    from diplolib.corpus.stamps import weekday_names

    names = weekday_names()
    alt = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    return re.compile(rf"\b({alt})\b"), names


def chronology_candidates(corpus, undated: pd.DataFrame, surface: pd.DataFrame | None = None) -> pd.DataFrame:
    """Chronology events matching the events of each article's lead (title + first sentences).

    Date-free soft evidence for :func:`diplolib.dates.article_dates` (its ``links``).
    Participants are the event's actors plus, when ``surface`` is given, every past or
    present holder of an office named in the same sentence. A weekday named in the
    lead that falls on the chronology date adds 1 to the score. Only each article's
    best-scoring rows are kept.

    Columns: ``article_id``, ``sent_idx``, ``contact_type`` (the event type),
    ``event_id`` (chronology id), ``event_start``, ``event_end``, ``description``, ``score``.
    """
    if undated.empty:
        return pd.DataFrame(columns=CANDIDATE_COLUMNS)
    titled = {r.article_id for r in corpus.ok.itertuples() if isinstance(r.title, str) and r.title}
    depth = undated["article_id"].map(lambda a: LEAD_SENTENCES + (1 if a in titled else 0))
    lead = undated[(undated["sent_idx"] < depth) & (undated["status"] != "denied") & undated["type"].map(_family).isin(CONTACT_FAMILIES)]
    holders: dict[tuple[str, int], set[str]] = {}
    if surface is not None and not surface.empty:
        from diplolib.actors import gazetteer

        tenures = gazetteer().tenures.groupby("office_id")["actor_id"].agg(set).to_dict()
        roles = surface[surface["kind"].isin(["role", "roles"])]
        for aid, sid, target in zip(roles["article_id"], roles["sent_idx"], roles["target"], strict=True):
            for office in str(target).split("|"):
                holders.setdefault((aid, int(sid)), set()).update(tenures.get(office, set()))
    sents = corpus.sentences
    lead_text = sents[sents["sent_idx"] < sents["article_id"].map(lambda a: LEAD_SENTENCES + (1 if a in titled else 0))]
    pattern, names = _weekday_pattern()
    weekdays: dict[str, set[int]] = {}
    for aid, text in zip(lead_text["article_id"], lead_text["text"], strict=True):
        for m in pattern.finditer(fold(str(text))):
            weekdays.setdefault(aid, set()).add(names[m.group(1)])
    lead_place = lead[lead["place"] != ""].groupby("article_id")["place"].first().to_dict()
    out = []
    for r in lead.itertuples():
        parts = set(r.participants) | holders.get((r.article_id, r.sent_idx), set())
        place = r.place or lead_place.get(r.article_id, "")
        for ev in candidates(parts, place):
            s = link_score(r.type, parts, place, ev)
            if s > 0:
                s += 1.0 if ev.start_ts.weekday() in weekdays.get(r.article_id, set()) else 0.0
                out.append((r.article_id, r.sent_idx, r.type, ev.event_id, ev.start_ts, ev.end_ts, ev.description, s))
    frame = pd.DataFrame(out, columns=CANDIDATE_COLUMNS)
    if frame.empty:
        return frame
    best = frame.groupby("article_id")["score"].transform("max")
    return frame[frame["score"] >= best].drop_duplicates(["article_id", "event_id"]).reset_index(drop=True)
