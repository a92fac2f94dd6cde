"""The list of every table the pipeline produces, in pipeline order.

Used by ``python -m diplolib analyze`` (one CSV per entry) and by tests. Each
entry is a zero-argument callable; intermediate results (dates, mentions,
events) are computed once and shared.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping

import pandas as pd


def _given(given: Mapping[str, pd.DataFrame], name: str, make: Callable[[], pd.DataFrame]) -> Callable[[], pd.DataFrame]:
    """``given[name]`` when it was handed in, else ``make`` (itself cached)."""
    return (lambda: given[name]) if name in given else make


def _whole(corpus):
    """What corpus-level parameters are computed from: the whole corpus' ``ok`` articles for a
    partition (``corpus.whole``, see :mod:`diplolib.stream`), else ``corpus`` itself."""
    whole = getattr(corpus, "whole", None)
    if whole is None:
        return corpus
    from types import SimpleNamespace

    from diplolib.corpus import ok_articles

    return SimpleNamespace(ok=ok_articles(whole))


def tables(corpus, given: Mapping[str, pd.DataFrame] | None = None) -> dict[str, Callable[[], pd.DataFrame]]:
    """``{csv name: callable returning the table}`` for a :class:`diplolib.Corpus`.

    ``given``: tables or intermediates (keyed by table name, or ``surface`` / ``undated``)
    already computed — e.g. the per-article tables that :mod:`diplolib.stream`
    computed partition by partition and concatenated. They are used as they are,
    by the entries that depend on them too.
    """
    given = dict(given or {})
    from diplolib import actors, dates, events, network, quotes, timeline, tone

    @functools.cache
    def undated() -> pd.DataFrame:
        return events.extract(corpus, surface())

    @functools.cache
    def surface() -> pd.DataFrame:
        return actors.surface_mentions(corpus)

    @functools.cache
    def event_links() -> pd.DataFrame:
        return events.chronology_candidates(corpus, undated(), surface())

    @functools.cache
    def marks() -> pd.DataFrame:
        return dates.landmarks(corpus)

    @functools.cache
    def article_dates() -> pd.DataFrame:
        # chronology matches of the undated events are soft dating evidence, passed in
        # (dates imports neither timeline nor events)
        return dates.article_dates(corpus, surface(), links=event_links(), today=horizon_end(), marks=marks())

    @functools.cache
    def horizon_end() -> pd.Timestamp:
        # A corpus-level parameter: from the whole corpus' articles, also when this is a partition.
        return dates.horizon(_whole(corpus))[1]

    @functools.cache
    def expressions() -> pd.DataFrame:
        return dates.expressions(corpus, article_dates())

    @functools.cache
    def dated_events() -> pd.DataFrame:
        return events.resolve(undated(), article_dates(), mentions(), expressions())

    @functools.cache
    def mentions() -> pd.DataFrame:
        return actors.mentions(corpus, article_dates(), surface=surface())

    @functools.cache
    def contacts() -> pd.DataFrame:
        return timeline.contacts_from_events(dated_events(), corpus)

    @functools.cache
    def quoted() -> pd.DataFrame:
        return quotes.extract(corpus, mentions(), article_dates())

    @functools.cache
    def tone_sentences() -> pd.DataFrame:
        # Events inside sentences: every extracted event (before the per-article merge), with its
        # Goldstein value and status (the tone contract: article_id, sent_idx, type, goldstein, status).
        return tone.sentences(corpus, quotes=quoted(), mentions=mentions(), dates=article_dates(),
                              events=undated()[["article_id", "sent_idx", "type", "goldstein", "status"]])

    # Intermediates handed in replace their stage (closures below see the new bindings).
    undated, surface, event_links, marks, article_dates, expressions, mentions, contacts, quoted, tone_sentences = (
        _given(given, name, make) for name, make in (
            ("undated", undated), ("surface", surface), ("event_links", event_links), ("landmarks", marks),
            ("article_dates", article_dates), ("expressions", expressions),
            ("mentions", mentions), ("contacts", contacts), ("quotes", quoted), ("tone_sentences", tone_sentences)))

    out: dict[str, Callable[[], pd.DataFrame]] = {
        "articles": lambda: corpus.articles,
        "sentences": lambda: corpus.sentences,
        "tokens": lambda: corpus.tokens,
        "entities": lambda: corpus.entities,
        "mentions": mentions,
        "cooccurrence": lambda: network.cooccurrence(mentions(), article_dates()),
        "candidates": lambda: actors.candidates(corpus, mentions()),
        "expressions": expressions,
        "article_dates": article_dates,
        "landmarks": marks,
        "undated_events": undated,
        "events": dated_events,
        "event_links": event_links,
        "events_index": lambda: events.index(dated_events()),
        "contacts": contacts,
        "quotes": quoted,
        "tone_sentences": tone_sentences,
        "tone_articles": lambda: tone.articles(tone_sentences()),
        "tone_baseline_sentences": lambda: tone.baseline_sentences(corpus),
        "tone_by_year": lambda: tone.by_period(tone_sentences(), article_dates(), freq="year"),
        "keyness": lambda: tone.keyness(corpus, network.DEFAULT_PERIODS, article_dates()),
    }
    out.update({name: _given(given, name, make) for name, make in out.items()})
    return out
