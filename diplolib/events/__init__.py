"""Diplomatic events: the whole cooperation–conflict spectrum as directed dyads (issue 13).

Stages (data flows one way; this package never imports :mod:`diplolib.dates`):

- :func:`extract` — undated events from the dependency parse (evidence stage);
- :func:`chronology_candidates` — chronology events matching each article's lead (soft evidence
  for dating, consumed by :func:`diplolib.dates.article_dates`);
- :func:`resolve` — event dates from the article dates and time expressions, chronology link,
  same-event grouping across articles;
- :func:`index` — the cooperation–conflict (Goldstein) index per year and direction.
"""

from diplolib.events import chronology
from diplolib.events import index as index_module
from diplolib.events.chronology import chronology_candidates
from diplolib.events.extract import COLUMNS, extract
from diplolib.events.index import index
from diplolib.events.lexicon import FAMILY, SYMMETRIC, TYPES, lexicon
from diplolib.events.resolve import RESOLVED_COLUMNS, resolve

__all__ = ["COLUMNS", "chronology", "index_module", "FAMILY", "RESOLVED_COLUMNS", "SYMMETRIC", "TYPES", "chronology_candidates", "extract", "index", "lexicon", "resolve"]
