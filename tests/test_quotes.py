"""Reported speech: quote marks, speakers via the speech verb and the mention table, seeds."""

from __future__ import annotations

import pandas as pd
import pytest

from diplolib import quotes
from diplolib.actors import mentions as find_mentions

from tone_support import corpus_of, dates_for, rows_of, seeds

PESKOV = "«Les positions divergent», a estimé Dmitri Peskov."
MINISTRY = ("Le ministère russe des Affaires étrangères a confirmé la visite. "
            "\"Nous attendons de cette visite qu'elle aide à la normalisation des relations\", a indiqué le ministère russe.")
SELON = "Selon le Kremlin, la rencontre a été constructive."
SPOKESMAN = "«Le travail est en cours», a déclaré le porte-parole du Kremlin, Dmitri Peskov."
TWO_SENTENCES = "«Le travail est en cours. Il s'agit d'une visioconférence», a déclaré à la presse le porte-parole du Kremlin, Dmitri Peskov."
INDIRECT = "Le chef de la diplomatie russe Sergueï Lavrov a affirmé que les relations étaient tendues."
PRONOUN = ("Selon le conseiller du Kremlin Iouri Ouchakov, «la date concrète a déjà été fixée». "
           "«Nous sommes proches d'un accord», a-t-il affirmé à la presse.")
ACCUSING = "Les tensions se sont multipliées, Washington accusant Moscou de préparer une invasion de ce pays."
INCISE = "Les positions divergent, a estimé Dmitri Peskov."
CHAIN = "« Nous avons annoncé la réunion », \"Nous sommes déterminés\", a déclaré Sergueï Lavrov."
SHORT = "Antony Blinken a averti Moscou des « coûts sévères » d'une invasion."
NARRATION = "Les diplomates arrivent jeudi à Istanbul."

TEXTS = (PESKOV, MINISTRY, SELON, SPOKESMAN, TWO_SENTENCES, INDIRECT, PRONOUN, ACCUSING, INCISE, CHAIN, SHORT, NARRATION)


@pytest.fixture(scope="module")
def corpus():
    return corpus_of(TEXTS)


@pytest.fixture(scope="module")
def found(corpus):
    return quotes.extract(corpus, mentions=find_mentions(corpus, dates=dates_for(corpus)))


def test_columns(found):
    assert list(found.columns) == quotes.QUOTE_COLUMNS
    assert set(found["kind"]) <= set(quotes.KINDS)


def test_quote_marks():
    text = 'Il a dit « non ». Puis "oui" et « un "franc" échange ». Fin», dit-il.\nSuite « ouverte'
    spans = [text[a:b] for a, b in quotes.quote_marks(text)]
    assert spans == ["non", "oui", 'un "franc" échange', "Fin", "ouverte"]


def test_orphan_closing_mark_opens_at_the_paragraph_start():
    text = "Premier paragraphe.\nLe travail est en cours. Il s'agit d'une visioconférence», a déclaré Peskov."
    assert [text[a:b] for a, b in quotes.quote_marks(text)] == ["Le travail est en cours. Il s'agit d'une visioconférence"]


def test_inverted_incise_gives_the_speaker(found):
    row = rows_of(found, PESKOV).iloc[0]
    assert (row["kind"], row["quote"], row["speaker_id"], row["speaker_side"], row["verb_lemma"]) == (
        "direct", "Les positions divergent", "dmitry_peskov", "RU", "estimer")


def test_short_description_resolves_to_the_earlier_full_mention(found):
    row = rows_of(found, MINISTRY).query("kind == 'direct'").iloc[0]
    assert row["speaker_id"] == "ru_foreign_ministry" and row["speaker_surface"] == "le ministère russe"
    assert row["verb_lemma"] == "indiquer"


def test_selon(found):
    row = rows_of(found, SELON).iloc[0]
    assert (row["kind"], row["speaker_id"]) == ("selon", "kremlin")
    assert row["quote"].startswith("la rencontre a été constructive")


def test_role_and_name_resolve_to_the_person(found):
    row = rows_of(found, SPOKESMAN).iloc[0]
    assert row["speaker_id"] == "dmitry_peskov" and row["verb_lemma"] == "déclarer"


def test_a_quote_over_two_sentences_gives_one_row_per_sentence(found, corpus):
    rows = rows_of(found, TWO_SENTENCES)
    direct = rows[rows["kind"] == "direct"]
    sentences = rows_of(corpus.sentences, TWO_SENTENCES)
    assert len(sentences) >= 2
    assert direct["quote_id"].nunique() == 1
    assert len(direct) == direct["sent_idx"].nunique() >= 2
    assert set(direct["speaker_id"]) == {"dmitry_peskov"}
    text = TWO_SENTENCES
    assert all(text[r.start_char : r.end_char] == r.quote for r in direct.itertuples())


def test_indirect_speech(found):
    row = rows_of(found, INDIRECT).iloc[0]
    assert (row["kind"], row["speaker_id"], row["verb_lemma"]) == ("indirect", "sergei_lavrov", "affirmer")
    assert "tendues" in row["quote"]


def test_pronoun_takes_the_person_named_before(found):
    rows = rows_of(found, PRONOUN)
    assert set(rows["speaker_id"]) == {"yuri_ushakov"}
    assert set(rows["kind"]) == {"direct"}


def test_participle_subject_is_the_noun_it_modifies(found):
    row = rows_of(found, ACCUSING).iloc[0]
    assert (row["kind"], row["speaker_id"], row["verb_lemma"]) == ("indirect", "united_states", "accuser")


def test_incise_without_quote_marks(found):
    row = rows_of(found, INCISE).iloc[0]
    assert (row["kind"], row["speaker_id"]) == ("indirect", "dmitry_peskov")
    assert row["quote"] == "Les positions divergent"


def test_chained_quotes_share_the_attribution(found):
    rows = rows_of(found, CHAIN)
    assert len(rows) == 2 and set(rows["speaker_id"]) == {"sergei_lavrov"}


def test_quoted_words_inside_a_sentence_belong_to_the_subject_of_the_speech_verb(found):
    row = rows_of(found, SHORT).iloc[0]
    assert (row["quote"], row["speaker_id"], row["verb_lemma"]) == ("coûts sévères", "antony_blinken", "avertir")


def test_sentence_speakers(found, corpus):
    speakers = quotes.sentence_speakers(found, corpus.sentences)
    assert len(speakers) == len(corpus.sentences)
    assert rows_of(speakers, NARRATION)["speaker_side"].tolist() == ["press"]
    assert rows_of(speakers, PESKOV)["speaker_side"].iloc[0] == "RU"


def test_seed_quotes():
    corpus = seeds()
    ids = corpus.ok["article_id"].tolist()
    dates = pd.DataFrame({"article_id": ids, "earliest": pd.Timestamp("2021-01-01"), "latest": pd.Timestamp("2021-12-31")})
    q = quotes.extract(corpus, mentions=find_mentions(corpus, dates=dates))
    texts = dict(zip(corpus.ok["article_id"], corpus.ok["text"], strict=True))
    assert all(texts[r.article_id][r.start_char : r.end_char] == r.quote for r in q.itertuples())

    def speaker_of(fragment):
        rows = q[q["quote"].str.contains(fragment, regex=False)]
        assert len(rows), fragment
        return rows.iloc[0]["speaker_id"]

    assert speaker_of("Nous attendons de cette visite") == "ru_foreign_ministry"  # a indiqué le ministère russe
    assert speaker_of("Le travail est en cours") == "dmitry_peskov"
    assert speaker_of("Il s'agit d'une visioconférence") == "dmitry_peskov"  # same quote, next sentence
    assert speaker_of("sur plusieurs sujets, les positions divergent") == "dmitry_peskov"
    assert speaker_of("Nous n'étions pas toujours d'accord") == "sergei_lavrov"
    assert speaker_of("la date concrète a déjà été fixée") == "yuri_ushakov"
    assert speaker_of("Nous sommes proches d'un accord") == "yuri_ushakov"  # a-t-il affirmé
    assert speaker_of("La réunion aura lieu demain") == "sergei_lavrov"
    selon = q[(q["kind"] == "selon") & (q["speaker_id"] == "kremlin")]
    assert len(selon)
