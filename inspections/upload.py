"""Admin upload of reports and letters: upload, preview what would be created, then confirm.

Nothing is written to the database before the confirm step: the uploaded bytes wait in a per-upload folder
under MEDIA_ROOT/uploads/, named by a random token kept in the session.
"""

from __future__ import annotations

import re
import secrets
import shutil
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse

from inspections.importing.readers.common import normalise
from inspections.importing.records import ParseError
from inspections.loading.files import examine, save

SESSION_KEY = "report_upload_token"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class UploadForm(forms.Form):
    files = MultipleFileField(allow_empty_file=True, help_text="Ofsted reports or letters (PDF), or council self-evaluations (PDF or UTF-8 text).")


def _upload_dir(token):
    if not re.fullmatch(r"[A-Za-z0-9_-]{16,64}", token or ""):
        raise PermissionDenied("Unknown upload")
    return Path(settings.MEDIA_ROOT) / "uploads" / token


def excerpt(text, needle, width=160):
    """The passage of the document's text around a fact, for a person to check it against."""
    flat = normalise(text)
    words = normalise(needle).split()
    for size in (len(words), 8, 4):
        probe = " ".join(words[:size])
        at = flat.lower().find(probe.lower()) if probe else -1
        if at >= 0:
            return flat[max(0, at - 40): at + width]
    return ""


def preview_of(examined):
    record, text = examined.record, examined.source.text
    facts = []
    for j in record.judgements:
        facts.append(("Judgement", f"{j.section + ': ' if j.section else ''}{j.area} – {j.grade or 'not graded'}", j.source_ref, excerpt(text, j.area)))
    for a in record.areas_for_improvement:
        facts.append((f"Area for improvement ({a.timescale.replace('_', ' ')})", a.text, a.source_ref, excerpt(text, a.text)))
    for f in record.findings:
        facts.append((f"Finding ({f.kind.replace('_', ' ')})", f.text, f.source_ref, excerpt(text, f.text)))
    for g in record.earlier_grades:
        facts.append(("Earlier grade cited", f"{g.date.iso()} {g.area} – {g.grade}", g.source_ref, ""))
    for c in record.claims:
        facts.append(("Proposed claim", c.text, c.source_ref, excerpt(text, c.text)))
    return {"examined": examined, "record": record, "facts": facts}


@admin.site.admin_view
def upload_reports(request):
    if not request.user.has_perm("inspections.add_document"):
        raise PermissionDenied
    context = {**admin.site.each_context(request), "title": "Import reports and letters"}
    if request.method == "POST" and request.POST.get("step") == "confirm":
        return _confirm(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        token = secrets.token_urlsafe(24)
        folder = _upload_dir(token)
        folder.mkdir(parents=True)
        previews, failures = [], []
        for upload in form.cleaned_data["files"]:
            name = Path(upload.name).name
            data = upload.read(settings.MAX_DOCUMENT_BYTES + 1)
            try:
                examined = examine(filename=name, data=data)
            except ParseError as error:
                failures.append(str(error))
                continue
            except Exception as error:  # one unforeseen document must not lose the others
                failures.append(f"{name}: could not be read ({type(error).__name__}: {error})")
                continue
            (folder / name).write_bytes(data)
            previews.append(preview_of(examined))
        request.session[SESSION_KEY] = token
        context.update({"previews": previews, "failures": failures, "token": token})
        return render(request, "admin/inspections/import_preview.html", context)
    context["form"] = form
    return render(request, "admin/inspections/import_upload.html", context)


def _confirm(request):
    token = request.POST.get("token", "")
    if token != request.session.get(SESSION_KEY):
        raise PermissionDenied("This upload belongs to another session")
    folder = _upload_dir(token)
    for path in sorted(folder.glob("*")) if folder.is_dir() else []:
        try:
            outcome = save(examine(path))
        except ParseError as error:
            messages.error(request, str(error))
            continue
        level = messages.SUCCESS if outcome.status != "already present" else messages.INFO
        messages.add_message(request, level, f"{path.name}: {outcome.document.authority} – {outcome.summary()}")
        for warning in outcome.warnings:
            messages.warning(request, f"{path.name}: {warning}")
    shutil.rmtree(folder, ignore_errors=True)
    request.session.pop(SESSION_KEY, None)
    return redirect(reverse("admin:inspections_document_changelist"))
