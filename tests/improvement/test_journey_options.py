"""The starting documents' <option>s, written in Python, read as the template filters they replace wrote them."""

import datetime
import types

from django.template.defaultfilters import date, truncatechars
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from improvement.filters import JourneyForm
from inspections.models import Document


def as_the_filters_wrote_them(documents, chosen):
    return format_html_join("\n      ", '<option value="{}"{}>{} – {}: {}</option>', (
        (d.pk, mark_safe(" selected") if d.pk == chosen else "", date(d.event_on, "M Y"),
         Document(kind=d.kind).get_kind_display(), truncatechars(d.title, 90)) for d in documents))


def test_start_options_escape_shorten_and_date_as_the_template_filters_did():
    titles = [
        "Inspection of Brighton & Hove's <children's> services",
        "A" * 90,
        "B" * 91,
        "Cafe\u0301 " * 20,  # combining accents: normalised, and not counted as characters
        "Cafe\u0301 " * 15,
        "e\u0301" * 95,
    ]
    days = [datetime.date(2017, 4, 3), None, datetime.date(2009, 12, 31)]
    kinds = [Document.Kind.REPORT, Document.Kind.SELF_EVALUATION, Document.Kind.MONITORING_LETTER, "unknown"]
    documents = [types.SimpleNamespace(pk=n + 1, title=title, event_on=days[n % 3], kind=kinds[n % 4])
                 for n, title in enumerate(titles)]
    start = types.SimpleNamespace(document=documents[2])
    written = JourneyForm.start_options(documents, start)
    assert written == as_the_filters_wrote_them(documents, chosen=3)
    assert written.count(" selected") == 1 and "&amp; Hove&#x27;s &lt;children" in written
    assert JourneyForm.start_options(documents) == as_the_filters_wrote_them(documents, chosen=None)
