"""Date-free actor mentions: gazetteer matches in the clean text (evidence stage)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from diplolib.actors.gazetteer import _PRIORITY, Gazetteer, _tokens, gazetteer
from diplolib.nlp.schema import SentenceLocator
from diplolib.text import fold

#: Honorifics that may precede a surname ("M. Kerry", "MM. Lavrov et Kerry").
_HONORIFICS = {"m", "mm", "mme", "mmes", "mlle", "dr", "pr"}
#: Words before a role phrase that make it a *former* or *future* holder: not resolved.
_NOT_CURRENT = {"ancien", "ancienne", "anciens", "ex", "futur", "future", "feu", "defunt", "defunte", "predecesseur"}
#: Prepositions that make a place name a location, not an acting state (grammar, not knowledge).
_LOCATIVE = {"à", "en", "dans", "vers", "depuis", "jusque", "chez", "près", "via"}
_POSSESSIVES = {"son", "sa", "ses", "leur", "leurs"}


@dataclass
class _Match:
    start: int
    end: int
    target: str
    kind: str
    former: bool = False


def _scan(text: str, g: Gazetteer) -> list[_Match]:
    """Longest-first, non-overlapping gazetteer matches in one article."""
    folded = fold(text)
    toks = _tokens(folded)
    words = [t for _, _, t in toks]
    out: list[_Match] = []
    i = 0
    while i < len(toks):
        hit = None
        for n in g.first.get(words[i], ()):
            if i + n <= len(toks):
                key = " ".join(words[i : i + n])
                if key in g.entries:
                    candidates = sorted(g.entries[key], key=lambda e: _PRIORITY[e[1]])
                    start, end = toks[i][0], toks[i + n - 1][1]
                    capital = text[start].isupper()
                    usable = [
                        (t, k) for t, k in candidates
                        if k in ("role", "roles") or capital or g.actors.at[t, "type"] not in ("person", "state")
                    ] if candidates else []
                    # Metonyms and names of places/people must be capitalised in the text.
                    usable = [(t, k) for t, k in usable if k not in ("metonym", "surname") or capital]
                    if usable:
                        hit = (n, start, end, usable)
                        break
        if hit is None:
            i += 1
            continue
        n, start, end, usable = hit
        target, kind = usable[0]
        if kind == "surname":
            # Keep every actor sharing the surname; resolved later in context.
            target = "|".join(t for t, k in usable if k == "surname")
            j = i - 1
            if j >= 1 and words[j] == "." and words[j - 1] in _HONORIFICS:
                start = toks[j - 1][0]
        former = kind in ("role", "roles") and any(w in _NOT_CURRENT for w in words[max(0, i - 2) : i])
        out.append(_Match(start, end, target, kind, former))
        i += n
    return out


def _counterparts(text: str, g: Gazetteer) -> list[tuple[int, int, str | None]]:
    """Spans of "son homologue (russe|américain|…)" with the requested side (None = unspecified)."""
    folded = fold(text)
    adjectives = "|".join(sorted((re.escape(a) for a in g.nationalities), key=len, reverse=True))
    # Singular only: "ses homologues ukrainiens" designates no one in particular.
    pattern = re.compile(rf"\b(?:{'|'.join(_POSSESSIVES)})\s+(homologue)(?:\s*,?\s+({adjectives})\b)?(?!s)")
    out = []
    for m in pattern.finditer(folded):
        side = g.nationalities.get(m.group(2)) if m.group(2) else None
        out.append((m.start(1), m.end(2) if m.group(2) else m.end(1), side))
    return out


def _locative_starts(tokens: pd.DataFrame) -> set[tuple[str, int]]:
    """``(article_id, start_char)`` of every word governed by a locative preposition ("à Moscou").

    One vectorised pass over the corpus' token table: the ``case`` dependents
    whose lemma is locative, joined back to the words they depend on.
    """
    if tokens.empty:
        return set()
    lemma = tokens["lemma"].astype(str).str.lower()
    case = tokens[(tokens["deprel"].astype(str) == "case") & lemma.isin(_LOCATIVE)]
    if case.empty:
        return set()
    heads = case[["article_id", "sent_idx", "head"]].drop_duplicates().rename(columns={"head": "tok_idx"})
    heads["article_id"] = heads["article_id"].astype(str)
    words = tokens[["article_id", "sent_idx", "tok_idx", "start_char"]].assign(article_id=tokens["article_id"].astype(str))
    governed = words.merge(heads, on=["article_id", "sent_idx", "tok_idx"])
    return set(zip(governed["article_id"], governed["start_char"].astype(int), strict=True))


def surface_mentions(corpus) -> pd.DataFrame:
    """Date-free mentions: every gazetteer match of every ``ok`` article.

    Columns: ``article_id``, ``sent_idx``, ``start_char``, ``end_char``,
    ``surface``, ``target`` (actor_id, ``a|b`` for shared surnames, or office_id
    for roles), ``kind`` (``name``/``alias``/``surname``/``metonym``/``role``/
    ``roles``/``counterpart``), ``side`` (requested counterpart side),
    ``former`` (role preceded by "ancien", "ex-"…).
    Metonyms governed by a locative preposition ("à Moscou") are places and
    are left out.
    """
    g = gazetteer()
    sents = SentenceLocator(corpus.sentences)
    places = _locative_starts(corpus.tokens)
    rows = []
    for art in corpus.ok.itertuples():
        text = art.text
        for m in _scan(text, g):
            if m.kind == "metonym" and (art.article_id, m.start) in places:
                continue
            rows.append((art.article_id, sents.of(art.article_id, m.start), m.start, m.end, text[m.start : m.end], m.target, m.kind, None, m.former))
        for start, end, side in _counterparts(text, g):
            rows.append((art.article_id, sents.of(art.article_id, start), start, end, text[start:end], "", "counterpart", side, False))
    frame = pd.DataFrame(rows, columns=["article_id", "sent_idx", "start_char", "end_char", "surface", "target", "kind", "side", "former"])
    return frame.sort_values(["article_id", "start_char"], kind="stable").reset_index(drop=True)
