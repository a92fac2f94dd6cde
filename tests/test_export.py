"""Exports users continue with: IRaMuTeQ corpus text and TXM XML-TEI (CoNLL-U is tested in test_nlp_spacy)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pandas as pd
import pytest

from diplolib.corpus import read_corpus
from diplolib.export import iramuteq_value, to_iramuteq, to_txm

import formats_support as fs

TEI = "{http://www.tei-c.org/ns/1.0}"


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> pd.DataFrame:
    folder = tmp_path_factory.mktemp("exp")
    fs.europresse(folder)
    fs.english_page(folder)
    return read_corpus(folder)


def test_iramuteq_has_one_starred_line_per_ok_article(articles, tmp_path):
    path = to_iramuteq(articles, tmp_path / "corpus.txt")
    text = path.read_text(encoding="utf-8")
    stars = [line for line in text.splitlines() if line.startswith("****")]
    assert stars == [
        "**** *year_2021 *outlet_lexempledusoir",
        "**** *year_2021 *outlet_lecourrierexemplaire",
        "**** *year_2022 *outlet_lexempledusoir",
    ]
    assert "Talks in Geneva" not in text  # rejected (English) articles are not exported
    assert fs.BODIES["sanctions"][0] in text
    assert all("*" not in line for line in text.splitlines() if not line.startswith("****"))


def test_iramuteq_variables_are_configurable_and_missing_values_say_na(articles, tmp_path):
    text = to_iramuteq(articles, tmp_path / "c.txt", variables=("month", "author")).read_text(encoding="utf-8")
    stars = [line for line in text.splitlines() if line.startswith("****")]
    assert stars[0] == "**** *month_2021_04 *author_pauldurand"
    assert stars[1] == "**** *month_2021_11 *author_na"


def test_iramuteq_values_are_ascii_letters_and_digits():
    assert iramuteq_value("Le Monde") == "lemonde"
    assert iramuteq_value("L'Humanité (édition)") == "lhumaniteedition"
    assert iramuteq_value(None) == "na"


def test_txm_writes_tei_files_with_metadata_and_a_csv(articles, tmp_path):
    folder = to_txm(articles, tmp_path / "txm")
    ok = articles[articles["status"] == "ok"]
    assert sorted(p.stem for p in folder.glob("*.xml")) == sorted(ok["article_id"])
    meta = pd.read_csv(folder / "metadata.csv", keep_default_na=False)
    assert list(meta["id"]) == list(ok["article_id"])
    assert meta["outlet"].tolist() == ok["outlet"].tolist() and meta["year"].astype(str).tolist() == ["2021", "2021", "2022"]
    first = ok.iloc[0]
    root = ET.parse(folder / f"{first['article_id']}.xml").getroot()
    assert root.tag == f"{TEI}TEI"
    assert root.find(f".//{TEI}titleStmt/{TEI}title").text == first["title"]
    assert root.find(f".//{TEI}titleStmt/{TEI}author").text == "Paul Durand"
    assert root.find(f".//{TEI}publicationStmt/{TEI}publisher").text == "L'Exemple du Soir"
    assert root.find(f".//{TEI}publicationStmt/{TEI}date").get("when") == "2021-04-15"
    text = root.find(f"{TEI}text")
    assert (text.get("outlet"), text.get("year"), text.get("lang")) == ("L'Exemple du Soir", "2021", "fr")
    assert text.find(f"{TEI}body/{TEI}head").text == first["title"]
    paras = [p.text for p in text.findall(f"{TEI}body/{TEI}p")]
    assert paras == fs.BODIES["sanctions"]
    assert re.search(r"^<\?xml version='1.0' encoding='UTF-8'\?>", (folder / f"{first['article_id']}.xml").read_text(encoding="utf-8"))
