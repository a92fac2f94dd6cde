"""The design's engine: stanza's French pipeline, loaded offline.

Models are never downloaded implicitly (``download_method=None``). They are
found, in order, in: the ``model_dir`` argument, the ``DIPLOLIB_STANZA_DIR``
environment variable, stanza's own resources folder (``~/stanza_resources``
or ``$STANZA_RESOURCES_DIR``). A folder is either stanza's layout
(``resources.json`` + ``fr/<processor>/<package>.pt``, what
``python -m diplolib models install`` writes) or a flat folder of
``tokenize.pt mwt.pt pos.pt lemma.pt depparse.pt ner.pt pretrain.pt`` files
(what ``tests/fixtures/make_tiny_stanza.py`` writes). Explicit
per-processor paths (``tokenize_model_path=…``) override both.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

from diplolib.nlp.schema import ParsedSentence, ParsedWord

PROCESSORS = "tokenize,mwt,pos,lemma,depparse,ner"
INSTALL_HINT = "python -m diplolib models install   (needs internet; ~620 MB from HuggingFace)"

#: Flat-folder file names → stanza Pipeline keyword arguments.
FLAT_FILES = {
    "tokenize.pt": ["tokenize_model_path"],
    "mwt.pt": ["mwt_model_path"],
    "pos.pt": ["pos_model_path"],
    "lemma.pt": ["lemma_model_path"],
    "depparse.pt": ["depparse_model_path"],
    "ner.pt": ["ner_model_path"],
    "pretrain.pt": ["pos_pretrain_path", "depparse_pretrain_path", "ner_pretrain_path"],
}


class StanzaModelsMissing(RuntimeError):
    """Raised when stanza's French models are not on this machine."""


def default_model_dir() -> Path:
    """stanza's own resources folder (honours ``STANZA_RESOURCES_DIR``)."""
    env = os.environ.get("STANZA_RESOURCES_DIR")
    return Path(env) if env else Path.home() / "stanza_resources"


def model_dir(explicit: str | Path | None = None) -> Path:
    """The folder searched for models: argument, ``DIPLOLIB_STANZA_DIR``, stanza's default."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("DIPLOLIB_STANZA_DIR")
    return Path(env) if env else default_model_dir()


def flat_paths(folder: Path) -> dict[str, str]:
    """Pipeline kwargs for a flat folder of ``<processor>.pt`` files (missing ones skipped)."""
    kwargs: dict[str, str] = {}
    for name, keys in FLAT_FILES.items():
        if (folder / name).exists():
            for key in keys:
                kwargs[key] = str(folder / name)
    return kwargs


def models_present(folder: str | Path | None = None) -> bool:
    """True when French models for all six processors are in ``folder`` (see :func:`model_dir`)."""
    path = model_dir(folder)
    if all((path / name).exists() for name in FLAT_FILES):
        return True
    resources = path / "resources.json"
    if not resources.exists() or not (path / "fr").is_dir():
        return False
    return all(any((path / "fr" / proc).glob("*.pt")) for proc in PROCESSORS.split(","))


def _resources_version(folder: Path) -> str:
    """Identity of installed models: hash of stanza's ``resources.json``."""
    try:
        return "resources-" + hashlib.sha256((folder / "resources.json").read_bytes()).hexdigest()[:12]
    except OSError:
        return ""


def describe(folder: str | Path | None = None, model_paths: dict | None = None) -> dict:
    """Engine/model identity without loading the models (used as the cache key)."""
    import stanza

    path = model_dir(folder)
    if model_paths:
        model = "custom:" + ",".join(sorted(Path(p).name for p in model_paths.values()))
        version = ""
    elif all((path / name).exists() for name in FLAT_FILES):
        model = f"flat:{path.name}"
        version = str(int(max((path / n).stat().st_mtime for n in FLAT_FILES)))
    else:
        model = "fr-default"
        version = _resources_version(path)
    return {"engine": "stanza", "engine_version": stanza.__version__, "model": model, "model_version": version}


class StanzaEngine:
    """stanza ``Pipeline`` (tokenize, mwt, pos, lemma, depparse, ner) behind the schema."""

    name = "stanza"

    def __init__(self, folder: str | Path | None = None, model_paths: dict | None = None, threads: int | None = None) -> None:
        import stanza
        import torch

        # Deliberate thread count: one process, `threads` intra-op threads (default: all cores).
        torch.set_num_threads(max(1, threads or os.cpu_count() or 1))
        path = model_dir(folder)
        kwargs: dict = {
            "lang": "fr",
            "processors": PROCESSORS,
            "download_method": None,
            "dir": str(path),
            "use_gpu": False,
            "logging_level": "WARN",
        }
        if all((path / name).exists() for name in FLAT_FILES):
            kwargs.update(flat_paths(path))
        kwargs.update(model_paths or {})
        if not model_paths and not models_present(path):
            raise StanzaModelsMissing(
                f"stanza French models not found in {path}. Install them with:\n    {INSTALL_HINT}\n"
                "or point DIPLOLIB_STANZA_DIR to a folder holding them, or use engine='spacy'."
            )
        try:
            self.nlp = stanza.Pipeline(**kwargs)
        except Exception as exc:  # stanza raises several types for missing/bad files
            raise StanzaModelsMissing(
                f"stanza could not load French models from {path}: {exc}\nInstall them with:\n    {INSTALL_HINT}"
            ) from exc
        self._info = describe(folder, model_paths)

    def info(self) -> dict:
        """Engine name/version and model name/version."""
        return dict(self._info)

    def parse_blocks(self, texts: list[str], workers: int = 1, batch: int = 32) -> Iterator[list[ParsedSentence]]:
        """Parse blocks in bulk: lists of ``stanza.Document`` through one pipeline call each batch."""
        import stanza

        texts = list(texts)
        for i in range(0, len(texts), batch):
            docs = [stanza.Document([], text=t) for t in texts[i : i + batch]]
            for doc in self.nlp(docs):
                yield document_sentences(doc)


def document_sentences(doc) -> list[ParsedSentence]:
    """Convert a processed ``stanza.Document`` into schema sentences."""
    out: list[ParsedSentence] = []
    for sent in doc.sentences:
        words: list[ParsedWord] = []
        for token in sent.tokens:
            mwt = token.text if len(token.words) > 1 else ""
            for word in token.words:
                words.append(
                    ParsedWord(
                        word=word.text,
                        lemma=word.lemma or word.text,
                        upos=word.upos or "X",
                        feats=word.feats or "",
                        head=int(word.head or 0),
                        deprel=word.deprel or "dep",
                        start=token.start_char,
                        end=token.end_char,
                        ner=token.ner or "O",
                        mwt=mwt,
                    )
                )
        ents = [(e.start_char, e.end_char, e.type) for e in sent.ents]
        out.append(ParsedSentence(words, ents))
    return out
