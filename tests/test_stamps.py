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
        ("2022-06-08T11:05+0200", "published", "2022-06-08T11:05", True),
        ("information fournie par AFP 14/03/2024 à 10:12", "published", "2024-03-14T10:12", True),
        ("Dernière mise à jour à 17h45 le 04/03", "updated", "--03-04", True),
        ("Mis à jour le 28/02/2025 à 09:00", "updated", "2025-02-28T09:00", True),
        ("Vendredi 19 Avril 2024", "masthead", "2024-04-19", True),
        ("WASHINGTON, 9 mars (Reuters) - Joe Biden a reçu jeudi une délégation.", "dateline", "--03-09", False),
        ("Vienne, 5 avril, (APN).-Le ministre a confirmé la rencontre.", "dateline", "--04-05", False),
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
    assert publication(find_stamps(["Dernière mise à jour à 17h45 le 04/03"])) == ("--03-04", "stamp")
    assert publication(find_stamps(["BERLIN, 17 octobre (Reuters) - " + BODY])) == ("--10-17", "dateline")


def test_clean_text_reads_stamps_then_removes_stamp_lines_with_their_role():
    raw = "\n".join(["Vendredi 19 Avril 2024", "Washington et Moscou reprennent le dialogue", "Publié le 27/02/2025 à 16:25", BODY, BODY.replace("trois", "quatre")])
    cleaned = clean_text(raw, boilerplate_phrases())
    assert (cleaned.published, cleaned.published_source) == ("2025-02-27T16:25", "stamp")
    assert "Publié le 27/02/2025 à 16:25" in cleaned.removed and "Vendredi 19 Avril 2024" in cleaned.removed
    assert "27/02/2025" not in cleaned.text and BODY in cleaned.text
    assert any(p.startswith("date_stamp:masthead") for p in cleaned.problems)
    assert any(p.startswith("date_stamp:published") for p in cleaned.problems)


def test_a_dateline_stays_in_the_text_and_dates_the_article():
    cleaned = clean_text("WASHINGTON, 9 mars (Reuters) - " + BODY, boilerplate_phrases())
    assert (cleaned.published, cleaned.published_source) == ("--03-09", "dateline")
    assert cleaned.text.startswith("WASHINGTON, 9 mars")
