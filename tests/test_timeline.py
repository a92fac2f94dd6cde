"""The timeline layer over events: the contacts alias on the seeds (grouping across articles,
chronology links, evidence), coverage of the chronology, and the chronology candidates for dating."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from diplolib import actors, dates, timeline
from diplolib.actors import surface_mentions

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def seed_contacts(seeds):
    d = dates.article_dates(seeds, surface_mentions(seeds), links=timeline.lead_contact_links(seeds, surface_mentions(seeds)))
    return timeline.contacts(seeds, actors.mentions(seeds, d), d)


def test_the_two_sochi_articles_report_one_contact(seeds, seed_contacts):
    sochi = seed_contacts[seed_contacts["event_id"] == "2015-05-12_kerry_sochi"]
    assert len(sochi) == 1
    row = sochi.iloc[0]
    src = dict(zip(seeds.ok["article_id"], seeds.ok["source"], strict=True))
    assert {src[a] for a in row["article_ids"]} == {"000_7e25232c755b069a.txt", "001_2ee68291b570a1b5.txt"}
    assert {"john_kerry", "sergei_lavrov"} <= set(row["participants"])
    assert row["estimate"] == pd.Timestamp("2015-05-12") and row["place"] == "Sotchi"


def test_contacts_keep_their_evidence(seeds, seed_contacts):
    sentences = seeds.sentences.set_index(["article_id", "sent_idx"])["text"]
    for row in seed_contacts.itertuples():
        assert [sentences[k] for k in row.sentence_keys] == row.evidence


def test_main_contacts_of_the_gold_are_found_to_the_day(seeds, seed_contacts):
    gold = pd.read_csv(ROOT / "tests" / "data" / "gold_contacts.csv", keep_default_na=False)
    # Events are US–Russia events: gold contacts between other parties (Putin in India,
    # Russia–Ukraine talks in Istanbul, Blinken at NATO) are out of scope.
    side = actors.gazetteer().actors["side"].to_dict()
    gold = gold[gold["participants"].map(lambda p: {"US", "RU"} <= {side.get(a) for a in p.split("|")})]
    ids = dict(zip(seeds.ok["source"], seeds.ok["article_id"], strict=True))
    found, linked = 0, 0
    for g in gold.itertuples():
        aid = ids[g.source]
        people = set(g.participants.split("|"))
        match = seed_contacts[seed_contacts["article_ids"].map(lambda a, aid=aid: aid in a) & seed_contacts["participants"].map(lambda p, people=people: bool(set(p) & people))]
        if g.date:
            match = match[(match["earliest"] <= g.date) & (match["latest"] >= g.date)]
        found += not match.empty
        linked += bool(g.chronology_event_id) and g.chronology_event_id in set(match["event_id"])
    print(f"\ngold contacts found: {found}/{len(gold)}; linked to the right chronology event: {linked}/{(gold['chronology_event_id'] != '').sum()}")
    main = {
        "000_7e25232c755b069a.txt": "2015-05-12", "001_2ee68291b570a1b5.txt": "2015-05-12", "002_02df2d995b8066f2.txt": "2021-12-07",
        "003_d8b578da4eb6d4de.txt": "2025-02-27", "004_3640c89e8547a8b9.txt": "2021-04-13",
    }
    for source, day in main.items():
        rows = seed_contacts[seed_contacts["article_ids"].map(lambda a, s=source: ids[s] in a)]
        assert (rows["estimate"] == pd.Timestamp(day)).any() and (rows["precision"] == "day").any(), source
    assert found / len(gold) >= 0.5


def test_coverage_lists_known_events_the_corpus_speaks_of(seeds, seed_contacts):
    cov = timeline.coverage(seed_contacts, dates.landmarks(seeds))
    assert {"2015-05-12_kerry_sochi", "2014-03-18_crimea_annexation", "2022-02-24_invasion"} & set(cov["event_id"])
    assert (cov["articles"] >= 1).all()
