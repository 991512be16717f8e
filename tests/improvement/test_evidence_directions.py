"""The evidence finder's direction rules, on sentences alone (no database): which way a piece of evidence points."""

import pytest

from improvement.evidence.directions import (
    Direction,
    direction_of_area_for_improvement,
    direction_of_grade,
    direction_of_text,
    text_score,
)
from inspections.grades import Grade

S, C, N = Direction.SUPPORTS, Direction.CONTRADICTS, Direction.NEUTRAL


@pytest.mark.parametrize(("text", "expected"), [
    ("Most initial child protection conferences are held within timescales.", S),
    ("Supervision is regular and purposeful.", S),
    ("Children are seen without delay.", S),  # a concern negated is praise
    ("There is no drift in planning for children.", S),
    ("Conferences are not always timely.", C),  # praise negated is a concern
    ("Management oversight is not consistently effective.", C),
    ("Caseloads are too high for some workers.", C),
    ("There are delays in convening strategy meetings.", C),
    ("Return home interviews are offered to children.", N),  # neither praise nor concern
    ("The local authority requires improvement in its care planning.", C),  # not "improvement" as praise
])
def test_a_finding_points_by_its_words(text, expected):
    assert direction_of_text(text) == expected


def test_what_follows_however_makes_the_point():
    # Two words of praise, then a turn with two concerns: the turn weighs double, so the concerns win.
    text = ("Decisions to hold a conference are appropriate and information is shared well. However, the "
            "convening of some conferences has been delayed, and a few children experience drift.")
    assert text_score(text) < 0
    assert direction_of_text(text) == C
    # The same words with no turn: praise and concern even out.
    assert text_score(text.replace("However, the", "The")) == 0


def test_a_strength_leans_to_support_and_a_weakness_to_contradiction():
    plain = "Return home interviews are offered to children."
    assert direction_of_text(plain, "strength") == S
    assert direction_of_text(plain, "weakness") == C
    assert direction_of_text(plain, "priority_action") == C


def test_a_word_is_matched_whole_not_inside_another():
    # "well" inside "wellbeing", "late" inside "related" and "gap" inside "gaping" are not words of the rules.
    assert text_score("Their wellbeing is related to many things.") == 0


@pytest.mark.parametrize(("grade", "expected"), [
    (Grade.OUTSTANDING, S), (Grade.GOOD, S), (Grade.REQUIRES_IMPROVEMENT, C), (Grade.INADEQUATE, C),
    (Grade.ADEQUATE, N), (None, N),
])
def test_a_judgement_points_by_its_grade(grade, expected):
    assert direction_of_grade(grade) == expected


def test_an_area_for_improvement_on_the_theme_contradicts():
    assert direction_of_area_for_improvement("Timeliness of initial child protection conferences.") == C
