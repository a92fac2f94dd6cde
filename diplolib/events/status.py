"""An event's status from tense, modality and negation around its trigger.

``happened`` (default), ``planned`` (future, "doit", "prévoit", "prochain"),
``proposed`` (conditional, "pourrait", "propose", "appelle à", "prêt à"),
``cancelled`` ("annulé", "reporté", or a negated contact: "aucune rencontre n'a été organisée"),
``denied`` ("a démenti", "nie", or a negated hostile act). Modifier words are in
``event_modifiers.csv``.
"""

from __future__ import annotations

from diplolib.events.lexicon import FAMILY, Lexicon
from diplolib.events.syntax import Sentence

_NEGATION = {"pas", "jamais", "aucun", "aucune", "ni", "guère", "plus"}
_NEG_ONLY = {"ne", "n'"}
_FUTURE_ADJ = {"prochain", "futur", "éventuel", "prévu"}
#: Statement-of-intent triggers that are offers (the intended act is ``proposed``), not announcements.
_OFFER = {"proposer", "proposition", "offre", "prêt", "disposé"}


def _negated(sent: Sentence, nodes: list[int]) -> bool:
    """A negation adverb ("ne … pas", "jamais") on one of ``nodes``, or "aucun" determining the first."""
    for n in nodes:
        kids = sent.children[n]
        words = {sent.word[c].lower() for c in kids}
        if words & _NEG_ONLY and {sent.lemma[c] for c in kids} & _NEGATION:
            return True
        if words & _NEG_ONLY and any(sent.lemma[c] in _NEGATION for c in kids if sent.deprel[c] == "advmod"):
            return True
    return any(sent.lemma[c] in ("aucun", "aucune", "nul") for c in sent.children[nodes[0]])


def status(sent: Sentence, trigger: int, type_: str, lex: Lexicon) -> str:
    """Status of the event triggered at token ``trigger`` of ``sent``."""
    chain = [trigger, *sent.governors(trigger, 3, {"conj", "parataxis", "ccomp", "acl:relcl"})]
    # Stop the chain at the first finite verb above the trigger (the clause that asserts it).
    for k, n in enumerate(chain[1:], 1):
        if sent.upos[n] in ("VERB", "AUX") and "VerbForm=Fin" in sent.feats[n]:
            chain = chain[: k + 1]
            break
    aux = [c for n in chain for c in sent.children[n] if sent.deprel[c].startswith("aux") or sent.deprel[c] == "cop"]
    ctx = [sent.lemma[n] for n in chain[1:] + aux] + [sent.lemma[c] for c in sent.children[trigger]]
    mods = [lex.status_modifiers[w] for w in ctx if w in lex.status_modifiers]
    feats = " ".join(sent.feats[n] for n in chain + aux)
    if "denied" in mods:
        return "denied"
    if "cancelled" in mods:
        return "cancelled"
    if _negated(sent, chain):
        return "cancelled" if FAMILY.get(type_) in ("contact", "call", "cooperation", "exchange") else "denied"
    if type_ == "statement_of_intent":
        return "proposed" if sent.lemma[trigger] in _OFFER or "proposed" in mods else "planned"
    if "Mood=Cnd" in feats or "proposed" in mods:
        return "proposed"
    if "Tense=Fut" in feats or "planned" in mods or {sent.lemma[c] for c in sent.children[trigger]} & _FUTURE_ADJ:
        return "planned"
    return "happened"
