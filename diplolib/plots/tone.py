"""Figures for the tone notebook: agreement with hand labels, confusion matrices, tone by outlet."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from diplolib.plots import TEMPLATE, _ci_errors

_SCORER_COLOUR = {"diplolib": "#2c3e50", "diplolib rules": "#2c3e50", "plain count": "#95a5a6", "Lexicoder": "#e67e22"}


def agreement_frame(report: dict) -> pd.DataFrame:
    """Long table of a tone fit report (``tone_model_cv.json``, :mod:`diplolib.tone.fit`).

    Columns: ``level`` (``sentences``/``articles``), ``scorer`` (``diplolib`` = the
    calibrated model, cross-validated; ``diplolib rules``; ``plain count``;
    ``Lexicoder``), ``metric`` (``agreement``/``spearman``), ``value``,
    ``ci_low``, ``ci_high`` (95 % article bootstrap), ``n``.
    """
    cv, base = report["cross_validated"], report.get("baselines", {})
    sources = [("sentences", "diplolib", cv["sentences_cv"]), ("sentences", "diplolib rules", cv["sentences_rules"]),
               ("articles", "diplolib", cv["articles_cv"]), ("articles", "diplolib rules", cv["articles_rules"])]
    for key, name in (("plain_count", "plain count"), ("lexicoder", "Lexicoder")):
        if key in base:
            sources += [("sentences", name, base[key]["sentences"]), ("articles", name, base[key]["articles"])]
    rows = []
    for level, scorer, fig in sources:
        for metric in ("agreement", "spearman"):
            low, high = fig.get(f"{metric}_ci", [None, None])
            rows.append({"level": level, "scorer": scorer, "metric": metric, "value": round(fig[metric], 3),
                         "ci_low": low, "ci_high": high, "n": fig["n"]})
    return pd.DataFrame(rows)


def agreement_figure(frame: pd.DataFrame) -> go.Figure:
    """Agreement and Spearman per scorer (:func:`agreement_frame`), sentences and articles, with 95 % intervals."""
    from plotly.subplots import make_subplots

    levels = list(dict.fromkeys(frame["level"]))
    fig = make_subplots(rows=1, cols=len(levels), subplot_titles=[f"{lv} (n={frame[frame['level'] == lv]['n'].max()})" for lv in levels],
                        shared_yaxes=True)
    for col, level in enumerate(levels, start=1):
        part = frame[frame["level"] == level]
        for scorer, rows in part.groupby("scorer", sort=False):
            fig.add_trace(go.Bar(
                x=rows["metric"], y=rows["value"], name=scorer, legendgroup=scorer, showlegend=col == 1,
                error_y=_ci_errors(rows.rename(columns={"value": "mean"})), marker={"color": _SCORER_COLOUR.get(scorer, "#7f8c8d")},
                hovertemplate=f"{scorer}: " + "%{x} %{y:.2f}<extra></extra>",
            ), row=1, col=col)
    fig.update_layout(title="Agreement with hand labels (dev set, cross-validated for the model)", template=TEMPLATE,
                      height=420, barmode="group", yaxis_range=[0, 1], yaxis_title="value (95 % interval)",
                      legend={"orientation": "h", "y": -0.15})
    return fig


def confusion_figure(matrix, title: str = "Confusion matrix") -> go.Figure:
    """Heatmap of a 3×3 confusion matrix (rows = hand label −1/0/+1, columns = predicted class)."""
    m = pd.DataFrame(matrix, index=[-1, 0, 1], columns=[-1, 0, 1]) if not isinstance(matrix, pd.DataFrame) else matrix
    names = {-1: "conflictual", 0: "neutral", 1: "cooperative"}
    fig = go.Figure(go.Heatmap(
        z=m.to_numpy(), x=[names[c] for c in m.columns], y=[names[c] for c in m.index], colorscale="Blues",
        text=m.to_numpy(), texttemplate="%{text}", hovertemplate="label %{y}, predicted %{x}: %{z}<extra></extra>",
    ))
    fig.update_layout(title=title, template=TEMPLATE, height=360, xaxis_title="predicted", yaxis_title="hand label",
                      yaxis_autorange="reversed")
    return fig


def outlet_tone_figure(by_outlet: pd.DataFrame) -> go.Figure:
    """Mean tone per outlet (``tone.by_period(..., freq=[(label, start, end)], by="outlet")``), with 95 % intervals."""
    frame = by_outlet.sort_values("mean")
    fig = go.Figure(go.Scatter(
        x=frame["mean"], y=frame["outlet"].astype(str), mode="markers", error_x=_ci_errors(frame), name="outlets",
        customdata=frame[["n_articles", "n_sentences"]].to_numpy(),
        hovertemplate="%{y}: %{x:.2f}<br>%{customdata[0]} articles, %{customdata[1]} sentences<extra></extra>",
    ))
    fig.update_layout(title="Tone by outlet", template=TEMPLATE, height=200 + 40 * len(frame), xaxis_range=[-1, 1],
                      xaxis_title="mean tone (−1 … +1, relevance-weighted)", yaxis_title="outlet")
    return fig
