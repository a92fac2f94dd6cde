"""Who acts on whom: actor mentions of a sentence, their sides, and the source / target /
participant / topic roles the dependency parse gives them in an event's clause."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from diplolib.events.syntax import Sentence
from diplolib.text import fold_phrase

#: Prepositions that introduce the target of a hostile act.
TARGET_CASES = ("contre", "envers", "encontre", "égard", "vis-à-vis")
#: Prepositions that introduce the other side of a joint act ("avec X", "entre X et Y").
WITH_CASES = ("avec", "entre", "auprès")
#: Prepositions that introduce what an event is about (a topic, never a participant).
TOPIC_CASES = ("sur", "en", "dans", "concernant", "autour", "pour", "à propos")


@dataclass(frozen=True)
class Actors:
    """Plain-dict views of the gazetteer for per-token lookups: actor → side and type, office → side,
    folded nationality adjective → side."""

    side: dict[str, str]
    type: dict[str, str]
    office_side: dict[str, str]
    nationalities: dict[str, str]

    @classmethod
    def of(cls, g) -> Actors:
        return cls(g.actors["side"].to_dict(), g.actors["type"].to_dict(), g.roles["side"].to_dict(), dict(g.nationalities))


@dataclass(frozen=True)
class Mention:
    """An actor mention of a sentence: character span, first token, actor (or "" when only the
    side is known: role phrases, ambiguous surnames, counterparts), side and type."""

    start: int
    end: int
    token: int
    actor_id: str
    side: str
    type: str
    kind: str


def mention_index(surface: pd.DataFrame) -> dict[tuple[str, int], list[tuple]]:
    """Surface mentions grouped once by (article_id, sent_idx): rows ``(start, end, target, kind, side)``."""
    if surface.empty:
        return {}
    s = surface.sort_values(["article_id", "sent_idx", "start_char"], kind="stable")
    keys = list(zip(s["article_id"].astype(str), s["sent_idx"].astype(int), strict=True))
    rows = list(zip(s["start_char"].astype(int), s["end_char"].astype(int), s["target"].astype(str), s["kind"].astype(str), s["side"], strict=True))
    out: dict[tuple[str, int], list[tuple]] = {}
    for k, r in zip(keys, rows, strict=True):
        out.setdefault(k, []).append(r)
    return out


def resolve_surface(rows: list[tuple], sent: Sentence, g: Actors) -> list[Mention]:
    """Date-free reading of a sentence's surface mentions (actor when unambiguous, else side only)."""
    out = []
    for start, end, target, kind, side in rows:
        tok = sent.token_at(start)
        if tok is None:
            continue
        if kind in ("name", "alias", "metonym", "surname"):
            options = [t for t in target.split("|") if t in g.side]
            if not options:
                continue
            sides = {g.side[t] for t in options}
            actor = options[0] if len(options) == 1 else ""
            out.append(Mention(start, end, tok, actor, sides.pop() if len(sides) == 1 else "", g.type[options[0]], kind))
        elif kind in ("role", "roles"):
            for office in target.split("|"):
                if office in g.office_side:
                    out.append(Mention(start, end, tok, "", g.office_side[office], "person", "role"))
        elif kind == "counterpart" and isinstance(side, str):
            out.append(Mention(start, end, tok, "", side, "person", kind))
    return out


def nationality_sides(sent: Sentence, tokens: set[int], g: Actors) -> dict[int, str]:
    """Sides named by nationality adjectives among ``tokens`` ("sanctions américaines") or by
    capitalised demonyms ("Russes et Américains se sont réunis"), by token."""
    out = {}
    for i in tokens:
        if sent.upos[i] == "ADJ" or (sent.upos[i] in ("NOUN", "PROPN") and sent.word[i][:1].isupper()):  # "les Russes"
            key = fold_phrase(sent.word[i])
            side = g.nationalities.get(key) or g.nationalities.get(key.removesuffix("s"))
            if side:
                out[i] = side
    return out


def _speech_sources(sent: Sentence, speech: frozenset[str]) -> set[int]:
    """Tokens of the subject of a speech verb (the statement's source) and of "selon X"."""
    out: set[int] = set()
    for v, lemma in enumerate(sent.lemma):
        if lemma in speech and sent.upos[v] == "VERB":
            kids = [c for c in sent.children[v] if sent.deprel[c].startswith("nsubj")]
            if not kids:  # inverted incise: "…, a annoncé le ministre" parsed as an object
                kids = [c for c in sent.children[v] if c > v and sent.deprel[c] in ("obj", "obl:agent")]
            for c in kids:
                out |= sent.subtree(c)
    for i, lemma in enumerate(sent.lemma):
        if lemma == "selon" and sent.head[i] >= 0:
            out |= sent.subtree(sent.head[i])
    return out


def _subject(sent: Sentence, v: int) -> tuple[set[int], set[int]]:
    """(source tokens, target tokens) from verb ``v``'s own arguments: subject / passive agent → source;
    passive subject → target. Climbs to the governor for infinitives and participles without a subject."""
    src: set[int] = set()
    tgt: set[int] = set()
    node = v
    for _ in range(3):
        for c in sent.children[node]:
            rel = sent.deprel[c]
            if rel in ("nsubj", "csubj") or rel == "obl:agent":
                src |= sent.subtree(c, {"acl:relcl"} if rel != "obl:agent" else None)
            elif rel == "nsubj:pass":
                tgt |= sent.subtree(c)
        if src or sent.head[node] < 0 or sent.deprel[node] not in ("xcomp", "advcl", "acl", "obj", "nmod", "ccomp", "obl", "obl:arg"):
            break
        if sent.deprel[node] == "ccomp":  # "X a annoncé que …": the clause has its own subject
            break
        node = sent.head[node]
    return src, tgt


def roles(sent: Sentence, trigger: int, members: set[int], speech: frozenset[str]) -> dict[str, set[int]]:
    """Token sets of the grammatical roles around a trigger: ``source``, ``target``, ``with``,
    ``topic``, ``speaker`` (speech-verb subjects and "selon X")."""
    src, tgt = set(), set()
    node = trigger
    if sent.upos[trigger] == "NOUN":
        # A noun trigger: its governing verb gives the source ("X a imposé des sanctions").
        h = sent.head[trigger]
        if h >= 0 and sent.upos[h] in ("VERB", "AUX") and sent.deprel[trigger] in ("obj", "nsubj:pass", "obl", "obl:arg", "nsubj"):
            node = h
    s, t = _subject(sent, node)
    src |= s
    tgt |= t
    orphan: set[int] = set()
    if not src and sent.upos[node] == "VERB" and not any(sent.deprel[c].startswith("nsubj") for c in sent.children[node]):
        # Parse errors leave a sentence-initial subject as a second root ("Washington s'est retiré …").
        orphan = {k for k in range(node) if sent.head[k] < 0 and sent.upos[k] in ("PROPN", "NOUN")}
    with_, topic = set(), set()
    for c in members:
        case = sent.case_of(c).split()
        if (sent.deprel[c].startswith("nmod") or sent.deprel[c].startswith("obl")) and any(k in case for k in TOPIC_CASES) and c not in (trigger, node):
            topic |= sent.subtree(c)
    for base in {trigger, node}:
        for c in sent.children[base]:
            rel = sent.deprel[c]
            case = sent.case_of(c)
            if rel in ("obj", "iobj") and base == node and sent.upos[node] != "NOUN":
                tgt |= sent.subtree(c, {"acl:relcl"})
            elif any(k in case.split() for k in TARGET_CASES):
                tgt |= sent.subtree(c)
            elif any(k in case.split() for k in WITH_CASES):
                with_ |= sent.subtree(c)
            elif (rel.startswith("nmod") or rel.startswith("obl")) and case in ("de", "du", "des", "d'") and sent.upos[base] == "NOUN" and base == trigger:
                src |= sent.subtree(c, {"acl:relcl"})  # "les sanctions de Washington"
    speaker = _speech_sources(sent, speech)
    src, tgt, with_ = src - topic, tgt - topic, with_ - topic
    return {"source": (src & members) | orphan, "target": tgt & members, "with": with_ & members, "topic": topic, "speaker": speaker}
