"""Pieces shared by the inlines of both apps: row numbering and a default source document."""

from django.db.models import F
from django.forms.models import BaseInlineFormSet


class PositionedFormSet(BaseInlineFormSet):
    """New rows left at position 0 are numbered after the rows already there, in the order entered.

    Saves a manager typing 1, 2, 3 ... for the 22 judgements of a full report.
    """

    def save_new(self, form, commit=True):
        if not form.instance.position:
            form.instance.position = self._next_position()
        return super().save_new(form, commit=commit)

    def _next_position(self):
        if getattr(self, "_last_position", None) is None:
            self._last_position = max(
                (form.cleaned_data.get("position") or 0 for form in self.forms if getattr(form, "cleaned_data", None)),
                default=0,
            )
        self._last_position += 1
        return self._last_position


class DefaultDocumentMixin:
    """Inline rows for facts (judgements, findings ...) start with the parent's first document filled in."""

    def default_document(self, obj):
        if obj is None or not obj.pk:
            return None
        return obj.documents.order_by(F("published").asc(nulls_last=True), "pk").first()

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        document = self.default_document(obj)
        if document is not None and "document" in formset.form.base_fields:
            # The form class is built afresh for each request, so setting its initial is local to it.
            formset.form.base_fields["document"].initial = document.pk
        return formset
