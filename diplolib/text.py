"""Small text helpers shared by every stage: folding for matching, normalisation.

Nothing here knows about articles or files; :mod:`diplolib.corpus` uses these to
clean raw text and :mod:`diplolib.actors` / :mod:`diplolib.tone` to match
reference phrases accent- and case-insensitively.
"""

from __future__ import annotations

import functools
import re
import unicodedata

#: Every character that French web text uses for an apostrophe; normalised to "'".
APOSTROPHES = "\u2019\u2018\u02bc\u00b4\u0060\u2032\uff07"
#: Curly/low double quotes normalised to '"'. French guillemets « » are kept as they are.
DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033"
#: Spaces that become a plain space (no-break, narrow no-break, thin, figure, ideographic...).
ODD_SPACES = "\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u2008\u3000"
#: Characters deleted outright (zero-width, soft hyphen, BOM inside text).
INVISIBLES = "\u200b\u200c\u200d\u2060\ufeff\u00ad"

_TRANSLATE = {ord(c): "'" for c in APOSTROPHES}
_TRANSLATE.update({ord(c): '"' for c in DOUBLE_QUOTES})
_TRANSLATE.update({ord(c): " " for c in ODD_SPACES})
_TRANSLATE.update({ord(c): None for c in INVISIBLES})
# Dashes used as hyphens inside words stay; the minus/hyphen variants become "-".
_TRANSLATE.update({ord(c): "-" for c in "\u2010\u2011\u2212"})


def normalise_typography(text: str) -> str:
    """NFC-normalise ``text`` and unify apostrophes, double quotes and odd spaces.

    The result has the same words as the input: only the code points of
    apostrophes (→ ``'``), curly double quotes (→ ``"``), non-breaking and
    other exotic spaces (→ space) change, and invisible characters
    (zero-width space, soft hyphen, stray BOM) are dropped.
    """
    return unicodedata.normalize("NFC", text).translate(_TRANSLATE)


def strip_accents(text: str) -> str:
    """Remove combining accents (``"Sergueï"`` → ``"Sergueï"`` without the diaeresis).

    Length is *not* preserved for decomposed inputs; use :func:`fold` for
    offset-preserving matching.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in APOSTROPHES:
        return "'"
    if ch in DOUBLE_QUOTES:
        return '"'
    if ch in ODD_SPACES or ch in INVISIBLES:
        return " "
    if ch in "\u2010\u2011\u2212\u2013\u2014":
        return "-"
    base = strip_accents(ch).lower()
    return base[0] if base else ch


class _FoldTable(dict):
    """``str.translate`` table of :func:`_fold_char`, filled the first time a code point is met."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Case- and accent-fold ``text`` while keeping one output char per input char.

    Offsets found in the folded string are valid in the original, which is what
    gazetteer and lexicon matching need. Apostrophes, quotes and dashes are
    unified too. ``fold("Secrétaire d’État")`` → ``"secretaire d'etat"``.
    One ``str.translate`` pass (in C) with a table of :func:`_fold_char`.
    """
    return text.translate(_FOLD_TABLE)


_WS = re.compile(r"\s+")


def squash_spaces(text: str) -> str:
    """Collapse runs of whitespace into a single space and strip the ends."""
    return _WS.sub(" ", text).strip()


def fold_phrase(text: str) -> str:
    """Fold a reference phrase for dictionary keys: :func:`fold` plus squashed spaces."""
    return squash_spaces(fold(text))
