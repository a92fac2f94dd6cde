"""Actor mentions: names, surnames, dated roles, counterparts, metonyms, ambiguity; gold evaluation."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from diplolib import actors

from conftest import interval, make_corpus

ROOT = Path(__file__).resolve().parents[1]

ROLE_TEXT = "Le secrétaire d'État américain est arrivé à Genève. Le président américain a salué la rencontre."


@pytest.fixture(scope="module")
def role_corpus():
    return make_corpus([ROLE_TEXT])


@pytest.mark.parametrize(
    ("day", "secretary", "president"),
    [("2015-05-12", "john_kerry", "barack_obama"), ("2021-12-02", "antony_blinken", "joe_biden"), ("2025-02-27", "marco_rubio", "donald_trump")],
)
def test_role_phrases_resolve_to_the_holder_on_the_articles_date(role_corpus, day, secretary, president):
    found = actors.mentions(role_corpus, interval(role_corpus, day))
    roles = found[found["method"] == "role"].set_index("office_id")
    assert roles.at["us_secretary_of_state", "actor_id"] == secretary
    assert roles.at["us_president", "actor_id"] == president
    assert not roles["ambiguous"].any()


def test_interval_spanning_two_holders_without_estimate_lists_both_as_ambiguous(role_corpus):
    dates = interval(role_corpus, "2017-01-10", "2017-01-30").drop(columns="estimate")
    president = actors.mentions(role_corpus, dates).query("office_id == 'us_president'")
    assert set(president["actor_id"]) == {"barack_obama", "donald_trump"}
    assert president["ambiguous"].all()
    assert (president["confidence"] < 0.9).all()
    assert president["confidence"].sum() <= 0.9 + 1e-9


def test_interval_spanning_two_holders_takes_the_holder_on_the_estimated_day_flagged(role_corpus):
    # A role phrase does not fan out to every holder of the office: one row, the
    # holder on the estimated day, flagged ambiguous, confidence = share of the interval.
    dates = interval(role_corpus, "2017-01-10", "2017-01-30").assign(estimate=pd.Timestamp("2017-01-25"))
    president = actors.mentions(role_corpus, dates).query("office_id == 'us_president'")
    assert president["actor_id"].tolist() == ["donald_trump"]
    assert president["ambiguous"].all()
    assert president["confidence"].iloc[0] == pytest.approx(0.9 * 11 / 21, abs=1e-3)


def test_a_holder_named_in_the_article_settles_the_role_phrase():
    corpus = make_corpus(["Barack Obama est arrivé à Berlin. Le président américain a ensuite salué la chancelière."])
    dates = interval(corpus, "2016-06-01", "2018-06-01").assign(estimate=pd.Timestamp("2017-06-01"))
    president = actors.mentions(corpus, dates).query("method == 'role' and office_id == 'us_president'")
    assert president["actor_id"].tolist() == ["barack_obama"]
    assert not president["ambiguous"].any()


def test_office_holder_is_public():
    assert actors.office_holder("us_secretary_of_state", "2015-05-12") == "john_kerry"
    assert actors.office_holder("ru_foreign_minister", "2021-12-02") == "sergei_lavrov"
    assert actors.office_holder("us_president", "2025-03-01") == "donald_trump"


@pytest.fixture(scope="module")
def mixed_corpus():
    return make_corpus([
        "Le chef de la diplomatie russe Sergueï Lavrov a reçu Antony Blinken. M. Lavrov a ensuite appelé son homologue américain.",
        "M. Ouchakov a démenti. Moscou accuse Washington de mentir, a indiqué le Kremlin. Des manifestations ont eu lieu à Moscou.",
        "Le porte-parole de la Maison Blanche a parlé de Zelenskyy et de Poroshenko.",
    ])


def test_surnames_resolve_to_the_person_named_earlier_or_the_unique_holder(mixed_corpus):
    found = actors.mentions(mixed_corpus, interval(mixed_corpus, "2021-12-02"))
    lavrov = found[found["surface"] == "M. Lavrov"].iloc[0]
    assert (lavrov["actor_id"], lavrov["method"], lavrov["confidence"]) == ("sergei_lavrov", "surname", 0.95)
    ushakov = found[found["surface"] == "M. Ouchakov"].iloc[0]
    assert (ushakov["actor_id"], ushakov["method"]) == ("yuri_ushakov", "surname")
    assert ushakov["confidence"] < lavrov["confidence"]  # unique surname, never named in full


def test_counterpart_resolves_to_the_other_sides_office_holder(mixed_corpus):
    found = actors.mentions(mixed_corpus, interval(mixed_corpus, "2021-12-02"))
    counterpart = found[found["method"] == "counterpart"].iloc[0]
    assert counterpart["surface"] == "homologue américain"
    assert counterpart["actor_id"] == "antony_blinken"
    assert counterpart["office_id"] == "us_secretary_of_state"


def test_metonyms_are_marked_and_places_are_not_actors(mixed_corpus):
    found = actors.mentions(mixed_corpus, interval(mixed_corpus, "2021-12-02"))
    metonyms = found[found["method"] == "metonym"]
    assert {"Moscou", "Washington", "Kremlin"} <= set(metonyms["surface"])
    assert metonyms.set_index("surface").at["Washington", "actor_id"] == "united_states"
    assert metonyms.set_index("surface").at["Kremlin", "actor_id"] == "kremlin"
    # "à Moscou" is a place: exactly one Moscou mention (the acting subject) in that article.
    assert (found["surface"] == "Moscou").sum() == 1


def test_transliterations_and_accentless_aliases(mixed_corpus):
    found = actors.mentions(mixed_corpus, interval(mixed_corpus, "2021-12-02"))
    assert {"volodymyr_zelensky", "petro_poroshenko"} <= set(found["actor_id"])


def test_seed_done_means(seeds):
    found = actors.mentions(seeds)
    by_source = dict(zip(seeds.ok["source"], seeds.ok["article_id"], strict=True))

    def who(source: str, surface: str) -> set[str]:
        rows = found[(found["article_id"] == by_source[source]) & (found["surface"] == surface)]
        return set(rows["actor_id"])

    assert who("000_7e25232c755b069a.txt", "secrétaire d'État américain") == {"john_kerry"}
    assert who("000_7e25232c755b069a.txt", "M. Kerry") == {"john_kerry"}
    assert who("002_02df2d995b8066f2.txt", "secrétaire d'État américain") == {"antony_blinken"}
    assert who("003_d8b578da4eb6d4de.txt", "homologue américain") == {"marco_rubio"}


def test_unresolved_entities_become_candidates_not_losses(seeds):
    found = actors.mentions(seeds)
    cands = actors.candidates(seeds, found)
    assert {"surface", "label", "count", "example"} <= set(cands.columns)
    assert "Boeing" in set(cands["surface"])
    assert not set(cands["surface"]) & {"Vladimir Poutine", "John Kerry"}


def test_precision_and_recall_against_hand_made_gold(seeds):
    gold = actors.load_gold(ROOT / "tests" / "data" / "gold_mentions.csv", seeds)
    found = actors.mentions(seeds)
    report = actors.gold_report(found, gold)
    print("\n" + report.to_string(index=False))
    persons = report.set_index("actors").loc["persons"]
    assert persons["precision"] >= 0.9 and persons["recall"] >= 0.9
