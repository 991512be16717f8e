"""Grade tags: the word is always shown, and each colour passes WCAG AA contrast with its text."""

import re

import pytest
from django.conf import settings
from django.template import Context, Template

from inspections.grades import Grade
from inspections.templatetags.dashboard import grade_tag_html

CSS = (settings.BASE_DIR / "static" / "css" / "dashboard.css").read_text()


def render_tag(grade):
    return Template("{% load dashboard %}{% grade_tag grade %}").render(Context({"grade": grade})).strip()


def luminance(hex_colour):
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one, other):
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def colours_of(css_class):
    rule = re.search(r"\." + css_class + r"[^{]*\{([^}]*)\}", CSS)
    assert rule, f"no CSS rule for .{css_class}"
    text = re.search(r"(?<!-)color:\s*(#[0-9a-f]{6})", rule.group(1)).group(1)
    background = re.search(r"background-color:\s*(#[0-9a-f]{6})", rule.group(1)).group(1)
    return text, background


@pytest.mark.parametrize("grade", list(Grade))
def test_each_grade_tag_shows_its_word_and_has_its_own_class(grade):
    html = render_tag(grade.value)
    slug = grade.value.lower().replace(" ", "-")
    assert html == f'<strong class="govuk-tag grade-tag grade-tag--{slug}">{grade.value}</strong>'


@pytest.mark.parametrize("css_class", [
    "grade-tag--outstanding", "grade-tag--good", "grade-tag--adequate", "grade-tag--requires-improvement-to-be-good",
    "grade-tag--inadequate", "grade-tag--none",
])
def test_each_grade_colour_passes_aa_contrast(css_class):
    text, background = colours_of(css_class)
    assert contrast(text, background) >= 4.5, (css_class, text, background)


def test_each_scale_a_and_b_grade_has_a_distinct_colour_except_the_shared_rank():
    backgrounds = {grade: colours_of(f"grade-tag--{grade}")[1] for grade in ("outstanding", "good", "inadequate")}
    assert len(set(backgrounds.values())) == 3
    assert colours_of("grade-tag--adequate") == colours_of("grade-tag--requires-improvement-to-be-good")


@pytest.mark.parametrize("grade", [*Grade, None])
def test_tables_draw_the_same_tag_as_templates(grade):
    assert grade_tag_html(grade) == render_tag(grade)


def test_an_ungraded_area_says_so():
    assert render_tag(None) == '<strong class="govuk-tag grade-tag grade-tag--none">Not graded</strong>'
