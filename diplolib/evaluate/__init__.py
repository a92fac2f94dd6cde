"""Validation against a hand-coded sample: ``run(gold_dir) -> Evaluation``.

The gold folder format is documented in ``docs/validation.md`` (the files of
the development set: ``articles/NAME.txt``, ``articles.csv``,
``gold_articles.csv``, ``gold_events.csv``, ``gold_sentences.csv``; all but
``articles/`` optional). :func:`run` reads and annotates the articles, runs the
pipeline through :func:`diplolib.analysis.tables` and scores five measures —
dates, actors, events, tone, cleaning — each figure with its count and a
bootstrap 95 % interval over articles (:mod:`diplolib.evaluate.stats`).

This is the last stage: it reads the pipeline's tables; nothing imports it.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from diplolib.evaluate import actors as _actors
from diplolib.evaluate import cleaning as _cleaning
from diplolib.evaluate import dates as _dates
from diplolib.evaluate import events as _events
from diplolib.evaluate import tone as _tone
from diplolib.evaluate.gold import Gold, load_gold
from diplolib.evaluate.stats import FIGURE_COLUMNS

__all__ = ["MEASURES", "Evaluation", "Gold", "gold_corpus", "load_gold", "run"]

#: The measures, in report order.
MEASURES = ["dates", "actors", "events", "tone", "cleaning"]


@dataclass
class Evaluation:
    """Result of :func:`run`.

    - ``figures``: one row per figure — ``measure``, ``figure``, ``value``,
      ``ci_low``/``ci_high`` (bootstrap 95 % over articles; NaN when not
      computable), ``n`` (units counted: articles, actors, events, sentences),
      ``n_articles``, ``unit``;
    - ``tables``: per-measure detail tables (``dates``, ``actors``,
      ``events_gold``, ``events_pred``, ``events_confusion_pairs``,
      ``tone_articles``, ``tone_sentences``, ``cleaning``), keyed by gold ``file``;
    - ``errors``: one row per gold article with its errors in every measure;
    - ``available``: measure → ``None`` when scored, else why not (missing gold);
    - ``info``: gold folder, mode (``texts only`` / ``with metadata``), article
      count, events source table, date of the run.
    """

    figures: pd.DataFrame
    tables: dict[str, pd.DataFrame]
    errors: pd.DataFrame
    available: dict[str, str | None]
    info: dict = field(default_factory=dict)

    def figure(self, measure: str, name: str) -> float:
        """Value of one figure (NaN when absent)."""
        row = self.figures[(self.figures["measure"] == measure) & (self.figures["figure"] == name)]
        return float(row["value"].iloc[0]) if len(row) else math.nan

    def to_dict(self, digits: int = 4) -> dict:
        """``{measure: {"available": bool, figure: {"value", "ci", "n", "n_articles", "unit"}}}`` plus ``info``.

        A measure without gold is ``{"available": False, "reason": …}``. NaN → None.
        """
        def num(x):
            return None if x is None or (isinstance(x, float) and math.isnan(x)) else round(float(x), digits)

        out: dict = {}
        for m in MEASURES:
            if self.available.get(m):
                out[m] = {"available": False, "reason": self.available[m]}
                continue
            block: dict = {"available": True}
            for r in self.figures[self.figures["measure"] == m].itertuples(index=False):
                block[r.figure] = {"value": num(r.value), "ci": [num(r.ci_low), num(r.ci_high)], "n": int(r.n),
                                   "n_articles": int(r.n_articles), "unit": r.unit}
            out[m] = block
        out["info"] = self.info
        return out

    def to_json(self) -> str:
        """:meth:`to_dict` as one JSON object, one figure per line."""
        blocks = []
        for key, block in self.to_dict().items():
            inner = ",\n".join(f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in block.items())
            blocks.append(f" {json.dumps(key)}: {{\n{inner}\n }}")
        return "{\n" + ",\n".join(blocks) + "\n}"

    def summary(self) -> pd.DataFrame:
        """The figures as a readable table: ``measure``, ``figure``, ``value``, ``95% CI``, ``n``, ``articles``, ``unit``.

        Measures without gold get one row saying so.
        """
        rows = []
        for m in MEASURES:
            if self.available.get(m):
                rows.append((m, "not available", "", "", "", "", self.available[m]))
                continue
            for r in self.figures[self.figures["measure"] == m].itertuples(index=False):
                fmt = ".1f" if r.unit.startswith(("days", "lines")) else ".2f"
                ci = "" if math.isnan(r.ci_low) else f"[{r.ci_low:{fmt}}, {r.ci_high:{fmt}}]"
                val = "" if math.isnan(r.value) else (f"{r.value:.1f}" if r.unit.startswith(("days", "lines")) else f"{r.value:.2f}")
                rows.append((m, r.figure, val, ci, r.n, r.n_articles, r.unit))
        return pd.DataFrame(rows, columns=["measure", "figure", "value", "95% CI", "n", "articles", "unit"])

    def markdown(self, by_type: bool = False) -> str:
        """:meth:`summary` as a Markdown table (per-type event figures only when ``by_type``)."""
        table = self.summary()
        if not by_type:
            table = table[~table["figure"].str.match(r"(precision|recall)\[")]
        lines = ["| " + " | ".join(table.columns) + " |", "|" + "---|" * len(table.columns)]
        lines += ["| " + " | ".join(str(v) for v in row) + " |" for row in table.itertuples(index=False)]
        return "\n".join(lines)

    def write(self, folder: str | Path) -> list[Path]:
        """Write ``figures.csv``, ``errors.csv`` and every table as CSV into ``folder``; return the paths."""
        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for name, frame in {"figures": self.figures, "errors": self.errors, **self.tables}.items():
            path = out / f"{name}.csv"
            _flat(frame).to_csv(path, index=False)
            written.append(path)
        return written

    def __repr__(self) -> str:
        scored = [m for m in MEASURES if not self.available.get(m)]
        return f"Evaluation({self.info.get('n_articles', 0)} articles, {self.info.get('mode', '')}; scored: {', '.join(scored)})"


def _flat(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object:
            out[col] = out[col].map(lambda v: " | ".join(map(str, v)) if isinstance(v, list | tuple | set) else v)
    return out


def gold_corpus(gold: Gold | str | Path, cache: str | Path | None = None, with_metadata: bool = False,
                engine: str = "auto", workers: int = 1, quiet: bool = True):
    """Read and annotate a gold folder's ``articles/`` into a :class:`diplolib.Corpus`.

    ``with_metadata``: rows whose ``articles.csv`` states ``published`` get it,
    with ``published_source = "metadata"``. ``cache``: annotation cache folder
    (None = no cache).
    """
    from diplolib.corpus import read_corpus
    from diplolib.nlp import annotate
    from diplolib.pipeline import Corpus

    gold = gold if isinstance(gold, Gold) else load_gold(gold)
    articles = read_corpus(gold.texts)
    if with_metadata and gold.has("meta", "published"):
        stated = {f: p.strip() for f, p in zip(gold.meta["file"], gold.meta["published"], strict=True) if str(p).strip()}
        stems = articles["source"].map(lambda s: Path(str(s)).stem)
        mask = stems.isin(stated)
        articles.loc[mask, "published"] = stems[mask].map(stated)
        articles.loc[mask, "published_source"] = "metadata"
    ann = annotate(articles, engine=engine, cache_dir=cache, workers=workers, quiet=quiet)
    return Corpus(articles, ann)


def run(gold_dir: str | Path, corpus=None, cache: str | Path | None = None, *, with_metadata: bool = False,
        lexicon: str | Path | None = None, engine: str = "auto", workers: int = 1, quiet: bool = True) -> Evaluation:
    """Run the pipeline on a gold folder's articles and score it.

    Parameters
    ----------
    gold_dir:
        A folder in the format of ``docs/validation.md``.
    corpus:
        An already annotated :class:`diplolib.Corpus` of ``gold_dir/articles``
        (skips reading and annotating).
    cache:
        Annotation cache folder; a temporary one when omitted.
    with_metadata:
        Give the pipeline the stated publication dates of ``articles.csv``
        (``published``, as ``published_source="metadata"``); default: texts only.
    lexicon:
        A user dictionary (e.g. a Lexicoder ``.lc3``) scored beside the project's
        lexicon, with the rules and as a plain count.
    engine, workers, quiet:
        Passed to :func:`diplolib.annotate`.
    """
    from diplolib.actors import actors_table
    from diplolib.analysis import tables as pipeline_tables
    from diplolib.tone import articles as tone_articles
    from diplolib.tone import baseline_sentences, sentences

    gold = load_gold(gold_dir)
    if corpus is None:
        if cache is None:
            with tempfile.TemporaryDirectory(prefix="diplolib-eval-") as tmp:
                corpus = gold_corpus(gold, tmp, with_metadata, engine, workers, quiet)
        else:
            corpus = gold_corpus(gold, cache, with_metadata, engine, workers, quiet)
    tabs = pipeline_tables(corpus)

    def table(name: str) -> pd.DataFrame | None:
        return tabs[name]() if name in tabs else None

    arts = table("articles")
    files = pd.DataFrame({"file": arts["source"].map(lambda s: Path(str(s)).stem), "article_id": arts["article_id"].replace("", None)})
    files = files.drop_duplicates("file").reset_index(drop=True)
    ok = arts[arts["status"] == "ok"]
    texts = dict(zip(ok["article_id"], ok["text"], strict=True))
    actors = actors_table()
    figures: list[dict] = []
    out_tables: dict[str, pd.DataFrame] = {}
    available: dict[str, str | None] = dict.fromkeys(MEASURES)

    if gold.has("articles", "event_date"):
        published = gold.meta.set_index("file")["published"] if gold.has("meta", "published") else None
        out_tables["dates"], f = _dates.score(gold.articles, files, table("article_dates"), published)
        figures += f
    else:
        available["dates"] = "no event_date in gold_articles.csv"

    if gold.has("articles", "actors"):
        out_tables["actors"], f = _actors.score(gold.articles, files, table("mentions"), actors)
        figures += f
    else:
        available["actors"] = "no actors in gold_articles.csv"

    if gold.has("events"):
        pred, source = _events.predicted(table("events"), table("contacts") if "events" not in tabs else None, actors, texts)
        ev_tables, f = _events.score(gold.events, files, pred, actors, gold.articles if gold.has("articles", "event_date") else None)
        out_tables.update(ev_tables)
        figures += f
    else:
        source = ""
        available["events"] = "no gold_events.csv"

    has_art_tone, has_sent = gold.has("articles", "tone"), gold.has("sentences")
    if has_art_tone or has_sent:
        main = table("tone_sentences")
        scorers = {_tone.MAIN: main}
        base = table("tone_baseline_sentences")
        scorers["plain count"] = base if base is not None else baseline_sentences(corpus)
        if lexicon is not None:
            name = Path(lexicon).stem
            scorers[f"{name} rules"] = sentences(corpus, lexicon=str(lexicon), quotes=False)
            scorers[f"{name} plain count"] = baseline_sentences(corpus, str(lexicon))
        if has_art_tone:
            # tone.articles' own per-article intervals are not used here: 2 resamples keep it cheap
            means = {k: tone_articles(v, n_boot=2) if k != _tone.MAIN else table("tone_articles") for k, v in scorers.items()}
            out_tables["tone_articles"], f = _tone.score_articles(gold.articles, files, means)
            figures += f
        if has_sent:
            located = _tone.locate_sentences(gold.sentences, files, texts, corpus.sentences)
            out_tables["tone_sentences"], f = _tone.score_sentences(located, scorers)
            figures += f
    else:
        available["tone"] = "no tone in gold_articles.csv and no gold_sentences.csv"

    frags = _fragments(gold)
    raw_counts = {p.stem: _cleaning.raw_lines(p) for p in sorted(gold.texts.glob("*.txt"))}
    if gold.has("articles", "boilerplate_lines") or len(frags):
        removed = dict(zip(ok["article_id"], ok["removed"], strict=True))
        out_tables["cleaning"], f = _cleaning.score(gold.articles, files, removed, texts, frags, raw_counts)
        figures += f
    else:
        available["cleaning"] = "no boilerplate_lines in gold_articles.csv and no gold fragments"

    frame = pd.DataFrame(figures, columns=FIGURE_COLUMNS)
    info = {"gold": str(gold_dir), "mode": "with metadata" if with_metadata else "texts only", "n_articles": int(len(files)),
            "events_source": source, "date": _dt.date.today().isoformat()}
    return Evaluation(frame, out_tables, _errors(files, out_tables), available, info)


def _fragments(gold: Gold) -> pd.DataFrame:
    parts = []
    if gold.has("events") and "evidence" in gold.events:
        parts.append(gold.events[["file", "evidence"]].rename(columns={"evidence": "fragment"}))
    if gold.has("sentences"):
        parts.append(gold.sentences[["file", "sentence"]].rename(columns={"sentence": "fragment"}))
    frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["file", "fragment"])
    # a fragment without letters or digits (a stray quote mark coded as a sentence) cannot be looked for
    return frame[frame["fragment"].astype(str).str.contains(r"\w", regex=True)]


def _errors(files: pd.DataFrame, t: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per gold article: its errors in each measure (empty cells where not scored)."""
    out = files.copy()
    if "dates" in t:
        d = t["dates"].set_index("file")
        out["date_gold"] = out["file"].map(d["gold"].dt.strftime("%Y-%m-%d"))
        out["date_estimate"] = out["file"].map(d["estimate"].dt.strftime("%Y-%m-%d"))
        out["date_abs_error_days"] = out["file"].map(d["abs_error_days"])
        out["date_covered"] = out["file"].map(d["covered"])
    if "actors" in t:
        a = t["actors"].set_index("file")
        out["actors_missed"] = out["file"].map(a["misses"].map(", ".join))
        out["actors_extra"] = out["file"].map(a["extras"].map(", ".join))
    if "events_gold" in t:
        g = t["events_gold"]
        out["events_gold"] = out["file"].map(g.groupby("file").size()).fillna(0).astype(int)
        out["events_missed"] = out["file"].map(g[~g["matched"]].groupby("file").size()).fillna(0).astype(int)
        p = t["events_pred"]
        out["events_spurious"] = out["file"].map(p[~p["matched"]].groupby("file").size()).fillna(0).astype(int)
    if "tone_articles" in t:
        ta = t["tone_articles"].set_index("file")
        out["tone_gold"] = out["file"].map(ta["gold"])
        out["tone_class"] = out["file"].map(ta[f"class[{_tone.MAIN}]"])
        out["tone_score"] = out["file"].map(ta[f"score[{_tone.MAIN}]"]).round(3)
    if "cleaning" in t:
        c = t["cleaning"].set_index("file")
        out["boilerplate_excess"] = out["file"].map(c["excess"])
        out["fragments_lost"] = out["file"].map(c["n_lost"])
    return out.sort_values("file").reset_index(drop=True)
