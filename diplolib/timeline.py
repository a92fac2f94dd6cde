"""Stage 3c: diplomatic contacts (meetings, calls, visits, summits, talks) from the annotations.

A contact is found where a trigger word of ``data/reference/contact_triggers.csv``
occurs (with the right POS; "se rendre" needs its reflexive pronoun). Its
participants are the actors mentioned in the same sentence who are not merely
the source of the statement ("a annoncé le Kremlin", "selon Moscou"); its place
is a LOC entity governed by a locative preposition; its status comes from tense
and modality (future, "devoir", conditional, "possible", "annuler"). Contacts
are linked to ``chronology.csv`` events when type, participants, place and date
agree, which dates them to the day; otherwise they keep the article's interval.
Reports of the same contact in several articles share a ``contact_id``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import pandas as pd

from diplolib.reference import read_table
from diplolib.text import fold_phrase

CONTACT_COLUMNS = [
    "contact_id", "type", "participants", "participant_names", "place", "earliest", "latest", "estimate", "precision",
    "status", "article_ids", "n_articles", "evidence", "sentence_keys", "event_id", "event_description",
]
#: Contact types that can describe the same real event (a "visit" to hold "talks" at a "meeting").
FAMILY = {"meeting": "meet", "talks": "meet", "visit": "meet", "summit": "meet", "phone_call": "call", "video_call": "video", "announcement": "meet"}
#: Days before an article's date in which a contact it reports as past is looked for.
LOOKBACK_DAYS = 60
#: Days after an article's date in which a planned contact is looked for.
LOOKAHEAD_DAYS = 90
#: Sentences of an article's lead (one more when the article has a title).
LEAD_SENTENCES = 3
CHRONO_TYPES = {"meeting", "talks", "visit", "summit", "phone_call", "video_call"}
_LOCATIVE = {"à", "en", "dans"}
_PLANNED = {"devoir", "aller", "prévoir", "préparer", "organiser"}
_PROPOSED = {"pouvoir", "proposer", "inviter", "envisager", "possible", "éventuel", "souhaiter", "vouloir"}
_CANCELLED = {"annuler", "reporter", "ajourner", "suspendre"}


@dataclass(frozen=True)
class Triggers:
    """Trigger lemmas by POS, their types and requirements; type modifiers."""

    words: dict[tuple[str, str], tuple[str, str]]
    modifiers: dict[str, str]


@functools.cache
def triggers() -> Triggers:
    """Load ``contact_triggers.csv`` and ``contact_modifiers.csv``."""
    t = read_table("contact_triggers.csv")
    m = read_table("contact_modifiers.csv")
    return Triggers(
        {(r.lemma, r.pos): (r.type, r.requires) for r in t.itertuples()},
        dict(zip(m["lemma"], m["type"], strict=True)),
    )


def _speech_lemmas() -> frozenset[str]:
    """Speech verbs (``speech_verbs.csv``), whose subjects are sources, not participants."""
    from diplolib.quotes import verb_kinds

    return frozenset(verb_kinds())


def _sentence_contacts(sent: pd.DataFrame, trig: Triggers) -> list[dict]:
    """Contacts triggered in one sentence's tokens (type, status, place, trigger token)."""
    lemmas = sent["lemma"].astype(str).str.lower().tolist()
    upos = sent["upos"].astype(str).tolist()
    heads = sent["head"].tolist()
    deprels = sent["deprel"].astype(str).tolist()
    feats = sent["feats"].astype(str).tolist()
    lemma_set = set(lemmas)
    out = []
    for i, (lemma, pos) in enumerate(zip(lemmas, upos, strict=True)):
        spec = trig.words.get((lemma, pos))
        if spec is None:
            continue
        kind, requires = spec
        children = [j for j, h in enumerate(heads) if h == i + 1]
        if requires == "reflexive" and not any(lemmas[j] == "se" for j in children):
            continue
        modified = next((trig.modifiers[w] for w in lemmas if w in trig.modifiers), None)
        if requires == "modifier" and modified is None:
            continue
        kind = modified or kind
        # Status from the trigger's clause: its own features and those of its governors.
        chain, k = [i], heads[i] - 1
        while k >= 0 and len(chain) < 4:
            chain.append(k)
            k = heads[k] - 1
        aux = [j for c in chain for j, h in enumerate(heads) if h == c + 1 and deprels[j].startswith("aux")]
        ctx_lemmas = {lemmas[c] for c in chain + aux} | {lemmas[j] for j in children}
        ctx_feats = " ".join(feats[c] for c in chain + aux)
        if ctx_lemmas & _CANCELLED or lemma_set & _CANCELLED:
            status = "cancelled"
        elif "Mood=Cnd" in ctx_feats or ctx_lemmas & _PROPOSED:
            status = "proposed"
        elif "Tense=Fut" in ctx_feats or ctx_lemmas & _PLANNED or {"lieu", "tenir"} <= lemma_set and "Tense=Fut" in " ".join(feats):
            status = "planned"
        else:
            status = "happened"
        out.append({"token": i, "type": kind, "status": status, "trigger": sent["word"].iloc[i]})
    return out


_CLAUSAL = {"advcl", "ccomp", "parataxis", "acl", "acl:relcl", "csubj", "conj", "punct"}


def _clause(heads: list[int], deprels: list[str], trigger: int, upos: list[str] | None = None) -> set[int]:
    """Token indices (0-based) of a trigger's clause: its subtree, plus the arguments of up to
    three governors ("Kerry doit s'entretenir avec Poutine"), minus embedded clauses."""
    children: dict[int, list[int]] = {}
    for j, h in enumerate(heads):
        children.setdefault(h - 1, []).append(j)

    def subtree(i: int) -> set[int]:
        out, stack = set(), [i]
        while stack:
            k = stack.pop()
            if k not in out:
                out.add(k)
                stack.extend(children.get(k, []))
        return out

    members = subtree(trigger)
    node, path = trigger, {trigger}
    for _ in range(3):
        if heads[node] == 0:
            break
        relation = deprels[node]
        node = heads[node] - 1
        path.add(node)
        members.add(node)
        # The governor's own arguments (subject, objects, obliques, even mis-labelled ones)
        # belong to the contact's clause; embedded or coordinated clauses do not.
        for c in children.get(node, []):
            if c not in path and deprels[c] not in _CLAUSAL:
                members |= subtree(c)
        # Stop at the first verb, unless the trigger is its infinitive complement ("doit s'entretenir").
        if upos is not None and upos[node] in ("VERB", "AUX") and relation != "xcomp":
            break
    return members


def _places(sent: pd.DataFrame, ents: pd.DataFrame, members: set[int] | None = None, kind: str = "visit") -> list[str]:
    """LOC entities introduced by a locative preposition ("à Sotchi"); "en Russie" only for visits."""
    places = []
    for e in ents.itertuples():
        if e.label != "LOC":
            continue
        first = sent[sent["start_char"] == e.start_char]
        if first.empty:
            continue
        if members is not None and int(first.index[0]) not in members:
            continue
        tok = first.iloc[0]
        case = sent[(sent["head"] == tok["tok_idx"]) & (sent["deprel"] == "case")]
        preps = set(case["lemma"].astype(str).str.lower())
        if "à" in preps or (kind == "visit" and preps & _LOCATIVE):
            places.append(e.text)
    return places


def _national_states(sent: pd.DataFrame) -> list[str]:
    """States named by nationality adjectives on nouns ("diplomates russes et américains")."""
    from diplolib.actors import gazetteer

    states = gazetteer().nationality_states
    adjs = sent[(sent["upos"].astype(str) == "ADJ") & sent["deprel"].astype(str).isin(["amod", "conj"])]
    on_noun = adjs[adjs["head"].isin(sent.loc[sent["upos"].astype(str) == "NOUN", "tok_idx"])]
    # "russes et américains": the second adjective is a conjunct of the first.
    adjs = pd.concat([on_noun, adjs[(adjs["deprel"].astype(str) == "conj") & adjs["head"].isin(on_noun["tok_idx"])]])
    found = [states.get(fold_phrase(str(w)).removesuffix("s")) or states.get(fold_phrase(str(w))) for w in adjs["word"]]
    return list(dict.fromkeys(f for f in found if f))


def _sources(sent: pd.DataFrame) -> set[int]:
    """Start offsets of words that belong to the subject of a speech verb (the statement's source)."""
    speech = _speech_lemmas()
    heads = sent["head"].tolist()
    children: dict[int, list[int]] = {}
    for j, h in enumerate(heads):
        children.setdefault(h - 1, []).append(j)
    lemmas = sent["lemma"].astype(str).tolist()
    deprels = sent["deprel"].astype(str).tolist()
    out: set[int] = set()
    for v, lemma in enumerate(lemmas):
        if lemma not in speech:
            continue
        kids = children.get(v, [])
        stack = [c for c in kids if deprels[c].startswith("nsubj")]
        if not stack:
            # Inverted incise ("…, a annoncé le ministre russe"): parsers often label the
            # post-verbal subject as an object.
            stack = [c for c in kids if c > v and deprels[c] in ("obj", "obl:agent")]
        while stack:
            k = stack.pop()
            out.add(int(sent["start_char"].iloc[k]))
            stack.extend(children.get(k, []))
    return out


def _participants(sent_mentions: pd.DataFrame, sent: pd.DataFrame, text: str, sources: set[int] | None = None) -> list[str]:
    """Actors of the clause, minus statement sources (subject of a speech verb, "selon X").

    People when any are named; otherwise the states, institutions and the states
    behind nationality adjectives ("diplomates russes et américains").
    """
    sources = _sources(sent) if sources is None else sources
    keep = []
    for m in sent_mentions.itertuples():
        before = text[max(0, m.start_char - 8) : m.start_char].lower()
        if "selon" in before or m.start_char in sources:
            continue
        keep.append((m.actor_id, m.type))
    people = [a for a, t in keep if t == "person"]
    keep = [a for a, _ in keep]
    chosen = people if people else keep + _national_states(sent)
    return list(dict.fromkeys(chosen))


def _is_contact(participants: list[str], kind: str, places: list[str]) -> bool:
    """A contact needs two sides (or one visitor and a destination)."""
    from diplolib.actors import gazetteer

    sides = {gazetteer().actors.at[p, "side"] for p in participants if p in gazetteer().actors.index}
    if len(sides) >= 2 or (len(participants) >= 2 and sides - {"other"}):
        return True
    return kind == "visit" and bool(participants) and bool(places)


def raw_contacts(corpus, found: pd.DataFrame, tokens: pd.DataFrame | None = None, scope: str = "clause") -> pd.DataFrame:
    """One row per trigger occurrence: article_id, sent_idx, type, status, participants, place, trigger, trigger_char, text.

    ``tokens`` restricts the search to some sentences (default: all of ``corpus.tokens``).
    ``scope``: participants from the trigger's ``"clause"`` (precise) or the whole
    ``"sentence"`` (recall; used to match a known event, where the chronology checks).
    """
    trig = triggers()
    tokens = corpus.tokens if tokens is None else tokens
    sentences = corpus.sentences.set_index(["article_id", "sent_idx"])["text"]
    ents = corpus.entities
    texts = dict(zip(corpus.ok["article_id"], corpus.ok["text"], strict=True))
    found = found[~found["ambiguous"]] if "ambiguous" in found else found
    by_sent = dict(tuple(found.groupby(["article_id", "sent_idx"], sort=False)))
    ents_by = dict(tuple(ents.groupby(["article_id", "sent_idx"], sort=False, observed=True)))
    rows = []
    for (aid, sid), sent in tokens.groupby(["article_id", "sent_idx"], sort=False, observed=True):
        hits = _sentence_contacts(sent.reset_index(drop=True), trig)
        if not hits:
            continue
        sent = sent.reset_index(drop=True)
        m = by_sent.get((aid, sid), found.iloc[0:0])
        heads, deprels = sent["head"].tolist(), sent["deprel"].astype(str).tolist()
        sent_ents = ents_by.get((aid, sid), ents.iloc[0:0])
        sources = _sources(sent)
        seen = set()
        for h in hits:
            key = (FAMILY[h["type"]], h["status"])
            if key in seen:  # one contact per family and status per sentence
                continue
            members = _clause(heads, deprels, h["token"], sent["upos"].astype(str).tolist()) if scope == "clause" else set(range(len(sent)))
            covered = {int(sent["start_char"].iloc[j]) for j in members}
            in_clause = m[[any(s_ <= c < e_ for c in covered) for s_, e_ in zip(m["start_char"], m["end_char"], strict=True)]]
            parts = _participants(in_clause, sent.loc[sorted(members)], texts.get(aid, ""), sources)
            places = [] if FAMILY[h["type"]] in ("call", "video") else _places(sent, sent_ents, members, h["type"])
            if not _is_contact(parts, h["type"], places):
                continue
            seen.add(key)
            rows.append((aid, int(sid), h["type"], h["status"], parts, places[0] if places else "", h["trigger"], int(sent["start_char"].iloc[h["token"]]), sentences.get((aid, sid), "")))
    return pd.DataFrame(rows, columns=["article_id", "sent_idx", "type", "status", "participants", "place", "trigger", "trigger_char", "text"])


def _link_score(row, event, holders_ok: set[str]) -> float:
    """How well a contact matches a chronology event (0 = incompatible)."""
    if event.type not in CHRONO_TYPES:
        return 0.0
    score = 0.0
    if FAMILY.get(event.type) == FAMILY.get(row["type"]):
        score += 1.0
    elif FAMILY.get(row["type"]) != "meet" or FAMILY.get(event.type) != "meet":
        return 0.0
    parts = set(row["participants"]) | holders_ok
    overlap = parts & event.participant_set
    score += min(len(overlap), 3)
    place = fold_phrase(row["place"]) if row["place"] else ""
    if place and event.place_key:
        if place == event.place_key:
            score += 2.0
        else:
            return 0.0
    if len(overlap) < 2 and not (place and place == event.place_key):
        return 0.0
    return score


def lead_contact_links(corpus, surface: pd.DataFrame) -> pd.DataFrame:
    """Known chronology events matching contacts in each article's lead (title + first sentences).

    Date-free (used by :func:`diplolib.dates.article_dates`): participants are
    the actors named, and the nationals in states' names; columns
    ``article_id``, ``sent_idx``, ``contact_type``, ``event_id``,
    ``event_start``, ``event_end``, ``description``, ``score``.
    """
    from diplolib.actors import gazetteer

    g = gazetteer()
    named = surface[surface["kind"].isin(["name", "alias", "metonym"]) | ((surface["kind"] == "surname") & ~surface["target"].str.contains("|", regex=False))]
    mentions = named.rename(columns={"target": "actor_id"}).assign(ambiguous=False)
    mentions = mentions[mentions["actor_id"].isin(g.actors.index)]
    mentions = mentions.join(g.actors[["type"]], on="actor_id")
    titled = {r.article_id for r in corpus.ok.itertuples() if isinstance(r.title, str) and r.title}
    depth = corpus.sentences["article_id"].map(lambda a: LEAD_SENTENCES + (1 if a in titled else 0))
    lead = corpus.sentences[corpus.sentences["sent_idx"] < depth]
    keys = set(zip(lead["article_id"], lead["sent_idx"], strict=True))
    sub = corpus.tokens.loc[[k in keys for k in zip(corpus.tokens["article_id"], corpus.tokens["sent_idx"], strict=True)]]
    raw = raw_contacts(corpus, mentions, tokens=sub, scope="sentence")
    # The lead's place ("… ont montré mardi à Sotchi …") and weekdays apply to the lead's contacts.
    lead_place: dict[str, str] = {}
    ents = corpus.entities
    for (aid, sid), sent in sub.groupby(["article_id", "sent_idx"], sort=True, observed=True):
        if aid not in lead_place:
            places = _places(sent, ents[(ents["article_id"] == aid) & (ents["sent_idx"] == sid)])
            if places:
                lead_place[aid] = places[0]
    weekdays = _lead_weekdays(corpus, keys)
    roles = surface[surface["kind"] == "role"]
    chrono = _chronology()
    out = []
    for r in raw.itertuples():
        role_rows = roles[(roles["article_id"] == r.article_id) & (roles["sent_idx"] == r.sent_idx)]
        holders = set(g.tenures[g.tenures["office_id"].isin(role_rows["target"])]["actor_id"])
        row = {"type": r.type, "participants": r.participants, "place": r.place or lead_place.get(r.article_id, "")}
        for ev in chrono.itertuples():
            s = _link_score(row, ev, holders)
            if s > 0:
                s += 1.0 if ev.start_ts.weekday() in weekdays.get(r.article_id, set()) else 0.0
                out.append((r.article_id, r.sent_idx, r.type, ev.event_id, ev.start_ts, ev.end_ts, ev.description, s))
    cols = ["article_id", "sent_idx", "contact_type", "event_id", "event_start", "event_end", "description", "score"]
    frame = pd.DataFrame(out, columns=cols)
    if frame.empty:
        return frame
    best = frame.groupby("article_id")["score"].transform("max")
    return frame[frame["score"] >= best].reset_index(drop=True)


def _lead_weekdays(corpus, keys: set[tuple[str, int]]) -> dict[str, set[int]]:
    """Weekdays (0 = Monday) named in each article's lead sentences."""
    from diplolib.dates import _find

    out: dict[str, set[int]] = {}
    sentences = corpus.sentences
    for r in sentences[[k in keys for k in zip(sentences["article_id"], sentences["sent_idx"], strict=True)]].itertuples():
        for e in _find(r.text):
            if e.kind == "weekday":
                out.setdefault(r.article_id, set()).add(e.info["weekday"])
    return out


def _chronology() -> pd.DataFrame:
    from diplolib.dates import chronology

    return chronology()


def contacts(corpus, found: pd.DataFrame | None = None, dates: pd.DataFrame | None = None) -> pd.DataFrame:
    """Diplomatic contacts reported by the corpus, grouped across articles.

    Parameters
    ----------
    corpus: a :class:`diplolib.Corpus`.
    found: resolved mentions (:func:`diplolib.actors.mentions`), computed when omitted.
    dates: article dates (:func:`diplolib.dates.article_dates`), computed when omitted.

    Returns
    -------
    DataFrame, one row per contact: ``contact_id``; ``type`` (``meeting``,
    ``phone_call``, ``video_call``, ``visit``, ``summit``, ``talks``,
    ``announcement``); ``participants`` (list of actor_ids) and
    ``participant_names``; ``place``; ``earliest``, ``latest``, ``estimate``
    (Timestamps) and ``precision``; ``status`` (``happened``, ``planned``,
    ``proposed``, ``cancelled``); ``article_ids`` and ``n_articles``;
    ``evidence`` (the sentences); ``sentence_keys`` (``(article_id, sent_idx)``
    pairs); ``event_id`` and ``event_description`` of the linked chronology
    event (empty when the contact is not in the chronology).
    """
    from diplolib.actors import gazetteer, mentions
    from diplolib.dates import article_dates, expressions

    dates = article_dates(corpus) if dates is None else dates
    found = mentions(corpus, dates) if found is None else found
    raw = raw_contacts(corpus, found)
    g = gazetteer()
    if raw.empty:
        return pd.DataFrame(columns=CONTACT_COLUMNS)
    intervals = dates.set_index("article_id")
    exprs = expressions(corpus, dates)
    day_exprs = exprs[exprs["value_start"].notna() & (exprs["kind"].isin(["date", "weekday", "relative"]))]
    chrono = _chronology()
    records = []
    for r in raw.itertuples():
        art = intervals.loc[r.article_id]
        # Candidate dates: the day expression nearest the trigger in the sentence; else a window
        # around the article date (reported contacts happened before it, planned ones after).
        sent_days = day_exprs[(day_exprs["article_id"] == r.article_id) & (day_exprs["sent_idx"] == r.sent_idx)]
        if not sent_days.empty:
            nearest = sent_days.iloc[(sent_days["start_char"] - r.trigger_char).abs().argsort()[:1]]
            lo, hi = nearest["value_start"].iloc[0], nearest["value_end"].iloc[0]
        elif r.status == "happened":
            lo, hi = art["earliest"] - pd.Timedelta(days=LOOKBACK_DAYS), art["estimate"]
        else:
            lo, hi = art["earliest"], art["latest"] + pd.Timedelta(days=LOOKAHEAD_DAYS)
        row = {"type": r.type, "participants": r.participants, "place": r.place}
        best, best_score = None, 0.0
        for ev in chrono.itertuples():
            if ev.start_ts > hi + pd.Timedelta(days=1) or ev.end_ts < lo - pd.Timedelta(days=1):
                continue
            s = _link_score(row, ev, set())
            # prefer the candidate nearest the window's end (the most recent before the report)
            s -= abs((ev.start_ts - hi).days) / 10000
            if s > best_score:
                best, best_score = ev, s
        if best is not None:
            elo, ehi, eid, edesc, prec = best.start_ts, best.end_ts, best.event_id, best.description, "day" if best.start_ts == best.end_ts else "week"
        else:
            elo, ehi, eid, edesc = lo, hi, "", ""
            if r.status == "happened" and sent_days.empty:
                elo = art["earliest"] - pd.Timedelta(days=LOOKBACK_DAYS)
            prec = "day" if lo == hi else ("week" if (hi - lo).days < 7 else ("month" if (hi - lo).days <= 31 else "year" if (hi - lo).days <= 366 else "range"))
        records.append({
            "article_id": r.article_id, "sent_idx": r.sent_idx, "type": r.type, "status": r.status, "participants": r.participants,
            "place": r.place, "earliest": elo, "latest": ehi, "event_id": eid, "event_description": edesc, "precision": prec,
            "text": r.text,
        })
    return _group(pd.DataFrame(records), g)


def _group(frame: pd.DataFrame, g) -> pd.DataFrame:
    """Merge reports of the same contact: same linked event, or same family + shared person + overlapping dates."""
    groups: list[list[int]] = []
    for i, r in frame.iterrows():
        placed = False
        for grp in groups:
            f = frame.loc[grp[0]]
            same_event = r["event_id"] and r["event_id"] == f["event_id"]
            shared = set(r["participants"]) & set(f["participants"])
            overlap = r["earliest"] <= f["latest"] and f["earliest"] <= r["latest"]
            if same_event or (not r["event_id"] and not f["event_id"] and FAMILY[r["type"]] == FAMILY[f["type"]] and shared and overlap and (r["place"] == f["place"] or not r["place"] or not f["place"])):
                grp.append(i)
                placed = True
                break
        if not placed:
            groups.append([i])
    rows = []
    for n, grp in enumerate(sorted(groups, key=lambda gr: (frame.loc[gr, "earliest"].min(), gr[0])), 1):
        part = frame.loc[grp]
        participants = list(dict.fromkeys(p for ps in part["participants"] for p in ps))
        names = [g.actors.at[p, "name"] if p in g.actors.index else p for p in participants]
        status_rank = {"happened": 0, "planned": 1, "proposed": 2, "cancelled": 3}
        status = min(part["status"], key=lambda s: status_rank[s])
        types = part["type"].value_counts()
        lo, hi = part["earliest"].max(), part["latest"].min()
        if lo > hi:
            lo, hi = part["earliest"].min(), part["latest"].max()
        rows.append({
            "contact_id": f"C{n:03d}", "type": types.index[0], "participants": participants, "participant_names": names,
            "place": next((p for p in part["place"] if p), ""), "earliest": lo, "latest": hi, "estimate": pd.Timestamp((lo + (hi - lo) / 2).date()),
            "precision": part["precision"].iloc[0], "status": status, "article_ids": list(dict.fromkeys(part["article_id"])),
            "n_articles": part["article_id"].nunique(), "evidence": list(part["text"]),
            "sentence_keys": list(zip(part["article_id"], part["sent_idx"], strict=True)),
            "event_id": part["event_id"].iloc[0], "event_description": part["event_description"].iloc[0],
        })
    return pd.DataFrame(rows, columns=CONTACT_COLUMNS)


def coverage(contacts_table: pd.DataFrame, memory: pd.DataFrame) -> pd.DataFrame:
    """Which chronology events the corpus speaks of, and how.

    Columns: ``event_id``, ``date``, ``type``, ``description``, ``as_contact``
    (articles reporting it as a contact), ``as_reference`` (articles referring
    back to it), ``articles`` (total distinct articles).
    """
    chrono = _chronology()
    as_contact: dict[str, set[str]] = {}
    for r in contacts_table.itertuples():
        if r.event_id:
            as_contact.setdefault(r.event_id, set()).update(r.article_ids)
    as_ref = memory.groupby("event_id")["article_id"].agg(set).to_dict() if not memory.empty else {}
    ids = sorted(set(as_contact) | set(as_ref))
    rows = []
    for e in chrono[chrono["event_id"].isin(ids)].itertuples():
        c, r = as_contact.get(e.event_id, set()), as_ref.get(e.event_id, set())
        rows.append((e.event_id, e.start_ts.strftime("%Y-%m-%d"), e.type, e.description, len(c), len(r), len(c | r)))
    frame = pd.DataFrame(rows, columns=["event_id", "date", "type", "description", "as_contact", "as_reference", "articles"])
    return frame.sort_values("date").reset_index(drop=True)


def overview(contacts_table: pd.DataFrame) -> pd.DataFrame:
    """Contacts for reading: id, date, type, status, participants, place, known event, articles, first sentence."""
    out = pd.DataFrame({
        "contact_id": contacts_table["contact_id"],
        "date": contacts_table["estimate"].dt.strftime("%Y-%m-%d"),
        "interval": contacts_table["earliest"].dt.strftime("%Y-%m-%d") + " … " + contacts_table["latest"].dt.strftime("%Y-%m-%d"),
        "type": contacts_table["type"],
        "status": contacts_table["status"],
        "participants": contacts_table["participant_names"].map(", ".join),
        "place": contacts_table["place"],
        "known_event": contacts_table["event_id"],
        "n_articles": contacts_table["n_articles"],
        "evidence": contacts_table["evidence"].map(lambda e: (e[0][:117] + "…" if len(e[0]) > 120 else e[0]) if e else ""),
    })
    return out
