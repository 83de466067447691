from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError

from apps.ingest.documents import too_large_message
from apps.quotes.models import Quote
from apps.speakers.models import Speaker


class ArticleImportForm(forms.Form):
    file = forms.FileField(
        required=False,
        help_text="An HTML page or a plain-text file, in any common encoding.",
    )
    text = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 14, "cols": 90}),
        help_text="…or paste the article's text (its first line is taken as the title).",
    )
    title = forms.CharField(
        required=False, max_length=500, help_text="Optional: overrides the title found."
    )
    url = forms.URLField(
        required=False,
        max_length=2000,
        assume_scheme="https",
        help_text="Where the article was published, if online.",
    )

    def clean_file(self):
        # Refused by its declared size before anything reads it into memory.
        upload = self.cleaned_data.get("file")
        limit = settings.INGEST_MAX_DOCUMENT_BYTES
        if upload and upload.size > limit:
            raise ValidationError(f"{upload.name}: {too_large_message(upload.size, limit)}")
        return upload

    def clean(self):
        cleaned = super().clean()
        if "file" in self.errors:
            return cleaned  # a refused upload was still the one thing given
        if bool(cleaned.get("file")) == bool(cleaned.get("text", "").strip()):
            raise ValidationError("Upload a file or paste the text (one of them).")
        return cleaned


class DecisionForm(forms.Form):
    """Confirm, reject or re-attribute one proposed quote."""

    ACTIONS = ("confirm", "reject", "reattribute")

    action = forms.ChoiceField(choices=[(a, a) for a in ACTIONS])
    speaker = forms.ModelChoiceField(
        queryset=Speaker.objects.all(),
        required=False,
        widget=AutocompleteSelect(Quote._meta.get_field("speaker"), admin.site),
    )
    new_speaker_name = forms.CharField(required=False, max_length=200, label="or a new speaker")
