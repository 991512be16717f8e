"""The review workbench: the self-evaluations a user may review, and one self-evaluation's claims to review.

Who may review is who may see the self-evaluation (SelfEvaluation.objects.visible_to): staff, regional members
for their region's councils, a council's own users for their own. Anyone else gets a 404, as if it did not
exist. Views stay thin: the reading and the saving are in workbench.py.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from improvement import figures
from improvement.models import Claim, ClaimAssessment, SelfEvaluation
from inspections.models import Theme

from . import workbench
from .forms import ClaimForm, FigureCheckForm, VerdictForm

CLAIMS_PER_PAGE = 20  # a long self-evaluation has seventy; each claim carries its evidence and two forms


def self_evaluations(request):
    listed = (
        SelfEvaluation.objects.visible_to(request.user).select_related("authority")
        .annotate(
            claim_count=Count("claims", filter=~Q(claims__kind=Claim.Kind.CONTEXT), distinct=True),
            proposed_count=Count("claims__assessments", distinct=True, filter=Q(
                claims__assessments__status=ClaimAssessment.Status.PROPOSED) & ~Q(claims__kind=Claim.Kind.CONTEXT)
                & ~Q(claims__status=Claim.Status.REJECTED)),
        )
        .order_by("authority__name", "-published")
    )
    return render(request, "improvement/review_list.html", {"self_evaluations": listed})


def review(request, pk):
    self_evaluation = get_object_or_404(SelfEvaluation.objects.visible_to(request.user).select_related("authority"),
                                        pk=pk)
    in_full = _number(request.GET.get("evidence"))
    themes = list(Theme.objects.order_by("name"))
    reviews = workbench.reviews_of(self_evaluation, in_full=in_full, themes=themes)
    bound = None
    if request.method == "POST":
        bound = _handle(request, self_evaluation, reviews, themes)
        if bound is None:  # saved: show the page afresh at the claim, so a reload does not post again
            claim = request.POST.get("claim", "")
            return redirect(f"{reverse('improvement:review', args=[pk])}?at={claim}#claim-{claim}")
    # Claims to test first, then those set apart (context, rejected); a page of them at a time.
    ordered = [r for r in reviews if r.is_tested] + [r for r in reviews if not r.is_tested]
    paginator = Paginator(ordered, CLAIMS_PER_PAGE, allow_empty_first_page=True)
    at = bound[0].claim.pk if bound else _number(request.GET.get("at")) or in_full
    index = next((i for i, r in enumerate(ordered) if r.claim.pk == at), None)
    page = paginator.get_page(index // CLAIMS_PER_PAGE + 1 if index is not None else request.GET.get("page"))
    for item in page:
        forms = bound if bound and bound[0] is item else None
        item.verdict_form = forms[1] if forms and forms[1] else VerdictForm(review=item)
        item.claim_form = forms[2] if forms and forms[2] else ClaimForm(review=item, themes=themes)
        item.figure_form = forms[3] if forms and len(forms) > 3 and forms[3] else FigureCheckForm(review=item)
    context = {
        "self_evaluation": self_evaluation,
        "page": page,
        "claims": [r for r in page if r.is_tested],
        "set_apart": [r for r in page if not r.is_tested],
        "claim_count": sum(r.is_tested for r in reviews),
        "set_apart_count": sum(not r.is_tested for r in reviews),
        "errors": bound,
    }
    return render(request, "improvement/review.html", context, status=400 if bound else 200)


def _number(value):
    return int(value) if value and value.isdigit() else None


def _handle(request, self_evaluation, reviews, themes):
    """Apply one POSTed form; None when saved, else (review, verdict form, claim form, figure form) with its
    errors."""
    by_pk = {str(r.claim.pk): r for r in reviews}
    item = by_pk.get(request.POST.get("claim", ""))
    if item is None:
        raise Http404("No such claim in this self-evaluation.")
    if request.POST.get("form") == "verdict":
        form = VerdictForm(request.POST, review=item)
        if not form.is_valid():
            return item, form, None, None
        data = form.cleaned_data
        if data["action"] == "confirm":
            workbench.confirm_verdict(item, request.user, data["note"])
            messages.success(request, "Verdict confirmed.")
        else:
            workbench.change_verdict(item, request.user, data["verdict"], data["evidence_item"], data["note"])
            messages.success(request, "Verdict saved.")
        return None
    if request.POST.get("form") == "figure":
        form = FigureCheckForm(request.POST, review=item)
        if not form.is_valid():
            return item, None, None, form
        decide = figures.confirm if form.cleaned_data["action"] == "confirm" else figures.reject
        decide(item.figure_check, request.user, form.cleaned_data["note"].strip())
        messages.success(request, "Link to the official figures confirmed." if decide is figures.confirm
                         else "Link to the official figures rejected.")
        return None
    form = ClaimForm(request.POST, review=item, themes=themes)
    if not form.is_valid():
        return item, None, form, None
    data = form.cleaned_data
    workbench.change_claim(item, data["kind"], data["theme"], data["strand"], data["note"],
                           reject=data["action"] == "reject", restore=data["action"] == "restore")
    messages.success(request, "Claim rejected." if data["action"] == "reject" else "Claim saved.")
    return None
