from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from apps.core.models import CuratedQuerySet, TimeStampedModel
from apps.core.reader_keys import every, key

WIKIDATA_ID_PATTERN = r"^Q[1-9][0-9]*$"
wikidata_id_validator = RegexValidator(
    WIKIDATA_ID_PATTERN,
    "A Wikidata id is a Q followed by digits, with no leading zero, such as Q7747.",
)


class SpeakerQuerySet(CuratedQuerySet):
    def public(self):
        """The one rule for which speakers readers and anonymous clients may see."""
        return self.filter(status=Speaker.Status.PUBLISHED)


class Speaker(TimeStampedModel):
    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        ORGANISATION = "organisation", "Organisation"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    name = models.CharField(max_length=200, help_text="Full name as it should be displayed.")
    slug = models.SlugField(max_length=220, unique=True, help_text="Used in the speaker's URL.")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PERSON)
    description = models.CharField(
        max_length=300,
        blank=True,
        help_text="A short description, such as “President of Russia”.",
    )
    wikidata_id = models.CharField(
        "Wikidata id",
        max_length=20,
        blank=True,
        validators=[wikidata_id_validator],
        help_text="The speaker's Wikidata item, such as Q7747 for Vladimir Putin.",
    )
    status = models.CharField(
        max_length=20,
        choices=Status.choices,
        default=Status.PUBLISHED,
        help_text="Draft speakers (for example, names found by an import) are not public.",
    )

    objects = SpeakerQuerySet.as_manager()
    history = HistoricalRecords()

    # What other objects show of a speaker (apps/core/sync.py).
    sync_link_fields = ("name", "slug", "status")

    class Meta:
        ordering = ["name"]
        # /speakers/ and /api/v1/speakers/ read public speakers by name a page at a time:
        # without it each page sorted every speaker (4 ms at 9,000, growing with the table).
        indexes = [
            models.Index(
                fields=["name", "id"],
                condition=Q(status="published"),
                name="speaker_public_by_name",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["wikidata_id"],
                condition=~Q(wikidata_id=""),
                name="speaker_wikidata_id_unique",
                violation_error_message="Another speaker already has this Wikidata id.",
            ),
            models.CheckConstraint(
                condition=Q(wikidata_id="") | Q(wikidata_id__regex=WIKIDATA_ID_PATTERN),
                name="speaker_wikidata_id_format",
                violation_error_message=wikidata_id_validator.message,
            ),
        ]

    def __str__(self):
        return self.name

    def reader_keys(self) -> set[str]:
        """A published speaker's change shows on their page and the speakers' lists, and
        whether their quotes are public depends on their status (Quote.objects.public())."""
        if not Speaker.objects.public().filter(pk=self.pk).exists():
            return set()
        return {key(Speaker, self.pk), every(Speaker), every(self.quotes.model)}

    @property
    def is_public(self) -> bool:
        """`SpeakerQuerySet.public`'s rule, for a speaker already read."""
        return self.status == Speaker.Status.PUBLISHED

    def get_absolute_url(self):
        return reverse("web:speaker-detail", kwargs={"slug": self.slug})

    @property
    def wikidata_url(self) -> str:
        return f"https://www.wikidata.org/wiki/{self.wikidata_id}" if self.wikidata_id else ""


class SpeakerAlias(TimeStampedModel):
    """Another name a speaker is attributed by: “Putin”, “the Russian President”."""

    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200, help_text="As it appears in attributions.")

    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "speaker aliases"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["speaker", "name"], name="speaker_alias_unique"),
        ]

    def __str__(self):
        return self.name

    def reader_keys(self) -> set[str]:
        return _speaker_detail_keys(self.speaker_id)


class SpeakerRole(TimeStampedModel):
    """A position the speaker held, so a quote can show the role at the time it was said."""

    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="roles")
    title = models.CharField(max_length=200, help_text="Such as “President”.")
    organisation = models.CharField(max_length=200, blank=True, help_text="Such as “Russia”.")
    start = models.DateField(null=True, blank=True, help_text="Leave empty if unknown.")
    end = models.DateField(null=True, blank=True, help_text="Leave empty while the role is held.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__isnull=True)
                | Q(end__isnull=True)
                | Q(end__gte=models.F("start")),
                name="speaker_role_ends_after_start",
                violation_error_message="A role cannot end before it starts.",
            ),
        ]

    def __str__(self):
        return f"{self.title}, {self.organisation}" if self.organisation else self.title

    def reader_keys(self) -> set[str]:
        return _speaker_detail_keys(self.speaker_id)

    def held_on(self, day) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


def _speaker_detail_keys(speaker_id) -> set[str]:
    """An alias or role shows on its speaker's page and in the lists and searches that
    name the speaker, while the speaker is published."""
    if not Speaker.objects.public().filter(pk=speaker_id).exists():
        return set()
    return {key(Speaker, speaker_id), every(Speaker)}
