"""The corpus reader on the seed articles, on generated bad files, and on arbitrary input."""

from __future__ import annotations

import codecs
import hashlib
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diplolib import read_corpus
from diplolib.corpus import clean_text, decode_bytes, problem_codes
from diplolib.reference import boilerplate_phrases

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"


@pytest.fixture(scope="module")
def seeds():
    return read_corpus(RAW).set_index("source")


def test_seed_files_are_the_shipped_seeds_byte_for_byte():
    # tests/data/seeds.sha256 holds the SHA-256 of the five seed articles as delivered:
    # data/raw/ must hold exactly them, unchanged.
    expected = dict(line.split()[::-1] for line in (ROOT / "tests" / "data" / "seeds.sha256").read_text().splitlines())
    assert sorted(expected) == sorted(p.name for p in RAW.iterdir())
    for name, digest in expected.items():
        assert hashlib.sha256((RAW / name).read_bytes()).hexdigest() == digest


def test_seeds_give_five_ok_rows(seeds):
    assert len(seeds) == 5
    assert set(seeds["status"]) == {"ok"}
    assert seeds["article_id"].is_unique


def test_header_date_is_parsed_and_taken_out_of_the_text(seeds):
    row = seeds.loc["000_7e25232c755b069a.txt"]
    assert row["header_date"] == "2021-10"
    assert row["header_month"] == "2021-10"
    assert row["text"].startswith("Le secrétaire d'État américain John Kerry")
    assert "date 2021" not in row["text"]
    undated = seeds.loc["003_d8b578da4eb6d4de.txt"]
    assert undated["header_month"] is None or undated["header_month"] != undated["header_month"]
    assert "no_date" in problem_codes(undated["problems"])


def test_lost_apostrophes_are_repaired_and_counted(seeds):
    row = seeds.loc["000_7e25232c755b069a.txt"]
    assert "d'État" in row["text"] and "d?État" not in row["text"]
    codes = dict(p.split(" ")[0].split(":") for p in row["problems"] if p.startswith("mojibake_apostrophe"))
    assert int(codes["mojibake_apostrophe"]) == 2


def test_web_page_furniture_of_seed_002_is_removed_and_audited(seeds):
    row = seeds.loc["002_02df2d995b8066f2.txt"]
    removed = row["removed"]
    for line in ("Connectez-vous", "Cliquez pour commenter", "Laisser une réponse", "Advertisement", "Louisa-Carla (coll)"):
        assert line in removed
        assert not re.search(rf"^{re.escape(line)}$", row["text"], re.M)
    assert any(line.startswith("Votre adresse e-mail ne sera pas publiée") for line in removed)
    assert "Votre adresse e-mail" not in row["text"]
    assert "Continuer la lecture" not in row["text"]
    assert row["title"] == "Poutine et Biden pourraient s'entretenir par visioconférence, selon le Kremlin"
    # Body text survives, including the related-article line kept as text and the quotes.
    assert "Le travail est en cours. Il s'agit d'une visioconférence»" in row["text"]
    assert row["text"].rstrip().endswith("n'ont cessé d'exprimer leur inquiétude à ce sujet.")


def test_seed_003_title_and_trailing_domain(seeds):
    row = seeds.loc["003_d8b578da4eb6d4de.txt"]
    assert row["title"] == "Rencontre entre diplomates russes et américains jeudi à Istanbul"
    assert row["text"].startswith(row["title"] + "\n")
    assert "expresso.pt" in row["removed"]
    assert "expresso.pt" not in row["text"]


def test_typography_is_normalised(seeds):
    text = seeds.loc["002_02df2d995b8066f2.txt"]["text"]
    assert "\u2019" not in text and "\u00a0" not in text
    assert "l'Ukraine" in text


# --------------------------------------------------------------------------- bad files

BODY = (
    "Le ministre russe des Affaires étrangères a rencontré son homologue américain à Genève, "
    "où les deux hommes ont discuté pendant deux heures de la situation en Ukraine."
)


@pytest.fixture()
def bad_folder(tmp_path: Path) -> Path:
    d = tmp_path / "bad"
    (d / "sub").mkdir(parents=True)
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.txt").write_bytes(b"   \n\t\n  ")
    (d / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (d / "undecodable.txt").write_bytes(b"\x81\x8d\x8f\x90\x9d" * 40 + b"texte")
    (d / "big.txt").write_bytes(b"a" * 2000)
    (d / "cp1252.txt").write_bytes(("date 2019-05 " + BODY + " \u2019 \u0153uvre").encode("cp1252"))
    (d / "crlf.txt").write_bytes(("Titre de l'article sur Genève\r\n\r\n" + BODY + "\r\n").encode("utf-8"))
    (d / "cr_only.txt").write_bytes(("Autre titre sur la Russie\r\r" + BODY.replace("Genève", "Vienne") + "\r").encode("utf-8"))
    (d / "utf16.txt").write_bytes(codecs.BOM_UTF16_LE + (BODY + " Bis.").encode("utf-16-le"))
    (d / "utf8bom.txt").write_bytes(codecs.BOM_UTF8 + (BODY + " Ter.").encode("utf-8"))
    (d / "sub" / "duplicate.txt").write_bytes(("Titre de l'article sur Genève\n\n" + BODY + "\n").encode("utf-8"))
    (d / "only_boilerplate.txt").write_text("Connectez-vous\n\nPublicité\n\nCliquez pour commenter\n", encoding="utf-8")
    (d / "notes.md").write_text("# not an article", encoding="utf-8")
    (d / ".hidden.txt").write_text(BODY, encoding="utf-8")
    (d / "table.csv").write_text(
        'text,title,date,url,id\n"' + BODY + ' Quatre.",Un titre,3 décembre 2021,https://ex.fr/a,a1\n,,,,\n', encoding="utf-8"
    )
    (d / "lines.jsonl").write_text(
        json.dumps({"text": BODY + " Cinq.", "date": "2022-02-24"}) + "\n{not json\n" + json.dumps({"title": "sans texte"}) + "\n",
        encoding="utf-8",
    )
    return d


def test_bad_files_each_get_a_row_with_the_right_status(bad_folder: Path):
    frame = read_corpus(bad_folder, max_bytes=1000).set_index("source")
    expected = {
        "empty.txt": ("rejected", "empty"),
        "blank.txt": ("rejected", "empty"),
        "binary.txt": ("rejected", "binary"),
        "undecodable.txt": ("rejected", "undecodable"),
        "big.txt": ("rejected", "too_large"),
        "cp1252.txt": ("ok", ""),
        "crlf.txt": ("ok", ""),
        "cr_only.txt": ("ok", ""),
        "utf16.txt": ("ok", ""),
        "utf8bom.txt": ("ok", ""),
        "sub/duplicate.txt": ("duplicate", "same clean text as crlf.txt"),
        "only_boilerplate.txt": ("rejected", "empty"),
        "notes.md": ("rejected", "unsupported"),
        "table.csv:1": ("ok", ""),
        "table.csv:2": ("rejected", "empty"),
        "lines.jsonl:1": ("ok", ""),
        "lines.jsonl:2": ("rejected", "unreadable row"),
        "lines.jsonl:3": ("rejected", "no 'text'"),
    }
    assert sorted(frame.index) == sorted(expected)
    for source, (status, reason) in expected.items():
        assert frame.at[source, "status"] == status, source
        assert frame.at[source, "reason"].startswith(reason), (source, frame.at[source, "reason"])


def test_encodings_and_line_ends_are_decoded(bad_folder: Path):
    frame = read_corpus(bad_folder, max_bytes=1000).set_index("source")
    cp = frame.loc["cp1252.txt"]
    assert "Affaires étrangères" in cp["text"] and "œuvre" in cp["text"]
    assert any(p.startswith("encoding:cp1252") for p in cp["problems"])
    assert cp["header_month"] == "2019-05"
    assert "\r" not in frame.loc["crlf.txt"]["text"] and "\r" not in frame.loc["cr_only.txt"]["text"]
    assert frame.loc["crlf.txt"]["title"] == "Titre de l'article sur Genève"
    assert frame.loc["cr_only.txt"]["title"] == "Autre titre sur la Russie"
    assert frame.loc["utf16.txt"]["text"].endswith("Bis.")
    assert frame.loc["utf8bom.txt"]["text"].startswith("Le ministre")
    row = frame.loc["table.csv:1"]
    assert (row["title"], row["url"], row["header_month"]) == ("Un titre", "https://ex.fr/a", "2021-12")
    assert frame.loc["lines.jsonl:1"]["header_month"] == "2022-02"


def test_missing_folder_is_the_only_error(tmp_path: Path):
    with pytest.raises(FileNotFoundError, match="corpus folder not found"):
        read_corpus(tmp_path / "nope")


def test_real_question_marks_are_left_alone():
    phrases = boilerplate_phrases()
    text = "Que fera Moscou? Personne ne le sait. Pourquoi?Parce que. Est-ce l'heure ? Oui. " * 2
    cleaned = clean_text(text, phrases)
    assert cleaned.text.count("?") == text.count("?")
    assert "mojibake_apostrophe" not in " ".join(cleaned.problems)


def test_body_sentence_starting_like_boilerplate_is_kept():
    phrases = boilerplate_phrases()
    body = (
        "Publicité mensongère : le Kremlin accuse Washington de mener une campagne contre la Russie "
        "dans plusieurs pays européens depuis des mois, selon un communiqué publié mardi soir."
    )
    cleaned = clean_text("Titre du jour sur Moscou\n\n" + body + "\n\nPublicité\n", phrases)
    assert body in cleaned.text
    assert cleaned.removed == ["Publicité"]


# --------------------------------------------------------------------------- properties


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000))
def test_arbitrary_bytes_never_crash_the_reader(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "a.txt").write_bytes(data)
    (folder / "b.csv").write_bytes(data)
    (folder / "c.jsonl").write_bytes(data)
    frame = read_corpus(folder)
    assert len(frame) >= 3
    assert set(frame["status"]) <= {"ok", "duplicate", "rejected"}
    assert decode_bytes(data) is not None


_word = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéèàùçôABCDEFGHÉ", min_size=1, max_size=12)
_line = st.lists(_word, min_size=1, max_size=30).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(lines=st.lists(_line, min_size=1, max_size=12), seps=st.sampled_from(["\n", "\n\n", "\r\n", "\r\n\r\n"]))
def test_every_body_word_survives(lines, seps):
    raw = seps.join(lines) + "."
    cleaned = clean_text(raw, boilerplate_phrases())
    removed = set(cleaned.removed)
    kept_words = set(cleaned.text.split())
    for line in (seps.join(lines) + ".").replace("\r", "\n").split("\n"):
        if line.strip() and line.strip() not in removed:
            for word in line.split():
                assert word in kept_words or word.rstrip(".") in kept_words
