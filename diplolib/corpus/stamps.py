"""Dates printed on a web page around the article: publication stamps, datelines, URL dates.

:func:`find_stamps` reads every line of a page (before boilerplate removal, so a
stamp line is read before it is dropped) and returns :class:`Stamp` objects:

- ``published`` — a publication stamp: a cue from ``data/reference/date_stamps.csv``
  ("Publié le …") or a date carrying a clock time ("27/02/2025 à 16:25",
  "15 avril 2021 - 14h57", "2023-02-17T19:24+0100", "Reuters • 21/05/2020 à 16:29");
- ``updated`` — an update stamp ("Dernière mise à jour à 17h45 le 04/03"), kept apart;
- ``masthead`` — a weekday + full date alone on a line with no time ("Vendredi 19
  Avril 2024"): the day the page was printed, not the article's; never a publication date;
- ``dateline`` — an agency dateline opening a paragraph ("WASHINGTON, 9 mars (Reuters) -");
- ``url`` — a date inside a URL or file path left in the text (``/20230221/``, ``/2025/01/``).

:func:`publication` picks the article's publication date from them, in that order
of trust: published stamp, dateline, update stamp, URL date. Values are ISO text:
``YYYY-MM-DD`` (optionally ``THH:MM``), ``YYYY-MM``, or ``--MM-DD`` when the page
does not print the year.

Month names come from dateparser's French locale data; regular expressions read
the numeric shapes (dateparser's free-text search guesses too much on page
furniture: it reads "1.01.49" video lengths and bare numbers as dates).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from diplolib.reference import read_table
from diplolib.text import fold

#: Roles of a stamp, in the order :func:`publication` trusts them.
ROLE_ORDER = ("published", "dateline", "updated", "url")


@dataclass(frozen=True)
class Stamp:
    """A date printed on the page.

    ``line``: index of the line in the page text; ``start``/``end``: character
    offsets of the date inside that line; ``value``: ISO text; ``role``: see the
    module docstring; ``whole_line``: the line holds nothing but the stamp and its
    furniture (cue, time, agency or site name), so it is not article text.
    """

    line: int
    start: int
    end: int
    value: str
    role: str
    whole_line: bool


@functools.cache
def month_names() -> dict[str, int]:
    """Folded French month names and abbreviations (≥ 3 letters) → 1..12, from dateparser."""
    from dateparser.data.date_translation_data import fr

    keys = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
    return {fold(n).rstrip("."): i + 1 for i, key in enumerate(keys) for n in fr.info[key] if len(n.rstrip(".")) >= 3}


@functools.cache
def weekday_names() -> dict[str, int]:
    """Folded French weekday names → 0 (Monday) .. 6, from dateparser."""
    from dateparser.data.date_translation_data import fr

    keys = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    return {fold(n): i for i, key in enumerate(keys) for n in fr.info[key] if len(n) >= 4}


@functools.cache
def _cues() -> list[tuple[str, str]]:
    table = read_table("date_stamps.csv")
    pairs = [(fold(c).strip(), r) for c, r in zip(table["cue"], table["role"], strict=True)]
    return sorted(pairs, key=lambda p: -len(p[0]))


@functools.cache
def _patterns() -> dict[str, re.Pattern]:
    months = "|".join(sorted((re.escape(k) for k in month_names()), key=len, reverse=True))
    days = "|".join(sorted((re.escape(k) for k in weekday_names()), key=len, reverse=True))
    time = r"(?:\s*(?:a|-|,|–|—)?\s*(?P<hh>[0-2]?\d)\s*(?:h|:)\s*(?P<mm>[0-5]\d)(?:\s*(?:min|mn))?)"
    return {
        "iso": re.compile(r"(?<![\d/.-])(?P<y>(?:19|20)\d\d)-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)(?:[t ](?P<hh>[0-2]\d):(?P<mm>[0-5]\d)(?::\d\d)?(?:[+-]\d\d:?\d\d|z)?)?(?![\d])"),
        "numeric": re.compile(rf"(?<![\d/.])(?P<d>[0-3]?\d)[/.](?P<m>[01]?\d)[/.](?P<y>(?:19|20)\d\d)(?![\d/.]){time}?"),
        "short": re.compile(rf"(?<![\d/.:])(?P<d>[0-3]?\d)/(?P<m>[01]?\d)(?![\d/.]){time}?"),
        "written": re.compile(rf"\b(?:(?P<wd>{days})\s+)?(?P<d>1er|[0-3]?\d)\s+(?P<mon>{months})\.?\s+(?P<y>(?:19|20)\d\d)\b{time}?"),
        "dateline": re.compile(
            rf"^(?:[a-z][\w'. -]{{0,40}}?\s)?(?P<city>[^\W\d_][\w'.-]+(?:[ -][\w'.-]+){{0,3}})\s*,\s*(?:(?P<wd>{days})\s+)?"
            rf"(?P<d>1er|[0-3]?\d)\s+(?P<mon>{months})\.?(?:\s+(?P<y>(?:19|20)\d\d))?\s*,?\s*(?:\((?P<agency>[^)]{{2,25}})\))?\s*[,.]?\s*(?:--|-|–|—|:|\.-|\.)"
        ),
        "url": re.compile(
            r"/(?P<y>20\d\d)(?:(?P<sep>[/-]?)(?P<m>[01]\d)(?:(?P=sep)(?P<d>[0-3]\d))?)(?=[/_-]|\d{3,}|\.html?|$)"
        ),
    }


def _iso(year: int | None, month: int, day: int | None = None, hh: str | None = None, mm: str | None = None) -> str | None:
    """ISO text of a (possibly partial) date, or None when it is not a calendar date."""
    import datetime as dt

    try:
        dt.date(year or 2000, month, day or 1)
    except ValueError:
        return None
    if year is None:
        return f"--{month:02d}-{day:02d}" if day else None
    if day is None:
        return f"{year:04d}-{month:02d}"
    out = f"{year:04d}-{month:02d}-{day:02d}"
    if hh is not None and mm is not None and int(hh) < 24:
        out += f"T{int(hh):02d}:{mm}"
    return out


def _cue_before(folded: str, start: int) -> str | None:
    """Role of a stamp cue in the 40 characters before ``start`` ("publié le", "mis à jour à 17h45 le")."""
    window = folded[max(0, start - 40) : start]
    best = None
    for cue, role in _cues():
        pos = window.rfind(cue)
        if pos >= 0 and (best is None or pos > best[0]):
            best = (pos, role)
    return best[1] if best else None


#: Words that may stand beside a stamp on a stamp-only line (site furniture, not article text).
_FURNITURE = re.compile(
    r"\b(?:le|a|par|de|du|des|et|information|fournie|source|sources|mis|mise|jour|derniere|publie|publiee|modifie|"
    r"actualise|en|ligne|paru|poste|date|publication|heure|heures|h|min|gmt|utc|cet|cest|il|y)\b"
)


def _whole_line(folded: str, spans: list[tuple[int, int]]) -> bool:
    """A line is a stamp line when, stamps and furniture words removed, at most 3 words remain."""
    rest = folded
    for s, e in sorted(spans, reverse=True):
        rest = rest[:s] + " " + rest[e:]
    rest = _FURNITURE.sub(" ", rest)
    return len(re.findall(r"[^\W\d_]{2,}", rest)) <= 3


def find_stamps(lines: list[str]) -> list[Stamp]:
    """Every publication/update stamp, masthead date, dateline and URL date in ``lines``."""
    months = month_names()
    pats = _patterns()
    out: list[Stamp] = []
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        folded = fold(line)
        found: list[tuple[int, int, str, str]] = []  # start, end, value, role

        def free(s: int, e: int, found: list = found) -> bool:
            return not any(s < b and e > a for a, b, _, _ in found)

        for m in pats["iso"].finditer(folded):
            value = _iso(int(m["y"]), int(m["m"]), int(m["d"]), m["hh"], m["mm"])
            if value:
                found.append((m.start(), m.end(), value, _cue_before(folded, m.start()) or "published"))
        for m in pats["numeric"].finditer(folded):
            value = _iso(int(m["y"]), int(m["m"]), int(m["d"]), m["hh"], m["mm"]) if free(m.start(), m.end()) else None
            cue = _cue_before(folded, m.start())
            # a bare d/m/y without cue or time in running text is an ordinary date, not a stamp
            if value and (cue or m["hh"] or len(folded.split()) <= 8):
                found.append((m.start(), m.end(), value, cue or "published"))
        for m in pats["written"].finditer(folded):
            if not free(m.start(), m.end()):
                continue
            day = 1 if m["d"] == "1er" else int(m["d"])
            value = _iso(int(m["y"]), months[m["mon"]], day, m["hh"], m["mm"])
            cue = _cue_before(folded, m.start())
            alone = len(re.findall(r"[^\W\d_]{2,}", folded[: m.start()] + folded[m.end() :])) == 0
            if not value:
                continue
            if cue or m["hh"]:
                found.append((m.start(), m.end(), value, cue or "published"))
            elif alone and m["wd"]:
                found.append((m.start(), m.end(), value[:10], "masthead"))
            elif alone:
                found.append((m.start(), m.end(), value[:10], "published"))
        for m in pats["short"].finditer(folded):
            if not free(m.start(), m.end()):
                continue
            cue = _cue_before(folded, m.start())
            if cue or m["hh"]:
                value = _iso(None, int(m["m"]), int(m["d"]))
                if value:
                    found.append((m.start(), m.end(), value, cue))
        whole = bool(found) and _whole_line(folded, [(s, e) for s, e, _, _ in found])
        m = pats["dateline"].match(folded)
        if m and not found and m["city"][:1].isalpha() and line[m.start("city")].isupper():
            day = 1 if m["d"] == "1er" else int(m["d"])
            value = _iso(int(m["y"]) if m["y"] else None, months[m["mon"]], day)
            if value:
                found.append((m.start("d"), m.end("mon"), value, "dateline"))
        for m in pats["url"].finditer(folded):
            if not free(m.start(), m.end()) or "/" not in folded[: m.start() + 1]:
                continue
            value = _iso(int(m["y"]), int(m["m"]), int(m["d"]) if m["d"] else None)
            if value:
                found.append((m.start() + 1, m.end(), value, "url"))
        for s, e, value, role in sorted(found):
            out.append(Stamp(i, s, e, value, role, whole and role in ("published", "updated", "masthead")))
    return out


def _sort_key(value: str) -> str:
    return value.replace("--", "0000-", 1)


def publication(stamps: list[Stamp]) -> tuple[str | None, str]:
    """``(published, published_source)`` from a page's stamps.

    The earliest stamp of the most trusted role wins (``published`` stamp →
    source ``stamp``; ``dateline``; ``updated`` → ``stamp``, an update bounds
    the publication from above; ``url``). Masthead dates are never used.
    Returns ``(None, "none")`` when no stamp qualifies.
    """
    for role in ROLE_ORDER:
        values = [s.value for s in stamps if s.role == role]
        if values:
            full = [v for v in values if not v.startswith("--")]
            value = min(full or values, key=_sort_key)
            return value, {"published": "stamp", "updated": "stamp"}.get(role, role)
    return None, "none"
