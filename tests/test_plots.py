"""Figures build from the pipeline's tables, and their text summaries say what they show."""

from __future__ import annotations

import pytest

from diplolib import actors, dates, network, plots, timeline


@pytest.fixture(scope="module")
def tables(seeds):
    d = dates.article_dates(seeds, links=timeline.lead_contact_links(seeds, actors.surface_mentions(seeds)))
    found = actors.mentions(seeds, d)
    return d, found, timeline.contacts(seeds, found, d), network.cooccurrence(found, d)


def test_corpus_figures(seeds):
    summary = plots.summary(plots.article_lengths_figure(seeds.articles))
    assert "bar 'ok': 5 points" in summary and "y axis: characters" in summary
    assert "no_date" in plots.problems_figure(seeds.articles).data[0].y


def test_timeline_figures(seeds, tables):
    d, _, contacts, _ = tables
    fig = plots.contacts_timeline_figure(contacts, dates.landmarks(seeds))
    names = [t.name for t in fig.data]
    assert "memory (referred events)" in names and "phone_call" in names
    assert sum(len(t.x) for t in fig.data if t.name != "memory (referred events)") == len(contacts)
    dated = plots.article_dates_figure(d)
    assert "scatter 'inferred (estimate)': 5 points" in plots.summary(dated)


def test_network_figures(tables):
    *_, edges = tables
    fig = plots.network_figure(edges, "2021–2022")
    nodes = fig.data[1]
    assert "Antony Blinken" in nodes.text and len(nodes.x) == len(network.graph(edges, "2021–2022"))
    assert plots.network_figure(edges, "2021–2022").to_json() == fig.to_json()  # deterministic
    heat = plots.association_heatmap(edges, "2021–2022", top=5)
    assert len(heat.data[0].x) == 5
