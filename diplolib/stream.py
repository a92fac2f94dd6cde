"""Every table of :func:`diplolib.analysis.tables`, computed partition by partition.

A large corpus is cut into partitions of ``partition_size`` analysed articles
(in corpus order). The tables of :data:`PER_ARTICLE` depend only on each
article's own text and annotations (and on corpus-level parameters computed
from :attr:`Corpus.whole`, the full articles table), so they are computed on
each partition and concatenated. The other tables are corpus aggregates
(co-occurrence network, candidate actors, grouping of events across articles,
tone by year, keyness …): they are computed once at the end by
:func:`diplolib.analysis.tables` on the whole corpus, given the concatenated
per-article tables as intermediates, so nothing is computed twice.

The result is the same, byte for byte once written, whatever the partition
size (``tests/test_stream.py``). The working memory of the per-article
stages is that of one partition; what is kept is their output tables plus the
aggregates. :func:`diplolib.analysis.tables` stays the one definition of the
pipeline: this module only decides what to run where.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd

from diplolib import analysis
from diplolib.nlp.schema import Annotations
from diplolib.pipeline import Corpus

#: Tables (or intermediates) that are a concatenation of per-article results,
#: with the order of articles their single-corpus function gives: ``"corpus"``
#: (order of the articles table) or ``"article_id"`` (sorted by id; rows of one
#: article keep their order). ``surface`` (actor surface mentions) and
#: ``undated`` (events before dating) are intermediates, not written. A table
#: is listed here only when computing it on any split of the corpus and
#: concatenating gives the table of the whole corpus (``tests/test_stream.py``).
#: Not listed (corpus aggregates, computed once from these): cooccurrence,
#: candidates, events (dated and grouped across articles), events_index,
#: contacts, tone_articles (its bootstrap draws from one random stream across
#: articles), tone_by_year, keyness.
PER_ARTICLE: dict[str, str] = {
    "surface": "article_id",
    "undated": "article_id",
    "article_dates": "corpus",
    "mentions": "article_id",
    "expressions": "corpus",
    "landmarks": "article_id",
    "event_links": "article_id",
    "quotes": "article_id",
    "tone_sentences": "corpus",
    "tone_baseline_sentences": "corpus",
}
#: Taken from the corpus itself (already one table each; not recomputed).
CORPUS_TABLES: tuple[str, ...] = ("articles", "sentences", "tokens", "entities")
DEFAULT_PARTITION_SIZE = 1000


def _bounds(frame: pd.DataFrame, part_of: pd.Series, n_parts: int) -> tuple[pd.DataFrame, np.ndarray]:
    """``frame`` grouped by partition (sorted only when needed) and the row bounds of each partition."""
    codes = part_of.reindex(frame["article_id"].astype(str)).fillna(n_parts).to_numpy(dtype=np.int64)
    if len(codes) and (codes[1:] < codes[:-1]).any():
        order = np.argsort(codes, kind="stable")
        frame, codes = frame.iloc[order].reset_index(drop=True), codes[order]
    return frame, np.searchsorted(codes, np.arange(n_parts + 1), side="left")


def partitions(corpus: Corpus, partition_size: int = DEFAULT_PARTITION_SIZE) -> Iterator[Corpus]:
    """The corpus as consecutive partitions of ``partition_size`` analysed (``ok``) articles.

    Each partition keeps its articles' rows of the articles table (rows that
    are not ``ok`` go with the partition of the ``ok`` row before them) and
    positional slices of the annotation tables (one sort at most, no filter
    per partition). ``whole`` is the full articles table.
    """
    if partition_size < 1:
        raise ValueError(f"partition_size must be at least 1, not {partition_size}")
    articles = corpus.articles
    ok = (articles["status"] == "ok").to_numpy() if "status" in articles else np.ones(len(articles), bool)
    rank = np.maximum(np.cumsum(ok) - 1, 0)
    row_part = rank // partition_size
    n_parts = int(row_part.max()) + 1 if len(row_part) else 1
    part_of = pd.Series(row_part[ok], index=articles["article_id"].astype(str).to_numpy()[ok])
    part_of = part_of[~part_of.index.duplicated()]
    tables = [_bounds(t, part_of, n_parts) for t in corpus.annotations.tables()]
    row_bounds = np.searchsorted(row_part, np.arange(n_parts + 1), side="left")
    for k in range(n_parts):
        sliced = [t.iloc[b[k] : b[k + 1]].reset_index(drop=True) for t, b in tables]
        yield Corpus(
            articles.iloc[row_bounds[k] : row_bounds[k + 1]].reset_index(drop=True),
            Annotations(*sliced, meta=dict(corpus.annotations.meta)),
            whole=corpus.all_articles,
        )


def _concat(frames: list[pd.DataFrame], order: str) -> pd.DataFrame:
    """Concatenate partition results in the article ``order`` of the single-corpus table.

    Empty results only count when all are empty (their dtypes would leak into the others).
    """
    full = [f for f in frames if len(f)]
    if not full:
        return frames[0] if frames else pd.DataFrame()
    out = full[0].reset_index(drop=True) if len(full) == 1 else pd.concat(full, ignore_index=True)
    if order == "article_id" and len(full) > 1:
        out = out.iloc[np.argsort(out["article_id"].astype(str).to_numpy(), kind="stable")].reset_index(drop=True)
    return out


def tables(corpus: Corpus, partition_size: int | None = DEFAULT_PARTITION_SIZE, quiet: bool = True, *,
           scheduler: str = "local", address: str | None = None, workers: int = 2,
           cluster_options: dict | None = None) -> dict[str, pd.DataFrame]:
    """Every table of :func:`diplolib.analysis.tables`, in its order, computed by partitions.

    ``partition_size=None`` = one partition (the plain single-corpus run).
    ``quiet=False`` shows a progress bar over articles (per-article tables),
    then over the aggregate tables. ``scheduler="dask"`` computes the
    partitions on a ``dask.distributed`` cluster (``address``, or a
    ``LocalCluster`` of ``workers`` processes, as for
    :func:`diplolib.nlp.annotate`); the aggregates are computed here. The
    tables are the same whatever the partition size or scheduler.
    """
    from tqdm import tqdm

    if scheduler not in ("local", "dask"):
        raise ValueError(f"scheduler must be 'local' or 'dask', not {scheduler!r}")
    plan = list(analysis.tables(corpus))  # names and order of the tables
    per_article = [n for n in PER_ARTICLE if n in plan or n in _HIDDEN]
    size = partition_size or max(1, len(corpus.articles))
    parts: dict[str, list[pd.DataFrame]] = {n: [] for n in per_article}
    bar = tqdm(total=_n_ok(corpus.articles), unit="article", desc="analyses (per article)", disable=quiet)
    if scheduler == "dask":
        results = _on_dask(partitions(corpus, size), per_article, address, workers, cluster_options)
    else:
        results = (per_article_tables(part, per_article) for part in partitions(corpus, size))
    for n_articles, made in results:
        for name in per_article:
            parts[name].append(made[name])
        bar.update(n_articles)
        del made
    bar.close()
    given = {name: _concat(frames, PER_ARTICLE[name]) for name, frames in parts.items()}
    del parts
    whole = analysis.tables(corpus, given=given)
    out = {}
    for name in tqdm(plan, desc="analyses (corpus)", unit="table", disable=quiet):
        out[name] = whole[name]()
    return out


def _n_ok(articles: pd.DataFrame) -> int:
    return int((articles["status"] == "ok").sum()) if "status" in articles else len(articles)


def per_article_tables(part: Corpus, names: list[str]) -> tuple[int, dict[str, pd.DataFrame]]:
    """``(analysed articles, {name: table})`` of one partition: the task of a partition (local or on a worker)."""
    hidden = _intermediates(part)
    made = analysis.tables(part, given=hidden)
    return _n_ok(part.articles), {name: hidden[name] if name in hidden else made[name]() for name in names}


def _on_dask(parts, names: list[str], address: str | None, workers: int, cluster_options: dict | None):
    """Partition results computed on a dask cluster, yielded in partition order.

    At most two partitions per worker are in flight, so the caller never holds
    more than that beyond what it already has.
    """
    from collections import deque

    from diplolib.nlp.distributed import client

    with client(address, workers, cluster_options) as c:
        window = 2 * max(1, len(c.scheduler_info().get("workers", {})) or workers)
        pending: deque = deque()
        for part in parts:
            pending.append(c.submit(per_article_tables, part, names, pure=False))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


#: Intermediates that :func:`diplolib.analysis.tables` computes but does not list as tables.
_HIDDEN = ("surface", "undated")


def _intermediates(corpus: Corpus) -> dict[str, pd.DataFrame]:
    """The hidden intermediates of one partition, made as :func:`diplolib.analysis.tables` makes them."""
    from diplolib import actors, events

    surface = actors.surface_mentions(corpus)
    return {"surface": surface, "undated": events.extract(corpus, surface)}


__all__ = ["CORPUS_TABLES", "DEFAULT_PARTITION_SIZE", "PER_ARTICLE", "partitions", "per_article_tables", "tables"]
