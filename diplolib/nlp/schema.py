"""The annotation schema shared by every engine, and the engine-neutral assembly.

Engines turn *blocks* of text (the lines of an article between newlines) into
:class:`ParsedSentence` objects with block-relative offsets; :func:`assemble`
turns those into the three tables below with offsets into the clean article
text, so that ``text[start_char:end_char]`` is the surface of every token
(the multi-word token's surface for words inside one) and of every entity.

Tables of :class:`Annotations`
------------------------------
``sentences``: ``article_id``, ``sent_idx`` (0-based in the article),
``start_char``, ``end_char`` (offsets into the article text), ``text``.

``tokens`` (one row per syntactic *word*, UD style): ``article_id``,
``sent_idx``, ``tok_idx`` (1-based in the sentence), ``word``, ``lemma``,
``upos`` (UD POS), ``feats`` (UD features ``A=B|C=D`` or ""), ``head``
(``tok_idx`` of the head, 0 = root), ``deprel`` (UD relation), ``start_char``,
``end_char``, ``ner`` (**BIOES** tag, e.g. ``S-PER``, ``B-LOC``, ``O``),
``mwt`` (surface of the multi-word token the word belongs to — ``du`` for the
words ``de`` and ``le`` — or "" for ordinary words).

``entities``: ``article_id``, ``sent_idx``, ``text``, ``label`` (``PER``,
``LOC``, ``ORG``, ``MISC``), ``start_char``, ``end_char``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

import pandas as pd

#: Bump when the adapters change what they write: cached annotations are redone.
SCHEMA_VERSION = 1

SENTENCE_COLUMNS = ["article_id", "sent_idx", "start_char", "end_char", "text"]
TOKEN_COLUMNS = [
    "article_id", "sent_idx", "tok_idx", "word", "lemma", "upos", "feats",
    "head", "deprel", "start_char", "end_char", "ner", "mwt",
]
ENTITY_COLUMNS = ["article_id", "sent_idx", "text", "label", "start_char", "end_char"]

_INT_COLUMNS = {"sent_idx": "int32", "tok_idx": "int32", "head": "int32", "start_char": "int32", "end_char": "int32"}
_CATEGORY_COLUMNS = ("upos", "deprel", "ner", "label")


@dataclass
class ParsedWord:
    """One syntactic word, offsets relative to its block."""

    word: str
    lemma: str
    upos: str
    feats: str
    head: int
    deprel: str
    start: int
    end: int
    ner: str = "O"
    mwt: str = ""


@dataclass
class ParsedSentence:
    """One sentence of a block: its words and entities ``(start, end, label)``."""

    words: list[ParsedWord]
    entities: list[tuple[int, int, str]] = field(default_factory=list)


_BLOCK = re.compile(r"[^\n]+")


def blocks(text: str) -> list[tuple[int, str]]:
    """Split an article into ``(offset, line)`` blocks: no sentence spans a newline.

    Titles, subheadings and paragraphs are thus never glued into one sentence,
    whatever the engine's sentence splitter would do.
    """
    return [(m.start(), m.group()) for m in _BLOCK.finditer(text) if m.group().strip()]


class SentenceLocator:
    """Which sentence an article offset falls in (bisection on sentence starts)."""

    def __init__(self, sentences: pd.DataFrame) -> None:
        self.by = {
            aid: (group["start_char"].tolist(), group["sent_idx"].tolist())
            for aid, group in sentences.groupby("article_id", sort=False, observed=True)
        }

    def of(self, article_id: str, offset: int) -> int:
        """``sent_idx`` of the sentence holding ``offset`` (the previous one in a gap; 0 if none)."""
        starts, idx = self.by.get(article_id, ([0], [0]))
        return int(idx[max(bisect.bisect_right(starts, offset) - 1, 0)])


def bioes(spans: list[tuple[int, int, str]], words: list[ParsedWord]) -> None:
    """Set ``ner`` of ``words`` (in place) to BIOES tags from entity char spans."""
    for start, end, label in spans:
        inside = [w for w in words if w.start >= start and w.end <= end]
        # Words of one multi-word token share a span: tag by token, not by word.
        tokens: list[list[ParsedWord]] = []
        for w in inside:
            if tokens and tokens[-1][0].start == w.start and tokens[-1][0].end == w.end:
                tokens[-1].append(w)
            else:
                tokens.append([w])
        for i, group in enumerate(tokens):
            if len(tokens) == 1:
                tag = f"S-{label}"
            elif i == 0:
                tag = f"B-{label}"
            elif i == len(tokens) - 1:
                tag = f"E-{label}"
            else:
                tag = f"I-{label}"
            for w in group:
                w.ner = tag


@dataclass
class Annotations:
    """Annotation tables (see module docstring) plus ``meta`` about the engine used.

    ``meta`` keys: ``engine``, ``engine_version``, ``model``, ``model_version``,
    ``schema_version``.
    """

    sentences: pd.DataFrame
    tokens: pd.DataFrame
    entities: pd.DataFrame
    meta: dict = field(default_factory=dict)

    @classmethod
    def empty(cls, meta: dict | None = None) -> Annotations:
        """Annotations with no rows but every column."""
        return cls(
            typed(pd.DataFrame(columns=SENTENCE_COLUMNS)),
            typed(pd.DataFrame(columns=TOKEN_COLUMNS)),
            typed(pd.DataFrame(columns=ENTITY_COLUMNS)),
            dict(meta or {}),
        )

    def select(self, article_ids) -> Annotations:
        """Rows of the given articles only (order of the tables is kept)."""
        ids = set(article_ids)
        return Annotations(
            *(t[t["article_id"].isin(ids)].reset_index(drop=True) for t in self.tables()),
            meta=dict(self.meta),
        )

    def tables(self) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        """``(sentences, tokens, entities)``."""
        return self.sentences, self.tokens, self.entities

    @property
    def article_ids(self) -> list[str]:
        """Articles present, in order of first appearance."""
        return list(dict.fromkeys(self.sentences["article_id"]))

    def __repr__(self) -> str:
        return (
            f"Annotations({self.sentences['article_id'].nunique()} articles, "
            f"{len(self.sentences)} sentences, {len(self.tokens)} tokens, "
            f"{len(self.entities)} entities; engine={self.meta.get('engine')})"
        )


def typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Give annotation columns compact dtypes (int32 offsets, categorical tags).

    Columns already of the right type are left alone (no copy of their data).
    """
    frame = frame.copy(deep=False)
    for col in frame.columns:
        dtype = frame[col].dtype
        if col in _INT_COLUMNS:
            if dtype != _INT_COLUMNS[col]:
                frame[col] = frame[col].astype(_INT_COLUMNS[col])
        elif col in _CATEGORY_COLUMNS:
            if not isinstance(dtype, pd.CategoricalDtype):
                frame[col] = frame[col].astype(str).astype("category")
        elif not pd.api.types.is_string_dtype(dtype) or isinstance(dtype, pd.CategoricalDtype):
            frame[col] = frame[col].astype(str)
    return frame


def concat(parts: list[Annotations], meta: dict | None = None) -> Annotations:
    """Concatenate annotations of disjoint article sets."""
    parts = [p for p in parts if len(p.sentences)] or parts[:1]
    if not parts:
        return Annotations.empty(meta)
    tables = []
    for i in range(3):
        frames = [p.tables()[i] for p in parts]
        tables.append(typed(pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]))
    return Annotations(*tables, meta=dict(meta if meta is not None else parts[0].meta))


def assemble(article_id: str, text: str, parsed_blocks: list[tuple[int, list[ParsedSentence]]]) -> Annotations:
    """Build the three tables of one article from its parsed blocks.

    ``parsed_blocks`` holds ``(block_offset, sentences)`` in text order.
    """
    sent_rows, tok_rows, ent_rows = [], [], []
    sent_idx = 0
    for offset, sentences in parsed_blocks:
        for sent in sentences:
            if not sent.words:
                continue
            start = offset + min(w.start for w in sent.words)
            end = offset + max(w.end for w in sent.words)
            sent_rows.append((article_id, sent_idx, start, end, text[start:end]))
            for i, w in enumerate(sent.words, 1):
                tok_rows.append((
                    article_id, sent_idx, i, w.word, w.lemma, w.upos, w.feats, w.head, w.deprel,
                    offset + w.start, offset + w.end, w.ner, w.mwt,
                ))
            for s, e, label in sent.entities:
                ent_rows.append((article_id, sent_idx, text[offset + s : offset + e], label, offset + s, offset + e))
            sent_idx += 1
    return Annotations(
        pd.DataFrame(sent_rows, columns=SENTENCE_COLUMNS),
        pd.DataFrame(tok_rows, columns=TOKEN_COLUMNS),
        pd.DataFrame(ent_rows, columns=ENTITY_COLUMNS),
    )
