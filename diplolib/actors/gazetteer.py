"""The gazetteer: folded word n-grams of ``data/reference`` → actors, offices, nationalities.

Built once per reference folder (rebuilt when its files change) from
``actors.csv``, ``office_roles.csv``, ``offices.csv`` and ``nationalities.csv``
(see ``actors.md``).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from diplolib.reference import read_table, reference_dir
from diplolib.text import fold_phrase

_TOKEN = re.compile(r"\w+|[^\w\s]")
_PRIORITY = {"name": 0, "alias": 1, "role": 2, "metonym": 3, "surname": 4, "roles": 2}


def _tokens(folded: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(folded)]


def _key(phrase: str) -> str:
    return " ".join(t for _, _, t in _tokens(fold_phrase(phrase)))


@dataclass
class Gazetteer:
    """Folded n-gram → what it designates, built from the reference tables."""

    actors: pd.DataFrame
    roles: pd.DataFrame
    tenures: pd.DataFrame
    nationalities: dict[str, str]
    nationality_states: dict[str, str]
    entries: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    first: dict[str, list[int]] = field(default_factory=dict)
    surnames: dict[str, list[str]] = field(default_factory=dict)
    #: office_id → (actor_ids, start days, end days) as numpy arrays (days since epoch), for fast lookups.
    by_office: dict[str, tuple] = field(default_factory=dict)
    #: (office_id, actor_id) → (first start, last end) of that person's tenures of that office.
    tenure_span: dict[tuple[str, str], tuple[pd.Timestamp, pd.Timestamp]] = field(default_factory=dict)
    #: actor_id → (first start, last end) over all the offices the person held.
    office_hull: dict[str, tuple[pd.Timestamp, pd.Timestamp]] = field(default_factory=dict)

    def add(self, phrase: str, target: str, kind: str) -> None:
        key = _key(phrase)
        if not key:
            return
        bucket = self.entries.setdefault(key, [])
        if (target, kind) not in bucket:
            bucket.append((target, kind))
        n = len(key.split(" "))
        lengths = self.first.setdefault(key.split(" ")[0], [])
        if n not in lengths:
            lengths.append(n)
            lengths.sort(reverse=True)


def _split(cell: str) -> list[str]:
    return [p.strip() for p in cell.split("|") if p.strip()]


@functools.cache
def _gazetteer_cached(folder: str, stamp: tuple) -> Gazetteer:
    actors = read_table("actors.csv").set_index("actor_id", drop=False)
    roles = read_table("office_roles.csv").set_index("office_id", drop=False)
    tenures = read_table("offices.csv")
    tenures["start_ts"] = pd.to_datetime(tenures["start"])
    tenures["end_ts"] = pd.to_datetime(tenures["end"].replace("", "2262-01-01"))
    nat = read_table("nationalities.csv")
    adjectives = [fold_phrase(a) for a in nat["adjective"]]
    g = Gazetteer(
        actors, roles, tenures,
        dict(zip(adjectives, nat["side"], strict=True)), dict(zip(adjectives, nat["state_id"], strict=True)),
    )
    for row in actors.itertuples():
        person = row.type == "person"
        g.add(row.name, row.actor_id, "name")
        for alias in _split(row.aliases):
            single = len(_key(alias).split(" ")) == 1
            g.add(alias, row.actor_id, "surname" if person and single else "alias")
        for metonym in _split(row.metonyms):
            g.add(metonym, row.actor_id, "metonym")
        if person and row.surname:
            g.add(row.surname, row.actor_id, "surname")
            g.surnames.setdefault(_key(row.surname), []).append(row.actor_id)
        if person:
            for alias in _split(row.aliases):
                if len(_key(alias).split(" ")) == 1:
                    g.surnames.setdefault(_key(alias), [])
                    if row.actor_id not in g.surnames[_key(alias)]:
                        g.surnames[_key(alias)].append(row.actor_id)
    # A word that is both an actor's name and its metonym ("Kremlin") is a metonym.
    for key, bucket in g.entries.items():
        metonymic = {t for t, k in bucket if k == "metonym"}
        g.entries[key] = [(t, k) for t, k in bucket if not (t in metonymic and k in ("name", "alias"))]
    # Role phrases, and their coordinated plurals: "présidents russe et américain".
    heads: dict[str, list[tuple[str, str]]] = {}
    for row in roles.itertuples():
        for phrase in _split(row.role_phrases):
            g.add(phrase, row.office_id, "role")
            words = _key(phrase).split(" ")
            if len(words) >= 2 and words[-1] in g.nationalities:
                heads.setdefault(" ".join(words[:-1]), []).append((words[-1], row.office_id))
    for head, members in heads.items():
        hw = head.split(" ")
        plural = " ".join([hw[0] + "s", *hw[1:]])
        for adj1, off1 in members:
            for adj2, off2 in members:
                if off1 != off2:
                    g.add(f"{plural} {adj1} et {adj2}", f"{off1}|{off2}", "roles")
    day = np.timedelta64(1, "D")
    for office, t in tenures.groupby("office_id", sort=False):
        g.by_office[office] = (
            t["actor_id"].to_numpy(),
            (t["start_ts"].to_numpy() - np.datetime64(0, "D")) // day,
            (t["end_ts"].to_numpy() - np.datetime64(0, "D")) // day,
        )
    spans = tenures.groupby(["office_id", "actor_id"], sort=False).agg(lo=("start_ts", "min"), hi=("end_ts", "max"))
    g.tenure_span = {k: (lo, hi) for k, lo, hi in zip(spans.index, spans["lo"], spans["hi"], strict=True)}
    hulls = tenures.groupby("actor_id", sort=False).agg(lo=("start_ts", "min"), hi=("end_ts", "max"))
    g.office_hull = {a: (lo, hi) for a, lo, hi in zip(hulls.index, hulls["lo"], hulls["hi"], strict=True)}
    return g


def gazetteer() -> Gazetteer:
    """The gazetteer for the current reference folder (rebuilt when its files change)."""
    folder = reference_dir()
    stamp = tuple(
        (p.name, p.stat().st_mtime) for p in sorted(folder.glob("*.csv")) if p.name in {"actors.csv", "office_roles.csv", "offices.csv", "nationalities.csv"}
    )
    return _gazetteer_cached(str(folder), stamp)


def actors_table() -> pd.DataFrame:
    """``actors.csv`` as a table (actor_id, name, type, side, surname, aliases, metonyms)."""
    return gazetteer().actors.reset_index(drop=True)
