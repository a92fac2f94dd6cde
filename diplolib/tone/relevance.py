"""How much a sentence is about US–Russia relations (``relevance``, 0 … 1).

A sentence about a war memorial or a company's investments should not count
like a sentence about the two governments. Evidence, per sentence:

- the **sides** named: actor mentions (:func:`diplolib.actors.mentions`,
  column ``side``) and nationality words (``nationalities.csv``: "russe",
  "les Américains") of side ``US`` or ``RU``; other sides (UA, EU, NATO,
  other) are counted as ``n_third``;
- **relation words** (``data/reference/tone_relation_terms.csv``, matched on
  token lemmas): kind ``relation`` ("relations", "dialogue", "sanctions",
  "sommet") and kind ``pair`` ("bilatéral", "homologue": a word that implies
  the other party).

Levels (:data:`LEVELS`): both sides named (or one side and a ``pair`` word) →
1.0; one side and a relation word → 0.75; one side alone, or a relation word
alone → 0.5; nothing → 0.25 (not 0: in an article about the relation, a
sentence with a pronoun subject is often still about it).
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from diplolib.reference import read_table, reference_file

#: Relevance by evidence: (both sides), (one side + relation word), (one side or a relation word), (none).
LEVELS = {"both": 1.0, "side_and_relation": 0.75, "one": 0.5, "none": 0.25}

#: Columns of :func:`relevance`.
RELEVANCE_COLUMNS = ["article_id", "sent_idx", "relevance", "n_us", "n_ru", "n_third", "n_relation"]


@functools.cache
def _terms_cached(path: str, mtime: float) -> tuple[frozenset[str], frozenset[str]]:
    t = read_table("tone_relation_terms.csv")
    lemmas = t["lemma"].str.lower()
    return frozenset(lemmas[t["kind"] == "relation"]), frozenset(lemmas[t["kind"] == "pair"])


def relation_terms() -> tuple[frozenset[str], frozenset[str]]:
    """``(relation lemmas, pair lemmas)`` of ``tone_relation_terms.csv`` (reloaded when the file changes)."""
    path = reference_file("tone_relation_terms.csv")
    return _terms_cached(str(path), path.stat().st_mtime)


def _nationality_sides() -> dict[str, str]:
    t = read_table("nationalities.csv")
    t = t[t["side"].isin(["US", "RU"])]
    return dict(zip(t["adjective"].str.lower(), t["side"], strict=True))


def relevance(corpus, mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per sentence of ``corpus.sentences``: columns :data:`RELEVANCE_COLUMNS`.

    ``mentions``: actor mentions with ``article_id``, ``sent_idx``, ``side``
    (e.g. :func:`diplolib.actors.mentions`); without them only nationality
    words name the sides. ``n_us`` / ``n_ru`` / ``n_third``: side evidence
    counts; ``n_relation``: relation and pair words; ``relevance``: see
    :data:`LEVELS`.
    """
    keys = ["article_id", "sent_idx"]
    sents = corpus.sentences[keys].reset_index(drop=True)
    tok = corpus.tokens
    lemma = tok["lemma"].astype(str).str.lower()
    sides = _nationality_sides()
    # A capitalised plural noun ("les Américains") is often left unlemmatised: its singular surface is tried too.
    nat = lemma.map(sides).fillna(tok["word"].astype(str).str.lower().str.replace(r"s$", "", regex=True).map(sides))
    relation, pair = relation_terms()
    flags = pd.DataFrame({
        "article_id": tok["article_id"].astype(str).to_numpy(), "sent_idx": tok["sent_idx"].to_numpy(),
        "n_us": (nat == "US").to_numpy(int), "n_ru": (nat == "RU").to_numpy(int), "n_third": 0,
        "n_relation": (lemma.isin(relation) | lemma.isin(pair)).to_numpy(int), "n_pair": lemma.isin(pair).to_numpy(int),
    })
    parts = [flags]
    if mentions is not None and len(mentions):
        side = mentions["side"].astype(str)
        parts.append(pd.DataFrame({
            "article_id": mentions["article_id"].astype(str).to_numpy(), "sent_idx": mentions["sent_idx"].to_numpy(),
            "n_us": (side == "US").to_numpy(int), "n_ru": (side == "RU").to_numpy(int),
            "n_third": (~side.isin(["US", "RU", ""])).to_numpy(int), "n_relation": 0, "n_pair": 0,
        }))
    counts = pd.concat(parts, ignore_index=True).groupby(keys, sort=False).sum()
    out = sents.merge(counts, left_on=keys, right_index=True, how="left")
    for c in ("n_us", "n_ru", "n_third", "n_relation", "n_pair"):
        out[c] = out[c].fillna(0).astype(np.int64)
    us, ru = out["n_us"] > 0, out["n_ru"] > 0
    one = us ^ ru
    rel = out["n_relation"] > 0
    both = (us & ru) | (one & (out["n_pair"] > 0))
    out["relevance"] = np.select(
        [both, one & rel, one | rel], [LEVELS["both"], LEVELS["side_and_relation"], LEVELS["one"]], LEVELS["none"])
    return out[RELEVANCE_COLUMNS]
