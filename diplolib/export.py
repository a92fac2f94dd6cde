"""Interoperability: annotations → CoNLL-U (readable by stanza, UDPipe, spaCy's converters).

Layout follows stanza's own CoNLL-U output: ``# newdoc id = <article_id>``,
``# sent_id = <article_id>-<sent_idx>``, ``# text = …``; a range line
``i-j`` for each multi-word token; ``start_char``, ``end_char`` (offsets into
the clean article text) and ``ner`` (BIOES) in MISC of the *token* line (the
range line for a multi-word token, the word line otherwise), which is where
``stanza.utils.conll.CoNLL.conll2doc`` reads them back.
"""

from __future__ import annotations

from pathlib import Path

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
