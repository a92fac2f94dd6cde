"""Shared fixtures: the seed corpus (from the committed cache) and small corpora built from sentences."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import diplolib
from diplolib.corpus import article_id
from diplolib.pipeline import Corpus

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def seed_articles() -> pd.DataFrame:
    """The five seed articles as read by :func:`diplolib.read_corpus`."""
    return diplolib.read_corpus(ROOT / "data" / "raw")


@pytest.fixture(scope="session")
def fresh_spacy(seed_articles) -> diplolib.Annotations:
    """The seeds annotated now by the offline engine, without any cache."""
    return diplolib.annotate(seed_articles, engine="spacy", cache_dir=None, quiet=True)


def same_annotations(a: diplolib.Annotations, b: diplolib.Annotations) -> None:
    """Assert two annotation sets hold the same sentences, tokens and entities (values compared as text)."""
    for x, y in zip(a.tables(), b.tables(), strict=True):
        pd.testing.assert_frame_equal(x.astype(str).reset_index(drop=True), y.astype(str).reset_index(drop=True))


def engine_folder(cache: Path) -> Path:
    """The one engine folder inside an annotation cache root."""
    (folder,) = [p for p in cache.iterdir() if p.is_dir()]
    return folder


def assert_offsets(ann: diplolib.Annotations, texts: dict[str, str]) -> None:
    """``text[start_char:end_char]`` is the surface of every token (its MWT's), entity and sentence."""
    for row in ann.tokens.itertuples():
        assert texts[row.article_id][row.start_char : row.end_char] == (row.mwt or row.word)
    for row in ann.entities.itertuples():
        assert texts[row.article_id][row.start_char : row.end_char] == row.text
    for row in ann.sentences.itertuples():
        assert texts[row.article_id][row.start_char : row.end_char] == row.text


@pytest.fixture(scope="session")
def seeds() -> Corpus:
    """The five seed articles with their committed spaCy annotations."""
    return diplolib.load_corpus(ROOT / "data" / "raw", cache=ROOT / "data" / "annotations", engine="spacy", quiet=True)


def make_corpus(texts: list[str], titles: list[str | None] | None = None, header_months: list[str | None] | None = None) -> Corpus:
    """A corpus of the given article texts, annotated for real by the offline engine (no cache)."""
    n = len(texts)
    articles = pd.DataFrame({
        "article_id": [article_id(t) for t in texts],
        "source": [f"t{i}.txt" for i in range(n)],
        "title": titles or [None] * n,
        "text": texts,
        "header_date": header_months or [None] * n,
        "header_month": header_months or [None] * n,
        "url": [None] * n,
        "n_chars": [len(t) for t in texts],
        "status": ["ok"] * n,
        "reason": [""] * n,
        "problems": [[] for _ in range(n)],
        "removed": [[] for _ in range(n)],
    })
    return Corpus(articles, diplolib.annotate(articles, engine="spacy", cache_dir=None, quiet=True))


def interval(corpus: Corpus, start: str, end: str | None = None) -> pd.DataFrame:
    """Article date intervals for every article of ``corpus`` (input to actors.mentions)."""
    return pd.DataFrame({
        "article_id": corpus.ok["article_id"],
        "earliest": pd.Timestamp(start),
        "latest": pd.Timestamp(end or start),
        "estimate": pd.Timestamp(start),
    })
