"""The knowledge files under data/reference/ are consistent and documented."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from diplolib.reference import read_table
from diplolib.text import fold_phrase

ROOT = Path(__file__).resolve().parents[1]
#: Event types shared by chronology.csv and diplolib.events (issue 13).
EVENT_TYPES = {
    "meeting", "phone_call", "video_call", "summit", "talks", "visit", "agreement", "statement_of_intent", "sanction",
    "expulsion", "treaty_withdrawal", "threat", "accusation", "military_action", "prisoner_exchange", "other",
}
REF = ROOT / "data" / "reference"


def _split(cell: str) -> list[str]:
    return [p for p in cell.split("|") if p.strip()]


def test_every_reference_file_is_documented():
    docs = {p.stem for p in REF.glob("*.md")}
    readme = (REF / "README.md").read_text()
    for path in REF.iterdir():
        if path.suffix in (".csv", ".txt"):
            assert path.name in readme, f"{path.name} is not listed in data/reference/README.md"
            documented = path.stem in docs or any(path.name in (REF / f"{d}.md").read_text() for d in docs)
            assert documented or path.read_text().startswith("#"), f"{path.name} has no header comment or .md"


def test_actor_ids_unique_and_aliases_resolve_to_one_actor():
    actors = read_table("actors.csv")
    assert actors["actor_id"].is_unique
    assert set(actors["type"]) <= {"person", "institution", "state", "organisation"}
    assert set(actors["side"]) <= {"RU", "US", "UA", "EU", "NATO", "other"}
    owner: dict[str, str] = {}
    for r in actors.itertuples():
        for alias in {fold_phrase(a) for a in [r.name, *_split(r.aliases), *_split(r.metonyms)]}:
            assert owner.setdefault(alias, r.actor_id) == r.actor_id, f"{alias!r} names {owner[alias]} and {r.actor_id}"


def test_office_tenures_parse_and_single_holders_do_not_overlap():
    roles = read_table("office_roles.csv").set_index("office_id")
    tenures = read_table("offices.csv")
    actors = set(read_table("actors.csv")["actor_id"])
    assert set(tenures["actor_id"]) <= actors
    assert set(tenures["office_id"]) <= set(roles.index)
    tenures["start_ts"] = pd.to_datetime(tenures["start"], format="%Y-%m-%d")
    tenures["end_ts"] = pd.to_datetime(tenures["end"].replace("", "2100-01-01"), format="%Y-%m-%d")
    assert (tenures["end_ts"] >= tenures["start_ts"]).all()
    for office, group in tenures.groupby("office_id"):
        if roles.at[office, "single_holder"] != "true":
            continue
        g = group.sort_values("start_ts")
        overlap = g["start_ts"].iloc[1:].to_numpy() <= g["end_ts"].iloc[:-1].to_numpy()
        assert not overlap.any(), f"overlapping tenures in {office}"
    phrases: dict[str, str] = {}
    for office, r in roles.iterrows():
        for phrase in _split(r["role_phrases"]):
            assert phrases.setdefault(fold_phrase(phrase), office) == office, phrase
        for counterpart in _split(r["counterpart"]):
            side, target = counterpart.split(":")
            assert target in roles.index and roles.at[target, "side"] == side, counterpart


def test_chronology_is_dated_typed_and_linked_to_actors():
    chrono = read_table("chronology.csv")
    actors = set(read_table("actors.csv")["actor_id"])
    assert len(chrono) > 100 and chrono["event_id"].is_unique
    start = pd.to_datetime(chrono["start"], format="%Y-%m-%d")
    end = pd.to_datetime(chrono["end"].where(chrono["end"] != "", chrono["start"]), format="%Y-%m-%d")
    assert (end >= start).all()
    assert {p for ps in chrono["participants"] for p in _split(ps)} <= actors
    assert (start <= pd.Timestamp.today()).all(), "the chronology lists only events that have happened"
    years = start[start >= "2013-01-01"].dt.year
    assert set(years) == set(range(2013, years.max() + 1)), "every year since 2013 is covered"
    assert len(chrono) > 600
    assert set(chrono["type"]) <= EVENT_TYPES
    assert (chrono["source"] != "").all() and (chrono["description"] != "").all()
    owner: dict[str, str] = {}
    for r in chrono.itertuples():
        for kw in _split(r.keywords):
            assert owner.setdefault(fold_phrase(kw), r.event_id) == r.event_id, kw


def test_tone_lexicon_is_large_and_well_formed():
    lex = read_table("tone_lexicon.csv")
    assert len(lex) >= 600 and lex["term"].is_unique
    assert lex["score"].astype(int).between(-3, 3).all()
    assert set(lex["category"]) == {"cooperation", "conflict", "evaluation", "uncertainty"}
