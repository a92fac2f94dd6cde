"""Stage 4: diplomatic tone — sentences, articles, periods, events, keyness.

The subpackage is split by job; every public name is importable from
``diplolib.tone``.

- :mod:`~diplolib.tone.rules` — scoring rules of one sentence (lexicon hits
  weighted by negation, intensity, modality, accusation; see its docstring).
- :mod:`~diplolib.tone.sentences` — :func:`sentences` (one row per sentence,
  rule score, ``relevance``, event contribution, calibrated ``score``) and
  :func:`baseline_sentences` (plain count, same lexicon, no rule).
- :mod:`~diplolib.tone.relevance` — how much a sentence is about US–Russia
  relations (0 … 1).
- :mod:`~diplolib.tone.events` — Goldstein values of events and contacts, and
  the events found inside each sentence.
- :mod:`~diplolib.tone.model` — the learned calibration (logistic regression
  coefficients in ``data/reference/tone_model.csv``); :mod:`~diplolib.tone.fit`
  refits it.
- :mod:`~diplolib.tone.aggregate` — articles and periods with bootstrap
  intervals (relevance-weighted by default), drivers.
- :mod:`~diplolib.tone.keyness` — Dunning G² keyness between periods.
- :mod:`~diplolib.tone.evaluation` — agreement with hand labels.

Aggregates
----------
:func:`articles` and :func:`by_period` average sentence scores over sentences
*with evidence* (a lexicon hit or an event; ``only_hits=False`` includes the
others as 0), each weighted by its ``relevance`` (``weight="relevance"``,
the default; ``weight=None`` gives every sentence the same weight), with
bootstrap 95 % intervals (numpy ``default_rng(seed)``, percentile method,
``n_boot`` resamples): over sentences within an article; over **articles**
within a period (sentences of one article are not independent: same author,
event and outlet), falling back to sentences when a period has a single
article (``ci_unit`` says which).
"""

from __future__ import annotations

from diplolib.tone.aggregate import (
    Periods,
    article_table,
    articles,
    by_period,
    drivers,
    highlight,
    period_of,
)
from diplolib.tone.evaluation import agreement_table, evaluate
from diplolib.tone.events import event_scores, goldstein_table, yearly_events
from diplolib.tone.keyness import CONTENT_POS, keyness, top_keyness
from diplolib.tone.rules import Modifier, Modifiers, modifiers
from diplolib.tone.sentences import SENTENCE_COLUMNS, baseline_sentences, sentences

__all__ = [
    "CONTENT_POS", "SENTENCE_COLUMNS", "Modifier", "Modifiers", "Periods", "agreement_table", "article_table", "articles",
    "baseline_sentences", "by_period", "drivers", "evaluate", "event_scores", "goldstein_table", "highlight", "keyness",
    "modifiers", "period_of", "sentences", "top_keyness", "yearly_events",
]
