"""Fit ``data/reference/date_confidence.csv`` on a gold folder (the dev set): per ``pinned_by``,
the share of articles whose gold event date falls inside the inferred interval (±1 day).

    python bench/calibrate_dates.py ../shared/devset [--cache DIR]

Reads ``articles/*.txt`` and ``gold_articles.csv`` of the gold folder (format:
docs of the dev set); texts only, no metadata. Writes counts, never texts.
``confidence`` = (covered + 1) / (n + 2) (Laplace smoothing, so a pattern seen
on few articles is not reported as certain).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

import diplolib
from diplolib import actors, dates, events
from diplolib.reference import reference_dir


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("--cache", default=None)
    args = ap.parse_args()
    corpus = diplolib.load_corpus(args.gold / "articles", cache=args.cache, engine="spacy", quiet=True)
    surface = actors.surface_mentions(corpus)
    d = dates.article_dates(corpus, surface, links=events.chronology_candidates(corpus, events.extract(corpus, surface), surface))
    gold = pd.read_csv(args.gold / "gold_articles.csv", keep_default_na=False)
    gold_date = dict(zip(gold["file"] + ".txt", pd.to_datetime(gold["event_date"]), strict=True))
    d["gold"] = d["source"].map(gold_date)
    d = d.dropna(subset=["gold"])
    one = pd.Timedelta(days=1)
    d["covered"] = (d["earliest"] - one <= d["gold"]) & (d["gold"] <= d["latest"] + one)
    table = d.groupby("pinned_by")["covered"].agg(n="size", covered="sum").reset_index()
    table["confidence"] = ((table["covered"] + 1) / (table["n"] + 2)).round(3)
    out = reference_dir() / "date_confidence.csv"
    table.to_csv(out, index=False)
    print(table.to_string(index=False))
    print(f"wrote {out} (n = {len(d)} articles)")


if __name__ == "__main__":
    main()
