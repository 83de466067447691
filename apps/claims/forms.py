from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from apps.claims.editing import claim_changes, correction_for

# The admin's form is where editors write claims, and the one place that must warn them of
# a duplicate: claim matching is this app's own (apps.claims.matching) for that reason.
from apps.claims.matching import ClaimMatch, match_claims
from apps.claims.models import Claim
from apps.core.admin_services import form_fields

CORRECTION_NOTE_HELP = (
    "Required when you change the statement, claimant, rating or summary of a published "
    "claim, or remove one of its citations; published as a dated correction"
)


class ClaimAdminForm(forms.ModelForm):
    """The claim form of the admin, held to the workflow's rules (apps/claims/workflow.py).

    `status` is not edited here: the workflow buttons of the change page move a claim.
    Saving goes through `claim_edit` (see ClaimAdmin.save_related); the form asks the same
    checks beforehand, so what the service would refuse is shown as form errors. `actor`,
    the user saving, is set on the form class by the admin.

    A new statement, or a changed one, is matched against every existing claim, drafts
    included (two queries); `similar_claims` keeps the matches for the page to show. If one
    is a near-duplicate, saving is refused until the editor ticks `not_a_duplicate`, which
    the page shows beside the matches (templates/admin/claims/claim/change_form.html).
    """

    actor = None
    similar_claims: list[ClaimMatch] | None = None  # None: the statement was not matched

    not_a_duplicate = forms.BooleanField(
        required=False,
        label="I checked, this is not a duplicate",
        help_text="Tick after reading the similar claims listed, to save this one anyway.",
    )

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

    @property
    def near_duplicates(self) -> list[ClaimMatch]:
        return [match for match in self.similar_claims or [] if match.is_near_duplicate]

    def clean(self):
        cleaned = super().clean()
        self._check_near_duplicates(cleaned)
        if self.instance.pk is None or self.errors:
            return cleaned
        stored = Claim.objects.get(pk=self.instance.pk)
        try:
            # What the service will refuse (its citations aside, which the inline holds),
            # shown as the form's errors, with the editor's input kept.
            changes = claim_changes(stored, form_fields(self))
            if stored.status == Claim.Status.PUBLISHED:
                correction_for(stored, changes, cleaned.get("correction_note", ""))
        except ValidationError as refusal:
            if hasattr(refusal, "error_dict"):
                for field, errors in refusal.error_dict.items():
                    self.add_error(field if field in self.fields else NON_FIELD_ERRORS, errors)
            else:
                raise
        return cleaned

    def _check_near_duplicates(self, cleaned: dict) -> None:
        statement = cleaned.get("statement")
        if not statement or (self.instance.pk is not None and "statement" not in self.changed_data):
            return
        self.similar_claims = match_claims(statement, public=False, exclude_pk=self.instance.pk)
        if self.near_duplicates and not cleaned.get("not_a_duplicate"):
            closest = self.near_duplicates[0]
            self.add_error(
                "not_a_duplicate",
                ValidationError(
                    "This statement reads like an existing claim: “%(claim)s” (%(score)s "
                    "similar). Read the similar claims listed here; if yours is a different "
                    "claim, tick the box and save again.",
                    code="near_duplicate",
                    params={"claim": closest.claim.statement, "score": f"{closest.score:.0%}"},
                ),
            )
