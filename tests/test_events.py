"""Events: trigger types, status, directed sides, participants vs topics — minimal French
sentences parsed by the real offline spaCy engine."""

from __future__ import annotations

import pandas as pd
import pytest

from diplolib import actors
from diplolib import events as ev
from diplolib.events.lexicon import CAMEO_ROOTS, triggers_table

from conftest import make_corpus

SENTENCES = {
    "meeting": "Antony Blinken a rencontré Sergueï Lavrov jeudi à Stockholm.",
    "planned": "Joe Biden doit s'entretenir mardi avec Vladimir Poutine.",
    "video": "Joe Biden et Vladimir Poutine pourraient s'entretenir par visioconférence.",
    "phone": "Joe Biden et Vladimir Poutine ont eu un entretien téléphonique.",
    "cancelled": "La rencontre entre Antony Blinken et Sergueï Lavrov a été annulée.",
    "negated": "Joe Biden n'a pas rencontré Vladimir Poutine.",
    "sanction": "Les États-Unis ont imposé de nouvelles sanctions contre la Russie.",
    "expulsion": "Moscou a expulsé dix diplomates américains.",
    "threat": "Le Kremlin a menacé Washington de représailles.",
    "threat_of_sanctions": "Les États-Unis menacent la Russie de sanctions.",
    "accusation": "Sergueï Lavrov a accusé les États-Unis d'ingérence.",
    "reported": "Le Pentagone a publié un rapport, accusant Moscou de violer le traité.",
    "selon": "Selon Washington, la Russie a violé l'accord.",
    "agreement": "Les États-Unis et la Russie ont signé un accord sur la Syrie.",
    "intent": "Vladimir Poutine s'est dit prêt à rencontrer Donald Trump.",
    "exchange": "Les États-Unis et la Russie ont procédé à un échange de prisonniers.",
    "denied": "Le Kremlin a démenti avoir accusé Washington.",
    "strike": "Les États-Unis ont frappé une base militaire syrienne, ce que la Russie a condamné.",
    "topics": "Donald Trump et Vladimir Poutine ont discuté de l'Ukraine et de la Syrie au sommet du G20.",
    "one_side": "Le président russe a discuté de la situation en Syrie.",
    "context": "Vladimir Poutine et Donald Trump ont eu des mots durs. Les deux dirigeants se sont entretenus par téléphone jeudi.",
    "withdrawal": "La Russie a suspendu sa participation au traité New START avec les États-Unis.",
    "spoke_by_phone": "Sergueï Lavrov et Marco Rubio se sont parlé au téléphone samedi.",
    "joint_communique": "Les présidents Barack Obama et Vladimir Poutine ont publié mercredi un communiqué commun.",
    "decree": "Vladimir Poutine a signé un décret contre les États-Unis.",
    "revoked": "Vladimir Poutine a révoqué la ratification du traité par la Russie, accusant Washington.",
    "apposed": "Les présidents russe et américain, Vladimir Poutine et Joe Biden, ont eu un entretien téléphonique mardi.",
    "sentenced": "Paul Whelan, un Américain, a été condamné à 16 ans de prison par un tribunal de Moscou.",
    "demand": "Joe Biden a exigé de la Russie la libération rapide des Américains détenus.",
    "intent_to_withdraw": "Les États-Unis ont annoncé mercredi leur intention de se retirer du traité FNI conclu avec la Russie.",
    "restated": "Joe Biden a rencontré Vladimir Poutine à Genève. Cette rencontre a duré quatre heures.",
    "demonyms": "Mardi, Russes et Américains se sont réunis à Helsinki pour la troisième fois.",
    "interference": "Selon Sergueï Riabkov, Washington cherche à s'ingérer dans les affaires intérieures de Moscou.",
    "after_call": "Washington et Moscou souhaitent avancer, à la suite d'une conversation téléphonique entre John Kerry et Sergueï Lavrov.",
    "topic": "Vladimir Poutine et Donald Trump ont abordé la coopération nucléaire civile.",
    "topic_concerned": "Les secteurs concernés par la coopération entre Moscou et Washington restent limités.",
    "no_agreement": "Il n'y a pas d'accord entre la Russie et les États-Unis.",
    "not_sanctioned": "Les États-Unis n'ont pas sanctionné la Russie.",
    "talked_by_phone": "Sergueï Lavrov et Antony Blinken ont discuté au téléphone mardi.",
    "not_yet": "Il n'y a pas encore d'entente entre Moscou et Washington.",
    "goal": "Les États-Unis multiplient les efforts afin de conclure un accord avec la Russie.",
    "goal_release": "Washington lance une campagne visant à obtenir la libération de Paul Whelan, détenu en Russie.",
    "manner": "Washington agit en coordination avec Moscou en Syrie.",
    "compound": "Les négociations américano-russes ont eu lieu à Genève.",
    "third_party": "Les États-Unis ont imposé des sanctions contre l'Iran, a dénoncé Moscou.",
    "press_partner": "Sergueï Lavrov a critiqué Washington mardi. Un diplomate américain s'est entretenu avec Reuters sous couvert d'anonymat.",
    "third_partner": "Steve Witkoff doit rencontrer Volodymyr Zelensky après ses discussions avec Vladimir Poutine.",
    "third_only": "Sergueï Lavrov a rencontré Mike Pompeo mardi. Selon lui, les sanctions à l'encontre de l'Iran sont inutiles.",
    "compound_split": "Le dialogue russo-américain sur l'espace a repris en mars.",
}


@pytest.fixture(scope="module")
def found() -> dict[str, pd.DataFrame]:
    corpus = make_corpus(list(SENTENCES.values()))
    table = ev.extract(corpus, actors.surface_mentions(corpus))
    ids = dict(zip(corpus.ok["text"], corpus.ok["article_id"], strict=True))
    return {key: table[table["article_id"] == ids[text]].reset_index(drop=True) for key, text in SENTENCES.items()}


@pytest.mark.parametrize(
    ("key", "type_", "status", "source_side", "target_side"),
    [
        ("meeting", "meeting", "happened", "US", "RU"),
        ("planned", "meeting", "planned", "US", "RU"),
        ("video", "video_call", "proposed", "US", "RU"),
        ("phone", "phone_call", "happened", "US", "RU"),
        ("cancelled", "meeting", "cancelled", "US", "RU"),
        ("negated", "meeting", "cancelled", "US", "RU"),
        ("sanction", "sanction", "happened", "US", "RU"),
        ("expulsion", "expulsion", "happened", "RU", "US"),
        ("threat", "threat", "happened", "RU", "US"),
        ("threat_of_sanctions", "threat", "happened", "US", "RU"),
        ("accusation", "accusation", "happened", "RU", "US"),
        ("reported", "accusation", "happened", "US", "RU"),
        ("selon", "accusation", "happened", "US", "RU"),
        ("agreement", "agreement", "happened", "US", "RU"),
        ("intent", "statement_of_intent", "proposed", "RU", "US"),
        ("exchange", "prisoner_exchange", "happened", "US", "RU"),
        ("denied", "other", "happened", "RU", "US"),
        ("withdrawal", "treaty_withdrawal", "happened", "RU", "US"),
        ("spoke_by_phone", "phone_call", "happened", "RU", "US"),
        ("demonyms", "meeting", "happened", "RU", "US"),
        ("interference", "accusation", "happened", "RU", "US"),
        ("joint_communique", "agreement", "happened", "US", "RU"),
        ("talked_by_phone", "phone_call", "happened", "RU", "US"),
    ],
)
def test_type_status_and_direction(found, key, type_, status, source_side, target_side):
    rows = found[key]
    assert len(rows) == 1, rows[["trigger", "type"]]
    row = rows.iloc[0]
    assert (row["type"], row["status"], row["source_side"], row["target_side"]) == (type_, status, source_side, target_side)


def test_codes_follow_type_and_status(found):
    phone = found["phone"].iloc[0]
    assert (phone["cameo_code"], phone["goldstein"]) == ("041", 1.0)  # the modifier retypes the code too
    planned = found["planned"].iloc[0]
    assert (planned["cameo_code"], planned["cameo_root"], planned["goldstein"]) == ("036", "03", 4.0)
    cancelled = found["cancelled"].iloc[0]
    assert (cancelled["cameo_code"], cancelled["goldstein"]) == ("125", -5.0)
    sanction = found["sanction"].iloc[0]
    assert (sanction["cameo_code"], sanction["goldstein"]) == ("163", -8.0)
    assert found["denied"].iloc[0]["cameo_code"] == "016"


def test_actors_by_role(found):
    meeting = found["meeting"].iloc[0]
    assert meeting["source_actors"] == ["antony_blinken"] and meeting["target_actors"] == ["sergei_lavrov"]
    assert meeting["place"] == "Stockholm"
    reported = found["reported"].iloc[0]
    assert reported["source_actors"] == ["pentagon"] and reported["target_actors"] == ["russia"]
    threat = found["threat"].iloc[0]
    assert threat["source_actors"] == ["kremlin"] and threat["target_actors"] == ["united_states"]


def test_topics_are_never_participants(found):
    talks = found["topics"].iloc[0]
    assert talks["type"] == "talks"
    assert set(talks["participants"]) == {"donald_trump", "vladimir_putin"}
    assert {"ukraine", "syria", "g20"} <= set(talks["topics"])
    agreement = found["agreement"].iloc[0]
    assert "syria" not in agreement["participants"] and "syria" in agreement["topics"]


def test_hostile_act_and_its_condemnation_are_two_events(found):
    rows = found["strike"].set_index("type")
    assert rows.at["military_action", "source_side"] == "US"
    assert rows.at["other", "source_side"] == "RU" and rows.at["other", "trigger"] == "condamné"


def test_one_side_is_no_us_russia_event(found):
    assert found["one_side"].empty


def test_plural_description_takes_the_actors_of_the_preceding_sentence(found):
    call = found["context"]
    call = call[call["type"] == "phone_call"].iloc[0]
    assert set(call["participants"]) == {"donald_trump", "vladimir_putin"}


def test_evidence_span_covers_the_trigger(found):
    for key, text in SENTENCES.items():
        for row in found[key].itertuples():
            assert row.start_char <= row.trigger_char < row.end_char <= len(text)
            assert text[row.trigger_char : row.trigger_char + len(row.trigger)] == row.trigger
            assert row.event_id == f"{row.article_id}:{row.sent_idx}:{row.event_id.rsplit(':', 1)[1]}"


def test_trigger_table_is_consistent():
    table = triggers_table()
    assert set(table["type"]) <= set(ev.TYPES)
    assert table["goldstein"].astype(float).between(-10, 10).all()
    assert table["cameo_code"].astype(str).str.fullmatch(r"\d{3,4}").all()
    assert set(table["cameo_code"].astype(str).str[:2]) <= set(CAMEO_ROOTS)


def test_signing_a_decree_is_no_agreement(found):
    assert "agreement" not in set(found["decree"]["type"])


def test_revoking_a_ratification_is_a_treaty_withdrawal(found):
    assert "treaty_withdrawal" in set(found["revoked"]["type"])


def test_an_earlier_event_is_not_absorbed_by_the_later_one(found):
    # "à la suite d'une conversation téléphonique": the call is an event of its own.
    assert {"statement_of_intent", "phone_call"} <= set(found["after_call"]["type"])


def test_coordinated_names_in_an_apposition_are_all_participants(found):
    call = found["apposed"].iloc[0]
    assert call["type"] == "phone_call" and set(call["participants"]) == {"vladimir_putin", "joe_biden"}


def test_a_court_sentence_is_no_criticism(found):
    assert "other" not in set(found["sentenced"]["type"])


def test_a_demanded_release_is_a_demand(found):
    rows = found["demand"]
    assert list(rows["type"]) == ["other"] and rows.iloc[0]["cameo_code"] == "100"
    assert rows.iloc[0]["source_side"] == "US"


def test_a_hostile_act_announced_as_an_intention_is_planned(found):
    rows = found["intent_to_withdraw"]
    assert list(rows["type"]) == ["treaty_withdrawal"] and rows.iloc[0]["status"] == "planned"
    assert (rows.iloc[0]["cameo_code"], rows.iloc[0]["goldstein"]) == ("130", -4.4)  # a planned hostile act is a threat


def test_a_demonstrative_restates_the_event_already_reported(found):
    assert list(found["restated"]["type"]) == ["meeting"]


def test_what_a_contact_talked_about_is_no_event(found):
    assert "statement_of_intent" not in set(found["topic"]["type"])
    assert found["topic_concerned"].empty


def test_a_negated_act_is_no_event(found):
    assert found["no_agreement"].empty and found["not_sanctioned"].empty
    assert list(found["negated"]["status"]) == ["cancelled"]  # a negated meeting stays, cancelled


def test_a_negation_under_another_adverb_negates(found):
    assert found["not_yet"].empty


def test_a_goal_or_a_manner_is_no_act(found):
    assert found["goal"].empty and found["goal_release"].empty and found["manner"].empty


def test_a_compound_nationality_names_both_sides(found):
    for key in ("compound", "compound_split"):
        rows = found[key]
        assert list(rows["type"]) == ["talks"] and set(rows.iloc[0]["sides"]) == {"US", "RU"}


def test_an_act_aimed_at_a_third_state_is_no_us_russia_act(found):
    assert "sanction" not in set(found["third_party"]["type"])


def test_an_act_without_a_us_or_russian_side_is_no_event(found):
    assert list(found["third_only"]["type"]) == ["meeting"]


def test_a_contact_with_a_named_third_partner_is_no_us_russia_contact(found):
    assert list(found["press_partner"]["type"]) == ["other"]
    assert list(found["third_partner"]["type"]) == ["talks"]  # the talks with Putin stay
