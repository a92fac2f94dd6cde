"""Co-occurrence counts, PMI, periods, determinism, and the sentences behind every edge."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from diplolib import actors, dates, network, timeline


def _mentions(rows):
    frame = pd.DataFrame(rows, columns=["article_id", "sent_idx", "actor_id", "method"])
    g = actors.gazetteer().actors
    frame["confidence"], frame["ambiguous"] = 1.0, False
    frame["side"] = frame["actor_id"].map(g["side"])
    return frame


DATES = pd.DataFrame({"article_id": ["a", "b"], "estimate": pd.to_datetime(["2015-05-12", "2021-12-02"])})


def test_counts_and_pmi_on_a_toy_table():
    m = _mentions([
        ("a", 0, "john_kerry", "name"), ("a", 0, "sergei_lavrov", "name"),
        ("a", 1, "john_kerry", "name"), ("a", 2, "vladimir_putin", "name"), ("a", 3, "sergei_lavrov", "name"),
    ])
    edges = network.cooccurrence(m, DATES)
    row = edges.iloc[0]
    assert (row.actor_a, row.actor_b, row["count"], row.n_a, row.n_b, row.n_units) == ("john_kerry", "sergei_lavrov", 1, 2, 2, 4)
    assert row.pmi == pytest.approx(math.log2((1 / 4) / ((2 / 4) * (2 / 4))))
    assert row.npmi == pytest.approx(row.pmi / -math.log2(1 / 4))
    assert row.sentences == [("a", 0)]
    assert set(edges["period"]) == {"2015–2016"}


def test_article_level_and_periods():
    m = _mentions([("a", 0, "john_kerry", "name"), ("a", 5, "sergei_lavrov", "name"), ("b", 1, "antony_blinken", "name"), ("b", 2, "sergei_lavrov", "name")])
    edges = network.cooccurrence(m, DATES, level="article")
    assert set(zip(edges["period"], edges["actor_a"], edges["actor_b"], strict=True)) == {
        ("2015–2016", "john_kerry", "sergei_lavrov"), ("2021–2022", "antony_blinken", "sergei_lavrov")}
    assert network.cooccurrence(m, DATES, level="sentence").empty
    change = network.changes(edges)
    assert set(change["change"]) == {"appears", "disappears"}


def test_metonyms_can_be_folded_or_left_out():
    m = _mentions([("a", 0, "kremlin", "metonym"), ("a", 0, "john_kerry", "name"), ("a", 0, "russia", "name")])
    folded = network.cooccurrence(m, DATES, fold_metonyms=True)
    assert set(folded["actor_a"]) | set(folded["actor_b"]) == {"john_kerry", "russia"}
    without = network.cooccurrence(m, DATES, include_metonyms=False)
    assert "kremlin" not in set(without["actor_a"]) | set(without["actor_b"])


def test_seed_network_is_deterministic_and_traceable(seeds):
    d = dates.article_dates(seeds, links=timeline.lead_contact_links(seeds, actors.surface_mentions(seeds)))
    found = actors.mentions(seeds, d)
    edges = network.cooccurrence(found, d)
    assert set(edges["period"]) == {"2015–2016", "2021–2022", "2023–2025"}
    G = network.graph(edges, "2021–2022")
    assert network.layout(G) == network.layout(network.graph(edges, "2021–2022"))
    central = network.centrality(edges)
    assert {"degree", "weighted_degree", "betweenness"} <= set(central.columns)
    drill = network.edge_sentences(edges, seeds.sentences, "sergei_lavrov", "antony_blinken")
    assert not drill.empty and drill["text"].str.contains("Blinken").all()
