"""The theme rules read what a sentence is about, not only which words it holds (inspections/themes.py).

The sentences are written for the tests, in the shape reports use; bench/classifiers.py measures the rules on
hand-labelled items of the real documents.
"""

import pytest

from inspections.themes import suggest_theme


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # The recording of supervision is supervision, not case recording in general.
        ("Consistency in the recording of supervision, so that it shows reflection.", "supervision-oversight"),
        ("Records of supervision for duty workers are kept on paper, and some are missing.", "supervision-oversight"),
        ("The recording of visits to children is up to date.", "case-recording"),
        # A child protection conference chair is the reviewing officer's counterpart, not the conference itself.
        ("The challenge that child protection conference chairs give is not always recorded.",
         "independent-reviewing-officers"),
        ("Child protection conferences are well attended by partner agencies.", "children-in-need-protection"),
        # Disabled children are children in need: a text that says nothing more is about that help.
        ("Safeguarding of disabled children.", "children-in-need-protection"),
        ("Short breaks provision and placement sufficiency for disabled children.",
         "placement-stability-sufficiency"),
        # A safety plan protects a child at risk; one for a child who goes missing is about going missing.
        ("The quality and impact of safety planning.", "children-in-need-protection"),
        ("Return home interviews inform safety plans for children who go missing.", "missing-exploitation"),
        # The turnover of social workers says more than the drift it causes.
        ("The turnover of social workers has led to drift and delay in plans.", "workforce-stability"),
        # Adult mental health services are partners, not the health of a child in care.
        ("Practitioners in adult mental health services share information with the police.",
         "partnership-safeguarding-board"),
        # Health's safeguarding partner.
        ("Newsletters from the clinical commissioning group keep GPs informed.", "partnership-safeguarding-board"),
        # A board's sub-group is the board's work, even when it is about performance.
        ("Review the chairing of the performance management sub-group of the board.",
         "partnership-safeguarding-board"),
    ],
)
def test_the_theme_of_a_sentence(text, theme):
    assert suggest_theme(text) == theme


def test_allegations_against_professionals_are_outside_the_list():
    # The designated officer's work is not a theme of the list, whatever oversight word goes with it.
    assert suggest_theme("The oversight of allegations against professionals by the LADO.") is None
    assert suggest_theme("The oversight of practice by managers.") == "supervision-oversight"
