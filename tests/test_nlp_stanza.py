"""stanza for real, offline: tiny French models trained by tests/fixtures/make_tiny_stanza.py,
loaded through the real ``stanza.Pipeline`` by diplolib's adapter."""

from __future__ import annotations

from pathlib import Path

import pytest
from stanza.utils.conll import CoNLL

from diplolib import annotate, read_corpus
from diplolib.nlp import resolve_engine, stanza_engine
from diplolib.nlp.cache import engine_key

from conftest import assert_offsets

ROOT = Path(__file__).resolve().parents[1]
TINY = ROOT / "tests" / "fixtures" / "stanza_fr"


@pytest.fixture(scope="module")
def gold_doc():
    return CoNLL.conll2doc(input_file=str(TINY / "sentences.conllu"))


@pytest.fixture(scope="module")
def texts(gold_doc):
    return [s.text for s in gold_doc.sentences]


@pytest.fixture(scope="module")
def tiny_ann(texts):
    return annotate(texts, engine="stanza", stanza_dir=TINY, cache_dir=None, quiet=True)


def test_auto_picks_stanza_when_models_are_present_else_spacy(tmp_path):
    assert stanza_engine.models_present(TINY)
    assert resolve_engine("auto", stanza_dir=TINY)["engine"] == "stanza"
    assert resolve_engine("auto", stanza_dir=tmp_path)["engine"] == "spacy"


def test_missing_models_raise_one_clear_error_naming_the_install_command(tmp_path):
    with pytest.raises(stanza_engine.StanzaModelsMissing, match="python -m diplolib models install"):
        stanza_engine.StanzaEngine(tmp_path)


def test_environment_variable_points_to_the_models(monkeypatch):
    monkeypatch.setenv("DIPLOLIB_STANZA_DIR", str(TINY))
    assert stanza_engine.model_dir() == TINY
    assert resolve_engine("auto")["engine"] == "stanza"


def test_adapter_keeps_every_word_lemma_tag_and_head(tiny_ann, gold_doc):
    gold = [(w.text, w.lemma, w.upos, w.head, w.deprel) for s in gold_doc.sentences for w in s.words]
    ours = list(tiny_ann.tokens[["word", "lemma", "upos", "head", "deprel"]].astype({"upos": str, "deprel": str}).itertuples(index=False, name=None))
    assert ours == gold  # the tiny models reproduce their training data exactly


def test_adapter_keeps_multi_word_tokens_with_their_surface(tiny_ann, gold_doc):
    gold_mwt = [t.text for s in gold_doc.sentences for t in s.tokens if len(t.words) > 1]
    tokens = tiny_ann.tokens
    pairs = tokens[tokens["mwt"] != ""].groupby(["article_id", "start_char"], sort=False)["word"].agg(list)
    assert len(pairs) == len(gold_mwt) > 0
    assert {"de le", "à le"} <= {" ".join(w) for w in pairs}
    assert sorted(tokens.loc[tokens["mwt"] != "", "mwt"].drop_duplicates()) == sorted(set(gold_mwt))


def test_adapter_keeps_offsets_and_entities(tiny_ann, texts, gold_doc):
    from diplolib.corpus import article_id

    by_id = {article_id(t): t for t in texts}
    for row in tiny_ann.tokens.itertuples():
        assert by_id[row.article_id][row.start_char : row.end_char] == (row.mwt or row.word)
    gold_ents = _ents(gold_doc)
    ours = list(tiny_ann.entities[["text", "label"]].astype(str).itertuples(index=False, name=None))
    assert ours == gold_ents and any(label == "PER" for _, label in ours)
    for row in tiny_ann.entities.itertuples():
        assert by_id[row.article_id][row.start_char : row.end_char] == row.text


def _ents(doc):
    """Entities of the hand-written training CoNLL-U (BIOES tags in MISC ``NER=``)."""
    out = []
    for sent in doc.sentences:
        current, label = "", None
        for token in sent.tokens:
            misc = dict(p.split("=", 1) for p in (token.misc or "").split("|") if "=" in p)
            tag = misc.get("NER", "O")
            glue = "" if misc.get("SpaceAfter") == "No" else " "
            if tag.startswith(("B-", "S-")):
                current, label = token.text + glue, tag[2:]
            elif tag.startswith(("I-", "E-")):
                current += token.text + glue
            if tag.startswith(("E-", "S-")):
                out.append((current.strip(), label))
    return out


def test_offsets_hold_on_every_seed_with_stanza():
    seeds = read_corpus(ROOT / "data" / "raw")
    ann = annotate(seeds, engine="stanza", stanza_dir=TINY, cache_dir=None, quiet=True)
    texts = dict(zip(seeds["article_id"], seeds["text"], strict=True))
    assert set(ann.article_ids) == set(texts)
    assert_offsets(ann, texts)
    assert ann.meta["engine"] == "stanza"


def test_stanza_and_spacy_caches_are_separate(tmp_path, texts, capsys):
    annotate(texts[:3], engine="stanza", stanza_dir=TINY, cache_dir=tmp_path)
    annotate(texts[:3], engine="spacy", cache_dir=tmp_path)
    out = capsys.readouterr().out
    assert out.count("0 cached, 3 to annotate") == 2  # a different engine annotates again
    folders = sorted(p.name for p in tmp_path.iterdir())
    assert folders == sorted([engine_key(resolve_engine("stanza", stanza_dir=TINY)), engine_key(resolve_engine("spacy"))])
