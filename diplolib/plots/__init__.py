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
        for attr in ("x", "y", "z", "values"):
            value = getattr(trace, attr, None)
            if value is not None:
                n = len(value)
                break
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
        height=160 + 40 * max(1, len(counts)),
    )
    fig.update_yaxes(automargin=True)
    return fig


# --------------------------------------------------------------------------- timeline

_TYPE_ORDER = ["summit", "meeting", "talks", "visit", "phone_call", "video_call", "announcement"]
_STATUS_SYMBOL = {"happened": "circle", "planned": "diamond-open", "proposed": "square-open", "cancelled": "x"}
_SIDE_COLOUR = {"RU": "#c0392b", "US": "#2e86c1", "UA": "#f1c40f", "EU": "#8e44ad", "NATO": "#16a085", "other": "#7f8c8d"}


def _short(text: str, n: int = 140) -> str:
    text = str(text)
    return text if len(text) <= n else text[: n - 1] + "…"


def article_dates_figure(dates: pd.DataFrame) -> go.Figure:
    """Per article: inferred interval (line), estimate (dot) and header month (cross, red if it conflicts).

    ``dates`` is :func:`diplolib.dates.article_dates`.
    """
    frame = dates.sort_values("estimate")
    fig = go.Figure()
    for r in frame.itertuples():
        fig.add_trace(go.Scatter(x=[r.earliest, r.latest], y=[r.source, r.source], mode="lines", line={"width": 8, "color": "#95a5a6"}, showlegend=False, hoverinfo="skip"))
    fig.add_trace(go.Scatter(
        x=frame["estimate"], y=frame["source"], mode="markers", name="inferred (estimate)", marker={"size": 11, "color": "#2c3e50"},
        customdata=frame[["precision", "confidence"]].to_numpy(),
        hovertemplate="%{y}<br>estimate %{x|%Y-%m-%d}<br>precision %{customdata[0]}, confidence %{customdata[1]}<extra></extra>",
    ))
    header = frame[frame["header_month"].notna() & (frame["header_month"] != "")]
    if not header.empty:
        fig.add_trace(go.Scatter(
            x=pd.to_datetime(header["header_month"] + "-15"), y=header["source"], mode="markers", name="file header month",
            marker={"symbol": "x", "size": 11, "color": ["#e74c3c" if c else "#27ae60" for c in header["header_conflict"]]},
            hovertemplate="%{y}<br>header %{x|%Y-%m}<extra></extra>",
        ))
    fig.update_layout(title="Article dates: header vs content", template=TEMPLATE, xaxis_title="date", yaxis_title="article", height=160 + 40 * len(frame))
    return fig


def contacts_timeline_figure(contacts: pd.DataFrame, memory: pd.DataFrame | None = None, start: int = 2015, end: int = 2025) -> go.Figure:
    """Contacts over time, one row per type, symbol by status; optional row of past events referred to.

    ``contacts`` is :func:`diplolib.timeline.contacts`; ``memory`` is
    :func:`diplolib.dates.landmarks` (the texts' references to dated events).
    Horizontal bars show each contact's date interval; hover names participants,
    place and the first source sentence.
    """
    fig = go.Figure()
    for kind in [t for t in _TYPE_ORDER if t in set(contacts["type"])]:
        part = contacts[contacts["type"] == kind]
        fig.add_trace(go.Scatter(
            x=part["estimate"], y=[kind] * len(part), mode="markers", name=kind,
            marker={"size": 12, "symbol": [_STATUS_SYMBOL.get(s, "circle") for s in part["status"]]},
            error_x={"type": "data", "symmetric": False, "array": (part["latest"] - part["estimate"]).dt.days.clip(lower=0).to_numpy(),
                     "arrayminus": (part["estimate"] - part["earliest"]).dt.days.clip(lower=0).to_numpy(), "thickness": 1},
            customdata=list(zip(part["contact_id"], part["participant_names"].map(", ".join), part["place"], part["status"], part["evidence"].map(lambda e: _short(e[0]) if e else ""), strict=True)),
            hovertemplate="%{customdata[0]} · %{x|%Y-%m-%d} · %{customdata[3]}<br>%{customdata[1]}<br>%{customdata[2]}<br><i>%{customdata[4]}</i><extra></extra>",
        ))
    if memory is not None and not memory.empty:
        refs = memory.drop_duplicates("event_id")
        fig.add_trace(go.Scatter(
            x=refs["event_start"], y=["past events referred to"] * len(refs), mode="markers", name="memory (referred events)",
            marker={"size": 10, "color": "#7f8c8d", "symbol": "triangle-up"},
            customdata=list(zip(refs["description"], refs["surface"], strict=True)),
            hovertemplate="%{x|%Y-%m-%d}: %{customdata[0]}<br>text: '%{customdata[1]}'<extra></extra>",
        ))
    fig.update_layout(
        title=f"Diplomatic contacts {start}–{end}", template=TEMPLATE, xaxis_title="date", yaxis_title="contact type", height=460,
        xaxis_range=[f"{start - 2}-01-01", f"{end}-12-31"], legend_title="type",
    )
    return fig


# --------------------------------------------------------------------------- network


def network_figure(edges: pd.DataFrame, period: str, min_count: int = 1) -> go.Figure:
    """Co-occurrence network of one period: node size = weighted degree, colour = side, deterministic layout."""
    from diplolib.network import graph, layout

    G = graph(edges, period, min_count)
    pos = layout(G)
    xs, ys = [], []
    for a, b in sorted(G.edges()):
        xs += [pos[a][0], pos[b][0], None]
        ys += [pos[a][1], pos[b][1], None]
    nodes = sorted(G.nodes())
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line={"width": 1, "color": "#bdc3c7"}, hoverinfo="skip", name="co-occurrence"))
    fig.add_trace(go.Scatter(
        x=[pos[n][0] for n in nodes], y=[pos[n][1] for n in nodes], mode="markers+text", name="actors",
        text=[G.nodes[n]["name"] for n in nodes], textposition="top center",
        marker={"size": [8 + 2 * G.degree(n, weight="count") ** 0.7 for n in nodes], "color": [_SIDE_COLOUR.get(G.nodes[n]["side"], "#7f8c8d") for n in nodes]},
        customdata=[(G.nodes[n]["side"], G.degree(n), G.degree(n, weight="count")) for n in nodes],
        hovertemplate="%{text} (%{customdata[0]})<br>%{customdata[1]} partners, %{customdata[2]} co-mentions<extra></extra>",
    ))
    fig.update_layout(title=f"Who appears with whom, {period}", template=TEMPLATE, showlegend=False, height=560,
                      xaxis={"visible": False}, yaxis={"visible": False})
    return fig


def association_heatmap(edges: pd.DataFrame, period: str, measure: str = "npmi", top: int = 15) -> go.Figure:
    """Heatmap of ``measure`` (``npmi``, ``pmi`` or ``count``) between the ``top`` most connected actors of a period."""
    part = edges[edges["period"] == period]
    weight: dict[str, int] = {}
    names: dict[str, str] = {}
    for r in part.itertuples():
        for a, n in ((r.actor_a, r.name_a), (r.actor_b, r.name_b)):
            weight[a] = weight.get(a, 0) + r.count
            names[a] = n
    keep = sorted(weight, key=lambda a: (-weight[a], a))[:top]
    matrix = pd.DataFrame(float("nan"), index=keep, columns=keep)
    for r in part.itertuples():
        if r.actor_a in matrix.index and r.actor_b in matrix.index:
            matrix.at[r.actor_a, r.actor_b] = matrix.at[r.actor_b, r.actor_a] = getattr(r, measure)
    labels = [names[a] for a in keep]
    fig = go.Figure(go.Heatmap(z=matrix.to_numpy(), x=labels, y=labels, colorscale="RdBu", zmid=0 if measure != "count" else None, name=measure,
                               hovertemplate="%{y} × %{x}: %{z:.2f}<extra></extra>"))
    fig.update_layout(title=f"Association ({measure}) between actors, {period}", template=TEMPLATE, height=560, xaxis_title="actor", yaxis_title="actor")
    return fig


# --------------------------------------------------------------------------- tone


def _ci_errors(frame: pd.DataFrame, col: str = "mean") -> dict:
    return {
        "type": "data", "symmetric": False,
        "array": (frame["ci_high"] - frame[col]).fillna(0).clip(lower=0).to_numpy(),
        "arrayminus": (frame[col] - frame["ci_low"]).fillna(0).clip(lower=0).to_numpy(),
    }


def tone_by_year_figure(lexical: pd.DataFrame, events: pd.DataFrame | None = None, start: int = 2015, end: int = 2025) -> go.Figure:
    """Yearly tone: lexical mean (−1…+1, 95 % bootstrap CI) and, on a second axis, the event-data measure.

    ``lexical`` is :func:`diplolib.tone.by_period` (``freq="year"``). ``events`` is
    either the cooperation–conflict index :func:`diplolib.events.index` (mean
    Goldstein per year and direction, with its interval: one line per
    direction) or the older contact summary :func:`diplolib.tone.yearly_events`
    (bars).
    """
    from plotly.subplots import make_subplots

    fig = make_subplots(specs=[[{"secondary_y": True}]])
    lex = lexical.assign(year=lexical["period"].astype(str).str[:4].astype(int)).sort_values("year")
    fig.add_trace(go.Scatter(
        x=lex["year"], y=lex["mean"], mode="markers+lines", name="lexical tone (sentences)", error_y=_ci_errors(lex),
        customdata=lex[["n_articles", "n_sentences"]].to_numpy(),
        hovertemplate="%{x}: %{y:.2f}<br>%{customdata[0]} articles, %{customdata[1]} sentences<extra></extra>",
    ), secondary_y=False)
    if events is not None and not events.empty and "direction" in events:
        colours = {"all": "#7f8c8d", "US→RU": "#2e86c1", "RU→US": "#c0392b", "mutual": "#27ae60"}
        for d in [d for d in colours if d in set(events["direction"])]:
            part = events[events["direction"] == d].sort_values("period")
            fig.add_trace(go.Scatter(
                x=part["period"].astype(int), y=part["mean"], mode="markers+lines", name=f"events {d} (mean Goldstein)",
                line={"dash": "dot", "color": colours[d]}, opacity=0.8,
                error_y={"type": "data", "symmetric": False, "array": (part["mean_hi"] - part["mean"]).to_numpy(),
                         "arrayminus": (part["mean"] - part["mean_lo"]).to_numpy()},
                customdata=part[["n_events", "n_articles"]].to_numpy(),
                hovertemplate="%{x}: %{y:.1f} (%{customdata[0]} events, %{customdata[1]} articles)<extra>" + d + "</extra>",
            ), secondary_y=True)
    elif events is not None and not events.empty:
        ev = events.sort_values("year")
        fig.add_trace(go.Bar(
            x=ev["year"].astype(int), y=ev["mean_goldstein"], name="events (mean Goldstein)", opacity=0.35,
            customdata=ev[["n_contacts"]].to_numpy(), hovertemplate="%{x}: %{y:.1f} (%{customdata[0]} contacts)<extra></extra>",
        ), secondary_y=True)
    fig.update_layout(title="Tone of US–Russia relations by year", template=TEMPLATE, height=420, xaxis_title="year",
                      xaxis_range=[start - 0.5, end + 0.5], legend={"orientation": "h", "y": -0.2})
    fig.update_yaxes(title_text="lexical tone (−1 hostile … +1 cooperative)", range=[-1, 1], secondary_y=False)
    fig.update_yaxes(title_text="Goldstein scale (−10 … +10)", range=[-10, 10], secondary_y=True)
    return fig


def tone_by_side_figure(by_side: pd.DataFrame) -> go.Figure:
    """Tone per speaker side over periods (``by_period(..., by="speaker_side")``), with 95 % CIs."""
    fig = go.Figure()
    frame = by_side.assign(period=by_side["period"].astype(str))
    for side, part in frame.groupby("speaker_side", sort=True):
        part = part.sort_values("period")
        fig.add_trace(go.Scatter(
            x=part["period"], y=part["mean"], mode="markers+lines", name=str(side), error_y=_ci_errors(part),
            marker={"color": _SIDE_COLOUR.get(str(side), "#34495e")},
            customdata=part[["n_sentences"]].to_numpy(), hovertemplate="%{x}: %{y:.2f} (%{customdata[0]} sentences)<extra></extra>",
        ))
    fig.update_layout(title="Tone by speaker side", template=TEMPLATE, height=400, xaxis_title="period",
                      yaxis_title="mean tone (−1 … +1)", yaxis_range=[-1, 1], xaxis_type="category", legend_title="speaker side")
    return fig


def article_tone_figure(article_tone: pd.DataFrame, labels: pd.Series | None = None) -> go.Figure:
    """Mean tone per article with 95 % CI, most conflictual first. ``labels``: article_id → label."""
    frame = article_tone.sort_values("mean")
    names = frame["article_id"].map(labels) if labels is not None else frame["article_id"]
    fig = go.Figure(go.Bar(
        x=frame["mean"], y=names, orientation="h", error_x=_ci_errors(frame), name="articles",
        marker={"color": ["#c0392b" if m < 0 else "#27ae60" for m in frame["mean"].fillna(0)]},
        customdata=frame[["n_sentences", "n_hits"]].to_numpy(), hovertemplate="%{y}: %{x:.2f}<br>%{customdata[0]} sentences, %{customdata[1]} hits<extra></extra>",
    ))
    fig.update_layout(title="Tone per article", template=TEMPLATE, height=160 + 45 * len(frame), xaxis_title="mean tone (−1 … +1)",
                      yaxis_title="article", xaxis_range=[-1, 1])
    return fig
