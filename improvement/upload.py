"""A council's self-evaluation uploaded on the site: choose the council, preview the proposed claims, confirm.

Who may upload for a council: its own users (an authority membership), a regional adviser for the councils of
their region, and staff for any. The document must name a council the user may act for, the one they chose.

Private from the first byte: until confirmed, the bytes wait in a preview folder under MEDIA_ROOT/uploads/
(inspections.upload: never served, removed on confirm, cancel or expiry) whose random token only the
uploading session holds; the preview itself is the response to the upload, never a page of its own. Confirm
saves through the importer's one path (inspections.loading.files.save), which stores a self-evaluation as a
private Document seen only under Membership.objects.authority_rule.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from improvement.templatetags.claim_figures import written_figure
from inspections.importing.records import ParseError
from inspections.loading.files import examine, save
from inspections.models import Authority, Document, Membership, Theme
from inspections.upload import discard_preview, expired_message, new_preview, preview_files, safe_filename

SESSION_KEY = "self_evaluation_upload"
KIND_LABELS = {"figure": "Figure claim", "quality": "Quality claim", "context": "Context (not a claim)", "plan": "Plan"}
KIND_COUNTS = {"figure": ("figure claim", "figure claims"), "quality": ("quality claim", "quality claims"),
               "context": ("context figure (not a claim)", "context figures (not claims)"), "plan": ("plan", "plans")}
DATE_FORMATS = {"day": "%-d %B %Y", "month": "%B %Y", "year": "%Y"}


def authorities_acted_for(user):
    """The councils this user may upload a self-evaluation for: those whose private documents they may see."""
    return Authority.objects.filter(Membership.objects.authority_rule(user, path=None)).order_by("name")


class SelfEvaluationUploadForm(forms.Form):
    authority = forms.ModelChoiceField(queryset=Authority.objects.none(), label="Council", empty_label=None,
                                       to_field_name="ons_code")
    file = forms.FileField(label="Self-evaluation", allow_empty_file=True,
                           help_text="A Word document (.docx), a PDF with a text layer, or UTF-8 text.")

    def __init__(self, *args, authorities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = authorities


@never_cache
@login_required
def upload_self_evaluation(request):
    authorities = authorities_acted_for(request.user)
    if not authorities.exists():
        return render(request, "improvement/upload_refused.html", status=403)
    step = request.POST.get("step") if request.method == "POST" else None
    if step == "confirm":
        return _confirm(request, authorities)
    if step == "cancel":
        return _cancel(request)
    form = SelfEvaluationUploadForm(request.POST or None, request.FILES or None, authorities=authorities)
    if request.method == "POST" and form.is_valid():
        chosen, upload = form.cleaned_data["authority"], form.cleaned_data["file"]
        filename = safe_filename(upload.name)
        data = upload.read(settings.MAX_DOCUMENT_BYTES + 1)
        try:
            examined = _examined_for(filename, data, chosen, authorities)
        except ParseError as error:
            form.add_error("file", str(error))
        else:
            return _preview(request, filename, data, examined)
    context = {"form": form, "max_megabytes": settings.MAX_DOCUMENT_BYTES // 1024 // 1024}
    return render(request, "improvement/upload_self_evaluation.html", context, status=400 if form.errors else 200)


def _examined_for(filename, data, chosen, authorities):
    """The document read and matched, if it is a self-evaluation of the council chosen; else ParseError."""
    examined = examine(filename=filename, data=data)
    record = examined.record
    if record.document_type != "self_evaluation":
        kind = record.document_type.replace("_", " ")
        raise ParseError(f"{filename}: this reads as an Ofsted {kind}, not a council's self-evaluation; "
                         "reports and letters are imported by staff in the admin")
    found = examined.authority
    if not authorities.filter(pk=found.pk).exists():
        raise ParseError(f"{filename}: the document names {found.name} ({record.authority!r}), a council you may not "
                         f"upload for; you may upload for {_listed(authorities)}")
    if found.pk != chosen.pk:
        raise ParseError(f"{filename}: the document names {found.name}, not {chosen.name}; choose {found.name} "
                         "if it is theirs")
    return examined


def _listed(authorities, most=5):
    names = list(authorities.values_list("name", flat=True)[: most + 1])
    return ", ".join(names[:most]) + (" and others" if len(names) > most else "")


def _preview(request, filename, data, examined):
    token, folder = new_preview()
    (folder / filename).write_bytes(data)
    previous = request.session.get(SESSION_KEY)
    if previous:  # one preview per session: a new upload replaces the last
        discard_preview(previous["token"])
    request.session[SESSION_KEY] = {"token": token, "authority": examined.authority.pk}
    themes = dict(Theme.objects.values_list("slug", "name"))
    claims = [
        {"kind": KIND_LABELS.get(claim.kind, claim.kind), "statement": claim.text,
         "theme": themes.get(claim.theme, claim.theme or ""), "figure": _figure(claim), "source_ref": claim.source_ref}
        for claim in examined.record.claims
    ]
    context = {
        "examined": examined, "record": examined.record, "claims": claims, "token": token,
        "already": Document.objects.filter(sha256=examined.source.sha256).exists(),
        "preview_minutes": settings.UPLOAD_PREVIEW_SECONDS // 60,
        "counts": _counts(examined.record.claims),
        "dated": examined.record.published.first_day().strftime(DATE_FORMATS[examined.record.published.precision]),
    }
    return render(request, "improvement/upload_preview.html", context)


def _counts(claims):
    """"18 figure claims, 21 quality claims, ...": the proposed claims by kind, kinds with none left out."""
    out = []
    for kind, (one, many) in KIND_COUNTS.items():
        count = sum(1 for claim in claims if claim.kind == kind)
        if count:
            out.append(f"{count} {one if count == 1 else many}")
    return ", ".join(out) or "no claims"


def _figure(claim):
    return written_figure(claim.figure, claim.unit)


def _own_preview(request):
    """The session's own preview (token, authority pk); another session's token is refused."""
    waiting = request.session.get(SESSION_KEY) or {}
    token = request.POST.get("token", "")
    if not token or token != waiting.get("token"):
        raise PermissionDenied("This upload belongs to another session.")
    return token, waiting.get("authority")


def _cancel(request):
    token, _authority = _own_preview(request)
    discard_preview(token)
    request.session.pop(SESSION_KEY, None)
    messages.info(request, "Upload cancelled: nothing was saved and the uploaded file was deleted.")
    return redirect("improvement:upload-self-evaluation")


def _confirm(request, authorities):
    token, authority_pk = _own_preview(request)
    files = preview_files(token)
    request.session.pop(SESSION_KEY, None)
    if not files:
        discard_preview(token)
        messages.error(request, expired_message())
        return redirect("improvement:upload-self-evaluation")
    path = files[0]
    try:
        chosen = authorities.get(pk=authority_pk)  # a membership removed since the preview counts
        outcome = save(_examined_for(path.name, path.read_bytes(), chosen, authorities))
    except (Authority.DoesNotExist, ParseError) as error:
        message = str(error) if isinstance(error, ParseError) else "You may no longer upload for this council."
        messages.error(request, message)
        return redirect("improvement:upload-self-evaluation")
    finally:
        discard_preview(token)
    document = outcome.document
    if outcome.status == "already present":
        messages.info(request, f"{path.name}: this file was uploaded before; nothing new was saved.")
    else:
        messages.success(request, f"{path.name}: saved as {document.authority}'s self-evaluation, {outcome.summary()}. "
                                  "It is private to the council.")
    return redirect(_after_saving(document))


def _after_saving(document):
    """The saved self-evaluation's review; its journey if the file held none."""
    self_evaluation = getattr(document, "self_evaluation", None)
    if self_evaluation is not None:
        return reverse("improvement:review", kwargs={"pk": self_evaluation.pk})
    return f"{reverse('improvement:journeys')}?authority={document.authority.ons_code}&start={document.pk}"
