"""The batch face: ``python -m diplolib analyze|annotate|models``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from diplolib import cli

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "diplolib", *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def analyzed(tmp_path_factory):
    out = tmp_path_factory.mktemp("analysis")
    result = _run("analyze", "data/raw", "--out", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    return out, result.stdout


def test_analyze_writes_every_table(analyzed):
    out, stdout = analyzed
    assert "ok: 5 article(s)" in stdout and "rejected: 0 article(s)" in stdout
    from diplolib import analysis, load_corpus

    names = set(analysis.tables(load_corpus(ROOT / "data" / "raw", cache=ROOT / "data" / "annotations", quiet=True)))
    assert names >= {"articles", "sentences", "tokens", "entities", "mentions", "cooccurrence", "candidates", "expressions", "article_dates", "contacts"}
    assert {p.stem for p in out.glob("*.csv")} == names


def test_analyze_articles_csv_matches_the_done_means(analyzed):
    out, _ = analyzed
    articles = pd.read_csv(out / "articles.csv", keep_default_na=False).set_index("source")
    assert len(articles) == 5 and set(articles["status"]) == {"ok"}
    web = articles.loc["002_02df2d995b8066f2.txt"]
    assert "Connectez-vous" in web["removed"] and "Votre adresse e-mail ne sera pas publiée" in web["removed"]
    assert "Connectez-vous" not in web["text"]
    assert articles.loc["003_d8b578da4eb6d4de.txt", "title"].startswith("Rencontre entre diplomates")
    assert "mojibake_apostrophe" in articles.loc["000_7e25232c755b069a.txt", "problems"]


def test_annotate_is_incremental(tmp_path):
    cache = str(tmp_path / "cache")
    first = _run("annotate", "data/raw", "--cache", cache, "--engine", "spacy", "--quiet")
    assert first.returncode == 0 and "Annotations(5 articles" in first.stdout
    second = _run("annotate", "data/raw", "--cache", cache, "--engine", "spacy")
    assert "5 cached, 0 to annotate" in second.stdout
    from diplolib import read_corpus

    victim = read_corpus(ROOT / "data" / "raw")["article_id"].iloc[0]
    third = _run("annotate", "data/raw", "--cache", cache, "--engine", "spacy", "--forget", victim)
    assert "forgot 1 article(s)" in third.stdout and "4 cached, 1 to annotate" in third.stdout


def test_help_documents_the_commands():
    result = _run("--help")
    assert result.returncode == 0
    for word in ("analyze", "annotate", "models"):
        assert word in result.stdout
    assert "--out" in _run("analyze", "--help").stdout


def test_models_install_fails_cleanly_offline(monkeypatch, tmp_path, capsys):
    import stanza

    def offline(*args, **kwargs):
        raise ConnectionError("no route to huggingface.co")

    monkeypatch.setattr(stanza, "download", offline)
    assert cli.main(["models", "install", "--dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "could not download" in err and "needs internet" in err


def test_missing_folder_is_a_clear_error(capsys):
    assert cli.main(["analyze", "/nonexistent/folder", "--out", "/tmp/x"]) == 2
    assert "corpus folder not found" in capsys.readouterr().err
