"""Event vocabulary: triggers (``event_triggers.csv``), modifiers (``event_modifiers.csv``),
status codes (``event_status_codes.csv``) and the type families used to compare events."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import pandas as pd

from diplolib.reference import read_table, reference_file

#: Event types (the dev-set coding scheme, ``gold_events.csv``).
TYPES = (
    "meeting", "phone_call", "video_call", "summit", "talks", "visit", "agreement", "statement_of_intent",
    "sanction", "expulsion", "treaty_withdrawal", "threat", "accusation", "military_action", "prisoner_exchange", "other",
)
#: Types that can describe the same real event ("a visit to hold talks at a meeting").
FAMILY = {
    "meeting": "contact", "talks": "contact", "visit": "contact", "summit": "contact",
    "phone_call": "call", "video_call": "call",
    "agreement": "cooperation", "statement_of_intent": "cooperation",
    "sanction": "measure", "expulsion": "measure", "treaty_withdrawal": "measure",
    "threat": "verbal_conflict", "accusation": "verbal_conflict", "other": "verbal_conflict",
    "military_action": "force", "prisoner_exchange": "exchange",
}
#: Symmetric types: both sides act together (participants, no source→target direction).
SYMMETRIC = {"meeting", "phone_call", "video_call", "summit", "talks", "agreement", "prisoner_exchange"}
#: CAMEO root classes (first two digits of the code), for colours and legends.
CAMEO_ROOTS = {
    "01": "Make public statement", "02": "Appeal", "03": "Express intent to cooperate", "04": "Consult",
    "05": "Engage in diplomatic cooperation", "06": "Engage in material cooperation", "07": "Provide aid",
    "08": "Yield", "09": "Investigate", "10": "Demand", "11": "Disapprove", "12": "Reject", "13": "Threaten",
    "14": "Protest", "15": "Exhibit force posture", "16": "Reduce relations", "17": "Coerce", "18": "Assault",
    "19": "Fight", "20": "Use unconventional mass violence",
}


@dataclass(frozen=True)
class Trigger:
    """One row of ``event_triggers.csv``."""

    lemma: str
    pos: str
    type: str
    cameo_code: str
    goldstein: float
    requires: str


@dataclass(frozen=True)
class Lexicon:
    """Triggers by (lemma, POS) (several rows may share a key; the first whose requirement holds wins),
    modifiers by role (``type``, ``status``), and status codes by (status, polarity)."""

    triggers: dict[tuple[str, str], tuple[Trigger, ...]]
    type_modifiers: dict[str, str]
    status_modifiers: dict[str, str]
    status_codes: dict[tuple[str, str], tuple[str, float]]
    type_codes: dict[str, tuple[str, float]]


@functools.cache
def _lexicon(stamp: tuple) -> Lexicon:
    t = read_table("event_triggers.csv")
    by: dict[tuple[str, str], list[Trigger]] = {}
    for r in t.itertuples():
        by.setdefault((r.lemma, r.pos), []).append(Trigger(r.lemma, r.pos, r.type, str(r.cameo_code), float(r.goldstein), r.requires))
    m = read_table("event_modifiers.csv")
    s = read_table("event_status_codes.csv")
    return Lexicon(
        {k: tuple(v) for k, v in by.items()},
        dict(zip(m.loc[m["role"] == "type", "lemma"], m.loc[m["role"] == "type", "value"], strict=True)),
        dict(zip(m.loc[m["role"] == "status", "lemma"], m.loc[m["role"] == "status", "value"], strict=True)),
        {(r.status, r.polarity): (str(r.cameo_code), float(r.goldstein)) for r in s.itertuples()},
        {ty: (str(c), float(v)) for ty, c, v in zip(t["type"][::-1], t["cameo_code"][::-1], t["goldstein"][::-1], strict=True)},
    )


def lexicon() -> Lexicon:
    """The event lexicon of the current reference folder (reloaded when its files change)."""
    names = ("event_triggers.csv", "event_modifiers.csv", "event_status_codes.csv")
    return _lexicon(tuple(reference_file(n).stat().st_mtime for n in names))


def code_for(type_: str, status: str, cameo_code: str, goldstein: float) -> tuple[str, float]:
    """CAMEO code and Goldstein value of an event given its status.

    A happened event keeps its trigger's code. Planned or proposed acts are intents
    (cooperative: 030 *Express intent to cooperate*; conflictual: 130 *Threaten*);
    cancelled contacts are 125 *Reject proposal to meet*; denied events are 016.
    The table is ``event_status_codes.csv``.
    """
    if status == "happened" or type_ in ("statement_of_intent", "threat"):
        return cameo_code, goldstein
    polarity = "cooperative" if goldstein > 0 else "conflictual"
    return lexicon().status_codes.get((status, polarity), (cameo_code, goldstein))


def triggers_table() -> pd.DataFrame:
    """``event_triggers.csv`` as a DataFrame (for documentation and notebooks)."""
    return read_table("event_triggers.csv")
