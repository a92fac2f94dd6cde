"""Annotation and partitioned analyses on a dask.distributed cluster give the local run's annotations, cache and tables."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import diplolib
from diplolib import cli
from diplolib.nlp import resolve_engine
from diplolib.nlp.cache import AnnotationCache

distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cluster():
    """Two single-threaded workers in this process (starts in about a second)."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None,
                                  silence_logs="error") as c:
        yield c


def _same(a: diplolib.Annotations, b: diplolib.Annotations) -> None:
    for x, y in zip(a.tables(), b.tables(), strict=True):
        pd.testing.assert_frame_equal(x, y, check_categorical=False)


def test_dask_writes_the_cache_parts_and_annotations_of_a_local_run(seed_articles, fresh_spacy, tmp_path, cluster, capsys):
    ann = diplolib.annotate(seed_articles, engine="spacy", cache_dir=tmp_path, quiet=True, chunk_size=2,
                            scheduler="dask", address=cluster.scheduler_address)
    _same(ann, fresh_spacy)
    assert ann.meta["engine"] == "spacy"
    # One part per chunk of two articles, written by the caller, every article listed.
    cache = AnnotationCache(tmp_path, resolve_engine("spacy"))
    entries = cache.read_manifest()["articles"]
    ok = seed_articles.loc[seed_articles["status"] == "ok", "article_id"]
    assert set(entries) == set(ok)
    assert len({e["part"] for e in entries.values()}) == -(-len(ok) // 2)
    # A plain run then finds everything cached and returns the same annotations.
    capsys.readouterr()
    again = diplolib.annotate(seed_articles, engine="spacy", cache_dir=tmp_path)
    assert f"{len(ok)} cached, 0 to annotate" in capsys.readouterr().out
    _same(again, fresh_spacy)


def test_unknown_scheduler_is_refused(seed_articles):
    with pytest.raises(ValueError, match="scheduler"):
        diplolib.annotate(seed_articles, engine="spacy", cache_dir=None, scheduler="ray")


def test_analyze_dask_address_writes_the_same_tables_byte_for_byte(tmp_path, cluster, capsys):
    raw = str(ROOT / "data" / "raw")
    plain, dask = tmp_path / "plain", tmp_path / "dask"
    assert cli.main(["analyze", raw, "--out", str(plain), "--no-cache", "--engine", "spacy", "--quiet"]) == 0
    assert cli.main(["analyze", raw, "--out", str(dask), "--cache", str(tmp_path / "cache"), "--engine", "spacy",
                     "--quiet", "--partition-size", "2", "--dask", cluster.scheduler_address]) == 0
    names = sorted(p.name for p in plain.glob("*.csv"))
    assert names and names == sorted(p.name for p in dask.glob("*.csv"))
    for name in names:
        assert (plain / name).read_bytes() == (dask / name).read_bytes(), name
    manifest = json.loads(next((tmp_path / "cache").glob("*/manifest.json")).read_text())
    assert len(manifest["articles"]) == 5


def test_the_default_local_cluster_starts_worker_processes_that_run_diplolib():
    from diplolib.nlp import distributed as dd
    from diplolib.nlp.schema import blocks

    with dd.client(None, workers=1) as c:  # the options annotate(scheduler="dask") uses without an address
        assert c.submit(blocks, "Une phrase.\n\nUne autre.").result() == blocks("Une phrase.\n\nUne autre.")
        assert len(c.scheduler_info()["workers"]) == 1


def test_dask_option_without_address_means_a_local_cluster():
    args = cli.build_parser().parse_args(["analyze", "d", "--out", "o", "--dask"])
    assert cli._dask_options(args) == {"scheduler": "dask", "address": None}
    args = cli.build_parser().parse_args(["analyze", "d", "--out", "o"])
    assert cli._dask_options(args) == {}
