"""What imports remember beyond the curated models: why a draft quote was proposed, where
an imported claim's review came from, and the article imports waiting for the worker."""

from django.conf import settings
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
        ECHO = "echo", "Repeats words of a quotation the text gives its speaker"
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

    def reader_keys(self) -> set[str]:
        """Readers never see it (apps/core/reader_keys.py): its changes make nothing stale."""
        return set()

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

    def reader_keys(self) -> set[str]:
        """Readers never see it (apps/core/reader_keys.py): its changes make nothing stale."""
        return set()

    def __str__(self):
        return self.review_url


class ImportJob(models.Model):
    """An article handed by the admin's import form to the import worker (`manage.py
    run_import_jobs`, apps/ingest/jobs.py), and how its import is going.

    A work queue, not part of the record: the form and the worker write it directly (the
    import itself goes through the services, as any import does). The document is kept
    until the import has run, so that a worker stopped half-way (its transaction rolled
    back) lets another take the job up again; then it is dropped.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting for the import worker"
        RUNNING = "running", "Importing"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    created_at = models.DateTimeField(auto_now_add=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who asked for the import: the author of what it writes.",
    )
    name = models.CharField(max_length=300, help_text="The file's name, or “pasted text”.")
    url = models.URLField("URL", max_length=2000, blank=True)
    title = models.CharField(max_length=500, blank=True)
    pasted = models.BooleanField(
        default=False, help_text="The document is pasted text (UTF-8), not a file's bytes."
    )
    document = models.BinaryField(editable=False, help_text="Emptied once imported.")
    size = models.PositiveIntegerField(help_text="Bytes, as uploaded or pasted.")

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    stage = models.CharField(max_length=40, blank=True, help_text="What the import is doing.")
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    attempts = models.PositiveSmallIntegerField(
        default=0, help_text="How many times a worker took it up (once, unless one stopped)."
    )
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(
        null=True, blank=True, help_text="When its worker last said it was still at it."
    )
    finished_at = models.DateTimeField(null=True, blank=True)

    outcome = models.CharField(
        max_length=10, blank=True, help_text="imported, unchanged or failed (see `message`)."
    )
    message = models.TextField(blank=True)
    source = models.ForeignKey(
        Source, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    proposed = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # The worker's next job: the oldest queued one (jobs.claim_next).
            models.Index(fields=["status", "created_at"], name="importjob_queue"),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_status_display().lower()})"

    def reader_keys(self) -> set[str]:
        """Readers never see it (apps/core/reader_keys.py): its changes make nothing stale."""
        return set()

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int | None:
        """How far the current stage has got, 0 to 100 (None when it does not say)."""
        return min(100, round(100 * self.done / self.total)) if self.total else None
