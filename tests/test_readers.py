"""Readers of every input format: text, metadata, and one row per article (nothing silently dropped)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diplolib.corpus import ok_articles, read_corpus
from diplolib.corpus.metadata import clean_outlet, parse_published, resolve_columns

import formats_support as fs


@pytest.fixture(scope="module")
def mixed(tmp_path_factory) -> pd.DataFrame:
    folder = fs.all_formats(tmp_path_factory.mktemp("formats") / "mix")
    return read_corpus(folder, columns={"outlet": "nom_du_titre"}).set_index("source")


def test_every_article_of_every_file_gets_one_row(mixed):
    assert sorted(mixed.index) == sorted([
        "page_geneve.html",
        "europresse_export.html:1", "europresse_export.html:2", "europresse_export.html:3",
        "factiva_export.html:1", "factiva_export.html:2",
        "factiva_export.rtf:1", "factiva_export.rtf:2",
        "tableau.csv:1", "tableau.csv:2", "lignes.jsonl:1", "table.parquet:1", "english.txt",
    ])
    assert (mixed.drop(index="english.txt")["status"] == "ok").all()
    ok = mixed[mixed["status"] == "ok"]
    assert ok["lang"].eq("fr").all() and ok["published_source"].eq("metadata").all()
    assert ok["published"].notna().all() and ok["outlet"].notna().all()


def test_web_page_text_metadata_and_removed_furniture(mixed):
    row = mixed.loc["page_geneve.html"]
    assert row["title"] == "Genève : Washington et Moscou renouent le dialogue"
    assert row["text"].startswith(row["title"] + "\n\n") and fs.BODIES["geneve"][1] in row["text"]
    for furniture in ("Se connecter", "Les plus lus", "bourse", "Abonnez-vous"):
        assert furniture not in row["text"]
    assert "Se connecter à mon compte" in row["removed"] and "Les plus lus du moment" in row["removed"]
    # the date is only in the meta tags (htmldate), the URL only in the browser's "saved from" comment
    assert row["published"] == "2021-06-16T08:30"
    assert row["url"] == "https://www.exemple-quotidien.fr/monde/geneve-dialogue"
    assert (row["outlet"], row["author"]) == ("L'Exemple Quotidien", "Claire Martin")


def test_web_page_date_from_url_or_text_never_from_the_copyright_year(tmp_path):
    page = fs.web_page(tmp_path).read_text(encoding="utf-8")
    no_meta = re.sub(r'<meta property="article:published_time"[^>]*>', "", page)
    assert "© L'Exemple Quotidien 2021" in no_meta
    (tmp_path / "page_geneve.html").write_text(no_meta, encoding="utf-8")
    (tmp_path / "dated_url.html").write_text(
        no_meta.replace("(0052)https://www.exemple-quotidien.fr/monde/", "(0063)https://www.exemple-quotidien.fr/2021/06/17/monde/")
        .replace("renouent", "reprennent"), encoding="utf-8")
    (tmp_path / "dated_text.html").write_text(
        no_meta.replace("<h1>", "<p class='date'>Publié le 18 juin 2021 à 10h12</p><h1>").replace("renouent", "relancent"),
        encoding="utf-8")
    frame = read_corpus(tmp_path).set_index("source")
    assert pd.isna(frame.at["page_geneve.html", "published"])  # not 2021-01-01 from the footer
    assert frame.at["dated_url.html", "published"] == "2021-06-17"
    assert frame.at["dated_text.html", "published"].startswith("2021-06-18")


def test_europresse_export_gives_one_article_per_row_without_its_notices(mixed):
    rows = mixed.loc[[f"europresse_export.html:{n}" for n in (1, 2, 3)]]
    assert rows["outlet"].tolist() == ["L'Exemple du Soir", "Le Courrier Exemplaire", "L'Exemple du Soir"]
    assert rows["published"].tolist() == ["2021-04-15", "2021-11-09", "2022-03-04"]
    assert rows["author"].tolist()[0] == "Paul Durand" and rows["author"].isna().tolist()[1]
    assert rows["title"].tolist()[1] == "Un appel d'une heure entre les deux présidents"
    first = rows.iloc[0]
    assert first["text"].startswith("Nouvelles sanctions américaines contre Moscou\n\n")
    assert fs.BODIES["sanctions"][1] in first["text"]
    for notice in ("Ce document est réservé", "Tous droits réservés", "Numéro de document", "Cet article est paru"):
        assert not rows["text"].str.contains(notice).any(), notice
        assert all(any(line.startswith(notice) or notice in line for line in removed) for removed in rows["removed"]), notice
    assert "Europresse.com - Impression des documents" in first["removed"]
    assert first["url"] == "https://www.exemple-soir.fr/article/20210415·ES·001"


def test_factiva_html_and_rtf_exports(mixed):
    html = mixed.loc[["factiva_export.html:1", "factiva_export.html:2"]]
    assert html["title"].tolist() == ["Washington se retire du traité", "Dialogue difficile à Genève"]
    assert html["outlet"].tolist() == ["Le Quotidien Exemple", "Exemple Matin"]
    assert html["published"].tolist() == ["2019-08-02", "2021-06-17"]
    assert html["author"].iloc[0] == "Julie Bernard" and pd.isna(html["author"].iloc[1])
    rtf = mixed.loc[["factiva_export.rtf:1", "factiva_export.rtf:2"]]
    assert rtf["title"].tolist() == ["Entretien téléphonique au sommet", "Moscou promet une réponse aux sanctions"]
    assert rtf["published"].tolist() == ["2020-01-12", "2020-03-03"]
    assert rtf["author"].tolist() == ["Sophie Lambert", "Luc Moreau"]
    assert set(rtf["outlet"]) == {"La Revue Exemple"}
    both = pd.concat([html, rtf])
    for text, removed in zip(both["text"], both["removed"], strict=True):
        assert not re.search(r"\d+ mots|Document [A-Z0-9]{15,}|Copyright|\(c\) 20", text)
        assert any("mots" in line for line in removed) and any("Document" in line for line in removed)
    assert fs.BODIES["telephone"][0] in rtf["text"].iloc[0] and fs.BODIES["telephone"][1] in rtf["text"].iloc[0]


def test_tables_map_their_own_column_names(mixed):
    csv1, csv2 = mixed.loc["tableau.csv:1"], mixed.loc["tableau.csv:2"]
    assert (csv1["title"], csv1["outlet"], csv1["author"], csv1["url"]) == (
        "Retrait du traité confirmé", "Le Journal Exemple", "Marie Dubois", "https://journal-exemple.fr/a1")
    assert (csv1["published"], csv2["published"]) == ("2019-02-02", "2021-06-16")  # "2 février 2019", "16/06/2021"
    assert pd.isna(csv2["author"])
    line = mixed.loc["lignes.jsonl:1"]
    assert (line["outlet"], line["author"], line["published"]) == ("Exemple Info", "Jean Petit", "2022-03-05T10:15")
    parquet = mixed.loc["table.parquet:1"]
    assert (parquet["outlet"], parquet["published"]) == ("Hebdo Exemple", "2023-05-02")  # columns={"outlet": "nom_du_titre"}


def test_non_french_article_is_rejected_with_its_language_and_not_analysed(mixed):
    row = mixed.loc["english.txt"]
    assert row["status"] == "rejected" and row["lang"] == "en"
    assert re.fullmatch(r"language: en \((0\.9\d|1\.00)\)", row["reason"]), row["reason"]
    assert row["article_id"] == "" and "Talks in Geneva" in row["text"]
    assert "english.txt" not in set(ok_articles(mixed.reset_index())["source"])


def test_language_detection_can_be_switched_off_or_pointed_elsewhere(tmp_path):
    fs.english_page(tmp_path)
    (tmp_path / "fr.txt").write_text("Titre de l'article\n\n" + "\n\n".join(fs.BODIES["visite"]), encoding="utf-8")
    off = read_corpus(tmp_path, language=None).set_index("source")
    assert set(off["status"]) == {"ok"} and off["lang"].isna().all()
    english = read_corpus(tmp_path, language="en").set_index("source")
    assert english.at["english.txt", "status"] == "ok" and english.at["fr.txt", "reason"].startswith("language: fr")


def test_mixed_language_page_is_flagged_not_rejected(tmp_path):
    text = "Déclaration commune\n\n" + "\n\n".join(fs.BODIES["geneve"] + fs.BODIES["traite"] + fs.ENGLISH)
    (tmp_path / "mixte.txt").write_text(text, encoding="utf-8")
    row = read_corpus(tmp_path).iloc[0]
    assert row["status"] == "ok" and row["lang"] == "fr"
    assert any(p.startswith("mixed_language:en") for p in row["problems"]), row["problems"]
    (tmp_path / "mixte.txt").write_text(text.split(fs.ENGLISH[0])[0], encoding="utf-8")
    assert not any(p.startswith("mixed_language") for p in read_corpus(tmp_path).iloc[0]["problems"])


def test_broken_exports_still_give_rows_with_reasons(tmp_path):
    (tmp_path / "faux.rtf").write_text("ceci n'est pas du RTF", encoding="utf-8")
    broken = fs.europresse(tmp_path).read_text(encoding="utf-8")
    body_start = broken.index('<div class="docOcurrContainer">')
    body_end = broken.index("</div>", body_start)
    (tmp_path / "europresse_export.html").write_text(broken[:body_start] + "<div>" + broken[body_end:], encoding="utf-8")
    (tmp_path / "vide.html").write_text("<html><body><nav>Accueil</nav></body></html>", encoding="utf-8")
    frame = read_corpus(tmp_path).set_index("source")
    assert frame.at["faux.rtf", "status"] == "rejected" and "not an RTF" in frame.at["faux.rtf", "reason"]
    assert frame.at["europresse_export.html:1", "reason"].startswith("empty: Europresse article without body")
    assert (frame.loc[["europresse_export.html:2", "europresse_export.html:3"], "status"] == "ok").all()
    assert frame.at["vide.html", "status"] == "rejected"


@pytest.mark.parametrize(("raw", "iso"), [
    ("jeudi 15 avril 2021", "2021-04-15"),
    ("1er mai 2019", "2019-05-01"),
    ("April 15, 2021", "2021-04-15"),
    ("16/06/2021", "2021-06-16"),
    ("2021-06-16T08:30:00+02:00", "2021-06-16T08:30"),
    ("2021-06-16 00:00:00", "2021-06-16"),
    ("2021-06", "2021-06"),
    ("pas une date", None),
])
def test_dates_become_iso_text(raw, iso):
    assert parse_published(raw) == iso


def test_outlet_names_lose_issue_numbers_only():
    assert clean_outlet("Le Monde, no. 23650") == "Le Monde"
    assert clean_outlet("Le Figaro (site web)") == "Le Figaro"
    assert clean_outlet("Sud Ouest") == "Sud Ouest" and clean_outlet("L'Obs") == "L'Obs"


def test_column_aliases_and_explicit_names():
    assert resolve_columns(["Titre", "Texte", "Journal", "Date de publication"]) == {
        "text": "Texte", "title": "Titre", "published": "Date de publication", "outlet": "Journal"}
    found = resolve_columns(["text", "source", "quotidien"], columns={"outlet": "quotidien"})
    assert found["outlet"] == "quotidien" and "source" not in found.values()
    with pytest.raises(ValueError, match="unknown field"):
        resolve_columns(["text"], columns={"journal": "x"})


def test_unparseable_table_date_is_reported_not_guessed(tmp_path: Path):
    pd.DataFrame({"text": ["\n\n".join(fs.BODIES["visite"])], "date": ["bientôt"]}).to_csv(tmp_path / "t.csv", index=False)
    row = read_corpus(tmp_path).iloc[0]
    assert row["published"] is None and row["published_source"] == "none"
    assert any(p.startswith("unparsed_date") for p in row["problems"])


def test_outlet_year_table_and_figure(mixed):
    from diplolib.corpus.summary import outlet_year_table
    from diplolib.plots import summary
    from diplolib.plots.corpus import outlet_year_figure, outlet_year_text

    table = outlet_year_table(mixed.reset_index())
    assert table.at["total", "total"] == 12  # the rejected English article is not counted
    assert table.loc["L'Exemple du Soir", ["2021", "2022", "total"]].tolist() == [1, 1, 2]
    assert table.at["La Revue Exemple", "2020"] == 2 and list(table.columns) == ["2019", "2020", "2021", "2022", "2023", "total"]
    assert table.index[-1] == "total" and table["total"].iloc[:-1].is_monotonic_decreasing
    fig = outlet_year_figure(table, max_outlets=3)
    assert [t.name for t in fig.data] == ["L'Exemple du Soir", "La Revue Exemple", "Exemple Info", "other outlets"]
    assert sum(sum(t.y) for t in fig.data) == 12 and "Articles per year and outlet" in summary(fig)
    assert outlet_year_text(table).startswith("12 article(s) from 10 outlet(s), over 5 year(s). Largest outlet: L'Exemple du Soir (2).")


def test_plain_text_files_are_counted_by_header_year_or_undated(tmp_path):
    from diplolib.corpus.summary import outlet_year_table

    body = "\n\n".join(fs.BODIES["visite"])
    (tmp_path / "a.txt").write_text("date 2020-03\nTitre un\n\n" + body, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Titre deux\n\n" + body + " Autre.", encoding="utf-8")
    table = outlet_year_table(read_corpus(tmp_path))
    assert table.loc["(unknown)"].to_dict() == {"2020": 1, "undated": 1, "total": 2}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000), markup=st.sampled_from([
    b"", b"<html><body>", b'<article><span class="DocPublicationName">', b'<div class="article frArticle">', b"{\\rtf1 ",
]))
def test_arbitrary_export_bytes_never_crash_the_readers(tmp_path_factory, data, markup):
    folder = tmp_path_factory.mktemp("fuzz_formats")
    for name in ("x.html", "x.rtf"):
        (folder / name).write_bytes(markup + data)
    frame = read_corpus(folder)
    assert len(frame) >= 2 and set(frame["status"]) <= {"ok", "rejected", "duplicate"}
    assert (frame.loc[frame["status"] == "rejected", "reason"] != "").all()


def test_factiva_article_format_rtf_and_indexed_html(tmp_path):
    fs.factiva_rtf_plain(tmp_path)
    fs.factiva_html_indexed(tmp_path)
    frame = read_corpus(tmp_path).set_index("source")
    assert sorted(frame.index) == ["factiva_indexed.html:1", "factiva_plain.rtf:1"]
    plain = frame.loc["factiva_plain.rtf:1"]
    assert (plain["title"], plain["author"], plain["outlet"], plain["published"]) == (
        "Moscou et Washington échangent des prisonniers", "Hélène Roux", "Le Matin Exemple", "2020-05-05T10:42")
    assert plain["text"] == "\n\n".join([plain["title"], *fs.BODIES["telephone"]])
    assert {"350 mots", "MATEX", "Français", "Document MATEX00020200505eg550000c"} <= set(plain["removed"])
    indexed = frame.loc["factiva_indexed.html:1"]
    assert (indexed["title"], indexed["author"], indexed["published"]) == ("Le retrait du traité vu de Moscou", "Karim Benali", "2019-08-04")
    assert indexed["text"] == "\n\n".join([indexed["title"], *fs.BODIES["traite"]])
    assert any(line.startswith("AN Document QUOEXE") for line in indexed["removed"])
