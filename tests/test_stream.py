"""Tables computed partition by partition equal the single-corpus tables, byte for byte."""

from __future__ import annotations

import pandas as pd
import pytest

from diplolib import analysis, stream
from diplolib.cli import _csv_ready


def _csv(tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    return {name: _csv_ready(frame).to_csv(index=False) for name, frame in tables.items()}


@pytest.fixture(scope="module")
def whole(seeds) -> dict[str, str]:
    return _csv({name: make() for name, make in analysis.tables(seeds).items()})


@pytest.mark.parametrize("size", [2, None])
def test_partitioned_tables_are_the_single_corpus_tables(seeds, whole, size):
    got = _csv(stream.tables(seeds, partition_size=size))
    assert list(got) == list(whole)
    for name in whole:
        assert got[name] == whole[name], name


def test_partitions_cover_every_row_once_in_order(seeds):
    parts = list(stream.partitions(seeds, 2))
    n_ok = int((seeds.articles["status"] == "ok").sum())
    assert [int((p.articles["status"] == "ok").sum()) for p in parts] == [2] * (n_ok // 2) + ([n_ok % 2] if n_ok % 2 else [])
    for got, full in zip(zip(*(p.annotations.tables() for p in parts), strict=True), seeds.annotations.tables(), strict=True):
        joined = pd.concat(got, ignore_index=True)
        pd.testing.assert_frame_equal(joined, full.reset_index(drop=True), check_categorical=False)
    for p in parts:  # each partition sees only its own articles, and the whole articles table
        assert set(p.sentences["article_id"]) <= set(p.articles["article_id"])
        assert p.all_articles is seeds.articles


def test_partition_size_must_be_positive(seeds):
    with pytest.raises(ValueError, match="partition_size"):
        next(stream.partitions(seeds, 0))


def test_given_intermediates_are_used_as_they_are(seeds):
    fake = pd.DataFrame({"article_id": ["x"], "sent_idx": [0]})
    made = analysis.tables(seeds, given={"mentions": fake})
    assert made["mentions"]() is fake
    assert len(made["article_dates"]()) == len(seeds.ok)  # what is not given is computed


def test_partitions_date_articles_against_the_whole_corpus_horizon():
    """The dating horizon (latest publication date, if after today) is a corpus-level parameter."""
    from conftest import make_corpus

    corpus = make_corpus(["Les deux pays discutent.", "Le ministre a parlé hier soir."])
    corpus.articles["published"] = ["", "2099-06-01"]  # after today: it moves the horizon
    whole = analysis.tables(corpus)["article_dates"]()
    undated = whole.set_index("article_id").loc[corpus.articles["article_id"][0]]
    assert undated["latest"] == pd.Timestamp("2099-06-01")  # the undated article's upper bound is the horizon
    parts = stream.tables(corpus, partition_size=1)["article_dates"]
    assert _csv({"d": parts}) == _csv({"d": whole})
