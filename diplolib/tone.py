"""Stage 4: diplomatic tone — sentences, articles, periods, events, keyness.

Sentence tone (:func:`sentences`)
---------------------------------
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
lexicon score and a nonzero final weight), clipped to −1 … +1; 0 with
``n_hits == 0``. The mean, not the sum, so that long sentences are not more
extreme because they are long; ``n_hits`` says how much evidence there is.
:func:`baseline_sentences` applies the same lexicon and the same mean with no
rule.

Aggregates
----------
:func:`articles` and :func:`by_period` average sentence scores over sentences
*with hits* (sentences without any tone word carry no information about tone;
``only_hits=False`` includes them as 0), with bootstrap 95 % intervals (numpy
``default_rng(seed)``, percentile method, ``n_boot`` resamples): over
sentences within an article; over **articles** within a period (sentences of
one article are not independent: same author, event and outlet), falling
back to sentences when a period has a single article (``ci_unit`` says which).

Events, keyness, drill-down
---------------------------
:func:`event_scores` gives contacts a Goldstein (1992) value through their
CAMEO code (``data/reference/goldstein.csv``); :func:`keyness` compares
content lemmas between periods with Dunning's log-likelihood G²;
:func:`drivers` lists the sentences that move a period's mean most, with hits
in ``**bold**``.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from diplolib.lexicons import Lexicon, as_lexicon, split_term, token_keys
from diplolib.quotes import Tokens, sentence_speakers, speech_verbs
from diplolib.reference import read_table, reference_file
from diplolib.text import fold, squash_spaces

#: Columns of :func:`sentences` (and of :func:`baseline_sentences`).
SENTENCE_COLUMNS = [
    "article_id", "sent_idx", "start_char", "end_char", "score", "n_hits", "hits", "speaker_id", "speaker_side", "text",
]
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


# --------------------------------------------------------------------------- sentences


def _sentence_frame(corpus) -> tuple[pd.DataFrame, Tokens, dict[str, str]]:
    sents = corpus.sentences[["article_id", "sent_idx", "start_char", "end_char", "text"]].reset_index(drop=True)
    texts = dict(zip(corpus.ok["article_id"], corpus.ok["text"], strict=True)) if len(corpus.articles) else {}
    return sents, Tokens(corpus.tokens), texts


def sentences(corpus, lexicon: Lexicon | str | None = None, quotes: pd.DataFrame | bool | None = None,
              mentions: pd.DataFrame | None = None, dates: pd.DataFrame | None = None) -> pd.DataFrame:
    """Tone of every sentence of ``corpus.sentences`` with the rules of this module.

    Parameters
    ----------
    corpus:
        A :class:`diplolib.Corpus`.
    lexicon:
        A :class:`~diplolib.lexicons.Lexicon` or a dictionary file path; the
        project lexicon when omitted.
    quotes:
        Reported speech from :func:`diplolib.quotes.extract`, used for the
        speaker columns; computed (with ``mentions`` / ``dates``) when omitted;
        ``False`` skips speaker attribution (speaker columns left empty).

    Returns
    -------
    DataFrame, one row per sentence, columns :data:`SENTENCE_COLUMNS`:

    - ``article_id``, ``sent_idx``, ``start_char``, ``end_char`` (offsets of the
      sentence in the article text), ``text``;
    - ``score``: mean hit weight, −1 (hostile) … +1 (cooperative), 0 without hits;
    - ``n_hits``: number of hits counted in the mean;
    - ``hits``: list of dicts, one per lexicon match: ``term``, ``lemmas`` (the
      lemma span), ``surface``, ``start_char``/``end_char`` (article
      offsets), ``category``, ``base`` (lexicon score, −1 … +1), ``weight``
      (after rules), ``modifiers`` (rules applied, e.g.
      ``"negation:pas(-0.5)"``), ``counted``;
    - ``speaker_id``, ``speaker_side``: who the sentence reports (from
      ``quotes``: RU, US, UA, EU, NATO, other; ``unknown`` for an unresolved
      speaker; ``press`` for narration).
    """
    lex = as_lexicon(lexicon)
    mods = modifiers()
    accusers = _accusation_words()
    sents, tok, texts = _sentence_frame(corpus)
    scores, counts, hit_lists = [], [], []
    for aid, sidx, stext in zip(sents["article_id"], sents["sent_idx"], sents["text"], strict=True):
        lo, hi = tok.sentences.get((aid, int(sidx)), (0, 0))
        if hi <= lo:
            scores.append(0.0)
            counts.append(0)
            hit_lists.append([])
            continue
        hits = _Sentence(tok, lo, hi, lex, mods, accusers, stext).hits(texts.get(aid, ""))
        weights = [h["weight"] for h in hits if h["counted"] and h["base"] != 0]
        scores.append(round(_mean(weights), 4))
        counts.append(len(weights))
        hit_lists.append(hits)
    out = _scored_frame(sents, scores, counts, hit_lists)
    if quotes is False:
        out["speaker_id"] = ""
        out["speaker_side"] = ""
    else:
        if quotes is None or quotes is True:
            from diplolib.quotes import extract

            quotes = extract(corpus, mentions=mentions, dates=dates)
        speakers = sentence_speakers(quotes, sents)
        out = out.merge(speakers, on=["article_id", "sent_idx"], how="left")
        out["speaker_id"] = out["speaker_id"].fillna("")
        out["speaker_side"] = out["speaker_side"].fillna("press")
    return out[SENTENCE_COLUMNS]


def baseline_sentences(corpus, lexicon: Lexicon | str | None = None) -> pd.DataFrame:
    """Plain dictionary count: same lexicon, same longest-first matching, no rule.

    ``score`` = mean lexicon score of the hits (−1 … +1), like :func:`sentences`
    but without negation, intensity, modality or accusation rules. Columns:
    ``article_id``, ``sent_idx``, ``start_char``, ``end_char``, ``score``,
    ``n_hits``, ``hits`` (``term``, ``lemmas``, ``start_char``, ``end_char``,
    ``base``, ``weight`` = ``base``), ``text``.
    """
    lex = as_lexicon(lexicon)
    sents, tok, _ = _sentence_frame(corpus)
    scores, counts, hit_lists = [], [], []
    for aid, sidx in zip(sents["article_id"], sents["sent_idx"], strict=True):
        lo, hi = tok.sentences.get((aid, int(sidx)), (0, 0))
        keys = [token_keys(tok.word[i], tok.lemma[i], tok.upos[i], tok.feats[i]) for i in range(lo, hi)]
        hits = []
        for m in lex.match(keys):
            if m.entry.is_cue:
                continue
            s, e = int(tok.start[lo + m.start]), int(tok.end[lo + m.end - 1])
            hits.append({"term": m.entry.term, "lemmas": " ".join(tok.lemma[lo + j] for j in range(m.start, m.end)),
                         "start_char": s, "end_char": e, "base": round(m.entry.score, 4), "weight": round(m.entry.score, 4)})
        weights = [h["base"] for h in hits]
        scores.append(round(_mean(weights), 4))
        counts.append(len(weights))
        hit_lists.append(hits)
    out = _scored_frame(sents, scores, counts, hit_lists)
    return out[["article_id", "sent_idx", "start_char", "end_char", "score", "n_hits", "hits", "text"]]


def _scored_frame(sents: pd.DataFrame, scores: list[float], counts: list[int], hit_lists: list[list[dict]]) -> pd.DataFrame:
    out = sents.copy()
    out["score"] = np.asarray(scores, dtype=float)
    out["n_hits"] = np.asarray(counts, dtype=np.int64)
    out["hits"] = hit_lists
    return out


# --------------------------------------------------------------------------- aggregates


def _bootstrap_means(values: np.ndarray, n_boot: int, rng: np.random.Generator) -> tuple[float, float]:
    if len(values) < 2:
        return (math.nan, math.nan)
    idx = rng.integers(0, len(values), size=(n_boot, len(values)))
    means = values[idx].mean(axis=1)
    lo, hi = np.percentile(means, [2.5, 97.5])
    return float(lo), float(hi)


def _bootstrap_ratio(sums: np.ndarray, counts: np.ndarray, n_boot: int, rng: np.random.Generator) -> tuple[float, float]:
    """Cluster bootstrap of Σsum/Σcount, resampling clusters (articles)."""
    if len(sums) < 2:
        return (math.nan, math.nan)
    idx = rng.integers(0, len(sums), size=(n_boot, len(sums)))
    num, den = sums[idx].sum(axis=1), counts[idx].sum(axis=1)
    ratios = np.divide(num, den, out=np.full(n_boot, np.nan), where=den > 0)
    lo, hi = np.nanpercentile(ratios, [2.5, 97.5])
    return float(lo), float(hi)


def _scored(tone: pd.DataFrame, only_hits: bool) -> pd.DataFrame:
    return tone[tone["n_hits"] > 0] if only_hits else tone


def articles(tone_sentences: pd.DataFrame, n_boot: int = 1000, seed: int = 0, only_hits: bool = True) -> pd.DataFrame:
    """Mean tone per article with a bootstrap 95 % interval over its sentences.

    Columns: ``article_id``, ``mean`` (mean sentence score, −1 … +1; NaN when no
    sentence has a hit), ``ci_low``, ``ci_high`` (percentile bootstrap,
    ``n_boot`` resamples of the article's sentences, ``numpy.random.default_rng(seed)``;
    NaN with fewer than two sentences), ``n_sentences`` (sentences averaged),
    ``n_sentences_total``, ``n_hits`` (sum over sentences).
    """
    rng = np.random.default_rng(seed)
    rows = []
    for aid, group in tone_sentences.groupby("article_id", sort=False):
        used = _scored(group, only_hits)
        values = used["score"].to_numpy(dtype=float)
        mean = float(values.mean()) if len(values) else math.nan
        lo, hi = _bootstrap_means(values, n_boot, rng)
        rows.append((aid, mean, lo, hi, len(values), len(group), int(group["n_hits"].sum())))
    return pd.DataFrame(rows, columns=["article_id", "mean", "ci_low", "ci_high", "n_sentences", "n_sentences_total", "n_hits"])


Periods = Sequence[tuple[str, int, int]]


def period_of(estimates: pd.Series, freq: str | Periods = "year") -> pd.Series:
    """Period labels of timestamps.

    ``freq``: ``"year"`` (int year), ``"quarter"`` / ``"month"`` (``"2021Q2"``,
    ``"2021-04"``), or a list of ``(label, start_year, end_year)`` bins
    (inclusive; the first bin containing the year wins; NaN outside all bins;
    an ordered categorical, so tables keep the bins' order).
    """
    ts = pd.to_datetime(estimates)
    if isinstance(freq, str):
        if freq in ("year", "Y", "YE"):
            return ts.dt.year.astype("Int64")
        code = {"quarter": "Q", "month": "M"}.get(freq, freq)
        return ts.dt.to_period(code).astype(str).where(ts.notna())
    years = ts.dt.year
    bins = list(freq)
    out = pd.Series(pd.NA, index=ts.index, dtype=object)
    for label, start, end in reversed(bins):
        out[(years >= start) & (years <= end)] = label
    labels = list(dict.fromkeys(label for label, _, _ in bins))
    return pd.Series(pd.Categorical(out, categories=labels, ordered=True), index=ts.index)


def _with_periods(tone: pd.DataFrame, dates: pd.DataFrame, freq) -> pd.DataFrame:
    d = dates[["article_id", "estimate"]].drop_duplicates("article_id")
    merged = tone.merge(d, on="article_id", how="inner")
    merged["period"] = period_of(merged["estimate"], freq)
    return merged[merged["period"].notna()]


def by_period(tone_sentences: pd.DataFrame, dates: pd.DataFrame, freq: str | Periods = "year", by: str | None = None,
              n_boot: int = 1000, seed: int = 0, only_hits: bool = True) -> pd.DataFrame:
    """Mean tone per period (and per ``by`` column, e.g. ``"speaker_side"``).

    ``dates``: ``article_id`` and ``estimate`` (Timestamp), e.g. from
    :func:`diplolib.dates.article_dates`; articles without an estimate are left
    out. ``freq``: see :func:`period_of`.

    The mean is over sentences (with hits, unless ``only_hits=False``) pooled
    across the period's articles. The 95 % interval resamples **articles**
    (cluster bootstrap of Σscore/Σsentences), because sentences of one article
    are not independent; a period with a single article falls back to
    resampling its sentences (``ci_unit``).

    Columns: ``period``, [``by``], ``mean``, ``ci_low``, ``ci_high``,
    ``ci_unit`` (``article``/``sentence``), ``n_articles``, ``n_sentences``, ``n_hits``.
    """
    rng = np.random.default_rng(seed)
    merged = _with_periods(tone_sentences, dates, freq)
    keys = ["period"] + ([by] if by else [])
    rows = []
    for key, group in merged.groupby(keys, sort=True, observed=True):
        key = key if isinstance(key, tuple) else (key,)
        used = _scored(group, only_hits)
        per_article = used.groupby("article_id")["score"].agg(["sum", "count"])
        n_art = len(per_article)
        mean = float(used["score"].mean()) if len(used) else math.nan
        if n_art >= 2:
            lo, hi = _bootstrap_ratio(per_article["sum"].to_numpy(float), per_article["count"].to_numpy(float), n_boot, rng)
            unit = "article"
        else:
            lo, hi = _bootstrap_means(used["score"].to_numpy(float), n_boot, rng)
            unit = "sentence"
        rows.append((*key, mean, lo, hi, unit, int(group["article_id"].nunique()), len(used), int(group["n_hits"].sum())))
    return pd.DataFrame(rows, columns=[*keys, "mean", "ci_low", "ci_high", "ci_unit", "n_articles", "n_sentences", "n_hits"])


def highlight(text: str, hits: list[dict], offset: int) -> str:
    """``text`` (a sentence starting at article offset ``offset``) with hit surfaces in ``**…**``."""
    spans = sorted({(h["start_char"] - offset, h["end_char"] - offset) for h in hits})
    out, pos = [], 0
    for a, b in spans:
        if a < pos or a < 0 or b > len(text):
            continue
        out += [text[pos:a], "**", text[a:b], "**"]
        pos = b
    out.append(text[pos:])
    return "".join(out)


def drivers(tone_sentences: pd.DataFrame, dates: pd.DataFrame, n: int = 5, freq: str | Periods = "year",
            only_hits: bool = True) -> pd.DataFrame:
    """Per period, the ``n`` sentences pulling the mean up most and the ``n`` pulling it down most.

    ``pull`` = (score − period mean) / number of sentences averaged in the
    period: how much the sentence moves the period mean. Columns: ``period``,
    ``direction`` (``up``/``down``), ``article_id``, ``sent_idx``, ``score``,
    ``pull``, ``n_hits``, ``speaker_side`` (if present), ``text`` (hits in ``**bold**``).
    """
    merged = _scored(_with_periods(tone_sentences, dates, freq), only_hits)
    rows = []
    for period, group in merged.groupby("period", sort=True, observed=True):
        mean = group["score"].mean()
        g = group.assign(pull=(group["score"] - mean) / len(group))
        for direction, part in (("up", g[g["pull"] > 0].nlargest(n, "pull")), ("down", g[g["pull"] < 0].nsmallest(n, "pull"))):
            for r in part.itertuples(index=False):
                rows.append((period, direction, r.article_id, r.sent_idx, r.score, round(float(r.pull), 6), r.n_hits,
                             getattr(r, "speaker_side", ""), highlight(r.text, r.hits, r.start_char)))
    return pd.DataFrame(rows, columns=["period", "direction", "article_id", "sent_idx", "score", "pull", "n_hits", "speaker_side", "text"])


# --------------------------------------------------------------------------- evaluation


def _key(text: str) -> str:
    return squash_spaces(re.sub(r"[^\w ]", " ", fold(str(text))))[:60]


def evaluate(tone_sentences: pd.DataFrame, gold: pd.DataFrame, corpus=None, threshold: float = 0.1) -> dict:
    """Agreement of sentence scores with hand labels.

    ``gold``: ``source`` (file name), ``sent_idx``, ``text``, ``label`` (−1/0/+1).
    Rows are matched on (source, sent_idx) when the texts agree, else on the
    text within the source (so a re-split sentence is still found);
    ``corpus`` (or a ``source`` column in ``tone_sentences``) maps article_id → source.

    Scores become classes with a fixed threshold: ``|score| < threshold`` → 0,
    else the sign. 0.1 is set a priori, not tuned: one mild lexicon word weighs
    ±0.33, damped once ±0.17, so only doubly damped hits or near-cancelling
    mixes fall under it.

    Returns a dict: ``n`` (matched sentences), ``n_gold``, ``agreement``
    (share of equal classes), ``spearman`` and ``spearman_p`` (scipy, scores vs labels).
    """
    from scipy.stats import spearmanr

    tone = tone_sentences.copy()
    if "source" not in tone:
        if corpus is None:
            raise ValueError("pass corpus= (or a 'source' column) to map article_id to source")
        tone = tone.merge(corpus.ok[["article_id", "source"]], on="article_id", how="left")
    tone["key"] = tone["text"].map(_key)
    by_pos = {(s, int(i)): (k, sc) for s, i, k, sc in zip(tone["source"], tone["sent_idx"], tone["key"], tone["score"], strict=True)}
    by_text = {(s, k): sc for s, k, sc in zip(tone["source"], tone["key"], tone["score"], strict=True)}
    pairs = []
    for r in gold.itertuples(index=False):
        k = _key(r.text)
        hit = by_pos.get((r.source, int(r.sent_idx)))
        score = hit[1] if hit is not None and hit[0] == k else by_text.get((r.source, k))
        if score is not None and not pd.isna(r.label):
            pairs.append((float(score), int(float(r.label))))
    if not pairs:
        return {"n": 0, "n_gold": len(gold), "agreement": math.nan, "spearman": math.nan, "spearman_p": math.nan}
    scores = np.array([p[0] for p in pairs])
    labels = np.array([p[1] for p in pairs])
    classes = np.where(np.abs(scores) < threshold, 0, np.sign(scores)).astype(int)
    rho, p = spearmanr(scores, labels) if len(set(labels)) > 1 and len(set(scores)) > 1 else (math.nan, math.nan)
    return {"n": len(pairs), "n_gold": len(gold), "agreement": float((classes == labels).mean()),
            "spearman": float(rho), "spearman_p": float(p)}


# --------------------------------------------------------------------------- events


def goldstein_table() -> pd.DataFrame:
    """``goldstein.csv``: ``type``, ``status`` (``*`` = any type, "" = any status),
    ``goldstein`` (float, −10 … +10), ``cameo_code``, ``cameo_label``, ``note``."""
    t = read_table("goldstein.csv")
    t["goldstein"] = t["goldstein"].astype(float)
    return t


def event_scores(contacts: pd.DataFrame, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Contacts with a Goldstein-scale value from their CAMEO code.

    ``contacts`` needs ``contact_id``, ``type`` (meeting, phone_call,
    video_call, visit, summit, talks, announcement), ``status`` (happened,
    planned, proposed, cancelled; missing = happened) and ``estimate``
    (Timestamp). A row of ``goldstein.csv`` is chosen in this order: same
    type and status; any type (``*``) with that status; same type, any status;
    the ``*`` fallback. So a cancelled contact is −5.0 (CAMEO 125) whatever its
    type, and a planned one +4.0 (036).

    Returns the contacts plus ``goldstein``, ``cameo_code``, ``cameo_label``, ``year``.
    """
    t = goldstein_table() if table is None else table
    lookup = {(r.type, r.status): r for r in t.itertuples(index=False)}
    out = contacts.copy()
    values, codes, labels = [], [], []
    for typ, status in zip(out["type"].fillna("").astype(str), out["status"].fillna("").astype(str), strict=True):
        status = status or "happened"
        row = (lookup.get((typ, status)) or lookup.get(("*", status)) or lookup.get((typ, ""))
               or lookup.get(("*", "")))
        values.append(row.goldstein if row is not None else math.nan)
        codes.append(row.cameo_code if row is not None else "")
        labels.append(row.cameo_label if row is not None else "")
    out["goldstein"] = np.asarray(values, dtype=float)
    out["cameo_code"] = codes
    out["cameo_label"] = labels
    out["year"] = pd.to_datetime(out["estimate"]).dt.year.astype("Int64")
    return out


def yearly_events(scored: pd.DataFrame) -> pd.DataFrame:
    """Goldstein values per year: ``year``, ``n_contacts``, ``mean_goldstein``,
    ``sum_goldstein``, ``min_goldstein``, ``max_goldstein`` and one ``n_<status>``
    count per status present (``n_happened``, ``n_cancelled``…)."""
    s = scored[scored["year"].notna()]
    grouped = s.groupby("year")["goldstein"]
    out = pd.DataFrame({
        "n_contacts": grouped.size(), "mean_goldstein": grouped.mean(), "sum_goldstein": grouped.sum(),
        "min_goldstein": grouped.min(), "max_goldstein": grouped.max(),
    })
    if "status" in s:
        counts = s.assign(status=s["status"].fillna("happened").replace("", "happened")).pivot_table(
            index="year", columns="status", values="goldstein", aggfunc="size", fill_value=0)
        for status in counts.columns:
            out[f"n_{status}"] = counts[status].reindex(out.index).fillna(0).astype(int)
    return out.reset_index()


# --------------------------------------------------------------------------- keyness

#: Parts of speech counted by :func:`keyness` (function words are excluded by POS, not by a list).
CONTENT_POS = ("NOUN", "VERB", "ADJ", "PROPN")


def _article_periods(corpus, periods, dates) -> dict[str, str]:
    if isinstance(periods, Mapping):
        return {str(k): v for k, v in periods.items()}
    if dates is None:
        from diplolib.dates import article_dates

        dates = article_dates(corpus)
    labels = period_of(dates["estimate"], list(periods))
    return {a: lab for a, lab in zip(dates["article_id"], labels, strict=True) if not pd.isna(lab)}


def keyness(corpus, periods: Periods | Mapping[str, str], dates: pd.DataFrame | None = None,
            min_count: int = 2, n_examples: int = 3) -> pd.DataFrame:
    """Content lemmas over- and under-represented in each period versus all other periods.

    ``periods``: ``[(label, start_year, end_year), …]`` (article years from
    ``dates["estimate"]``, :func:`diplolib.dates.article_dates` when omitted)
    or a mapping ``article_id → period label``. Only lemmas of
    :data:`CONTENT_POS` are counted, lowercased, letters required; lemmas seen
    fewer than ``min_count`` times overall are dropped.

    The statistic is Dunning's log-likelihood G² (Dunning 1993,
    *Computational Linguistics* 19(1)) on the 2×2 table (lemma / other lemmas ×
    period / rest): unlike χ² it stays reliable for the small counts that most
    lemmas have in a news corpus. ``p_value`` is the χ² (1 df) tail of G².

    Columns: ``period``, ``lemma``, ``count_period``, ``count_rest``,
    ``per_10k_period``, ``per_10k_rest`` (per 10,000 content tokens), ``g2``,
    ``direction`` (``over``/``under``), ``p_value``, ``examples`` (up to
    ``n_examples`` ``(article_id, sent_idx)`` of the lemma in the period);
    sorted by period then G² descending.
    """
    from scipy.stats import chi2

    mapping = _article_periods(corpus, periods, dates)
    t = corpus.tokens
    t = t[t["upos"].astype(str).isin(CONTENT_POS)]
    lemma = t["lemma"].astype(str).str.lower()
    keep = lemma.str.contains(r"[^\W\d_]", regex=True) & (lemma.str.len() >= 2)
    frame = pd.DataFrame({"article_id": t["article_id"].astype(str), "sent_idx": t["sent_idx"], "lemma": lemma})[keep]
    frame["period"] = frame["article_id"].map(mapping)
    frame = frame[frame["period"].notna()]
    columns = ["period", "lemma", "count_period", "count_rest", "per_10k_period", "per_10k_rest", "g2", "direction", "p_value", "examples"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    counts = frame.groupby(["lemma", "period"]).size().unstack(fill_value=0)
    counts = counts[counts.sum(axis=1) >= min_count]
    totals = frame.groupby("period").size()
    examples = (frame.drop_duplicates(["lemma", "period", "article_id", "sent_idx"])
                .groupby(["lemma", "period"]).head(n_examples)
                .groupby(["lemma", "period"])[["article_id", "sent_idx"]]
                .apply(lambda g: [(a, int(s)) for a, s in zip(g["article_id"], g["sent_idx"], strict=True)]))
    parts = []
    grand = float(totals.sum())
    for period in counts.columns:
        a = counts[period].to_numpy(float)
        b = counts.drop(columns=period).sum(axis=1).to_numpy(float)
        c, d = float(totals[period]), grand - float(totals[period])
        g2 = _g2(a, b, c, d)
        part = pd.DataFrame({
            "period": period, "lemma": counts.index, "count_period": a.astype(int), "count_rest": b.astype(int),
            "per_10k_period": a / c * 1e4 if c else np.nan, "per_10k_rest": b / d * 1e4 if d else np.nan, "g2": g2,
        })
        part["direction"] = np.where(part["per_10k_period"] >= part["per_10k_rest"], "over", "under")
        part["p_value"] = chi2.sf(g2, 1)
        part["examples"] = [examples.get((lem, period), []) for lem in counts.index]
        parts.append(part)
    out = pd.concat(parts, ignore_index=True)
    return out.sort_values(["period", "g2"], ascending=[True, False], kind="stable").reset_index(drop=True)[columns]


def _g2(a: np.ndarray, b: np.ndarray, c: float, d: float) -> np.ndarray:
    """Dunning G² for counts ``a`` (period) and ``b`` (rest) with totals ``c`` and ``d``."""
    if c <= 0 or d <= 0:
        return np.full(len(a), np.nan)
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    with np.errstate(divide="ignore", invalid="ignore"):
        t1 = np.where(a > 0, a * np.log(a / e1), 0.0)
        t2 = np.where(b > 0, b * np.log(b / e2), 0.0)
    return 2.0 * (t1 + t2)


def top_keyness(table: pd.DataFrame, n: int = 20, direction: str = "over") -> pd.DataFrame:
    """The ``n`` highest-G² lemmas of each period in ``direction`` (``over``/``under``/``None`` = both)."""
    t = table if direction is None else table[table["direction"] == direction]
    return t.sort_values(["period", "g2"], ascending=[True, False], kind="stable").groupby("period", sort=True).head(n).reset_index(drop=True)


__all__ = [
    "CONTENT_POS", "SENTENCE_COLUMNS", "Modifier", "Modifiers", "articles", "baseline_sentences", "by_period", "drivers",
    "evaluate", "event_scores", "goldstein_table", "highlight", "keyness", "modifiers", "period_of", "sentences",
    "top_keyness", "yearly_events",
]


# --------------------------------------------------------------------------- notebook views


def article_table(tone_sentences: pd.DataFrame, corpus, dates: pd.DataFrame | None = None, n_boot: int = 1000, seed: int = 0) -> pd.DataFrame:
    """:func:`articles` with each article's ``source``, ``title`` and date ``estimate``, most conflictual first.

    Columns: ``source``, ``title``, ``estimate``, ``mean``, ``ci_low``, ``ci_high``,
    ``n_sentences``, ``n_hits``, ``article_id``.
    """
    table = articles(tone_sentences, n_boot=n_boot, seed=seed)
    info = corpus.ok[["article_id", "source", "title"]]
    table = table.merge(info, on="article_id", how="left")
    if dates is not None:
        table = table.merge(dates[["article_id", "estimate"]], on="article_id", how="left")
        table["estimate"] = table["estimate"].dt.strftime("%Y-%m-%d")
    else:
        table["estimate"] = ""
    cols = ["source", "title", "estimate", "mean", "ci_low", "ci_high", "n_sentences", "n_hits", "article_id"]
    return table[cols].sort_values("mean").reset_index(drop=True)


def agreement_table(corpus, gold: pd.DataFrame, tone_sentences: pd.DataFrame, lexicon: Lexicon | str | None = None,
                    threshold: float = 0.1) -> pd.DataFrame:
    """3-class agreement and Spearman with hand labels, for diplolib's rules and the plain-count baseline.

    Columns: ``scorer`` (``diplolib rules`` / ``baseline: count, no rules``), ``n``,
    ``agreement``, ``spearman``, ``spearman_p``.
    """
    rows = []
    for name, table in (("diplolib rules", tone_sentences), ("baseline: count, no rules", baseline_sentences(corpus, lexicon))):
        result = evaluate(table, gold, corpus, threshold)
        rows.append({"scorer": name, "n": result["n"], "agreement": round(result["agreement"], 3),
                     "spearman": round(result["spearman"], 3), "spearman_p": float(f"{result['spearman_p']:.2g}")})
    return pd.DataFrame(rows)
