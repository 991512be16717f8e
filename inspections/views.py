"""The record pages. Views look things up, call QuerySet methods and charts.py, and render.

Private documents come through inspections.access, so every page applies one privacy rule; the
improvement app adds self-evaluations to the authority page through inspections.extensions.
"""

import csv
import functools

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin
from django_tables2.export import ExportMixin

from inspections import charts, compare
from inspections.access import can_see_document, visible_documents
from inspections.exports.safety import OfferedExportsMixin, safe_rows
from inspections.extensions import authority_markers
from inspections.filters import AsAtForm, AuthorityFilter
from inspections.grades import NO_OVERALL_REASON
from inspections.models import AreaForImprovement, Authority, Document, Inspection
from inspections.models.latest import current_grade_counts
from inspections.models.page_reads import neighbourhood, read_latest_grades, timeline_judgements
from inspections.tables import AuthorityTable, BoundedPaginator, CsvExport

# The journeys the overview features: a city and the county around it (DOMAIN.md).
FEATURED_JOURNEYS = ("E06000016", "E10000018")


def overview(request):
    currency = Document.objects.record_complete_to()
    form = AsAtForm(request.GET, complete_to=currency.complete_to)
    as_at = form.as_at_date()
    on = as_at or currency.counted_to
    context = {
        "form": form,
        "currency": currency,
        "as_at": on,
        "featured": Authority.objects.filter(ons_code__in=FEATURED_JOURNEYS).order_by("name"),
    }
    if not form.is_after_record():  # a day after the record shows the refusal, and no grades
        latest = list(Authority.objects.current(on=as_at).with_latest_overall(as_at).only("pk", "ofsted_region"))
        context.update(
            authority_count=len(latest),
            regions=charts.regional_distribution(charts.grade_count_rows(latest, by=["ofsted_region"])),
            ages=charts.grade_ages(latest, on),
        )
    return render(request, "inspections/overview.html", context)


class AuthorityListView(OfferedExportsMixin, ExportMixin, SingleTableMixin, FilterView):
    table_class = AuthorityTable
    filterset_class = AuthorityFilter
    template_name = "inspections/authority_list.html"
    table_pagination = {"per_page": 25, "paginator_class": BoundedPaginator}
    export_formats = ("csv",)
    export_class = CsvExport
    export_name = "authorities"

    def get_queryset(self):
        return Authority.objects.current().with_latest_grades().with_latest_report()

    @functools.cached_property
    def currency(self):
        return Document.objects.record_complete_to()

    def get_table_kwargs(self):
        return {"as_at": self.currency.counted_to}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "currency": self.currency}


def authority_detail(request, ons_code):
    authority, neighbours, links = neighbourhood(ons_code)
    if authority is None:
        raise Http404("No such authority.")
    # Its grades and its neighbours' read in Python: a few councils, where the SQL of with_latest_grades() costs more.
    read_latest_grades([authority, *neighbours])
    self_evaluations = authority_markers(request.user, authority)
    record = Inspection.objects.of_record(authority)  # its predecessors' inspections too
    by_region = current_grade_counts(by=["ofsted_region"])
    currency = Document.objects.record_complete_to()
    # The timeline's judgements and visits read from the inspections listed: for_timeline(authority) and visits().
    # listed() but the later document an inspection is known from: the page names none, and its row holds a report's
    # whole text.
    inspections = list(record.select_related("authority", "theme").prefetch_related("judgements").order_by("-start_date"))
    judgements = timeline_judgements(inspections)
    visits = sorted((i for i in inspections if i.is_visit), key=lambda i: (i.start_date, i.pk))
    context = {
        "authority": authority,
        "currency": currency,
        "counted_to": currency.counted_to,
        "no_overall_reason": NO_OVERALL_REASON,
        "timeline": charts.timeline(judgements, visits, self_evaluations, owner=authority),
        "inspections": inspections,
        "open_areas": AreaForImprovement.objects.filter(inspection_id=authority.latest_inspection_id)
        .select_related("theme").order_by("theme__name", "position"),
        "neighbours": charts.neighbour_strip(authority, neighbours),
        "comparison": charts.comparison(authority, *charts.region_and_england(authority, by_region)),
        "self_evaluations": self_evaluations,
        "how_it_compares": compare.how_it_compares(authority, every_rank=False, links=links),  # states the latest
        "how_it_compares_caution": compare.CAUTION,
    }
    return render(request, "inspections/authority_detail.html", context)


def how_it_compares_csv(request, ons_code):
    """The figures of an authority's "How it compares" section as CSV (the DfE's official statistics)."""
    authority = get_object_or_404(Authority, ons_code=ons_code)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{ons_code}-how-it-compares.csv"'
    csv.writer(response).writerows(safe_rows(compare.csv_rows(authority, compare.how_it_compares(authority))))
    return response


def how_it_compares_xlsx(request, ons_code):
    """The same figures as a workbook, one row per measure and year, with rank, quartile and source."""
    authority = get_object_or_404(Authority, ons_code=ons_code)
    return HttpResponse(compare.workbook(authority, compare.how_it_compares(authority)),
                        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        headers={"Content-Disposition": f'attachment; filename="{ons_code}-how-it-compares.xlsx"'})


def inspection_detail(request, pk):
    inspection = get_object_or_404(Inspection.objects.detailed(), pk=pk)
    share_documents(inspection.judgements.all(), inspection.areas_for_improvement.all(), inspection.findings.all())
    documents = list(visible_documents(request.user, inspection.documents.all()))
    context = {
        "inspection": inspection,
        "currency": Document.objects.record_complete_to(),
        "no_overall_reason": NO_OVERALL_REASON,
        "documents": documents,
        "visible_document_ids": {document.pk for document in documents},
        "cited": Inspection.objects.cited_by(inspection),
    }
    return render(request, "inspections/inspection_detail.html", context)


def share_documents(*facts):
    """One object per source document among these facts, so its link is worked out once (dashboard.source)."""
    documents = {}
    for fact in (fact for group in facts for fact in group):
        fact.document = documents.setdefault(fact.document_id, fact.document)


def document_download(request, pk):
    """The stored file; a private one only for those allowed to see it, and a 404 for anyone else."""
    document = get_object_or_404(Document, pk=pk)
    if not can_see_document(request.user, document):
        raise Http404("No such document.")
    if document.file:
        return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.filename or None)
    if document.text:
        response = HttpResponse(document.text, content_type="text/plain; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="document-{document.pk}.txt"'
        return response
    raise Http404("This document has no stored file.")
