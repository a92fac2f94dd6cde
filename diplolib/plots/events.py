"""Figures of diplomatic events: the cooperation–conflict timeline and the Goldstein index."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from diplolib.events.index import direction
from diplolib.events.lexicon import CAMEO_ROOTS
from diplolib.plots import TEMPLATE

#: y position of each type: cooperative types above, conflictual below.
TYPE_ORDER = [
    "military_action", "sanction", "expulsion", "treaty_withdrawal", "threat", "accusation", "other",
    "statement_of_intent", "phone_call", "video_call", "visit", "meeting", "talks", "summit", "prisoner_exchange", "agreement",
]
#: Marker symbol of each direction.
DIRECTION_SYMBOL = {"US→RU": "triangle-right", "RU→US": "triangle-left", "mutual": "circle", "other": "square"}


def _root_colour(root: str) -> str:
    """Diverging colour by CAMEO root: 01–08 cooperative (blue/green), 09–20 conflictual (orange/red)."""
    n = int(root) if str(root).isdigit() else 0
    if n == 0:
        return "#7f8c8d"
    coop = ["#1a5276", "#2471a3", "#2e86c1", "#48c9b0", "#17a589", "#229954", "#28b463", "#52be80"]
    conf = ["#b7950b", "#d4ac0d", "#f39c12", "#e67e22", "#d35400", "#e74c3c", "#c0392b", "#a93226", "#922b21", "#7b241c", "#641e16", "#4a0e0e"]
    return coop[n - 1] if n <= 8 else conf[min(n - 9, len(conf) - 1)]


def events_timeline_figure(events: pd.DataFrame, names: dict[str, str] | None = None, texts: dict[str, str] | None = None,
                           start: int = 2015, end: int = 2025) -> go.Figure:
    """Events over time: one row per type (cooperative above, conflictual below), colour = CAMEO root
    class, symbol = direction (▶ US→RU, ◀ RU→US, ● mutual); hover = participants, place, evidence.

    ``events`` is :func:`diplolib.events.resolve`; ``names`` maps actor_ids to display names;
    ``texts`` maps article_id to its text (for the evidence span). One trace per CAMEO root.
    """
    names = names or {}
    texts = texts or {}
    frame = events[events["estimate"].notna()].copy()
    frame["direction"] = direction(frame) if len(frame) else []
    fig = go.Figure()
    for root in sorted(set(frame["cameo_root"])):
        part = frame[frame["cameo_root"] == root]
        evidence = [texts.get(a, "")[s:e] for a, s, e in zip(part["article_id"], part["start_char"], part["end_char"], strict=True)]
        fig.add_trace(go.Scatter(
            x=part["estimate"], y=part["type"], mode="markers", name=f"{root} {CAMEO_ROOTS.get(root, '')}",
            marker={"size": 11, "color": _root_colour(root), "symbol": [DIRECTION_SYMBOL[d] for d in part["direction"]],
                    "line": {"width": 0.5, "color": "#333"}},
            customdata=list(zip(
                part["direction"], part["participants"].map(lambda ps: ", ".join(names.get(p, p) for p in ps)), part["place"], part["status"],
                [e if len(e) <= 140 else e[:137] + "…" for e in evidence], part["goldstein"], strict=True,
            )),
            hovertemplate="%{x|%Y-%m-%d} · %{y} · %{customdata[0]} · %{customdata[3]} · Goldstein %{customdata[5]:+.1f}"
                          "<br>%{customdata[1]}<br>%{customdata[2]}<br><i>%{customdata[4]}</i><extra></extra>",
        ))
    fig.update_layout(
        title=f"US–Russia events {start}–{end} (colour: CAMEO root; ▶ US→RU, ◀ RU→US, ● mutual)", template=TEMPLATE,
        xaxis_title="date", yaxis_title="event type", height=560, xaxis_range=[f"{start - 1}-07-01", f"{end}-12-31"],
        yaxis={"categoryorder": "array", "categoryarray": TYPE_ORDER}, legend_title="CAMEO root",
    )
    return fig


def events_index_figure(index: pd.DataFrame, measure: str = "mean") -> go.Figure:
    """Cooperation–conflict index per period and direction with its bootstrap interval.

    ``index`` is :func:`diplolib.events.index`; ``measure`` is ``"mean"`` or ``"sum"`` of Goldstein.
    """
    fig = go.Figure()
    colours = {"US→RU": "#2e86c1", "RU→US": "#c0392b", "mutual": "#27ae60", "all": "#333333"}
    for d in [d for d in ("all", "US→RU", "RU→US", "mutual") if d in set(index["direction"])]:
        part = index[index["direction"] == d]
        fig.add_trace(go.Scatter(
            x=part["period"], y=part[measure], mode="lines+markers", name=d, line={"color": colours[d]},
            error_y={"type": "data", "symmetric": False, "array": (part[f"{measure}_hi"] - part[measure]).to_numpy(),
                     "arrayminus": (part[measure] - part[f"{measure}_lo"]).to_numpy()},
            customdata=part[["n_events", "n_articles"]].to_numpy(),
            hovertemplate="%{x}: %{y:.2f} (%{customdata[0]} events, %{customdata[1]} articles)<extra>" + d + "</extra>",
        ))
    fig.update_layout(title=f"Cooperation–conflict index ({measure} Goldstein, 95 % bootstrap over articles)", template=TEMPLATE,
                      xaxis_title="period", yaxis_title=f"{measure} Goldstein (−10 … +10 per event)", height=420)
    return fig
