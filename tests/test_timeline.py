"""Diplomatic contacts: triggers, status, participants, chronology links, grouping; gold contacts."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from diplolib import actors, dates, timeline
from diplolib.actors import surface_mentions

from conftest import interval, make_corpus

ROOT = Path(__file__).resolve().parents[1]


def _raw(texts: list[str], day: str = "2021-12-03") -> pd.DataFrame:
    corpus = make_corpus(texts)
    found = actors.mentions(corpus, interval(corpus, day))
    return timeline.raw_contacts(corpus, found)


@pytest.mark.parametrize(
    ("text", "kind", "status"),
    [
        ("Antony Blinken a rencontré Sergueï Lavrov jeudi à Stockholm.", "meeting", "happened"),
        ("Joe Biden doit s'entretenir mardi avec Vladimir Poutine.", "meeting", "planned"),
        ("Joe Biden et Vladimir Poutine pourraient s'entretenir par visioconférence.", "video_call", "proposed"),
        ("Joe Biden et Vladimir Poutine ont eu un entretien téléphonique.", "phone_call", "happened"),
        ("La rencontre entre Antony Blinken et Sergueï Lavrov a été annulée.", "meeting", "cancelled"),
    ],
)
def test_trigger_type_and_status(text, kind, status):
    raw = _raw([text])
    assert len(raw) >= 1
    first = raw.iloc[0]
    assert (first["type"], first["status"]) == (kind, status)
    assert len(first["participants"]) == 2


def test_statement_sources_are_not_participants():
    raw = _raw(["Une rencontre entre Antony Blinken et Sergueï Lavrov aura lieu jeudi, a annoncé le porte-parole du Kremlin, Dmitri Peskov."])
    assert set(raw.iloc[0]["participants"]) == {"antony_blinken", "sergei_lavrov"}


def test_topics_without_two_sides_are_not_contacts():
    assert _raw(["Le président russe a discuté de la situation en Syrie."]).empty


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
