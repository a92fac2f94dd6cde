"""Synthetic files in every input format diplolib reads, with invented French articles.

Each builder writes one file shaped like the real thing (a saved web page with
menus and meta tags, a Europresse export, Factiva HTML/RTF exports, tables with
their own column names) and returns its path. The texts are invented for the
tests; the markup follows the structure documented in the readers' docstrings.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

#: Invented article bodies (two paragraphs each), long enough to be read as running text.
BODIES = {
    "geneve": [
        "Les délégations américaine et russe se sont retrouvées mardi dans une villa au bord du lac pour des "
        "discussions de plusieurs heures sur la stabilité stratégique et le contrôle des armements.",
        "Selon un diplomate européen présent à Genève, les échanges ont été francs mais les deux parties "
        "ont promis de se revoir avant la fin de l'année pour poursuivre ce dialogue difficile.",
    ],
    "sanctions": [
        "Le département d'État a annoncé de nouvelles sanctions visant plusieurs entreprises russes "
        "accusées de contourner les restrictions sur les exportations de technologies sensibles.",
        "Moscou a aussitôt dénoncé une mesure hostile et promis une réponse proportionnée, tandis que "
        "plusieurs capitales européennes appelaient à la retenue des deux côtés.",
    ],
    "telephone": [
        "Les présidents se sont entretenus par téléphone pendant près d'une heure, a indiqué le Kremlin "
        "dans un communiqué publié dans la soirée, sans donner de détails sur le contenu de l'échange.",
        "La Maison Blanche a confirmé l'appel et précisé que la question des prisonniers détenus dans les "
        "deux pays avait été abordée, ainsi que la situation sur la ligne de front.",
    ],
    "visite": [
        "Le chef de la diplomatie russe a entamé jeudi une tournée régionale qui doit le conduire dans "
        "trois capitales, où il compte défendre la position de Moscou sur les négociations en cours.",
        "Cette visite intervient quelques jours après la rencontre entre les conseillers à la sécurité "
        "nationale des deux pays, jugée constructive par les deux parties.",
    ],
    "traite": [
        "Washington a officialisé son retrait du traité, invoquant des violations répétées par la partie "
        "russe, ce que le ministère russe des Affaires étrangères a fermement contesté lundi.",
        "Plusieurs experts interrogés estiment que la fin de cet accord ouvre une période d'incertitude "
        "pour la sécurité européenne et relance le risque d'une nouvelle course aux armements.",
    ],
}

ENGLISH = [
    "The American and Russian delegations met on Tuesday in a villa by the lake for several hours of talks "
    "on strategic stability and arms control, officials said after the meeting.",
    "According to a European diplomat who attended, the exchanges were frank, but both sides promised to "
    "meet again before the end of the year to continue this difficult dialogue.",
]


def web_page(folder: Path) -> Path:
    """A saved news page: menus, a related-links box, a footer, the date only in meta tags."""
    paras = "\n".join(f"<p>{p}</p>" for p in BODIES["geneve"])
    html = f"""<!DOCTYPE html>
<!-- saved from url=(0052)https://www.exemple-quotidien.fr/monde/geneve-dialogue -->
<html lang="fr"><head><meta charset="utf-8">
<title>Genève : Washington et Moscou renouent le dialogue | L'Exemple Quotidien</title>
<meta property="og:site_name" content="L'Exemple Quotidien">
<meta property="og:title" content="Genève : Washington et Moscou renouent le dialogue">
<meta property="article:published_time" content="2021-06-16T08:30:00+02:00">
<meta name="author" content="Claire Martin">
</head><body>
<header><nav><ul><li><a href="/">Accueil</a></li><li><a href="/monde">Monde</a></li>
<li><a href="/login">Se connecter à mon compte</a></li></ul></nav></header>
<main><article><h1>Genève : Washington et Moscou renouent le dialogue</h1>
{paras}
</article>
<aside><h2>Les plus lus du moment</h2><ul><li><a href="/x">La bourse termine en légère baisse</a></li>
<li><a href="/y">Un nouveau record de chaleur en Espagne</a></li></ul></aside></main>
<footer><p>Abonnez-vous à notre lettre d'information quotidienne</p><p>© L'Exemple Quotidien 2021</p></footer>
</body></html>"""
    path = folder / "page_geneve.html"
    path.write_text(html, encoding="utf-8")
    return path


def _europresse_article(outlet: str, header: str, title: str, author: str | None, body: list[str], doc: str) -> str:
    by = f'<div class="docAuthors">{author}</div>' if author else ""
    paras = "".join(f"<p>{p}</p>" for p in body)
    return f"""<article><header>
<div class="rdp__DocPublicationName"><span class="DocPublicationName">{outlet}</span></div>
<div class="sm-margin-bottom"><span class="DocHeader">{header}</span></div>
<div class="titreArticle"><p class="sm-margin-TopNews titreArticleVisu rdp__articletitle">{title}</p></div>
{by}</header>
<section><div class="DocText clearfix"><div class="docOcurrContainer">{paras}
<p><a href="https://www.exemple-soir.fr/article/{doc}">Cet article est paru dans {outlet.split(",")[0]} (site web)</a></p>
</div></div></section>
<footer><small>© 2021 {outlet.split(",")[0]}. Tous droits réservés.</small>
<p>Ce document est réservé à l'usage exclusif de l'utilisateur désigné par UNIVERSITE-EXEMPLE et ne peut faire l'objet d'aucune autre utilisation ou diffusion auprès de tiers.</p>
<p>Numéro de document : news·{doc}</p></footer></article>"""


def europresse(folder: Path) -> Path:
    """An export of three articles from two outlets, with Europresse's page header and notices."""
    arts = [
        _europresse_article("L'Exemple du Soir, no. 23650", "International, jeudi 15 avril 2021, p. 3",
                            "Nouvelles sanctions américaines contre Moscou", "Paul Durand", BODIES["sanctions"], "20210415·ES·001"),
        _europresse_article("Le Courrier Exemplaire", "Monde, mardi 9 novembre 2021, p. 7",
                            "Un appel d'une heure entre les deux présidents", None, BODIES["telephone"], "20211109·CE·002"),
        _europresse_article("L'Exemple du Soir, no. 23801", "Politique, vendredi 4 mars 2022",
                            "Tournée régionale du chef de la diplomatie russe", "Anne Leroy et Marc Petit", BODIES["visite"], "20220304·ES·003"),
    ]
    html = ("<html><head><meta charset='utf-8'><title>Europresse.com</title></head><body>"
            "<div class='header'><p>Europresse.com - Impression des documents</p><p>3 documents</p></div>"
            + "\n".join(arts) + "</body></html>")
    path = folder / "europresse_export.html"
    path.write_text(html, encoding="utf-8")
    return path


def factiva_html(folder: Path) -> Path:
    """A Factiva "article format" HTML export of two articles."""
    def art(title: str, author: str | None, words: str, date: str, source: str, code: str, body: list[str], doc: str) -> str:
        by = f'<div class="author">{author}</div>' if author else ""
        paras = "".join(f'<p class="articleParagraph frarticleParagraph">{p}</p>' for p in body)
        return f"""<div class="article frArticle"><div id="hd"><span class="frHeadline">{title}</span></div>
{by}<div>{words}</div><div>{date}</div><div>{source}</div><div>{code}</div><div>Français</div>
<div>Copyright 2019 {source}. Tous droits réservés.</div>{paras}<div>Document {doc}</div></div>"""
    html = ("<html><head><title>Factiva</title></head><body><div id='toolbar'>Factiva</div>"
            + art("Washington se retire du traité", "Par Julie Bernard", "412 mots", "2 août 2019", "Le Quotidien Exemple",
                  "QUOEXE", BODIES["traite"], "QUOEXE0020190802ef820000a")
            + art("Dialogue difficile à Genève", None, "388 mots", "17 juin 2021", "Exemple Matin",
                  "EXMAT", BODIES["geneve"], "EXMAT00020210617eh6h0000b")
            + "</body></html>")
    path = folder / "factiva_export.html"
    path.write_text(html, encoding="utf-8")
    return path


def _rtf_escape(text: str) -> str:
    out = []
    for ch in text:
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ord(ch) < 128:
            out.append(ch)
        else:
            out.append(f"\\u{ord(ch) if ord(ch) < 32768 else ord(ch) - 65536}?")
    return "".join(out)


def factiva_rtf(folder: Path) -> Path:
    """A Factiva RTF export "with indexing": one table row per field code, two articles."""
    def row(code: str, *paras: str) -> str:
        cell = "\\par ".join(_rtf_escape(p) for p in paras)
        return f"\\trowd\\cellx1200\\cellx9000 \\intbl {code}\\cell \\intbl {cell}\\cell\\row\n"

    def art(title: str, author: str, date: str, source: str, body: list[str], an: str) -> str:
        return (row("HD", title) + row("BY", author) + row("WC", "402 mots") + row("PD", date) + row("SN", source)
                + row("SC", "EXREV") + row("LA", "Français") + row("CY", f"(c) 2020 {source}")
                + row("LP", body[0]) + row("TD", *body[1:]) + row("NS", "gdip : Diplomatie") + row("AN", f"Document {an}")
                + "\\pard\\par\n")
    rtf = ("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Arial;}}\n"
           + art("Entretien téléphonique au sommet", "Sophie Lambert", "12 janvier 2020", "La Revue Exemple",
                 BODIES["telephone"], "EXREV00020200112eg1c0000a")
           + art("Moscou promet une réponse aux sanctions", "Luc Moreau", "3 mars 2020", "La Revue Exemple",
                 BODIES["sanctions"], "EXREV00020200303eg330000b")
           + "}")
    path = folder / "factiva_export.rtf"
    path.write_text(rtf, encoding="ascii")
    return path


def csv_table(folder: Path) -> Path:
    """A spreadsheet with French column names (titre, journal, date de publication, auteur, lien)."""
    frame = pd.DataFrame({
        "titre": ["Retrait du traité confirmé", "Rencontre à Genève"],
        "contenu": ["\n\n".join(BODIES["traite"]), "\n\n".join(BODIES["geneve"]) + " Fin de la dépêche."],
        "journal": ["Le Journal Exemple", "Radio Exemple"],
        "Date de publication": ["2 février 2019", "16/06/2021"],
        "auteur": ["Marie Dubois", ""],
        "lien": ["https://journal-exemple.fr/a1", "https://radio-exemple.fr/b2"],
    })
    path = folder / "tableau.csv"
    frame.to_csv(path, index=False)
    return path


def jsonl_table(folder: Path) -> Path:
    """JSON lines with English field names (headline, body, source, pubdate, byline, link)."""
    rows = [{"headline": "Tournée diplomatique", "body": "\n\n".join(BODIES["visite"]) + " Suite demain.",
             "source": "Exemple Info", "pubdate": "2022-03-05T10:15:00", "byline": "Jean Petit", "link": "https://ex-info.fr/c"}]
    path = folder / "lignes.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return path


def parquet_table(folder: Path) -> Path:
    """A parquet table whose outlet column has an unusual name (given through ``columns=``)."""
    frame = pd.DataFrame({
        "text": ["\n\n".join(BODIES["sanctions"]) + " Dernière heure."],
        "title": ["Sanctions : la réponse de Moscou"],
        "nom_du_titre": ["Hebdo Exemple"],
        "published": [pd.Timestamp("2023-05-02")],
    })
    path = folder / "table.parquet"
    frame.to_parquet(path)
    return path


def english_page(folder: Path) -> Path:
    """An English article saved as text: must be rejected with its language."""
    path = folder / "english.txt"
    path.write_text("Talks in Geneva\n\n" + "\n\n".join(ENGLISH) + "\n", encoding="utf-8")
    return path


def all_formats(folder: Path) -> Path:
    """A folder holding one file of every format; returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for build in (web_page, europresse, factiva_html, factiva_rtf, csv_table, jsonl_table, parquet_table, english_page):
        build(folder)
    return folder


def factiva_rtf_plain(folder: Path) -> Path:
    """A Factiva RTF export in "article format" (no indexing codes): one line per header field."""
    lines = ["Moscou et Washington échangent des prisonniers", "Par Hélène Roux", "350 mots", "5 mai 2020", "10:42",
             "Le Matin Exemple", "MATEX", "Français", "Copyright 2020 Le Matin Exemple. Tous droits réservés.",
             *BODIES["telephone"], "Document MATEX00020200505eg550000c"]
    rtf = "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Arial;}}\n" + "".join(f"\\pard {_rtf_escape(x)}\\par\n" for x in lines) + "}"
    path = folder / "factiva_plain.rtf"
    path.write_text(rtf, encoding="ascii")
    return path


def factiva_html_indexed(folder: Path) -> Path:
    """A Factiva HTML export "with indexing": a two-column table of field codes."""
    def row(code: str, *paras: str) -> str:
        return f"<tr><td><b>{code}</b></td><td>{''.join(f'<p>{p}</p>' for p in paras)}</td></tr>"
    table = ("<table>" + row("HD", "Le retrait du traité vu de Moscou") + row("BY", "Karim Benali") + row("WC", "300 mots")
             + row("PD", "4 août 2019") + row("SN", "Le Quotidien Exemple") + row("SC", "QUOEXE") + row("LA", "Français")
             + row("CY", "(c) 2019 Le Quotidien Exemple") + row("LP", BODIES["traite"][0]) + row("TD", BODIES["traite"][1])
             + row("AN", "Document QUOEXE0020190804ef840000c") + "</table>")
    path = folder / "factiva_indexed.html"
    path.write_text(f"<html><body><div class='article'>{table}</div></body></html>", encoding="utf-8")
    return path
