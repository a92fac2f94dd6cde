"""``text.fold``: one output character per input character, the same as folding each character alone."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from diplolib.text import _fold_char, fold


def test_fold_examples():
    assert fold("Secrétaire d\u2019État") == "secretaire d'etat"
    assert fold("Sergueï Lavrov\u00a0\u2013 Kremlin") == "serguei lavrov - kremlin"


def test_fold_of_every_basic_plane_character_is_its_character_fold():
    chars = "".join(chr(i) for i in range(0x20, 0x10000) if not 0xD800 <= i < 0xE000)
    assert fold(chars) == "".join(_fold_char(c) for c in chars)


@given(st.text())
def test_fold_keeps_offsets(text):
    assert len(fold(text)) == len(text)
