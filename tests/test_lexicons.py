"""Lexicons: the project file, matching, and user dictionaries (Lexicoder, FEEL) built in tmp."""

from __future__ import annotations

import pandas as pd
import pytest

from diplolib import lexicons, tone
from diplolib.lexicons import Entry, Lexicon, token_keys
from diplolib.reference import reference_file

from tone_support import corpus_of, row_of


@pytest.fixture(scope="module")
def project():
    return lexicons.load_lexicon()


def keys(*lemmas):
    return [(w,) for w in lemmas]


def test_project_lexicon_scores_are_divided_by_three(project):
    table = pd.read_csv(reference_file("tone_lexicon.csv"), dtype=str, keep_default_na=False)
    assert len(project) == len(table)
    assert project.single["invasion"] == pytest.approx(-1.0)
    assert project.single["tension"] == pytest.approx(-1 / 3)
    assert project.single["paix"] == pytest.approx(1.0)
    assert project.multi[("levée", "de", "le", "sanction")] == pytest.approx(2 / 3)
    assert all(-1 <= e.score <= 1 for e in project.entries)
    assert project.get("risque").is_cue and project.get("risque").category == "uncertainty"


def test_longest_match_first_and_no_overlap(project):
    found = project.match(keys("le", "levée", "de", "le", "sanction", "être", "un", "bon", "nouvelle"))
    assert [(m.start, m.end, m.entry.term) for m in found] == [(1, 5, "levée de le sanction"), (7, 8, "bon")]
    found = project.match(keys("nous", "être", "de", "accord"))
    assert [m.entry.term for m in found] == ["de accord"]


def test_token_keys_reduce_participles_to_the_masculine_singular():
    assert "tendu" in token_keys("tendues", "tendre", "ADJ", "Gender=Fem|Number=Plur")
    assert "apaisé" in token_keys("apaisées", "apaiser", "VERB", "Gender=Fem|Number=Plur|Tense=Past|VerbForm=Part")
    assert token_keys("Sanctions", "sanction", "NOUN", "")[:2] == ("sanction", "sanctions")


def test_lemma_beats_surface_for_single_words():
    lex = Lexicon.from_entries("t", [Entry("offrir", ("offrir",), 0.5, 1), Entry("offre", ("offre",), -0.5, -1)])
    assert lex.match([("offrir", "offre")])[0].entry.term == "offrir"


def test_merge_keeps_the_first_lexicon_on_conflicts(project):
    mine = Lexicon.from_entries("mine", [Entry("sanction", ("sanction",), 0.1, 0.1), Entry("zzz", ("zzz",), 1.0, 1)])
    merged = mine.merge(project)
    assert merged.single["sanction"] == 0.1 and merged.single["zzz"] == 1.0 and "paix" in merged.single


LC3 = """+NEGATIVE
\tabandon*
\tmenac*
\tpas bon
+POSITIVE
\tcoopér*
\td'accord
+NEG_POSITIVE
\tpas bien
+NEG_NEGATIVE
\tpas mal
"""

CAT = """NEGATIVE
\tABANDON* (1)
\tMENAC* (1)
POSITIVE
\tCOOPÉR* (1)
\tACCORD (1)
NEUTRAL
\tTABLE (1)
"""


def test_lexicoder_lc3(tmp_path):
    path = tmp_path / "mini.lc3"
    path.write_text(LC3, encoding="utf-8")
    lex = lexicons.from_lexicoder(path)
    assert lex.get("abandon*").score == -1 and lex.get("coopér*").score == 1
    assert lex.get("pas bien").score == -1 and lex.get("pas mal").score == 1  # negated-category conventions
    found = lex.match([("abandonner", "abandonnés"), ("coopération",), ("de", "d'"), ("accord",)])
    assert [(m.start, m.end, m.entry.term) for m in found] == [(0, 1, "abandon*"), (1, 2, "coopér*"), (2, 4, "d'accord")]
    custom = lexicons.from_lexicoder(path, mapping={"negative": -0.5})
    assert custom.get("menac*").score == -0.5 and custom.get("coopér*") is None


def test_wordstat_cat_with_weights_and_unmapped_categories(tmp_path):
    path = tmp_path / "mini.cat"
    path.write_text(CAT, encoding="cp1252")
    lex = lexicons.from_lexicoder(path)
    assert {e.term for e in lex.entries} == {"ABANDON*", "MENAC*", "COOPÉR*", "ACCORD"}
    assert lex.get("accord").score == 1 and lex.get("menac*").category == "NEGATIVE"


def test_feel_with_header_and_without(tmp_path):
    full = tmp_path / "FEEL.csv"
    full.write_text("id;word;polarity;joy;fear;sadness;anger;surprise;disgust\n"
                    "1;menace;negative;0;1;0;0;0;0\n2;apaisement;positive;1;0;0;0;0;0\n3;à bras ouverts;positive;1;0;0;0;0;0\n",
                    encoding="utf-8")
    lex = lexicons.from_feel(full)
    assert lex.get("menace").score == -1 and lex.get("apaisement").score == 1
    assert lex.get("à bras ouverts").elements == ("à", "bras", "ouverts")
    short = tmp_path / "pairs.csv"
    short.write_text("rupture;negative\nd'accord;positive\nneutre;neutral\n", encoding="utf-8")
    lex2 = lexicons.from_feel(short)
    assert lex2.get("rupture").score == -1 and lex2.get("d'accord").elements == ("d'", "accord")
    assert lex2.get("neutre") is None


def test_as_lexicon_dispatches_on_the_file(tmp_path, project):
    assert lexicons.as_lexicon(None) is lexicons.project_lexicon()
    lc3 = tmp_path / "x.lc3"
    lc3.write_text(LC3, encoding="utf-8")
    assert lexicons.as_lexicon(lc3).get("menac*") is not None
    own = tmp_path / "own.csv"
    own.write_text("term,score,category,pos,notes\nfroid,-3,conflict,ADJ,\n", encoding="utf-8")
    assert lexicons.as_lexicon(own).single["froid"] == -1.0
    feel = tmp_path / "feel.csv"
    feel.write_text("froid;negative\n", encoding="utf-8")
    assert lexicons.as_lexicon(feel).single["froid"] == -1.0


def test_a_user_dictionary_drives_sentence_tone(tmp_path):
    text = "Moscou menace de rompre les relations."
    corpus = corpus_of((text,))
    path = tmp_path / "mini.lc3"
    path.write_text(LC3, encoding="utf-8")
    t = tone.sentences(corpus, lexicon=lexicons.from_lexicoder(path), quotes=False)
    row = row_of(t, text)
    assert row["score"] == -1 and [h["term"] for h in row["hits"]] == ["menac*"]
