"""Sentence tables: tone by rules, events, relevance and calibration (:func:`sentences`); the plain-count baseline."""

from __future__ import annotations

import numpy as np
import pandas as pd

from diplolib.lexicons import Lexicon, as_lexicon, token_keys
from diplolib.quotes import Tokens, sentence_speakers
from diplolib.tone.events import sentence_events
from diplolib.tone.relevance import LEVELS, relevance
from diplolib.tone.rules import _accusation_words, _mean, _Sentence, modifiers

#: Columns of :func:`sentences` (and of :func:`baseline_sentences`).
SENTENCE_COLUMNS = [
    "article_id", "sent_idx", "start_char", "end_char", "score", "rule_score", "relevance", "n_hits", "hits",
    "n_events", "event_score", "event_types", "speaker_id", "speaker_side", "text",
]


def _sentence_frame(corpus) -> tuple[pd.DataFrame, Tokens, dict[str, str]]:
    sents = corpus.sentences[["article_id", "sent_idx", "start_char", "end_char", "text"]].reset_index(drop=True)
    texts = dict(zip(corpus.ok["article_id"], corpus.ok["text"], strict=True)) if len(corpus.articles) else {}
    return sents, Tokens.of(corpus.tokens), texts


def sentences(corpus, lexicon: Lexicon | str | None = None, quotes: pd.DataFrame | bool | None = None,
              mentions: pd.DataFrame | None = None, dates: pd.DataFrame | None = None,
              events: pd.DataFrame | None = None, calibrate: bool = True, model: str | None = None) -> pd.DataFrame:
    """Tone of every sentence of ``corpus.sentences``: rules, events, relevance, calibration.

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
    mentions, dates:
        Actor mentions (:func:`diplolib.actors.mentions`) and article dates, used for
        ``quotes`` and for ``relevance`` (sides named); mentions are computed when omitted
        and ``quotes`` is not ``False``; otherwise relevance uses nationality words only.
    events:
        Events table (``article_id``, ``sent_idx``, ``type``, ``goldstein``, ``status``;
        from the events stage, or :func:`diplolib.tone.events.events_from_contacts`).
        Optional: without it ``n_events`` is 0 and ``event_score`` NaN.
    calibrate:
        ``True`` (default): ``score`` is the calibrated score of
        :mod:`diplolib.tone.model` (``model``: a coefficients file, default
        ``data/reference/tone_model.csv``); ``False``: ``score`` = ``rule_score``.
        The shipped coefficients were fitted on the project lexicon's features, so
        with another ``lexicon`` the calibration is skipped unless ``model`` is given.

    Returns
    -------
    DataFrame, one row per sentence, columns :data:`SENTENCE_COLUMNS`:

    - ``article_id``, ``sent_idx``, ``start_char``, ``end_char`` (offsets of the
      sentence in the article text), ``text``;
    - ``rule_score``: mean of the counted hit weights and of the event contributions
      (each event counts as one more hit, :func:`diplolib.tone.events.sentence_events`),
      −1 (hostile) … +1 (cooperative), 0 without hits or events;
    - ``score``: the calibrated score ``p(+1) − p(−1)`` (−1 … +1), or ``rule_score``
      with ``calibrate=False``;
    - ``relevance``: 0 … 1, how much the sentence is about US–Russia relations
      (:func:`diplolib.tone.relevance.relevance`); aggregates weight by it;
    - ``n_hits``: number of hits counted in the mean;
    - ``n_events``, ``event_score`` (mean event contribution, NaN without event),
      ``event_types`` (list);
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
    if quotes is not False and mentions is None:
        from diplolib.actors import mentions as find_mentions

        mentions = find_mentions(corpus, dates)
    out = _with_events_and_relevance(out, corpus, mentions, events)
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
    out["score"] = out["rule_score"]
    if calibrate and (lexicon is None or model is not None):
        from diplolib.tone.model import calibrated_score, coefficients, features

        out["score"] = np.round(calibrated_score(features(out), coefficients(model)), 4)
    return out[SENTENCE_COLUMNS]


def _with_events_and_relevance(out: pd.DataFrame, corpus, mentions: pd.DataFrame | None,
                               events: pd.DataFrame | None) -> pd.DataFrame:
    """Add ``relevance``, the event columns, and ``rule_score`` (hits and events pooled in one mean)."""
    keys = ["article_id", "sent_idx"]
    rel = relevance(corpus, mentions)[[*keys, "relevance"]]
    ev = sentence_events(events)
    out = out.merge(rel, on=keys, how="left").merge(ev, on=keys, how="left")
    out["relevance"] = out["relevance"].fillna(LEVELS["none"])
    out["n_events"] = out["n_events"].fillna(0).astype(np.int64)
    out["event_score"] = out["event_score"].astype(float)
    out["event_types"] = [t if isinstance(t, list) else [] for t in out["event_types"]]
    hit_sum = out["score"].to_numpy(float) * out["n_hits"].to_numpy(float)
    ev_sum = out["event_score"].fillna(0.0).to_numpy(float) * out["n_events"].to_numpy(float)
    total = out["n_hits"].to_numpy(float) + out["n_events"].to_numpy(float)
    pooled = np.divide(hit_sum + ev_sum, total, out=np.zeros(len(out)), where=total > 0)
    out["rule_score"] = np.round(np.clip(pooled, -1, 1), 4)
    return out


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
