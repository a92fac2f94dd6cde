"""The scorer of ``diplolib.evaluate`` on the seeds' hand-made gold (tests/data/seed_gold).

Predictions are built from the gold itself, then spoiled in known ways, so each
figure has an exact expected value (1, 0 or a known share).
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import diplolib
from diplolib.actors import actors_table
from diplolib.evaluate import actors as A
from diplolib.evaluate import cleaning as C
from diplolib.evaluate import dates as D
from diplolib.evaluate import events as E
from diplolib.evaluate import tone as T
from diplolib.evaluate.gold import load_gold
from diplolib.evaluate.locate import Locator, fold
from diplolib.evaluate.stats import ratio

SEED_GOLD = Path(__file__).resolve().parent / "data" / "seed_gold"


@pytest.fixture(scope="module")
def gold():
    return load_gold(SEED_GOLD)


@pytest.fixture(scope="module")
def files(gold):
    names = sorted(gold.articles["file"])
    return pd.DataFrame({"file": names, "article_id": [f"a{i}" for i in range(len(names))]})


def figs(rows: list[dict]) -> dict[str, float]:
    return {r["figure"]: r["value"] for r in rows}


def _dates_from_gold(gold, files, shift_days=0, pad_days=0):
    g = gold.articles.merge(files, on="file")
    day = pd.to_datetime(g["event_date"]) + pd.Timedelta(days=shift_days)
    return pd.DataFrame({"article_id": g["article_id"], "earliest": day - pd.Timedelta(days=pad_days),
                         "latest": day + pd.Timedelta(days=pad_days), "estimate": day, "evidence": [[] for _ in day]})


def test_dates_gold_against_itself_scores_one(gold, files):
    table, rows = D.score(gold.articles, files, _dates_from_gold(gold, files))
    f = figs(rows)
    assert (f["interval_coverage"], f["exact_day"], f["same_month"]) == (1.0, 1.0, 1.0)
    assert f["median_abs_error_days"] == 0 and f["median_interval_width_days"] == 1
    assert len(table) == 5 and table["covered"].all()


def test_dates_shifted_by_45_days_score_zero(gold, files):
    _, rows = D.score(gold.articles, files, _dates_from_gold(gold, files, shift_days=45))
    f = figs(rows)
    assert (f["interval_coverage"], f["exact_day"], f["same_month"]) == (0.0, 0.0, 0.0)
    assert f["median_abs_error_days"] == 45


def test_dates_one_day_tolerance_and_wide_intervals(gold, files):
    f = figs(D.score(gold.articles, files, _dates_from_gold(gold, files, shift_days=1))[1])
    assert f["exact_day"] == 1.0 and f["interval_coverage"] == 1.0
    f = figs(D.score(gold.articles, files, _dates_from_gold(gold, files, shift_days=2))[1])
    assert f["exact_day"] == 0.0 and f["interval_coverage"] == 0.0
    f = figs(D.score(gold.articles, files, _dates_from_gold(gold, files, shift_days=40, pad_days=50))[1])
    assert f["interval_coverage"] == 1.0 and f["exact_day"] == 0.0 and f["median_interval_width_days"] == 101


def test_dates_rejected_article_counts_as_miss(gold, files):
    dates = _dates_from_gold(gold, files)
    table, rows = D.score(gold.articles, files, dates[dates["article_id"] != "a0"])
    assert figs(rows)["interval_coverage"] == pytest.approx(4 / 5)
    assert not table.loc[table["file"] == files["file"][0], "covered"].item()


def _id_of_surname() -> dict[str, str]:
    return {k: a for a, ks in A.actor_keys(actors_table()).items() for k in reversed(ks)}


def _mentions_from_gold(gold, files, ambiguous=False):
    ids = _id_of_surname()
    g = gold.articles.merge(files, on="file")
    rows = [(aid, ids[A.letters(s)], ambiguous) for aid, cell in zip(g["article_id"], g["actors"], strict=True) for s in cell.split(";")]
    return pd.DataFrame(rows, columns=["article_id", "actor_id", "ambiguous"])


def test_actor_keys_accept_english_and_french_spellings():
    keys = A.actor_keys(actors_table())
    assert keys["vladimir_putin"][0] == "putin" and "poutine" in keys["vladimir_putin"]
    assert "obrien" in keys["robert_obrien"] and A.letters("o'brien") == "obrien"


def test_actors_gold_against_itself_scores_one(gold, files):
    table, rows = A.score(gold.articles, files, _mentions_from_gold(gold, files), actors_table())
    f = figs(rows)
    assert f["recall"] == 1.0 and f["precision"] == 1.0
    assert table["misses"].map(len).sum() == 0 and table["extras"].map(len).sum() == 0


def test_actors_ambiguous_mentions_are_not_found(gold, files):
    table, rows = A.score(gold.articles, files, _mentions_from_gold(gold, files, ambiguous=True), actors_table())
    assert figs(rows)["recall"] == 0.0
    assert table["ambiguous"].map(len).sum() == table["gold"].map(len).sum()


def test_actors_extras_lower_precision(gold, files):
    m = _mentions_from_gold(gold, files)
    extra = pd.DataFrame({"article_id": files["article_id"], "actor_id": "emmanuel_macron", "ambiguous": False})
    table, rows = A.score(gold.articles, files, pd.concat([m, extra]), actors_table())
    n_gold = table["gold"].map(len).sum()
    assert figs(rows)["precision"] == pytest.approx(n_gold / (n_gold + 5)) and figs(rows)["recall"] == 1.0
    assert all(x == ["macron"] for x in table["extras"])


def _events_from_gold(gold, files, shift_days=0):
    """Predicted events = the gold events, participants as actor ids, estimate = the gold date (+ shift)."""
    keys = E._actor_keys(actors_table())
    ids = {k: a for a, ks in keys.items() for k in ks}
    g = gold.events.merge(files, on="file")
    rows = []
    for i, r in enumerate(g.itertuples()):
        parts = [ids[fold(p)] for p in r.participants.split(";") if fold(p) in ids]
        day = pd.Timestamp(r.date) if len(r.date) == 10 else pd.Timestamp(r.date + "-15") if len(r.date) == 7 else pd.NaT
        sides = sorted({r.source_side, r.target_side} - {""})
        rows.append((f"p{i}", r.article_id, r.event_type, E.family(r.event_type), day + pd.Timedelta(days=shift_days), parts, sides, r.status, r.evidence))
    return pd.DataFrame(rows, columns=E.PRED_COLUMNS)


def test_events_gold_against_itself_scores_one(gold, files):
    pred = _events_from_gold(gold, files)
    tables, rows = E.score(gold.events, files, pred, actors_table(), gold.articles)
    f = figs(rows)
    assert f["precision"] == 1.0 and f["recall"] == 1.0 and f["f1"] == 1.0
    assert tables["events_gold"]["matched"].all()
    pairs = tables["events_confusion_pairs"]
    assert (pairs["gold_type"] == pairs["pred_type"]).all() and len(pairs) == len(gold.events)


def test_events_dates_shifted_by_400_days_score_zero(gold, files):
    day_level = gold.events[gold.events["date"].str.len() == 10]
    _, rows = E.score(day_level, files, _events_from_gold(gold, files, shift_days=400), actors_table())
    f = figs(rows)
    assert f["recall"] == 0.0 and f["precision"] == 0.0 and f["recall_any"] == 0.0


def test_events_type_of_another_family_scores_zero_and_shows_in_confusion(gold, files):
    pred = _events_from_gold(gold, files).assign(type="sanction", family="coercion")
    tables, rows = E.score(gold.events, files, pred, actors_table())
    assert figs(rows)["recall"] == 0.0
    pairs = tables["events_confusion_pairs"]
    assert set(pairs["pred_type"]) == {"sanction"} and len(pairs) == len(gold.events)


def test_events_duplicates_are_false_positives_one_to_one(gold, files):
    pred = _events_from_gold(gold, files)
    doubled = pd.concat([pred, pred.assign(pred_id=pred["pred_id"] + "b")], ignore_index=True)
    f = figs(E.score(gold.events, files, doubled, actors_table())[1])
    assert f["recall"] == 1.0 and f["precision"] == 0.5 and f["precision_any"] == 1.0


def test_events_need_a_participant_in_common(gold, files):
    pred = _events_from_gold(gold, files).assign(participants=[["emmanuel_macron"]] * len(gold.events), sides=[["other"]] * len(gold.events))
    g = gold.events[gold.events["participants"].str.strip() != ""]
    assert figs(E.score(g, files, pred, actors_table())[1])["recall"] == 0.0


def test_tone_perfect_and_inverted_scores(gold, files):
    g = gold.sentences.merge(files, on="file").assign(sent_idx=lambda d: d["sent_no"].astype(int), start_char=0, end_char=1)
    label = g["label"].astype(float)
    perfect = g[["article_id", "sent_idx"]].assign(score=label)
    inverted = g[["article_id", "sent_idx"]].assign(score=-label)
    table, rows = T.score_sentences(g, {T.MAIN: perfect, "inverted": inverted})
    f = figs(rows)
    assert f["sentence_agreement"] == 1.0 and f["sentence_spearman"] == pytest.approx(1.0)
    assert f["sentence_spearman[inverted]"] == pytest.approx(-1.0)
    assert f["sentence_agreement[inverted]"] == pytest.approx((label == 0).mean())


def test_tone_articles_gold_classes(gold, files):
    g = gold.articles.merge(files, on="file")
    values = g["tone"].map(T.TONE_CLASSES).astype(float)
    perfect = pd.DataFrame({"article_id": g["article_id"], "mean": values * 0.5})
    silent = pd.DataFrame({"article_id": g["article_id"], "mean": np.nan})
    _, rows = T.score_articles(gold.articles, files, {T.MAIN: perfect, "silent": silent})
    f = figs(rows)
    assert f["article_agreement"] == 1.0 and f["article_spearman"] == pytest.approx(1.0)
    assert f["article_agreement[silent]"] == pytest.approx((values == 0).mean()) and math.isnan(f["article_spearman[silent]"])


def test_tone_locates_every_seed_gold_sentence_in_its_pipeline_sentence(gold, seeds):
    files = pd.DataFrame({"file": seeds.ok["source"].map(lambda s: Path(s).stem), "article_id": seeds.ok["article_id"]})
    texts = dict(zip(seeds.ok["article_id"], seeds.ok["text"], strict=True))
    located = T.locate_sentences(gold.sentences, files, texts, seeds.sentences)
    wordy = located["sentence"].str.contains(r"\w")  # the seeds' gold has 4 punctuation-only "sentences"
    assert (located["sent_idx"] >= 0).eq(wordy).all() and wordy.sum() == 96
    located = located[wordy]
    sents = seeds.sentences.set_index(["article_id", "sent_idx"])
    for r in located.itertuples():
        s = sents.loc[(r.article_id, r.sent_idx)]
        assert min(s.end_char, r.end_char) - max(s.start_char, r.start_char) > (r.end_char - r.start_char) / 2


def test_locator_ignores_typography():
    loc = Locator("Titre\n\nL’accord  a été « signé » mardi.")
    start, end = loc.find("l'accord a ete \"signe\"")
    assert loc.text[start:end] == "L’accord  a été « signé"
    assert loc.find("accord rompu") is None


def test_cleaning_keeps_every_seed_evidence_and_counts_lost_fragments(gold):
    articles = diplolib.read_corpus(gold.texts)
    files = pd.DataFrame({"file": articles["source"].map(lambda s: Path(s).stem), "article_id": articles["article_id"]})
    texts = dict(zip(articles["article_id"], articles["text"], strict=True))
    frags = gold.events.rename(columns={"evidence": "fragment"})[["file", "fragment"]]
    raw = {f: C.raw_lines(gold.texts / f"{f}.txt") for f in files["file"]}
    table, rows = C.score(None, files, {}, texts, frags, raw)
    assert figs(rows)["fragments_lost"] == 0.0
    spoiled = {a: t.replace(frags["fragment"].iloc[0], "") for a, t in texts.items()}
    table, rows = C.score(None, files, {}, spoiled, frags, raw)
    assert table["n_lost"].sum() == 1 and figs(rows)["fragments_lost"] == pytest.approx(1 / len(frags))


def test_cleaning_boilerplate_counts(gold, files):
    counts = gold.articles.assign(boilerplate_lines=["2", "0", "1", "3", "0"])
    exact = {a: ["x"] * n for a, n in zip(files["article_id"], [2, 0, 1, 3, 0], strict=True)}
    empty = pd.DataFrame(columns=["file", "fragment"])
    f = figs(C.score(counts, files, exact, {}, empty, {})[1])
    assert f["boilerplate_count_exact"] == 1.0 and f["boilerplate_count_abs_error"] == 0 and f["body_lines_lost_at_least"] == 0
    over = {a: v + ["y", "y"] for a, v in exact.items()}
    f = figs(C.score(counts, files, over, {}, empty, {})[1])
    assert f["boilerplate_count_exact"] == 0.0 and f["body_lines_lost_at_least"] == 10 and f["boilerplate_removed_at_most"] == 1.0


def test_bootstrap_ratio_interval():
    value, lo, hi = ratio(np.array([1, 0, 1, 1]), np.ones(4))
    assert value == 0.75 and 0 <= lo <= value <= hi <= 1
    assert ratio(np.ones(6), np.ones(6)) == (1.0, 1.0, 1.0)


def test_gold_folder_errors(tmp_path):
    with pytest.raises(FileNotFoundError):
        load_gold(tmp_path / "nowhere")
    with pytest.raises(FileNotFoundError, match="articles"):
        load_gold(tmp_path)
    (tmp_path / "articles").mkdir()
    (tmp_path / "gold_events.csv").write_text("file,event_type\nx,meeting\n", encoding="utf-8")
    with pytest.raises(ValueError, match="participants"):
        load_gold(tmp_path)


def test_events_table_is_read_when_the_pipeline_has_one(gold, files):
    """The ``events`` contract (issue 13): evidence spans become text, source/target actors count as participants."""
    g = gold.events.merge(files, on="file").head(3)
    ids = {k: a for a, ks in E._actor_keys(actors_table()).items() for k in ks}
    text = "x" * 10 + "EVIDENCE" + "y" * 10
    events = pd.DataFrame({
        "event_id": [f"e{i}" for i in range(3)], "article_id": g["article_id"], "sent_idx": 0, "start_char": 10, "end_char": 18,
        "trigger": "t", "type": g["event_type"], "participants": [[] for _ in range(3)],
        "source_actors": [[ids[fold(p.split(";")[0])]] for p in g["participants"]], "source_side": "US",
        "target_actors": [[] for _ in range(3)], "target_side": "RU", "status": "happened",
        "estimate": pd.to_datetime(g["date"].where(g["date"].str.len() == 10)),
    })
    pred, source = E.predicted(events, None, actors_table(), {a: text for a in files["article_id"]})
    assert source == "events" and (pred["evidence"] == "EVIDENCE").all()
    assert set(pred["sides"].iloc[0]) >= {"US", "RU"} and len(pred["participants"].iloc[0]) == 1
    f = figs(E.score(g.drop(columns="article_id"), files, pred, actors_table())[1])
    assert f["precision"] == 1.0 and f["recall"] == 1.0


def test_events_nothing_predicted(gold, files):
    pred, source = E.predicted(None, pd.DataFrame(columns=["contact_id", "type", "participants", "article_ids", "estimate", "status"]), actors_table())
    tables, rows = E.score(gold.events, files, pred, actors_table(), gold.articles)
    f = figs(rows)
    assert source == "contacts" and f["recall"] == 0.0 and math.isnan(f["precision"]) and f["main_event_date_found"] == 0.0
    assert (tables["events_confusion_pairs"]["pred_type"] == "none").all()
