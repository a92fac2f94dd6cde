"""Publication stamps, update stamps, mastheads, datelines and URL dates in page text (diplolib.corpus.stamps)."""

from __future__ import annotations

import pytest

from diplolib.corpus.clean import clean_text
from diplolib.corpus.stamps import find_stamps, publication
from diplolib.reference import boilerplate_phrases

BODY = ("Les deux ministres des Affaires étrangères se sont entretenus pendant trois heures à Genève, "
        "selon un communiqué publié à l'issue de la rencontre.")


@pytest.mark.parametrize(
    ("line", "role", "value", "whole"),
    [
        ("Publié le 27/02/2025 à 16:25", "published", "2025-02-27T16:25", True),
        ("21.02.2023", "published", "2023-02-21", True),
        ("15 avril 2021 - 14h57", "published", "2021-04-15T14:57", True),
        ("2023-02-17T19:24+0100", "published", "2023-02-17T19:24", True),
        ("information fournie par Reuters 09/11/2025 à 08:57", "published", "2025-11-09T08:57", True),
        ("Dernière mise à jour à 09h02 le 16/12", "updated", "--12-16", True),
        ("Mis à jour le 28/02/2025 à 09:00", "updated", "2025-02-28T09:00", True),
        ("Vendredi 19 Avril 2024", "masthead", "2024-04-19", True),
        ("MOSCOU, 2 novembre (Reuters) - Vladimir Poutine a signé jeudi une loi.", "dateline", "--11-02", False),
        ("Moscou, 16 décembre, (RHC-PL).-Le secrétaire d'État a réitéré son refus.", "dateline", "--12-16", False),
        ("Photo : https://exemple.org/uploads/2025/01/sommet.jpg", "url", "2025-01", False),
        ("Voir https://exemple.org/fr/20230221/russie-usa-1234.html", "url", "2023-02-21", False),
    ],
)
def test_each_stamp_shape_is_read_with_its_role(line, role, value, whole):
    (stamp,) = find_stamps([line])
    assert (stamp.role, stamp.value, stamp.whole_line) == (role, value, whole)


def test_dates_in_running_text_are_not_stamps():
    assert find_stamps([BODY + " La rencontre du 21.02.2023 avait échoué, a-t-il rappelé devant la presse."]) == []
    assert find_stamps(["Le sommet s'est tenu le 16 juin 2021 à Genève."]) == []


def test_publication_prefers_a_stamp_over_an_update_and_ignores_mastheads():
    stamps = find_stamps(["Vendredi 19 Avril 2024", "Mis à jour le 28/02/2025 à 09:00", "Publié le 27/02/2025 à 16:25"])
    assert publication(stamps) == ("2025-02-27T16:25", "stamp")
    assert publication(find_stamps(["Vendredi 19 Avril 2024"])) == (None, "none")
    assert publication(find_stamps(["Dernière mise à jour à 09h02 le 16/12"])) == ("--12-16", "stamp")
    assert publication(find_stamps(["WASHINGTON, 25 avril (Reuters) - " + BODY])) == ("--04-25", "dateline")


def test_clean_text_reads_stamps_then_removes_stamp_lines_with_their_role():
    raw = "\n".join(["Vendredi 19 Avril 2024", "Washington et Moscou reprennent le dialogue", "Publié le 27/02/2025 à 16:25", BODY, BODY.replace("trois", "quatre")])
    cleaned = clean_text(raw, boilerplate_phrases())
    assert (cleaned.published, cleaned.published_source) == ("2025-02-27T16:25", "stamp")
    assert "Publié le 27/02/2025 à 16:25" in cleaned.removed and "Vendredi 19 Avril 2024" in cleaned.removed
    assert "27/02/2025" not in cleaned.text and BODY in cleaned.text
    assert any(p.startswith("date_stamp:masthead") for p in cleaned.problems)
    assert any(p.startswith("date_stamp:published") for p in cleaned.problems)


def test_a_dateline_stays_in_the_text_and_dates_the_article():
    cleaned = clean_text("MOSCOU, 2 novembre (Reuters) - " + BODY, boilerplate_phrases())
    assert (cleaned.published, cleaned.published_source) == ("--11-02", "dateline")
    assert cleaned.text.startswith("MOSCOU, 2 novembre")
