"""Dated landmark events of ``data/reference/chronology.csv`` and references to them in texts."""

from __future__ import annotations

import functools
import re

import pandas as pd

from diplolib import reference
from diplolib.nlp.schema import SentenceLocator
from diplolib.text import fold, fold_phrase


def chronology() -> pd.DataFrame:
    """``chronology.csv`` with parsed ``start_ts``/``end_ts``, ``participant_set``, ``place_key``
    (:func:`diplolib.reference.chronology`)."""
    return reference.chronology()


@functools.cache
def _keyword_index(stamp: float) -> list[tuple[str, re.Pattern, str]]:
    """``(folded keyword, its whole-word pattern, event_id)``, longest keyword first."""
    chrono = chronology()
    pairs = []
    for row in chrono.itertuples():
        for kw in (k.strip() for k in row.keywords.split("|") if k.strip()):
            pairs.append((fold_phrase(kw), row.event_id))
    pairs.sort(key=lambda p: -len(p[0]))
    return [(k, re.compile(rf"(?<!\w){re.escape(k)}(?!\w)"), e) for k, e in pairs]


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
        for keyword, pattern, event in index:
            if keyword not in folded:  # plain substring test first: most keywords are absent
                continue
            for m in pattern.finditer(folded):
                if any(m.start() < e and m.end() > s for s, e in taken):
                    continue
                taken.append((m.start(), m.end()))
                ev = chrono.loc[event]
                rows.append((art.article_id, sents.of(art.article_id, m.start()), m.start(), m.end(), art.text[m.start() : m.end()], event, ev.start_ts, ev.description, ev.type))
    cols = ["article_id", "sent_idx", "start_char", "end_char", "surface", "event_id", "event_start", "description", "type"]
    return pd.DataFrame(rows, columns=cols).sort_values(["article_id", "start_char"]).reset_index(drop=True)


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
