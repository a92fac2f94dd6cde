"""Tone against ``gold_articles.csv`` ``tone`` and ``gold_sentences.csv`` ``label``.

Scores become classes with a fixed threshold (:data:`THRESHOLD`, the one of
:func:`diplolib.tone.evaluate`): ``|score| < 0.1`` → 0, else its sign. An
article's score is the mean of its sentence scores (:func:`diplolib.tone.articles`);
an article without any hit scores 0. A gold sentence is located in the
article's clean text (letters and digits compared) and takes the score of the
pipeline sentence that covers most of its characters; a gold sentence not
found there (removed as boilerplate) is left out and counted.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from diplolib.evaluate.locate import Locator
from diplolib.evaluate.stats import agreement, figure, spearman, statistic

THRESHOLD = 0.1
#: Gold article tone → number.
TONE_CLASSES = {"cooperative": 1, "neutral": 0, "conflictual": -1}
#: Name of the project's own scorer in the figures.
MAIN = "diplolib"


def classes(scores: np.ndarray | pd.Series) -> np.ndarray:
    """−1/0/+1 classes of tone scores (NaN → 0)."""
    s = np.nan_to_num(np.asarray(scores, dtype=float))
    return np.where(np.abs(s) < THRESHOLD, 0, np.sign(s)).astype(int)


def _suffix(name: str) -> str:
    return "" if name == MAIN else f"[{name}]"


def _pair_figures(kind: str, frame: pd.DataFrame, score_col: str, label_col: str, name: str) -> list[dict]:
    groups = [np.column_stack([np.nan_to_num(g[score_col].to_numpy(float)), g[label_col].to_numpy(float)]) for _, g in frame.groupby("file", sort=True)]
    cls = [np.column_stack([classes(x[:, 0]), x[:, 1]]) for x in groups]
    n, n_art = len(frame), len(groups)
    v, lo, hi = statistic(cls, agreement)
    out = [figure("tone", f"{kind}_agreement{_suffix(name)}", v, lo, hi, n, n_art, "share of 3-class labels equal")]
    v, lo, hi = statistic(groups, spearman)
    out.append(figure("tone", f"{kind}_spearman{_suffix(name)}", v, lo, hi, n, n_art, "Spearman rho, score vs label"))
    return out


def score_articles(gold_articles: pd.DataFrame, files: pd.DataFrame, article_means: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, list[dict]]:
    """Article-level agreement and Spearman for each scorer.

    ``article_means``: scorer name → :func:`diplolib.tone.articles` table
    (``article_id``, ``mean``). Returns the per-article table (``file``,
    ``article_id``, ``gold`` −1/0/+1, then ``score[NAME]``/``class[NAME]``) and
    figure rows.
    """
    g = gold_articles[["file", "tone"]].copy()
    g["gold"] = g["tone"].str.strip().str.lower().map(TONE_CLASSES)
    g = g[g["gold"].notna()].merge(files, on="file", how="left")
    figs = []
    for name, table in article_means.items():
        means = dict(zip(table["article_id"], table["mean"], strict=True))
        g[f"score[{name}]"] = g["article_id"].map(means).fillna(0.0).astype(float)
        g[f"class[{name}]"] = classes(g[f"score[{name}]"])
        figs += _pair_figures("article", g, f"score[{name}]", "gold", name)
    return g.drop(columns=["tone"]).sort_values("file").reset_index(drop=True), figs


def locate_sentences(gold_sentences: pd.DataFrame, files: pd.DataFrame, texts: dict[str, str],
                     sentences: pd.DataFrame) -> pd.DataFrame:
    """Map every gold sentence to a pipeline sentence.

    Returns the gold rows with ``article_id``, ``start_char``/``end_char`` (its
    span in the clean text, −1 when not found) and ``sent_idx`` (pipeline
    sentence covering most of it, −1 when not found).
    """
    g = gold_sentences.merge(files, on="file", how="left")
    by_art = {a: (grp["sent_idx"].to_numpy(), grp["start_char"].to_numpy(), grp["end_char"].to_numpy())
              for a, grp in sentences.groupby("article_id", sort=False)}
    locators: dict[str, Locator] = {}
    spans, idxs = [], []
    for aid, sent in zip(g["article_id"], g["sentence"], strict=True):
        span = None
        if isinstance(aid, str) and aid in texts:
            loc = locators.setdefault(aid, Locator(texts[aid]))
            span = loc.find(sent)
        if span is None or aid not in by_art:
            spans.append((-1, -1))
            idxs.append(-1)
            continue
        sidx, s0, s1 = by_art[aid]
        overlap = np.minimum(s1, span[1]) - np.maximum(s0, span[0])
        spans.append(span)
        idxs.append(int(sidx[int(np.argmax(overlap))]) if overlap.max() > 0 else -1)
    g["start_char"] = [s[0] for s in spans]
    g["end_char"] = [s[1] for s in spans]
    g["sent_idx"] = idxs
    return g


def score_sentences(located: pd.DataFrame, sentence_scores: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, list[dict]]:
    """Sentence-level agreement and Spearman for each scorer.

    ``located``: :func:`locate_sentences`; ``sentence_scores``: scorer name → a
    sentence tone table (``article_id``, ``sent_idx``, ``score``; ``hits`` kept
    for the project's scorer). Returns the per-sentence table (``label``, then
    ``score[NAME]``/``class[NAME]``, ``found``) and figure rows; ``n`` counts
    matched sentences; the figure ``sentences_found`` gives matched / gold.
    """
    t = located.copy()
    t["label"] = pd.to_numeric(t["label"], errors="coerce")
    t["found"] = t["sent_idx"] >= 0
    figs = []
    n_files = t["file"].nunique()
    figs.append(figure("tone", "sentences_found", float(t["found"].mean()) if len(t) else np.nan, np.nan, np.nan, int(t["found"].sum()), n_files,
                       "share of gold sentences located in the clean text"))
    for name, table in sentence_scores.items():
        key = table.set_index(["article_id", "sent_idx"])
        idx = pd.MultiIndex.from_arrays([t["article_id"], t["sent_idx"]])
        t[f"score[{name}]"] = key["score"].reindex(idx).to_numpy(float)
        t[f"class[{name}]"] = classes(t[f"score[{name}]"])
        if name == MAIN and "hits" in key:
            t["hits"] = key["hits"].reindex(idx).map(lambda h: h if isinstance(h, list) else []).to_numpy()
        used = t[t["found"] & t["label"].notna()]
        figs += _pair_figures("sentence", used, f"score[{name}]", "label", name)
    return t.reset_index(drop=True), figs
