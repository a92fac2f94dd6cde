"""Undated events from the dependency parse (evidence stage: needs no date).

A trigger of ``event_triggers.csv`` (lemma + POS, with its requirement) starts an
event. A trigger governed by another one within its clause is part of that
event ("a accusé Washington de violer l'accord" is one accusation), except under
a statement of intent ("propose une rencontre" is a proposed meeting). The
trigger's clause gives the roles: subject / passive agent → source, object /
passive subject / "contre", "envers", "à l'encontre de" → target, "avec X" →
joint participant, "sur X", "en X" → topic; a speech verb's subject or "selon X"
is the source only of verbal acts (accusations, threats, statements). Metonyms
(Washington, le Kremlin) are already their states in the gazetteer; role phrases
and nationality adjectives give a side. An event is kept when its sentence
involves both the United States and Russia.
"""

from __future__ import annotations

import pandas as pd

from diplolib.events.lexicon import FAMILY, SYMMETRIC, Lexicon, Trigger, code_for, lexicon
from diplolib.events.participants import (
    Actors,
    Mention,
    mention_index,
    nationality_sides,
    resolve_surface,
    roles,
)
from diplolib.events.status import status
from diplolib.events.syntax import CLAUSAL, Sentence, sentences

COLUMNS = [
    "event_id", "article_id", "sent_idx", "start_char", "end_char", "trigger", "trigger_char", "type", "cameo_code", "cameo_root", "goldstein",
    "source_actors", "source_side", "target_actors", "target_side", "participants", "sides", "mention_chars", "topics",
    "place", "status",
]
#: Types whose source may be the speaker of the sentence (the act is the statement itself).
VERBAL = {"accusation", "threat", "other", "statement_of_intent"}
#: Types for which "de X" on the trigger noun is the target ("l'expulsion de diplomates").
_DE_TARGET = {"expulsion", "prisoner_exchange"}
_TWO_SIDES = {"US", "RU"}
#: Prepositions that place an event before or after another (closed class): no absorption across them.
_SEQUENCE = {"après", "avant", "suite", "lors", "depuis", "pendant", "issue", "lendemain", "veille"}
#: Demonstrative determiners (closed class): "cette rencontre" restates an event already reported.
_DEMONSTRATIVE = {"ce", "cet", "cette", "ces"}
#: Relations of embedded clauses, left out of the evidence span.
_EMBEDDED = {"advcl", "acl", "acl:relcl", "ccomp", "parataxis", "csubj"}
#: Preceding sentences whose actors a pronoun or "les deux dirigeants" may refer to.
CONTEXT_SENTENCES = 2


def _speech_lemmas() -> frozenset[str]:
    from diplolib.quotes import verb_kinds

    return frozenset(verb_kinds())


def _requirement(sent: Sentence, i: int, t: Trigger, lex: Lexicon, ments: list[Mention]) -> bool:
    req = t.requires if isinstance(t.requires, str) else ""
    if not req:
        return True
    kids = sent.children[i]
    if req == "reflexive":
        return any(sent.lemma[c] in ("se", "s'") or sent.word[c].lower() in ("se", "s'", "nous", "vous") for c in kids)
    if req == "modifier":
        near = sent.subtree(i) | ({sent.head[i]} if sent.head[i] >= 0 else set())
        return any(sent.lemma[k] in lex.type_modifiers for k in near)
    if req.startswith("with:"):
        wanted = set(req[5:].split("|"))
        near = sent.subtree(i, {"conj", "parataxis", "acl:relcl"})
        return any(sent.lemma[k] in wanted or sent.word[k].lower() in wanted for k in near)
    if req.startswith("not_with:"):
        unwanted = set(req[9:].split("|"))
        return not any(sent.lemma[k] in unwanted for k in sent.subtree(i, CLAUSAL))
    if req == "actor_object":
        obj = set().union(*(sent.subtree(c) for c in kids if sent.deprel[c] in ("obj", "nsubj:pass"))) if kids else set()
        return any(m.token in obj for m in ments)
    if req == "with_actor":
        sub = sent.subtree(i)
        return any(m.token in sub for m in ments)
    return True


def _find_triggers(sent: Sentence, lex: Lexicon, ments: list[Mention]) -> dict[int, Trigger]:
    found = {}
    for i, (lemma, pos) in enumerate(zip(sent.lemma, sent.upos, strict=True)):
        if pos == "NOUN" and any(sent.deprel[c] == "det" and sent.word[c].lower() in _DEMONSTRATIVE for c in sent.children[i]):
            continue  # "cet accord", "cette rencontre": an event the article has already reported
        for t in lex.triggers.get((lemma, pos), ()):
            if _requirement(sent, i, t, lex, ments):
                found[i] = t
                break
    return found


def _absorb(sent: Sentence, found: dict[int, Trigger]) -> dict[int, Trigger]:
    """Drop triggers that are part of a governing trigger's event (within two hops, same clause)."""
    keep = dict(found)
    for i in found:
        path = [i]
        for g in sent.governors(i, 2, {"conj", "parataxis", "acl:relcl"}):
            if any(set(sent.case_of(k).split()) & _SEQUENCE for k in path) or sent.lemma[g] in _SEQUENCE:
                break  # "à la suite d'une conversation", "après la rencontre": an earlier, separate event
            path.append(g)
            if g in found and g != i:
                if found[g].type == "statement_of_intent" and found[i].goldstein < 0:
                    keep.pop(g, None)  # "leur intention de se retirer du traité": the withdrawal, planned
                else:
                    keep.pop(i, None)  # "propose une rencontre" is a statement of intent
                break
    return keep


def _side_of(tokens: set[int], ments: list[Mention], nat: dict[int, str]) -> tuple[list[str], list[str]]:
    """(actor_ids, sides) of the mentions and nationality adjectives among ``tokens``."""
    ids = list(dict.fromkeys(m.actor_id for m in ments if m.token in tokens and m.actor_id))
    sides = [m.side for m in ments if m.token in tokens and m.side] + [s for k, s in nat.items() if k in tokens]
    return ids, list(dict.fromkeys(sides))


def _place(sent: Sentence, members: set[int], ents: list[tuple[int, str, str]], kind: str) -> str:
    """A LOC entity of the clause introduced by "à" (or "en"/"dans" for visits)."""
    for start, label, text in ents:
        if label != "LOC":
            continue
        k = sent.token_at(start)
        if k is None or k not in members:
            continue
        case = sent.case_of(k).split()
        if "à" in case or (kind == "visit" and {"en", "dans"} & set(case)):
            return text
    return ""


def _primary(sides: list[str]) -> str:
    for s in sides:
        if s in ("US", "RU", "UA"):
            return s
    return sides[0] if sides else ""


def sentence_events(sent: Sentence, ments: list[Mention], ents: list, g: Actors, lex: Lexicon, speech: frozenset[str], context: list[Mention] | None = None) -> list[dict]:
    """Events of one sentence (dicts with the :data:`COLUMNS` except ids).

    ``context``: actor mentions of the preceding sentences (latest last), read when the
    sentence refers to its actors by pronouns or plural descriptions ("les deux dirigeants
    se sont entretenus", "il a accusé Washington").
    """
    found = _absorb(sent, _find_triggers(sent, lex, ments))
    if not found:
        return []
    context = context or []
    nat_all = nationality_sides(sent, set(range(len(sent))), g)
    sentence_sides = {m.side for m in ments} | set(nat_all.values())
    if not sentence_sides | {m.side for m in context} >= _TWO_SIDES:
        return []
    out, seen = [], set()
    for i in sorted(found):
        t = found[i]
        kind = t.type
        if t.requires == "modifier" or kind in ("meeting",):
            near = sent.subtree(i) | ({sent.head[i]} if sent.head[i] >= 0 else set())
            kind = next((lex.type_modifiers[sent.lemma[k]] for k in sorted(near) if sent.lemma[k] in lex.type_modifiers), kind)
        members = sent.clause(i)
        r = roles(sent, i, members, speech)
        if t.requires == "subject_is_target":
            # "selon Washington, la Russie a violé l'accord": the subject is accused, the speaker accuses.
            r["target"], r["source"] = r["source"] | r["target"], r["speaker"] & set(range(len(sent)))
        if kind in _DE_TARGET and sent.upos[i] == "NOUN":
            r["target"] |= {k for k in r["source"] if sent.head[k] == i or sent.head[sent.head[k]] == i}
            r["source"] -= r["target"]
        nat = {k: s for k, s in nat_all.items() if k in members}
        src_ids, src_sides = _side_of(r["source"], ments, nat)
        tgt_ids, tgt_sides = _side_of(r["target"], ments, nat)
        with_ids, with_sides = _side_of(r["with"], ments, nat)
        clause_ids, clause_sides = _side_of(members - r["speaker"] - r["topic"], ments, nat)
        if not src_ids and not src_sides and kind in VERBAL:
            src_ids, src_sides = _side_of(r["speaker"], ments, nat_all)
        if not src_ids and not src_sides and any(sent.upos[k] == "PRON" for k in r["source"]) and context:
            last = context[-1]  # "il a accusé …": the latest actor named before
            src_ids, src_sides = ([last.actor_id] if last.actor_id else []), [last.side]
        if kind in SYMMETRIC and not set(src_sides + tgt_sides + with_sides + clause_sides) >= _TWO_SIDES:
            # Joint acts whose clause lacks a side (parse errors, "les deux dirigeants"): the
            # sentence's other actors, then the persons of the preceding sentences.
            rest = [m for m in ments if m.token not in r["speaker"] and m.token not in r["topic"]]
            extra_ids, extra_sides = _side_of({m.token for m in rest}, rest, {})
            clause_ids += extra_ids
            clause_sides += extra_sides
            if not set(src_sides + tgt_sides + with_sides + clause_sides) >= _TWO_SIDES:
                for side in sorted(_TWO_SIDES - set(src_sides + tgt_sides + with_sides + clause_sides)):
                    m = next((m for m in reversed(context) if m.side == side and m.type == "person" and m.actor_id), None)
                    if m is not None:
                        clause_ids.append(m.actor_id)
                        clause_sides.append(side)
        if kind in SYMMETRIC or not (src_sides or tgt_sides):
            # Joint acts: everyone in the clause who is not the speaker or a topic.
            participants = list(dict.fromkeys(src_ids + tgt_ids + with_ids + clause_ids))
            sides = list(dict.fromkeys(src_sides + tgt_sides + with_sides + clause_sides))
        else:
            participants = list(dict.fromkeys(src_ids + tgt_ids + with_ids))
            sides = list(dict.fromkeys(src_sides + tgt_sides + with_sides))
        # Participants are US or Russian actors; third states and organisations (Syrie, Ukraine, G20,
        # Otan) are what the event is about: topics.
        participants = [p for p in participants if g.side[p] in _TWO_SIDES]
        src_ids = [p for p in src_ids if p in participants]
        tgt_ids = [p for p in tgt_ids if p in participants]
        topic_ids = [m.actor_id for m in ments if m.actor_id and m.actor_id not in participants and g.type[m.actor_id] in ("state", "organisation")]
        if not participants and not sides:
            continue
        key = (FAMILY[kind], kind if FAMILY[kind] == "verbal_conflict" else "")
        if key in seen:
            continue
        seen.add(key)
        st = status(sent, i, kind, lex)
        # A modifier that changes the type ("entretien téléphonique") changes the code to the new type's first trigger row.
        base_code, base_value = (t.cameo_code, t.goldstein) if kind == t.type else lex.type_codes[kind]
        code, gold = code_for(kind, st, base_code, base_value)
        src_side, tgt_side = _primary(src_sides), _primary(tgt_sides)
        if kind in SYMMETRIC or not src_side:
            both = [s for s in sides if s in _TWO_SIDES]
            if not src_side:
                src_side = both[0] if both else _primary(sides)
            if not tgt_side:
                tgt_side = next((s for s in both if s != src_side), "")
        if kind in SYMMETRIC and src_side in _TWO_SIDES:
            # Joint acts: the two sides' actors, in the order the clause names them.
            tgt_side = (_TWO_SIDES - {src_side}).pop()
            src_ids = [p for p in participants if g.side[p] == src_side]
            tgt_ids = [p for p in participants if g.side[p] == tgt_side]
        if not tgt_side and src_side in _TWO_SIDES:
            tgt_side = (_TWO_SIDES - {src_side}).pop()  # the sentence involves both states
        # Evidence span (and dating window): the clause without its embedded clauses, so that
        # "depuis la chute de l'URSS en 1991" in a subordinate clause neither dates nor documents it.
        embedded = set().union(*(sent.subtree(c) for c in members if c != i and sent.deprel[c] in _EMBEDDED and c not in sent.governors(i, 3)))
        core = (members - embedded) or members
        lo = min(int(sent.start[k]) for k in core)
        hi = max(int(sent.end[k]) for k in core)
        out.append({
            "article_id": sent.article_id, "sent_idx": sent.sent_idx, "start_char": lo, "end_char": hi,
            "trigger": sent.word[i], "trigger_char": int(sent.start[i]), "type": kind, "cameo_code": code, "cameo_root": code[:2], "goldstein": gold,
            "source_actors": src_ids, "source_side": src_side, "target_actors": tgt_ids, "target_side": tgt_side,
            "participants": participants, "sides": sides,
            "mention_chars": [m.start for m in ments if m.token in (r["source"] | r["target"] | r["with"] | members) - r["topic"]],
            "topics": list(dict.fromkeys(topic_ids)), "place": "" if FAMILY[kind] == "call" else _place(sent, members, ents, kind),
            "status": st,
        })
    return out


def extract(corpus, surface: pd.DataFrame) -> pd.DataFrame:
    """Undated US–Russia events of every ``ok`` article.

    Parameters
    ----------
    corpus: a :class:`diplolib.Corpus`.
    surface: :func:`diplolib.actors.surface_mentions` of the corpus (date-free).

    Returns
    -------
    DataFrame, one row per event: ``event_id`` (``f"{article_id}:{sent_idx}:{k}"``),
    ``article_id``, ``sent_idx``; ``start_char``/``end_char`` (evidence span = the
    trigger's clause, offsets in the article text); ``trigger`` (the word) and ``trigger_char`` (its offset);
    ``type`` (:data:`diplolib.events.lexicon.TYPES`); ``cameo_code``, ``cameo_root``
    (two digits) and ``goldstein`` (−10 … +10) after status; ``source_actors``,
    ``target_actors``, ``participants`` (lists of actor_ids from ``actors.csv``);
    ``source_side``, ``target_side`` (``US``, ``RU``, ``UA``, ``other`` or "");
    ``sides`` (every side involved); ``mention_chars`` (start offsets of the
    participant mentions, resolved to people by :func:`diplolib.events.resolve`);
    ``topics`` (states/organisations the event is about); ``place``; ``status``
    (``happened``, ``planned``, ``proposed``, ``cancelled``, ``denied``).
    """
    from diplolib.actors import gazetteer

    g = Actors.of(gazetteer())
    lex = lexicon()
    speech = _speech_lemmas()
    by_sent = mention_index(surface)
    ents = corpus.entities
    ent_index: dict[tuple[str, int], list] = {}
    for k, s, lab, txt in zip(zip(ents["article_id"].astype(str), ents["sent_idx"].astype(int), strict=True), ents["start_char"].astype(int), ents["label"].astype(str), ents["text"].astype(str), strict=True):
        ent_index.setdefault(k, []).append((s, lab, txt))
    ok = set(corpus.ok["article_id"])
    rows = []
    context: list[list[Mention]] = []
    current = None
    for sent in sentences(corpus.tokens):
        if sent.article_id not in ok:
            continue
        if sent.article_id != current:
            current, context = sent.article_id, []
        key = (sent.article_id, sent.sent_idx)
        ments = resolve_surface(by_sent.get(key, []), sent, g)
        recent = [m for ms in context[-CONTEXT_SENTENCES:] for m in ms]
        context.append(ments)
        for k, ev in enumerate(sentence_events(sent, ments, ent_index.get(key, []), g, lex, speech, recent)):
            ev["event_id"] = f"{sent.article_id}:{sent.sent_idx}:{k}"
            rows.append(ev)
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["goldstein"] = frame["goldstein"].astype(float)
    frame["sent_idx"] = frame["sent_idx"].astype(int)
    return frame
