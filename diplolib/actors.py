"""Stage 3a: who is named, designated by role, or evoked by metonymy in each sentence.

Knowledge comes from ``data/reference/`` (``actors.csv``, ``office_roles.csv``,
``offices.csv``, ``nationalities.csv``; see ``actors.md``). Matching is accent-
and case-insensitive on word n-grams of the clean text (:func:`diplolib.text.fold`
keeps offsets), so ``start_char``/``end_char`` index the article text.

Two layers, so that dating and actor resolution can each run first:

- :func:`surface_mentions` needs no dates: names, aliases, surnames, metonyms and
  role phrases (with the office they designate, not yet its holder).
  :mod:`diplolib.dates` uses it ("le secrétaire d'État américain John Kerry" ⇒ a
  date inside Kerry's tenure).
- :func:`mentions` resolves role phrases and "son homologue …" to office holders
  on each article's date interval (from :func:`diplolib.dates.article_dates`
  unless given), and surnames to people named earlier.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from diplolib.nlp.schema import SentenceLocator
from diplolib.reference import read_table, reference_dir
from diplolib.text import fold, fold_phrase

#: Columns of :func:`mentions`.
MENTION_COLUMNS = [
    "article_id", "sent_idx", "start_char", "end_char", "surface", "actor_id", "name", "type", "side",
    "method", "confidence", "office_id", "ambiguous",
]
METHODS = ("name", "alias", "surname", "role", "metonym", "counterpart")

_TOKEN = re.compile(r"\w+|[^\w\s]")
#: Honorifics that may precede a surname ("M. Kerry", "MM. Lavrov et Kerry").
_HONORIFICS = {"m", "mm", "mme", "mmes", "mlle", "dr", "pr"}
#: Words before a role phrase that make it a *former* or *future* holder: not resolved.
_NOT_CURRENT = {"ancien", "ancienne", "anciens", "ex", "futur", "future", "feu", "defunt", "defunte", "predecesseur"}
#: Prepositions that make a place name a location, not an acting state (grammar, not knowledge).
_LOCATIVE = {"à", "en", "dans", "vers", "depuis", "jusque", "chez", "près", "via"}
_POSSESSIVES = {"son", "sa", "ses", "leur", "leurs"}
_PRIORITY = {"name": 0, "alias": 1, "role": 2, "metonym": 3, "surname": 4, "roles": 2}


def _tokens(folded: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(folded)]


def _key(phrase: str) -> str:
    return " ".join(t for _, _, t in _tokens(fold_phrase(phrase)))


@dataclass
class Gazetteer:
    """Folded n-gram → what it designates, built from the reference tables."""

    actors: pd.DataFrame
    roles: pd.DataFrame
    tenures: pd.DataFrame
    nationalities: dict[str, str]
    nationality_states: dict[str, str]
    entries: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    first: dict[str, list[int]] = field(default_factory=dict)
    surnames: dict[str, list[str]] = field(default_factory=dict)

    def add(self, phrase: str, target: str, kind: str) -> None:
        key = _key(phrase)
        if not key:
            return
        bucket = self.entries.setdefault(key, [])
        if (target, kind) not in bucket:
            bucket.append((target, kind))
        n = len(key.split(" "))
        lengths = self.first.setdefault(key.split(" ")[0], [])
        if n not in lengths:
            lengths.append(n)
            lengths.sort(reverse=True)


def _split(cell: str) -> list[str]:
    return [p.strip() for p in cell.split("|") if p.strip()]


@functools.cache
def _gazetteer_cached(folder: str, stamp: tuple) -> Gazetteer:
    actors = read_table("actors.csv").set_index("actor_id", drop=False)
    roles = read_table("office_roles.csv").set_index("office_id", drop=False)
    tenures = read_table("offices.csv")
    tenures["start_ts"] = pd.to_datetime(tenures["start"])
    tenures["end_ts"] = pd.to_datetime(tenures["end"].replace("", "2262-01-01"))
    nat = read_table("nationalities.csv")
    adjectives = [fold_phrase(a) for a in nat["adjective"]]
    g = Gazetteer(
        actors, roles, tenures,
        dict(zip(adjectives, nat["side"], strict=True)), dict(zip(adjectives, nat["state_id"], strict=True)),
    )
    for row in actors.itertuples():
        person = row.type == "person"
        g.add(row.name, row.actor_id, "name")
        for alias in _split(row.aliases):
            single = len(_key(alias).split(" ")) == 1
            g.add(alias, row.actor_id, "surname" if person and single else "alias")
        for metonym in _split(row.metonyms):
            g.add(metonym, row.actor_id, "metonym")
        if person and row.surname:
            g.add(row.surname, row.actor_id, "surname")
            g.surnames.setdefault(_key(row.surname), []).append(row.actor_id)
        if person:
            for alias in _split(row.aliases):
                if len(_key(alias).split(" ")) == 1:
                    g.surnames.setdefault(_key(alias), [])
                    if row.actor_id not in g.surnames[_key(alias)]:
                        g.surnames[_key(alias)].append(row.actor_id)
    # A word that is both an actor's name and its metonym ("Kremlin") is a metonym.
    for key, bucket in g.entries.items():
        metonymic = {t for t, k in bucket if k == "metonym"}
        g.entries[key] = [(t, k) for t, k in bucket if not (t in metonymic and k in ("name", "alias"))]
    # Role phrases, and their coordinated plurals: "présidents russe et américain".
    heads: dict[str, list[tuple[str, str]]] = {}
    for row in roles.itertuples():
        for phrase in _split(row.role_phrases):
            g.add(phrase, row.office_id, "role")
            words = _key(phrase).split(" ")
            if len(words) >= 2 and words[-1] in g.nationalities:
                heads.setdefault(" ".join(words[:-1]), []).append((words[-1], row.office_id))
    for head, members in heads.items():
        hw = head.split(" ")
        plural = " ".join([hw[0] + "s", *hw[1:]])
        for adj1, off1 in members:
            for adj2, off2 in members:
                if off1 != off2:
                    g.add(f"{plural} {adj1} et {adj2}", f"{off1}|{off2}", "roles")
    return g


def gazetteer() -> Gazetteer:
    """The gazetteer for the current reference folder (rebuilt when its files change)."""
    folder = reference_dir()
    stamp = tuple(
        (p.name, p.stat().st_mtime) for p in sorted(folder.glob("*.csv")) if p.name in {"actors.csv", "office_roles.csv", "offices.csv", "nationalities.csv"}
    )
    return _gazetteer_cached(str(folder), stamp)


def actors_table() -> pd.DataFrame:
    """``actors.csv`` as a table (actor_id, name, type, side, surname, aliases, metonyms)."""
    return gazetteer().actors.reset_index(drop=True)


# --------------------------------------------------------------------------- offices


def office_holders(office_id: str, start, end=None) -> list[tuple[str, float]]:
    """Holders of ``office_id`` during ``[start, end]`` with the share of the interval each held.

    Dates are anything :func:`pandas.Timestamp` accepts; ``end`` defaults to ``start``.
    Returns ``[(actor_id, share)]`` sorted by share, largest first; shares sum to
    at most 1 (less when the office was vacant part of the time).
    """
    start = pd.Timestamp(start)
    end = pd.Timestamp(end) if end is not None else start
    tenures = gazetteer().tenures
    rows = tenures[(tenures["office_id"] == office_id) & (tenures["start_ts"] <= end) & (tenures["end_ts"] >= start)]
    span = max((end - start).days + 1, 1)
    out: dict[str, float] = {}
    for r in rows.itertuples():
        days = (min(end, r.end_ts) - max(start, r.start_ts)).days + 1
        out[r.actor_id] = out.get(r.actor_id, 0.0) + max(days, 1) / span
    return sorted(((a, min(s, 1.0)) for a, s in out.items()), key=lambda x: -x[1])


def office_holder(office_id: str, date) -> str | None:
    """The ``actor_id`` holding ``office_id`` on ``date`` (None if vacant or unknown).

    ``office_holder("us_secretary_of_state", "2015-05-12")`` → ``"john_kerry"``.
    For offices held by several people at once, the first listed is returned.
    """
    holders = office_holders(office_id, date)
    return holders[0][0] if holders else None


def offices_of(actor_id: str, start, end) -> list[str]:
    """Offices ``actor_id`` held at some point in ``[start, end]``."""
    t = gazetteer().tenures
    rows = t[(t["actor_id"] == actor_id) & (t["start_ts"] <= pd.Timestamp(end)) & (t["end_ts"] >= pd.Timestamp(start))]
    return list(dict.fromkeys(rows["office_id"]))


# --------------------------------------------------------------------------- matching


@dataclass
class _Match:
    start: int
    end: int
    target: str
    kind: str
    former: bool = False


def _scan(text: str, g: Gazetteer) -> list[_Match]:
    """Longest-first, non-overlapping gazetteer matches in one article."""
    folded = fold(text)
    toks = _tokens(folded)
    words = [t for _, _, t in toks]
    out: list[_Match] = []
    i = 0
    while i < len(toks):
        hit = None
        for n in g.first.get(words[i], ()):
            if i + n <= len(toks):
                key = " ".join(words[i : i + n])
                if key in g.entries:
                    candidates = sorted(g.entries[key], key=lambda e: _PRIORITY[e[1]])
                    start, end = toks[i][0], toks[i + n - 1][1]
                    capital = text[start].isupper()
                    usable = [
                        (t, k) for t, k in candidates
                        if k in ("role", "roles") or capital or g.actors.at[t, "type"] not in ("person", "state")
                    ] if candidates else []
                    # Metonyms and names of places/people must be capitalised in the text.
                    usable = [(t, k) for t, k in usable if k not in ("metonym", "surname") or capital]
                    if usable:
                        hit = (n, start, end, usable)
                        break
        if hit is None:
            i += 1
            continue
        n, start, end, usable = hit
        target, kind = usable[0]
        if kind == "surname":
            # Keep every actor sharing the surname; resolved later in context.
            target = "|".join(t for t, k in usable if k == "surname")
            j = i - 1
            if j >= 1 and words[j] == "." and words[j - 1] in _HONORIFICS:
                start = toks[j - 1][0]
        former = kind in ("role", "roles") and any(w in _NOT_CURRENT for w in words[max(0, i - 2) : i])
        out.append(_Match(start, end, target, kind, former))
        i += n
    return out


def _counterparts(text: str, g: Gazetteer) -> list[tuple[int, int, str | None]]:
    """Spans of "son homologue (russe|américain|…)" with the requested side (None = unspecified)."""
    folded = fold(text)
    adjectives = "|".join(sorted((re.escape(a) for a in g.nationalities), key=len, reverse=True))
    # Singular only: "ses homologues ukrainiens" designates no one in particular.
    pattern = re.compile(rf"\b(?:{'|'.join(_POSSESSIVES)})\s+(homologue)(?:\s*,?\s+({adjectives})\b)?(?!s)")
    out = []
    for m in pattern.finditer(folded):
        side = g.nationalities.get(m.group(2)) if m.group(2) else None
        out.append((m.start(1), m.end(2) if m.group(2) else m.end(1), side))
    return out


def _locative(tokens: pd.DataFrame | None, start: int) -> bool:
    """True when the word at ``start`` is governed by a locative preposition ("à Moscou")."""
    if tokens is None or tokens.empty:
        return False
    word = tokens[tokens["start_char"] == start]
    if word.empty:
        return False
    w = word.iloc[0]
    sent = tokens[tokens["sent_idx"] == w["sent_idx"]]
    cases = sent[(sent["head"] == w["tok_idx"]) & (sent["deprel"] == "case")]
    return bool(set(cases["lemma"].astype(str).str.lower()) & _LOCATIVE)


def surface_mentions(corpus) -> pd.DataFrame:
    """Date-free mentions: every gazetteer match of every ``ok`` article.

    Columns: ``article_id``, ``sent_idx``, ``start_char``, ``end_char``,
    ``surface``, ``target`` (actor_id, ``a|b`` for shared surnames, or office_id
    for roles), ``kind`` (``name``/``alias``/``surname``/``metonym``/``role``/
    ``roles``/``counterpart``), ``side`` (requested counterpart side),
    ``former`` (role preceded by "ancien", "ex-"…).
    Metonyms governed by a locative preposition ("à Moscou") are places and
    are left out.
    """
    g = gazetteer()
    sents = SentenceLocator(corpus.sentences)
    tokens_by_article = dict(tuple(corpus.tokens.groupby("article_id", sort=False, observed=True)))
    rows = []
    for art in corpus.ok.itertuples():
        text = art.text
        toks = tokens_by_article.get(art.article_id)
        for m in _scan(text, g):
            if m.kind == "metonym" and _locative(toks, m.start):
                continue
            rows.append((art.article_id, sents.of(art.article_id, m.start), m.start, m.end, text[m.start : m.end], m.target, m.kind, None, m.former))
        for start, end, side in _counterparts(text, g):
            rows.append((art.article_id, sents.of(art.article_id, start), start, end, text[start:end], "", "counterpart", side, False))
    frame = pd.DataFrame(rows, columns=["article_id", "sent_idx", "start_char", "end_char", "surface", "target", "kind", "side", "former"])
    return frame.sort_values(["article_id", "start_char"], kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------- resolution


def _intervals(corpus, dates: pd.DataFrame | None) -> dict[str, tuple[pd.Timestamp, pd.Timestamp]]:
    if dates is None:
        from diplolib.dates import article_dates

        dates = article_dates(corpus)
    return {r.article_id: (pd.Timestamp(r.earliest), pd.Timestamp(r.latest)) for r in dates.itertuples()}


def _holders(office: str, interval) -> list[tuple[str, float]]:
    return office_holders(office, interval[0], interval[1])


def mentions(corpus, dates: pd.DataFrame | None = None) -> pd.DataFrame:
    """Resolved actor mentions of every ``ok`` article, one row per (mention, actor).

    Parameters
    ----------
    corpus:
        A :class:`diplolib.Corpus` (articles + annotations).
    dates:
        Per-article date intervals (``article_id``, ``earliest``, ``latest``), e.g.
        from :func:`diplolib.dates.article_dates` (computed when omitted).

    Returns
    -------
    DataFrame with columns:

    - ``article_id``, ``sent_idx``: where (leads back to the sentence text);
    - ``start_char``, ``end_char``, ``surface``: the span in the clean text;
    - ``actor_id``, ``name``, ``type``, ``side``: who (from ``actors.csv``);
    - ``method``: ``name``, ``alias``, ``surname``, ``role``, ``metonym`` or ``counterpart``;
    - ``confidence`` (0–1): 1 for a full name; lower for surnames, roles,
      counterparts; split across candidates when ambiguous;
    - ``office_id``: the office of a role/counterpart mention;
    - ``ambiguous``: True when several actors are possible (one row each) —
      e.g. a role phrase whose date interval spans two holders.
    """
    g = gazetteer()
    surface = surface_mentions(corpus)
    intervals = _intervals(corpus, dates)
    out: list[tuple] = []
    for aid, group in surface.groupby("article_id", sort=False):
        interval = intervals.get(aid, (pd.Timestamp("2013-01-01"), pd.Timestamp("2025-12-31")))
        resolved: list[tuple] = []  # rows of this article, for antecedents
        named: dict[str, str] = {}  # surname key → actor named in full earlier
        for m in group.itertuples():
            base = (aid, m.sent_idx, m.start_char, m.end_char, m.surface)
            if m.kind in ("name", "alias", "metonym"):
                resolved.append((*base, m.target, m.kind, 1.0 if m.kind == "name" else 0.95, "", False))
                surname = g.actors.at[m.target, "surname"]
                if surname:
                    named[_key(surname)] = m.target
            elif m.kind == "surname":
                options = m.target.split("|")
                key = _key(m.surface.split(".")[-1])
                earlier = named.get(key)
                if earlier:
                    resolved.append((*base, earlier, "surname", 0.95, "", False))
                elif len(options) == 1:
                    resolved.append((*base, options[0], "surname", 0.85, "", False))
                else:
                    resolved += [(*base, a, "surname", 0.85 / len(options), "", True) for a in options]
            elif m.kind == "role" and not m.former and _apposed_name(group, m, g) is not None:
                # "le porte-parole du département d'État, Marie Harf": the name says who.
                resolved.append((*base, _apposed_name(group, m, g), "role", 0.9, m.target, False))
            elif m.kind in ("role", "roles") and not m.former:
                for office in m.target.split("|"):
                    holders = _holders(office, interval)
                    single = g.roles.at[office, "single_holder"] == "true"
                    if len(holders) == 1:
                        resolved.append((*base, holders[0][0], "role", 0.9 if single else 0.6, office, False))
                    elif holders:
                        resolved += [(*base, a, "role", round(0.9 * s, 3), office, True) for a, s in holders]
            elif m.kind == "counterpart":
                resolved += _resolve_counterpart(base, m.side if isinstance(m.side, str) else None, resolved, interval, g)
        out += resolved
    frame = pd.DataFrame(out, columns=["article_id", "sent_idx", "start_char", "end_char", "surface", "actor_id", "method", "confidence", "office_id", "ambiguous"])
    meta = g.actors[["name", "type", "side"]]
    frame = frame.join(meta, on="actor_id")
    frame["confidence"] = frame["confidence"].astype(float)
    frame["ambiguous"] = frame["ambiguous"].astype(bool)
    return frame[MENTION_COLUMNS].sort_values(["article_id", "start_char", "actor_id"], kind="stable").reset_index(drop=True)


def _apposed_name(group: pd.DataFrame, m, g: Gazetteer) -> str | None:
    """The person named right after a role phrase (", " or " " between them), if any."""
    after = group[(group["start_char"] >= m.end_char) & (group["start_char"] <= m.end_char + 3)]
    after = after[after["kind"].isin(["name", "alias", "surname"]) & ~after["target"].str.contains("|", regex=False)]
    if after.empty or g.actors.at[after.iloc[0]["target"], "type"] != "person":
        return None
    return after.iloc[0]["target"]


def _resolve_counterpart(base: tuple, side: str | None, resolved: list[tuple], interval, g: Gazetteer) -> list[tuple]:
    """"son homologue X": counterpart office of the nearest preceding person mention."""
    sent_idx = base[1]
    for row in reversed(resolved):
        if row[1] < sent_idx - 2 or row[9] or g.actors.at[row[5], "type"] != "person":
            continue
        antecedent_side = g.actors.at[row[5], "side"]
        if side is not None and side == antecedent_side:
            continue
        offices = [row[8]] if row[8] else offices_of(row[5], *interval)
        for office in offices:
            mapping = dict(p.split(":", 1) for p in _split(g.roles.at[office, "counterpart"]) if ":" in p) if office in g.roles.index else {}
            wanted = side or {"RU": "US", "US": "RU"}.get(antecedent_side) or next(iter(mapping), None)
            target = mapping.get(wanted) if wanted else None
            if not target:
                continue
            holders = _holders(target, interval)
            confidence = 0.8 if side else 0.6
            if len(holders) == 1:
                return [(*base, holders[0][0], "counterpart", confidence, target, False)]
            return [(*base, a, "counterpart", round(confidence * s, 3), target, True) for a, s in holders]
    return []


def candidates(corpus, found: pd.DataFrame | None = None) -> pd.DataFrame:
    """PER/ORG entities that match no actor: the list to extend ``actors.csv`` from.

    Columns: ``surface``, ``label``, ``count``, ``n_articles``, ``article_id``,
    ``sent_idx`` and ``example`` (the first sentence it occurs in).
    """
    found = mentions(corpus) if found is None else found
    ents = corpus.entities[corpus.entities["label"].isin(["PER", "ORG"])]
    spans = {aid: np.array(list(zip(g["start_char"], g["end_char"], strict=True))) for aid, g in found.groupby("article_id")}
    keep = []
    for e in ents.itertuples():
        arr = spans.get(e.article_id)
        overlaps = arr is not None and len(arr) and bool(((arr[:, 0] < e.end_char) & (arr[:, 1] > e.start_char)).any())
        keep.append(not overlaps)
    rest = ents[keep].copy()
    if rest.empty:
        return pd.DataFrame(columns=["surface", "label", "count", "n_articles", "article_id", "sent_idx", "example"])
    rest["key"] = rest["text"].map(fold_phrase)
    sentences = corpus.sentences.set_index(["article_id", "sent_idx"])["text"]
    grouped = rest.groupby("key", sort=False).agg(
        surface=("text", "first"), label=("label", lambda s: s.mode().iat[0]), count=("text", "size"),
        n_articles=("article_id", "nunique"), article_id=("article_id", "first"), sent_idx=("sent_idx", "first"),
    )
    grouped["example"] = [sentences.get((a, s), "") for a, s in zip(grouped["article_id"], grouped["sent_idx"], strict=True)]
    return grouped.sort_values(["count", "surface"], ascending=[False, True]).reset_index(drop=True)


def mention_counts(found: pd.DataFrame) -> pd.DataFrame:
    """Mentions per actor and method (non-ambiguous rows), most mentioned first.

    Columns: ``actor_id``, ``actor`` (display name), ``type``, ``side``, one column per
    method (``name``, ``alias``, ``surname``, ``role``, ``metonym``, ``counterpart``),
    ``total``, ``articles``.
    """
    rows = found[~found["ambiguous"]].rename(columns={"name": "actor"})
    table = rows.pivot_table(index=["actor_id", "actor", "type", "side"], columns="method", values="start_char", aggfunc="count", fill_value=0)
    for method in METHODS:
        if method not in table:
            table[method] = 0
    table = table[list(METHODS)]
    table["total"] = table.sum(axis=1)
    table["articles"] = rows.groupby("actor_id")["article_id"].nunique().reindex(table.index.get_level_values(0)).to_numpy()
    return table.sort_values(["total", "articles"], ascending=False).reset_index()


def evaluate(found: pd.DataFrame, gold: pd.DataFrame, types: tuple[str, ...] = ("person",)) -> dict:
    """Precision/recall of ``found`` mentions against hand-made ``gold`` mentions.

    ``gold`` has ``article_id``, ``start_char``, ``end_char``, ``actor_id`` (e.g.
    ``tests/data/gold_mentions.csv`` joined to article ids). A predicted mention is
    correct when it overlaps a gold span of the same article *and* names the same
    actor; each gold mention is matched once. Only actors whose ``type`` is in
    ``types`` are scored; ambiguous predictions count with their candidates.
    Returns ``{"precision", "recall", "f1", "tp", "n_pred", "n_gold"}``.
    """
    kinds = gazetteer().actors["type"]
    pred = found[found["actor_id"].map(kinds).isin(types)]
    gold = gold[gold["actor_id"].map(kinds).fillna("person").isin(types)]
    used: set[int] = set()
    tp = 0
    for p in pred.itertuples():
        cand = gold[(gold["article_id"] == p.article_id) & (gold["actor_id"] == p.actor_id) & (gold["start_char"] < p.end_char) & (gold["end_char"] > p.start_char)]
        free = [i for i in cand.index if i not in used]
        if free:
            used.add(free[0])
            tp += 1
    precision = tp / len(pred) if len(pred) else 0.0
    recall = len(used) / len(gold) if len(gold) else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3), "tp": tp, "n_pred": len(pred), "n_gold": len(gold)}


def load_gold(path, corpus) -> pd.DataFrame:
    """Gold mentions (``source,start_char,end_char,surface,actor_id,kind,note``) with ``article_id``
    from the corpus' ``source`` column; rows whose ``surface`` no longer matches the text raise."""
    gold = pd.read_csv(path, keep_default_na=False)
    ids = dict(zip(corpus.ok["source"], corpus.ok["article_id"], strict=True))
    gold["article_id"] = gold["source"].map(ids)
    texts = dict(zip(corpus.ok["article_id"], corpus.ok["text"], strict=True))
    for r in gold.itertuples():
        if texts[r.article_id][r.start_char : r.end_char] != r.surface:
            raise ValueError(f"gold mention {r.surface!r} no longer at {r.start_char} in {r.source}: the cleaning changed")
    return gold


def gold_report(found: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Precision/recall/F1 against gold for person actors and for every actor type, as a table."""
    rows = [
        {"actors": "persons", **evaluate(found, gold, ("person",))},
        {"actors": "all types", **evaluate(found, gold, ("person", "institution", "state", "organisation"))},
    ]
    return pd.DataFrame(rows)
