"""Rebuild this folder from the seeds' gold in ``tests/data`` (run from the repository root).

``python tests/data/seed_gold/convert.py`` — see README.md here for what each file holds.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "tests" / "data"
OUT = Path(__file__).resolve().parent
ACTORS = pd.read_csv(ROOT / "data" / "reference" / "actors.csv", dtype=str, keep_default_na=False).set_index("actor_id")
TYPES = {"announcement": "statement_of_intent"}  # the seeds' "announcement" of a contact = a stated intention


def stem(source: str) -> str:
    return Path(source).stem


def english(actor_id: str) -> str:
    """Gold spelling of an actor: lower-case English surname (last word of the id) or a capitalised name."""
    if ACTORS.at[actor_id, "type"] == "person":
        return actor_id.split("_")[-1]
    return actor_id.replace("_", " ").title() if len(actor_id) > 4 else actor_id.upper()


def main() -> None:
    (OUT / "articles").mkdir(exist_ok=True)
    sources = sorted(p.name for p in (ROOT / "data" / "raw").glob("*.txt"))
    for name in sources:
        shutil.copyfile(ROOT / "data" / "raw" / name, OUT / "articles" / name)
    files = [stem(s) for s in sources]
    pd.DataFrame({"file": files, "url": "", "outlet": "", "published": "", "index_hint": ""}).to_csv(OUT / "articles.csv", index=False)

    dates = pd.read_csv(DATA / "gold_dates.csv", dtype=str, keep_default_na=False)
    mentions = pd.read_csv(DATA / "gold_mentions.csv", dtype=str, keep_default_na=False)
    tone = pd.read_csv(DATA / "gold_tone.csv", dtype=str, keep_default_na=False)
    people = mentions[mentions["actor_id"].map(lambda a: ACTORS.at[a, "type"] == "person")]
    actors = people.groupby("source")["actor_id"].agg(lambda s: ";".join(sorted({english(a) for a in s})))
    mean_label = tone.assign(label=tone["label"].astype(float)).groupby("source")["label"].mean()
    article_tone = mean_label.map(lambda m: "cooperative" if m >= 0.1 else "conflictual" if m <= -0.1 else "neutral")
    pd.DataFrame({
        "file": dates["source"].map(stem),
        "event_date": dates["event_date"],
        "event_date_basis": "see tests/data/gold_dates.csv (note)",
        "actors": dates["source"].map(actors).fillna(""),
        "tone": dates["source"].map(article_tone).fillna(""),
        "boilerplate_lines": "",
    }).to_csv(OUT / "gold_articles.csv", index=False)

    contacts = pd.read_csv(DATA / "gold_contacts.csv", dtype=str, keep_default_na=False)
    rows = []
    for r in contacts.itertuples(index=False):
        ids = [a for a in r.participants.split("|") if a]
        sides = sorted({ACTORS.at[a, "side"] for a in ids} & {"US", "RU", "UA"})
        source_side, target_side = (sides + [""] * 2)[:2] if len(sides) != 1 else (sides[0], "")
        date = r.date or (r.date_earliest[:7] if r.date_earliest[:7] == r.date_latest[:7] else "")
        rows.append({"file": stem(r.source), "event_type": TYPES.get(r.type, r.type), "source_side": source_side, "target_side": target_side,
                     "participants": ";".join(english(a) for a in ids), "date": date, "place": r.place, "status": r.status,
                     "evidence": r.evidence})
    pd.DataFrame(rows).to_csv(OUT / "gold_events.csv", index=False)

    pd.DataFrame({"file": tone["source"].map(stem), "sent_no": tone["sent_idx"].astype(int) + 1, "sentence": tone["text"],
                  "label": tone["label"]}).to_csv(OUT / "gold_sentences.csv", index=False)


if __name__ == "__main__":
    main()
