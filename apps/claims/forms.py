from django import forms
from django.core.exceptions import ValidationError

from apps.claims.models import Claim


class ClaimAdminForm(forms.ModelForm):
    """The claim form, refusing a status the database would refuse less politely.

    A published or retracted claim must carry its publication date, which only publishing
    sets; the form cannot check that constraint itself because the date is not one of its
    fields.
    """

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
            "status",
        ]

    def clean_status(self):
        status = self.cleaned_data["status"]
        never_published = self.instance.published_at is None
        if never_published and status in (Claim.Status.PUBLISHED, Claim.Status.RETRACTED):
            raise ValidationError(
                "A claim that has never been published can only be a draft or in review: "
                "publishing goes through a reviewer, which this form cannot do.",
                code="not_published",
            )
        return status
