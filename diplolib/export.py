"""Interoperability: the corpus → the tools users already have.

- :func:`to_conllu` — annotations → CoNLL-U (readable by stanza, UDPipe, spaCy's converters);
- :func:`to_iramuteq` — articles → one IRaMuTeQ text file, each article under a
  ``**** *year_2021 *outlet_lemonde`` line of starred variables;
- :func:`to_txm` — articles → a folder of XML-TEI files (one per article, metadata
  in its ``teiHeader`` and as attributes of ``<text>``) plus ``metadata.csv``, as
  TXM's "XML-TEI Zero + CSV" (XTZ) import expects.

CoNLL-U:

Layout follows stanza's own CoNLL-U output: ``# newdoc id = <article_id>``,
``# sent_id = <article_id>-<sent_idx>``, ``# text = …``; a range line
``i-j`` for each multi-word token; ``start_char``, ``end_char`` (offsets into
the clean article text) and ``ner`` (BIOES) in MISC of the *token* line (the
range line for a multi-word token, the word line otherwise), which is where
``stanza.utils.conll.CoNLL.conll2doc`` reads them back.
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from diplolib.nlp.schema import Annotations


def _field(value: object) -> str:
    text = str(value) if value is not None else ""
    return text.replace("\t", " ").replace("\n", " ") or "_"


def to_conllu_string(annotations: Annotations) -> str:
    """CoNLL-U text of all articles in ``annotations`` (see module docstring)."""
    out: list[str] = []
    sentences = annotations.sentences.set_index(["article_id", "sent_idx"])["text"]
    current = None
    for (aid, sid), group in annotations.tokens.groupby(["article_id", "sent_idx"], sort=False, observed=True):
        if aid != current:
            out.append(f"# newdoc id = {aid}")
            current = aid
        out.append(f"# sent_id = {aid}-{sid}")
        out.append(f"# text = {_field(sentences.get((aid, sid), ''))}")
        rows = list(group.itertuples(index=False))
        i = 0
        while i < len(rows):
            row = rows[i]
            token_misc = f"start_char={row.start_char}|end_char={row.end_char}|ner={row.ner}"
            if row.mwt:
                j = i
                while j + 1 < len(rows) and rows[j + 1].mwt and rows[j + 1].start_char == row.start_char:
                    j += 1
                out.append(f"{rows[i].tok_idx}-{rows[j].tok_idx}\t{_field(row.mwt)}\t_\t_\t_\t_\t_\t_\t_\t{token_misc}")
                for w in rows[i : j + 1]:
                    out.append(f"{w.tok_idx}\t{_field(w.word)}\t{_field(w.lemma)}\t{_field(w.upos)}\t_\t{_field(w.feats)}\t{w.head}\t{_field(w.deprel)}\t_\t_")
                i = j + 1
            else:
                out.append(
                    f"{row.tok_idx}\t{_field(row.word)}\t{_field(row.lemma)}\t{_field(row.upos)}\t_\t{_field(row.feats)}"
                    f"\t{row.head}\t{_field(row.deprel)}\t_\t{token_misc}"
                )
                i += 1
        out.append("")
    return "\n".join(out) + ("\n" if out else "")


def to_conllu(annotations: Annotations, path: str | Path) -> Path:
    """Write ``annotations`` as CoNLL-U to ``path`` (UTF-8); return the path."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(to_conllu_string(annotations), encoding="utf-8")
    return target


# --------------------------------------------------------------------------- articles


def _articles(corpus) -> pd.DataFrame:
    """The ``ok`` articles of a :class:`~diplolib.pipeline.Corpus` or a :func:`read_corpus` frame."""
    frame = getattr(corpus, "articles", corpus)
    if "status" in frame:
        frame = frame[frame["status"] == "ok"]
    return frame.reset_index(drop=True)


def _value(row: pd.Series, name: str) -> str | None:
    """Metadata value of one article: a column, or ``year``/``month`` of its publication date.

    ``year``/``month`` come from ``published`` (any source), else ``header_month``.
    """
    if name in ("year", "month"):
        date = row.get("published") or row.get("header_month")
        if not isinstance(date, str) or not re.match(r"^\d{4}", date):
            return None
        if name == "year":
            return date[:4]
        return date[:7] if re.match(r"^\d{4}-\d{2}", date) else None
    value = row.get(name)
    if value is None or (isinstance(value, float) and value != value):
        return None
    return str(value) or None


def iramuteq_value(value: str | None) -> str:
    """A value IRaMuTeQ accepts after ``*name_``: ASCII letters and digits only (``na`` when missing).

    ``"Le Monde"`` → ``lemonde``; ``"2021-06"`` → ``2021_06`` (separators inside
    dates become ``_``; everything else that is not a letter or digit goes).
    """
    if not value:
        return "na"
    text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"(?<=\d)[-/](?=\d)", "_", text)
    return re.sub(r"[^a-z0-9_]", "", text) or "na"


def to_iramuteq_string(corpus, variables: Sequence[str] = ("year", "outlet")) -> str:
    """IRaMuTeQ corpus text of the ``ok`` articles (see :func:`to_iramuteq`)."""
    out: list[str] = []
    for _, row in _articles(corpus).iterrows():
        stars = " ".join(f"*{iramuteq_value(v)}_{iramuteq_value(_value(row, v))}" for v in variables)
        out.append(f"**** {stars}".rstrip())
        # IRaMuTeQ reads "*" as a variable marker ("-*" lines as themes): keep it out of the text.
        out.extend(str(row["text"]).replace("*", " ").split("\n"))
        out.append("")
    return "\n".join(out)


def to_iramuteq(corpus, path: str | Path, variables: Sequence[str] = ("year", "outlet")) -> Path:
    """Write the ``ok`` articles as an IRaMuTeQ corpus (UTF-8 text) to ``path``; return the path.

    Each article starts with ``**** *year_2021 *outlet_lemonde`` — one starred
    variable per name in ``variables``: ``year``, ``month`` (from ``published``)
    or any column of the articles table (``outlet``, ``author``, ``lang``,
    ``article_id``…); values folded to ASCII letters/digits, ``na`` when missing.
    ``corpus`` is a :class:`~diplolib.pipeline.Corpus` or a :func:`read_corpus` frame.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(to_iramuteq_string(corpus, variables), encoding="utf-8")
    return target


#: Metadata written for TXM: column of the articles table → TEI attribute/CSV column.
TXM_METADATA = ("article_id", "title", "outlet", "author", "published", "year", "month", "url", "lang", "source")
TEI_NS = "http://www.tei-c.org/ns/1.0"


def _tei(row: pd.Series, meta: dict[str, str]) -> ET.ElementTree:
    ET.register_namespace("", TEI_NS)
    t = lambda name: f"{{{TEI_NS}}}{name}"  # noqa: E731 - local shorthand for namespaced tags
    tei = ET.Element(t("TEI"))
    header = ET.SubElement(tei, t("teiHeader"))
    file_desc = ET.SubElement(header, t("fileDesc"))
    title_stmt = ET.SubElement(file_desc, t("titleStmt"))
    ET.SubElement(title_stmt, t("title")).text = meta.get("title") or meta["article_id"]
    if meta.get("author"):
        ET.SubElement(title_stmt, t("author")).text = meta["author"]
    pub = ET.SubElement(file_desc, t("publicationStmt"))
    if meta.get("outlet"):
        ET.SubElement(pub, t("publisher")).text = meta["outlet"]
    if meta.get("published"):
        when = meta["published"] + (":00" if re.match(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$", meta["published"]) else "")
        ET.SubElement(pub, t("date"), when=when).text = meta["published"]
    ET.SubElement(pub, t("idno"), type="article_id").text = meta["article_id"]
    if meta.get("url"):
        ET.SubElement(pub, t("idno"), type="url").text = meta["url"]
    source = ET.SubElement(file_desc, t("sourceDesc"))
    ET.SubElement(source, t("p")).text = f"diplolib read_corpus: {meta.get('source', '')}"
    if meta.get("lang"):
        lang_usage = ET.SubElement(ET.SubElement(header, t("profileDesc")), t("langUsage"))
        ET.SubElement(lang_usage, t("language"), ident=meta["lang"])
    text = ET.SubElement(tei, t("text"), {k: v for k, v in meta.items() if v and k not in ("title", "url", "source")})
    body = ET.SubElement(text, t("body"))
    paragraphs = [p.strip() for p in str(row["text"]).split("\n\n") if p.strip()]
    title = row.get("title")
    if paragraphs and isinstance(title, str) and paragraphs[0] == title:
        ET.SubElement(body, t("head")).text = paragraphs.pop(0)
    for para in paragraphs:
        ET.SubElement(body, t("p")).text = para
    return ET.ElementTree(tei)


def to_txm(corpus, path: str | Path) -> Path:
    """Write the ``ok`` articles as XML-TEI for TXM into the folder ``path``; return the folder.

    One ``<article_id>.xml`` TEI file per article: ``teiHeader`` with title,
    author, publisher (outlet), date (``published``), ids (article_id, url) and
    language; ``<text>`` carrying the same metadata as attributes (``outlet``,
    ``published``, ``year``, ``month``, ``author``, ``lang``, ``article_id``) so TXM
    can build partitions on them; ``<head>`` = the title, ``<p>`` = paragraphs.
    ``metadata.csv`` (column ``id`` = file name without ``.xml``) repeats the
    metadata, as TXM's XTZ+CSV import reads it.
    """
    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for _, row in _articles(corpus).iterrows():
        meta = {name: v for name in TXM_METADATA if (v := _value(row, name))}
        _tei(row, meta).write(folder / f"{row['article_id']}.xml", encoding="UTF-8", xml_declaration=True)
        rows.append({"id": row["article_id"], **{name: meta.get(name, "") for name in TXM_METADATA}})
    pd.DataFrame(rows, columns=["id", *TXM_METADATA]).to_csv(folder / "metadata.csv", index=False)
    return folder
