"""Tone rules on minimal French sentences parsed by spaCy, aggregates, events, keyness.

Every rule has a test that fails when the rule is taken out of
``diplolib/tone.py`` or ``tone_modifiers.csv``.
"""

from __future__ import annotations

import math
import time

import numpy as np
import pandas as pd
import pytest

from diplolib import tone
from diplolib.actors import mentions as find_mentions

from tone_support import ROOT, corpus_of, dates_for, row_of, rows_of, seeds

BON = "Les relations sont bonnes."
PAS_BON = "Les relations ne sont pas bonnes."
TENDU = "Les relations sont tendues."
TRES_TENDU = "Les relations sont très tendues."
CONSTRUCTIF = "Les relations sont constructives."
PEU_CONSTRUCTIF = "Les relations sont peu constructives."
ACCORD = "Nous sommes d'accord."
PAS_ACCORD = "Nous ne sommes pas d'accord."
PAS_TOUJOURS = "Nous n'étions pas toujours d'accord."
PAS_DU_TOUT = "Nous ne sommes pas du tout d'accord."
BONNE_IDEE = "C'est une bonne idée."
PAS_BONNE_IDEE = "Ce n'est pas une bonne idée."
PAS_TRES_BONNE = "Ce n'est pas une très bonne idée."
NEGOCIER = "Moscou a réussi à négocier."
PAS_NEGOCIER = "Moscou n'a pas réussi à négocier."
ESCALADE = "Moscou souhaite l'escalade."
PAS_ESCALADE = "Moscou ne souhaite pas l'escalade."
SANS_SUCCES = "Ils ont essayé sans succès."
AVEC_SUCCES = "Ils ont essayé avec succès."
DEGRADENT = "Les relations se dégradent."
POURRAIENT = "Les relations pourraient se dégrader."
SERAIENT = "Si la Russie envahissait l'Ukraine, les sanctions seraient sévères."
SONT_SEVERES = "Les sanctions sont sévères."
SI_ENVAHIT = "Si la Russie envahissait l'Ukraine, Washington réagirait."
ENVAHIT = "La Russie envahissait l'Ukraine."
MEME_SI = "Même si les relations sont tendues, le dialogue continue."
QUESTION = "Les États-Unis ont levé les sanctions ?"
AFFIRMATION = "Les États-Unis ont levé les sanctions."
RISQUE = "Il y a un risque d'escalade."
ESCALADE_SEULE = "Il y a une escalade."
POSSIBLE_SOMMET = "Les deux présidents ont discuté d'un possible sommet."
ACCUSE_PAIX = "Les Américains accusent Moscou de saboter la paix."
ACCUSE_INVASION = "Les Américains accusent Moscou de préparer une invasion."
ACCUSE_TREVE = "Moscou accuse Kiev de ne pas respecter la trêve."
LEVEE = "Les États-Unis ont annoncé la levée des sanctions."
SANCTIONS = "Les États-Unis ont annoncé des sanctions."
QUOTED = "«Les positions divergent», a estimé Dmitri Peskov."
NARRATION = "Les positions des deux pays divergent."
NEUTRAL = "Les diplomates arrivent jeudi à Istanbul."
DESTRUCTEUR = "Le recours à la force serait extrêmement destructeur."

TEXTS = (
    BON, PAS_BON, TENDU, TRES_TENDU, CONSTRUCTIF, PEU_CONSTRUCTIF, ACCORD, PAS_ACCORD, PAS_TOUJOURS, PAS_DU_TOUT,
    BONNE_IDEE, PAS_BONNE_IDEE, PAS_TRES_BONNE, NEGOCIER, PAS_NEGOCIER, ESCALADE, PAS_ESCALADE, SANS_SUCCES,
    AVEC_SUCCES, DEGRADENT, POURRAIENT, SERAIENT, SONT_SEVERES, SI_ENVAHIT, ENVAHIT, MEME_SI, QUESTION, AFFIRMATION,
    RISQUE, ESCALADE_SEULE, POSSIBLE_SOMMET, ACCUSE_PAIX, ACCUSE_INVASION, ACCUSE_TREVE, LEVEE, SANCTIONS, QUOTED,
    NARRATION, DESTRUCTEUR, NEUTRAL,
)


@pytest.fixture(scope="module")
def corpus():
    return corpus_of(TEXTS)


@pytest.fixture(scope="module")
def scored(corpus):
    found = find_mentions(corpus, dates=dates_for(corpus))
    return tone.sentences(corpus, mentions=found, calibrate=False)


@pytest.fixture(scope="module")
def baseline(corpus):
    return tone.baseline_sentences(corpus)


def score(table, text):
    return float(row_of(table, text)["score"])


def hit(table, text, term):
    hits = [h for h in row_of(table, text)["hits"] if h["term"] == term]
    assert hits, f"{term!r} not found in {text!r}: {row_of(table, text)['hits']}"
    return hits[0]


# --------------------------------------------------------------------------- table shape


def test_one_row_per_sentence_with_the_documented_columns(corpus, scored):
    assert list(scored.columns) == tone.SENTENCE_COLUMNS
    assert len(scored) == len(corpus.sentences)
    assert scored["score"].between(-1, 1).all()
    h = hit(scored, PAS_BON, "bon")
    assert {"term", "lemmas", "weight", "modifiers", "start_char", "end_char", "base", "counted"} <= set(h)
    text = corpus.text(row_of(scored, PAS_BON)["article_id"])
    assert text[h["start_char"] : h["end_char"]] == "bonnes"


def test_scores_are_the_lexicon_score_divided_by_three(scored):
    assert score(scored, BON) == pytest.approx(1 / 3, abs=1e-3)  # bon = +1
    assert hit(scored, ENVAHIT, "envahir")["base"] == pytest.approx(-1.0)  # envahir = -3


def test_baseline_has_no_rules(baseline):
    assert score(baseline, PAS_BON) == score(baseline, BON)
    assert score(baseline, TRES_TENDU) == score(baseline, TENDU)
    assert score(baseline, POURRAIENT) == score(baseline, DEGRADENT)


# --------------------------------------------------------------------------- negation


def test_negation_flips_a_predicate(scored):
    assert score(scored, PAS_BON) < 0 < score(scored, BON)
    assert hit(scored, PAS_BON, "bon")["weight"] == pytest.approx(-0.5 / 3, abs=1e-3)


def test_negation_reaches_an_infinitive_complement(scored):
    assert score(scored, PAS_NEGOCIER) < 0 < score(scored, NEGOCIER)
    assert hit(scored, PAS_NEGOCIER, "négocier")["weight"] < 0


def test_sans_negates_its_noun(scored):
    assert score(scored, SANS_SUCCES) < 0 < score(scored, AVEC_SUCCES)


def test_negated_verb_damps_its_nominal_object_without_flipping_it(scored):
    damped, plain = hit(scored, PAS_ESCALADE, "escalade")["weight"], hit(scored, ESCALADE, "escalade")["weight"]
    assert plain < damped < 0


def test_partial_negation_lies_between_negation_and_agreement(scored):
    assert score(scored, PAS_ACCORD) < score(scored, PAS_TOUJOURS) < score(scored, ACCORD)
    assert score(scored, PAS_TOUJOURS) <= 0


def test_not_very_is_a_partial_negation_not_an_intensified_one(scored):
    assert score(scored, PAS_BONNE_IDEE) < score(scored, PAS_TRES_BONNE) < score(scored, BONNE_IDEE)


def test_pas_du_tout_is_a_full_negation(scored):
    assert score(scored, PAS_DU_TOUT) < score(scored, PAS_ACCORD) < 0


# --------------------------------------------------------------------------- intensity


def test_intensifier(scored):
    assert score(scored, TRES_TENDU) < score(scored, TENDU) < 0
    assert hit(scored, TRES_TENDU, "tendu")["weight"] == pytest.approx(1.5 * hit(scored, TENDU, "tendu")["weight"], abs=1e-3)


def test_attenuator(scored):
    assert 0 < score(scored, PEU_CONSTRUCTIF) < score(scored, CONSTRUCTIF)


def test_participial_adjective_is_found_through_its_surface(scored):
    # spaCy lemmatises "tendues" to "tendre"; the lexicon lists "tendu".
    assert hit(scored, TENDU, "tendu")["lemmas"] == "tendre"


def test_extremely_destructive_is_negative(scored):
    row = row_of(scored, DESTRUCTEUR)
    h = hit(scored, DESTRUCTEUR, "destructeur")
    assert row["score"] < 0
    assert any(m.startswith("intensifier") for m in h["modifiers"])
    assert any(m.startswith("modality:conditional") for m in h["modifiers"])


# --------------------------------------------------------------------------- modality


def test_conditional_mood_damps(scored):
    assert score(scored, DEGRADENT) < score(scored, POURRAIENT) < 0


def test_conditional_ending_mistagged_as_future_damps(scored):
    # spaCy md tags this "seraient" Mood=Ind|Tense=Fut: the ending tells the conditional.
    damped = hit(scored, SERAIENT, "sévère")
    assert hit(scored, SONT_SEVERES, "sévère")["weight"] < damped["weight"] < 0
    assert "modality:conditional(0.5)" in damped["modifiers"]


def test_si_clause_damps_its_hits_and_meme_si_does_not(scored):
    assert hit(scored, ENVAHIT, "envahir")["weight"] < hit(scored, SI_ENVAHIT, "envahir")["weight"] < 0
    assert hit(scored, MEME_SI, "tendu")["weight"] == pytest.approx(-1 / 3, abs=1e-3)


def test_question_damps(scored):
    assert 0 < score(scored, QUESTION) < score(scored, AFFIRMATION)


def test_uncertainty_cues_damp_the_word_they_attach_to(scored):
    assert score(scored, ESCALADE_SEULE) < score(scored, RISQUE) < 0
    assert any("hedge:possible" in m for m in hit(scored, POSSIBLE_SOMMET, "sommet")["modifiers"])


# --------------------------------------------------------------------------- accusations, MWEs


def test_accusation_complement_cannot_turn_positive(scored, baseline):
    paix = hit(scored, ACCUSE_PAIX, "paix")
    assert paix["weight"] == 0 and not paix["counted"]
    assert score(scored, ACCUSE_PAIX) <= -0.5 < score(baseline, ACCUSE_PAIX)
    assert all(h["weight"] <= 0 for h in row_of(scored, ACCUSE_TREVE)["hits"])
    assert score(scored, ACCUSE_TREVE) < 0


def test_accusation_of_a_neutral_or_negative_act_stays_conflict(scored):
    assert hit(scored, ACCUSE_INVASION, "accuser")["weight"] == pytest.approx(-2 / 3, abs=1e-3)
    assert score(scored, ACCUSE_INVASION) < -0.5


def test_longest_match_wins(scored):
    assert score(scored, LEVEE) > 0 > score(scored, SANCTIONS)
    assert [h["term"] for h in row_of(scored, LEVEE)["hits"]] == ["levée de le sanction"]


# --------------------------------------------------------------------------- speakers


def test_speaker_side_from_quotes(scored):
    assert row_of(scored, QUOTED)["speaker_side"] == "RU"
    assert row_of(scored, QUOTED)["speaker_id"] == "dmitry_peskov"
    assert row_of(scored, NARRATION)["speaker_side"] == "press"


def test_quotes_false_skips_attribution(corpus):
    t = tone.sentences(corpus, quotes=False)
    assert set(t["speaker_side"]) == {""}


# --------------------------------------------------------------------------- aggregates


def _toy():
    rows = []
    for a, scores in {"a1": [0.5, 0.2, -0.1], "a2": [-0.5, -0.4], "a3": [0.3, 0.0, 0.1, 0.6], "a4": [0.0]}.items():
        for i, s in enumerate(scores):
            rows.append({"article_id": a, "sent_idx": i, "start_char": 0, "end_char": 4, "score": s,
                         "n_hits": 0 if a == "a4" else 1, "hits": [], "speaker_id": "",
                         "speaker_side": "RU" if i % 2 else "press", "text": "xxxx"})
    dates = pd.DataFrame({"article_id": ["a1", "a2", "a3", "a4"],
                          "estimate": pd.to_datetime(["2015-03-01", "2015-06-01", "2021-01-01", "2021-02-01"])})
    return pd.DataFrame(rows), dates


def test_articles_mean_and_bootstrap_interval():
    t, _ = _toy()
    out = tone.articles(t, n_boot=500, seed=1).set_index("article_id")
    assert out.at["a1", "mean"] == pytest.approx(0.2)
    assert out.at["a1", "ci_low"] <= 0.2 <= out.at["a1", "ci_high"]
    assert out.at["a1", "n_sentences"] == 3
    assert math.isnan(out.at["a4", "mean"]) and out.at["a4", "n_sentences_total"] == 1
    again = tone.articles(t, n_boot=500, seed=1).set_index("article_id")
    assert again.at["a3", "ci_low"] == out.at["a3", "ci_low"]  # fixed seed: reproducible


def test_by_period_year_bins_and_speaker_side():
    t, dates = _toy()
    years = tone.by_period(t, dates, n_boot=200)
    assert list(years["period"]) == [2015, 2021]
    y2015 = years.set_index("period").loc[2015]
    assert y2015["mean"] == pytest.approx(np.mean([0.5, 0.2, -0.1, -0.5, -0.4]))
    assert y2015["ci_unit"] == "article" and y2015["n_articles"] == 2
    y2021 = years.set_index("period").loc[2021]
    assert y2021["ci_unit"] == "sentence"  # a4 has no hits: one article left
    sides = tone.by_period(t, dates, by="speaker_side", n_boot=200)
    assert set(zip(sides["period"], sides["speaker_side"], strict=True)) == {
        (2015, "RU"), (2015, "press"), (2021, "RU"), (2021, "press")}
    bins = tone.by_period(t, dates, freq=[("late", 2020, 2025), ("early", 2014, 2016)], n_boot=200)
    assert list(bins["period"]) == ["late", "early"]


def test_drivers_lists_extreme_sentences_with_highlighted_hits(scored):
    dates = pd.DataFrame({"article_id": scored["article_id"].unique(), "estimate": pd.Timestamp("2021-06-01")})
    out = tone.drivers(scored, dates, n=2)
    up, down = out[out["direction"] == "up"], out[out["direction"] == "down"]
    assert len(up) == 2 and len(down) == 2
    assert up["score"].min() > down["score"].max()
    assert all("**" in t for t in out["text"])
    assert tone.highlight("Les relations sont tendues.", [{"start_char": 19, "end_char": 26}], 0) == "Les relations sont **tendues**."


# --------------------------------------------------------------------------- evaluation


def test_evaluate_threshold_classes_and_spearman(corpus, scored):
    texts = [BON, PAS_BON, TENDU, AVEC_SUCCES, ACCUSE_INVASION, NEUTRAL]
    labels = [1, -1, -1, 1, -1, 0]
    src = corpus.ok.set_index("article_id")["source"]
    gold = pd.DataFrame({
        "source": [src[row_of(scored, t)["article_id"]] for t in texts], "sent_idx": 0, "text": texts, "label": labels,
    })
    rules = tone.evaluate(scored, gold, corpus=corpus)
    plain = tone.evaluate(tone.baseline_sentences(corpus), gold, corpus=corpus)
    assert rules["n"] == 6 and rules["agreement"] == 1.0
    assert rules["spearman"] > plain["spearman"]


GOLD = ROOT / "tests" / "data" / "gold_tone.csv"


def test_gold_agreement_is_reported_and_guarded():
    """Agreement with the hand labels of all 100 seed sentences, rules vs plain count.

    Measured, not tuned: the rules tie the plain count on these 100 sentences (Spearman 0.503 vs
    0.510, agreement 0.55 vs 0.56 on 2026-11-24), so this guards against regressions rather than
    claiming an improvement the seeds do not show; see the closing note of issue 6. The rules are
    scored without the calibration: the shipped model was fitted on these labels too, so an
    in-sample figure would say nothing (its cross-validated figures come from diplolib.tone.fit).
    """
    corpus = seeds()
    ids = corpus.ok["article_id"].tolist()
    dates = pd.DataFrame({"article_id": ids, "earliest": pd.Timestamp("2015-01-01"), "latest": pd.Timestamp("2025-12-31")})
    gold = pd.read_csv(GOLD, keep_default_na=False)
    rules = tone.evaluate(tone.sentences(corpus, mentions=find_mentions(corpus, dates=dates), calibrate=False), gold, corpus=corpus)
    plain = tone.evaluate(tone.baseline_sentences(corpus), gold, corpus=corpus)
    print(f"\ngold tone: diplolib {rules}\n           baseline {plain}")
    assert rules["n"] == len(gold) == 100
    assert rules["spearman"] >= 0.45 and rules["agreement"] >= 0.5
    assert rules["spearman"] >= plain["spearman"] - 0.02


# --------------------------------------------------------------------------- events


def test_event_scores_use_cameo_goldstein_values():
    contacts = pd.DataFrame({
        "contact_id": list("abcdefg"),
        "type": ["phone_call", "visit", "talks", "summit", "meeting", "visit", "video_call"],
        "status": ["happened", "happened", "happened", "planned", "cancelled", "proposed", None],
        "estimate": pd.to_datetime(["2015-05-10", "2015-05-12", "2021-01-01", "2021-06-16", "2021-07-01", "2022-01-01", "2021-12-07"]),
    })
    out = tone.event_scores(contacts).set_index("contact_id")
    assert out.at["a", "goldstein"] == 1.0 and out.at["a", "cameo_code"] == "041"
    assert out.at["b", "goldstein"] == 1.9 and out.at["b", "cameo_code"] == "042"
    assert out.at["c", "goldstein"] == 7.0 and out.at["c", "cameo_code"] == "046"
    assert out.at["d", "cameo_code"] == "036"
    assert out.at["e", "goldstein"] < 0
    assert out.at["g", "cameo_code"] == "041"  # missing status = happened
    yearly = tone.yearly_events(out.reset_index()).set_index("year")
    assert yearly.at[2021, "n_contacts"] == 4 and yearly.at[2021, "n_cancelled"] == 1
    assert yearly.at[2015, "mean_goldstein"] == pytest.approx(1.45)


# --------------------------------------------------------------------------- keyness


def test_keyness_g2_against_a_hand_computation(corpus):
    a_text, b_text = TRES_TENDU, ACCUSE_INVASION
    periods = {row_of(corpus.ok, a_text)["article_id"]: "A", row_of(corpus.ok, b_text)["article_id"]: "B",
               row_of(corpus.ok, TENDU)["article_id"]: "A"}
    k = tone.keyness(corpus, periods, min_count=1)
    assert set(k["period"]) == {"A", "B"}
    assert not (k["lemma"].isin(["le", "de", "un", "être"])).any()  # function words excluded by POS
    row = k[(k["period"] == "A") & (k["lemma"] == "relation")].iloc[0]
    a, b = row["count_period"], row["count_rest"]
    nA = k[k["period"] == "A"][["count_period"]].sum().item()
    nB = k[k["period"] == "B"][["count_period"]].sum().item()
    e1, e2 = nA * (a + b) / (nA + nB), nB * (a + b) / (nA + nB)
    expected = 2 * (a * math.log(a / e1) + (b * math.log(b / e2) if b else 0))
    assert row["g2"] == pytest.approx(expected)
    assert row["direction"] == "over" and 0 < row["p_value"] < 1
    assert row["examples"] and all(len(e) == 2 for e in row["examples"])
    top = tone.top_keyness(k, n=1)
    assert len(top) == 2


def test_keyness_with_year_periods_and_dates(corpus):
    ids = corpus.ok["article_id"].tolist()
    dates = pd.DataFrame({"article_id": ids, "estimate": [pd.Timestamp(f"{2015 + (i % 2) * 6}-01-01") for i in range(len(ids))]})
    k = tone.keyness(corpus, [("Obama", 2015, 2016), ("Biden", 2021, 2024)], dates=dates)
    assert set(k["period"]) == {"Obama", "Biden"}
    assert list(k.columns) == ["period", "lemma", "count_period", "count_rest", "per_10k_period", "per_10k_rest",
                               "g2", "direction", "p_value", "examples"]


# --------------------------------------------------------------------------- seeds


def test_seed_tone_is_fast_and_sensible():
    corpus = seeds()
    ids = corpus.ok["article_id"].tolist()
    dates = pd.DataFrame({"article_id": ids, "earliest": pd.Timestamp("2021-01-01"), "latest": pd.Timestamp("2021-12-31")})
    found = find_mentions(corpus, dates=dates)
    start = time.perf_counter()
    t = tone.sentences(corpus, mentions=found)
    assert time.perf_counter() - start < 3
    assert len(t) == len(corpus.sentences)
    kremlin = rows_of(t, corpus.text(ids[2]))
    assert (kremlin["speaker_id"] == "dmitry_peskov").any()
    washington = t[t["text"].str.contains("Washington accusant Moscou")].iloc[0]
    assert washington["score"] < 0


def test_seed_articles_rank_with_stockholm_most_conflictual():
    import diplolib
    from diplolib import actors
    from diplolib import dates as dating

    corpus = diplolib.load_corpus(ROOT / "data" / "raw", cache=ROOT / "data" / "annotations", engine="spacy", quiet=True)
    from diplolib import timeline

    d = dating.article_dates(corpus, links=timeline.lead_contact_links(corpus, actors.surface_mentions(corpus)))
    table = tone.article_table(tone.sentences(corpus, mentions=actors.mentions(corpus, d), dates=d), corpus, d)
    assert table.iloc[0]["source"] == "002_02df2d995b8066f2.txt"  # Stockholm, Dec 2021
    # gold_tone.md: 001 (Sochi détente) and 000 (Kerry to Sochi) are the most cooperative, near-tied.
    assert table.iloc[-1]["source"] in {"001_2ee68291b570a1b5.txt", "000_7e25232c755b069a.txt"}
