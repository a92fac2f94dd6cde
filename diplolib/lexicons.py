"""Tone dictionaries: the project lexicon and loaders for user-supplied ones.

A :class:`Lexicon` maps *terms* to a score in **−1 … +1** and finds them in a
sentence, longest match first, without overlaps.

- Terms are sequences of one or more elements. An element is matched against a
  token's *keys* (:func:`token_keys`): its lowercased lemma, its lowercased
  surface and, for adjectives and participles, the surface reduced to the
  masculine singular (spaCy lemmatises *tendues* to ``tendre``; the lexicon
  lists ``tendu``). An element ending in ``*`` is a prefix (Lexicoder globs:
  ``abandon*``).
- The project lexicon (``data/reference/tone_lexicon.csv``, see
  ``tone_lexicon.md``) is written in lemmas with articles written out
  (*levée des sanctions* → ``levée de le sanction``), which is what the
  annotation tables hold: contractions are split into two words (``de`` +
  ``le``) by both engines. Its integer scores −3 … +3 are **divided by 3**, so
  ``invasion`` (−3) weighs −1.0, ``tension`` (−1) −0.333, ``paix`` (+3) +1.0.
  Score-0 entries (category ``uncertainty``) are kept as *cues*: they carry no
  tone, and :mod:`diplolib.tone` uses them to damp nearby hits.
- External dictionaries (not shipped; bring your own file): Lexicoder ``.lc3``
  and WordStat-style ``.cat`` files (:func:`from_lexicoder`), FEEL-style
  semicolon-separated CSV (:func:`from_feel`). Their entries are word forms, so
  they match token surfaces; polarity categories become ±1.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from diplolib.reference import read_table

#: Scores of ``tone_lexicon.csv`` are integers −3 … +3; divided by this to get −1 … +1.
PROJECT_SCALE = 3.0

_APOSTROPHE_SPLIT = re.compile(r"(?<=')")


@dataclass(frozen=True)
class Entry:
    """One dictionary term.

    ``term``: the term as written in its source; ``elements``: the lowercased
    elements matched token by token (``"*"``-suffixed ones are prefixes);
    ``score``: normalised weight in −1 … +1; ``raw``: the score as given in the
    source; ``category``: source category (``conflict``, ``uncertainty``,
    ``NEGATIVE``…); ``pos``: part of speech when the source gives one.
    """

    term: str
    elements: tuple[str, ...]
    score: float
    raw: float
    category: str = ""
    pos: str = ""

    @property
    def is_cue(self) -> bool:
        """True for score-0 entries (hedges / uncertainty markers): no tone of their own."""
        return self.score == 0


@dataclass(frozen=True)
class Match:
    """A term found in a sentence: tokens ``start`` … ``end - 1`` (0-based) and the entry."""

    start: int
    end: int
    entry: Entry


@dataclass
class Lexicon:
    """A tone dictionary with longest-first matching on token keys.

    Build it with :func:`load_lexicon`, :func:`from_lexicoder`,
    :func:`from_feel` or :meth:`from_entries`; combine two with :meth:`merge`.
    """

    name: str
    entries: list[Entry]
    _exact: dict[str, list[Entry]] = field(default_factory=dict, repr=False)
    _prefix: dict[str, list[Entry]] = field(default_factory=dict, repr=False)
    _prefix_lengths: tuple[int, ...] = field(default=(), repr=False)
    _single: dict[str, Entry] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        exact: dict[str, list[Entry]] = {}
        prefix: dict[str, list[Entry]] = {}
        for entry in self.entries:
            first = entry.elements[0]
            if first.endswith("*") and len(first) > 1:
                prefix.setdefault(first[:-1], []).append(entry)
            else:
                exact.setdefault(first, []).append(entry)
            if len(entry.elements) == 1 and not first.endswith("*"):
                self._single.setdefault(first, entry)
        # Longest terms first so the first complete match at a position is the longest.
        for bucket in (*exact.values(), *prefix.values()):
            bucket.sort(key=lambda e: -len(e.elements))
        self._exact, self._prefix = exact, prefix
        self._prefix_lengths = tuple(sorted({len(p) for p in prefix}, reverse=True))

    @classmethod
    def from_entries(cls, name: str, entries: Iterable[Entry]) -> Lexicon:
        """A lexicon from entries; a later duplicate of the same elements is dropped."""
        seen: dict[tuple[str, ...], Entry] = {}
        for e in entries:
            seen.setdefault(e.elements, e)
        return cls(name, list(seen.values()))

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, term: str) -> bool:
        return tuple(split_term(term)) in {e.elements for e in self.entries}

    def get(self, term: str) -> Entry | None:
        """The entry whose elements equal those of ``term`` (None if absent)."""
        key = tuple(split_term(term))
        for e in self._exact.get(key[0], []) + self._prefix.get(key[0].rstrip("*"), []):
            if e.elements == key:
                return e
        return None

    @property
    def single(self) -> dict[str, float]:
        """Single-element exact terms → normalised score."""
        return {k: e.score for k, e in self._single.items()}

    @property
    def multi(self) -> dict[tuple[str, ...], float]:
        """Multi-element terms (element tuple) → normalised score."""
        return {e.elements: e.score for e in self.entries if len(e.elements) > 1}

    def merge(self, other: Lexicon, name: str | None = None) -> Lexicon:
        """Entries of both; on the same term this lexicon's entry wins."""
        return Lexicon.from_entries(name or f"{self.name}+{other.name}", [*self.entries, *other.entries])

    # ----------------------------------------------------------------- matching

    def _candidates(self, keys: Sequence[str]) -> list[Entry]:
        found: list[Entry] = []
        for key in keys:
            found += self._exact.get(key, [])
            for n in self._prefix_lengths:
                if len(key) >= n:
                    found += self._prefix.get(key[:n], [])
        return found

    def match(self, token_keys: Sequence[Sequence[str]]) -> list[Match]:
        """Non-overlapping matches in a sentence, scanning left to right, longest first.

        ``token_keys[i]`` holds the keys of token ``i`` in priority order (see
        :func:`token_keys`). For single-token terms the first key with an entry
        wins, so a lemma beats a surface form.
        """
        out: list[Match] = []
        i, n = 0, len(token_keys)
        while i < n:
            best: Entry | None = None
            for entry in self._candidates(token_keys[i]):
                size = len(entry.elements)
                if i + size > n or (best is not None and size <= len(best.elements)):
                    continue
                if all(_element_matches(el, token_keys[i + j]) for j, el in enumerate(entry.elements)):
                    best = entry
            if best is None:
                i += 1
                continue
            if len(best.elements) == 1:
                best = self._single_by_priority(token_keys[i]) or best
            out.append(Match(i, i + len(best.elements), best))
            i += len(best.elements)
        return out

    def _single_by_priority(self, keys: Sequence[str]) -> Entry | None:
        for key in keys:
            if key in self._single:
                return self._single[key]
        return None


def _element_matches(element: str, keys: Sequence[str]) -> bool:
    if element.endswith("*") and len(element) > 1:
        stem = element[:-1]
        return any(k.startswith(stem) for k in keys)
    return element in keys


def split_term(term: str) -> list[str]:
    """Lowercased elements of a term: split on spaces and after apostrophes (``d'accord`` → ``d'``, ``accord``)."""
    parts: list[str] = []
    for chunk in term.strip().lower().replace("\u2019", "'").split():
        parts += [p for p in _APOSTROPHE_SPLIT.split(chunk) if p]
    return parts


_PARTICIPLE = re.compile(r"VerbForm=Part")


def token_keys(word: str, lemma: str, upos: str = "", feats: str = "") -> tuple[str, ...]:
    """Keys a token is matched on, in priority order: lemma, surface, reduced surface.

    The reduced surface is the masculine singular of an adjective or past
    participle obtained by stripping a final ``s`` then ``e`` (*tendues* →
    *tendue* → *tendu*), because lemmatisers often map participial adjectives to
    the infinitive. Everything is lowercased; apostrophes are unified.
    """
    lem = lemma.lower().replace("\u2019", "'")
    w = word.lower().replace("\u2019", "'")
    keys = [lem] if lem else []
    if w not in keys:
        keys.append(w)
    if upos == "ADJ" or (upos == "VERB" and _PARTICIPLE.search(feats or "")):
        r = w[:-1] if w.endswith("s") and len(w) > 3 else w
        for cand in (r, r[:-1] if r.endswith("e") and len(r) > 3 else r):
            if cand not in keys:
                keys.append(cand)
    return tuple(keys)


# --------------------------------------------------------------------------- loaders


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """The project lexicon (``tone_lexicon.csv``, or a file with the same columns).

    Columns: ``term`` (lemma or space-separated lemma sequence), ``score``
    (integer −3 … +3), ``category``, ``pos``, ``notes``. Scores are divided by
    :data:`PROJECT_SCALE` (3) to lie in −1 … +1.
    """
    import pandas as pd

    if path is None:
        table = read_table("tone_lexicon.csv")
        name = "tone_lexicon"
    else:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        name = Path(path).stem
    missing = {"term", "score"} - set(table.columns)
    if missing:
        raise ValueError(f"lexicon file lacks columns {sorted(missing)}")
    entries = []
    for row in table.itertuples(index=False):
        raw = float(row.score)
        elements = tuple(split_term(row.term))
        if not elements:
            continue
        entries.append(Entry(row.term, elements, max(-1.0, min(1.0, raw / PROJECT_SCALE)), raw,
                             getattr(row, "category", ""), getattr(row, "pos", "")))
    return Lexicon.from_entries(name, entries)


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def default_polarity(category: str) -> float | None:
    """±1 for a polarity category name, None for anything else.

    ``NEG_POSITIVE`` (negated positive phrases in the Lexicoder Sentiment
    Dictionary) → −1, ``NEG_NEGATIVE`` → +1, names containing ``neg`` → −1,
    ``pos`` → +1.
    """
    c = category.strip().lower()
    if c.startswith("neg_") or c.startswith("neg-"):
        rest = c[4:]
        if rest.startswith("pos"):
            return -1.0
        if rest.startswith("neg"):
            return 1.0
    if "neg" in c:
        return -1.0
    if "pos" in c:
        return 1.0
    return None


_CAT_WEIGHT = re.compile(r"\s*\(\s*[-+]?\d+(?:\.\d+)?\s*\)\s*$")


def parse_lexicoder(text: str) -> list[tuple[str, str]]:
    """``(category, entry)`` pairs of a Lexicoder ``.lc3`` or WordStat ``.cat`` text.

    - ``.lc3``: a category line starts with ``+`` (``+NEGATIVE``); the entries
      follow, one per line, usually tab-indented.
    - ``.cat``: a category line is *less indented* than the lines after it
      (``NEGATIVE`` then ``\\tABANDON* (1)``); a trailing ``(weight)`` is
      dropped. Nested categories keep the innermost name.

    Entries may be multi-word phrases and may end with ``*`` (prefix glob).
    Blank lines and ``#`` comments are skipped.
    """
    lines = [ln.rstrip("\r\n") for ln in text.splitlines()]
    lines = [ln for ln in lines if ln.strip() and not ln.strip().startswith("#")]
    if any(ln.lstrip().startswith("+") for ln in lines):
        out, category = [], ""
        for ln in lines:
            s = ln.strip()
            if s.startswith("+"):
                category = s[1:].strip()
            elif category:
                out.append((category, _CAT_WEIGHT.sub("", s)))
        return out

    def indent(ln: str) -> int:
        return len(ln.expandtabs(4)) - len(ln.expandtabs(4).lstrip())

    out, stack = [], []  # stack of (indent, category)
    for i, ln in enumerate(lines):
        level = indent(ln)
        nxt = indent(lines[i + 1]) if i + 1 < len(lines) else -1
        while stack and stack[-1][0] >= level:
            stack.pop()
        s = ln.strip()
        if nxt > level:
            stack.append((level, _CAT_WEIGHT.sub("", s)))
        elif stack:
            out.append((stack[-1][1], _CAT_WEIGHT.sub("", s)))
    return out


def from_lexicoder(path: str | Path, mapping: Mapping[str, float] | None = None, name: str | None = None) -> Lexicon:
    """Load a Lexicoder ``.lc3`` / WordStat ``.cat`` dictionary (format: :func:`parse_lexicoder`).

    ``mapping``: category name (case-insensitive) → score in −1 … +1; categories
    not in it are skipped. Default: :func:`default_polarity` (``NEGATIVE`` → −1,
    ``POSITIVE`` → +1, ``NEG_POSITIVE`` → −1, ``NEG_NEGATIVE`` → +1). Entries are
    word forms (lowercased), matched on token surfaces and lemmas.
    """
    path = Path(path)
    lookup = {k.lower(): float(v) for k, v in mapping.items()} if mapping is not None else None
    entries = []
    for category, term in parse_lexicoder(_read_text(path)):
        score = lookup.get(category.lower()) if lookup is not None else default_polarity(category)
        elements = tuple(split_term(term))
        if score is None or not elements:
            continue
        entries.append(Entry(term, elements, max(-1.0, min(1.0, score)), score, category))
    return Lexicon.from_entries(name or path.stem, entries)


_POLARITY = {
    "positive": 1.0, "pos": 1.0, "+": 1.0, "+1": 1.0, "1": 1.0, "positif": 1.0,
    "negative": -1.0, "neg": -1.0, "-": -1.0, "-1": -1.0, "négatif": -1.0, "negatif": -1.0,
    "neutral": 0.0, "neutre": 0.0, "0": 0.0,
}


def _polarity(value: str) -> float | None:
    v = value.strip().lower()
    if v in _POLARITY:
        return _POLARITY[v]
    try:
        return max(-1.0, min(1.0, float(v.replace(",", "."))))
    except ValueError:
        return None


def from_feel(path: str | Path, sep: str = ";", word_column: str | None = None,
              polarity_column: str | None = None, name: str | None = None) -> Lexicon:
    """Load a FEEL-style CSV: ``id;word;polarity;…`` (with header) or ``word;polarity``.

    Columns are found by header name (``word``/``term``/``mot`` and
    ``polarity``/``polarité``/``score``) or given explicitly; without a header,
    two columns mean ``word;polarity`` and three or more ``id;word;polarity``.
    Polarity ``positive``/``negative`` (also ``pos``/``neg``, ±1, or a number in
    −1 … +1) becomes ±1; neutral rows are dropped. Words are matched on surfaces
    and lemmas; multi-word entries token by token.
    """
    path = Path(path)
    rows = list(csv.reader(io.StringIO(_read_text(path)), delimiter=sep))
    rows = [r for r in rows if any(c.strip() for c in r)]
    if not rows:
        return Lexicon(name or path.stem, [])
    header = [c.strip().lower() for c in rows[0]]
    word_names = [word_column.lower()] if word_column else ["word", "term", "mot", "terme", "lemma"]
    pol_names = [polarity_column.lower()] if polarity_column else ["polarity", "polarité", "polarite", "score", "valence"]
    wi = next((header.index(n) for n in word_names if n in header), None)
    pi = next((header.index(n) for n in pol_names if n in header), None)
    if wi is not None and pi is not None:
        body = rows[1:]
    else:
        wi, pi = (0, 1) if len(rows[0]) == 2 else (1, 2)
        body = rows if _polarity(rows[0][pi] if len(rows[0]) > pi else "") is not None else rows[1:]
    entries = []
    for r in body:
        if len(r) <= max(wi, pi):
            continue
        score = _polarity(r[pi])
        elements = tuple(split_term(r[wi]))
        if not score or not elements:
            continue
        entries.append(Entry(r[wi].strip(), elements, score, score, "positive" if score > 0 else "negative"))
    return Lexicon.from_entries(name or path.stem, entries)


_DEFAULT: dict[str, Lexicon] = {}


def project_lexicon() -> Lexicon:
    """The project lexicon, loaded once per reference file version."""
    from diplolib.reference import reference_file

    path = reference_file("tone_lexicon.csv")
    stamp = f"{path}:{path.stat().st_mtime_ns}"
    if stamp not in _DEFAULT:
        _DEFAULT.clear()
        _DEFAULT[stamp] = load_lexicon()
    return _DEFAULT[stamp]


def as_lexicon(lexicon: Lexicon | str | Path | None) -> Lexicon:
    """``None`` → the project lexicon; a path → loaded by extension (``.lc3``/``.cat``,
    ``.csv`` with a ``term,score`` header, other CSV as FEEL); a Lexicon as is."""
    if lexicon is None:
        return project_lexicon()
    if isinstance(lexicon, Lexicon):
        return lexicon
    path = Path(lexicon)
    if path.suffix.lower() in (".lc3", ".cat"):
        return from_lexicoder(path)
    head = _read_text(path).splitlines()[0].lower() if path.exists() else ""
    if head.replace(" ", "").startswith("term,score"):
        return load_lexicon(path)
    return from_feel(path)


__all__ = [
    "PROJECT_SCALE", "Entry", "Lexicon", "Match", "as_lexicon", "default_polarity", "from_feel",
    "from_lexicoder", "load_lexicon", "parse_lexicoder", "project_lexicon", "split_term", "token_keys",
]
