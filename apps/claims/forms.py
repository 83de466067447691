from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError

from apps.claims.models import Claim
from apps.claims.workflow import check_claim_edit

CORRECTION_NOTE_HELP = (
    "Required when you change the rating or summary of a published claim; published as a "
    "dated correction"
)


class ClaimAdminForm(forms.ModelForm):
    """The claim form of the admin, held to the workflow's rules (apps/claims/workflow.py).

    `status` is not edited here: the workflow buttons of the change page move a claim.
    Saving goes through `claim_update` (see ClaimAdmin.save_model); the form asks the same
    check beforehand, so what the service would refuse is shown as form errors. `actor`, the
    user saving, is set on the form class by the admin.
    """

    actor = None

    correction_note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=CORRECTION_NOTE_HELP,
    )

    class Meta:
        model = Claim
        fields = [
            "statement",
            "slug",
            "claimant",
            "quote",
            "topics",
            "rating",
            "summary",
            "analysis",
        ]

    def service_fields(self) -> dict:
        """The claim's own fields as the form cleaned them (topics apart), for the service."""
        own = {field.name for field in Claim._meta.concrete_fields}
        return {name: value for name, value in self.cleaned_data.items() if name in own}

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None or self.errors:
            return cleaned
        stored = Claim.objects.get(pk=self.instance.pk)
        try:
            check_claim_edit(
                claim=stored,
                actor=self.actor,
                fields=self.service_fields(),
                correction_note=cleaned.get("correction_note", ""),
            )
        except PermissionDenied as refusal:
            raise ValidationError(str(refusal), code="permission_denied") from refusal
        except ValidationError as refusal:
            if hasattr(refusal, "error_dict"):
                for field, errors in refusal.error_dict.items():
                    self.add_error(field if field in self.fields else NON_FIELD_ERRORS, errors)
            else:
                raise
        return cleaned
