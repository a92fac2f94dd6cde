"""Annotation on a ``dask.distributed`` cluster (``annotate(..., scheduler="dask")``).

The articles still to annotate are cut into the same chunks as a
single-process run (``chunk_size`` articles each). Each chunk is one task:
a worker loads the engine once (per worker thread) and returns the chunk's
:class:`~diplolib.nlp.schema.Annotations`. The *calling* process writes every
returned chunk to the cache as one part, exactly as the single-process run
does, so the workers need no access to the cache folder (a remote cluster
does not share its disk) and the cache's lock and manifest rules are
unchanged. Results are put back in article order by the caller.

Workers need diplolib and the engine's model installed (same versions as the
caller: the cache folder is keyed by engine and model version).

``dask[distributed]`` is an optional dependency: ``pip install diplolib[dask]``.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterator
from pathlib import Path

from diplolib.nlp.schema import Annotations, assemble, blocks, concat

_LOCAL = threading.local()


def _engine(info: dict, stanza_dir, stanza_paths):
    """The engine of this worker thread (loaded on its first task, then reused).

    One per thread, not per process: with ``processes=False`` several worker
    threads share a process, and a spaCy/stanza pipeline is not documented as
    safe to call from two threads at once.
    """
    from diplolib.nlp import load_engine

    key = (info["engine"], info["model"], info["model_version"], str(stanza_dir), repr(stanza_paths))
    engines = getattr(_LOCAL, "engines", None)
    if engines is None:
        engines = _LOCAL.engines = {}
    if key not in engines:
        if info["engine"] == "spacy":
            from diplolib.nlp.spacy_engine import SpacyEngine

            engines[key] = SpacyEngine()
        else:
            engines[key] = load_engine(info, stanza_dir, stanza_paths, workers=1)
    return engines[key]


def annotate_chunk(info: dict, todo: list[tuple[str, str]], stanza_dir=None, stanza_paths=None) -> Annotations:
    """Annotate ``(article_id, text)`` pairs on this worker (the task run on the cluster)."""
    nlp = _engine(info, stanza_dir, stanza_paths)
    layout = [(aid, text, blocks(text)) for aid, text in todo]
    stream = nlp.parse_blocks([b for _, _, bl in layout for _, b in bl], workers=1)
    return concat([assemble(aid, text, [(offset, next(stream)) for offset, _ in bl]) for aid, text, bl in layout])


@contextlib.contextmanager
def client(address: str | None = None, workers: int = 2, cluster_options: dict | None = None):
    """A ``distributed.Client``: on the scheduler at ``address``, or on a new ``LocalCluster``.

    The local cluster has ``workers`` single-threaded worker processes (options
    in ``cluster_options`` override, e.g. ``{"processes": False}``) and is
    closed on exit; a cluster given by address is left running.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise ImportError("scheduler='dask' needs dask.distributed: pip install 'diplolib[dask]'") from exc
    if address:
        with Client(address) as c:
            yield c
        return
    options = {"n_workers": max(1, int(workers)), "threads_per_worker": 1, "processes": True,
               "dashboard_address": None, "silence_logs": logging.ERROR}
    options.update(cluster_options or {})
    with LocalCluster(**options) as cluster, Client(cluster) as c:
        yield c


def run(
    info: dict,
    todo: list[tuple[str, str]],
    chunk_size: int,
    *,
    address: str | None = None,
    workers: int = 2,
    cluster_options: dict | None = None,
    stanza_dir: str | Path | None = None,
    stanza_paths: dict | None = None,
) -> Iterator[tuple[int, Annotations, list[str]]]:
    """Yield ``(chunk number, annotations, article ids)`` of each chunk of ``todo`` as workers finish them.

    Chunks are ``chunk_size`` consecutive articles of ``todo``, as in the
    single-process run; they come back in completion order (the number says
    which chunk it is).
    """
    from distributed import as_completed

    chunks = [todo[i : i + chunk_size] for i in range(0, len(todo), chunk_size)]
    with client(address, workers, cluster_options) as c:
        owners = {c.submit(annotate_chunk, info, chunk, stanza_dir, stanza_paths, pure=False): (k, [aid for aid, _ in chunk])
                  for k, chunk in enumerate(chunks)}
        for fut in as_completed(list(owners)):
            ann = fut.result()
            k, ids = owners.pop(fut)
            fut.release()  # the worker may drop the chunk once it is here
            yield k, ann, ids


__all__ = ["annotate_chunk", "client", "run"]
