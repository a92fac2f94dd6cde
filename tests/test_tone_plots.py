"""Tone figures and the agreement helpers behind them (intervals, confusion matrix)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from diplolib import plots
from diplolib.plots import tone as tone_plots
from diplolib.tone.evaluation import agreement_interval, confusion

from tone_support import ROOT


def test_confusion_counts_classes_with_the_neutral_band():
    m = confusion(np.array([-0.5, 0.05, 0.3, 0.3, -0.09]), np.array([-1, 0, 1, 0, -1]))
    assert list(m.index) == [-1, 0, 1] and list(m.columns) == [-1, 0, 1]
    assert m.loc[-1, -1] == 1 and m.loc[-1, 0] == 1 and m.loc[0, 0] == 1 and m.loc[0, 1] == 1 and m.loc[1, 1] == 1
    assert m.to_numpy().sum() == 5


def test_agreement_interval_resamples_whole_articles():
    scores = np.array([0.5, 0.5, -0.5, -0.5, 0.0, 0.0])
    labels = np.array([1, 1, -1, -1, 1, 1])
    one = agreement_interval(scores, labels, np.array(["a", "a", "b", "b", "c", "c"]), n_boot=300)
    assert one["agreement"] == pytest.approx(4 / 6)
    # article c is all wrong: with whole articles resampled, agreement takes only the values 0, 1/3, 1/2, 2/3, 1
    assert one["agreement_ci"][0] <= 4 / 6 <= one["agreement_ci"][1]
    rows = agreement_interval(scores, labels, None, n_boot=300)
    assert rows["agreement_ci"][1] - rows["agreement_ci"][0] <= one["agreement_ci"][1] - one["agreement_ci"][0]


def test_agreement_frame_and_figure_from_the_shipped_fit_report():
    report = json.loads((ROOT / "data" / "reference" / "tone_model_cv.json").read_text())
    frame = tone_plots.agreement_frame(report)
    assert {"diplolib", "diplolib rules", "plain count"} <= set(frame["scorer"])
    assert (frame["ci_low"] <= frame["value"]).all() and (frame["value"] <= frame["ci_high"]).all()
    summary = plots.summary(tone_plots.agreement_figure(frame))
    assert "bar 'diplolib': 2 points" in summary
    heat = tone_plots.confusion_figure(report["cross_validated"]["sentences_cv"]["confusion"])
    assert np.asarray(heat.data[0].z).sum() == report["cross_validated"]["sentences_cv"]["n"]


def test_outlet_figure_has_one_point_per_outlet_with_intervals():
    frame = pd.DataFrame({"period": "all", "outlet": ["A", "B"], "mean": [0.2, -0.1], "ci_low": [0.1, -0.3],
                          "ci_high": [0.3, 0.1], "n_articles": [3, 4], "n_sentences": [30, 40]})
    fig = tone_plots.outlet_tone_figure(frame)
    assert list(fig.data[0].y) == ["B", "A"]  # sorted by mean
    assert list(fig.data[0].error_x.array) == pytest.approx([0.2, 0.1])
