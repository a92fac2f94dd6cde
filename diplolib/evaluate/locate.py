"""Find a hand-copied fragment in a clean article text, tolerant of typography.

Gold fragments are exact substrings of the *raw* page text; the pipeline's
clean text may differ in quotes, dashes, spaces and repaired mojibake. The
search compares letters and digits only (accents and case folded), then maps
the hit back to offsets in the clean text.
"""

from __future__ import annotations

import unicodedata


def _skeleton(text: str) -> tuple[str, list[int]]:
    """Lower-case unaccented letters/digits of ``text`` and the offset of each."""
    chars, offsets = [], []
    for i, ch in enumerate(text):
        for c in unicodedata.normalize("NFKD", ch):
            if c.isalnum():
                chars.append(c.lower())
                offsets.append(i)
    return "".join(chars), offsets


class Locator:
    """Offsets of fragments in one text: ``Locator(text).find(fragment) -> (start, end) | None``."""

    def __init__(self, text: str):
        self.text = text
        self.skeleton, self.offsets = _skeleton(text)

    def find(self, fragment: str) -> tuple[int, int] | None:
        """``(start_char, end_char)`` of ``fragment`` in the text, or None when absent."""
        key, _ = _skeleton(fragment)
        if not key:
            return None
        at = self.skeleton.find(key)
        if at < 0:
            return None
        return self.offsets[at], self.offsets[at + len(key) - 1] + 1


def fold(text: str) -> str:
    """Lower case, accents removed, typographic apostrophes made ASCII, spaces squashed."""
    text = unicodedata.normalize("NFKD", str(text).replace("\u2019", "'").replace("\u02bc", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(text.split())
