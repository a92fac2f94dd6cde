"""Command line: the batch face of the library.

``python -m diplolib analyze DIR --out OUT``   whole pipeline, every table as CSV
``python -m diplolib analyze DIR --out OUT --dask [ADDRESS]``  annotation and per-partition analyses on a Dask cluster
``python -m diplolib annotate [DIR]``          fill/refresh the annotation cache
``python -m diplolib models install``          download stanza's French models (internet)
``python -m diplolib evaluate GOLD_DIR``        score the pipeline against a hand-coded sample

``analyze`` moves its tables into OUT only once all are computed, replacing the
previous run's tables; OUT is marked so that it is never read back as articles.
Misuse (a file given as a folder, --workers < 1, missing models) is one line
on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pandas as pd

from diplolib.corpus import read_corpus
from diplolib.corpus.sources import OUTPUT_MARKER
from diplolib.nlp.stanza_engine import StanzaModelsMissing


def _csv_ready(frame: pd.DataFrame) -> pd.DataFrame:
    """Lists/tuples/dicts become ``a | b`` strings so the CSV opens in any spreadsheet."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object and out[col].map(lambda v: isinstance(v, list | tuple | set)).any():
            out[col] = out[col].map(lambda v: " | ".join(map(str, v)) if isinstance(v, list | tuple | set) else v)
    return out


class UsageError(Exception):
    """A misuse of the command line: reported as one line, exit status 2."""


def _check_paths(args: argparse.Namespace) -> None:
    """``--out`` and ``--cache`` must be folders (or not exist yet); ``--workers`` at least 1."""
    if getattr(args, "workers", 1) < 1:
        raise UsageError(f"--workers must be at least 1, not {args.workers}")
    if getattr(args, "partition_size", 0) < 0:
        raise UsageError(f"--partition-size must be 0 (all at once) or more, not {args.partition_size}")
    out = getattr(args, "out", None)
    if out is not None and Path(out).exists() and not Path(out).is_dir():
        raise UsageError(f"--out {out} is a file, not a folder")
    corpus = getattr(args, "dir", None)
    if out is not None and corpus is not None and Path(out).resolve() == Path(corpus).resolve():
        raise UsageError(f"--out {out} is the corpus folder itself; choose another folder")
    cache = getattr(args, "cache", None)
    if cache is not None and not getattr(args, "no_cache", False) and Path(cache).exists() and not Path(cache).is_dir():
        raise UsageError(f"--cache {cache} is a file, not a folder")


def _previous_tables(out: Path) -> set[str]:
    """Names of the tables the last ``analyze`` wrote into ``out`` (from its marker file)."""
    try:
        return set(json.loads((out / OUTPUT_MARKER).read_text(encoding="utf-8")).get("tables", []))
    except (OSError, ValueError, AttributeError):
        return set()


def _mark_output(out: Path, names: set[str]) -> None:
    """The marker that makes ``read_corpus`` skip this folder (and lists the tables written)."""
    (out / OUTPUT_MARKER).write_text(json.dumps({"written_by": "python -m diplolib analyze", "tables": sorted(names)}), encoding="utf-8")


def cmd_analyze(args: argparse.Namespace) -> int:
    """Every table as ``<out>/<name>.csv``, written to a hidden staging folder first and
    moved in only when all are computed; tables of the previous run that this run
    does not produce are removed, so ``--out`` never mixes two runs."""
    from diplolib.pipeline import load_corpus

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    previous = _previous_tables(out)
    _mark_output(out, previous)  # before reading: an --out inside the corpus folder is never read back
    if out.resolve().is_relative_to(Path(args.dir).resolve()):
        print(f"note: {out} is inside the corpus folder; it is skipped when reading articles")
    corpus = load_corpus(args.dir, cache=None if args.no_cache else args.cache, engine=args.engine, workers=args.workers,
                         quiet=args.quiet, **_dask_options(args))
    from diplolib.nlp import release_engines

    release_engines()  # the model is not needed by the analyses: its memory goes back first
    status = corpus.articles["status"].value_counts()
    for name in ("ok", "duplicate", "rejected"):
        print(f"{name}: {int(status.get(name, 0))} article(s)")
    from diplolib import stream

    staging = Path(tempfile.mkdtemp(prefix=".partial-", dir=out))
    try:
        rows = {}
        made = stream.tables(corpus, partition_size=args.partition_size or None, quiet=args.quiet, workers=args.workers,
                             **_dask_options(args))
        for name in list(made):
            frame = made.pop(name)
            _csv_ready(frame).to_csv(staging / f"{name}.csv", index=False)
            rows[name] = len(frame)
        for name in rows:
            os.replace(staging / f"{name}.csv", out / f"{name}.csv")
        for name in previous - set(rows):
            (out / f"{name}.csv").unlink(missing_ok=True)
        _mark_output(out, set(rows))
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    for name, n in rows.items():
        print(f"wrote {out / (name + '.csv')} ({n} rows)")
    return 0


def _dask_options(args: argparse.Namespace) -> dict:
    """``annotate`` keyword arguments for ``--dask [ADDRESS]`` (none without it)."""
    if getattr(args, "dask", None) is None:
        return {}
    return {"scheduler": "dask", "address": None if args.dask == "local" else args.dask}


def cmd_annotate(args: argparse.Namespace) -> int:
    from diplolib.nlp import annotate, resolve_engine
    from diplolib.nlp.cache import AnnotationCache

    articles = read_corpus(args.dir)
    if args.forget:
        cache = AnnotationCache(args.cache, resolve_engine(args.engine))
        print(f"forgot {cache.forget(args.forget)} article(s)")
        for problem in cache.problems:
            print(f"diplolib: cache: {problem}")
    ann = annotate(articles, engine=args.engine, cache_dir=args.cache, workers=args.workers, quiet=args.quiet, **_dask_options(args))
    print(f"cache {args.cache}: {ann!r}")
    return 0


def cmd_models(args: argparse.Namespace) -> int:
    from diplolib.nlp import stanza_engine

    if args.action != "install":
        return 2
    target = stanza_engine.model_dir(args.dir)
    try:
        import stanza

        stanza.download("fr", model_dir=str(target), processors=stanza_engine.PROCESSORS, package="default")
    except Exception as exc:  # noqa: BLE001 - any network/hub failure is reported the same way
        print(
            f"could not download stanza's French models into {target}: {type(exc).__name__}: {exc}\n"
            "This needs internet access to HuggingFace. Offline, diplolib uses the spaCy engine.",
            file=sys.stderr,
        )
        return 2
    print(f"stanza French models installed in {target}; engine='auto' now uses stanza.")
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from diplolib.evaluate import run

    ev = run(args.gold_dir, cache=args.cache, with_metadata=args.with_metadata, lexicon=args.lexicon,
             engine=args.engine, workers=args.workers, quiet=args.quiet or args.json)
    if args.out:
        for path in ev.write(args.out):
            print(f"wrote {path}", file=sys.stderr if args.json else sys.stdout)
    if args.json:
        print(ev.to_json())
    else:
        print(f"{ev.info['gold']}: {ev.info['n_articles']} article(s), {ev.info['mode']} ({ev.info['date']})")
        with pd.option_context("display.width", 200, "display.max_rows", None, "display.max_colwidth", 60):
            print(ev.summary().to_string(index=False))
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The ``python -m diplolib`` argument parser."""
    parser = argparse.ArgumentParser(prog="python -m diplolib", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)

    def engine_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--engine", default="auto", choices=["auto", "stanza", "spacy"], help="annotation engine (default: auto = stanza if its models are installed, else spacy)")
        p.add_argument("--cache", default="data/annotations", help="annotation cache folder (default: data/annotations)")
        p.add_argument("--workers", type=int, default=1, help="CPU cores for annotation (default 1)")
        p.add_argument("--quiet", action="store_true", help="no progress messages")
        p.add_argument("--dask", nargs="?", const="local", default=None, metavar="ADDRESS",
                       help="annotate (and analyse partitions) on a dask.distributed cluster: the scheduler at ADDRESS (e.g. tcp://host:8786), "
                            "or without ADDRESS a local cluster of --workers processes (needs pip install 'diplolib[dask]')")

    p = sub.add_parser("analyze", help="run the whole pipeline on a folder and write every table as CSV")
    p.add_argument("dir", help="folder of articles (.txt, or .csv/.jsonl with a text column)")
    p.add_argument("--out", required=True, help="output folder for the CSV tables (replaced as a whole; skipped when inside DIR)")
    p.add_argument("--no-cache", action="store_true", help="annotate without reading or writing the cache")
    p.add_argument("--partition-size", type=int, default=1000, metavar="N",
                   help="analyse N articles at a time (bounded memory, same tables); 0 = all at once (default 1000)")
    engine_options(p)
    p.set_defaults(func=cmd_analyze)

    p = sub.add_parser("annotate", help="annotate a folder into the cache (only what is missing)")
    p.add_argument("dir", nargs="?", default="data/raw", help="folder of articles (default data/raw)")
    p.add_argument("--forget", nargs="+", metavar="ARTICLE_ID", help="drop these articles from the cache first")
    engine_options(p)
    p.set_defaults(func=cmd_annotate)

    p = sub.add_parser("evaluate", help="score the pipeline against a hand-coded gold folder (docs/validation.md)")
    p.add_argument("gold_dir", help="gold folder: articles/NAME.txt plus gold_*.csv (docs/validation.md)")
    p.add_argument("--json", action="store_true", help="print one JSON object (keys dates, actors, events, tone, cleaning)")
    p.add_argument("--out", default=None, help="also write every table as CSV into this folder")
    p.add_argument("--lexicon", default=None, help="a user dictionary (e.g. Lexicoder .lc3) scored beside the project lexicon")
    p.add_argument("--with-metadata", action="store_true", help="give the pipeline articles.csv's stated publication dates")
    p.add_argument("--cache", default=None, help="annotation cache folder (default: a temporary one)")
    p.add_argument("--engine", default="auto", choices=["auto", "stanza", "spacy"], help="annotation engine (default auto)")
    p.add_argument("--workers", type=int, default=1, help="CPU cores for annotation (default 1)")
    p.add_argument("--quiet", action="store_true", help="no progress messages")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("models", help="manage stanza models")
    p.add_argument("action", choices=["install"], help="install: download stanza's French models (needs internet)")
    p.add_argument("--dir", default=None, help="target folder (default: DIPLOLIB_STANZA_DIR or ~/stanza_resources)")
    p.set_defaults(func=cmd_models)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m diplolib`` and the ``diplolib`` script."""
    args = build_parser().parse_args(argv)
    try:
        _check_paths(args)
        return args.func(args)
    except (UsageError, OSError, StanzaModelsMissing) as exc:
        # One line, no traceback: these are the user's to fix (paths, permissions, models).
        print("error: " + " ".join(str(exc).split()), file=sys.stderr)
        return 2
