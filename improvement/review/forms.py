"""The workbench's forms per claim: its verdict, the claim itself (kind, theme, strand, or rejection) and, for a
figure claim, its link to the official statistics (confirm or reject).

Each form is prefixed by its claim, so one page holds a pair per claim and a POST names the one it is for.
"""

from django import forms

from improvement.models import Claim, ClaimAssessment
from inspections.models.record import STRAND_CHOICES

Verdict = ClaimAssessment.Verdict
NOTE_HELP = "Why, in a sentence or two. Kept in the history with your name and the time."


class VerdictForm(forms.Form):
    action = forms.ChoiceField(choices=[("confirm", "Confirm"), ("change", "Change")], widget=forms.HiddenInput,
                               required=False)
    verdict = forms.ChoiceField(choices=Verdict.choices, widget=forms.RadioSelect, required=False,
                                label="Verdict")
    evidence = forms.ChoiceField(
        required=False, widget=forms.RadioSelect, label="The evidence it rests on",
        help_text="Any verdict but “not yet tested” rests on one piece of the evidence found.",
    )
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2, "class": "govuk-textarea"}),
                           label="Note", help_text=NOTE_HELP, max_length=2000)

    def __init__(self, *args, review, **kwargs):
        self.review = review
        verdict = review.assessment.verdict if review.assessment else review.proposal.verdict
        initial = {"verdict": verdict, "evidence": review.resting_on}
        super().__init__(*args, prefix=f"verdict-{review.claim.pk}", initial=initial, **kwargs)
        # The page shows each choice as a row of the evidence table, not as a label of its own.
        self.fields["evidence"].choices = [("", "None")] + [(item.key, item.key) for item in review.evidence]

    def clean(self):
        data = super().clean()
        action = data.get("action") or self.data.get(self.add_prefix("action"))
        data["action"] = action if action in ("confirm", "change") else "change"
        if data["action"] == "change":
            if not data.get("verdict"):
                self.add_error("verdict", "Choose a verdict.")
            elif data["verdict"] != Verdict.NOT_YET_TESTED and not data.get("evidence"):
                self.add_error("evidence", "Choose the piece of evidence the verdict rests on, "
                                           "or choose “not yet tested”.")
        data["evidence_item"] = self.review.evidence.by_key().get(data.get("evidence") or "")
        return data


class ClaimForm(forms.Form):
    action = forms.ChoiceField(choices=[("save", "Save"), ("reject", "Reject"), ("restore", "Restore")],
                               widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(choices=Claim.Kind.choices, label="Kind",
                             widget=forms.Select(attrs={"class": "govuk-select"}))
    theme = forms.ChoiceField(label="Theme", required=False, widget=forms.Select(attrs={"class": "govuk-select"}))
    strand = forms.ChoiceField(choices=STRAND_CHOICES, label="Strand (line of service)",
                               widget=forms.Select(attrs={"class": "govuk-select"}))
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2, "class": "govuk-textarea"}),
                           label="Note", help_text=NOTE_HELP, max_length=2000)

    def __init__(self, *args, review, themes, **kwargs):
        claim = review.claim
        initial = {"kind": claim.kind, "theme": str(claim.theme_id or ""), "strand": claim.strand}
        super().__init__(*args, prefix=f"claim-{claim.pk}", initial=initial, **kwargs)
        self._themes = {str(t.pk): t for t in themes}  # the page's one list of themes: no query per claim
        self.fields["theme"].choices = [("", "No theme yet")] + [(str(t.pk), t.name) for t in themes]

    def clean(self):
        data = super().clean()
        data["theme"] = self._themes.get(data.get("theme") or "")
        action = self.data.get(self.add_prefix("action"))
        data["action"] = action if action in ("save", "reject", "restore") else "save"
        return data


class FigureCheckForm(forms.Form):
    """Confirm or reject a figure claim's link to the official measure (improvement.figures.confirm / reject)."""

    action = forms.ChoiceField(choices=[("confirm", "Confirm"), ("reject", "Reject")])
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2, "class": "govuk-textarea"}),
                           label="Note", help_text=NOTE_HELP, max_length=2000)

    def __init__(self, *args, review, **kwargs):
        self.review = review
        super().__init__(*args, prefix=f"figure-{review.claim.pk}", **kwargs)

    def clean(self):
        data = super().clean()
        if self.review.figure_check is None:
            raise forms.ValidationError("This claim has no link to the official statistics to decide on.")
        return data
