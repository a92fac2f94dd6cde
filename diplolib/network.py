"""Who appears with whom: actor co-occurrence per period, as tables and networkx graphs.

Units are sentences (default) or articles. For each period and pair of actors
we count the units where both are mentioned and measure association with
pointwise mutual information, ``pmi = log2(p(ab) / (p(a) p(b)))``, and its
normalised form ``npmi = pmi / -log2(p(ab))`` in [−1, 1] (Bouma 2009). NPMI is
reported because raw counts favour the most frequent actors (Poutine co-occurs
with everyone) while PMI alone over-rewards rare pairs; with small corpora read
both together with ``count``. Every edge keeps the sentences that support it.
"""

from __future__ import annotations

import math
from itertools import combinations

import networkx as nx
import pandas as pd

from diplolib.actors import gazetteer

#: Default period bins (inclusive years): détente and Minsk, Trump I, Biden and the war's start, the war and Trump II.
DEFAULT_PERIODS: list[tuple[str, int, int]] = [
    ("2015–2016", 2015, 2016), ("2017–2020", 2017, 2020), ("2021–2022", 2021, 2022), ("2023–2025", 2023, 2025),
]
EDGE_COLUMNS = [
    "period", "actor_a", "actor_b", "name_a", "name_b", "count", "n_a", "n_b", "n_units", "pmi", "npmi", "sentences",
]


def period_of(year: int, periods: list[tuple[str, int, int]]) -> str | None:
    """Label of the period containing ``year`` (None when outside every bin)."""
    for label, start, end in periods:
        if start <= year <= end:
            return label
    return None


def article_periods(dates: pd.DataFrame, periods: list[tuple[str, int, int]] | None = None) -> dict[str, str]:
    """``article_id → period label`` from article date estimates (articles outside the bins are left out)."""
    periods = periods or DEFAULT_PERIODS
    out = {}
    for r in dates.itertuples():
        label = period_of(pd.Timestamp(r.estimate).year, periods)
        if label:
            out[r.article_id] = label
    return out


def prepare(found: pd.DataFrame, fold_metonyms: bool = False, include_metonyms: bool = True, min_confidence: float = 0.5, types: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Mentions used for co-occurrence: confident, unambiguous, optionally metonyms folded into their state.

    ``fold_metonyms`` maps a metonym ("le Kremlin", "Moscou") to the state of its
    side (Kremlin → Russie), derived from ``actors.csv`` (the one state per side).
    """
    g = gazetteer()
    rows = found[(~found["ambiguous"]) & (found["confidence"] >= min_confidence)].copy()
    if not include_metonyms:
        rows = rows[rows["method"] != "metonym"]
    if fold_metonyms:
        states = g.actors[g.actors["type"] == "state"].groupby("side")["actor_id"].agg(list)
        side_state = {side: ids[0] for side, ids in states.items() if len(ids) == 1}
        is_met = rows["method"] == "metonym"
        rows.loc[is_met, "actor_id"] = rows.loc[is_met, "side"].map(side_state).fillna(rows.loc[is_met, "actor_id"])
    if types:
        rows = rows[rows["actor_id"].map(g.actors["type"]).isin(types)]
    return rows


def cooccurrence(
    found: pd.DataFrame,
    dates: pd.DataFrame,
    periods: list[tuple[str, int, int]] | None = None,
    level: str = "sentence",
    fold_metonyms: bool = False,
    include_metonyms: bool = True,
    min_confidence: float = 0.5,
    types: tuple[str, ...] | None = None,
) -> pd.DataFrame:
    """Actor pairs mentioned in the same sentence (or article), per period.

    Parameters
    ----------
    found: mentions from :func:`diplolib.actors.mentions`.
    dates: article dates from :func:`diplolib.dates.article_dates` (``estimate`` gives the period).
    periods: ``[(label, first_year, last_year)]``; default :data:`DEFAULT_PERIODS`.
    level: ``"sentence"`` or ``"article"``: the co-occurrence unit.
    fold_metonyms, include_metonyms, min_confidence, types: see :func:`prepare`.

    Returns
    -------
    DataFrame with :data:`EDGE_COLUMNS`: ``period``; ``actor_a`` < ``actor_b``
    (ids) and their names; ``count`` (units with both); ``n_a``, ``n_b`` (units
    with each); ``n_units`` (units in the period with at least one actor);
    ``pmi`` (bits) and ``npmi``; ``sentences`` (list of ``(article_id,
    sent_idx)`` supporting the edge — every sentence of both actors' shared
    articles at article level is not listed, only sentences where either occurs).
    """
    if level not in ("sentence", "article"):
        raise ValueError("level must be 'sentence' or 'article'")
    g = gazetteer()
    rows = prepare(found, fold_metonyms, include_metonyms, min_confidence, types)
    label = article_periods(dates, periods)
    rows = rows[rows["article_id"].isin(label)].copy()
    rows["period"] = rows["article_id"].map(label)
    unit = ["article_id", "sent_idx"] if level == "sentence" else ["article_id"]
    out = []
    for period, group in rows.groupby("period", sort=False):
        units = group.groupby(unit)["actor_id"].agg(lambda s: sorted(set(s)))
        n_units = len(units)
        singles: dict[str, int] = {}
        pairs: dict[tuple[str, str], list] = {}
        for key, actors_ in units.items():
            for a in actors_:
                singles[a] = singles.get(a, 0) + 1
            for a, b in combinations(actors_, 2):
                pairs.setdefault((a, b), []).append(key)
        for (a, b), keys in pairs.items():
            c = len(keys)
            p_ab, p_a, p_b = c / n_units, singles[a] / n_units, singles[b] / n_units
            pmi = math.log2(p_ab / (p_a * p_b))
            npmi = pmi / -math.log2(p_ab) if p_ab < 1 else 1.0
            if level == "sentence":
                support = [tuple(k) for k in keys]
            else:
                support = sorted(set(map(tuple, group[group["article_id"].isin(keys) & group["actor_id"].isin([a, b])][["article_id", "sent_idx"]].to_numpy().tolist())))
            out.append((period, a, b, g.actors.at[a, "name"], g.actors.at[b, "name"], c, singles[a], singles[b], n_units, round(pmi, 4), round(npmi, 4), support))
    order = {p[0]: i for i, p in enumerate(periods or DEFAULT_PERIODS)}
    frame = pd.DataFrame(out, columns=EDGE_COLUMNS)
    frame["_o"] = frame["period"].map(order)
    return frame.sort_values(["_o", "count", "npmi", "actor_a", "actor_b"], ascending=[True, False, False, True, True]).drop(columns="_o").reset_index(drop=True)


def graph(edges: pd.DataFrame, period: str, min_count: int = 1) -> nx.Graph:
    """networkx graph of one period: nodes are actors (``name`` attribute), edges carry ``count``, ``npmi``."""
    g = gazetteer()
    G = nx.Graph()
    for e in edges[(edges["period"] == period) & (edges["count"] >= min_count)].itertuples():
        for node, name in ((e.actor_a, e.name_a), (e.actor_b, e.name_b)):
            G.add_node(node, name=name, side=g.actors.at[node, "side"], type=g.actors.at[node, "type"])
        G.add_edge(e.actor_a, e.actor_b, count=e.count, npmi=e.npmi, weight=e.count)
    return G


def centrality(edges: pd.DataFrame, min_count: int = 1) -> pd.DataFrame:
    """Per period and actor: ``degree`` (neighbours), ``weighted_degree`` (sum of counts), ``betweenness``."""
    rows = []
    for period in dict.fromkeys(edges["period"]):
        G = graph(edges, period, min_count)
        between = nx.betweenness_centrality(G, normalized=True) if len(G) > 2 else dict.fromkeys(G, 0.0)
        for node, data in G.nodes(data=True):
            rows.append((period, node, data["name"], data["side"], G.degree(node), G.degree(node, weight="count"), round(between[node], 4)))
    frame = pd.DataFrame(rows, columns=["period", "actor_id", "name", "side", "degree", "weighted_degree", "betweenness"])
    return frame.sort_values(["period", "weighted_degree", "actor_id"], ascending=[True, False, True]).reset_index(drop=True)


def layout(G: nx.Graph, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Deterministic spring layout (fixed seed, sorted nodes) so notebook outputs stay stable."""
    H = nx.Graph()
    H.add_nodes_from(sorted(G.nodes(data=True)))
    H.add_edges_from(sorted((min(a, b), max(a, b), d) for a, b, d in G.edges(data=True)))
    pos = nx.spring_layout(H, seed=seed, weight="count")
    return {n: (round(float(x), 4), round(float(y), 4)) for n, (x, y) in pos.items()}


def changes(edges: pd.DataFrame, periods: list[tuple[str, int, int]] | None = None) -> pd.DataFrame:
    """Edges that appear or disappear between consecutive periods present in ``edges``.

    Columns: ``from_period``, ``to_period``, ``change`` (``appears``/``disappears``),
    ``actor_a``, ``actor_b``, ``name_a``, ``name_b``, ``count`` (in the period where it exists).
    """
    order = [p[0] for p in (periods or DEFAULT_PERIODS) if p[0] in set(edges["period"])]
    rows = []
    for before, after in zip(order, order[1:], strict=False):
        a = edges[edges["period"] == before].set_index(["actor_a", "actor_b"])
        b = edges[edges["period"] == after].set_index(["actor_a", "actor_b"])
        for key in sorted(set(b.index) - set(a.index)):
            rows.append((before, after, "appears", *key, b.at[key, "name_a"], b.at[key, "name_b"], int(b.at[key, "count"])))
        for key in sorted(set(a.index) - set(b.index)):
            rows.append((before, after, "disappears", *key, a.at[key, "name_a"], a.at[key, "name_b"], int(a.at[key, "count"])))
    return pd.DataFrame(rows, columns=["from_period", "to_period", "change", "actor_a", "actor_b", "name_a", "name_b", "count"])


def ego(edges: pd.DataFrame, actor_id: str) -> pd.DataFrame:
    """Edges touching ``actor_id``, with the partner's id and name, strongest first."""
    mine = edges[(edges["actor_a"] == actor_id) | (edges["actor_b"] == actor_id)].copy()
    mine["partner"] = mine["actor_b"].where(mine["actor_a"] == actor_id, mine["actor_a"])
    mine["partner_name"] = mine["name_b"].where(mine["actor_a"] == actor_id, mine["name_a"])
    return mine[["period", "partner", "partner_name", "count", "npmi", "sentences"]].reset_index(drop=True)


def edge_sentences(edges: pd.DataFrame, sentences: pd.DataFrame, actor_a: str, actor_b: str, period: str | None = None) -> pd.DataFrame:
    """The sentences behind one edge: ``period``, ``article_id``, ``sent_idx``, ``text``."""
    a, b = sorted((actor_a, actor_b))
    rows = edges[(edges["actor_a"] == a) & (edges["actor_b"] == b)]
    if period is not None:
        rows = rows[rows["period"] == period]
    keys = [(r.period, aid, sid) for r in rows.itertuples() for aid, sid in r.sentences]
    frame = pd.DataFrame(keys, columns=["period", "article_id", "sent_idx"])
    text = sentences.set_index(["article_id", "sent_idx"])["text"]
    frame["text"] = [text.get((x, y), "") for x, y in zip(frame["article_id"], frame["sent_idx"], strict=True)]
    return frame
