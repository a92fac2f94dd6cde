"""Temporal expressions, one test per pattern, and article dating on seeds and synthetic cases."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from diplolib import dates

from conftest import make_corpus

ROOT = Path(__file__).resolve().parents[1]
ANCHOR = pd.Timestamp("2015-05-12")  # a Tuesday


def _resolve(text: str, anchor: pd.Timestamp = ANCHOR, future: bool = False):
    (expr,) = [e for e in dates._find(text)]
    lo, hi, how = dates._resolve(expr, anchor, future)
    return expr, lo, hi, how


@pytest.mark.parametrize(
    ("text", "kind", "lo", "hi", "how"),
    [
        ("le 24 février 2022", "date", "2022-02-24", "2022-02-24", "absolute"),
        ("le 1er mars 2015", "date", "2015-03-01", "2015-03-01", "absolute"),
        ("le 12 février", "date", "2015-02-12", "2015-02-12", "article"),
        ("avant le 30 juin", "date", "2015-06-30", "2015-06-30", "article"),
        ("en mars 2014", "month", "2014-03-01", "2014-03-31", "absolute"),
        ("mi-décembre", "month", "2014-12-10", "2014-12-21", "article"),
        ("en 1991", "year", "1991-01-01", "1991-12-31", "absolute"),
        ("mardi", "weekday", "2015-05-12", "2015-05-12", "article"),
        ("dimanche", "weekday", "2015-05-10", "2015-05-10", "article"),
        ("mercredi dernier", "weekday", "2015-05-06", "2015-05-06", "article"),
        ("jeudi prochain", "weekday", "2015-05-14", "2015-05-14", "article"),
        ("hier", "relative", "2015-05-11", "2015-05-11", "article"),
        ("demain", "relative", "2015-05-13", "2015-05-13", "article"),
        ("la veille", "relative", "2015-05-11", "2015-05-11", "article"),
        ("le lendemain", "relative", "2015-05-13", "2015-05-13", "article"),
        ("il y a deux semaines", "relative", "2015-04-26", "2015-04-30", "article"),
        ("dans les prochains jours", "relative", "2015-05-12", "2015-05-22", "article"),
        ("le mois prochain", "relative", "2015-06-01", "2015-06-30", "article"),
        ("l'an dernier", "relative", "2014-01-01", "2014-12-31", "article"),
    ],
)
def test_expression_patterns(text, kind, lo, hi, how):
    expr, got_lo, got_hi, got_how = _resolve(text)
    assert expr.kind == kind
    assert (got_lo, got_hi, got_how) == (pd.Timestamp(lo), pd.Timestamp(hi), how)


def test_weekday_in_a_future_sentence_is_the_next_one():
    _, lo, _, _ = _resolve("jeudi", pd.Timestamp("2025-02-26"), future=True)  # a Wednesday
    assert lo == pd.Timestamp("2025-02-27")
    _, lo, _, _ = _resolve("jeudi", pd.Timestamp("2025-02-26"), future=False)
    assert lo == pd.Timestamp("2025-02-20")


@pytest.mark.parametrize(
    ("text", "lo_days", "hi_days"),
    [("après plus d'un an de crise", 365, None), ("sa première en deux ans", 730, 1095), ("près de trois ans sans contacts", 876, 1204)],
)
def test_durations(text, lo_days, hi_days):
    (expr,) = [e for e in dates._find(text) if e.kind == "duration"]
    assert dates._duration_days(expr.info) == (lo_days, hi_days)


def test_anniversary_is_found_with_its_ordinal():
    (expr,) = [e for e in dates._find("à l'occasion du 70e anniversaire de la victoire sur l'Allemagne nazie") if e.kind == "anniversary"]
    assert expr.info["n"] == 70


def test_numbers_of_things_are_not_years():
    assert not [e for e in dates._find("plus de 2000 soldats et 1500 blindés") if e.kind == "year"]


def test_header_month_alone_gives_month_precision():
    corpus = make_corpus(["Les deux ministres ont parlé de la situation régionale pendant deux heures."], header_months=["2019-06"])
    row = dates.article_dates(corpus).iloc[0]
    assert (row.earliest, row.latest) == (pd.Timestamp("2019-06-01"), pd.Timestamp("2019-06-30"))
    assert row.precision == "month" and not row.header_conflict


def test_header_contradicted_by_content_is_flagged():
    text = "L'invasion de l'Ukraine le 24 février 2022 a changé la donne, a estimé le secrétaire d'État américain Antony Blinken."
    corpus = make_corpus([text], header_months=["2016-03"])
    row = dates.article_dates(corpus).iloc[0]
    assert row.header_conflict
    assert "2016-03" in row.header_conflict_reason
    assert row.earliest >= pd.Timestamp("2022-02-24") and row.latest <= pd.Timestamp("2025-01-19")
    assert "tenure" in row.evidence_types and "landmark" in row.evidence_types


def test_no_evidence_gives_an_honest_wide_interval():
    corpus = make_corpus(["Les discussions se poursuivent dans un climat tendu."])
    row = dates.article_dates(corpus).iloc[0]
    assert row.precision == "range" and row.pinned_by == "hard" and 0 <= row.confidence <= 1
    # the upper horizon is today (or the latest publication date), never a fixed future year
    assert row.latest == dates.horizon(corpus)[1] and row.latest <= pd.Timestamp.today().normalize()


@pytest.fixture(scope="module")
def seed_dates(seeds):
    from diplolib import actors, timeline

    surface = actors.surface_mentions(seeds)
    return dates.article_dates(seeds, surface, links=timeline.lead_contact_links(seeds, surface)).set_index("source")


def test_seed_done_means(seed_dates):
    for source in ("000_7e25232c755b069a.txt", "001_2ee68291b570a1b5.txt"):
        row = seed_dates.loc[source]
        assert row.estimate == pd.Timestamp("2015-05-12") and row.earliest.strftime("%Y-%m") == "2015-05"
        assert row.header_conflict and "2021-10" in row.header_conflict_reason
        assert any("2015-05-12_kerry_sochi" in e for e in row.evidence)
    dec = seed_dates.loc["002_02df2d995b8066f2.txt"]
    # written the day after the Stockholm meeting; the 7 December call it announces stays a planned event
    assert dec.estimate == pd.Timestamp("2021-12-03") and dec.pinned_by == "relative+chronology"
    feb = seed_dates.loc["003_d8b578da4eb6d4de.txt"]
    assert feb.estimate in (pd.Timestamp("2025-02-26"), pd.Timestamp("2025-02-27"))
    apr = seed_dates.loc["004_3640c89e8547a8b9.txt"]
    assert apr.estimate == pd.Timestamp("2021-04-13") and not apr.header_conflict


def test_gold_dates_fall_inside_the_inferred_intervals(seed_dates):
    gold = pd.read_csv(ROOT / "tests" / "data" / "gold_dates.csv", keep_default_na=False)
    exact = 0
    for g in gold.itertuples():
        row = seed_dates.loc[g.source]
        assert row.earliest <= pd.Timestamp(g.event_date) <= row.latest, g.source
        exact += row.estimate == pd.Timestamp(g.event_date)
        assert row.header_conflict == (g.header_month != "" and str(g.header_correct).lower() == "false")
    print(f"\nexact-day estimates: {exact}/{len(gold)}")
    assert exact == len(gold)


def test_expressions_table_resolves_against_the_article_date(seeds):
    table = dates.expressions(seeds)
    assert set(table["kind"]) >= {"date", "year", "weekday", "relative", "duration", "anniversary"}
    src = dict(zip(seeds.ok["article_id"], seeds.ok["source"], strict=True))
    feb = table[(table["article_id"].map(src) == "003_d8b578da4eb6d4de.txt") & (table["surface"] == "18 février")].iloc[0]
    assert feb.value_start == pd.Timestamp("2025-02-18") and feb.anchor == "article"
    texts = dict(zip(seeds.ok["article_id"], seeds.ok["text"], strict=True))
    assert all(texts[r.article_id][r.start_char : r.end_char] == r.surface for r in table.itertuples())
