"""Article dating, one test per evidence type: publication anchor, numeric dates, weekday-fixed
years, hard-vs-soft conflicts with chronology links, planned events, calibrated confidence."""

from __future__ import annotations

import pandas as pd
import pytest

from diplolib import actors, dates

from conftest import make_corpus

LINK_COLUMNS = ["article_id", "sent_idx", "contact_type", "event_id", "event_start", "event_end", "description", "score"]


def _with_published(corpus, value: str, source: str = "metadata"):
    corpus.articles["published"] = value
    corpus.articles["published_source"] = source
    return corpus


def _link(corpus, day: str, sent_idx: int = 0, event_id: str = "ev", score: float = 5.0) -> pd.DataFrame:
    aid = corpus.ok["article_id"].iloc[0]
    ts = pd.Timestamp(day)
    return pd.DataFrame([(aid, sent_idx, "meeting", event_id, ts, ts, "a known meeting", score)], columns=LINK_COLUMNS)


@pytest.mark.parametrize(
    ("text", "day"),
    [("le 21/05/2020", "2020-05-21"), ("le 21.02.2023", "2023-02-21"), ("le 2023-02-17", "2023-02-17")],
)
def test_numeric_dates_are_absolute(text, day):
    (expr,) = dates._find(text)
    assert expr.kind == "date" and expr.lo == pd.Timestamp(day)


def test_numeric_day_month_resolves_against_the_anchor():
    (expr,) = dates._find("le 16/12")
    lo, _, how = dates._resolve(expr, pd.Timestamp("2015-12-17"), False)
    assert (lo, how) == (pd.Timestamp("2015-12-16"), "article")


def test_a_publication_date_anchors_mardi():
    corpus = _with_published(make_corpus(["Les deux ministres se sont entretenus mardi à Genève pendant trois heures."]), "2015-05-14")
    row = dates.article_dates(corpus).iloc[0]
    assert row.estimate == pd.Timestamp("2015-05-12") and row.pinned_by == "relative+published"
    assert (row.published, row.published_source) == ("2015-05-14", "metadata")


def test_a_publication_date_alone_bounds_the_date_from_above():
    corpus = _with_published(make_corpus(["Les discussions se poursuivent dans un climat tendu."]), "2019-03-08")
    row = dates.article_dates(corpus).iloc[0]
    assert row.pinned_by == "published" and row.latest == pd.Timestamp("2019-03-08")
    assert row.earliest == pd.Timestamp("2019-03-01") and row.estimate == pd.Timestamp("2019-03-08")


def test_a_dateline_in_the_text_anchors_the_weekday_before_the_stamp():
    text = "WASHINGTON, 12 mai (AFP) - Le département d'État a annoncé jeudi la reprise des consultations."
    corpus = _with_published(make_corpus([text]), "2016-05-13", "stamp")
    row = dates.article_dates(corpus).iloc[0]
    assert row.estimate == pd.Timestamp("2016-05-12")


def test_a_weekday_written_with_the_date_fixes_the_year():
    text = "Le secrétaire d'État américain Rex Tillerson a reçu jeudi 29 mars son homologue à Washington."
    row = dates.article_dates(make_corpus([text])).iloc[0]
    # Tillerson's tenure (2017-02-01..2018-03-31) leaves 2017 and 2018; only 29 March 2018 is a Thursday
    assert row.estimate == pd.Timestamp("2018-03-29") and row.pinned_by == "date"


def test_a_day_without_year_is_not_pinned_when_the_year_stays_open():
    # Kerry's tenure leaves 2013..2016 and the chronology has no event on 19 August in those years
    text = "Le secrétaire d'État américain John Kerry a rencontré son homologue russe le 19 août à Genève."
    row = dates.article_dates(make_corpus([text])).iloc[0]
    assert row.pinned_by != "date" and row.precision in ("year", "range")


KERRY = "Le secrétaire d'État américain John Kerry a rencontré Sergueï Lavrov à Genève pour des pourparlers sur la Syrie."


def test_a_chronology_link_violating_a_tenure_is_discarded():
    corpus = make_corpus([KERRY])
    surface = actors.surface_mentions(corpus)
    row = dates.article_dates(corpus, surface, links=_link(corpus, "2025-03-01")).iloc[0]
    assert row.pinned_by == "hard" and row.latest <= pd.Timestamp("2017-01-20")
    assert "tenure" in row.evidence_types


def test_a_chronology_link_inside_the_hard_constraints_pins_the_day():
    corpus = make_corpus([KERRY])
    surface = actors.surface_mentions(corpus)
    row = dates.article_dates(corpus, surface, links=_link(corpus, "2016-09-09")).iloc[0]
    assert row.pinned_by == "chronology" and row.estimate == pd.Timestamp("2016-09-09")
    assert any(e.startswith("PINNED (chronology)") for e in row.evidence)


def test_without_links_no_chronology_evidence_is_used():
    corpus = make_corpus([KERRY])
    row = dates.article_dates(corpus).iloc[0]
    assert row.pinned_by != "chronology"


def test_a_planned_event_is_dated_by_its_announcement_weekday():
    text = ("Vladimir Poutine et Joe Biden s'entretiendront par vidéoconférence. "
            "Les préparatifs sont en cours, a annoncé le Kremlin vendredi.")
    corpus = make_corpus([text])
    assert (corpus.ok["article_id"].iloc[0], 0) in dates.tagger._future_sentences(corpus.tokens)
    links = _link(corpus, "2021-12-07", sent_idx=1)  # a Tuesday
    row = dates.article_dates(corpus, links=links).iloc[0]
    assert row.estimate == pd.Timestamp("2021-12-03") and row.pinned_by == "relative+chronology"


def test_confidence_is_calibrated_per_pattern_not_a_constant():
    a = dates.article_dates(make_corpus(["Les discussions se poursuivent dans un climat tendu."])).iloc[0]
    b = dates.article_dates(_with_published(make_corpus(["Les discussions se poursuivent dans un climat tendu."]), "2019-03-08")).iloc[0]
    assert a.confidence != b.confidence and 0 < a.confidence < 1 and 0 < b.confidence < 1


def test_overview_shows_publication_and_pinning_evidence():
    corpus = _with_published(make_corpus(["Les deux ministres se sont entretenus mardi à Genève pendant trois heures."]), "2015-05-14")
    view = dates.overview(dates.article_dates(corpus))
    assert {"published", "published_source", "pinned_by", "pinned_evidence"} <= set(view.columns)
    assert "2015-05-14" in view["pinned_evidence"].iloc[0]


def test_a_landmark_named_in_the_opening_pins_the_story():
    text = "Le sommet d'Helsinki entre Donald Trump et Vladimir Poutine s'est achevé sur une conférence de presse commune."
    row = dates.article_dates(make_corpus([text])).iloc[0]
    assert row.pinned_by == "landmark" and row.estimate == pd.Timestamp("2018-07-16")
    assert row.earliest == pd.Timestamp("2018-07-16") and row.latest == pd.Timestamp("2018-08-15")


def test_a_stated_day_that_dates_a_named_landmark_is_background():
    text = ("Les deux ministres se sont parlé au téléphone. "
            "Depuis l'invasion de l'Ukraine le 24 février 2022, les contacts restent rares, a ajouté le Kremlin.")
    row = dates.article_dates(make_corpus([text])).iloc[0]
    assert row.pinned_by != "date" and row.earliest >= pd.Timestamp("2022-02-24")


def test_a_day_without_year_takes_the_year_of_a_known_event_on_that_day():
    # Pompeo's tenure (2018-04-26..2021-01-19) leaves 2018, 2019 and 2020; the chronology has an event on 2 August 2019
    text = "Le secrétaire d'État américain Mike Pompeo a annoncé le 2 août le retrait des États-Unis."
    row = dates.article_dates(make_corpus([text])).iloc[0]
    assert row.pinned_by == "date+chronology" and row.estimate == pd.Timestamp("2019-08-02")


def test_a_partial_stamp_takes_the_year_of_a_known_event_the_day_before_it():
    text = "Le secrétaire d'État américain John Kerry a été reçu mardi au Kremlin par Vladimir Poutine."
    corpus = _with_published(make_corpus([text]), "--12-16", "stamp")
    row = dates.article_dates(corpus).iloc[0]
    assert row.estimate == pd.Timestamp("2015-12-15") and row.pinned_by == "relative+published"


def test_equally_good_chronology_matches_go_to_the_one_nearest_a_stated_day():
    filler = " ".join(["Les experts ont examiné les questions techniques."] * 4)
    text = f"Les délégations se sont retrouvées à Istanbul. {filler} Les premières discussions avaient eu lieu le 18 février 2025 à Riyad."
    corpus = make_corpus([text])
    links = pd.concat([_link(corpus, "2025-04-10", event_id="second"), _link(corpus, "2025-02-27", event_id="first")])
    row = dates.article_dates(corpus, links=links).iloc[0]
    assert row.estimate == pd.Timestamp("2025-02-27") and row.pinned_by == "chronology"
    assert (row.earliest, row.latest) == (pd.Timestamp("2025-02-27"), pd.Timestamp("2025-04-10"))  # the tie stays visible
    # without a stated day, the latest of equally good matches
    plain = make_corpus(["Les délégations se sont retrouvées à Istanbul pour parler du fonctionnement des ambassades."])
    links = pd.concat([_link(plain, "2025-04-10", event_id="second"), _link(plain, "2025-02-27", event_id="first")])
    assert dates.article_dates(plain, links=links).iloc[0].estimate == pd.Timestamp("2025-04-10")


def test_a_day_stated_in_a_photo_caption_is_not_the_article_day():
    caption = "Les deux présidents lors d'une rencontre à Vienne, le 19 août 2014 - Photo Jean Dupont/AFP/Archives"
    body = "Les conseillers à la sécurité nationale des deux pays se sont rencontrés à Genève pour parler du contrôle des armements."
    with_caption = dates.article_dates(make_corpus([caption + "\n" + body])).iloc[0]
    assert with_caption.pinned_by != "date" and with_caption.latest > pd.Timestamp("2014-08-19")
    # the same sentence without the credit is an ordinary stated day
    plain = dates.article_dates(make_corpus([caption.split(" - Photo")[0] + ".\n" + body])).iloc[0]
    assert plain.pinned_by == "date" and plain.estimate == pd.Timestamp("2014-08-19")


def test_equally_good_chronology_matches_go_to_the_one_whose_place_is_named():
    corpus = make_corpus(["Le secrétaire d'État américain John Kerry a rencontré Sergueï Lavrov mardi à Sotchi."])
    links = pd.concat([_link(corpus, "2015-05-12", event_id="2015-05-12_kerry_sochi"), _link(corpus, "2015-12-15", event_id="2015-12-15_kerry_moscow")])
    row = dates.article_dates(corpus, links=links).iloc[0]
    assert row.estimate == pd.Timestamp("2015-05-12") and (row.earliest, row.latest) == (row.estimate, row.estimate)


def test_a_duration_after_a_matched_event_moves_the_day():
    corpus = make_corpus(["Washington a annoncé des sanctions quatre jours après la rencontre entre Joe Biden et Vladimir Poutine."])
    row = dates.article_dates(corpus, links=_link(corpus, "2021-06-16", event_id="2021-06-16_geneva_summit")).iloc[0]
    assert row.estimate == pd.Timestamp("2021-06-20") and row.pinned_by == "duration+chronology"


def test_a_contact_in_a_photo_caption_is_only_a_lower_bound():
    caption = "Les deux présidents lors d'une rencontre à Vienne - Photo Jean Dupont/AFP/Archives"
    body = "Les conseillers à la sécurité nationale des deux pays se sont rencontrés pour parler du contrôle des armements."
    corpus = make_corpus([caption + "\n" + body])
    row = dates.article_dates(corpus, links=_link(corpus, "2014-08-19", sent_idx=0)).iloc[0]
    assert row.pinned_by == "caption" and row.earliest == pd.Timestamp("2014-08-19") and row.latest == dates.horizon(corpus)[1]
