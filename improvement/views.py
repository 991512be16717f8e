"""The improvement pages: journeys, the claims tracker and cohorts.

Self-evaluations and claims only ever come through their visible_to(user) rule (improvement.access), so a
user of one council never sees another's, on the page, in its chart data or in its CSV.
"""

import csv
from itertools import chain

from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django_filters.views import FilterView
from django_tables2 import RequestConfig, SingleTableMixin
from django_tables2.export import ExportMixin

from inspections.exports.journeys import COLUMNS, journey_inspections, journey_rows
from inspections.exports.safety import OfferedExportsMixin
from inspections.models import Authority, Document
from inspections.tables import BoundedPaginator, CsvExport

from . import calibration, charts, cohorts, journeys
from .filters import ClaimFilter, CohortForm, JourneyForm
from .journeys import summary as journey_summary
from .tables import ClaimExport, ClaimTable, CohortTable

COHORT_PAGE = 25  # councils a cohort page shows


def journey(request):
    featured = journeys.featured_starts(request.user)
    form = JourneyForm(request.GET)
    authority = form.chosen_authority() or next((a for a, _, _ in featured), None)
    context = {"form": form, "featured": featured, "authority": authority,
               "authority_options": form.authority_options(authority), "start_options": form.start_options(())}
    if authority is not None:
        context["currency"] = Document.objects.record_complete_to()
        documents = list(journeys.documents_for(authority, request.user))
        start = journeys.choose_start(authority, documents, form.start_id(), featured)
        path = journeys.build_journey(authority, start, in_full=request.GET.get("theme"))
        context.update(documents=documents, start=start, start_options=form.start_options(documents, start),
                       journey=path, chart=charts.journey(path), paths=journey_summary.strand_paths(path),
                       claim_counts=journey_summary.claim_counts(path))
    return render(request, "improvement/journey.html", context)


class _Echo:
    def write(self, value):
        return value


def journey_export(request):
    """The tidy long CSV of export_journeys: one row per authority x inspection x judgement."""
    code = request.GET.get("authority")
    authority = get_object_or_404(Authority, ons_code=code.strip().upper()) if code else None
    writer = csv.writer(_Echo())
    rows = (writer.writerow(row) for row in chain([COLUMNS], journey_rows(journey_inspections(authority), authority)))
    name = f"journeys-{authority.ons_code}.csv" if authority else "journeys.csv"
    return StreamingHttpResponse(rows, content_type="text/csv; charset=utf-8",
                                 headers={"Content-Disposition": f'attachment; filename="{name}"'})


class ClaimListView(OfferedExportsMixin, ExportMixin, SingleTableMixin, FilterView):
    table_class = ClaimTable
    filterset_class = ClaimFilter
    template_name = "improvement/claims.html"
    table_pagination = {"per_page": 25, "paginator_class": BoundedPaginator}
    export_formats = ("csv", "xlsx")
    export_class = ClaimExport
    export_name = "claims"

    def get_queryset(self):
        return calibration.tracked_claims(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.export_trigger_param not in self.request.GET:  # the CSV is the table alone
            context["calibration"] = charts.calibration(calibration.calibration(context["filter"].without_verdict()))
        return context


def cohort(request):
    inadequate = cohorts.inadequate_councils()  # the years to choose from, and the chosen year's members
    form = CohortForm(request.GET, inadequate)
    currency = Document.objects.record_complete_to()
    year = form.year()
    group = cohorts.cohort(year, request.user, as_at=currency.counted_to, inadequate=inadequate.get(year, set()),
                           self_evaluations=False)
    table = CohortTable(group.members, group.year)
    if request.GET.get(ExportMixin.export_trigger_param) == "csv":
        RequestConfig(request, paginate=False).configure(table)
        return CsvExport("csv", table).response(f"cohort-inadequate-{group.year}.csv")
    # A page of councils at a time, in the table and in the swimlanes: a national cohort can be a hundred.
    RequestConfig(request, paginate={"per_page": COHORT_PAGE, "paginator_class": BoundedPaginator}).configure(table)
    shown = [row.record for row in table.paginated_rows]
    cohorts.add_self_evaluations(shown, request.user)  # the swimlanes draw those of the councils shown
    context = {"form": form, "cohort": group, "table": table, "chart": charts.swimlane(group, shown),
               "currency": currency}
    return render(request, "improvement/cohort.html", context)
