"""Per-sentence views of the token table: numpy slices, children, subtrees and clauses.

The token table is sorted and sliced once per article and per sentence
(:func:`sentences`); nothing here filters a DataFrame per sentence.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

#: Relations that open another clause: a trigger's participants are not looked for across them.
CLAUSAL = {"advcl", "ccomp", "parataxis", "acl", "acl:relcl", "csubj", "conj", "punct"}


@dataclass
class Sentence:
    """One sentence's tokens as parallel lists; ``head`` is 0-based (-1 = root)."""

    article_id: str
    sent_idx: int
    word: list[str]
    lemma: list[str]
    upos: list[str]
    feats: list[str]
    head: list[int]
    deprel: list[str]
    start: np.ndarray
    end: np.ndarray
    children: list[list[int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.children = [[] for _ in self.word]
        for j, h in enumerate(self.head):
            if 0 <= h < len(self.word):
                self.children[h].append(j)

    def __len__(self) -> int:
        return len(self.word)

    def subtree(self, i: int, stop: set[str] | None = None) -> set[int]:
        """Token ``i`` and its descendants (not entering relations in ``stop``)."""
        out, stack = set(), [i]
        while stack:
            k = stack.pop()
            if k in out:
                continue
            out.add(k)
            stack.extend(c for c in self.children[k] if stop is None or self.deprel[c] not in stop)
        return out

    def phrase(self, i: int) -> set[int]:
        """Token ``i``'s phrase: its subtree without embedded clauses, but with coordinated
        nominals ("Vladimir Poutine et Joe Biden")."""
        out, stack = set(), [i]
        while stack:
            k = stack.pop()
            if k in out:
                continue
            out.add(k)
            for c in self.children[k]:
                rel = self.deprel[c]
                if rel not in CLAUSAL or (rel == "conj" and self.upos[c] not in ("VERB", "AUX")):
                    stack.append(c)
        return out

    def governors(self, i: int, n: int = 3, stop: set[str] | None = None) -> list[int]:
        """Up to ``n`` ancestors of ``i``, stopping before climbing a relation in ``stop``."""
        out, k = [], i
        while len(out) < n and self.head[k] >= 0 and (stop is None or self.deprel[k] not in stop):
            k = self.head[k]
            out.append(k)
        return out

    def token_at(self, char: int) -> int | None:
        """Index of the token that covers character offset ``char``."""
        k = int(np.searchsorted(self.start, char, side="right")) - 1
        return k if 0 <= k < len(self.word) and char < self.end[k] else None

    def case_of(self, i: int) -> str:
        """Lemmas of the ``case`` (preposition) children of ``i``, joined by spaces ("à l'encontre de")."""
        return " ".join(self.lemma[c] for c in self.children[i] if self.deprel[c] in ("case", "fixed") or self.upos[c] == "ADP")

    def clause(self, trigger: int) -> set[int]:
        """Tokens of a trigger's clause: its subtree (without embedded clauses), plus the arguments of
        its governors up to the first verb — or through it when the trigger is its infinitive or
        participle complement ("doit rencontrer", "accusant Moscou de…")."""
        members = self.subtree(trigger, {"conj", "parataxis"})
        node, path = trigger, {trigger}
        for _ in range(3):
            if self.head[node] < 0 or self.deprel[node] in ("conj", "parataxis"):
                break
            relation = self.deprel[node]
            node = self.head[node]
            path.add(node)
            members.add(node)
            for c in self.children[node]:
                if c not in path and self.deprel[c] not in CLAUSAL:
                    members |= self.phrase(c)
            if self.upos[node] in ("VERB", "AUX") and relation not in ("xcomp", "obj", "nsubj", "nsubj:pass", "obl", "obl:arg", "advcl"):
                break
            if self.upos[node] in ("VERB", "AUX") and relation == "advcl" and "VerbForm=Part" not in self.feats[trigger]:
                break
        return members


def sentences(tokens: pd.DataFrame) -> Iterator[Sentence]:
    """Every sentence of ``tokens`` (one sort, then slices)."""
    t = tokens.sort_values(["article_id", "sent_idx", "tok_idx"], kind="stable")
    aid = t["article_id"].astype(str).to_numpy()
    sid = t["sent_idx"].to_numpy()
    word = t["word"].astype(str).to_numpy()
    lemma = t["lemma"].astype(str).str.lower().to_numpy()
    upos = t["upos"].astype(str).to_numpy()
    feats = t["feats"].astype(str).to_numpy()
    head = t["head"].to_numpy().astype(int) - 1
    deprel = t["deprel"].astype(str).to_numpy()
    start = t["start_char"].to_numpy().astype(int)
    end = t["end_char"].to_numpy().astype(int)
    if len(t) == 0:
        return
    cut = np.flatnonzero((aid[1:] != aid[:-1]) | (sid[1:] != sid[:-1])) + 1
    bounds = np.concatenate([[0], cut, [len(t)]])
    for a, b in zip(bounds[:-1], bounds[1:], strict=True):
        yield Sentence(
            aid[a], int(sid[a]), word[a:b].tolist(), lemma[a:b].tolist(), upos[a:b].tolist(), feats[a:b].tolist(),
            head[a:b].tolist(), deprel[a:b].tolist(), start[a:b], end[a:b],
        )
