"""The list of every table the pipeline produces, in pipeline order.

Used by ``python -m diplolib analyze`` (one CSV per entry) and by tests. Each
entry is a zero-argument callable so that a table is computed only when asked
for; stages that depend on one another share results through the corpus.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd


def tables(corpus) -> dict[str, Callable[[], pd.DataFrame]]:
    """``{csv name: callable returning the table}`` for a :class:`diplolib.Corpus`."""
    return {
        "articles": lambda: corpus.articles,
        "sentences": lambda: corpus.sentences,
        "tokens": lambda: corpus.tokens,
        "entities": lambda: corpus.entities,
    }
