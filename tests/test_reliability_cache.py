"""Annotation cache reliability: stale rows, concurrent writers, read-only caches, malformed manifests."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from reliability_support import ROOT, run_python

from diplolib import annotate, load_corpus
from diplolib.analysis import tables
from diplolib.nlp import resolve_engine
from diplolib.nlp.cache import AnnotationCache

from conftest import engine_folder, same_annotations

# --------------------------------------------------------------------------- item 1: stale rows


def test_forgotten_article_is_annotated_once_and_never_read_from_its_old_part(tmp_path, seed_articles, fresh_spacy, capsys):
    cache = tmp_path / "cache"
    annotate(seed_articles, engine="spacy", cache_dir=cache, quiet=True)
    victim = seed_articles["article_id"].iloc[4]
    assert AnnotationCache(cache, resolve_engine("spacy")).forget([victim]) == 1
    annotate(seed_articles, engine="spacy", cache_dir=cache)
    assert "4 cached, 1 to annotate" in capsys.readouterr().out
    # The old part still holds the victim's rows; its entry now points to the new part.
    for _ in range(2):
        ann = annotate(seed_articles, engine="spacy", cache_dir=cache)
        out = capsys.readouterr().out
        assert "5 cached, 0 to annotate" in out and "rows missing" not in out
        same_annotations(ann, fresh_spacy)
    # Loading a subset returns exactly that subset, and the pipeline runs on it.
    raw = tmp_path / "raw"
    raw.mkdir()
    for path in sorted((ROOT / "data" / "raw").glob("00[0-3]_*.txt")):
        shutil.copy(path, raw / path.name)
    corpus = load_corpus(raw, cache=cache, engine="spacy", quiet=True)
    ids = set(corpus.ok["article_id"])
    assert len(ids) == 4 and victim not in ids
    for frame in corpus.annotations.tables():
        assert set(frame["article_id"]) == ids
    assert set(tables(corpus)["contacts"]()["article_ids"].explode().dropna()) <= ids


WRITER = """
import sys
from diplolib import annotate
texts = open(sys.argv[1], encoding="utf-8").read().split("\\n@@\\n")
if sys.argv[3] == "reversed":
    texts = texts[::-1]
annotate(texts, engine="spacy", cache_dir=sys.argv[2], quiet=True, chunk_size=int(sys.argv[4]))
"""


@pytest.mark.slow
def test_two_concurrent_writers_leave_a_consistent_cache(tmp_path, seed_articles, capsys):
    paragraphs = [p for text in seed_articles["text"] for p in text.split("\n\n") if len(p) > 200]
    texts = [f"Dépêche numéro {i}.\n\n{paragraphs[i % len(paragraphs)]}" for i in range(24)]
    source = tmp_path / "texts.txt"
    source.write_text("\n@@\n".join(texts), encoding="utf-8")
    cache = tmp_path / "cache"
    # Opposite orders and different chunk sizes: the writers cross, and parts end up partly superseded.
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(source), str(cache), order, chunk], cwd=ROOT, stderr=subprocess.PIPE, text=True)
        for order, chunk in (("forward", "2"), ("reversed", "3"))
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err
    folder = engine_folder(cache)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["articles"].values():
        assert all((folder / f"part-{entry['part']}.{t}.parquet").exists() for t in ("sentences", "tokens", "entities"))
    capsys.readouterr()
    ann = annotate(texts, engine="spacy", cache_dir=cache)
    out = capsys.readouterr().out
    assert "24 cached, 0 to annotate" in out and "cache:" not in out
    same_annotations(ann, annotate(texts, engine="spacy", cache_dir=None, quiet=True))


# --------------------------------------------------------------------------- item 3: read-only cache

READ_ONLY = """
import os, sys
from diplolib import annotate, read_corpus

articles = read_corpus(sys.argv[1])
for cache in sys.argv[2:]:
    ann = annotate(articles, engine="spacy", cache_dir=cache)
    print("ROWS", cache, len(ann.sentences), sorted(set(ann.sentences["article_id"])) == sorted(articles["article_id"]))
"""


def test_read_only_cache_warns_once_and_annotates_without_writing(tmp_path, seed_articles):
    raw = tmp_path / "raw"
    raw.mkdir()
    for path in sorted((ROOT / "data" / "raw").glob("00[01]_*.txt")):
        shutil.copy(path, raw / path.name)
    ro = tmp_path / "ro"
    annotate(seed_articles.iloc[:1], engine="spacy", cache_dir=ro / "cache", quiet=True)  # one of the two cached
    locked = tmp_path / "locked"
    locked.mkdir()
    before = {p: p.stat().st_mtime_ns for p in ro.rglob("*")}
    for path in [*ro.rglob("*"), ro]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    locked.chmod(0o555)
    try:
        result = run_python(["-c", READ_ONLY, str(raw), str(ro / "cache"), str(locked / "new-cache")], honour_modes=True)
    finally:
        for path in [ro, locked, *ro.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "1 cached, 1 to annotate" in out and "0 cached, 2 to annotate" in out
    assert out.count(f"ROWS {ro / 'cache'}") == 1 and " True" in out.split(f"ROWS {ro / 'cache'}")[1].splitlines()[0]
    assert out.count("not writable") == 2, out  # once per cache, not once per write
    assert {p: p.stat().st_mtime_ns for p in ro.rglob("*")} == before
    assert not (locked / "new-cache").exists()


# --------------------------------------------------------------------------- item 4: manifest shapes


@pytest.fixture(scope="module")
def cached_seeds(tmp_path_factory, seed_articles):
    cache = tmp_path_factory.mktemp("cached") / "cache"
    annotate(seed_articles, engine="spacy", cache_dir=cache, quiet=True)
    return cache


@pytest.mark.parametrize(
    "mangle",
    [
        lambda m: [],
        lambda m: None,
        lambda m: {**m, "articles": {**m["articles"], "x": "not an object"}},
        lambda m: {**m, "articles": {a: {k: v for k, v in e.items() if k != "part"} for a, e in m["articles"].items()}},
        lambda m: {**m, "articles": {a: {**e, "n_tokens": "many"} for a, e in m["articles"].items()}},
    ],
    ids=["list", "null", "entry-not-object", "entry-without-part", "n_tokens-many"],
)
def test_manifest_of_the_wrong_shape_is_set_aside_and_rebuilt(tmp_path, cached_seeds, seed_articles, mangle):
    cache = tmp_path / "cache"
    shutil.copytree(cached_seeds, cache)
    path = engine_folder(cache) / "manifest.json"
    good = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(mangle(good)), encoding="utf-8")
    wanted = {a: e["sha256"] for a, e in good["articles"].items()}
    store = AnnotationCache(cache, resolve_engine("spacy"))
    ann, missing = store.load(wanted)
    assert sorted(missing) == sorted(wanted) and len(ann.sentences) == 0
    assert any(p.startswith("corrupt manifest") for p in store.problems)
    assert list(engine_folder(cache).glob("manifest.corrupt-*.json"))
    # Rebuilt: the next run writes a valid manifest and everything is cached again.
    first = seed_articles.iloc[:1]
    annotate(first, engine="spacy", cache_dir=cache, quiet=True)
    ann, missing = AnnotationCache(cache, resolve_engine("spacy")).load(dict(zip(first["article_id"], [wanted[a] for a in first["article_id"]], strict=True)))
    assert missing == [] and set(ann.sentences["article_id"]) == set(first["article_id"])
