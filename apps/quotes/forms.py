from django import forms

from apps.quotes.models import Appearance


class AppearanceForm(forms.ModelForm):
    """An appearance whose passage may be left blank: it then stands for the quote's words.

    The model fills a blank passage in only as it saves, after validation has already
    refused it as empty, so the form fills it in first, from the quote chosen or (in the
    quote's inline) the quote being edited.
    """

    class Meta:
        model = Appearance
        fields = ["quote", "source", "exact", "prefix", "suffix"]
        help_texts = {
            "exact": "The words as they stand in the source. Leave empty when the source "
            "carries the quote's own words.",
        }

    def clean(self):
        cleaned_data = super().clean()
        quote = cleaned_data.get("quote")
        if quote is not None and not (cleaned_data.get("exact") or "").strip():
            cleaned_data["exact"] = quote.text
        return cleaned_data
