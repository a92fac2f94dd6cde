"""Stage 3b: temporal expressions, and an honest event date for every article.

- :mod:`~diplolib.dates.tagger` — French temporal expressions (:func:`expressions`);
- :mod:`~diplolib.dates.known_events` — the reference chronology and references to it (:func:`landmarks`);
- :mod:`~diplolib.dates.constraints` — hard constraints and their feasible set;
- :mod:`~diplolib.dates.article` — :func:`article_dates` (hard constraints, then soft evidence).

Dating reads evidence only: it imports neither ``timeline`` nor ``events``;
chronology matches come in through ``article_dates(..., links=...)``.
"""

from diplolib.dates.article import (
    ARTICLE_DATE_COLUMNS,
    article_dates,
    evidence_table,
    horizon,
    overview,
    parse_published,
)
from diplolib.dates.constraints import Constraint
from diplolib.dates.known_events import chronology, landmarks
from diplolib.dates.tagger import EXPRESSION_COLUMNS, _duration_days, _find, _resolve, expressions

__all__ = [
    "ARTICLE_DATE_COLUMNS", "EXPRESSION_COLUMNS", "Constraint", "_duration_days", "_find", "_resolve", "article_dates",
    "chronology", "evidence_table", "expressions", "horizon", "landmarks", "overview", "parse_published",
]
