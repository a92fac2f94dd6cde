"""Stage 3b: temporal expressions, and an honest event date for every article.

The files' own dates are weak hints (crawl dates, re-published stories). This
module reads the content:

- :func:`expressions` finds French temporal expressions (absolute and partial
  dates, months, years, weekdays, relative expressions, durations,
  anniversaries) and resolves them — absolute ones on their own, the others
  against the article's date.
- :func:`article_dates` combines *constraints* into an interval per article:
  explicit dates and years, office tenures of people named in their role, dated
  landmarks of ``data/reference/chronology.csv`` the text refers to,
  anniversaries, durations counted from a landmark, contacts linked to a known
  event, and the header month (a weak hint that loses against content). The
  interval is where the largest total weight of constraints agrees; the
  estimate is a day only when a constraint pins one.

Month and weekday names come from dateparser's French locale data. dateparser
itself parses absolute dates; it is not used for relative expressions, where
its defaults ("prochain"/"dernier", future-leaning guesses, today as anchor)
are wrong for dating news (see ``tests/test_dates.py``).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import pandas as pd

from diplolib.nlp.schema import SentenceLocator
from diplolib.reference import read_table
from diplolib.text import fold, fold_phrase

EXPRESSION_COLUMNS = [
    "article_id", "sent_idx", "start_char", "end_char", "surface", "kind", "value_start", "value_end",
    "anchor", "resolved",
]
ARTICLE_DATE_COLUMNS = [
    "article_id", "source", "earliest", "latest", "estimate", "precision", "confidence", "evidence",
    "evidence_types", "header_month", "header_conflict", "header_conflict_reason",
]
#: Range of dates the suite reasons about (article dates are clipped to it).
HORIZON = (pd.Timestamp("2000-01-01"), pd.Timestamp("2030-12-31"))

#: Cardinal number words (closed grammatical class; durations "deux ans", "trois mois").
NUMBER_WORDS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9,
    "dix": 10, "onze": 11, "douze": 12, "quinze": 15, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50,
}
#: Weights of evidence types (higher wins when constraints disagree). The header is weakest.
WEIGHTS = {
    "header": 1.0, "year": 1.5, "month": 2.0, "date": 2.5, "landmark": 3.0, "tenure": 3.0, "duration": 3.0,
    "anniversary": 4.0, "contact": 6.0,
}


# --------------------------------------------------------------------------- vocabulary


@functools.cache
def _names() -> tuple[dict[str, int], dict[str, int]]:
    """Folded French month and weekday names → 1..12 / 0..6, from dateparser's locale data."""
    from dateparser.data.date_translation_data import fr

    months = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
    days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    month_map = {fold(n): i + 1 for i, key in enumerate(months) for n in fr.info[key] if len(n) >= 3}
    day_map = {fold(n): i for i, key in enumerate(days) for n in fr.info[key] if len(n) >= 4}
    return month_map, day_map


@functools.cache
def _patterns() -> dict[str, re.Pattern]:
    months, days = _names()
    m = "|".join(sorted((re.escape(k) for k in months), key=len, reverse=True))
    d = "|".join(sorted((re.escape(k) for k in days), key=len, reverse=True))
    num = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
    units = r"ans|an|annees|annee|mois|semaines|semaine|jours|jour"
    return {
        "date": re.compile(rf"\b(?:(?:{d})\s+)?(?P<day>1er|[0-3]?\d)\s+(?P<month>{m})\.?(?:\s+(?P<year>(?:19|20)\d\d))?\b"),
        "month": re.compile(rf"\b(?:(?P<part>debut|fin|mi|courant)[\s-]+)?(?P<month>{m})(?:\s+(?:de\s+l'annee\s+)?(?P<year>(?:19|20)\d\d))?\b"),
        "year": re.compile(r"\b(?P<cue>en|depuis|de|des|avant|apres|jusqu'en|entre|et|annee|annees|printemps|ete|automne|hiver|debut|fin|mi|l'an|au|d'ici)[\s-]+(?P<year>(?:19|20)\d\d)\b(?![\s-]*(?:\d|soldats|personnes|morts|km|euros|dollars))"),
        "weekday": re.compile(rf"\b(?P<wd>{d})(?:\s+(?P<rel>prochain|dernier|soir|matin|apres-midi))?\b"),
        "relative": re.compile(
            r"\b(?P<word>avant-hier|apres-demain|hier|aujourd'hui|demain|la veille|le lendemain|au lendemain"
            rf"|il y a (?P<n>\d+|{num}) (?P<unit>{units})"
            r"|dans les (?:prochains|prochaines) (?P<punit>jours|semaines|mois)"
            r"|(?:la semaine|le mois|l'an|l'annee) (?P<dir>prochain|prochaine|dernier|derniere|passe|passee)"
            r"|ces (?:derniers|dernieres) (?P<lunit>jours|semaines|mois|annees))\b"
        ),
        "duration": re.compile(
            rf"\b(?P<q>plus d'|plus de |pres de |presque |environ |moins d'|moins de |au moins )?(?P<n>\d+|{num}) (?P<unit>{units})\b"
        ),
        "anniversary": re.compile(r"\b(?P<n>\d+)\s*(?:e|eme|er|ieme)\s+anniversaire\s+(?:de\s+la|de\s+l'|du|des|de)\s+(?P<what>[^.;,]{3,80})"),
    }


def _number(token: str) -> int:
    return int(token) if token.isdigit() else NUMBER_WORDS.get(token, 1)


def _unit_days(unit: str) -> int:
    unit = unit.rstrip("s")
    return {"an": 365, "annee": 365, "moi": 30, "mois": 30, "semaine": 7, "jour": 1}.get(unit, 30 if unit.startswith("moi") else 1)


# --------------------------------------------------------------------------- chronology


@functools.cache
def _chronology_cached(stamp: float) -> pd.DataFrame:
    chrono = read_table("chronology.csv")
    chrono["start_ts"] = pd.to_datetime(chrono["start"])
    chrono["end_ts"] = pd.to_datetime(chrono["end"].where(chrono["end"] != "", chrono["start"]))
    chrono["participant_set"] = chrono["participants"].map(lambda s: frozenset(p for p in s.split("|") if p))
    chrono["place_key"] = chrono["place"].map(lambda s: fold_phrase(s.split(",")[0]) if s else "")
    return chrono


def chronology() -> pd.DataFrame:
    """``chronology.csv`` with parsed ``start_ts``/``end_ts``, ``participant_set``, ``place_key``."""
    from diplolib.reference import reference_file

    return _chronology_cached(reference_file("chronology.csv").stat().st_mtime)


@functools.cache
def _keyword_index(stamp: float) -> list[tuple[re.Pattern, str]]:
    chrono = chronology()
    pairs = []
    for row in chrono.itertuples():
        for kw in (k.strip() for k in row.keywords.split("|") if k.strip()):
            pairs.append((fold_phrase(kw), row.event_id))
    pairs.sort(key=lambda p: -len(p[0]))
    return [(re.compile(rf"(?<!\w){re.escape(k)}(?!\w)"), e) for k, e in pairs]


def landmarks(corpus) -> pd.DataFrame:
    """References to dated landmark events (chronology keywords) in each ``ok`` article.

    Columns: ``article_id``, ``sent_idx``, ``start_char``, ``end_char``,
    ``surface``, ``event_id``, ``event_start``, ``description``, ``type``.
    Longest keyword wins where two overlap.
    """
    from diplolib.reference import reference_file

    index = _keyword_index(reference_file("chronology.csv").stat().st_mtime)
    chrono = chronology().set_index("event_id")
    sents = SentenceLocator(corpus.sentences)
    rows = []
    for art in corpus.ok.itertuples():
        folded = fold(art.text)
        taken: list[tuple[int, int]] = []
        for pattern, event in index:
            for m in pattern.finditer(folded):
                if any(m.start() < e and m.end() > s for s, e in taken):
                    continue
                taken.append((m.start(), m.end()))
                ev = chrono.loc[event]
                rows.append((art.article_id, sents.of(art.article_id, m.start()), m.start(), m.end(), art.text[m.start() : m.end()], event, ev.start_ts, ev.description, ev.type))
    cols = ["article_id", "sent_idx", "start_char", "end_char", "surface", "event_id", "event_start", "description", "type"]
    return pd.DataFrame(rows, columns=cols).sort_values(["article_id", "start_char"]).reset_index(drop=True)


# --------------------------------------------------------------------------- expressions


@dataclass
class _Expr:
    start: int
    end: int
    kind: str
    lo: pd.Timestamp | None = None
    hi: pd.Timestamp | None = None
    info: dict | None = None


def _month_bounds(year: int, month: int, part: str | None = None) -> tuple[pd.Timestamp, pd.Timestamp]:
    first = pd.Timestamp(year=year, month=month, day=1)
    last = first + pd.offsets.MonthEnd(0)
    if part == "debut":
        return first, first + pd.Timedelta(days=10)
    if part == "mi":
        return first + pd.Timedelta(days=9), first + pd.Timedelta(days=20)
    if part == "fin":
        return last - pd.Timedelta(days=10), last
    return first, last


def _find(text: str) -> list[_Expr]:
    """All expressions in ``text``, longest first, without overlaps; absolute ones resolved."""
    folded = fold(text)
    months, days = _names()
    pats = _patterns()
    found: list[_Expr] = []

    def free(s: int, e: int) -> bool:
        return not any(s < x.end and e > x.start for x in found)

    for m in pats["anniversary"].finditer(folded):
        found.append(_Expr(m.start(), m.end(), "anniversary", info={"n": int(m.group("n")), "what": m.group("what")}))
    for m in pats["date"].finditer(folded):
        if not free(m.start(), m.end()):
            continue
        day = 1 if m.group("day") == "1er" else int(m.group("day"))
        month = months[m.group("month")]
        info = {"day": day, "month": month}
        lo = hi = None
        if m.group("year"):
            try:
                import dateparser

                parsed = dateparser.parse(f"{day} {m.group('month')} {m.group('year')}", languages=["fr"], settings={"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False})
                lo = hi = pd.Timestamp(parsed.date()) if parsed else None
            except (ValueError, OverflowError):
                lo = hi = None
        if 1 <= day <= 31:
            found.append(_Expr(m.start(), m.end(), "date", lo, hi, info))
    for m in pats["month"].finditer(folded):
        if not free(m.start(), m.end()):
            continue
        month = months[m.group("month")]
        # "mars" / "mai" alone are ambiguous words only when lower-case and without a cue.
        if not m.group("year") and not m.group("part") and not re.search(r"(?:\ben|\bdepuis|\bd'ici|\bdebut|\bfin|\bmi)[\s-]+$", folded[max(0, m.start() - 8) : m.start()]):
            continue
        lo = hi = None
        if m.group("year"):
            lo, hi = _month_bounds(int(m.group("year")), month, m.group("part"))
        found.append(_Expr(m.start(), m.end(), "month", lo, hi, {"month": month, "part": m.group("part")}))
    for m in pats["year"].finditer(folded):
        s = m.start("year")
        if not free(s, m.end()):
            continue
        year = int(m.group("year"))
        found.append(_Expr(s, m.end(), "year", pd.Timestamp(year=year, month=1, day=1), pd.Timestamp(year=year, month=12, day=31), {"cue": m.group("cue")}))
    for m in pats["relative"].finditer(folded):
        if free(m.start(), m.end()):
            found.append(_Expr(m.start(), m.end(), "relative", info={k: v for k, v in m.groupdict().items() if v}))
    for m in pats["duration"].finditer(folded):
        if free(m.start(), m.end()):
            q = (m.group("q") or "").strip()
            found.append(_Expr(m.start(), m.end(), "duration", info={"n": _number(m.group("n")), "unit": m.group("unit"), "q": q}))
    for m in pats["weekday"].finditer(folded):
        if free(m.start(), m.end()):
            found.append(_Expr(m.start(), m.end(), "weekday", info={"weekday": days[m.group("wd")], "rel": m.group("rel")}))
    return sorted(found, key=lambda x: x.start)


def _duration_days(info: dict) -> tuple[int, int | None]:
    n, unit, q = info["n"], _unit_days(info["unit"]), info.get("q", "")
    if q.startswith("plus") or q.startswith("au moins"):
        return n * unit, None
    if q.startswith(("pres", "presque", "environ")):
        return int(n * unit * 0.8), int(n * unit * 1.1)
    if q.startswith("moins"):
        return 0, n * unit
    return n * unit, (n + 1) * unit


def _resolve(e: _Expr, anchor: pd.Timestamp | None, future: bool) -> tuple[pd.Timestamp | None, pd.Timestamp | None, str]:
    """Resolve a partial/relative expression against the article's date ``anchor``."""
    if e.lo is not None:
        return e.lo, e.hi, "absolute"
    if anchor is None or pd.isna(anchor):
        return None, None, "none"
    info = e.info or {}
    if e.kind == "date":  # day + month, no year: the occurrence nearest the anchor
        options = []
        for year in (anchor.year - 1, anchor.year, anchor.year + 1):
            try:
                options.append(pd.Timestamp(year=year, month=info["month"], day=info["day"]))
            except ValueError:
                continue
        if not options:
            return None, None, "none"
        best = min(options, key=lambda d: abs((d - anchor).days))
        return best, best, "article"
    if e.kind == "month":
        options = [_month_bounds(y, info["month"], info.get("part")) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
        lo, hi = min(options, key=lambda b: abs((b[0] - anchor).days))
        return lo, hi, "article"
    if e.kind == "weekday":
        delta = (info["weekday"] - anchor.weekday()) % 7
        rel = info.get("rel")
        if rel == "prochain" or (future and rel != "dernier"):
            day = anchor + pd.Timedelta(days=delta or 7) if rel == "prochain" else anchor + pd.Timedelta(days=delta)
        else:
            day = anchor - pd.Timedelta(days=(7 - delta) % 7)
            if rel == "dernier" and day == anchor:
                day -= pd.Timedelta(days=7)
        return day, day, "article"
    if e.kind == "relative":
        word = info.get("word", "")
        offsets = {"hier": -1, "avant-hier": -2, "aujourd'hui": 0, "demain": 1, "apres-demain": 2, "la veille": -1, "le lendemain": 1, "au lendemain": 1}
        if word in offsets:
            day = anchor + pd.Timedelta(days=offsets[word])
            return day, day, "article"
        if word.startswith("il y a"):
            back = _number(info["n"]) * _unit_days(info["unit"])
            day = anchor - pd.Timedelta(days=back)
            return day - pd.Timedelta(days=max(1, back // 7)), day + pd.Timedelta(days=max(1, back // 7)), "article"
        if word.startswith("dans les"):
            span = {"jours": 10, "semaines": 42, "mois": 180}[info["punit"]]
            return anchor, anchor + pd.Timedelta(days=span), "article"
        if word.startswith("ces dern"):
            span = {"jours": 10, "semaines": 42, "mois": 180, "annees": 1100}[info["lunit"]]
            return anchor - pd.Timedelta(days=span), anchor, "article"
        if "dir" in info:
            sign = 1 if info["dir"].startswith("prochain") else -1
            unit = word.split(" ")[0]
            if "semaine" in word:
                start = anchor + pd.Timedelta(days=7 * sign - anchor.weekday())
                return start, start + pd.Timedelta(days=6), "article"
            if "mois" in word:
                first = (anchor + pd.DateOffset(months=sign)).replace(day=1)
                return first, first + pd.offsets.MonthEnd(0), "article"
            year = anchor.year + sign
            del unit
            return pd.Timestamp(year=year, month=1, day=1), pd.Timestamp(year=year, month=12, day=31), "article"
    return None, None, "none"


def _future_sentences(tokens: pd.DataFrame) -> set[tuple[str, int]]:
    """Sentences whose main verb is future/conditional or governed by devoir/aller: events to come."""
    if tokens.empty:
        return set()
    feats = tokens["feats"].astype(str)
    fut = tokens[feats.str.contains("Tense=Fut") | feats.str.contains("Mood=Cnd")]
    modal = tokens[(tokens["lemma"].astype(str).isin(["devoir", "aller", "prévoir"])) & (tokens["upos"].astype(str).isin(["VERB", "AUX"]))]
    keys = pd.concat([fut[["article_id", "sent_idx"]], modal[["article_id", "sent_idx"]]])
    return set(zip(keys["article_id"], keys["sent_idx"], strict=True))


def _raw(corpus) -> pd.DataFrame:
    sents = SentenceLocator(corpus.sentences)
    rows = []
    for art in corpus.ok.itertuples():
        for e in _find(art.text):
            rows.append((art.article_id, sents.of(art.article_id, e.start), e))
    return pd.DataFrame(rows, columns=["article_id", "sent_idx", "expr"])


def expressions(corpus, dates: pd.DataFrame | None = None) -> pd.DataFrame:
    """Temporal expressions of every ``ok`` article, resolved where possible.

    Returns columns: ``article_id``, ``sent_idx``, ``start_char``, ``end_char``,
    ``surface``; ``kind`` (``date``, ``month``, ``year``, ``weekday``,
    ``relative``, ``duration``, ``anniversary``); ``value_start``,
    ``value_end`` (Timestamps; the day or interval meant, NaT if unresolved;
    for durations the length in days is in ``resolved``); ``anchor``
    (``absolute``, ``article`` = resolved against the article date estimate,
    ``landmark``, ``none``); ``resolved`` (readable value).
    """
    dates = article_dates(corpus) if dates is None else dates
    anchors = dict(zip(dates["article_id"], dates["estimate"], strict=True))
    future = _future_sentences(corpus.tokens)
    texts = dict(zip(corpus.ok["article_id"], corpus.ok["text"], strict=True))
    raw = _raw(corpus)
    rows = []
    for r in raw.itertuples():
        e: _Expr = r.expr
        anchor = anchors.get(r.article_id)
        lo, hi, how = _resolve(e, anchor, (r.article_id, r.sent_idx) in future)
        if e.kind == "duration":
            lo_d, hi_d = _duration_days(e.info)
            text = f"{lo_d}–{hi_d if hi_d is not None else '∞'} days"
            how = "none"
        elif e.kind == "anniversary":
            text = f"{e.info['n']}th anniversary of {e.info['what'].strip()}"
            how = "landmark" if lo is not None else "none"
        else:
            text = "" if lo is None else (lo.date().isoformat() if lo == hi else f"{lo.date()}..{hi.date()}")
        rows.append((r.article_id, r.sent_idx, e.start, e.end, texts[r.article_id][e.start : e.end], e.kind, lo, hi, how, text))
    frame = pd.DataFrame(rows, columns=EXPRESSION_COLUMNS)
    frame["value_start"] = pd.to_datetime(frame["value_start"])
    frame["value_end"] = pd.to_datetime(frame["value_end"])
    return frame


# --------------------------------------------------------------------------- article dates


@dataclass
class Constraint:
    """The article's event date lies in ``[lo, hi]`` (open ends = None), with a weight and reason."""

    lo: pd.Timestamp | None
    hi: pd.Timestamp | None
    weight: float
    kind: str
    reason: str
    sent_idx: int | None = None


def _best_interval(constraints: list[Constraint]) -> tuple[pd.Timestamp, pd.Timestamp, float]:
    """The span where the summed weight of satisfied constraints is largest (sweep over end points).

    Ties between disjoint spans are resolved by taking the hull of the tied spans
    (the honest answer), so the result never hides an ambiguity.
    """
    lo0, hi0 = HORIZON
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


def _precision(lo: pd.Timestamp, hi: pd.Timestamp) -> str:
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


def _tenure_constraints(surface: pd.DataFrame) -> list[tuple[str, Constraint]]:
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
        t = g.tenures[(g.tenures["office_id"] == office) & (g.tenures["actor_id"] == actor)]
        if t.empty:
            return
        lo, hi = t["start_ts"].min(), t["end_ts"].max()
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
            holders = named & set(g.tenures.loc[g.tenures["office_id"] == r["target"], "actor_id"])
            if len(holders) == 1:
                (actor,) = holders
                constraint(aid, r["target"], actor, WEIGHTS["tenure"] * 2 / 3, f"sent {r['sent_idx']}: '{r['surface']}' (the article names {g.actors.at[actor, 'name']})", r["sent_idx"])
                used.add(r["target"])
    return out


def article_dates(corpus, surface: pd.DataFrame | None = None) -> pd.DataFrame:
    """An event-date interval for every ``ok`` article, with its evidence.

    Parameters
    ----------
    corpus:
        A :class:`diplolib.Corpus`.
    surface:
        Date-free actor mentions (:func:`diplolib.actors.surface_mentions`),
        computed when omitted.

    Returns
    -------
    DataFrame with columns ``article_id``, ``source``; ``earliest``,
    ``latest`` (Timestamps: the interval where the evidence agrees),
    ``estimate`` (a day inside it: the pinned day if one is pinned, else the
    middle); ``precision`` (``day``/``week``/``month``/``year``/``range`` from
    the interval's width); ``confidence`` (0–1: share of evidence weight
    satisfied); ``evidence`` (list of readable reasons, each naming its
    sentence); ``evidence_types`` (the kinds that agreed); ``header_month``;
    ``header_conflict`` (bool) and ``header_conflict_reason``.
    """
    from diplolib.actors import surface_mentions
    from diplolib.timeline import lead_contact_links

    surface = surface_mentions(corpus) if surface is None else surface
    raw = _raw(corpus)
    future = _future_sentences(corpus.tokens)
    marks = landmarks(corpus)
    constraints: dict[str, list[Constraint]] = {a: [] for a in corpus.ok["article_id"]}
    texts = dict(zip(corpus.ok["article_id"], corpus.ok["text"], strict=True))
    for r in raw.itertuples():
        e: _Expr = r.expr
        if e.lo is not None and e.kind in ("date", "month", "year") and (r.article_id, r.sent_idx) not in future:
            what = "year" if e.kind == "year" else e.kind
            constraints[r.article_id].append(Constraint(e.lo, None, WEIGHTS[what], what, f"sent {r.sent_idx}: mentions {e.lo.date() if e.kind == 'date' else e.lo.strftime('%Y-%m' if e.kind == 'month' else '%Y')} ⇒ not before", r.sent_idx))
    for r in marks.itertuples():
        constraints[r.article_id].append(Constraint(r.event_start, None, WEIGHTS["landmark"], "landmark", f"sent {r.sent_idx}: refers to '{r.surface}' ({r.event_start.date()}: {r.description}) ⇒ not before", r.sent_idx))
    chrono = chronology()
    for r in raw.itertuples():
        e = r.expr
        if e.kind == "anniversary":
            what = fold_phrase(e.info["what"])
            for pattern, event in _anniversary_bases():
                if pattern.search(what):
                    base = chrono.set_index("event_id").at[event, "start_ts"]
                    day = base + pd.DateOffset(years=e.info["n"])
                    constraints[r.article_id].append(Constraint(day - pd.Timedelta(days=45), day + pd.Timedelta(days=45), WEIGHTS["anniversary"], "anniversary", f"sent {r.sent_idx}: {e.info['n']}th anniversary of {base.date()} ⇒ around {day.date()}", r.sent_idx))
                    break
        if e.kind == "duration":
            near = marks[(marks["article_id"] == r.article_id) & (marks["sent_idx"] == r.sent_idx) & (marks["start_char"] > e.start)]
            if not near.empty:
                mark = near.iloc[0]
                lo_d, hi_d = _duration_days(e.info)
                lo = mark.event_start + pd.Timedelta(days=lo_d)
                hi = mark.event_start + pd.Timedelta(days=hi_d) if hi_d is not None else None
                surface_text = texts[r.article_id][e.start : e.end]
                constraints[r.article_id].append(Constraint(lo, hi, WEIGHTS["duration"], "duration", f"sent {r.sent_idx}: '{surface_text}' counted from {mark.event_start.date()} ({mark.surface})", r.sent_idx))
    for aid, c in _tenure_constraints(surface):
        constraints[aid].append(c)
    headers = {}
    for art in corpus.ok.itertuples():
        hm = art.header_month if isinstance(art.header_month, str) else None
        headers[art.article_id] = hm
        if hm:
            lo, hi = _month_bounds(int(hm[:4]), int(hm[5:7]))
            constraints[art.article_id].append(Constraint(lo, hi, WEIGHTS["header"], "header", f"file header says {hm} (weak hint)"))
    rows = []
    sources = dict(zip(corpus.ok["article_id"], corpus.ok["source"], strict=True))
    links = lead_contact_links(corpus, surface)
    for aid, cs in constraints.items():
        lo, hi, weight = _best_interval(cs)
        pinned = None
        # A contact in the article's lead that matches a known event inside the interval pins the day.
        cands = links[(links["article_id"] == aid) & (links["event_start"] >= lo - pd.Timedelta(days=1)) & (links["event_start"] <= hi + pd.Timedelta(days=1))] if not links.empty else links
        if not cands.empty:
            explicit = [c.lo for c in cs if c.kind in ("date", "month") and c.lo is not None]
            ref = max(explicit) if explicit else None
            cands = cands.assign(dist=(cands["event_start"] - ref).abs() if ref is not None else 0).sort_values(["dist", "score"], ascending=[True, False])
            top = cands.iloc[0]
            reason = f"sent {top.sent_idx}: {top.contact_type} matches known event {top.event_id} ({top.event_start.date()}: {top.description})"
            if cands["event_id"].nunique() > 1:
                reason += f"; other candidates: {', '.join(sorted(set(cands['event_id']) - {top.event_id}))}"
                lo2, hi2 = cands["event_start"].min(), cands["event_end"].max()
            else:
                lo2, hi2 = top.event_start, top.event_end
            cs.append(Constraint(lo2, hi2, WEIGHTS["contact"], "contact", reason, int(top.sent_idx)))
            lo, hi, weight = _best_interval(cs)
            pinned = top.event_start if lo <= top.event_start <= hi else None
        satisfied = [c for c in cs if (c.lo is None or c.lo <= hi) and (c.hi is None or c.hi >= lo)]
        total = sum(c.weight for c in cs) or 1.0
        estimate = pinned if pinned is not None else lo + (hi - lo) / 2
        estimate = pd.Timestamp(estimate.date())
        hm = headers[aid]
        conflict, why = False, ""
        if hm:
            hlo, hhi = _month_bounds(int(hm[:4]), int(hm[5:7]))
            if hhi < lo or hlo > hi:
                conflict = True
                strongest = max((c for c in satisfied if c.kind != "header"), key=lambda c: c.weight, default=None)
                why = f"header {hm} is outside {lo.date()}..{hi.date()}" + (f"; strongest evidence: {strongest.reason}" if strongest else "")
        evidence = [c.reason for c in sorted(satisfied, key=lambda c: -c.weight)]
        if conflict:
            evidence.append(f"REJECTED: file header says {hm}")
        rows.append((
            aid, sources[aid], lo, hi, estimate, _precision(lo, hi),
            round(sum(c.weight for c in satisfied) / total, 3), evidence, sorted({c.kind for c in satisfied}), hm, conflict, why,
        ))
    return pd.DataFrame(rows, columns=ARTICLE_DATE_COLUMNS)


def _anniversary_bases() -> list[tuple[re.Pattern, str]]:
    """Keyword patterns of historical base events (before 2000), for "Ne anniversaire de …"."""
    chrono = chronology()
    pairs = []
    for row in chrono[chrono["start_ts"] < pd.Timestamp("2000-01-01")].itertuples():
        for kw in (k.strip() for k in row.keywords.split("|") if k.strip()):
            words = fold_phrase(kw).split()
            # the anniversary's object usually starts with the base event's head noun
            pairs.append((re.compile(r"^" + re.escape(" ".join(words[:1])) + r"\b"), row.event_id))
    return pairs


def evidence_table(dates: pd.DataFrame) -> pd.DataFrame:
    """One row per piece of evidence: ``source``, ``article_id``, ``evidence`` (readable reason)."""
    rows = [(r.source, r.article_id, e) for r in dates.itertuples() for e in r.evidence]
    return pd.DataFrame(rows, columns=["source", "article_id", "evidence"])


def overview(dates: pd.DataFrame) -> pd.DataFrame:
    """Article dates for reading: source, header month, inferred interval, estimate, precision,
    confidence, evidence types, and a ``conflict`` column (``⚠ header`` when the header disagrees)."""
    out = dates[["source", "header_month", "earliest", "latest", "estimate", "precision", "confidence"]].copy()
    for col in ("earliest", "latest", "estimate"):
        out[col] = out[col].dt.strftime("%Y-%m-%d")
    out["evidence_types"] = dates["evidence_types"].map(", ".join)
    out["conflict"] = dates["header_conflict"].map({True: "⚠ header", False: ""})
    return out
