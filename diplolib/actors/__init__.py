"""Stage 3a: who is named, designated by role, or evoked by metonymy in each sentence.

Knowledge comes from ``data/reference/`` (``actors.csv``, ``office_roles.csv``,
``offices.csv``, ``nationalities.csv``; see ``actors.md``). Matching is accent-
and case-insensitive on word n-grams of the clean text (:func:`diplolib.text.fold`
keeps offsets), so ``start_char``/``end_char`` index the article text.

Two layers, so that dating and actor resolution can each run first:

- :func:`surface_mentions` needs no dates: names, aliases, surnames, metonyms and
  role phrases (with the office they designate, not yet its holder).
  :mod:`diplolib.dates` uses it ("le secrétaire d'État américain John Kerry" ⇒ a
  date inside Kerry's tenure).
- :func:`mentions` resolves role phrases and "son homologue …" to office holders
  on each article's date interval (from :func:`diplolib.dates.article_dates`
  unless given), and surnames to people named earlier.
"""

from __future__ import annotations

from diplolib.actors.gazetteer import Gazetteer, actors_table, gazetteer
from diplolib.actors.offices import office_holder, office_holders, offices_of
from diplolib.actors.report import candidates, evaluate, gold_report, load_gold, mention_counts
from diplolib.actors.resolve import MENTION_COLUMNS, METHODS, mentions
from diplolib.actors.scan import surface_mentions

__all__ = [
    "MENTION_COLUMNS", "METHODS", "Gazetteer", "actors_table", "candidates", "evaluate", "gazetteer",
    "gold_report", "load_gold", "mention_counts", "mentions", "office_holder", "office_holders",
    "offices_of", "surface_mentions",
]
