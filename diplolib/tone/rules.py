"""Scoring rules of sentence tone: lexicon hits weighted by negation, intensity, modality and accusation.

Every lexicon term found in a sentence (:mod:`diplolib.lexicons`; score −1 … +1,
the project's −3 … +3 divided by 3) is a *hit*. Its weight is its score times
the multipliers of the rules below, read from ``data/reference/tone_modifiers.csv``
(documented in ``tone_modifiers.md``); the dependency parse decides what a
modifier applies to.

- **Negation** (``ne… pas/plus/jamais/guère``, ``sans``, ``aucun``, ``non``,
  ``ni``): a negator attached to the hit, to the noun phrase or predicate it
  belongs to, or to a verb whose infinitive complement holds it, *flips* the
  hit at ×−0.5 ("Les relations ne sont pas bonnes", "ne veut pas négocier",
  "sans succès"). Half, not full, because a negated evaluation is weaker than
  its opposite ("pas bon" ≠ "mauvais"; the "shift" rather than "switch"
  negation of Taboada et al. 2011, *Computational Linguistics* 37(2)). A
  negator on the verb that merely *governs a nominal hit* (its object or
  oblique: "ne souhaite pas l'escalade", "n'a pas commenté les accusations")
  only damps it ×0.5: the evaluated thing is still there. ``pas du tout``
  flips fully (×−1). Partial negation — negation with ``toujours``,
  ``encore``, ``forcément``… or with an intensifier ("pas toujours d'accord",
  "pas très constructif") — gives ×−0.25: slightly negative, above the plain
  negation.
- **Intensifiers** (``très``, ``extrêmement``, ``vive`` inquiétude…) ×1.5 and
  **attenuators** (``peu``, ``relativement``, ``assez``…) ×0.5 when attached to
  the hit itself.
- **Modality**: conditional mood in the hit's clause (``Mood=Cnd``, or a
  conditional ending the tagger labelled future), a si-clause holding the hit
  (not ``même si``), a sentence ending with ``?``, and hedges attached to the
  hit's path (lexicon entries of category ``uncertainty``: "risque
  d'escalade", "une possible annexion") damp ×0.5. These cues do not stack:
  the strongest applies once.
- **Accusations**: a hit inside the complement of an accusation word
  (``speech_verbs.csv`` kind ``accuse``: "Washington accusant Moscou de
  préparer une invasion", "accuse Moscou de saboter la paix") cannot be
  positive: a positive final weight there is set to 0 (reported, not
  counted). The accusation word itself is a conflict term of the lexicon.

Sentence **score** = the mean weight of its counted hits (hits with a nonzero
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field

from diplolib.lexicons import Lexicon, split_term, token_keys
from diplolib.quotes import Tokens, speech_verbs
from diplolib.reference import read_table, reference_file

#: Relations that end a clause: modality and negation do not cross them upwards.
_CLAUSAL = {"root", "dep", "ccomp", "advcl", "acl", "parataxis", "csubj", "list", "vocative", "dislocated", "orphan", "reparandum", "discourse"}
#: Relations through which a nominal hit belongs to the phrase above it (direct negation zone).
#: Obliques are adjuncts outside the negation's focus ("pas d'accord *pendant la conversation*").
_PHRASAL = {"amod", "nmod", "appos", "fixed", "flat", "compound", "det", "case", "nummod", "advmod"}
#: Argument relations by which a verb governs a nominal hit (damping negation zone).
_ARGUMENT = {"obj", "iobj", "obl", "nmod", "expl"}


# --------------------------------------------------------------------------- modifiers


@dataclass(frozen=True)
class Modifier:
    """One row of ``tone_modifiers.csv``."""

    term: str
    kind: str
    multiplier: float
    deprel: str = ""
    requires: str = ""


@dataclass
class Modifiers:
    """The modifier table, split by use.

    ``words``: word-sequence modifiers (negators, partial markers,
    intensifiers, attenuators, hedges, hypothetical markers, ``ignore``
    blockers) indexed by their lemma elements; the rest are grammatical cues.
    """

    words: dict[tuple[str, ...], list[Modifier]]
    first: dict[str, list[tuple[str, ...]]]
    mood_feature: str = "Mood=Cnd"
    mood: float = 0.5
    conditional_endings: tuple[str, ...] = ()
    question_mark: str = "?"
    question: float = 0.5
    governing_verb: float = 0.5
    negated_negative: float = 0.5
    complement: dict[str, float] = field(default_factory=dict)
    hedge_categories: dict[str, float] = field(default_factory=dict)

    def match(self, keys: Sequence[Sequence[str]], skip: set[int]) -> list[tuple[int, int, list[Modifier]]]:
        """Longest-first non-overlapping modifier occurrences ``(start, end, rows)``."""
        out, i, n = [], 0, len(keys)
        while i < n:
            if i in skip:
                i += 1
                continue
            found = None
            for key in (k for k0 in keys[i] for k in self.first.get(k0, ())):
                size = len(key)
                fits = i + size <= n and (found is None or size > len(found))
                if fits and not any(j in skip for j in range(i, i + size)) and all(key[j] in keys[i + j] for j in range(size)):
                    found = key
            if found is None:
                i += 1
                continue
            out.append((i, i + len(found), self.words[found]))
            i += len(found)
        return out


@functools.cache
def _modifiers_cached(path: str, mtime: float) -> Modifiers:
    table = read_table("tone_modifiers.csv")
    words: dict[tuple[str, ...], list[Modifier]] = {}
    mods = Modifiers({}, {})
    endings = []
    for r in table.itertuples(index=False):
        m = Modifier(r.term, r.kind, float(r.multiplier), r.deprel, r.requires)
        if r.kind == "mood":
            mods.mood_feature, mods.mood = r.term, m.multiplier
        elif r.kind == "conditional_ending":
            endings.append(r.term)
        elif r.kind == "question":
            mods.question_mark, mods.question = r.term, m.multiplier
        elif r.kind == "scope" and r.term == "governing_verb":
            mods.governing_verb = m.multiplier
        elif r.kind == "scope" and r.term == "negated_negative":
            mods.negated_negative = m.multiplier
        elif r.kind == "complement":
            mods.complement[r.term] = m.multiplier
        elif r.kind == "hedge" and r.term.startswith("category:"):
            mods.hedge_categories[r.term.split(":", 1)[1]] = m.multiplier
        else:
            words.setdefault(tuple(split_term(r.term)), []).append(m)
    first: dict[str, list[tuple[str, ...]]] = {}
    for key in sorted(words, key=len, reverse=True):
        first.setdefault(key[0], []).append(key)
    mods.words, mods.first = words, first
    mods.conditional_endings = tuple(sorted(endings, key=len, reverse=True))
    return mods


def modifiers() -> Modifiers:
    """``tone_modifiers.csv`` loaded (reloaded when the file changes)."""
    path = reference_file("tone_modifiers.csv")
    return _modifiers_cached(str(path), path.stat().st_mtime)


def _accusation_words() -> dict[str, str]:
    t = speech_verbs()
    t = t[t["kind"].isin(modifiers().complement)]
    return dict(zip(t["lemma"], t["pos"], strict=True))


# --------------------------------------------------------------------------- one sentence


@dataclass
class _Occurrence:
    start: int
    end: int
    rows: list[Modifier]
    anchor: int  # token row whose head is outside the occurrence
    attach: int = -1  # effective head (through chains of modifiers: "pas" → "toujours" → hit)

    def row(self, kind: str, rel: str) -> Modifier | None:
        for m in self.rows:
            if m.kind == kind and (not m.deprel or m.deprel == rel):
                return m
        return None


class _Sentence:
    """Rule application on one sentence (token rows ``lo`` … ``hi - 1`` of a :class:`Tokens`)."""

    def __init__(self, tok: Tokens, lo: int, hi: int, lexicon: Lexicon, mods: Modifiers, accusers: dict[str, str], text: str) -> None:
        self.tok, self.lo, self.hi, self.mods, self.accusers = tok, lo, hi, mods, accusers
        self.keys = [token_keys(tok.word[i], tok.lemma[i], tok.upos[i], tok.feats[i]) for i in range(lo, hi)]
        self.matches = lexicon.match(self.keys)
        scored = {j for m in self.matches if not m.entry.is_cue for j in range(m.start, m.end)}
        lemma_keys = [(tok.lemma[i], tok.word[i].lower()) for i in range(lo, hi)]
        self.occ: list[_Occurrence] = []
        for s, e, rows in mods.match(lemma_keys, scored):
            span = range(lo + s, lo + e)
            anchor = next((i for i in span if tok.head[i] not in span), lo + s)
            self.occ.append(_Occurrence(lo + s, lo + e, rows, anchor))
        by_row = {i: o for o in self.occ for i in range(o.start, o.end)}
        for o in self.occ:
            h = int(tok.head[o.anchor])
            seen = 0
            while h >= 0 and h in by_row and by_row[h] is not o and seen < 5:
                h = int(tok.head[by_row[h].anchor])
                seen += 1
            o.attach = h
        self.cues = [m for m in self.matches if m.entry.is_cue]
        stripped = text.rstrip(" »\"'\u201d)]")
        self.question = bool(mods.question_mark) and stripped.endswith(mods.question_mark)

    # -- structure --------------------------------------------------------

    def _zones(self, g: int) -> tuple[set[int], set[int], list[int]]:
        """Direct negation zone, governing verbs, and the path from ``g`` to its clause head."""
        tok = self.tok
        direct, governing, path = {g}, set(), [g]
        cur, in_direct = g, True
        while True:
            h = int(tok.head[cur])
            rel = tok.rel[cur]
            if h < 0 or rel in _CLAUSAL or (rel == "conj" and self._predicate(cur)):
                break
            verb_head = tok.upos[h] in ("VERB", "AUX")
            if in_direct:
                # A bare "être" heading the clause is a copula the parser made the head: its
                # negation negates the predicate ("ne sommes pas du tout d'accord").
                copula = tok.upos[h] == "AUX"
                if (rel == "xcomp" and tok.upos[cur] == "VERB") or (rel in _PHRASAL and not verb_head) or copula:
                    direct.add(h)
                elif rel in _ARGUMENT and verb_head:
                    governing.add(h)
                    in_direct = False
                else:
                    in_direct = False
            elif rel == "xcomp" and governing and cur in governing:
                governing.add(h)
            path.append(h)
            cur = h
        return direct, governing, path

    def _predicate(self, i: int) -> bool:
        """A verb, or a word with a copula: a conjunct that is a clause of its own."""
        return self.tok.upos[i] == "VERB" or any(self.tok.rel[c] == "cop" for c in self.tok.children[i])

    def _attached(self, kind: str, targets: set[int]) -> list[tuple[_Occurrence, Modifier]]:
        out = []
        for o in self.occ:
            if o.attach in targets:
                m = o.row(kind, self.tok.rel[o.anchor])
                if m is not None and self._requires_ok(o, m):
                    out.append((o, m))
        return out

    def _requires_ok(self, o: _Occurrence, m: Modifier) -> bool:
        if not m.requires:
            return True
        need = set(split_term(m.requires))
        siblings = self.tok.children[o.attach] if o.attach >= 0 else []
        return any(self.tok.lemma[c] in need or self.tok.word[c].lower() in need for c in siblings)

    def _conditional(self, rows: list[int]) -> bool:
        tok, mods = self.tok, self.mods
        for r in rows:
            for t in [r, *(c for c in tok.children[r] if tok.rel[c] in ("aux", "cop"))]:
                f = tok.feats[t]
                if mods.mood_feature and mods.mood_feature in f:
                    return True
                if "Tense=Fut" in f and tok.word[t].lower().endswith(mods.conditional_endings or ("\0",)):
                    return True
        return False

    def _in_accusation(self, g: int) -> str | None:
        tok = self.tok
        child = g
        for a in tok.ancestors(g)[:8]:
            pos = self.accusers.get(tok.lemma[a])
            if pos and tok.upos[a] == pos and tok.rel[child] in ("xcomp", "ccomp", "obl", "nmod", "advcl", "acl"):
                return tok.lemma[a]
            child = a
        return None

    # -- weights ----------------------------------------------------------

    def hits(self, article_text: str) -> list[dict]:
        tok, mods = self.tok, self.mods
        out = []
        for m in self.matches:
            if m.entry.is_cue:
                continue
            span = list(range(self.lo + m.start, self.lo + m.end))
            g = next((i for i in span if tok.head[i] not in span), span[0])
            direct, governing, path = self._zones(g)
            applied: list[str] = []
            weight = m.entry.score
            spanset = set(span)
            negs = self._attached("negator", direct)
            intens = self._attached("intensifier", spanset | {g})
            if negs:
                factor = min(mm.multiplier for _, mm in negs)
                partial = self._attached("partial", direct)
                if factor > -1 and (partial or intens):
                    factor = (partial[0][1] if partial else self._partial_default()).multiplier
                    applied.append(f"partial_negation:{_words(tok, (partial or intens)[0][0])}({factor:+g})")
                    intens = []
                elif weight < 0 and factor > -1:
                    # A negated *negative* word stays negative, only weaker ("sans tentative de
                    # diktat" is not praise): Kiritchenko & Mohammad 2016, NAACL.
                    factor = mods.negated_negative
                    applied.append(f"negated_negative:{_words(tok, negs[0][0])}({factor:+g})")
                else:
                    applied.append(f"negation:{_words(tok, negs[0][0])}({factor:+g})")
                weight *= factor
            elif governing and (gneg := self._attached("negator", governing)):
                # Negated verb over a nominal hit: a positive object is denied ("ne visent pas à
                # établir la confiance" flips like direct negation); a negative one is only damped
                # ("ne souhaite pas l'escalade" is not praise of escalation, nor quite positive).
                factor = mods.governing_verb if weight < 0 else min(mm.multiplier for _, mm in gneg)
                weight *= factor
                applied.append(f"negated_verb:{_words(tok, gneg[0][0])}({factor:g})")
            for o, mm in intens:
                weight *= mm.multiplier
                applied.append(f"intensifier:{_words(tok, o)}({mm.multiplier:g})")
            for o, mm in self._attached("attenuator", spanset | {g}):
                weight *= mm.multiplier
                applied.append(f"attenuator:{_words(tok, o)}({mm.multiplier:g})")
            modal = self._modality(g, path)
            if modal:
                factor, label = min(modal)
                weight *= factor
                applied.append(f"modality:{label}({factor:g})")
            accuser = self._in_accusation(g)
            counted = weight != 0
            if accuser and weight > 0:
                factor = min(mods.complement.values())
                weight *= factor
                applied.append(f"accusation_complement:{accuser}({factor:g})")
                counted = weight != 0
            s, e = int(tok.start[span[0]]), int(tok.end[span[-1]])
            out.append({
                "term": m.entry.term, "lemmas": " ".join(tok.lemma[i] for i in span),
                "surface": article_text[s:e] if article_text else " ".join(tok.word[i] for i in span),
                "start_char": s, "end_char": e, "category": m.entry.category,
                "base": round(m.entry.score, 4), "weight": round(weight, 4), "modifiers": applied, "counted": counted,
            })
        return out

    def _partial_default(self) -> Modifier:
        """The partial-negation multiplier used for "pas très …" (first ``partial`` row)."""
        for rows in self.mods.words.values():
            for m in rows:
                if m.kind == "partial":
                    return m
        return Modifier("partial", "partial", -0.25)

    def _modality(self, g: int, path: list[int]) -> list[tuple[float, str]]:
        tok, mods = self.tok, self.mods
        found: list[tuple[float, str]] = []
        if self._conditional(path):
            found.append((mods.mood, "conditional"))
        chain = {g, *tok.ancestors(g)}
        for o in self.occ:
            m = o.row("hypothetical", tok.rel[o.anchor])
            if m is not None and o.attach in chain and m.multiplier != 1:
                found.append((m.multiplier, "hypothetical:" + _words(tok, o)))
        if self.question:
            found.append((mods.question, "question"))
        pathset = set(path)
        for o in self.occ:
            m = o.row("hedge", tok.rel[o.anchor])
            if m is not None and (o.anchor in pathset or (o.attach in pathset and tok.rel[o.anchor] not in _CLAUSAL | {"conj"})):
                found.append((m.multiplier, "hedge:" + _words(tok, o)))
        for cue in self.cues:
            factor = mods.hedge_categories.get(cue.entry.category)
            if factor is None:
                continue
            rows = range(self.lo + cue.start, self.lo + cue.end)
            if any(r in pathset or (int(tok.head[r]) in pathset and tok.rel[r] not in _CLAUSAL | {"conj"}) for r in rows):
                found.append((factor, "hedge:" + cue.entry.term))
        return found


def _words(tok: Tokens, o: _Occurrence | None) -> str:
    return "" if o is None else " ".join(tok.word[i] for i in range(o.start, o.end))


def _mean(values: list[float]) -> float:
    return max(-1.0, min(1.0, sum(values) / len(values))) if values else 0.0
