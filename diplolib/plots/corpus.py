"""Figures describing the corpus by its metadata: articles per outlet and per year."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from diplolib.plots import TEMPLATE

#: Outlets beyond this many (by size) are grouped as "other outlets" in the figure.
MAX_OUTLETS = 12


def outlet_year_figure(table: pd.DataFrame, max_outlets: int = MAX_OUTLETS) -> go.Figure:
    """Stacked bars: articles per year, one colour per outlet.

    ``table`` is :func:`diplolib.corpus.summary.outlet_year_table` (its ``total``
    row and column are left out); outlets beyond the ``max_outlets`` largest are
    summed as "other outlets".
    """
    body = table.drop(index="total", errors="ignore").drop(columns="total", errors="ignore")
    if len(body) > max_outlets:
        head, tail = body.iloc[:max_outlets], body.iloc[max_outlets:]
        body = pd.concat([head, tail.sum(axis=0).to_frame("other outlets").T])
    fig = go.Figure()
    for outlet, counts in body.iterrows():
        fig.add_bar(x=[str(c) for c in body.columns], y=counts.to_numpy(), name=str(outlet),
                    hovertemplate=f"{outlet}<br>%{{x}}: %{{y}} article(s)<extra></extra>")
    fig.update_layout(
        barmode="stack", title="Articles per year and outlet", template=TEMPLATE,
        xaxis_title="year of publication", yaxis_title="articles", legend_title="outlet", height=400,
    )
    fig.update_xaxes(type="category")
    return fig


def outlet_year_text(table: pd.DataFrame) -> str:
    """Two sentences a reader can check against the figure: totals, largest outlet, busiest year, undated."""
    body = table.drop(index="total", errors="ignore").drop(columns="total", errors="ignore")
    total = int(body.to_numpy().sum())
    if total == 0:
        return "No article to describe."
    per_outlet = body.sum(axis=1).sort_values(ascending=False, kind="stable")
    per_year = body.sum(axis=0)
    dated = per_year.drop(index="undated", errors="ignore")
    undated = int(per_year.get("undated", 0))
    text = (f"{total} article(s) from {len(per_outlet)} outlet(s), over {len(dated)} year(s). "
            f"Largest outlet: {per_outlet.index[0]} ({int(per_outlet.iloc[0])}).")
    if len(dated):
        text += f" Busiest year: {dated.idxmax()} ({int(dated.max())})."
    if undated:
        text += f" {undated} article(s) undated."
    return text
