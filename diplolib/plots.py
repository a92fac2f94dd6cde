"""Plotly figures of the pipeline's tables, and their text summaries.

Each ``*_figure`` function takes a table produced by an earlier stage and
returns a :class:`plotly.graph_objects.Figure`; :func:`show` displays a figure
in a notebook *and* prints :func:`summary`, a short deterministic text
(trace types, point counts, axis titles) that nbval compares, since nbval
cannot compare plotly's JSON.
"""

from __future__ import annotations

import os

import pandas as pd
import plotly.graph_objects as go

from diplolib.corpus import problem_codes

#: Renderer for notebooks: the MIME bundle JupyterLab renders natively. ``make
#: report`` sets ``DIPLOLIB_PLOTLY_RENDERER=plotly_mimetype+notebook`` so that the
#: HTML copies embed plotly.js and render offline.
RENDERER = os.environ.get("DIPLOLIB_PLOTLY_RENDERER", "plotly_mimetype")
TEMPLATE = "plotly_white"


def summary(fig: go.Figure) -> str:
    """One line per trace plus axis titles: what a reader could check without seeing it."""
    lines = []
    title = fig.layout.title.text
    lines.append(f"Figure: {title or '(untitled)'}")
    for trace in fig.data:
        n = 0
        for attr in ("x", "y", "z", "values", "lat", "node"):
            value = getattr(trace, attr, None)
            if value is not None and attr != "node":
                try:
                    n = len(value)
                    break
                except TypeError:
                    continue
        name = f" '{trace.name}'" if trace.name else ""
        lines.append(f"  {trace.type}{name}: {n} points")
    for axis in ("xaxis", "yaxis"):
        ax = getattr(fig.layout, axis, None)
        if ax is not None and ax.title.text:
            lines.append(f"  {axis[0]} axis: {ax.title.text}")
    return "\n".join(lines)


def show(fig: go.Figure) -> None:
    """Display ``fig`` (plotly MIME output) and print its :func:`summary`."""
    print(summary(fig))
    fig.show(renderer=RENDERER)


def article_lengths_figure(articles: pd.DataFrame) -> go.Figure:
    """Bar chart: length of each article (characters), coloured by status, problems in hover.

    ``articles`` is the table of :func:`diplolib.read_corpus`.
    """
    frame = articles.copy()
    frame["label"] = frame["title"].fillna(frame["source"]).astype(str).str.slice(0, 50)
    frame["codes"] = frame["problems"].map(lambda ps: ", ".join(problem_codes(ps)) or "none")
    fig = go.Figure()
    for status, group in frame.groupby("status", sort=True):
        fig.add_bar(
            x=group["source"],
            y=group["n_chars"],
            name=str(status),
            customdata=group[["label", "codes"]].to_numpy(),
            hovertemplate="%{x}<br>%{customdata[0]}<br>%{y} characters<br>problems: %{customdata[1]}<extra></extra>",
        )
    fig.update_layout(
        title="Article length and status", template=TEMPLATE, xaxis_title="source file", yaxis_title="characters (clean text)",
        legend_title="status", height=380,
    )
    return fig


def problems_figure(articles: pd.DataFrame) -> go.Figure:
    """Horizontal bars: how many articles carry each problem code."""
    codes = articles["problems"].map(problem_codes).explode().dropna()
    counts = codes.value_counts().sort_values()
    fig = go.Figure(go.Bar(x=counts.to_numpy(), y=counts.index.astype(str), orientation="h", name="articles"))
    fig.update_layout(
        title="Problems found while cleaning", template=TEMPLATE, xaxis_title="articles", yaxis_title="problem code",
        height=120 + 28 * max(1, len(counts)),
    )
    return fig
