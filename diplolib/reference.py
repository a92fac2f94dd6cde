"""Locate and load the knowledge files kept under ``data/reference/``.

Code never hard-codes phrases, actors, dates or lexicon entries: it reads them
from the files documented in ``data/reference/README.md``. The folder is found
from, in order: the ``DIPLOLIB_REFERENCE_DIR`` environment variable, then the
``data/reference`` folder of the checkout this package lives in.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from diplolib.text import fold_phrase

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parent


def reference_dir() -> Path:
    """Folder holding the reference tables (see module docstring for the lookup order)."""
    env = os.environ.get("DIPLOLIB_REFERENCE_DIR")
    path = Path(env) if env else REPO_ROOT / "data" / "reference"
    if not path.is_dir():
        raise FileNotFoundError(
            f"reference data folder not found: {path}. Set DIPLOLIB_REFERENCE_DIR to the "
            "folder holding actors.csv, chronology.csv, tone_lexicon.csv, boilerplate_fr.txt."
        )
    return path


def reference_file(name: str) -> Path:
    """Path of one reference file, raising a clear error when it is missing."""
    path = reference_dir() / name
    if not path.exists():
        raise FileNotFoundError(f"reference file missing: {path}")
    return path


def read_table(name: str) -> pd.DataFrame:
    """Read a reference CSV as strings (empty cells become ``""``)."""
    return pd.read_csv(reference_file(name), dtype=str, keep_default_na=False, comment=None)


@dataclass(frozen=True)
class PhraseList:
    """Folded boilerplate phrases: ``exact`` lines and ``prefixes`` (entries ending in ``*``)."""

    exact: frozenset[str]
    prefixes: tuple[str, ...]

    def match(self, line: str) -> str | None:
        """Return the phrase that makes ``line`` boilerplate, or ``None``.

        A line matches an exact phrase when, folded and stripped of trailing
        punctuation, it equals the phrase. It matches a prefix phrase when it
        starts with it; prefix phrases of fewer than four words only apply to
        short lines (at most 20 words), so that a body sentence that merely
        begins with such a word is never removed.
        """
        key = fold_phrase(line).strip(" .:;,!-–—|>»«\"'*")
        if not key:
            return None
        if key in self.exact:
            return key
        n_words = len(key.split())
        for prefix in self.prefixes:
            if key.startswith(prefix) and (len(prefix.split()) >= 4 or n_words <= 20):
                rest = key[len(prefix) :]
                if not rest or not rest[0].isalnum():
                    return prefix + "*"
        return None


@functools.cache
def _load_phrases(path: Path, mtime: float) -> PhraseList:
    exact: set[str] = set()
    prefixes: list[str] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        entry = raw.strip()
        if not entry or entry.startswith("#"):
            continue
        if entry.endswith("*"):
            prefixes.append(fold_phrase(entry[:-1]))
        else:
            exact.add(fold_phrase(entry).strip(" .:;,!"))
    # Longest prefixes first so the reported phrase is the most specific one.
    prefixes.sort(key=len, reverse=True)
    return PhraseList(frozenset(exact), tuple(prefixes))


def boilerplate_phrases(path: str | Path | None = None) -> PhraseList:
    """Load ``boilerplate_fr.txt`` (or ``path``) — one phrase per line, ``*`` = prefix."""
    file = Path(path) if path is not None else reference_file("boilerplate_fr.txt")
    return _load_phrases(file, file.stat().st_mtime)


@functools.cache
def _chronology_cached(path: str, mtime: float) -> pd.DataFrame:
    chrono = read_table("chronology.csv")
    chrono["start_ts"] = pd.to_datetime(chrono["start"])
    chrono["end_ts"] = pd.to_datetime(chrono["end"].where(chrono["end"] != "", chrono["start"]))
    chrono["participant_set"] = chrono["participants"].map(lambda s: frozenset(p for p in s.split("|") if p))
    chrono["place_key"] = chrono["place"].map(lambda s: fold_phrase(s.split(",")[0]) if s else "")
    return chrono


def chronology() -> pd.DataFrame:
    """``chronology.csv`` (see ``chronology.md``) with parsed ``start_ts``/``end_ts`` (an empty
    ``end`` = the start day), ``participant_set`` (frozenset of actor ids) and ``place_key``
    (folded first part of ``place``); re-read when the file changes. Shared by
    :mod:`diplolib.dates` and :mod:`diplolib.events`, which do not import each other."""
    path = reference_file("chronology.csv")
    return _chronology_cached(str(path), path.stat().st_mtime)
