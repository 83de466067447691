"""What imports remember beyond the curated models: why a draft quote was proposed, and
where an imported claim's review came from."""

from django.db import models
from django.db.models import Q

from apps.claims.models import Claim
from apps.core.models import TimeStampedModel
from apps.quotes.models import Quote
from apps.sources.models import Source


class QuoteProposal(TimeStampedModel):
    """A quote the article import found in a source and proposes, waiting for an editor.

    The quote itself is a draft Quote with its Appearance in the source; this row keeps
    what the editor needs to judge it: how the speaker was found and how sure the
    extractor is. Confirming or rejecting changes the quote's status, not this row.
    """

    class Method(models.TextChoices):
        NAME = "name", "Named beside the quotation"
        PRONOUN = "pronoun", "A pronoun for the last person named"
        TITLE = "title", "A title used instead of a name"
        SENTENCE = "sentence", "The person the sentence is about"
        CONTINUATION = "continuation", "Continues the previous quotation"
        NONE = "none", "Not attributed"

    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="proposals")
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="quote_proposals")
    position = models.PositiveIntegerField(help_text="Where the quotation starts in the text.")
    confidence = models.FloatField(
        help_text="How sure the extractor is that these are the speaker's words (0 to 1)."
    )
    mention = models.CharField(
        max_length=300, blank=True, help_text="How the text names the speaker: “he”, “Putin”."
    )
    method = models.CharField(max_length=20, choices=Method.choices)
    speaker_created = models.BooleanField(
        default=False, help_text="The import created the (draft) speaker for this quote."
    )

    class Meta:
        ordering = ["source", "position"]
        constraints = [
            models.UniqueConstraint(fields=["quote", "source"], name="proposal_one_per_quote"),
            models.CheckConstraint(
                condition=Q(confidence__gte=0, confidence__lte=1),
                name="proposal_confidence_0_to_1",
            ),
        ]

    def __str__(self):
        return f"{self.quote} ({self.confidence:.0%})"


class ClaimReviewOrigin(TimeStampedModel):
    """The ClaimReview a claim was imported from: its URL (which makes the import
    idempotent), who reviewed it, and the verdict in the reviewer's own words and numbers.
    """

    class RatingMethod(models.TextChoices):
        LABEL = "label", "Mapped from the verdict's name (alternateName)"
        NUMBER = "number", "Mapped from ratingValue on its scale"
        NONE = "none", "Not mapped"

    claim = models.OneToOneField(Claim, on_delete=models.CASCADE, related_name="claimreview_origin")
    review_url = models.URLField(
        "review URL", max_length=2000, unique=True, help_text="The ClaimReview's `url`."
    )
    reviewer_name = models.CharField(max_length=300, blank=True)
    reviewer_url = models.URLField(max_length=2000, blank=True)
    review_date = models.DateField(null=True, blank=True)
    language = models.CharField(max_length=35, blank=True)
    rating_label = models.CharField(
        max_length=300, blank=True, help_text="The verdict as the reviewer named it."
    )
    rating_value = models.FloatField(null=True, blank=True)
    best_rating = models.FloatField(null=True, blank=True)
    worst_rating = models.FloatField(null=True, blank=True)
    rating_method = models.CharField(max_length=10, choices=RatingMethod.choices)

    class Meta:
        ordering = ["-review_date", "review_url"]
        verbose_name = "ClaimReview origin"

    def __str__(self):
        return self.review_url
