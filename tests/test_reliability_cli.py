"""CLI reliability: empty corpora, --out that never mixes runs and is never read back, one-line errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from reliability_support import ROOT, run_python

from diplolib import cli


def _analyze(*args: str):
    return run_python(["-m", "diplolib", "analyze", *args, "--quiet", "--engine", "spacy"])


def _headers(out: Path) -> dict[str, list[str]]:
    return {p.stem: list(pd.read_csv(p, nrows=0).columns) for p in sorted(out.glob("*.csv"))}


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Seeds analysed twice with --out inside the corpus folder, then an empty folder into the same --out."""
    base = tmp_path_factory.mktemp("runs")
    corpus = base / "corpus"
    shutil.copytree(ROOT / "data" / "raw", corpus)
    out = corpus / "results"
    cache = str(ROOT / "data" / "annotations")
    first = _analyze(str(corpus), "--out", str(out), "--cache", cache)
    assert first.returncode == 0, first.stderr
    seeds_articles = pd.read_csv(out / "articles.csv", keep_default_na=False)
    seeds_headers = _headers(out)
    second = _analyze(str(corpus), "--out", str(out), "--cache", cache)
    assert second.returncode == 0, second.stderr
    second_articles = pd.read_csv(out / "articles.csv", keep_default_na=False)
    empty = base / "empty"
    empty.mkdir()
    third = _analyze(str(empty), "--out", str(out), "--cache", str(base / "cache"))
    return {"out": out, "seeds_articles": seeds_articles, "seeds_headers": seeds_headers, "second": second,
            "second_articles": second_articles, "third": third}


# --------------------------------------------------------------------------- item 11: --out inside the corpus


def test_out_inside_the_corpus_is_never_read_back(runs):
    first, second = runs["seeds_articles"], runs["second_articles"]
    assert (first["status"] == "ok").sum() == 5 and len(first) == 6
    skipped = first[first["status"] == "rejected"]
    assert list(skipped["source"]) == ["results/"] and skipped["reason"].iloc[0].startswith("skipped: folder holds diplolib's own output")
    pd.testing.assert_frame_equal(first, second)
    assert "inside the corpus folder" in runs["second"].stdout


# --------------------------------------------------------------------------- item 5: empty corpus, no mixing


def test_empty_folder_gives_every_table_empty_with_its_columns(runs):
    third = runs["third"]
    assert third.returncode == 0, third.stderr
    assert "ok: 0 article(s)" in third.stdout
    out = runs["out"]
    assert _headers(out) == runs["seeds_headers"]  # every table, same columns as on the seeds
    for path in out.glob("*.csv"):
        assert len(pd.read_csv(path)) == 0, path.name  # nothing left from the seeds run
    assert not [p for p in out.iterdir() if p.name.startswith(".partial-")]


def test_a_failing_run_leaves_the_previous_tables_untouched(tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"
    (tmp_path / "empty").mkdir()
    assert cli.main(["analyze", str(tmp_path / "empty"), "--out", str(out), "--no-cache", "--engine", "spacy", "--quiet"]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    from diplolib import analysis

    real = analysis.tables

    def broken(corpus, given=None):
        made = real(corpus, given)
        made["contacts"] = lambda: (_ for _ in ()).throw(RuntimeError("stage failed"))
        return made

    monkeypatch.setattr(analysis, "tables", broken)
    with pytest.raises(RuntimeError, match="stage failed"):
        cli.main(["analyze", str(tmp_path / "empty"), "--out", str(out), "--no-cache", "--engine", "spacy", "--quiet"])
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    assert not [p for p in out.iterdir() if p.name.startswith(".partial-")]


# --------------------------------------------------------------------------- item 10: one line, exit 2


def _one_line_error(result, *words: str) -> None:
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    for word in words:
        assert word in lines[0]


def test_misuse_is_one_line_and_exit_2(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Le ministre russe a rencontré hier son homologue américain à Genève.", encoding="utf-8")
    a_file = tmp_path / "a-file"
    a_file.write_text("x", encoding="utf-8")
    cache = str(tmp_path / "cache")
    _one_line_error(run_python(["-m", "diplolib", "analyze", str(corpus), "--out", str(a_file)]), "--out", "is a file")
    _one_line_error(run_python(["-m", "diplolib", "analyze", str(corpus), "--out", str(tmp_path / "o"), "--cache", str(a_file)]), "--cache", "is a file")
    _one_line_error(run_python(["-m", "diplolib", "annotate", str(corpus), "--cache", str(a_file)]), "--cache", "is a file")
    _one_line_error(run_python(["-m", "diplolib", "annotate", str(corpus), "--workers", "-3", "--cache", cache]), "--workers")
    _one_line_error(run_python(["-m", "diplolib", "analyze", str(corpus), "--out", str(corpus)]), "corpus folder itself")
    assert not (tmp_path / "cache").exists() and not (tmp_path / "o").exists()


def test_stanza_without_models_is_one_line_and_exit_2(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Le ministre russe a rencontré hier son homologue américain à Genève.", encoding="utf-8")
    monkeypatch.setenv("DIPLOLIB_STANZA_DIR", str(tmp_path / "no-models"))
    result = run_python(["-m", "diplolib", "annotate", str(corpus), "--engine", "stanza", "--cache", str(tmp_path / "cache"), "--quiet"])
    _one_line_error(result, "stanza French models not found", "models install")
