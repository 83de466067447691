from datetime import date

from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from simple_history.models import HistoricalRecords

from apps.core.history import HistoryWithRelated
from apps.core.models import CuratedQuerySet, TimeStampedModel
from apps.core.reader_keys import every, key, keys
from apps.core.writes import refusal
from apps.sources.models import AnchoredPassage, Source
from apps.speakers.models import Speaker
from apps.topics.models import Topic


class QuoteQuerySet(CuratedQuerySet):
    def public(self):
        """The one rule for which quotes readers and anonymous clients may see."""
        return self.filter(status=Quote.Status.CONFIRMED).filter(
            Q(speaker__isnull=True) | Q(speaker__status=Speaker.Status.PUBLISHED)
        )


class Quote(TimeStampedModel):
    """The verbatim words of one speaker."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft (awaiting confirmation)"
        CONFIRMED = "confirmed", "Confirmed"
        REJECTED = "rejected", "Rejected"

    class Verdict(models.TextChoices):
        VERIFIED = "verified", "Verified in source"
        PARAPHRASED = "paraphrased", "Paraphrased but presented as a quote"
        ALTERED = "altered", "Wording altered"
        OUT_OF_CONTEXT = "out_of_context", "Truncated or out of context"
        MISATTRIBUTED = "misattributed", "Misattributed"
        UNSOURCED = "unsourced", "Unsourced"

    text = models.TextField(
        help_text="The words exactly as spoken, without surrounding quotation marks."
    )
    speaker = models.ForeignKey(
        Speaker,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quotes",
        help_text="Who said it. Leave empty only if the speaker is not yet identified.",
    )
    speaker_name = models.CharField(
        "speaker as named",
        max_length=200,
        blank=True,
        help_text="The name the source attributes the words to; shown when no speaker is linked.",
    )
    said_on = models.DateField(null=True, blank=True, help_text="When the words were spoken.")
    occasion = models.CharField(
        max_length=300,
        blank=True,
        help_text="Such as “St. Petersburg International Economic Forum”.",
    )
    language = models.CharField(max_length=35, default="en", help_text="BCP 47 code of the text.")
    original_text = models.TextField(
        blank=True,
        help_text="The words in the language they were spoken, if the text is a translation.",
    )
    original_language = models.CharField(
        max_length=35, blank=True, help_text="BCP 47 code of the original words."
    )
    translation_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="translations",
        help_text="The recorded quote in the original language, if there is one.",
    )
    translation_words = models.TextField(
        blank=True,
        default="",
        editable=False,
        help_text="The words of its public original and public translations, one per line: "
        "what search finds it by besides its own. Kept by the quote services, not edited.",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    verdict = models.CharField(
        max_length=20,
        choices=Verdict.choices,
        blank=True,
        help_text="How faithfully the words are attributed; leave empty until checked.",
    )
    misattributed_to = models.ForeignKey(
        Speaker,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="misattributed_quotes",
        help_text="For misattributed quotes: who really said it, when known.",
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="quotes")

    objects = QuoteQuerySet.as_manager()
    history = HistoryWithRelated(m2m_fields=[topics])

    # What a quote shows of others, and what claims and translations show of it
    # (apps/core/sync.py).
    sync_embeds = (
        "speaker",
        "misattributed_to",
        "translation_of",
        "translations",
        "topics",
        "appearances__source",
    )
    sync_link_fields = ("text", "language")

    class Meta:
        ordering = ["-said_on", "-id"]
        # Public quotes newest first, read a page at a time (LIMIT 21), never sorted whole:
        # the API's lists sort on said_on with undated quotes as the earliest (its cursors
        # need a non-null key; apps/api/backends.py EARLIEST_DATE), the pages on said_on.
        indexes = [
            # /api/v1/quotes/ and its `next` pages.
            models.Index(
                Coalesce("said_on", Value(date(1, 1, 1))).desc(),
                F("id").desc(),
                condition=Q(status="confirmed"),
                name="quote_public_newest",
            ),
            # /api/v1/quotes/?speaker=<slug>.
            models.Index(
                "speaker",
                Coalesce("said_on", Value(date(1, 1, 1))).desc(),
                F("id").desc(),
                condition=Q(status="confirmed"),
                name="quote_public_speaker_newest",
            ),
            # A speaker's page: their latest quotes.
            models.Index(
                "speaker",
                F("said_on").desc(),
                F("id").desc(),
                condition=Q(status="confirmed"),
                name="quote_public_speaker_said_on",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(text__regex=r"\S"),
                name="quote_text_not_blank",
                violation_error_message="A quote needs its words.",
            ),
            models.CheckConstraint(
                condition=Q(speaker__isnull=False) | ~Q(speaker_name=""),
                name="quote_has_speaker_or_name",
                violation_error_message="Link a speaker or give the name the source uses.",
            ),
            models.CheckConstraint(
                condition=Q(misattributed_to__isnull=True) | Q(verdict="misattributed"),
                name="quote_real_speaker_only_if_misattributed",
                violation_error_message="Only a misattributed quote names who really said it.",
            ),
        ]

    def __str__(self):
        words = self.text if len(self.text) <= 80 else self.text[:77].rstrip() + "…"
        return f"{self.display_speaker}: “{words}”"

    def get_absolute_url(self):
        return reverse("web:quote-detail", kwargs={"pk": self.pk})

    def reader_keys(self) -> set[str]:
        """A public quote shows on its page, the quotes' lists and searches, its speaker's
        (and the misattributed speaker's) page, its original's page, its topics' pages, the
        pages of the sources it appears in and of the claims made of it."""
        if not Quote.objects.public().filter(pk=self.pk).exists():
            return set()
        return (
            {key(Quote, self.pk), every(Quote)}
            | keys(Speaker, [self.speaker_id, self.misattributed_to_id])
            | keys(Quote, [self.translation_of_id])
            | keys(Topic, self.topics.values_list("pk", flat=True))
            | keys(Source, self.appearances.values_list("source_id", flat=True))
            | keys(self.claims.model, self.claims.values_list("pk", flat=True))
        )

    @property
    def display_speaker(self) -> str:
        return self.speaker.name if self.speaker_id else self.speaker_name

    def speaker_role_at_the_time(self):
        """The role the speaker held when the words were said (uses prefetched roles)."""
        if not self.speaker_id or not self.said_on:
            return None
        return next((r for r in self.speaker.roles.all() if r.held_on(self.said_on)), None)


class Appearance(AnchoredPassage):
    """Where a quote appears in a source, anchored in the source's text."""

    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="appearances")

    history = HistoricalRecords()

    class Meta(AnchoredPassage.Meta):
        ordering = ["source__published_on", "start"]
        constraints = [
            *AnchoredPassage.Meta.constraints,
            models.UniqueConstraint(
                fields=["quote", "source"],
                name="appearance_one_per_quote_and_source",
                violation_error_message="This quote already has an appearance in this source.",
            ),
        ]

    def __str__(self):
        return f"{self.quote} in {self.source}"

    def default_passage(self) -> str:
        if self.quote_id is None and not Appearance.quote.is_cached(self):
            return ""  # a new inline row whose quote is not saved yet
        return self.quote.text

    def get_absolute_url(self):
        return f"{self.source.get_absolute_url()}#{self.html_id}"

    @property
    def html_id(self) -> str:
        return f"appearance-{self.pk}"

    @classmethod
    def check_sources_change(cls, source_ids) -> None:
        """A confirmed quote keeps an appearance found in a published source (two queries)."""
        carried = Quote.objects.filter(
            status=Quote.Status.CONFIRMED, appearances__source__in=source_ids
        )
        supported = cls.objects.found_in_public_sources().filter(quote__in=carried)
        left = list(
            carried.exclude(pk__in=supported.values("quote_id"))
            .select_related("speaker")
            .distinct()[:6]
        )
        if left:
            named = ", ".join(f"“{quote}”" for quote in left[:5])
            raise refusal(
                {
                    "__all__": "This would leave confirmed quotes without a published source "
                    f"that carries their words: {named}{' and more' if len(left) > 5 else ''}. "
                    "Add another source for them, or reject them, first."
                },
                code="source_required",
            )
