"""Events resolved: dates from the clause or the article, chronology links, grouping across
articles, one row per event and article, and the cooperation–conflict index."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from diplolib import actors, dates
from diplolib import events as ev

from conftest import interval, make_corpus


@pytest.fixture(scope="module")
def resolved_pair():
    texts = [
        "Joe Biden et Vladimir Poutine se sont entretenus par visioconférence mardi. La visioconférence a duré deux heures.",
        "Le président américain Joe Biden et Vladimir Poutine ont eu un entretien en visioconférence. En 2018, Donald Trump avait rencontré Vladimir Poutine à Helsinki.",
    ]
    corpus = make_corpus(texts)
    d = interval(corpus, "2021-12-08")
    undated = ev.extract(corpus, actors.surface_mentions(corpus))
    table = ev.resolve(undated, d, actors.mentions(corpus, d), dates.expressions(corpus, d))
    ids = dict(zip(corpus.ok["text"], corpus.ok["article_id"], strict=True))
    return table, [ids[t] for t in texts]


def test_video_call_is_dated_linked_and_grouped_across_articles(resolved_pair):
    table, (a, b) = resolved_pair
    calls = table[table["type"] == "video_call"]
    assert set(calls["article_id"]) == {a, b}
    assert (calls["chronology_id"] == "2021-12-07_biden_putin_video").all()
    assert (calls["estimate"] == pd.Timestamp("2021-12-07")).all() and (calls["date_precision"] == "day").all()
    assert calls["group_id"].nunique() == 1 and (calls["n_articles"] == 2).all()


def test_restatements_inside_an_article_are_merged(resolved_pair):
    table, (a, _) = resolved_pair
    assert len(table[(table["article_id"] == a) & (table["type"] == "video_call")]) == 1


def test_a_year_in_the_clause_dates_a_background_event(resolved_pair):
    table, (_, b) = resolved_pair
    helsinki = table[(table["article_id"] == b) & (table["type"] == "meeting")].iloc[0]
    assert helsinki["estimate"].year == 2018 and helsinki["date_precision"] in ("year", "day")
    assert set(helsinki["participants"]) >= {"donald_trump", "vladimir_putin"}


def test_resolved_columns_follow_the_contract(resolved_pair):
    table, _ = resolved_pair
    assert list(table.columns) == ev.RESOLVED_COLUMNS
    assert {"earliest", "latest", "estimate", "date_precision", "chronology_id", "group_id", "n_articles"} <= set(table.columns)


def test_index_means_sums_and_bootstrap_intervals():
    rows = []
    for aid, g in [("a", -8.0), ("a", -2.0), ("b", 4.0), ("c", 2.5)]:
        rows.append({"article_id": aid, "estimate": pd.Timestamp("2021-05-01"), "goldstein": g, "type": "sanction" if g < 0 else "meeting",
                     "source_side": "US", "target_side": "RU", "status": "happened"})
    rows.append({"article_id": "d", "estimate": pd.Timestamp("2022-01-01"), "goldstein": -2.0, "type": "accusation",
                 "source_side": "RU", "target_side": "US", "status": "denied"})
    idx = ev.index(pd.DataFrame(rows), n_boot=500)
    all21 = idx[(idx["period"] == 2021) & (idx["direction"] == "all")].iloc[0]
    assert all21["n_events"] == 4 and all21["n_articles"] == 3
    assert np.isclose(all21["mean"], (-8 - 2 + 4 + 2.5) / 4) and np.isclose(all21["sum"], -3.5)
    assert all21["mean_lo"] <= all21["mean"] <= all21["mean_hi"] and all21["mean_lo"] < all21["mean_hi"]
    assert set(idx.loc[idx["period"] == 2021, "direction"]) == {"all", "US→RU", "mutual"}
    assert 2022 not in set(idx["period"])  # denied events are left out
    again = ev.index(pd.DataFrame(rows), n_boot=500)
    pd.testing.assert_frame_equal(idx, again)  # seeded


def test_chronology_candidates_have_the_dating_contract(seeds):
    surface = actors.surface_mentions(seeds)
    links = ev.chronology_candidates(seeds, ev.extract(seeds, surface), surface)
    assert list(links.columns) == ["article_id", "sent_idx", "contact_type", "event_id", "event_start", "event_end", "description", "score"]
    src = dict(zip(seeds.ok["article_id"], seeds.ok["source"], strict=True))
    best = {src[a]: set(g["event_id"]) for a, g in links.groupby("article_id")}
    assert "2015-05-12_kerry_sochi" in best["000_7e25232c755b069a.txt"]
    assert best["002_02df2d995b8066f2.txt"] >= {"2021-12-07_biden_putin_video"}


def test_a_weekday_finds_its_chronology_event_in_an_uncertain_article_interval():
    corpus = make_corpus(["Joe Biden et Vladimir Poutine se sont entretenus mardi par visioconférence."])
    d = interval(corpus, "2021-06-01", "2022-01-31").assign(estimate=pd.Timestamp("2021-09-15"))
    undated = ev.extract(corpus, actors.surface_mentions(corpus))
    table = ev.resolve(undated, d, actors.mentions(corpus, d), dates.expressions(corpus, d))
    call = table[table["type"] == "video_call"].iloc[0]
    # "mardi" against the uncertain estimate is 14 September; the Tuesday of the known call is 7 December.
    assert call["chronology_id"] == "2021-12-07_biden_putin_video" and call["estimate"] == pd.Timestamp("2021-12-07")


def test_contacts_of_one_day_in_an_article_are_one_contact():
    text = "Antony Blinken a rencontré Sergueï Lavrov mardi à Genève. Mardi, les pourparlers entre Blinken et Lavrov ont duré deux heures."
    corpus = make_corpus([text])
    d = interval(corpus, "2022-01-21")
    undated = ev.extract(corpus, actors.surface_mentions(corpus))
    assert {"meeting", "talks"} <= set(undated["type"])
    table = ev.resolve(undated, d, actors.mentions(corpus, d), dates.expressions(corpus, d))
    assert list(table["type"]) == ["meeting"]


def test_the_weekday_of_a_done_act_is_not_after_its_article():
    text = "Sergueï Lavrov avait menacé Washington de représailles lundi."
    corpus = make_corpus([text])
    d = interval(corpus, "2024-06-25")  # a Tuesday
    undated = ev.extract(corpus, actors.surface_mentions(corpus))
    found = dates.expressions(corpus, d)
    # The dating stage may read a bare weekday forward (the next Monday, 2024-07-01).
    ahead = found.assign(value_start=found["value_start"] + pd.Timedelta(days=7), value_end=found["value_end"] + pd.Timedelta(days=7))
    for expressions in (found, ahead):
        table = ev.resolve(undated, d, actors.mentions(corpus, d), expressions)
        assert list(table["type"]) == ["threat"] and table.iloc[0]["estimate"] == pd.Timestamp("2024-06-24")


def test_a_contact_retold_in_the_conditional_is_the_same_contact():
    text = "Antony Blinken a rencontré Sergueï Lavrov le 3 mars à Genève. Le 3 mars, les deux ministres auraient discuté de l'Ukraine."
    corpus = make_corpus([text])
    d = interval(corpus, "2021-03-05")
    undated = ev.extract(corpus, actors.surface_mentions(corpus))
    assert set(undated["status"]) == {"happened", "proposed"}
    table = ev.resolve(undated, d, actors.mentions(corpus, d), dates.expressions(corpus, d))
    assert list(table["type"]) == ["meeting"] and list(table["status"]) == ["happened"]


def test_a_merged_contact_takes_the_most_factual_status():
    # "doit rencontrer" (planned) then "a rencontré" (happened) the same day in one article: one meeting, happened.
    from diplolib.events.resolve import _dedupe

    day = pd.Timestamp("2021-06-16")
    frame = pd.DataFrame({
        "article_id": ["a", "a"], "type": ["meeting", "meeting"], "status": ["planned", "happened"],
        "estimate": [day, day], "participants": [["joe_biden"], ["vladimir_putin"]],
    })
    out = _dedupe(frame)
    assert len(out) == 1 and out.iloc[0]["status"] == "happened"
    assert out.iloc[0]["participants"] == ["joe_biden", "vladimir_putin"]
