"""The list of every table the pipeline produces, in pipeline order.

Used by ``python -m diplolib analyze`` (one CSV per entry) and by tests. Each
entry is a zero-argument callable; intermediate results (dates, mentions,
contacts) are computed once and shared.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping

import pandas as pd


def _given(given: Mapping[str, pd.DataFrame], name: str, make: Callable[[], pd.DataFrame]) -> Callable[[], pd.DataFrame]:
    """``given[name]`` when it was handed in, else ``make`` (itself cached)."""
    return (lambda: given[name]) if name in given else make


def tables(corpus, given: Mapping[str, pd.DataFrame] | None = None) -> dict[str, Callable[[], pd.DataFrame]]:
    """``{csv name: callable returning the table}`` for a :class:`diplolib.Corpus`.

    ``given``: tables or intermediates (keyed by table name, or ``surface``)
    already computed — e.g. the per-article tables that :mod:`diplolib.stream`
    computed partition by partition and concatenated. They are used as they are,
    by the entries that depend on them too.
    """
    given = dict(given or {})
    from diplolib import actors, dates, network, quotes, timeline, tone

    @functools.cache
    def surface() -> pd.DataFrame:
        return actors.surface_mentions(corpus)

    @functools.cache
    def article_dates() -> pd.DataFrame:
        return dates.article_dates(corpus, surface())

    @functools.cache
    def mentions() -> pd.DataFrame:
        return actors.mentions(corpus, article_dates(), surface=surface())

    @functools.cache
    def contacts() -> pd.DataFrame:
        return timeline.contacts(corpus, mentions(), article_dates())

    @functools.cache
    def quoted() -> pd.DataFrame:
        return quotes.extract(corpus, mentions(), article_dates())

    @functools.cache
    def tone_sentences() -> pd.DataFrame:
        from diplolib.tone.events import events_from_contacts

        # Events inside sentences: contacts until the events stage provides its table.
        return tone.sentences(corpus, quotes=quoted(), mentions=mentions(), dates=article_dates(),
                              events=events_from_contacts(contacts()))

    # Intermediates handed in replace their stage (closures below see the new bindings).
    surface, article_dates, mentions, contacts, quoted, tone_sentences = (
        _given(given, name, make) for name, make in (
            ("surface", surface), ("article_dates", article_dates), ("mentions", mentions),
            ("contacts", contacts), ("quotes", quoted), ("tone_sentences", tone_sentences)))

    out: dict[str, Callable[[], pd.DataFrame]] = {
        "articles": lambda: corpus.articles,
        "sentences": lambda: corpus.sentences,
        "tokens": lambda: corpus.tokens,
        "entities": lambda: corpus.entities,
        "mentions": mentions,
        "cooccurrence": lambda: network.cooccurrence(mentions(), article_dates()),
        "candidates": lambda: actors.candidates(corpus, mentions()),
        "expressions": lambda: dates.expressions(corpus, article_dates()),
        "article_dates": article_dates,
        "landmarks": lambda: dates.landmarks(corpus),
        "contacts": contacts,
        "quotes": quoted,
        "tone_sentences": tone_sentences,
        "tone_articles": lambda: tone.articles(tone_sentences()),
        "tone_baseline_sentences": lambda: tone.baseline_sentences(corpus),
        "tone_by_year": lambda: tone.by_period(tone_sentences(), article_dates(), freq="year"),
        "tone_events": lambda: tone.event_scores(contacts()),
        "keyness": lambda: tone.keyness(corpus, network.DEFAULT_PERIODS, article_dates()),
    }
    out.update({name: _given(given, name, make) for name, make in out.items()})
    return out
