"""Relation-aware tone: relevance, events inside sentences, calibration, relevance-weighted aggregates.

Real spaCy parses of minimal French sentences; events frames built by hand with the columns of the
events contract (article_id, sent_idx, type, goldstein, status).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from diplolib import tone
from diplolib.actors import mentions as find_mentions
from diplolib.tone import model as tone_model
from diplolib.tone.events import events_from_contacts, sentence_events
from diplolib.tone.relevance import LEVELS, relevance

from tone_support import corpus_of, dates_for, row_of

BOTH = "Washington et Moscou ont repris contact."
SIDE_REL = "La Russie veut de meilleures relations."
SIDE_ONLY = "La Russie construit une usine."
REL_ONLY = "Le dialogue reprend lentement."
NONE = "Les touristes visitent le musée."
NATIONALITY = "Les Américains et les Russes se parlent."
PAIR = "La Russie souhaite une coopération bilatérale."
NO_WORDS = "Les ministres se sont vus jeudi à Genève."
TENDU = "Les relations sont très tendues."
BONNES = "Les relations sont excellentes."

TEXTS = (BOTH, SIDE_REL, SIDE_ONLY, REL_ONLY, NONE, NATIONALITY, PAIR, NO_WORDS, TENDU, BONNES)


@pytest.fixture(scope="module")
def corpus():
    return corpus_of(TEXTS)


@pytest.fixture(scope="module")
def found(corpus):
    return find_mentions(corpus, dates=dates_for(corpus))


@pytest.fixture(scope="module")
def rel(corpus, found):
    return relevance(corpus, found)


def level(rel, text):
    return float(row_of(rel, text)["relevance"])


# --------------------------------------------------------------------------- relevance


def test_relevance_levels_follow_the_sides_and_relation_words(rel):
    assert level(rel, BOTH) == LEVELS["both"]
    assert level(rel, SIDE_REL) == LEVELS["side_and_relation"]
    assert level(rel, SIDE_ONLY) == LEVELS["one"]
    assert level(rel, REL_ONLY) == LEVELS["one"]
    assert level(rel, NONE) == LEVELS["none"]


def test_nationality_words_name_both_sides_without_actor_mentions(corpus):
    plain = relevance(corpus, None)
    assert level(plain, NATIONALITY) == LEVELS["both"]
    assert level(plain, BOTH) < LEVELS["both"]  # "Washington", "Moscou" need the mentions


def test_a_pair_word_implies_the_other_side(rel):
    row = row_of(rel, PAIR)
    assert row["n_ru"] > 0 and row["n_us"] == 0
    assert level(rel, PAIR) == LEVELS["both"]


def test_sentences_carry_relevance(corpus, found):
    t = tone.sentences(corpus, mentions=found, quotes=False, calibrate=False)
    assert list(t.columns) == tone.SENTENCE_COLUMNS
    assert level(t, BOTH) == 1.0 and level(t, NONE) == LEVELS["none"]


# --------------------------------------------------------------------------- events inside sentences


def _events(corpus, rows):
    ids = {t: row_of(corpus.ok, t)["article_id"] for t, *_ in rows}
    return pd.DataFrame([{"article_id": ids[t], "sent_idx": 0, "type": typ, "goldstein": g, "status": st}
                         for t, typ, g, st in rows])


def test_event_contributions_follow_goldstein_direction_and_damp_bare_contacts(corpus):
    ev = _events(corpus, [(SIDE_ONLY, "sanction", -8.0, "happened"), (REL_ONLY, "agreement", 8.0, "happened"),
                          (NO_WORDS, "meeting", 2.5, "happened"), (NONE, "sanction", -8.0, "planned"),
                          (BOTH, "threat", -4.4, "denied")])
    s = sentence_events(ev)
    by = dict(zip(s["article_id"], s["event_score"], strict=True))
    aid = {t: row_of(corpus.ok, t)["article_id"] for t in (SIDE_ONLY, REL_ONLY, NO_WORDS, NONE, BOTH)}
    assert by[aid[SIDE_ONLY]] == pytest.approx(-0.8)
    assert by[aid[REL_ONLY]] == pytest.approx(0.8)
    assert 0 < by[aid[NO_WORDS]] < 0.1  # a bare meeting stays in the neutral band
    assert by[aid[NONE]] == pytest.approx(-0.4)  # planned: half
    assert by[aid[BOTH]] == 0  # denied: no direction
    assert sentence_events(None).empty


def test_an_event_moves_the_rule_score_of_its_sentence(corpus, found):
    ev = _events(corpus, [(NO_WORDS, "sanction", -8.0, "happened"), (BONNES, "sanction", -8.0, "happened")])
    plain = tone.sentences(corpus, mentions=found, quotes=False, calibrate=False)
    withev = tone.sentences(corpus, mentions=found, quotes=False, calibrate=False, events=ev)
    assert float(row_of(plain, NO_WORDS)["rule_score"]) == 0
    assert float(row_of(withev, NO_WORDS)["rule_score"]) == pytest.approx(-0.8)
    assert float(row_of(withev, BONNES)["rule_score"]) < float(row_of(plain, BONNES)["rule_score"])
    assert row_of(withev, NO_WORDS)["event_types"] == ["sanction"] and row_of(withev, NO_WORDS)["n_events"] == 1
    assert row_of(plain, NO_WORDS)["n_events"] == 0


def test_events_from_contacts_follow_the_contract():
    contacts = pd.DataFrame({"type": ["phone_call", "meeting"], "status": ["happened", "cancelled"],
                             "estimate": pd.to_datetime(["2021-01-01", "2021-02-01"]),
                             "sentence_keys": [[("a", 0), ("b", 2)], [("a", 3)]]})
    ev = events_from_contacts(contacts)
    assert list(ev.columns) == ["article_id", "sent_idx", "type", "goldstein", "status"]
    assert len(ev) == 3 and ev.loc[ev["sent_idx"] == 3, "goldstein"].item() < 0


# --------------------------------------------------------------------------- calibration


def test_gated_score_puts_a_neutral_majority_inside_the_neutral_band():
    p = np.array([[0.1, 0.5, 0.4], [0.1, 0.2, 0.7], [0.6, 0.3, 0.1]])
    s = tone_model.gated_score(p)
    assert abs(s[0]) < 0.1 and s[0] > 0
    assert s[1] == pytest.approx(0.6) and s[2] == pytest.approx(-0.5)


def test_shipped_model_has_every_feature_and_orders_clear_sentences(corpus, found):
    coef = tone_model.coefficients()
    assert set(tone_model.FEATURES) | {"(intercept)"} == set(coef.index)
    t = tone.sentences(corpus, mentions=found, quotes=False)
    assert float(row_of(t, TENDU)["score"]) < 0 < float(row_of(t, BONNES)["score"])
    p = tone_model.probabilities(tone_model.features(t))
    assert np.allclose(p.sum(axis=1), 1)
    raw = tone.sentences(corpus, mentions=found, quotes=False, calibrate=False)
    assert (raw["score"] == raw["rule_score"]).all()


def test_numpy_probabilities_equal_scikit_learn_after_a_refit(corpus, found, tmp_path):
    from diplolib.tone import fit

    table = tone.sentences(corpus, mentions=found, quotes=False, calibrate=False)
    src = corpus.ok.set_index("article_id")["source"]
    labels = {BOTH: 0, SIDE_REL: 1, SIDE_ONLY: 0, REL_ONLY: 1, NONE: 0, NATIONALITY: 1, PAIR: 0, NO_WORDS: 0,
              TENDU: -1, BONNES: 1}
    gold = pd.DataFrame({"source": [src[row_of(table, t)["article_id"]] for t in labels], "sent_idx": 0,
                         "text": list(labels), "label": list(labels.values())})
    data = {"dev": (corpus, table, gold, None)}
    written = fit.write_model(data, tmp_path / "m.csv")
    x, y, *_ = fit.design(data)
    sk = fit._model().fit(x, y).predict_proba(x[tone_model.FEATURES])
    ours = tone_model.probabilities(x, written.set_index("feature"))
    assert np.allclose(ours, sk, atol=1e-4)


# --------------------------------------------------------------------------- relevance-weighted aggregates


def _toy():
    rows = [("a1", 0.8, 1.0), ("a1", -0.8, 0.25), ("a2", -0.5, 1.0), ("a2", -0.5, 1.0)]
    t = pd.DataFrame([{"article_id": a, "sent_idx": i, "score": s, "relevance": r, "n_hits": 1, "n_events": 0}
                      for i, (a, s, r) in enumerate(rows)])
    dates = pd.DataFrame({"article_id": ["a1", "a2"], "estimate": pd.to_datetime(["2020-01-01", "2020-06-01"]),
                          "outlet": ["X", "Y"]})
    return t, dates


def test_article_mean_is_weighted_by_relevance_and_switchable():
    t, _ = _toy()
    weighted = tone.articles(t, n_boot=200).set_index("article_id")
    assert weighted.at["a1", "mean"] == pytest.approx((0.8 - 0.8 * 0.25) / 1.25)
    plain = tone.articles(t, n_boot=200, weight=None).set_index("article_id")
    assert plain.at["a1", "mean"] == pytest.approx(0.0)


def test_period_mean_is_weighted_and_groups_by_a_dates_column():
    t, dates = _toy()
    year = tone.by_period(t, dates, n_boot=200).iloc[0]
    assert year["mean"] == pytest.approx((0.8 - 0.2 - 1.0) / 3.25)
    assert year["ci_unit"] == "article"
    outlets = tone.by_period(t, dates, by="outlet", n_boot=200)
    assert set(outlets["outlet"]) == {"X", "Y"}


def test_a_sentence_with_only_an_event_counts_in_the_article_mean():
    t, _ = _toy()
    t.loc[1, "n_hits"], t.loc[1, "n_events"] = 0, 1
    assert tone.articles(t, n_boot=0).set_index("article_id").at["a1", "n_sentences"] == 2
    t.loc[1, "n_events"] = 0
    assert tone.articles(t, n_boot=0).set_index("article_id").at["a1", "n_sentences"] == 1


def test_a_foreign_lexicon_is_not_calibrated_with_the_project_model(corpus, tmp_path):
    lc3 = tmp_path / "mini.lc3"
    lc3.write_text("+NEGATIVE\ntendu*\n+POSITIVE\nexcellent*\n", encoding="utf-8")
    t = tone.sentences(corpus, lexicon=str(lc3), quotes=False)
    assert (t["score"] == t["rule_score"]).all()
    assert float(row_of(t, TENDU)["score"]) < 0
