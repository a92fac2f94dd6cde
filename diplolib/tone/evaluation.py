"""Agreement of tone scores with hand labels."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

from diplolib.lexicons import Lexicon
from diplolib.text import fold, squash_spaces
from diplolib.tone.sentences import baseline_sentences


def _key(text: str) -> str:
    return squash_spaces(re.sub(r"[^\w ]", " ", fold(str(text))))[:60]


def evaluate(tone_sentences: pd.DataFrame, gold: pd.DataFrame, corpus=None, threshold: float = 0.1) -> dict:
    """Agreement of sentence scores with hand labels.

    ``gold``: ``source`` (file name), ``sent_idx``, ``text``, ``label`` (−1/0/+1).
    Rows are matched on (source, sent_idx) when the texts agree, else on the
    text within the source (so a re-split sentence is still found);
    ``corpus`` (or a ``source`` column in ``tone_sentences``) maps article_id → source.

    Scores become classes with a fixed threshold: ``|score| < threshold`` → 0,
    else the sign. 0.1 is set a priori, not tuned: one mild lexicon word weighs
    ±0.33, damped once ±0.17, so only doubly damped hits or near-cancelling
    mixes fall under it.

    Returns a dict: ``n`` (matched sentences), ``n_gold``, ``agreement``
    (share of equal classes), ``spearman`` and ``spearman_p`` (scipy, scores vs labels).
    """
    matched = match_gold(tone_sentences, gold, corpus)
    if not len(matched):
        return {"n": 0, "n_gold": len(gold), "agreement": math.nan, "spearman": math.nan, "spearman_p": math.nan}
    result = agreement(tone_sentences["score"].to_numpy(float)[matched["row"].to_numpy()], matched["label"].to_numpy(), threshold)
    return {"n": len(matched), "n_gold": len(gold), **result}


def match_gold(tone_sentences: pd.DataFrame, gold: pd.DataFrame, corpus=None) -> pd.DataFrame:
    """Gold rows found in a sentence table: ``row`` (position in ``tone_sentences``), ``label`` (int).

    Matching as in :func:`evaluate`: on (source, sent_idx) when the texts agree,
    else on the text within the source.
    """
    tone = tone_sentences[["article_id", "sent_idx", "text"] + (["source"] if "source" in tone_sentences else [])]
    if "source" not in tone:
        if corpus is None:
            raise ValueError("pass corpus= (or a 'source' column) to map article_id to source")
        src = dict(zip(corpus.ok["article_id"], corpus.ok["source"], strict=True))
        sources = [src.get(a) for a in tone["article_id"]]
    else:
        sources = tone["source"].tolist()
    keys = [_key(t) for t in tone["text"]]
    by_pos = {(s, int(i)): (k, row) for row, (s, i, k) in enumerate(zip(sources, tone["sent_idx"], keys, strict=True))}
    by_text = {(s, k): row for row, (s, k) in enumerate(zip(sources, keys, strict=True))}
    rows, labels = [], []
    for r in gold.itertuples(index=False):
        k = _key(r.text)
        hit = by_pos.get((r.source, int(r.sent_idx)))
        row = hit[1] if hit is not None and hit[0] == k else by_text.get((r.source, k))
        if row is not None and not pd.isna(r.label):
            rows.append(row)
            labels.append(int(float(r.label)))
    return pd.DataFrame({"row": np.asarray(rows, dtype=np.int64), "label": np.asarray(labels, dtype=np.int64)})


def agreement(scores: np.ndarray, labels: np.ndarray, threshold: float = 0.1) -> dict:
    """3-class agreement and Spearman of ``scores`` (−1 … +1) with ``labels`` (−1/0/+1).

    Classes: ``|score| < threshold`` → 0, else the sign. Returns ``agreement``,
    ``spearman``, ``spearman_p`` (scipy; NaN when either side is constant).
    """
    from scipy.stats import spearmanr

    scores, labels = np.asarray(scores, float), np.asarray(labels, int)
    classes = np.where(np.abs(scores) < threshold, 0, np.sign(scores)).astype(int)
    rho, p = spearmanr(scores, labels) if len(set(labels)) > 1 and len(set(scores)) > 1 else (math.nan, math.nan)
    return {"agreement": float((classes == labels).mean()), "spearman": float(rho), "spearman_p": float(p)}



def agreement_table(corpus, gold: pd.DataFrame, tone_sentences: pd.DataFrame, lexicon: Lexicon | str | None = None,
                    threshold: float = 0.1, extra: dict[str, pd.DataFrame] | None = None, n_boot: int = 1000) -> pd.DataFrame:
    """3-class agreement and Spearman with hand labels, for diplolib and the plain-count baseline.

    ``extra``: more scorers (name → sentence table with ``score``), e.g. a
    Lexicoder dictionary through :func:`baseline_sentences`. Intervals: 95 %
    percentile bootstrap over articles (:func:`agreement_interval`).

    Columns: ``scorer`` (``diplolib`` / ``baseline: count, no rules`` / the
    ``extra`` names), ``n``, ``agreement``, ``agreement_low``, ``agreement_high``,
    ``spearman``, ``spearman_low``, ``spearman_high``.
    """
    scorers = {"diplolib": tone_sentences, "baseline: count, no rules": baseline_sentences(corpus, lexicon), **(extra or {})}
    rows = []
    for name, table in scorers.items():
        m = match_gold(table, gold, corpus)
        r = agreement_interval(table["score"].to_numpy(float)[m["row"]], m["label"].to_numpy(),
                               table["article_id"].to_numpy()[m["row"]], threshold, n_boot)
        rows.append({"scorer": name, "n": r["n"], "agreement": round(r["agreement"], 3),
                     "agreement_low": round(r["agreement_ci"][0], 3), "agreement_high": round(r["agreement_ci"][1], 3),
                     "spearman": round(r["spearman"], 3), "spearman_low": round(r["spearman_ci"][0], 3),
                     "spearman_high": round(r["spearman_ci"][1], 3)})
    return pd.DataFrame(rows)


def confusion(scores: np.ndarray, labels: np.ndarray, threshold: float = 0.1) -> pd.DataFrame:
    """3×3 counts: rows = hand label (−1, 0, 1), columns = class of the score (``|score| < threshold`` → 0)."""
    scores, labels = np.asarray(scores, float), np.asarray(labels, int)
    classes = np.where(np.abs(scores) < threshold, 0, np.sign(scores)).astype(int)
    table = pd.crosstab(pd.Categorical(labels, categories=[-1, 0, 1]), pd.Categorical(classes, categories=[-1, 0, 1]),
                        dropna=False)
    table.index.name, table.columns.name = "label", "predicted"
    return table


def agreement_interval(scores: np.ndarray, labels: np.ndarray, groups: np.ndarray | None = None, threshold: float = 0.1,
                       n_boot: int = 1000, seed: int = 0) -> dict:
    """:func:`agreement` with percentile 95 % intervals from a bootstrap over ``groups`` (articles:
    sentences of one article are not independent) or over rows when ``groups`` is None.

    Returns ``n``, ``agreement``, ``agreement_ci`` ``[low, high]``, ``spearman``, ``spearman_ci``.
    """
    from scipy.stats import spearmanr

    scores, labels = np.asarray(scores, float), np.asarray(labels, int)
    groups = np.arange(len(scores)) if groups is None else np.asarray(groups)
    point = agreement(scores, labels, threshold)
    keys, inverse = np.unique(groups, return_inverse=True)
    members = [np.flatnonzero(inverse == k) for k in range(len(keys))]  # one pass; rows per group
    rng = np.random.default_rng(seed)
    classes = np.where(np.abs(scores) < threshold, 0, np.sign(scores)).astype(int)
    agr, rho = [], []
    for _ in range(n_boot):
        idx = np.concatenate([members[k] for k in rng.integers(0, len(keys), len(keys))])
        agr.append((classes[idx] == labels[idx]).mean())
        if len(set(labels[idx])) > 1 and len(set(scores[idx])) > 1:
            rho.append(spearmanr(scores[idx], labels[idx])[0])
    ci = lambda v: [float(x) for x in np.percentile(v, [2.5, 97.5])] if v else [math.nan, math.nan]  # noqa: E731
    return {"n": len(scores), "agreement": point["agreement"], "agreement_ci": ci(agr),
            "spearman": point["spearman"], "spearman_ci": ci(rho)}
