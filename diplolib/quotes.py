"""Stage 3c: reported speech — who says what, sentence by sentence.

:func:`extract` finds three kinds of reported speech in every ``ok`` article:

- ``direct``: text between « », “ ” or straight "…" quotes. A closing » with no
  opening one (the opening mark lost in the web page) starts the quote at the
  beginning of its paragraph.
- ``indirect``: the que-clause or infinitive of a speech verb ("X a affirmé
  que …", "ont déclaré vouloir …"), and the inverted incise without quote
  marks ("Les positions divergent, a estimé Dmitri Peskov").
- ``selon``: "selon X, …" / "…, selon X".

The speaker of a direct quote is found, in this order, from (1) a speech verb
right after the quote ("…», a estimé Dmitri Peskov", "…», a-t-il affirmé"),
(2) a speech verb governing the quote in the dependency tree ("Blinken a
averti Moscou des « coûts sévères »"), (3) a "selon X" in the same sentence,
(4) the next quote when two quotes are chained ("«…», "…", a déclaré Lavrov").
The speaker is the actor mention (:func:`diplolib.actors.mentions`) overlapping
the subject of the speech verb — a person is preferred over the institution in
"le porte-parole du Kremlin, Dmitri Peskov" — or else the nearest mention after
the verb. "il"/"elle" take the previous speaker; a short description with no
mention of its own ("le ministère russe") takes the earlier fuller mention it
abbreviates ("le ministère russe des Affaires étrangères").

Speech verbs come from ``data/reference/speech_verbs.csv`` (see its ``.md``).
A quote spanning several sentences gives one row per sentence it covers, all
with the speaker found for the quote.
"""

from __future__ import annotations

import functools
import re
import weakref
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from diplolib.reference import read_table, reference_file
from diplolib.text import fold

#: Columns of :func:`extract`.
QUOTE_COLUMNS = [
    "article_id", "sent_idx", "start_char", "end_char", "quote", "kind", "speaker_surface", "speaker_id",
    "speaker_side", "verb_lemma", "attribution", "quote_id",
]
KINDS = ("direct", "indirect", "selon")

_OPEN = "«\u201c"
_CLOSE = "»\u201d"
_SENT_END = {".", "!", "?", "…"}
_QUOTE_MARKS = set('«»"\u201c\u201d')
#: Relations followed down from a subject to get the whole noun phrase (no clauses).
_NP_RELS = {"det", "amod", "nmod", "flat", "appos", "conj", "compound", "case", "fixed", "nummod", "punct", "cc"}
_METHOD_RANK = {"name": 0, "alias": 1, "surname": 2, "role": 3, "counterpart": 4, "metonym": 5}
#: Speech-verb kinds whose infinitive complement is a wish or feeling, not reported speech
#: ("a souhaité assainir ses relations"): only their que-clauses count.
_NO_INFINITIVE = {"hope", "praise", "regret"}
_SINGULAR_PRONOUNS = {"il", "elle", "lui", "-il", "-elle"}


# --------------------------------------------------------------------------- reference


@functools.cache
def _speech_verbs_cached(path: str, mtime: float) -> pd.DataFrame:
    table = read_table("speech_verbs.csv")
    table["lemma"] = table["lemma"].str.lower()
    return table


def speech_verbs() -> pd.DataFrame:
    """``speech_verbs.csv``: ``lemma``, ``kind`` (declare, assert, estimate, announce,
    deny, accuse, warn…), ``pos`` (VERB, or NOUN for accusation nouns), ``note``."""
    path = reference_file("speech_verbs.csv")
    return _speech_verbs_cached(str(path), path.stat().st_mtime)


def verb_kinds(pos: str | None = "VERB") -> dict[str, str]:
    """Speech-verb lemma → kind (only rows of part of speech ``pos``; None = all)."""
    t = speech_verbs()
    if pos is not None:
        t = t[t["pos"] == pos]
    return dict(zip(t["lemma"], t["kind"], strict=True))


# --------------------------------------------------------------------------- tokens


#: The latest ``(weak reference to a token table, its Tokens)`` (see :meth:`Tokens.of`).
_LAST_TOKENS: dict[str, tuple] = {}


class Tokens:
    """The token table as arrays with global head indices and children lists.

    Rows are ordered by article (first appearance), ``sent_idx``, ``tok_idx``.
    ``head[i]`` is the row of token ``i``'s head (−1 for the root); ``rel[i]``
    the UD relation without subtype (``nsubj:pass`` → ``nsubj``).
    """

    def __init__(self, tokens: pd.DataFrame) -> None:
        order = {a: i for i, a in enumerate(dict.fromkeys(tokens["article_id"]))}
        art = tokens["article_id"].map(order).to_numpy(dtype=np.int64)
        perm = np.lexsort((tokens["tok_idx"].to_numpy(), tokens["sent_idx"].to_numpy(), art))
        if len(perm) and not (perm == np.arange(len(perm))).all():
            tokens = tokens.iloc[perm]
        t = tokens.reset_index(drop=True)
        self.frame = t
        self.n = len(t)
        self.article = t["article_id"].astype(str).to_numpy(dtype=object)
        self.sent = t["sent_idx"].to_numpy(dtype=np.int64)
        tok = t["tok_idx"].to_numpy(dtype=np.int64)
        head = t["head"].to_numpy(dtype=np.int64)
        idx = np.arange(self.n)
        first = idx - (tok - 1)
        self.head = np.where(head > 0, first + head - 1, -1)
        self.word = t["word"].astype(str).to_numpy(dtype=object)
        self.lemma = t["lemma"].astype(str).str.lower().to_numpy(dtype=object)
        self.upos = t["upos"].astype(str).to_numpy(dtype=object)
        self.feats = t["feats"].astype(str).to_numpy(dtype=object)
        self.deprel = t["deprel"].astype(str).to_numpy(dtype=object)
        # Universal relation without its subtype ("obl:mod" → "obl"), once per distinct label.
        labels, inverse = np.unique(self.deprel.astype(str), return_inverse=True)
        self.rel = np.array([d.split(":")[0] for d in labels], dtype=object)[inverse] if self.n else self.deprel
        self.start = t["start_char"].to_numpy(dtype=np.int64)
        self.end = t["end_char"].to_numpy(dtype=np.int64)
        self.children: list[list[int]] = [[] for _ in range(self.n)]
        for i, h in enumerate(self.head.tolist()):
            if h >= 0:
                self.children[h].append(i)
        self.articles: dict[str, tuple[int, int]] = {}
        self.sentences: dict[tuple[str, int], tuple[int, int]] = {}
        if self.n:
            change = np.flatnonzero((self.article[1:] != self.article[:-1]) | (self.sent[1:] != self.sent[:-1])) + 1
            bounds = np.concatenate([[0], change, [self.n]])
            for lo, hi in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True):
                aid = self.article[lo]
                self.sentences[(aid, int(self.sent[lo]))] = (lo, hi)
                a_lo, _ = self.articles.get(aid, (lo, hi))
                self.articles[aid] = (a_lo, hi)

    @classmethod
    def of(cls, tokens: pd.DataFrame) -> Tokens:
        """``Tokens(tokens)``, reused while ``tokens`` is the same table object as last time.

        Quotes and both tone sentence tables read the same token table; building
        the arrays (a sort check, children lists, sentence bounds) once saves a
        pass over every token. Only the latest table is remembered.
        """
        hit = _LAST_TOKENS.get("hit")
        if hit is not None and hit[0]() is tokens:
            return hit[1]
        built = cls(tokens)
        _LAST_TOKENS["hit"] = (weakref.ref(tokens), built)
        return built

    def subtree(self, i: int, rels: set[str] | None = None) -> list[int]:
        """Token ``i`` and its descendants (only through ``rels`` when given), sorted."""
        out, stack = [], [i]
        while stack:
            j = stack.pop()
            out.append(j)
            stack += [c for c in self.children[j] if rels is None or self.rel[c] in rels]
        return sorted(out)

    def ancestors(self, i: int) -> list[int]:
        """Heads of ``i`` up to the root (nearest first)."""
        out, h = [], int(self.head[i])
        while h >= 0 and len(out) < 100:
            out.append(h)
            h = int(self.head[h])
        return out

    def span(self, rows: list[int]) -> tuple[int, int]:
        """Character span covering ``rows``, leading/trailing punctuation excluded."""
        rows = [r for r in rows if self.upos[r] != "PUNCT"] or rows
        return int(self.start[min(rows)]), int(self.end[max(rows)])


# --------------------------------------------------------------------------- quote marks


def quote_marks(text: str) -> list[tuple[int, int]]:
    """Content spans ``(start, end)`` of the direct quotes in ``text``.

    « » and “ ” pair up within a paragraph (line); an unmatched closing mark
    opens at the paragraph start (or the previous quote's end), an unmatched
    opening mark closes at the paragraph end. Straight double quotes outside
    those spans pair up in order within the paragraph. Spans exclude the marks
    and surrounding spaces; empty ones are dropped.
    """
    spans: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\n]+", text):
        base, line = m.start(), m.group()
        found: list[tuple[int, int]] = []
        opened: int | None = None
        last_end = 0
        for i, ch in enumerate(line):
            if ch in _OPEN and opened is None:
                opened = i + 1
            elif ch in _CLOSE:
                start = opened
                if start is None:  # orphan: from the previous quote's end, skipping punctuation
                    start = last_end
                    while start < i and not (line[start].isalnum() or line[start] in _OPEN + '"'):
                        start += 1
                found.append((start, i))
                opened, last_end = None, i + 1
        if opened is not None:
            found.append((opened, len(line)))
        straight = [i for i, ch in enumerate(line) if ch == '"' and not any(a - 1 <= i <= b for a, b in found)]
        for a, b in zip(straight[::2], straight[1::2], strict=False):
            found.append((a + 1, b))
        for a, b in sorted(found):
            while a < b and line[a].isspace():
                a += 1
            while b > a and line[b - 1].isspace():
                b -= 1
            if b > a and any(c.isalnum() for c in line[a:b]):
                spans.append((base + a, base + b))
    return sorted(spans)


# --------------------------------------------------------------------------- speakers


@dataclass
class _Speaker:
    surface: str = ""
    actor_id: str = ""
    side: str = ""
    how: str = ""


@dataclass
class _Item:
    """One piece of reported speech before it is split by sentence.

    ``subjects``: candidate token rows for the speaker phrase (best first);
    ``verb_row``: the speech verb; ``after_verb``: look for the nearest mention
    after this verb when no subject is found; ``selon``: head of a selon phrase.
    """

    start: int
    end: int
    kind: str
    verb: str = ""
    verb_row: int | None = None
    subjects: list[int] = field(default_factory=list)
    after_verb: int | None = None
    selon: int | None = None
    how: str = ""
    speaker: _Speaker = field(default_factory=_Speaker)

    def attribute(self, other: _Item, how: str) -> None:
        self.verb, self.verb_row, self.subjects = other.verb, other.verb_row, list(other.subjects)
        self.after_verb, self.selon, self.how = other.after_verb, other.selon, how


class _Mentions:
    """Best mention row per span of one article, with lookups.

    A row is ``(start, end, actor_id, side, type, method, confidence, surface)``.
    """

    def __init__(self, rows: list[tuple]) -> None:
        self.rows = rows

    @staticmethod
    def by_article(frame: pd.DataFrame) -> dict[str, list[tuple]]:
        """Rows of every article at once: one sort and one de-duplication for the whole table."""
        if frame.empty:
            return {}
        f = frame.sort_values(["article_id", "start_char", "end_char", "confidence"], ascending=[True, True, True, False])
        f = f.drop_duplicates(["article_id", "start_char", "end_char"], keep="first")
        out: dict[str, list[tuple]] = {}
        for aid, *row in zip(f["article_id"], f["start_char"], f["end_char"], f["actor_id"], f["side"].fillna(""),
                             f["type"].fillna(""), f["method"], f["confidence"], f["surface"], strict=True):
            out.setdefault(aid, []).append(tuple(row))
        return out

    @staticmethod
    def _rank(r: tuple) -> tuple:
        return (0 if r[4] == "person" else 1, _METHOD_RANK.get(r[5], 9), -float(r[6]), r[0])

    def overlapping(self, start: int, end: int) -> tuple | None:
        hits = [r for r in self.rows if r[0] < end and r[1] > start]
        return min(hits, key=self._rank) if hits else None

    def after(self, pos: int, limit: int) -> tuple | None:
        hits = [r for r in self.rows if pos <= r[0] < limit]
        return min(hits, key=lambda r: r[0]) if hits else None

    def abbreviated(self, words: list[str], pos: int) -> tuple | None:
        """The latest earlier mention whose surface contains all ``words`` (folded)."""
        for r in sorted(self.rows, key=lambda r: -r[0]):
            if r[1] <= pos and set(words) <= set(re.findall(r"\w+", fold(r[7]))):
                return r
        return None


def _speaker_from(r: tuple | None, surface: str, how: str) -> _Speaker:
    if r is None:
        return _Speaker(surface, "", "", how)
    return _Speaker(surface or r[7], r[2], r[3], how)


_NOMINAL = ("NOUN", "PROPN", "PRON", "ADJ", "NUM")


def _subjects(tok: Tokens, v: int, inverted: bool = False) -> list[int]:
    """Candidate rows for the subject of verb ``v``, best first.

    Normal order: ``nsubj`` children, closest to the verb first; the noun a
    participle modifies (``acl``) or that stands right before it ("…,
    Washington accusant Moscou de…"). Inverted
    incise ("…», a estimé vendredi Dmitri Peskov"): nominal dependents *after*
    the verb — parsers often label the inverted subject ``obj`` — ``nsubj``
    and capitalised words first.
    """
    kids = [c for c in tok.children[v] if tok.lemma[c] not in ("-t", "t")]
    if inverted:
        clitic = [c for c in kids if tok.rel[c] == "nsubj" and tok.word[c].startswith("-")]
        after = [c for c in kids if c > v and tok.upos[c] in _NOMINAL and tok.rel[c] in ("nsubj", "obj", "appos", "obl", "nmod", "expl")]
        return clitic + sorted(after, key=lambda c: (tok.rel[c] != "nsubj", not tok.word[c][:1].isupper(), c))
    subs = [c for c in kids if tok.rel[c] == "nsubj"]
    if subs:
        return sorted(subs, key=lambda c: (c > v, abs(c - v)))
    h = int(tok.head[v])
    if tok.rel[v] == "acl" and h >= 0 and tok.upos[h] in ("NOUN", "PROPN"):
        return [h]
    prev = v - 1
    if "VerbForm=Part" in tok.feats[v] and "Tense=Pres" in tok.feats[v] and prev >= 0 and tok.article[prev] == tok.article[v] \
            and tok.sent[prev] == tok.sent[v] and tok.upos[prev] in ("NOUN", "PROPN"):
        return [prev]  # absolute participle: "…, Washington accusant Moscou de…"
    return []


def _is_speech(tok: Tokens, i: int, verbs: dict[str, str]) -> bool:
    return tok.upos[i] in ("VERB", "AUX") and tok.lemma[i] in verbs


def _finite(tok: Tokens, i: int) -> bool:
    """A verb that can head an incise: finite, or a participle with its auxiliary."""
    f = tok.feats[i]
    if "VerbForm=Fin" in f:
        return True
    return "VerbForm=Part" in f and any(tok.rel[c] == "aux" for c in tok.children[i])


# --------------------------------------------------------------------------- finders


def _verb_after(tok: Tokens, lo: int, hi: int, pos: int, verbs: dict[str, str]) -> int | None:
    """A speech verb opening an incise right after character ``pos`` ("…», a estimé X")."""
    k = int(np.searchsorted(tok.start[lo:hi], pos)) + lo
    seen = 0
    while k < hi and seen <= 6:
        w = tok.word[k]
        if w in _SENT_END or w in _QUOTE_MARKS or tok.upos[k] in ("CCONJ", "SCONJ"):
            return None
        if tok.upos[k] == "VERB":
            return k if tok.lemma[k] in verbs and _finite(tok, k) else None
        if tok.upos[k] in ("NOUN", "PROPN") and tok.rel[k] == "nsubj":
            return None
        seen += 1
        k += 1
    return None


def _governing_verb(tok: Tokens, rows: list[int], verbs: dict[str, str]) -> tuple[int | None, str]:
    """Speech verb governing the quote tokens ``rows``: an ancestor (up to five
    levels), or the quote's own head verb when its subject is outside the quote."""
    inside = set(rows)
    for t in rows:
        if tok.upos[t] == "PUNCT" or int(tok.head[t]) in inside:
            continue
        if _is_speech(tok, t, verbs) and any(s not in inside for s in _subjects(tok, t)):
            return t, "verb_inside_quote"
        for depth, a in enumerate(tok.ancestors(t)):
            if depth > 5:
                break
            if a not in inside and _is_speech(tok, a, verbs):
                return a, "governing_verb"
    return None, ""


def _selon_heads(tok: Tokens, lo: int, hi: int) -> list[int]:
    return [int(tok.head[i]) for i in range(lo, hi) if tok.lemma[i] == "selon" and tok.head[i] >= 0]


def _direct(tok: Tokens, text: str, spans, sent_of, verbs) -> list[_Item]:
    a_lo, a_hi = sent_of.article_bounds
    items = []
    for cs, ce in spans:
        # Tokens are in text order within an article: binary search instead of a scan.
        lo = a_lo + int(np.searchsorted(tok.start[a_lo:a_hi], cs, side="left"))
        hi = a_lo + int(np.searchsorted(tok.start[a_lo:a_hi], ce, side="left"))
        rows = [i for i in range(lo, hi) if tok.end[i] <= ce]
        close = ce
        while close < len(text) and (text[close].isspace() or text[close] in _CLOSE + '"'):
            close += 1
            if text[close - 1] in _CLOSE + '"':
                break
        item = _Item(cs, ce, "direct")
        v = _verb_after(tok, a_lo, a_hi, close, verbs)
        if v is not None:
            item.verb, item.verb_row, item.subjects, item.after_verb = tok.lemma[v], v, _subjects(tok, v, True), v
            item.how = "incise"
        elif rows:
            g, how = _governing_verb(tok, rows, verbs)
            if g is not None:
                inverted = tok.start[g] >= ce
                item.verb, item.verb_row, item.subjects, item.how = tok.lemma[g], g, _subjects(tok, g, inverted), how
                item.after_verb = g if inverted else None
            else:
                s_lo, s_hi = sent_of.bounds(int(tok.sent[rows[0]]))
                heads = [h for h in _selon_heads(tok, s_lo, s_hi) if h not in set(rows)]
                if heads:
                    item.verb, item.selon, item.how = "selon", heads[0], "selon"
        items.append(item)
    # Chained quotes: «…», "…", a déclaré X — an unattributed quote takes the next one's.
    for i in range(len(items) - 2, -1, -1):
        cur, nxt = items[i], items[i + 1]
        between = text[cur.end : nxt.start]
        if not cur.how and nxt.how and len(between) < 8 and not re.search(r"\w", between):
            cur.attribute(nxt, nxt.how + "+chain")
    return items


def _incise_gap(tok: Tokens, head: int, v: int) -> bool:
    """True when only punctuation, auxiliaries and adverbs separate ``v`` from what precedes it."""
    k = v - 1
    while k > head and tok.upos[k] in ("AUX", "ADV", "PART"):
        k -= 1
    return tok.word[k] in (",", "»", '"', "”") and not any(tok.rel[c] == "cc" for c in tok.children[v])


def _indirect(tok: Tokens, sent_of, verbs) -> list[_Item]:
    """Que-clauses, infinitives and quote-less incises of speech verbs (before overlap checks)."""
    a_lo, a_hi = sent_of.article_bounds
    items = []
    for v in range(a_lo, a_hi):
        if tok.upos[v] != "VERB" or tok.lemma[v] not in verbs:
            continue
        content: list[int] = []
        for c in tok.children[v]:
            infinitive = tok.rel[c] == "xcomp" and "VerbForm=Inf" in tok.feats[c] and verbs[tok.lemma[v]] not in _NO_INFINITIVE
            if tok.rel[c] == "ccomp" or infinitive:
                content = tok.subtree(c)
                break
        inverted = False
        h = int(tok.head[v])
        if not content and tok.rel[v] in ("parataxis", "conj") and 0 <= h < v and _incise_gap(tok, h, v):
            own = set(tok.subtree(v))
            content = [r for r in tok.subtree(h) if r not in own and r < v]
            inverted = True
        if len([r for r in content if tok.upos[r] != "PUNCT"]) < 2:
            continue
        start, end = tok.span(content)
        item = _Item(start, end, "indirect", tok.lemma[v], v, _subjects(tok, v, inverted))
        item.after_verb = v if inverted else None
        item.how = "incise" if inverted else "subject"
        items.append(item)
    return items


def _selon(tok: Tokens, text: str, sent_of) -> list[_Item]:
    """"selon X": the clause the phrase attaches to, minus the phrase."""
    a_lo, a_hi = sent_of.article_bounds
    items = []
    for i in range(a_lo, a_hi):
        if tok.lemma[i] != "selon" or tok.head[i] < 0:
            continue
        n = int(tok.head[i])
        clause = int(tok.head[n]) if tok.head[n] >= 0 else n
        phrase = set(tok.subtree(n)) | {i}
        content = [r for r in tok.subtree(clause) if r not in phrase]
        if clause == n or len([r for r in content if tok.upos[r] != "PUNCT"]) < 2:
            continue
        a, b = tok.span(content)
        items.append(_Item(a, b, "selon", "selon", None, [], None, n, "selon"))
    return items


class _SentenceIndex:
    def __init__(self, tok: Tokens, aid: str, sentences: pd.DataFrame) -> None:
        self.tok, self.aid = tok, aid
        self.article_bounds = tok.articles.get(aid, (0, 0))
        self.sent_rows = list(zip(sentences["sent_idx"].tolist(), sentences["start_char"].tolist(),
                                  sentences["end_char"].tolist(), strict=True))

    def bounds(self, sent_idx: int) -> tuple[int, int]:
        return self.tok.sentences.get((self.aid, sent_idx), (0, 0))

    def of(self, pos: int) -> int:
        best = self.sent_rows[0][0] if self.sent_rows else 0
        for s, a, _ in self.sent_rows:
            if a <= pos:
                best = s
        return best


def _np(tok: Tokens, head: int) -> tuple[list[int], int, int]:
    """Rows and span of the noun phrase headed by ``head`` (leading preposition dropped)."""
    rows = tok.subtree(head, _NP_RELS)
    while len(rows) > 1 and tok.upos[rows[0]] in ("ADP", "PUNCT", "CCONJ"):
        rows = rows[1:]
    a, b = tok.span(rows)
    return rows, a, b


def _resolve(tok: Tokens, text: str, items: list[_Item], ments: _Mentions, sent_of: _SentenceIndex, quoted) -> None:
    """Fill ``item.speaker`` in text order (pronouns look back at earlier speakers).

    Subject candidates inside a direct quote are never the speaker.
    """
    done: list[_Item] = []
    by_verb: dict[int, _Item] = {}
    for item in sorted(items, key=lambda it: it.start):
        item.subjects = [c for c in item.subjects if not quoted(tok.start[c], tok.end[c])]
        item.speaker = _find_speaker(tok, text, item, ments, sent_of, done, by_verb, quoted)
        if item.verb_row is not None and item.speaker.how:
            by_verb.setdefault(item.verb_row, item)
        done.append(item)


def _find_speaker(tok, text, item: _Item, ments: _Mentions, sent_of, done, by_verb, quoted) -> _Speaker:
    cands = list(item.subjects) if item.selon is None else [item.selon]
    how = item.how
    if not cands and item.after_verb is None and item.verb_row is not None:
        # A participle or infinitive ("notant que…", "ajoutant que…"): the speaker of the verb it depends on.
        for a in tok.ancestors(item.verb_row)[:3]:
            if a in by_verb and by_verb[a].speaker.how:
                sp = by_verb[a].speaker
                return _Speaker(sp.surface, sp.actor_id, sp.side, how + "+shared_verb")
            cands = [c for c in _subjects(tok, a) if not quoted(tok.start[c], tok.end[c])]
            if cands:
                how += "+head_verb"
                break
    for c in cands:
        if tok.upos[c] == "PRON":
            continue
        _, a, b = _np(tok, c)
        r = ments.overlapping(a, b)
        if r is not None:
            return _speaker_from(r, text[a:b], how)
    if cands:
        c = cands[0]
        rows, a, b = _np(tok, c)
        surface = text[a:b]
        if tok.upos[c] == "PRON":
            return _pronoun(tok, c, surface, done, ments, sent_of, how, quoted)
        if "Number=Plur" not in tok.feats[c] and any(tok.upos[x] == "NOUN" for x in rows):
            words = [fold(tok.word[x]) for x in rows if tok.upos[x] in ("NOUN", "ADJ", "PROPN")]
            r = ments.abbreviated(words, a)
            if r is not None:
                return _speaker_from(r, surface, how + "+abbreviation")
        if item.after_verb is None or tok.upos[c] in ("NOUN", "PROPN"):
            return _Speaker(surface, "", "", how)
    if item.after_verb is not None:
        v = item.after_verb
        own = tok.subtree(v)
        limit = max(int(tok.end[max(own)]), int(tok.end[v]) + 40)
        r = ments.after(int(tok.end[v]), limit)
        if r is not None:
            return _speaker_from(r, r[7], how + "+next_mention")
    return _Speaker("", "", "", how)


def _pronoun(tok: Tokens, head: int, surface: str, done: list[_Item], ments: _Mentions, sent_of, how: str, quoted) -> _Speaker:
    """"il"/"elle": the nearest person named before it (outside quotes, within two
    sentences), else the previous resolved speaker (within three sentences)."""
    word = tok.word[head].lower()
    how = how + "+pronoun"
    if "Number=Plur" in tok.feats[head] or (word not in _SINGULAR_PRONOUNS and tok.lemma[head] not in _SINGULAR_PRONOUNS):
        return _Speaker(surface, "", "", how)
    pos = int(tok.start[head])
    sent = int(tok.sent[head])
    floor = next((a for s, a, _ in sent_of.sent_rows if s >= sent - 2), 0)
    people = [r for r in ments.rows if floor <= r[0] and r[1] <= pos and r[4] == "person" and not quoted(r[0], r[1])]
    if people:
        return _speaker_from(max(people, key=lambda r: r[0]), surface, how)
    for prev in reversed(done):
        if prev.speaker.actor_id and prev.start < pos and sent_of.of(prev.start) >= sent - 3:
            return _Speaker(surface, prev.speaker.actor_id, prev.speaker.side, how)
    return _Speaker(surface, "", "", how)


# --------------------------------------------------------------------------- public


def extract(corpus, mentions: pd.DataFrame | None = None, dates: pd.DataFrame | None = None) -> pd.DataFrame:
    """Reported speech of every ``ok`` article, one row per (quote, sentence covered).

    Parameters
    ----------
    corpus:
        A :class:`diplolib.Corpus`.
    mentions:
        Actor mentions from :func:`diplolib.actors.mentions`; computed (with
        ``dates``) when omitted.
    dates:
        Article date intervals passed to :func:`diplolib.actors.mentions` when
        ``mentions`` is omitted.

    Returns
    -------
    DataFrame with columns:

    - ``article_id``, ``sent_idx``: the sentence holding this part of the quote;
    - ``start_char``, ``end_char``, ``quote``: the quoted text in that sentence
      (offsets into the article text, quote marks excluded);
    - ``kind``: ``direct`` (« », “ ”, "…"), ``indirect`` (que-clause or
      infinitive of a speech verb, incise without quote marks) or ``selon``;
    - ``speaker_surface``: the words designating the speaker ("" if none found);
    - ``speaker_id``, ``speaker_side``: the resolved actor (``actors.csv``) and
      its side (RU, US, UA, EU, NATO, other); "" when unresolved;
    - ``verb_lemma``: the speech verb (``selon`` for selon attributions, "" if none);
    - ``attribution``: how the speaker was found (``incise``, ``governing_verb``,
      ``verb_inside_quote``, ``selon``, ``subject``, ``+chain``,
      ``+next_mention``, ``+abbreviation``, ``pronoun``; "" = unattributed);
    - ``quote_id``: ``<article_id>:<n>``, shared by the rows of a multi-sentence quote.
    """
    if mentions is None:
        from diplolib.actors import mentions as find_mentions

        mentions = find_mentions(corpus, dates=dates)
    verbs = verb_kinds("VERB")
    tok = Tokens.of(corpus.tokens)
    texts = dict(zip(corpus.ok["article_id"], corpus.ok["text"], strict=True))
    sentences = corpus.sentences
    by_article_sents = dict(tuple(sentences.groupby("article_id", sort=False, observed=True)))
    by_article_ments = _Mentions.by_article(mentions)
    rows = []
    for aid, sents in by_article_sents.items():
        text = texts.get(aid)
        if text is None:
            continue
        sent_of = _SentenceIndex(tok, aid, sents)
        ments = _Mentions(by_article_ments.get(aid, []))
        direct_spans = quote_marks(text)

        def quoted(a: int, b: int, spans=direct_spans) -> bool:
            return any(s < b and e > a for s, e in spans)

        items = _direct(tok, text, direct_spans, sent_of, verbs)
        for ind in _indirect(tok, sent_of, verbs) + _selon(tok, text, sent_of):
            inside = [it for it in items if it.kind == "direct" and ind.start <= it.start and it.end <= ind.end]
            anchor = ind.verb_row if ind.verb_row is not None else ind.selon
            if anchor is not None and quoted(tok.start[anchor], tok.end[anchor]):
                continue
            if quoted(ind.start, ind.end):
                # Quotes inside reported content ("a affirmé qu'un «contact» pourrait…") take its speaker.
                for it in inside:
                    if not it.how:
                        it.attribute(ind, "in_" + ind.kind)
                continue
            items.append(ind)
        reported = [it for it in items if it.kind != "direct"]
        items = [it for it in items if it.kind == "direct" or not any(
            o is not it and o.start <= it.start and it.end <= o.end and (o.start, o.end) != (it.start, it.end) for o in reported)]
        _resolve(tok, text, items, ments, sent_of, quoted)
        for n, item in enumerate(sorted(items, key=lambda it: (it.start, it.end))):
            for s, a, b in sent_of.sent_rows:
                lo, hi = max(a, item.start), min(b, item.end)
                while lo < hi and (text[lo].isspace() or text[lo] in _QUOTE_MARKS):
                    lo += 1
                while hi > lo and (text[hi - 1].isspace() or text[hi - 1] in _QUOTE_MARKS):
                    hi -= 1
                if hi <= lo or not re.search(r"\w", text[lo:hi]):
                    continue
                sp = item.speaker
                rows.append((aid, s, lo, hi, text[lo:hi], item.kind, sp.surface, sp.actor_id, sp.side,
                             item.verb, sp.how if (sp.surface or sp.actor_id) else item.how, f"{aid}:{n}"))
    frame = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    frame["sent_idx"] = frame["sent_idx"].astype("int64")
    frame["start_char"] = frame["start_char"].astype("int64")
    frame["end_char"] = frame["end_char"].astype("int64")
    return frame.sort_values(["article_id", "start_char", "kind"], kind="stable").reset_index(drop=True)


def sentence_speakers(quotes: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """One speaker per sentence: the quote row covering most of it.

    Returns ``article_id``, ``sent_idx``, ``speaker_id``, ``speaker_side`` for
    every sentence of ``sentences``: ``press`` when the sentence reports no
    speech (narration) or only an unattributed quotation covering less than
    half of it; ``unknown`` when it reports speech by an unresolved speaker.
    """
    base = sentences[["article_id", "sent_idx", "start_char", "end_char"]].copy()
    base["speaker_id"] = ""
    base["speaker_side"] = "press"
    if quotes is None or quotes.empty:
        return base[["article_id", "sent_idx", "speaker_id", "speaker_side"]]
    q = quotes.copy()
    q["length"] = q["end_char"] - q["start_char"]
    q = q.merge(base[["article_id", "sent_idx", "start_char", "end_char"]].rename(
        columns={"start_char": "s_start", "end_char": "s_end"}), on=["article_id", "sent_idx"], how="inner")
    q["share"] = q["length"] / (q["s_end"] - q["s_start"]).clip(lower=1)
    attributed = (q["speaker_id"] != "") | (q["speaker_surface"] != "") | (q["verb_lemma"] != "")
    q = q[attributed | (q["share"] >= 0.5)]
    q = q.sort_values(["article_id", "sent_idx", "length"], ascending=[True, True, False], kind="stable")
    best = q.drop_duplicates(["article_id", "sent_idx"], keep="first")
    best = best.assign(side=np.where(best["speaker_id"] != "", best["speaker_side"].replace("", "unknown"), "unknown"))
    out = base.merge(best[["article_id", "sent_idx", "speaker_id", "side"]], on=["article_id", "sent_idx"],
                     how="left", suffixes=("_base", ""))
    out["speaker_id"] = out["speaker_id"].fillna("")
    out["speaker_side"] = out["side"].fillna("press")
    return out[["article_id", "sent_idx", "speaker_id", "speaker_side"]]


__all__ = ["KINDS", "QUOTE_COLUMNS", "Tokens", "extract", "quote_marks", "sentence_speakers", "speech_verbs", "verb_kinds"]
