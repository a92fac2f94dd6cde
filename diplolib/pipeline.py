"""``load_corpus``: articles and their annotations together — where notebooks start."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from diplolib.corpus import ok_articles, read_corpus
from diplolib.nlp import annotate
from diplolib.nlp.schema import Annotations


@dataclass
class Corpus:
    """A read corpus and its annotations.

    ``articles``: every input row (:func:`diplolib.read_corpus`, incl. rejected
    and duplicate rows); ``ok``: the rows analysed; ``annotations``: their
    :class:`~diplolib.nlp.schema.Annotations`. ``whole``: when this corpus is
    one partition of a larger one (:mod:`diplolib.stream`), the articles table
    of the whole corpus, from which corpus-level parameters (e.g. the latest
    publication date, the dating horizon) must be computed so that every
    partition uses the same; ``None`` otherwise.
    """

    articles: pd.DataFrame
    annotations: Annotations
    whole: pd.DataFrame | None = field(default=None, repr=False)

    @property
    def all_articles(self) -> pd.DataFrame:
        """The articles of the whole corpus: ``whole`` for a partition, else ``articles``."""
        return self.articles if self.whole is None else self.whole

    @property
    def ok(self) -> pd.DataFrame:
        """Articles with ``status == "ok"``."""
        return ok_articles(self.articles)

    @property
    def sentences(self) -> pd.DataFrame:
        """Sentence table (article_id, sent_idx, start_char, end_char, text)."""
        return self.annotations.sentences

    @property
    def tokens(self) -> pd.DataFrame:
        """Token table (one row per syntactic word)."""
        return self.annotations.tokens

    @property
    def entities(self) -> pd.DataFrame:
        """Named-entity table."""
        return self.annotations.entities

    def text(self, article_id: str) -> str:
        """Clean text of one article."""
        return self.ok.set_index("article_id").at[article_id, "text"]

    def __repr__(self) -> str:
        counts = self.articles["status"].value_counts().to_dict()
        return f"Corpus({len(self.articles)} rows {counts}; {self.annotations!r})"


def load_corpus(
    raw: str | Path = "data/raw",
    cache: str | Path | None = "data/annotations",
    engine: str = "auto",
    workers: int = 1,
    quiet: bool = False,
    **annotate_kwargs,
) -> Corpus:
    """Read ``raw`` and annotate its ``ok`` articles, using/refreshing the cache at ``cache``."""
    articles = read_corpus(raw)
    ann = annotate(articles, engine=engine, cache_dir=cache, workers=workers, quiet=quiet, **annotate_kwargs)
    return Corpus(articles, ann)
