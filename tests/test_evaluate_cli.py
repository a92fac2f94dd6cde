"""``diplolib.evaluate.run`` on the seeds' gold with the real pipeline, and ``python -m diplolib evaluate``."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from diplolib import evaluate

ROOT = Path(__file__).resolve().parents[1]
SEED_GOLD = ROOT / "tests" / "data" / "seed_gold"


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "diplolib", "evaluate", *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    """A copy of the committed seed annotations (the CLI must not write into the repository)."""
    target = tmp_path_factory.mktemp("cache") / "annotations"
    shutil.copytree(ROOT / "data" / "annotations", target)
    return target


@pytest.fixture(scope="module")
def evaluation(seeds):
    return evaluate.run(SEED_GOLD, corpus=seeds)


def test_run_scores_every_measure_on_the_seed_gold(evaluation):
    assert evaluation.available == {"dates": None, "actors": None, "events": None, "tone": None, "cleaning": None}
    f = evaluation.figures.set_index(["measure", "figure"])
    assert f.loc[("dates", "exact_day"), "n"] == 5
    assert f.loc[("events", "recall"), "n"] == 23
    assert f.loc[("tone", "sentences_found"), "n"] == 96
    shares = evaluation.figures[evaluation.figures["unit"].str.startswith("share")]["value"].dropna()
    assert shares.between(0, 1).all()
    ci = evaluation.figures.dropna(subset=["ci_low"])
    assert ((ci["ci_low"] <= ci["value"] + 1e-9) & (ci["value"] <= ci["ci_high"] + 1e-9)).all()
    assert len(evaluation.errors) == 5 and {"date_abs_error_days", "actors_missed", "events_missed", "tone_class"} <= set(evaluation.errors.columns)
    # the boilerplate count is not coded for the seeds: those cleaning figures are absent, not zero
    assert ("cleaning", "boilerplate_count_exact") not in f.index and ("cleaning", "fragments_lost") in f.index


def test_run_is_deterministic(evaluation, seeds):
    again = evaluate.run(SEED_GOLD, corpus=seeds)
    pd.testing.assert_frame_equal(evaluation.figures, again.figures)


def test_cli_json_has_the_five_measures(cache, tmp_path):
    out = tmp_path / "tables"
    result = _cli(str(SEED_GOLD), "--json", "--cache", str(cache), "--engine", "spacy", "--out", str(out))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"dates", "actors", "events", "tone", "cleaning"} <= set(data)
    assert data["dates"]["available"] and set(data["dates"]["exact_day"]) == {"value", "ci", "n", "n_articles", "unit"}
    assert data["events"]["recall"]["n"] == 23
    assert {p.stem for p in out.glob("*.csv")} >= {"figures", "errors", "dates", "actors", "events_gold", "tone_sentences", "cleaning"}


def test_cli_reports_missing_gold_as_not_available(cache, tmp_path):
    gold = tmp_path / "gold"
    (gold / "articles").mkdir(parents=True)
    for name in sorted((SEED_GOLD / "articles").glob("00[01]*.txt")):
        shutil.copy(name, gold / "articles" / name.name)
    rows = pd.read_csv(SEED_GOLD / "gold_articles.csv", dtype=str).head(2)
    rows.to_csv(gold / "gold_articles.csv", index=False)
    result = _cli(str(gold), "--json", "--cache", str(cache), "--engine", "spacy")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["events"] == {"available": False, "reason": "no gold_events.csv"}
    assert data["dates"]["available"] and data["dates"]["exact_day"]["n"] == 2
    assert data["tone"]["available"] and "sentence_agreement" not in data["tone"] and "article_agreement" in data["tone"]
    text = _cli(str(gold), "--cache", str(cache), "--engine", "spacy")
    assert text.returncode == 0 and "not available" in text.stdout and "no gold_events.csv" in text.stdout


def test_cli_articles_only(cache, tmp_path):
    gold = tmp_path / "bare"
    (gold / "articles").mkdir(parents=True)
    shutil.copy(next((SEED_GOLD / "articles").glob("000*.txt")), gold / "articles")
    data = json.loads(_cli(str(gold), "--json", "--cache", str(cache), "--engine", "spacy").stdout)
    assert all(data[m]["available"] is False for m in evaluate.MEASURES)


def test_with_metadata_hands_the_stated_publication_date_to_the_pipeline(tmp_path):
    gold = tmp_path / "gold"
    shutil.copytree(SEED_GOLD, gold)
    meta = pd.read_csv(gold / "articles.csv", dtype=str, keep_default_na=False)
    meta.loc[0, "published"] = "2015-05-11"
    meta.to_csv(gold / "articles.csv", index=False)
    source = meta.loc[0, "file"] + ".txt"
    plain = evaluate.gold_corpus(gold, cache=ROOT / "data" / "annotations", engine="spacy").articles.set_index("source")
    given = evaluate.gold_corpus(gold, cache=ROOT / "data" / "annotations", engine="spacy", with_metadata=True).articles.set_index("source")
    assert (given.at[source, "published"], given.at[source, "published_source"]) == ("2015-05-11", "metadata")
    assert plain.at[source, "published_source"] != "metadata"
    assert (given.drop(index=source)["published_source"] != "metadata").all()


def test_help_lists_evaluate():
    result = subprocess.run([sys.executable, "-m", "diplolib", "--help"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert "evaluate" in result.stdout


def test_confusion_and_drill_down(evaluation, capsys):
    from diplolib.evaluate import drill
    from diplolib.plots import summary, validation

    tone = evaluation.tables["tone_articles"]
    table = validation.confusion_table(tone, "gold", "class[diplolib]", [-1, 0, 1])
    assert table.to_numpy().sum() == 5 and list(table.index) == [-1, 0, 1]
    validation.show_confusion(tone, "gold", "class[diplolib]", [-1, 0, 1], "Article tone")
    printed = capsys.readouterr().out
    agree = int((tone["gold"] == tone["class[diplolib]"]).sum())
    assert f"Article tone: {agree} of 5 on the diagonal" in printed and "heatmap: 3 points" in printed
    pairs = evaluation.tables["events_confusion_pairs"]
    assert (pairs["gold_type"] != "none").sum() == 23
    assert "scatter 'dates': 3 points" in summary(validation.figures_figure(evaluation.figures))
    missed = drill.missed_events(evaluation, n=100)
    assert len(missed) == (~evaluation.tables["events_gold"]["matched"]).sum()
    wrong = drill.worst_sentences(evaluation, n=100)
    assert (wrong["class"] != wrong["label"]).all() and wrong["score"].sub(wrong["label"]).abs().is_monotonic_decreasing
    assert drill.sample_sizes().set_index("articles").at[30, "p=0.5"] == 0.179
