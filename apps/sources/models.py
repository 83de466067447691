from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import SHA256
from django.urls import reverse
from simple_history.models import HistoricalRecords

from apps.core.models import TimeStampedModel
from apps.sources.anchoring import AnchorResult, locate


class Publisher(TimeStampedModel):
    name = models.CharField(max_length=200, unique=True, help_text="Such as “Reuters”.")
    slug = models.SlugField(max_length=220, unique=True)
    home_page = models.URLField(blank=True, help_text="The publisher's home page.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class SourceQuerySet(models.QuerySet):
    def public(self):
        """The one rule for which sources readers and anonymous clients may see."""
        return self.filter(status=Source.Status.PUBLISHED)


class Source(TimeStampedModel):
    """A document that carries quotes and claims, with its archived plain text."""

    class Kind(models.TextChoices):
        ARTICLE = "article", "News article"
        TRANSCRIPT = "transcript", "Transcript"
        PRESS_RELEASE = "press_release", "Press release"
        VIDEO = "video", "Video"
        SOCIAL_POST = "social_post", "Social media post"
        OFFICIAL_RECORD = "official_record", "Official record"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=500)
    slug = models.SlugField(max_length=220, unique=True, help_text="Used in the source's URL.")
    url = models.URLField(
        "URL", max_length=2000, blank=True, help_text="Where the document was published, if online."
    )
    publisher = models.ForeignKey(
        Publisher, on_delete=models.PROTECT, null=True, blank=True, related_name="sources"
    )
    authors = models.CharField(
        max_length=500, blank=True, help_text="As printed in the byline, separated by commas."
    )
    published_on = models.DateField(null=True, blank=True, help_text="Leave empty if unknown.")
    retrieved_at = models.DateTimeField(
        null=True, blank=True, help_text="When the text below was archived."
    )
    language = models.CharField(
        max_length=35, default="en", help_text="BCP 47 language code, such as “en” or “ru”."
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.ARTICLE)
    text = models.TextField(
        help_text="The archived plain text. Quotes and citations are anchored in it; "
        "editing it re-checks every anchor."
    )
    # Computed by the database from `text` on every write, however the row is written, so the
    # checksum can never disagree with the stored text.
    text_sha256 = models.GeneratedField(
        expression=SHA256("text"),
        output_field=models.CharField("SHA-256 of the text", max_length=64),
        db_persist=True,
    )
    archive_url = models.URLField(
        "archive URL", max_length=2000, blank=True, help_text="A copy in a web archive, if any."
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PUBLISHED)

    objects = SourceQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["text_sha256"])

    class Meta:
        ordering = ["-published_on", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["url"],
                condition=~Q(url=""),
                name="source_url_unique",
                violation_error_message="Another source already has this URL.",
            ),
            models.CheckConstraint(
                condition=Q(text__regex=r"\S"),
                name="source_text_not_blank",
                violation_error_message="A source needs its archived text.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("web:source-detail", kwargs={"slug": self.slug})

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # The database has just computed the checksum of the new text; forget the one held
        # here so that the next read of `text_sha256` fetches it instead of a stale value.
        self.__dict__.pop("text_sha256", None)


class AnchoredPassage(TimeStampedModel):
    """A passage of a source's text, located by a W3C text-quote selector.

    `exact` is the passage as the editor (or the quote) gives it; `start`/`end` locate the
    span of the source's text that matched it, which may differ where the match is
    approximate. Anchoring runs on every save, so these never go stale silently.
    """

    class Match(models.TextChoices):
        EXACT = "exact", "Exact"
        APPROXIMATE = "approximate", "Approximate"
        NOT_FOUND = "not_found", "Not found"

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="%(class)ss")
    exact = models.TextField(
        "passage",
        blank=True,
        help_text="The words as they should stand in the source.",
    )
    prefix = models.CharField(
        max_length=200, blank=True, help_text="Text just before the passage (filled in when found)."
    )
    suffix = models.CharField(
        max_length=200, blank=True, help_text="Text just after the passage (filled in when found)."
    )
    start = models.PositiveIntegerField(null=True, blank=True, editable=False)
    end = models.PositiveIntegerField(null=True, blank=True, editable=False)
    match = models.CharField(
        max_length=20, choices=Match.choices, default=Match.NOT_FOUND, editable=False
    )
    similarity = models.FloatField(default=0.0, editable=False)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(exact__regex=r"\S"),
                name="%(class)s_exact_not_blank",
                violation_error_message="The passage cannot be empty.",
            ),
            models.CheckConstraint(
                condition=(
                    Q(match="not_found", start__isnull=True, end__isnull=True)
                    | Q(
                        ~Q(match="not_found"),
                        start__isnull=False,
                        end__gt=F("start"),
                    )
                ),
                name="%(class)s_anchor_offsets_sane",
                violation_error_message="A found passage needs a start before its end; "
                "a passage not found has neither.",
            ),
            models.CheckConstraint(
                condition=Q(similarity__gte=0, similarity__lte=1)
                & (~Q(match="exact") | Q(similarity=1)),
                name="%(class)s_similarity_range",
                violation_error_message="Similarity runs from 0 to 1, and is 1 for exact matches.",
            ),
        ]

    def save(self, *args, **kwargs):
        # Anchoring is derived data, like a checksum: keeping it out of save() would let a
        # stale match reach readers through any path that forgets to re-anchor.
        self.anchor()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {
                *kwargs["update_fields"],
                "prefix",
                "suffix",
                "start",
                "end",
                "match",
                "similarity",
            }
        super().save(*args, **kwargs)

    def anchor(self) -> AnchorResult:
        """Locate the passage in the source's current text and record the outcome."""
        if not self.exact.strip():
            self.exact = self.default_passage()
        result = locate(
            self.source.text, self.exact, prefix=self.prefix, suffix=self.suffix, hint=self.start
        )
        self.match = result.match
        self.start, self.end = result.start, result.end
        self.similarity = result.similarity
        if result.found:
            self.prefix, self.suffix = result.prefix, result.suffix
        return result

    def clean(self):
        super().clean()
        if not self.exact.strip():
            # Filled in here as well as on save, so that validation sees the passage that
            # will be anchored (full_clean checks constraints after clean()).
            self.exact = self.default_passage()
        if not self.exact.strip():
            raise ValidationError({"exact": "Give the passage of the source to anchor."})

    def default_passage(self) -> str:
        """What to look for when the editor gives no passage."""
        return ""

    @property
    def found_passage(self) -> str:
        """The source's own words at the anchor (they differ from `exact` when approximate)."""
        if self.start is None:
            return ""
        return self.source.text[self.start : self.end]

    @property
    def match_description(self) -> str:
        if self.match == self.Match.APPROXIMATE:
            return f"Approximate ({self.similarity:.0%} similar)"
        return self.get_match_display()
