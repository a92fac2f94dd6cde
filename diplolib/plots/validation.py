"""Figures of a validation run (:mod:`diplolib.evaluate` tables): figures with intervals, confusion matrices.

Functions take plain DataFrames (the ``Evaluation.figures`` / ``Evaluation.tables``
entries), so plotting needs nothing from :mod:`diplolib.evaluate`.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from diplolib.plots import TEMPLATE, show


def figures_figure(figures: pd.DataFrame) -> go.Figure:
    """Dot plot of every share-valued figure (0–1) with its bootstrap 95 % interval, one row per figure.

    ``figures``: ``Evaluation.figures``; per-type event figures are left out.
    """
    f = figures[figures["unit"].str.startswith("share") & ~figures["figure"].str.match(r"(precision|recall)\[")].dropna(subset=["value"])
    f = f.iloc[::-1]
    labels = f["measure"] + " · " + f["figure"]
    fig = go.Figure()
    for measure, grp in f.groupby("measure", sort=False):
        lab = labels[grp.index]
        fig.add_scatter(
            x=grp["value"], y=lab, mode="markers", name=measure,
            error_x={"type": "data", "symmetric": False, "array": (grp["ci_high"] - grp["value"]).fillna(0),
                     "arrayminus": (grp["value"] - grp["ci_low"]).fillna(0)},
            customdata=grp[["n", "n_articles", "unit"]].to_numpy(),
            hovertemplate="%{y}: %{x:.2f}<br>n=%{customdata[0]} (%{customdata[1]} articles)<br>%{customdata[2]}<extra></extra>",
        )
    fig.update_layout(title="Validation figures with 95 % intervals (bootstrap over articles)", template=TEMPLATE,
                      xaxis={"title": "share", "range": [-0.02, 1.02]}, height=max(320, 22 * len(f) + 120), legend_title="measure")
    return fig


def confusion_table(table: pd.DataFrame, gold: str, pred: str, labels: list | None = None) -> pd.DataFrame:
    """Counts of ``gold`` (rows) × ``pred`` (columns) values of ``table``; ``labels`` fixes the order."""
    ct = pd.crosstab(table[gold], table[pred])
    if labels is not None:
        ct = ct.reindex(index=labels, columns=labels, fill_value=0)
    ct.index.name, ct.columns.name = f"gold ({gold})", f"predicted ({pred})"
    return ct


def confusion_figure(table: pd.DataFrame, gold: str, pred: str, labels: list | None = None, title: str = "Confusion matrix") -> go.Figure:
    """Heatmap of :func:`confusion_table`, counts written in the cells."""
    ct = confusion_table(table, gold, pred, labels)
    x, y = [str(c) for c in ct.columns], [str(i) for i in ct.index]
    fig = go.Figure(go.Heatmap(z=ct.to_numpy(), x=x, y=y, text=ct.to_numpy(), texttemplate="%{text}", colorscale="Blues",
                               hovertemplate="gold %{y} · predicted %{x}: %{z}<extra></extra>", showscale=False))
    fig.update_layout(title=title, template=TEMPLATE, xaxis_title="predicted", yaxis={"title": "gold", "autorange": "reversed"},
                      height=max(300, 28 * len(y) + 160))
    return fig


def show_confusion(table: pd.DataFrame, gold: str, pred: str, labels: list | None = None, title: str = "Confusion matrix") -> None:
    """Print the confusion counts and the share on the diagonal, then show :func:`confusion_figure`."""
    ct = confusion_table(table, gold, pred, labels)
    common = [c for c in ct.columns if c in ct.index]
    diag = sum(int(ct.at[c, c]) for c in common)
    total = int(ct.to_numpy().sum())
    print(f"{title}: {diag} of {total} on the diagonal" + (f" ({diag / total:.2f})" if total else ""))
    print(ct.to_string())
    show(confusion_figure(table, gold, pred, labels, title))
