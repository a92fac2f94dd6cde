"""Read a hand-coded gold folder (the format of ``docs/validation.md``).

A gold folder holds ``articles/`` (one ``NAME.txt`` per article) and, each
optional, ``articles.csv``, ``gold_articles.csv``, ``gold_events.csv``,
``gold_sentences.csv``. Every table is keyed by ``file`` = the text file's stem.
A missing file leaves its frame ``None``: the measures that need it are then
reported as not available.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

#: Files of a gold folder and the columns each must have.
GOLD_FILES = {
    "articles.csv": ["file"],
    "gold_articles.csv": ["file"],
    "gold_events.csv": ["file", "event_type", "participants", "date"],
    "gold_sentences.csv": ["file", "sent_no", "sentence", "label"],
}


@dataclass
class Gold:
    """The tables of a gold folder (``None`` when the file is absent).

    ``folder``: the gold folder; ``texts``: its ``articles/`` folder;
    ``meta``: ``articles.csv`` (``file, url, outlet, published, …``);
    ``articles``: ``gold_articles.csv`` (``file, event_date, actors, tone,
    boilerplate_lines``; any of the last four may be absent or empty);
    ``events``: ``gold_events.csv``; ``sentences``: ``gold_sentences.csv``.
    """

    folder: Path
    texts: Path
    meta: pd.DataFrame | None
    articles: pd.DataFrame | None
    events: pd.DataFrame | None
    sentences: pd.DataFrame | None

    def has(self, table: str, column: str | None = None) -> bool:
        """True when ``table`` exists (and has a non-empty ``column``)."""
        frame = getattr(self, table)
        if frame is None or frame.empty:
            return False
        return column is None or (column in frame and frame[column].notna().any() and (frame[column].astype(str).str.strip() != "").any())


def _read(path: Path, required: list[str]) -> pd.DataFrame | None:
    if not path.exists():
        return None
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[])
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {', '.join(missing)}")
    frame["file"] = frame["file"].str.strip()
    return frame


def load_gold(folder: str | Path) -> Gold:
    """Read the gold folder ``folder``.

    Raises ``FileNotFoundError`` when the folder or its ``articles/`` subfolder
    does not exist, ``ValueError`` when a present file lacks a required column.
    """
    root = Path(folder)
    texts = root / "articles"
    if not root.is_dir():
        raise FileNotFoundError(f"gold folder not found: {root.resolve()}")
    if not texts.is_dir():
        raise FileNotFoundError(f"gold folder has no articles/ subfolder: {texts.resolve()}")
    frames = {name: _read(root / name, cols) for name, cols in GOLD_FILES.items()}
    return Gold(root, texts, frames["articles.csv"], frames["gold_articles.csv"], frames["gold_events.csv"], frames["gold_sentences.csv"])
