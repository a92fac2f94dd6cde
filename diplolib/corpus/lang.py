"""Language of each article, by lingua (restricted to the languages a French-press corpus meets).

lingua-language-detector is accurate on short texts and runs offline (its
models ship in the wheel). Restricting it to a handful of candidate languages
keeps it fast and avoids exotic guesses on names-heavy sentences.

- :func:`detect` → per text: ISO 639-1 code of the most likely language (or
  ``None`` when no language reaches ``min_confidence``) and that confidence.
- :func:`mixed` → per text: the other language that fills a good share of its
  paragraphs (a French page quoting a long English statement, a bilingual page).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

#: Candidate languages (ISO 639-1): French plus the languages a French-press crawl picks up.
DEFAULT_LANGUAGES = ("fr", "en", "de", "es", "it", "pt", "ru", "uk")
#: Below this confidence the language is left undetermined (and the article kept).
MIN_CONFIDENCE = 0.5
#: Characters of each text the whole-article decision reads (the start says enough; keeps it cheap).
SAMPLE_CHARS = 1000
#: Characters of each paragraph the "mixed" check reads.
PARAGRAPH_SAMPLE_CHARS = 250
#: A paragraph counts towards "mixed" when it has this many characters and is this sure.
MIXED_MIN_CHARS = 60
MIXED_MIN_CONFIDENCE = 0.8
#: Share of the text's characters in another language that makes it "mixed".
MIXED_MIN_SHARE = 0.2


@functools.cache
def _detector(languages: tuple[str, ...]):
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    langs = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in languages]
    return LanguageDetectorBuilder.from_languages(*langs).build()


def _code(language) -> str:
    return language.iso_code_639_1.name.lower()


def detect(
    texts: Sequence[str], languages: Sequence[str] = DEFAULT_LANGUAGES, min_confidence: float = MIN_CONFIDENCE,
    sample_chars: int = SAMPLE_CHARS,
) -> list[tuple[str | None, float]]:
    """``(code, confidence)`` of each text's most likely language; ``(None, c)`` when ``c < min_confidence``.

    Confidence is lingua's relative confidence in 0..1, read on the first
    ``sample_chars`` characters. Empty texts give ``(None, 0.0)``.
    """
    if not texts:
        return []
    detector = _detector(tuple(languages))
    values = detector.compute_language_confidence_values_in_parallel([t[:sample_chars] for t in texts])
    out: list[tuple[str | None, float]] = []
    for text, ranked in zip(texts, values, strict=True):
        if not text.strip() or not ranked:
            out.append((None, 0.0))
            continue
        best = ranked[0]
        out.append((_code(best.language) if best.value >= min_confidence else None, float(best.value)))
    return out


def mixed(texts: Sequence[str], main: Sequence[str | None], languages: Sequence[str] = DEFAULT_LANGUAGES) -> list[tuple[str, float] | None]:
    """Per text: ``(other_code, share)`` when paragraphs in another language than ``main`` fill ≥ 20 % of it.

    Paragraphs are the blank-line-separated blocks of the clean text; only those
    of ≥ 60 characters detected (on their first 250) with ≥ 0.8 confidence
    count. ``share`` is their part of the text's characters.
    """
    blocks: list[tuple[int, str]] = []
    for i, text in enumerate(texts):
        blocks.extend((i, p) for p in text.split("\n\n") if len(p) >= MIXED_MIN_CHARS)
    found = detect([p for _, p in blocks], languages, MIXED_MIN_CONFIDENCE, PARAGRAPH_SAMPLE_CHARS) if blocks else []
    other: dict[int, dict[str, int]] = {}
    for (i, para), (code, _) in zip(blocks, found, strict=True):
        if code is not None and code != main[i]:
            other.setdefault(i, {}).setdefault(code, 0)
            other[i][code] += len(para)
    out: list[tuple[str, float] | None] = []
    for i, text in enumerate(texts):
        counts = other.get(i)
        if not counts:
            out.append(None)
            continue
        code, n = max(counts.items(), key=lambda kv: kv[1])
        share = n / max(len(text), 1)
        out.append((code, share) if share >= MIXED_MIN_SHARE else None)
    return out


def apply_language(frame, expected: str = "fr", languages: Sequence[str] = DEFAULT_LANGUAGES):
    """Fill ``lang`` of a :func:`~diplolib.corpus.read_corpus` frame; reject articles not in ``expected``.

    Rows already rejected are left alone. An article whose language is
    determined and is not ``expected`` becomes ``status="rejected"`` with
    reason ``language: en (0.98)`` (code, confidence), so later stages never
    annotate it with a model of the wrong language. Articles mostly in
    ``expected`` but with long paragraphs in another language get a
    ``mixed_language`` problem. Returns the same frame, modified.
    """
    todo = frame.index[frame["status"] != "rejected"]
    if len(todo) == 0:
        return frame
    texts = frame.loc[todo, "text"].fillna("").tolist()
    found = detect(texts, languages)
    codes = [code for code, _ in found]
    frame.loc[todo, "lang"] = codes
    for idx, (code, conf), share in zip(todo, found, mixed(texts, codes, languages), strict=True):
        problems = frame.at[idx, "problems"]
        if code is None:
            problems.append(f"language_undetermined (no language above {MIN_CONFIDENCE}; best {conf:.2f})")
        elif code != expected:
            reason = f"language: {code} ({conf:.2f})"
            frame.loc[idx, ["status", "reason", "article_id"]] = ["rejected", reason, ""]
            problems.append(f"language ({reason}; not analysed)")
            continue
        if share is not None:
            problems.append(f"mixed_language:{share[0]} {share[1]:.0%} (paragraphs in another language)")
    return frame
