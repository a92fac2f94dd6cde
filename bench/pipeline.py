"""End-to-end benchmark of the pipeline on synthetic unique articles (issue 15).

Prints ONE JSON object on stdout; progress goes to stderr. Not a timed test.

    .venv/bin/python bench/pipeline.py                      # N = 100, 1000 (a few minutes)
    .venv/bin/python bench/pipeline.py --sizes 100 1000 10000 --workers 2
    .venv/bin/python bench/pipeline.py --out bench/out/pipeline.json
    .venv/bin/python bench/pipeline.py --analyses stream --partition-size 1000   # streamed analyses
    .venv/bin/python bench/pipeline.py --scheduler dask                         # annotation on a LocalCluster

For every N, a fresh subprocess (so peak RSS is its own) writes N synthetic
articles as ``.txt`` files, then times each stage: ``read_corpus``,
``annotate`` (fresh cache, ``--workers``; the engine is then released, as
``analyze`` does), and every table of
:func:`diplolib.analysis.tables` in pipeline order. Tables share their
intermediates (computed once), so each table's seconds are what it adds.
With ``--analyses stream`` the analyses run as one stage, ``analyses_stream``:
:func:`diplolib.stream.tables` with ``--partition-size`` articles per
partition (peak RSS then shows the bounded-memory run). ``--scheduler dask``
annotates on a ``LocalCluster`` of ``--workers`` processes.
A second ``load_corpus`` on the warm cache gives the cached reload.

Synthetic articles are made from the seed articles of ``data/raw``: sentence
order inside each paragraph after the headline is shuffled, weekday names,
day numbers and years are redrawn, and person names are swapped for other
people of ``data/reference/actors.csv`` — so no two articles are duplicates and
the analyses meet varied names and dates, not N copies of five texts.

Figures: ``stages`` (seconds per stage), ``peak_rss_mb`` (VmHWM after each
stage), ``analyses_seconds`` (sum of the tables), ``ratio_analyses_annotation``,
and between consecutive sizes the growth exponent
``log(t2 / t1) / log(n2 / n1)`` of annotation and of the analyses.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far (``VmHWM``), in MiB."""
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


# ---------------------------------------------------------------------- synthetic corpus
def _people() -> list[tuple[str, str]]:
    """``(full name, surname)`` of the people in actors.csv (the names texts use)."""
    import pandas as pd

    actors = pd.read_csv(ROOT / "data" / "reference" / "actors.csv", dtype=str, keep_default_na=False)
    people = actors[actors["type"] == "person"]
    out = []
    for name in people["name"]:
        parts = name.split()
        if len(parts) >= 2:
            out.append((name, parts[-1]))
    return out


def synthetic_texts(n: int, seed: int = 0) -> list[str]:
    """``n`` distinct articles made from the seeds (see module docstring)."""
    from diplolib.corpus import read_corpus

    corpus = read_corpus(ROOT / "data" / "raw")
    seeds = corpus.loc[corpus["status"] == "ok", "text"].tolist()
    people = _people()
    rng = random.Random(seed)
    sentence_split = re.compile(r"(?<=[.!?»])\s+(?=[A-ZÀ-Ý«])")
    texts, seen = [], set()
    i = 0
    while len(texts) < n:
        base = seeds[i % len(seeds)]
        i += 1
        swap = dict(rng.sample(people, k=min(3, len(people))))
        names = {full: rng.choice(people)[0] for full in swap}
        paragraphs = base.split("\n\n")
        out = [paragraphs[0]]
        for para in paragraphs[1:]:
            sents = sentence_split.split(para)
            rng.shuffle(sents)
            out.append(" ".join(sents))
        text = "\n\n".join(out)
        for old, new in names.items():
            text = text.replace(old, new)
        text = re.sub(r"\b(" + "|".join(WEEKDAYS) + r")\b", lambda _m: rng.choice(WEEKDAYS), text)
        text = re.sub(r"\b(20(?:1[5-9]|2[0-5]))\b", lambda _m: str(rng.randint(2015, 2025)), text)
        text = re.sub(r"\b([1-9]|[12]\d)(?= (?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre))",
                      lambda _m: str(rng.randint(1, 28)), text)
        text += f"\n\nDépêche {len(texts) + 1}."
        if text not in seen:
            seen.add(text)
            texts.append(text)
    return texts


# ---------------------------------------------------------------------- one size, in a child
def run_size(n: int, workers: int, out_json: Path, analyses_mode: str = "tables", partition_size: int = 1000,
             scheduler: str = "local") -> None:
    """Child process: time every stage on ``n`` synthetic articles; write JSON to ``out_json``."""
    from diplolib import stream
    from diplolib.analysis import tables
    from diplolib.corpus import read_corpus
    from diplolib.nlp import annotate, release_engines
    from diplolib.pipeline import Corpus, load_corpus

    stages: dict[str, float] = {}
    rss: dict[str, float] = {}
    rows: dict[str, int] = {}

    def timed(name: str, fn):
        start = time.perf_counter()
        result = fn()
        stages[name] = round(time.perf_counter() - start, 3)
        rss[name] = peak_rss_mb()
        log(f"N={n} {name}: {stages[name]:.2f}s, peak RSS {rss[name]:.0f} MB")
        return result

    with tempfile.TemporaryDirectory(prefix="diplolib-bench-") as tmp:
        raw, cache = Path(tmp) / "raw", Path(tmp) / "cache"
        raw.mkdir()
        for k, text in enumerate(synthetic_texts(n)):
            (raw / f"a{k:06d}.txt").write_text(text, encoding="utf-8")
        rss["start"] = peak_rss_mb()
        articles = timed("read_corpus", lambda: read_corpus(raw))
        ann = timed("annotate", lambda: annotate(articles, engine="spacy", cache_dir=cache, workers=workers, quiet=True,
                                                 scheduler=scheduler))
        release_engines()  # as `analyze` does: the model's memory goes back before the analyses
        corpus = Corpus(articles, ann)
        if analyses_mode == "stream":
            made = timed("analyses_stream", lambda c=corpus: stream.tables(c, partition_size=partition_size))
            rows.update({name: len(frame) for name, frame in made.items()})
            del made
            analyses = stages["analyses_stream"]
        else:
            for name, make in tables(corpus).items():
                frame = timed(f"table:{name}", make)
                rows[name] = len(frame)
            analyses = sum(v for k, v in stages.items() if k.startswith("table:"))
        del corpus, ann
        reload_s = timed("cached_reload", lambda: load_corpus(raw, cache=cache, engine="spacy", quiet=True))
        del reload_s
    result = {
        "n_articles": n,
        "n_ok": int((articles["status"] == "ok").sum()),
        "workers": workers,
        "scheduler": scheduler,
        "analyses_mode": analyses_mode,
        "partition_size": partition_size if analyses_mode == "stream" else None,
        "stages": stages,
        "peak_rss_mb": rss,
        "rows": rows,
        "annotation_seconds": stages["annotate"],
        "analyses_seconds": round(analyses, 3),
        "ratio_analyses_annotation": round(analyses / stages["annotate"], 3) if stages["annotate"] else None,
        "end_to_end_seconds": round(stages["read_corpus"] + stages["annotate"] + analyses, 3),
    }
    out_json.write_text(json.dumps(result))


def exponent(t1: float, t2: float, n1: int, n2: int) -> float | None:
    """Growth exponent between two sizes: 1.0 = linear."""
    if t1 <= 0 or t2 <= 0 or n1 == n2:
        return None
    return round(math.log(t2 / t1) / math.log(n2 / n1), 3)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000], help="corpus sizes (default 100 1000)")
    parser.add_argument("--workers", type=int, default=2, help="annotation workers (default 2)")
    parser.add_argument("--out", type=Path, help="also write the JSON to this file")
    parser.add_argument("--analyses", choices=["tables", "stream"], default="tables",
                        help="time each table of analysis.tables (default), or the partitioned run of diplolib.stream as one stage")
    parser.add_argument("--partition-size", type=int, default=1000, help="articles per partition with --analyses stream (default 1000)")
    parser.add_argument("--scheduler", choices=["local", "dask"], default="local", help="annotation scheduler (default local)")
    parser.add_argument("--child", nargs=3, metavar=("N", "WORKERS", "JSON"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        run_size(int(args.child[0]), int(args.child[1]), Path(args.child[2]), args.analyses, args.partition_size, args.scheduler)
        return 0
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            out = Path(tmp) / f"{n}.json"
            subprocess.run([sys.executable, __file__, "--child", str(n), str(args.workers), str(out), "--analyses", args.analyses,
                            "--partition-size", str(args.partition_size), "--scheduler", args.scheduler], check=True)
            runs.append(json.loads(out.read_text()))
    growth = [
        {
            "from": a["n_articles"], "to": b["n_articles"],
            "annotation_exponent": exponent(a["annotation_seconds"], b["annotation_seconds"], a["n_articles"], b["n_articles"]),
            "analyses_exponent": exponent(a["analyses_seconds"], b["analyses_seconds"], a["n_articles"], b["n_articles"]),
        }
        for a, b in zip(runs, runs[1:], strict=False)
    ]
    result = {"date": time.strftime("%Y-%m-%d"), "runs": runs, "growth": growth,
              "targets": {"ratio_analyses_annotation": 0.25, "exponent": 1.1, "end_to_end_10000_s": 900, "peak_rss_mb": 2048}}
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
