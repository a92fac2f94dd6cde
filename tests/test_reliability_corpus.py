"""Reader reliability on generated files: every input accounted for, encodings and dialects of
tables, strict JSON types, given dates that do not depend on the run date, NUL padding."""

from __future__ import annotations

import codecs
import json
import os
from pathlib import Path

import pandas as pd
import pytest
from reliability_support import run_python

from diplolib.corpus import parse_published, read_corpus
from diplolib.corpus.sources import OUTPUT_MARKER

BODY = (
    "Le ministre russe des Affaires étrangères a rencontré son homologue américain à Genève, "
    "où les deux hommes ont discuté pendant deux heures de la situation en Ukraine."
)


def _rows(folder: Path) -> dict:
    return read_corpus(folder).set_index("source").to_dict("index")


# --------------------------------------------------------------------------- item 2: file names


def test_file_name_that_is_not_utf8_gets_its_row(tmp_path):
    with open(os.path.join(os.fsencode(tmp_path), b"d\xe9p\xeache.txt"), "wb") as handle:  # Latin-1 name
        handle.write(BODY.encode("utf-8"))
    frame = read_corpus(tmp_path)
    assert list(frame["source"]) == ["dépêche.txt"] and list(frame["status"]) == ["ok"]
    assert any(p.startswith("file_name_encoding") for p in frame["problems"][0])
    frame.to_csv(tmp_path / "articles.csv.out", index=False)  # the table can be written as UTF-8


# --------------------------------------------------------------------------- item 6: every entry has a row


def test_symlinks_loops_and_dangling_links_each_get_a_row(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "zlink").symlink_to(tmp_path / "real")  # second way to the same folder
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    (outside / "b.txt").write_text(BODY + " Deux.", encoding="utf-8")
    (tmp_path / "elsewhere").symlink_to(outside)  # a symlinked sub-folder: followed
    (tmp_path / "real" / "up").symlink_to(tmp_path)  # a loop
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")  # dangling
    rows = _rows(tmp_path)
    assert rows["real/a.txt"]["status"] == "ok"
    assert rows["elsewhere/b.txt"]["status"] == "ok"
    assert rows["zlink/"]["status"] == "rejected" and "already read" in rows["zlink/"]["reason"]
    assert rows["real/up/"]["status"] == "rejected" and "already read" in rows["real/up/"]["reason"]
    assert rows["gone.txt"]["status"] == "rejected" and "dangling symlink" in rows["gone.txt"]["reason"]
    assert len(rows) == 5


UNREADABLE = """
import json, sys
from diplolib.corpus import read_corpus
frame = read_corpus(sys.argv[1])
print(json.dumps(dict(zip(frame["source"], zip(frame["status"], frame["reason"], strict=True), strict=True))))
"""


def test_unreadable_sub_folder_gets_a_row(tmp_path):
    (tmp_path / "ok.txt").write_text(BODY, encoding="utf-8")
    closed = tmp_path / "closed"
    closed.mkdir()
    (closed / "hidden_from_us.txt").write_text(BODY + " Trois.", encoding="utf-8")
    closed.chmod(0)
    try:
        result = run_python(["-c", UNREADABLE, str(tmp_path)], honour_modes=True)
    finally:
        closed.chmod(0o755)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout.strip().splitlines()[-1])
    assert rows["ok.txt"] == ["ok", ""]
    assert rows["closed/"][0] == "rejected" and rows["closed/"][1].startswith("unreadable folder")
    assert len(rows) == 2


def test_folders_of_diplolib_output_tables_are_skipped_with_a_row(tmp_path):
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    marked = tmp_path / "results"
    marked.mkdir()
    (marked / OUTPUT_MARKER).write_text("{}", encoding="utf-8")
    (marked / "articles.csv").write_text(f"text\n{BODY} Quatre.\n", encoding="utf-8")
    old = tmp_path / "old_results"  # an output folder written before the marker existed
    old.mkdir()
    for name in ("articles", "sentences", "tokens"):
        (old / f"{name}.csv").write_text(f"text\n{BODY} {name}\n", encoding="utf-8")
    rows = _rows(tmp_path)
    assert set(rows) == {"a.txt", "results/", "old_results/"}
    assert rows["results/"]["reason"].startswith("skipped: folder holds diplolib's own output tables")
    assert rows["old_results/"]["status"] == "rejected"


# --------------------------------------------------------------------------- item 7: table encodings, dialects


def test_csv_encodings_and_delimiters_are_detected(tmp_path):
    def csv_text(sep: str, suffix: str) -> str:
        return f"text{sep}title{sep}date\n\"{BODY} {suffix}\"{sep}Un titre{sep}2021-03-04\n"

    (tmp_path / "win.csv").write_bytes(csv_text(";", "Un.").encode("cp1252"))
    (tmp_path / "utf16.csv").write_bytes(codecs.BOM_UTF16_LE + csv_text(",", "Deux.").encode("utf-16-le"))
    (tmp_path / "tabs.csv").write_text(csv_text("\t", "Trois."), encoding="utf-8")
    (tmp_path / "semi.csv").write_text(csv_text(";", "Quatre, avec des virgules, partout."), encoding="utf-8")
    rows = _rows(tmp_path)
    assert set(rows) == {"win.csv:1", "utf16.csv:1", "tabs.csv:1", "semi.csv:1"}
    for source, row in rows.items():
        assert row["status"] == "ok", (source, row["reason"])
        assert "\ufffd" not in row["text"] and "Affaires étrangères" in row["text"], source
        assert row["title"] == "Un titre" and row["published"] == "2021-03-04", source
    assert any(p.startswith("encoding:cp1252") for p in rows["win.csv:1"]["problems"])
    assert rows["semi.csv:1"]["text"].endswith("Quatre, avec des virgules, partout.")


# --------------------------------------------------------------------------- item 8: given dates, JSON types


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021", "2021"),
        ("hier", None),
        ("mardi", None),
        ("il y a 3 jours", None),
        ("aujourd'hui", None),
        ("n/a", None),
        ("2021-13-01", None),
        ("2019-05", "2019-05"),
        ("2021-03-04T10:30:00Z", "2021-03-04T10:30"),
        ("3 décembre 2021", "2021-12-03"),
        ("décembre 2021", "2021-12"),
        ("12/03/2021", "2021-03-12"),
        ("24 février 2022 à 14h05", "2022-02-24T14:05"),
        ("12 mars", "--03-12"),
    ],
)
def test_given_dates_are_parsed_without_an_implicit_today(value, expected):
    assert parse_published(value) == expected


def test_date_cells_keep_their_precision_and_bad_ones_are_flagged(tmp_path):
    lines = ["text,date"] + [f'"{BODY} {i}.",{d}' for i, d in enumerate(["2021", "hier", "mardi", "3 décembre 2021"])]
    (tmp_path / "t.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows = _rows(tmp_path)
    got = {s: tuple(None if pd.isna(r[c]) else r[c] for c in ("published", "header_month", "published_source")) for s, r in rows.items()}
    assert got == {
        "t.csv:1": ("2021", None, "metadata"),
        "t.csv:2": (None, None, "none"),
        "t.csv:3": (None, None, "none"),
        "t.csv:4": ("2021-12-03", "2021-12", "metadata"),
    }
    for source in ("t.csv:2", "t.csv:3"):
        assert any(p.startswith("unparsed_date") for p in rows[source]["problems"]), source
    assert not any(p.startswith("unparsed_date") for p in rows["t.csv:1"]["problems"])


def test_json_text_that_is_not_a_string_is_rejected_with_its_reason(tmp_path):
    values = [123, True, ["un", "deux"], {"corps": BODY}, BODY + " Cinq."]
    lines = [json.dumps({"text": v, "title": ["pas", "un titre"] if i == 4 else "Titre"}) for i, v in enumerate(values)]
    (tmp_path / "l.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows = _rows(tmp_path)
    for n, kind in zip(range(1, 5), ["number", "boolean", "array", "object"], strict=True):
        row = rows[f"l.jsonl:{n}"]
        assert row["status"] == "rejected" and row["reason"] == f"bad_text: 'text' is a JSON {kind}, not a string"
    last = rows["l.jsonl:5"]
    assert last["status"] == "ok" and pd.isna(last["title"]) and "bad_field:title (JSON array ignored)" in last["problems"]


# --------------------------------------------------------------------------- item 9: NUL padding


def test_nul_padded_text_is_read_and_flagged(tmp_path):
    (tmp_path / "padded.txt").write_bytes(BODY.encode("utf-8") + b"\x00" * 4096)
    (tmp_path / "inner.txt").write_bytes(BODY.encode("utf-8") + b"\x00" * 16 + b" suite")
    rows = _rows(tmp_path)
    padded = rows["padded.txt"]
    assert padded["status"] == "ok" and padded["text"] == BODY
    assert "nul_padding:4096 (trailing NUL bytes removed)" in padded["problems"]
    assert rows["inner.txt"]["status"] == "rejected" and rows["inner.txt"]["reason"].startswith("binary")
