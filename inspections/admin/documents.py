import hashlib

from django import forms
from django.contrib import admin
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Count
from simple_history.admin import SimpleHistoryAdmin

from inspections.importing.readers.text import read_bytes
from inspections.importing.records import ParseError
from inspections.models import Document, Theme


class DocumentForm(forms.ModelForm):
    """A document is identified by its file's sha256, so the digest is computed here, never typed."""

    url = forms.URLField(label="URL", max_length=500, required=False, assume_scheme="https")

    class Meta:
        model = Document
        fields = "__all__"

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if isinstance(upload, UploadedFile):
            data = b"".join(upload.chunks())
            upload.seek(0)
            digest = hashlib.sha256(data).hexdigest()
            duplicate = Document.objects.filter(sha256=digest).exclude(pk=self.instance.pk).first()
            if duplicate:
                self.add_error("file", f"This file is already imported as “{duplicate}”.")
                return cleaned
            self.instance.sha256 = digest
            if not cleaned.get("filename"):
                cleaned["filename"] = upload.name
            if not cleaned.get("text"):
                cleaned["text"] = _text_of(upload.name, data)
        elif not self.instance.sha256:
            self.add_error("file", "Upload the document's file: a document is identified by the sha256 of its bytes.")
        return cleaned


def _text_of(filename, data):
    try:
        return read_bytes(filename, data).text
    except ParseError:
        return ""  # a scanned or unreadable file is still worth keeping as a source


@admin.register(Document)
class DocumentAdmin(SimpleHistoryAdmin):
    form = DocumentForm
    list_display = ["title", "kind", "authority", "published", "is_private", "imported_at"]
    list_filter = ["kind", "is_private", "authority__ons_region"]
    search_fields = ["title", "filename", "authority__name", "authority__ons_code", "sha256"]
    date_hierarchy = "published"
    list_select_related = ["authority"]
    autocomplete_fields = ["authority"]
    readonly_fields = ["sha256", "imported_at"]
    fieldsets = [
        (None, {"fields": ["kind", "title", "authority", "published", "is_private"]}),
        ("File", {"fields": ["file", "url", "filename", "sha256", "imported_at"]}),
        ("Extracted text", {"fields": ["text"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        # The text can run to hundreds of thousands of characters: load it only when shown.
        return super().get_queryset(request).defer("text")


@admin.register(Theme)
class ThemeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "finding_count", "claim_count"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            finding_count=Count("findings", distinct=True), claim_count=Count("claims", distinct=True)
        )

    @admin.display(description="findings", ordering="finding_count")
    def finding_count(self, obj):
        return obj.finding_count

    @admin.display(description="claims", ordering="claim_count")
    def claim_count(self, obj):
        return obj.claim_count
