"""Admin upload of reports and letters: upload, preview what would be created, then confirm.

Nothing is written to the database before the confirm step: the uploaded bytes wait in a per-upload folder
under MEDIA_ROOT/uploads/ (never served: the app serves files only through document_download), named by a
random token kept in the session. A preview folder is removed on confirm, on cancel, and once it is older than
UPLOAD_PREVIEW_SECONDS: expired ones are swept on every new upload and by `manage.py clear_upload_previews`
(run it from cron for a site with few uploads). The site's self-evaluation upload (improvement.upload) keeps
its previews here too.
"""

from __future__ import annotations

import re
import secrets
import shutil
import time
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
    files = MultipleFileField(allow_empty_file=True, help_text="Ofsted reports or letters (PDF), or council self-evaluations (Word .docx, PDF or UTF-8 text).")


def previews_root():
    return Path(settings.MEDIA_ROOT) / "uploads"


def _upload_dir(token):
    if not re.fullmatch(r"[A-Za-z0-9_-]{16,64}", token or ""):
        raise PermissionDenied("Unknown upload")
    return previews_root() / token


def safe_filename(name):
    """The uploaded file's own name, as a plain file name inside its preview folder (no path, no odd characters)."""
    name = re.sub(r"[^\w.()& -]+", "_", Path(name or "").name).strip(". ")
    return name[:150] or "upload"


def new_preview():
    """(token, folder) for one upload's files; expired previews are swept first, so none outlive a busy site."""
    sweep_expired_previews()
    token = secrets.token_urlsafe(24)
    folder = _upload_dir(token)
    folder.mkdir(parents=True, mode=0o700)  # private to the app's own user, like the bytes in it
    return token, folder


def preview_files(token):
    """The files of a preview still waiting, or None if it was never made, was confirmed, cancelled or expired."""
    folder = _upload_dir(token)
    if not folder.is_dir() or _expired(folder, time.time()):
        return None
    return sorted(path for path in folder.iterdir() if path.is_file())


def discard_preview(token):
    shutil.rmtree(_upload_dir(token), ignore_errors=True)


def sweep_expired_previews(now=None):
    """Remove every preview folder older than UPLOAD_PREVIEW_SECONDS (by its modification time); the paths removed."""
    root = previews_root()
    if not root.is_dir():
        return []
    now = time.time() if now is None else now
    removed = []
    for entry in root.iterdir():
        if _expired(entry, now):
            if entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
            removed.append(entry)
    return removed


def _expired(path, now):
    try:
        return now - path.stat().st_mtime > settings.UPLOAD_PREVIEW_SECONDS
    except FileNotFoundError:  # removed by another request meanwhile
        return True


def expired_message():
    minutes = settings.UPLOAD_PREVIEW_SECONDS // 60
    return f"This preview is no longer waiting (it was confirmed, cancelled, or expired after {minutes} minutes); upload the file again."


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
    if request.method == "POST" and request.POST.get("step") == "cancel":
        return _cancel(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        token, folder = new_preview()
        previews, failures = [], []
        for upload in form.cleaned_data["files"]:
            name = safe_filename(upload.name)
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
        if previews:
            request.session[SESSION_KEY] = token
        else:  # nothing to confirm: nothing kept
            discard_preview(token)
        context.update({"previews": previews, "failures": failures, "token": token,
                        "preview_minutes": settings.UPLOAD_PREVIEW_SECONDS // 60})
        return render(request, "admin/inspections/import_preview.html", context)
    context["form"] = form
    return render(request, "admin/inspections/import_upload.html", context)


def _own_token(request):
    token = request.POST.get("token", "")
    if token != request.session.get(SESSION_KEY):
        raise PermissionDenied("This upload belongs to another session")
    return token


def _cancel(request):
    discard_preview(_own_token(request))
    request.session.pop(SESSION_KEY, None)
    messages.info(request, "Upload cancelled: nothing was saved and the uploaded files were deleted.")
    return redirect(reverse("inspections_import_reports"))


def _confirm(request):
    token = _own_token(request)
    files = preview_files(token)
    if files is None:
        discard_preview(token)
        request.session.pop(SESSION_KEY, None)
        messages.error(request, expired_message())
        return redirect(reverse("inspections_import_reports"))
    for path in files:
        try:
            outcome = save(examine(path))
        except ParseError as error:
            messages.error(request, str(error))
            continue
        level = messages.SUCCESS if outcome.status != "already present" else messages.INFO
        messages.add_message(request, level, f"{path.name}: {outcome.document.authority} – {outcome.summary()}")
        for warning in outcome.warnings:
            messages.warning(request, f"{path.name}: {warning}")
    discard_preview(token)
    request.session.pop(SESSION_KEY, None)
    return redirect(reverse("admin:inspections_document_changelist"))
