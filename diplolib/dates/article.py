"""An honest event date for every article: hard constraints, then soft evidence that agrees.

1. **Hard constraints** (:mod:`diplolib.dates.constraints`) define the feasible set:
   office tenures of people named in their role, "not before" dated landmarks and
   explicit past dates, anniversaries and durations counted from a landmark, and
   "not after" the publication date when one is known. Where they conflict, the
   span with the largest agreeing weight is kept.
2. **Soft evidence** narrows it and pins a day, in this order (``pinned_by``):
   ``date+published`` / ``relative+published`` / ``published`` — the publication
   date (metadata, stamp or dateline) and the day or relative word of the lead
   resolved against it; ``date`` — a day stated in the lead ("lundi 3 octobre",
   "le 7 novembre 2024"; a missing year is chosen inside the feasible set);
   ``relative+chronology`` — a planned event matched in the chronology with the
   announcement's weekday before it; ``chronology`` — a chronology match (``links``)
   compatible with the hard constraints; ``date_body`` — the latest day stated
   elsewhere; ``header`` — the file's header month; ``month`` — a month stated in
   the lead; ``hard`` — nothing narrows the feasible set. A soft clue that falls
   outside the feasible set is discarded; so is a chronology match, a stated day
   or a landmark on another weekday than the one the lead gives the story. A day without year that leaves
   several years open takes the years in which the people the article names held
   office (:func:`named_window`), and the occurrence nearest a known event that
   another day without year of the article falls on; a day told in a pluperfect
   sentence is background.
3. **Confidence** is the dev-set share of articles whose gold date fell inside the
   interval for the same ``pinned_by`` (``data/reference/date_confidence.csv``,
   built by ``bench/calibrate_dates.py``).
"""

from __future__ import annotations

import functools
import re

import pandas as pd

from diplolib.corpus.stamps import find_stamps
from diplolib.dates.constraints import (
    WEIGHTS,
    Constraint,
    best_interval,
    precision,
    tenure_constraints,
)
from diplolib.dates.known_events import _anniversary_bases, chronology, landmarks
from diplolib.dates.tagger import (
    _duration_days,
    _Expr,
    _future_sentences,
    _month_bounds,
    _pluperfect_sentences,
    _raw,
    _resolve,
)
from diplolib.reference import read_table
from diplolib.text import fold, fold_phrase

ARTICLE_DATE_COLUMNS = [
    "article_id", "source", "earliest", "latest", "estimate", "precision", "confidence", "evidence",
    "evidence_types", "header_month", "header_conflict", "header_conflict_reason", "published",
    "published_source", "pinned_by",
]
#: Earliest date the suite reasons about; the latest is today or the latest publication date.
EARLIEST = pd.Timestamp("2000-01-01")
#: Sentences that count as the lead (title + first sentences), where the main event is stated.
LEAD = 4
#: A news report is written within this many days after the event it reports.
REPORT_LAG = 7
#: Days after a landmark named in the opening within which the story's day is looked for.
LANDMARK_SPAN = 30
#: Year cues that state a deadline or a plan, not a past fact ("d'ici 2030", "jusqu'en 2026").
_NOT_PAST_CUES = {"d'ici", "avant", "jusqu'en", "entre"}


@functools.cache
def _caption_pattern() -> re.Pattern:
    cues = sorted((fold_phrase(c) for c in read_table("caption_cues.csv")["cue"] if c.strip()), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(c) for c in cues) + r")(?!\w)")


def caption_sentences(corpus) -> set[tuple[str, int]]:
    """``(article_id, sent_idx)`` of sentences on a line that holds a photo caption/credit cue
    (``caption_cues.csv``); the whole line counts, since sentence splitters cut captions at the credit."""
    pattern = _caption_pattern()
    spans: dict[str, list[tuple[int, int]]] = {}
    for art in corpus.ok.itertuples():
        start = 0
        for line in art.text.split("\n"):
            if pattern.search(fold(line)):
                spans.setdefault(art.article_id, []).append((start, start + len(line)))
            start += len(line) + 1
    out = set()
    for r in corpus.sentences[corpus.sentences["article_id"].isin(list(spans))].itertuples():
        if any(a <= r.start_char < b for a, b in spans[r.article_id]):
            out.add((r.article_id, r.sent_idx))
    return out


def horizon(corpus, today: pd.Timestamp | None = None) -> tuple[pd.Timestamp, pd.Timestamp]:
    """``(EARLIEST, latest)``: latest = the later of today and the corpus' latest full publication date."""
    today = pd.Timestamp.today().normalize() if today is None else pd.Timestamp(today)
    pubs = [parse_published(p)[0] for p in corpus.ok.get("published", pd.Series(dtype=object))]
    pubs = [p for p in pubs if p is not None]
    return EARLIEST, max([today, *pubs])


def parse_published(value) -> tuple[pd.Timestamp | None, tuple[int, int] | None]:
    """``published`` text → (full day, None) or (None, (month, day)) for ``--MM-DD``; else (None, None).

    A month (``YYYY-MM``) or a year alone is too coarse to anchor weekdays and
    is returned as ``(None, None)``.
    """
    if not isinstance(value, str) or not value:
        return None, None
    if value.startswith("--"):
        try:
            return None, (int(value[2:4]), int(value[5:7]))
        except ValueError:
            return None, None
    if len(value) >= 10:
        try:
            return pd.Timestamp(value[:10]), None
        except ValueError:
            return None, None
    return None, None


@functools.cache
def _calibration_cached() -> dict[str, float]:
    try:
        table = read_table("date_confidence.csv")
    except FileNotFoundError:
        return {}
    out = {r.pinned_by: float(r.confidence) for r in table.itertuples()}
    n, covered = table["n"].astype(int).sum(), table["covered"].astype(int).sum()
    out["*"] = round((covered + 1) / (n + 2), 3)  # a pattern not seen in calibration: the pooled rate
    return out


def confidence_for(pinned_by: str) -> float:
    """Calibrated share of dev-set articles whose gold fell in the interval, for this ``pinned_by``
    (the pooled share for a pattern the calibration did not see; NaN without a calibration table)."""
    table = _calibration_cached()
    return table.get(pinned_by, table.get("*", float("nan")))


def _years_for(month: int, day: int, lo: pd.Timestamp, hi: pd.Timestamp, hint: int | None, weekday: int | None = None) -> list[pd.Timestamp]:
    """Occurrences of day/month inside [lo, hi] (on ``weekday`` when the text names it: "jeudi 29 mars");
    several left and a year hint: the one of that year (or the first after it)."""
    out = []
    for year in range(lo.year, hi.year + 1):
        try:
            d = pd.Timestamp(year=year, month=month, day=day)
        except ValueError:
            continue
        if lo <= d <= hi and (weekday is None or d.weekday() == weekday):
            out.append(d)
    if len(out) > 1 and hint is not None:
        later = [d for d in out if d.year >= hint]
        out = later[:1] or out[-1:]
    return out


def _on_known_event(options: list[pd.Timestamp], before: int, after: int, actors: frozenset[str] = frozenset()) -> list[pd.Timestamp]:
    """Options with a chronology event starting within [option − before, option + after] days.

    When the article names actors, only events involving one of them count (a
    day/month shared with an unrelated event is a coincidence, not a year).
    """
    chrono = chronology()
    starts = chrono["start_ts"]

    def keep(rows: pd.Series) -> list[pd.Timestamp]:
        days = pd.DatetimeIndex(sorted(starts[rows].dropna().unique()))
        out = []
        for d in options:
            i = days.searchsorted(d - pd.Timedelta(days=before))
            if i < len(days) and days[i] <= d + pd.Timedelta(days=after):
                out.append(d)
        return out

    if actors:
        out = keep(chrono["participant_set"].map(lambda p: bool(p & actors)))
        people = actors & _people()
        if len(out) > 1 and people:  # several years left: those where an event of a named person falls
            sharper = keep(chrono["participant_set"].map(lambda p: bool(p & people)))
            out = [d for d in out if d in sharper] or out
        return out
    return keep(pd.Series(True, index=chrono.index))


@functools.cache
def _people() -> frozenset[str]:
    """Actor ids of persons (not states, institutions or organisations) in the gazetteer."""
    from diplolib.actors import gazetteer

    a = gazetteer().actors
    return frozenset(a.loc[a["type"] == "person", "actor_id"])


@functools.cache
def _event_places_cached(stamp: float) -> dict[str, str]:
    chrono = chronology()
    return dict(zip(chrono["event_id"], chrono["place_key"], strict=True))


def _event_places() -> dict[str, str]:
    """Chronology ``event_id`` → folded first place name ("" when none); re-read when the file changes."""
    from diplolib.reference import reference_file

    return _event_places_cached(reference_file("chronology.csv").stat().st_mtime)


def _weekday_before(day: pd.Timestamp, weekday: int, strict: bool) -> pd.Timestamp:
    back = (day.weekday() - weekday) % 7
    if strict and back == 0:
        back = 7
    return day - pd.Timedelta(days=back)


def named_window(actor_ids: frozenset[str] | set[str]) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """Soft window where every person the article names (by name, not role) held an office.

    Each named office holder contributes the hull of their tenures
    (``actors.csv``/``offices.csv`` via the gazetteer); the window is the
    intersection of those hulls, or None when nobody named held an office or the
    hulls do not meet. People are mostly named while they are in office, so this
    chooses between years a day without year leaves open ("le 11 novembre"
    with Rex Tillerson named: 2017); it is never a hard constraint ("l'ancien
    secrétaire d'État John Kerry").
    """
    from diplolib.actors import gazetteer

    hull = gazetteer().office_hull
    spans = [hull[a] for a in actor_ids if a in hull]
    if not spans:
        return None
    lo, hi = max(s[0] for s in spans), min(s[1] for s in spans)
    return (lo, hi) if lo <= hi else None


def _weekday_agreeing(links: pd.DataFrame, in_lead: list[tuple[int, _Expr]], future_sents: set[int],
                      shifts: dict[int, int] | None = None) -> pd.DataFrame:
    """Chronology matches whose days agree with the weekday the lead gives the story ("samedi").

    When the lead names a past weekday (not "prochain", not in a future/conditional
    sentence), a match is kept only if that weekday falls on a day of the event or
    the day after it (an evening in Washington is the next day in Europe); a match
    in or after a future sentence (a planned event, dated by its announcement) is
    kept as it is; ``shifts`` (sentence → days) moves the event's days for a match
    whose sentence counts "N jours après" it. The weekday of a story is hard to get
    wrong, so a match on another weekday is another event.
    """
    shifts = shifts or {}
    told = {e.info["weekday"] for s, e in in_lead if e.kind == "weekday" and e.info.get("rel") != "prochain" and s not in future_sents}
    if not told or links.empty:
        return links
    first_future = min(future_sents, default=None)

    def agrees(row) -> bool:
        if first_future is not None and int(row.sent_idx) >= first_future:
            return True
        end = row.event_end if pd.notna(row.event_end) and row.event_end >= row.event_start else row.event_start
        shift = pd.Timedelta(days=shifts.get(int(row.sent_idx), 0))
        days = pd.date_range(row.event_start + shift, end + shift + pd.Timedelta(days=1))
        return bool(told & set(days.weekday))

    return links[[agrees(r) for r in links.itertuples()]]


def _hard(corpus, surface, raw, future, marks, hz) -> dict[str, list[Constraint]]:
    """Hard constraints per article (see module docstring)."""
    out: dict[str, list[Constraint]] = {a: [] for a in corpus.ok["article_id"]}
    for r in raw.itertuples():
        e: _Expr = r.expr
        if e.lo is None or e.kind not in ("date", "month", "year") or (r.article_id, r.sent_idx) in future:
            continue
        if e.kind == "year" and (e.info or {}).get("cue") in _NOT_PAST_CUES:
            continue
        shown = e.lo.date() if e.kind == "date" else e.lo.strftime("%Y-%m" if e.kind == "month" else "%Y")
        out[r.article_id].append(Constraint(e.lo, None, WEIGHTS[e.kind], e.kind, f"sent {r.sent_idx}: mentions {shown} ⇒ not before", r.sent_idx))
    for r in marks.itertuples():
        if (r.article_id, r.sent_idx) in future:
            continue
        out[r.article_id].append(Constraint(r.event_start, None, WEIGHTS["landmark"], "landmark", f"sent {r.sent_idx}: refers to '{r.surface}' ({r.event_start.date()}: {r.description}) ⇒ not before", r.sent_idx))
    chrono = chronology().set_index("event_id")
    bases = _anniversary_bases()
    for r in raw.itertuples():
        e = r.expr
        if e.kind == "anniversary":
            what = fold_phrase(e.info["what"])
            for pattern, event in bases:
                if pattern.search(what):
                    day = chrono.at[event, "start_ts"] + pd.DateOffset(years=e.info["n"])
                    out[r.article_id].append(Constraint(day - pd.Timedelta(days=45), day + pd.Timedelta(days=45), WEIGHTS["anniversary"], "anniversary", f"sent {r.sent_idx}: {e.info['n']}th anniversary of {chrono.at[event, 'start_ts'].date()} ⇒ around {day.date()}", r.sent_idx))
                    break
        elif e.kind == "duration":
            near = marks[(marks["article_id"] == r.article_id) & (marks["sent_idx"] == r.sent_idx) & (marks["start_char"] > e.start)]
            if not near.empty:
                mark = near.iloc[0]
                lo_d, hi_d = _duration_days(e.info)
                lo = mark.event_start + pd.Timedelta(days=lo_d)
                hi = mark.event_start + pd.Timedelta(days=hi_d) if hi_d is not None else None
                out[r.article_id].append(Constraint(lo, hi, WEIGHTS["duration"], "duration", f"sent {r.sent_idx}: duration counted from {mark.event_start.date()} ({mark.surface})", r.sent_idx))
    for aid, c in tenure_constraints(surface):
        out[aid].append(c)
    return out


def _pin(aid: str, exprs: list, future: set, links: pd.DataFrame, feasible: tuple[pd.Timestamp, pd.Timestamp],
         pub: pd.Timestamp | None, pub_md: tuple[int, int] | None, header: str | None, year_hint: int | None,
         lead: int, dateline: tuple[int, int] | None = None, marks: list[tuple[int, pd.Timestamp]] = (),
         named: frozenset[str] = frozenset(), captions: frozenset | set = frozenset(),
         sent_texts: dict[int, str] | None = None, folded_text: str = "",
         window: tuple[pd.Timestamp, pd.Timestamp] | None = None, pluperfect: set | frozenset = frozenset()) -> tuple[pd.Timestamp, pd.Timestamp, pd.Timestamp | None, str, list[str]]:
    """Narrow the feasible set with soft evidence: ``(lo, hi, pinned day or None, pinned_by, reasons)``."""
    f_lo, f_hi = feasible
    sent_texts = sent_texts or {}
    inside = lambda d: d is not None and f_lo - pd.Timedelta(days=1) <= d <= f_hi + pd.Timedelta(days=1)  # noqa: E731
    # days stated in photo captions are the picture's: never the article's day
    past = [(s, e) for s, e in exprs if (aid, s) not in future and (aid, s) not in captions]
    in_lead = [(s, e) for s, e in past if s < lead]
    # days told in a pluperfect sentence ("il l'avait rencontré le 25 avril") are background, never the story's day
    story = [(s, e) for s, e in past if (aid, s) not in pluperfect]

    def in_window(options: list[pd.Timestamp]) -> list[pd.Timestamp]:
        """Of several years a day without year allows, those in which the people named were in office."""
        if len(options) > 1 and window is not None:
            kept = [d for d in options if window[0] <= d <= window[1]]
            return kept or options
        return options

    def yearless(e: _Expr) -> list[pd.Timestamp]:
        return in_window(_years_for(e.info["month"], e.info["day"], f_lo, f_hi, None, e.info.get("weekday")))

    # Days without year share the article's year: when the other days without year of the article
    # hold a known event (of the people named) in exactly one of the open years, a day takes its
    # occurrence nearest that event ("annoncée le 31 août" fixes the year of "à la date du 2 septembre").
    anchored = {id(e): _on_known_event(ds, 1, 1, named) for _s, e in story
                if e.kind == "date" and e.lo is None and len(ds := yearless(e)) > 1}

    def year_anchor(e: _Expr) -> pd.Timestamp | None:
        others = sorted({d for k, ds in anchored.items() if k != id(e) for d in ds})
        return others[0] if others and len({d.year for d in others}) == 1 else None

    def day_of(e: _Expr, anchor: pd.Timestamp | None) -> list[pd.Timestamp]:
        if e.kind != "date":
            return []
        if e.lo is not None:
            return [e.lo]
        if anchor is not None:
            lo, _, _ = _resolve(e, anchor, False)
            return [lo] if lo is not None else []
        options = yearless(e)
        if len(options) > 1 and (near := year_anchor(e)) is not None:
            options = [min(options, key=lambda d: abs((d - near).days))]
        return options

    def relative(anchor: pd.Timestamp, items) -> tuple[pd.Timestamp, int] | None:
        for s, e in items:
            if e.kind == "weekday" or (e.kind == "relative" and e.info.get("word") in ("hier", "avant-hier", "aujourd'hui", "la veille")):
                day, _, _ = _resolve(e, anchor, False)
                if day is not None:
                    return day, s
        return None

    # Publication date known (or its day/month, with the year from the feasible set).
    if pub is None and pub_md is not None:
        options = in_window(_years_for(pub_md[0], pub_md[1], f_lo, f_hi + pd.Timedelta(days=REPORT_LAG), None))
        if len(options) > 1:  # the year whose stamp is the day of a known event or the day after
            options = _on_known_event(options, 1, 0, named)
        pub = options[0] if len(options) == 1 else None
        if pub is None:  # the year is open: a day of the lead stated with its weekday may fix it
            for _s, e in in_lead:
                days = day_of(e, None)
                if e.kind == "date" and e.info.get("weekday") is not None and len(days) == 1:
                    pub = _years_for(pub_md[0], pub_md[1], days[0], days[0] + pd.Timedelta(days=REPORT_LAG), None)[:1] or [None]
                    pub = pub[0]
                    break
    if pub is not None and dateline is not None:
        # the agency dateline is the dispatch day: it anchors the lead's weekdays better than a later stamp
        options = _years_for(dateline[0], dateline[1], pub - pd.Timedelta(days=REPORT_LAG), pub, None)
        if options:
            pub = options[-1]
            # weekdays and relative words of the dateline's own sentence (and the next) resolve against it
            s0 = next((s for s, e in exprs if e.kind == "date" and (e.info["month"], e.info["day"]) == dateline), None)
            if s0 is not None:
                rel = relative(pub, [(s, e) for s, e in past if s0 <= s <= s0 + 1])
                if rel is not None and pub - pd.Timedelta(days=REPORT_LAG) <= rel[0] <= pub:
                    d, s = rel
                    return d, d, d, "relative+dateline", [f"sent {s}: weekday/relative word resolved against the dateline {pub.date()} ⇒ {d.date()}"]
                return pub, pub, pub, "dateline", [f"sent {s0}: agency dateline {pub.date()}"]
    if pub is not None:
        rel = relative(pub, in_lead)
        if rel is not None and pub - pd.Timedelta(days=REPORT_LAG) <= rel[0] <= pub:
            d, s = rel
            return d, d, d, "relative+published", [f"sent {s}: weekday/relative word resolved against publication {pub.date()} ⇒ {d.date()}"]
        near = [(d, s) for s, e in in_lead for d in day_of(e, pub) if pub - pd.Timedelta(days=REPORT_LAG) <= d <= pub]
        if near:
            d, s = max(near)
            return d, d, d, "date+published", [f"sent {s}: states {d.date()}, within {REPORT_LAG} days before publication {pub.date()}"]
        return pub - pd.Timedelta(days=REPORT_LAG), pub, pub, "published", [f"published {pub.date()} ⇒ event within {REPORT_LAG} days before"]
    # A day stated in the lead.
    background = {(s, d) for s, d in marks}

    def is_background(s: int, days: list[pd.Timestamp]) -> bool:
        return any((s, d + pd.Timedelta(days=k)) in background for d in days for k in (-1, 0, 1))

    # the weekday the lead gives the story ("ont annoncé mardi"): a stated day or landmark on another
    # weekday (nor the day before it) is background ("empoisonné le 20 août 2020", a Thursday)
    told = {e.info["weekday"] for _s, e in in_lead if e.kind == "weekday" and e.info.get("rel") != "prochain"}

    def on_told(d: pd.Timestamp) -> bool:
        return not told or bool({d.weekday(), (d + pd.Timedelta(days=1)).weekday()} & told)

    for s, e in story:
        if s >= lead:
            continue
        days = [d for d in day_of(e, None) if inside(d)]
        # a day that is the date of a landmark the same sentence names is background ("empoisonné le 20 août 2020")
        if is_background(s, days) or not any(on_told(d) for d in days):
            continue
        how = "date"
        if len(days) > 1:  # the year open: the one in which a known event falls on that day
            days, how = _on_known_event(days, 1, 1, named), "date+chronology"
        if len(days) == 1:
            d = days[0]
            return d, d, d, how, [f"sent {s}: states {d.date()}" + {"date": "" if e.lo is not None else " (year from the feasible set)", "date+chronology": " (year of the known event on that day)"}[how]]
    def place_rank(event_id: str, sent: int) -> int:
        """0: the event's place is named in the match's sentence, 1: in the lead, 2: elsewhere in the text
        (or the event has no place), 3: the event's place is never named."""
        place = _event_places().get(event_id, "")
        if not place:
            return 2
        pattern = re.compile(rf"(?<!\w){re.escape(place)}(?!\w)")
        if pattern.search(sent_texts.get(sent, "")):
            return 0
        if any(pattern.search(t) for k, t in sent_texts.items() if k < lead):
            return 1
        return 2 if any(pattern.search(t) for t in sent_texts.values()) else 3

    def match(cands: pd.DataFrame, label: str):
        """Pin with the best of ``cands`` (chronology matches inside the feasible set), or None."""
        if cands.empty:
            return None
        if header:  # ties between equally good matches go to the one nearest the header month
            h_mid = _month_bounds(int(header[:4]), int(header[5:7]))[0] + pd.Timedelta(days=14)
            cands = cands.assign(_h=(cands["event_start"] - h_mid).abs())
        else:
            cands = cands.assign(_h=pd.Timedelta(0))
        # equally good matches: the one nearest the header month,
        # then the one nearest a day the text states (resolved in the feasible set), then the latest
        stated = [ds[0] for _s, e in exprs if len(ds := [d for d in day_of(e, None) if inside(d)]) == 1]
        near = (lambda t: min(abs((t - d).days) for d in stated)) if stated else (lambda t: 0)
        cands = cands.assign(_n=cands["event_start"].map(near))
        # a match whose place the article names beats one elsewhere ("à Sotchi" vs. a Moscow visit)
        cands = cands.assign(_p=[place_rank(ev, int(k)) for ev, k in zip(cands["event_id"], cands["sent_idx"], strict=True)])
        cands = cands.sort_values(["score", "_p", "_h", "_n", "event_start"], ascending=[False, True, True, True, False])
        top = cands.iloc[0]
        reason = f"sent {top.sent_idx}: {top.contact_type} matches known event {top.event_id} ({top.event_start.date()}: {top.description})"
        if any((aid, k) in future for k in range(int(top.sent_idx) + 1)):  # planned: announced in a future/conditional lead
            # a planned event announced on a named past weekday other than its own: the article's day is that weekday before it
            told = [e for _s, e in in_lead if e.kind == "weekday" and e.info["weekday"] != top.event_start.weekday() and e.info.get("rel") != "prochain"]
            if told:
                d = _weekday_before(top.event_start, told[0].info["weekday"], strict=True)
                if inside(d):
                    return d, d, d, "relative+chronology", [reason + f" (planned); announced on the weekday before ⇒ {d.date()}"]
        tops = cands[(cands["score"] >= top.score) & (cands["_p"] == top._p)]
        if header and (tops["_h"] <= pd.Timedelta(days=31)).any():
            tops = tops[tops["_h"] <= pd.Timedelta(days=31)]
        lo, hi = tops["event_start"].min(), tops["event_end"].max()
        if tops["event_id"].nunique() > 1:
            reason += f"; other candidates: {', '.join(sorted(set(tops['event_id']) - {top.event_id}))}"
        lo2, hi2 = max(lo, f_lo), min(max(hi, lo), f_hi)
        if hi2 < lo2:
            lo2, hi2 = lo, max(hi, lo)
        after = [e for k, e in exprs if k == int(top.sent_idx) and e.kind == "duration" and folded_text[e.end:e.end + 7].strip().startswith("apres")]
        if after and label == "chronology":  # "quatre jours après le sommet": the story is that long after the match
            lo_d, hi_d = _duration_days(after[0].info)
            d = top.event_start + pd.Timedelta(days=lo_d)
            if inside(d):
                hi_d2 = top.event_start + pd.Timedelta(days=hi_d if hi_d is not None else lo_d)
                return d, min(max(d, hi_d2 - pd.Timedelta(days=1)), f_hi), d, "duration+chronology", [reason + f"; {after[0].info['n']} {after[0].info['unit']} after it ⇒ {d.date()}"]
        if label == "caption":  # a photo shows an event on or before the article's day: only a lower bound
            return lo2, f_hi, top.event_start, label, [reason + " (photo caption: not before)"]
        return lo2, hi2, top.event_start, label, [reason]

    # Chronology matches compatible with the hard constraints (contacts in photo captions come last:
    # a caption's contact is the picture's event).
    in_caption = pd.Series(dtype=bool)
    if links is not None and not links.empty:
        links = links[links["event_start"].map(inside)]
        shifts = {k: _duration_days(e.info)[0] for k, e in exprs if e.kind == "duration" and folded_text[e.end:e.end + 7].strip().startswith("apres")}
        links = _weekday_agreeing(links, in_lead, {k for a, k in future if a == aid}, shifts)
        in_caption = links["sent_idx"].map(lambda k: (aid, int(k)) in captions).astype(bool)
        found = match(links[~in_caption], "chronology")
        if found:
            return found
    # The latest day stated anywhere else (only when the text itself fixes its year: this clue is weak).
    days = sorted((ds[0], s) for s, e in story if len(ds := [d for d in day_of(e, None) if inside(d)]) == 1 and not is_background(s, ds) and on_told(ds[0]))
    if days:
        d, s = days[-1]
        return d, min(d + pd.Timedelta(days=REPORT_LAG), f_hi), d, "date_body", [f"sent {s}: latest stated day {d.date()}"]
    # A landmark named in the title or first sentence, in a past sentence, is the story itself ("Libération de X").
    firsts = [(s, d) for s, d in marks if s <= 1 and (aid, s) not in future and (aid, s) not in captions and inside(d) and on_told(d)]
    if firsts:
        s, d = max(firsts, key=lambda p: p[1])
        return d, min(d + pd.Timedelta(days=LANDMARK_SPAN), f_hi), d, "landmark", [f"sent {s}: the opening names the dated event of {d.date()}"]
    if in_caption.any():
        found = match(links[in_caption], "caption")
        if found:
            return found
    if header:
        h_lo, h_hi = _month_bounds(int(header[:4]), int(header[5:7]))
        if h_hi >= f_lo and h_lo <= f_hi:
            return max(h_lo, f_lo), min(h_hi, f_hi), None, "header", [f"file header says {header}"]
    return f_lo, f_hi, None, "hard", []


def article_dates(corpus, surface: pd.DataFrame | None = None, links: pd.DataFrame | None = None,
                  today: pd.Timestamp | None = None, marks: pd.DataFrame | None = None) -> pd.DataFrame:
    """An event-date interval for every ``ok`` article, with its evidence.

    Parameters
    ----------
    corpus:
        A :class:`diplolib.Corpus`; its ``published`` column (when present) anchors
        weekdays and relative words and bounds the date from above.
    surface:
        Date-free actor mentions (:func:`diplolib.actors.surface_mentions`),
        computed when omitted.
    links:
        Soft chronology matches, columns ``article_id, sent_idx, contact_type,
        event_id, event_start, event_end, description, score`` (e.g.
        ``events.chronology_candidates``); None = no chronology-match evidence.
    today:
        Upper horizon (default: today, or the latest publication date if later).
    marks:
        Landmark references (:func:`diplolib.dates.landmarks`), computed when
        omitted; pass them when you already have them.

    Returns
    -------
    DataFrame with columns ``article_id``, ``source``; ``earliest``, ``latest``
    (Timestamps: the hard feasible set narrowed by soft evidence); ``estimate``
    (the pinned day, else the middle); ``precision`` (``day``/``week``/``month``/
    ``year``/``range`` from the interval's width); ``confidence`` (dev-set share
    of articles with the same ``pinned_by`` whose gold fell in the interval);
    ``evidence`` (readable reasons, each naming its sentence); ``evidence_types``;
    ``header_month``; ``header_conflict`` (bool) and ``header_conflict_reason``;
    ``published``, ``published_source`` (from the corpus); ``pinned_by`` (the
    evidence that set the estimate, see module docstring).
    """
    from diplolib.actors import surface_mentions

    surface = surface_mentions(corpus) if surface is None else surface
    hz = horizon(corpus, today)
    raw = _raw(corpus)
    future = _future_sentences(corpus.tokens)
    captions = caption_sentences(corpus)
    pluperfect = _pluperfect_sentences(corpus.tokens)
    sentences = {aid: dict(zip(g["sent_idx"], g["text"].map(fold_phrase), strict=True)) for aid, g in corpus.sentences.groupby("article_id", sort=False)}
    marks = landmarks(corpus) if marks is None else marks
    hard = _hard(corpus, surface, raw, future, marks, hz)
    exprs = {aid: list(zip(g["sent_idx"], g["expr"], strict=True)) for aid, g in raw.groupby("article_id", sort=False)}
    by_link = {aid: g for aid, g in links.groupby("article_id", sort=False)} if links is not None and not links.empty else {}
    known = surface[surface["kind"].isin(["name", "alias", "surname"]) & ~surface["target"].astype(str).str.contains("|", regex=False)]
    named = {aid: frozenset(g["target"]) for aid, g in known.groupby("article_id", sort=False)}
    by_mark = {aid: list(zip(g["sent_idx"], g["event_start"], strict=True)) for aid, g in marks.groupby("article_id", sort=False)}
    titled = {r.article_id for r in corpus.ok.itertuples() if isinstance(r.title, str) and r.title}
    ok = corpus.ok
    published = ok["published"] if "published" in ok else pd.Series([None] * len(ok))
    pub_source = ok["published_source"] if "published_source" in ok else pd.Series(["none"] * len(ok))
    rows = []
    for art, pub_text, pub_src in zip(ok.itertuples(), published, pub_source, strict=True):
        aid = art.article_id
        lines = [ln for ln in art.text.split("\n")]
        datelines = [st.value for st in find_stamps(lines) if st.role == "dateline"]
        dateline = (int(datelines[0][-5:-3]), int(datelines[0][-2:])) if datelines else None
        cs = list(hard[aid])
        pub, pub_md = parse_published(pub_text)
        if pub is not None:
            cs.append(Constraint(None, pub + pd.Timedelta(days=1), WEIGHTS["published"], "published", f"published {pub.date()} ({pub_src}) ⇒ not after"))
        f_lo, f_hi, _ = best_interval(cs, hz)
        header = art.header_month if isinstance(art.header_month, str) else None
        years = [c.lo.year for c in cs if c.kind in ("date", "month", "year") and c.lo is not None]
        year_hint = int(header[:4]) if header else (max(years) if years else None)
        lead = LEAD + (1 if aid in titled else 0)
        lo, hi, pinned, pinned_by, reasons = _pin(aid, exprs.get(aid, []), future, by_link.get(aid), (f_lo, f_hi), pub, pub_md, header, year_hint, lead, dateline, by_mark.get(aid, []),
                                                   named.get(aid, frozenset()), captions, sentences.get(aid, {}), fold(art.text),
                                                   named_window(named.get(aid, frozenset())), pluperfect)
        satisfied = [c for c in cs if (c.lo is None or c.lo <= hi) and (c.hi is None or c.hi >= lo)]
        estimate = pinned if pinned is not None else lo + (hi - lo) / 2
        estimate = pd.Timestamp(estimate.date())
        conflict, why = False, ""
        if header:
            h_lo, h_hi = _month_bounds(int(header[:4]), int(header[5:7]))
            if h_hi < lo or h_lo > hi:
                conflict = True
                strongest = max(satisfied, key=lambda c: c.weight, default=None)
                why = f"header {header} is outside {lo.date()}..{hi.date()}" + (f"; strongest evidence: {strongest.reason}" if strongest else (f"; {reasons[0]}" if reasons else ""))
        evidence = [f"PINNED ({pinned_by}): {r}" for r in reasons] + [c.reason for c in sorted(satisfied, key=lambda c: -c.weight)]
        if conflict:
            evidence.append(f"REJECTED: file header says {header}")
        kinds = sorted({c.kind for c in satisfied} | ({pinned_by} if pinned_by != "hard" else set()))
        rows.append((
            aid, art.source, lo, hi, estimate, precision(lo, hi), confidence_for(pinned_by), evidence, kinds, header, conflict, why,
            pub_text if isinstance(pub_text, str) else None, pub_src if isinstance(pub_src, str) else "none", pinned_by,
        ))
    return pd.DataFrame(rows, columns=ARTICLE_DATE_COLUMNS)


def evidence_table(dates: pd.DataFrame) -> pd.DataFrame:
    """One row per piece of evidence: ``source``, ``article_id``, ``evidence`` (readable reason)."""
    rows = [(r.source, r.article_id, e) for r in dates.itertuples() for e in r.evidence]
    return pd.DataFrame(rows, columns=["source", "article_id", "evidence"])


def overview(dates: pd.DataFrame) -> pd.DataFrame:
    """Article dates for reading: source, header month, published date and its source, inferred
    interval, estimate, precision, confidence, what pinned the estimate (and the evidence that did),
    evidence types, and a ``conflict`` column (``⚠ header`` when the header disagrees)."""
    cols = ["source", "header_month", "published", "published_source", "earliest", "latest", "estimate", "precision", "confidence", "pinned_by"]
    out = dates.reindex(columns=cols).copy()
    for col in ("earliest", "latest", "estimate"):
        out[col] = out[col].dt.strftime("%Y-%m-%d")
    out["pinned_evidence"] = dates["evidence"].map(lambda ev: "; ".join(e.split(": ", 1)[1] for e in ev if e.startswith("PINNED")))
    out["evidence_types"] = dates["evidence_types"].map(", ".join)
    out["conflict"] = dates["header_conflict"].map({True: "⚠ header", False: ""})
    return out
