"""French temporal expressions: find them, resolve them against an anchor day.

:func:`expressions` finds absolute and partial dates (written "le 24 février
2022", numeric "21/05/2020", "21.02.2023", ISO "2023-02-17"), months, years,
weekdays, relative expressions ("hier", "la veille", "lundi dernier"),
durations and anniversaries, and resolves them — absolute ones on their own,
the others against the article's date.

Month and weekday names come from dateparser's French locale data. dateparser
itself parses absolute written dates; it is not used for relative expressions,
where its defaults ("prochain"/"dernier", future-leaning guesses, today as
anchor) are wrong for dating news (see ``tests/test_dates.py``). Numeric shapes
are read with regular expressions (day first, as French writes them).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import pandas as pd

from diplolib.corpus.stamps import month_names, weekday_names
from diplolib.nlp.schema import SentenceLocator
from diplolib.text import fold

EXPRESSION_COLUMNS = [
    "article_id", "sent_idx", "start_char", "end_char", "surface", "kind", "value_start", "value_end",
    "anchor", "resolved",
]

#: Cardinal number words (closed grammatical class; durations "deux ans", "trois mois").
NUMBER_WORDS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9,
    "dix": 10, "onze": 11, "douze": 12, "quinze": 15, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50,
}


# --------------------------------------------------------------------------- vocabulary


def _names() -> tuple[dict[str, int], dict[str, int]]:
    """Folded French month and weekday names → 1..12 / 0..6 (dateparser's locale data, shared with the stamp reader)."""
    return month_names(), weekday_names()


@functools.cache
def _patterns() -> dict[str, re.Pattern]:
    months, days = _names()
    m = "|".join(sorted((re.escape(k) for k in months), key=len, reverse=True))
    d = "|".join(sorted((re.escape(k) for k in days), key=len, reverse=True))
    num = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
    units = r"ans|an|annees|annee|mois|semaines|semaine|jours|jour"
    return {
        "numeric": re.compile(
            r"(?<![\d/.:-])(?:(?P<y1>(?:19|20)\d\d)-(?P<m1>[01]?\d)-(?P<d1>[0-3]?\d)"
            r"|(?P<d2>[0-3]?\d)[/.](?P<m2>[01]?\d)[/.](?P<y2>(?:19|20)\d\d)"
            r"|(?<=\b(?:le|du|au) )(?P<d3>[0-3]?\d)/(?P<m3>[01]?\d))(?![\d/.])"
        ),
        "date": re.compile(rf"\b(?:(?P<wd>{d})\s+)?(?P<day>1er|[0-3]?\d)\s+(?P<month>{m})\.?(?:\s+(?P<year>(?:19|20)\d\d))?\b"),
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
    for m in pats["numeric"].finditer(folded):  # day first, as French writes it
        y, mo, d = (m["y1"] or m["y2"]), int(m["m1"] or m["m2"] or m["m3"]), int(m["d1"] or m["d2"] or m["d3"])
        try:
            lo = hi = pd.Timestamp(year=int(y), month=mo, day=d) if y else None
        except ValueError:
            continue
        if y is None and not (1 <= mo <= 12 and 1 <= d <= 31):
            continue
        found.append(_Expr(m.start(), m.end(), "date", lo, hi, {"day": d, "month": mo}))
    for m in pats["date"].finditer(folded):
        if not free(m.start(), m.end()):
            continue
        day = 1 if m.group("day") == "1er" else int(m.group("day"))
        month = months[m.group("month")]
        info = {"day": day, "month": month, "weekday": days[m.group("wd")] if m.group("wd") else None}
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
    if dates is None:
        from diplolib.dates.article import article_dates

        dates = article_dates(corpus)
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


