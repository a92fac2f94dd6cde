"""``python -m diplolib analyze`` on a folder mixing every input format writes the metadata columns."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd

import formats_support as fs

ROOT = Path(__file__).resolve().parents[1]


def test_analyze_on_mixed_formats_fills_metadata_columns(tmp_path):
    folder = fs.all_formats(tmp_path / "mix")
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "diplolib", "analyze", str(folder), "--out", str(out), "--engine", "spacy", "--no-cache", "--quiet"],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "ok: 12 article(s)" in result.stdout and "rejected: 1 article(s)" in result.stdout
    articles = pd.read_csv(out / "articles.csv", keep_default_na=False).set_index("source")
    assert len(articles) == 13
    ok = articles[articles["status"] == "ok"]
    for column in ("published", "lang", "title"):
        assert (ok[column] != "").all(), column
    assert (ok["published_source"] == "metadata").all() and set(ok["lang"]) == {"fr"}
    # the parquet table names its outlet column "nom_du_titre": only read_corpus(columns=…) maps it
    assert (ok.drop(index="table.parquet:1")["outlet"] != "").all()
    assert (ok["author"] != "").sum() >= 7 and (ok["url"] != "").sum() >= 6
    assert articles.at["english.txt", "reason"].startswith("language: en")
    assert articles.at["europresse_export.html:2", "outlet"] == "Le Courrier Exemplaire"
    assert articles.at["factiva_export.rtf:1", "published"] == "2020-01-12"
    # the rejected English article is not annotated
    sentences = pd.read_csv(out / "sentences.csv", keep_default_na=False)
    assert set(sentences["article_id"]) == set(ok["article_id"])
