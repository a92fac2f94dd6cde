"""Raw bytes → text: BOMs, UTF-8/16/32, Windows-1252, and the rejection of binary files."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field


@dataclass
class Decoded:
    """Result of :func:`decode_bytes`: the text, or why there is none."""

    text: str | None
    problems: list[str] = field(default_factory=list)
    rejection: str | None = None


_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
]
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _looks_utf16le(data: bytes) -> bool:
    """UTF-16-LE without BOM: mostly-zero odd bytes (Latin text), even length."""
    if len(data) < 4 or len(data) % 2:
        return False
    odd_zero = data[1::2].count(0) / (len(data) // 2)
    even_zero = data[0::2].count(0) / (len(data) // 2)
    return odd_zero > 0.6 and even_zero < 0.05


def decode_bytes(data: bytes) -> Decoded:
    """Decode raw bytes: BOMs (UTF-8/16/32), UTF-8, then cp1252, else reject.

    Trailing NUL bytes (padding) are removed and flagged ``nul_padding``.
    Rejections: ``empty`` (no non-space content), ``binary`` (NUL bytes inside
    the data, or many control characters), ``undecodable`` (neither UTF-8 nor cp1252 with at most
    a handful of bad bytes).
    """
    problems: list[str] = []
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError:
                return Decoded(None, rejection=f"undecodable: invalid {label} after its BOM")
            if label != "utf-8-sig":
                problems.append(f"encoding:{label}")
            break
    else:
        padded = data.rstrip(b"\x00")
        if b"\x00" in data and b"\x00" not in padded:
            # NUL padding after the text (fixed-size export buffers, truncated copies): drop it, keep the text.
            problems.append(f"nul_padding:{len(data) - len(padded)} (trailing NUL bytes removed)")
            data = padded
        if b"\x00" in data:
            if _looks_utf16le(data):
                try:
                    text = data.decode("utf-16-le")
                    problems.append("encoding:utf-16-le-no-bom")
                except UnicodeDecodeError:
                    return Decoded(None, rejection="binary: NUL bytes")
            else:
                return Decoded(None, rejection="binary: NUL bytes (not a text file)")
        else:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                try:
                    text = data.decode("cp1252")
                    problems.append("encoding:cp1252 (not valid UTF-8; read as Windows-1252)")
                except UnicodeDecodeError:
                    text = data.decode("cp1252", errors="replace")
                    bad = text.count("\ufffd")
                    if bad > max(3, len(text) // 1000):
                        return Decoded(None, rejection=f"undecodable: {bad} bytes fit no encoding")
                    problems.append(f"undecodable_bytes:{bad} (replaced by U+FFFD)")
    if not text.strip():
        return Decoded(None, problems, rejection="empty: no text")
    n_control = len(_CONTROL.findall(text))
    if n_control > max(2, len(text) // 500):
        return Decoded(None, problems, rejection=f"binary: {n_control} control characters")
    if n_control:
        text = _CONTROL.sub(" ", text)
        problems.append(f"control_chars:{n_control} (replaced by spaces)")
    return Decoded(text, problems)
