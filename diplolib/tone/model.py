"""Learned calibration of sentence tone: a multinomial logistic regression over rule features.

The rules (:mod:`diplolib.tone.rules`) give each sentence a lexical score;
the calibration turns the rule evidence, the sentence's relevance to US–Russia
relations and the events it holds into probabilities of the three classes a
coder uses (−1 conflictual, 0 neutral, +1 cooperative). The sentence
``score`` is the expected label ``p(+1) − p(−1)`` (−1 … +1) when a polar
class is the most probable, and a tenth of it when the neutral class is (so
that it falls inside the ±0.1 neutral band of the 3-class reading while
keeping its order): :func:`calibrated_score`.

Features (:data:`FEATURES`, one row per sentence, from the columns of
:func:`diplolib.tone.sentences` before calibration):

- ``rule_score``: the rule-based mean (hits and events); ``plain_score``: mean
  lexicon score of the same hits without rules; ``pos`` / ``neg``: sums of
  positive / negative counted weights; ``n_hits`` (log1p);
- ``relevance`` and ``relevance_x_rule`` (their product);
- ``event_score``, ``has_event``;
- ``cooperation`` / ``conflict`` / ``evaluation``: summed weights by lexicon
  category; ``negated``: share of hits a negation or modality rule changed;
- ``quoted``: the sentence reports a speaker (``speaker_side`` not ``press``).

Coefficients live in ``data/reference/tone_model.csv`` (columns ``feature``,
``mean``, ``scale`` — standardisation — and ``coef_-1``, ``coef_0``,
``coef_1``; the ``(intercept)`` row holds the intercepts). They are refitted
by :mod:`diplolib.tone.fit` (``python -m diplolib.tone.fit DEVSET``), which
also reports the article-grouped cross-validated figures.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from diplolib.reference import reference_file

#: Feature names, in column order of :func:`features`.
FEATURES = [
    "rule_score", "plain_score", "pos", "neg", "n_hits", "relevance", "relevance_x_rule", "event_score", "has_event",
    "cooperation", "conflict", "evaluation", "negated", "quoted",
]
#: Class labels of the model's probability columns.
CLASSES = (-1, 0, 1)


def features(table: pd.DataFrame) -> pd.DataFrame:
    """The :data:`FEATURES` of each row of a sentence table (``rule_score``, ``n_hits``, ``hits``,
    ``relevance``, ``event_score``, ``n_events``, ``speaker_side``)."""
    n = len(table)
    pos, neg, plain, negated = np.zeros(n), np.zeros(n), np.zeros(n), np.zeros(n)
    cats = {c: np.zeros(n) for c in ("cooperation", "conflict", "evaluation")}
    for i, hits in enumerate(table["hits"]):
        bases, changed = [], 0
        for h in hits:
            if h.get("base", 0) == 0:
                continue
            bases.append(h["base"])
            w = h["weight"] if h.get("counted", True) else 0.0
            if w > 0:
                pos[i] += w
            else:
                neg[i] += w
            cat = h.get("category", "")
            if cat in cats:
                cats[cat][i] += w
            changed += any(str(m).startswith(("negation", "negated", "partial", "modality")) for m in h.get("modifiers", ()))
        if bases:
            plain[i] = np.clip(np.mean(bases), -1, 1)
            negated[i] = changed / len(bases)
    rel = table["relevance"].to_numpy(float) if "relevance" in table else np.ones(n)
    rule = table["rule_score"].to_numpy(float)
    ev = table["event_score"].fillna(0.0).to_numpy(float) if "event_score" in table else np.zeros(n)
    n_ev = table["n_events"].to_numpy(float) if "n_events" in table else np.zeros(n)
    side = table["speaker_side"].astype(str).to_numpy() if "speaker_side" in table else np.array(["press"] * n)
    out = pd.DataFrame({
        "rule_score": rule, "plain_score": plain, "pos": pos, "neg": neg,
        "n_hits": np.log1p(table["n_hits"].to_numpy(float)), "relevance": rel, "relevance_x_rule": rel * rule,
        "event_score": ev, "has_event": (n_ev > 0).astype(float),
        **cats, "negated": negated, "quoted": ~np.isin(side, ["press", ""]),
    })
    return out[FEATURES].astype(float)


@functools.cache
def _model_cached(path: str, mtime: float) -> pd.DataFrame:
    return pd.read_csv(path).set_index("feature")


def coefficients(path: str | None = None) -> pd.DataFrame:
    """The fitted model (``tone_model.csv``, or ``path``), indexed by ``feature``."""
    p = reference_file("tone_model.csv") if path is None else __import__("pathlib").Path(path)
    return _model_cached(str(p), p.stat().st_mtime)


def probabilities(x: pd.DataFrame, model: pd.DataFrame | None = None) -> np.ndarray:
    """Class probabilities (n × 3, columns :data:`CLASSES`) of feature rows ``x`` under ``model``.

    Plain numpy softmax over the standardised features (no scikit-learn at
    run time; the fit in :mod:`diplolib.tone.fit` uses it).
    """
    m = coefficients() if model is None else model
    names = [f for f in m.index if f != "(intercept)"]
    z = (x[names].to_numpy(float) - m.loc[names, "mean"].to_numpy(float)) / m.loc[names, "scale"].to_numpy(float)
    cols = [f"coef_{c}" for c in CLASSES]
    logits = z @ m.loc[names, cols].to_numpy(float) + m.loc["(intercept)", cols].to_numpy(float)
    logits -= logits.max(axis=1, keepdims=True)
    e = np.exp(logits)
    return e / e.sum(axis=1, keepdims=True)


#: Factor applied to the expected label when the neutral class is the most probable.
NEUTRAL_SHRINK = 0.1


def gated_score(p: np.ndarray) -> np.ndarray:
    """Score from class probabilities (columns :data:`CLASSES`): ``p(+1) − p(−1)``, times
    :data:`NEUTRAL_SHRINK` where ``p(0)`` is the largest."""
    expected = p[:, 2] - p[:, 0]
    return np.where(p[:, 1] >= p[:, [0, 2]].max(axis=1), expected * NEUTRAL_SHRINK, expected)


def calibrated_score(x: pd.DataFrame, model: pd.DataFrame | None = None) -> np.ndarray:
    """The calibrated sentence score (−1 … +1) of feature rows ``x``: :func:`gated_score`."""
    return gated_score(probabilities(x, model))
