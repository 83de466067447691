from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import SHA256, Length
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from apps.core.models import CuratedQuerySet, TimeStampedModel
from apps.core.reader_keys import every, key, keys, touched
from apps.sources.anchoring import AnchorResult, Match, locate


class Publisher(TimeStampedModel):
    name = models.CharField(max_length=200, unique=True, help_text="Such as “Reuters”.")
    slug = models.SlugField(max_length=220, unique=True)
    home_page = models.URLField(blank=True, help_text="The publisher's home page.")

    history = HistoricalRecords()

    sync_link_fields = ("name", "slug")  # what sources show (apps/core/sync.py)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ChecksummedText(TimeStampedModel):
    """A text whose SHA-256 the database computes (a generated column, on every write
    however the row is written, so the checksum can never disagree with the text)."""

    text_sha256 = models.GeneratedField(
        expression=SHA256("text"),
        output_field=models.CharField("SHA-256 of the text", max_length=64),
        db_persist=True,
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # The database has just computed the checksum of the new text; forget the one held
        # here so that the next read of `text_sha256` fetches it instead of a stale value.
        self.__dict__.pop("text_sha256", None)


class SourceQuerySet(CuratedQuerySet):
    def public(self):
        """The one rule for which sources readers and anonymous clients may see."""
        return self.filter(status=Source.Status.PUBLISHED)


class Source(ChecksummedText):
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
    archive_url = models.URLField(
        "archive URL", max_length=2000, blank=True, help_text="A copy in a web archive, if any."
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PUBLISHED)
    # The text's version: 1 until the text of the published source is replaced, when the
    # text it had is archived as a SourceVersion of that number (apps/sources/services.py).
    text_version = models.PositiveIntegerField(default=1, editable=False)
    text_set_at = models.DateTimeField(
        "text set at", null=True, blank=True, editable=False, help_text="When the text was set."
    )
    text_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = SourceQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["text_sha256"])

    # What quotes and claims show of a source through their passages (apps/core/sync.py):
    # its link, and the found words, cut from the text.
    sync_link_fields = ("title", "slug", "status", "text")
    sync_embeds = ("publisher",)

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

    def reader_keys(self) -> set[str]:
        """A published source shows on its page and the sources' lists, and in the passages
        of the quotes and claims anchored in it: whether readers see those passages depends
        on the source's status (PassageQuerySet.public())."""
        if not Source.objects.public().filter(pk=self.pk).exists():
            return set()
        found = {key(Source, self.pk), every(Source)}
        for passage in AnchoredPassage.kinds():
            owner = passage.owner_field()
            owners = passage._default_manager.filter(source=self.pk).values_list(
                owner.attname, flat=True
            )
            found |= keys(owner.related_model, owners)
        return found


class SourceVersion(ChecksummedText):
    """A text a published source had before it was replaced, kept with its SHA-256, when
    it was set and by whom, and how the passages anchored in it moved to the next one.

    Written only by `source_update`; never changed. Readers find each one on the source's
    page (/sources/<slug>/versions/<number>/), with its text as plain UTF-8 to check the
    SHA-256 against.
    """

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(help_text="1 for the first text, then 2, 3 …")
    text = models.TextField()
    set_at = models.DateTimeField(null=True, blank=True, help_text="When this text was set.")
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    replaced_at = models.DateTimeField(help_text="When the next text replaced it.")
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    change_note = models.TextField(
        blank=True, help_text="Why the text was replaced, as readers see it."
    )
    # [{"kind": "citation", "id": 7, "before": [start, end, match], "after": […]}, …]
    moved_passages = models.JSONField(
        default=list, blank=True, help_text="The passages whose anchor moved in the next text."
    )

    class Meta:
        ordering = ["source", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "number"],
                name="source_version_unique",
                violation_error_message="The source already has a text of this number.",
            ),
        ]

    def __str__(self):
        return f"{self.source}, text version {self.number}"

    def reader_keys(self) -> set[str]:
        """An earlier text shows on its published source's pages."""
        if not Source.objects.public().filter(pk=self.source_id).exists():
            return set()
        return {key(Source, self.source_id)}

    def get_absolute_url(self):
        return reverse(
            "web:source-version", kwargs={"slug": self.source.slug, "number": self.number}
        )


class PassageQuerySet(CuratedQuerySet):
    """The QuerySet of every kind of passage (appearances, citations): its rules hold for
    each, through the passage's owner (`AnchoredPassage.owner_field()`)."""

    def public(self):
        """The one rule for which passages readers and anonymous clients may see: those of
        a public owner (a public quote, a public claim) in a public source."""
        owner = self.model.owner_field()
        owners = owner.related_model._default_manager.public()
        return self.in_public_sources().filter(**{f"{owner.name}__in": owners})

    def in_public_sources(self):
        """Passages in public sources, whatever their owner: for reading the passages of
        owners whose visibility the caller's query has already decided (a claim retracted
        on record keeps its citations on its page, in the API and in the dump)."""
        return self.filter(source__in=Source.objects.public())

    def found_in_public_sources(self):
        """Passages a reader can check: found (exactly or approximately) in the text of a
        published source."""
        return self.in_public_sources().exclude(match=AnchoredPassage.Match.NOT_FOUND)


class AnchoredPassage(TimeStampedModel):
    """A passage of a source's text, located by a W3C text-quote selector.

    `exact` is the passage as the editor (or the quote) gives it; `start`/`end` locate the
    span of the source's text that matched it, which may differ where the match is
    approximate. The passage services anchor it whenever it or its source's text changes
    (apps/sources/services.py `passage_save`, `source_update`), so these never go stale.
    """

    Match = Match

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
    # Kept with the anchor rather than cut from the source's text as it is read: cutting a
    # passage out of a long (compressed, out-of-line) text costs the database the text up
    # to it: nearly half of a page of quotes' database time (bench/README.md, "Found
    # passages kept").
    found_passage = models.TextField(
        blank=True,
        default="",
        editable=False,
        help_text="The source's own words at the anchor (they differ from the passage when "
        "the match is approximate; empty when not found).",
    )

    objects = PassageQuerySet.as_manager()

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
            models.CheckConstraint(
                condition=(
                    Q(match="not_found", found_passage="")
                    | Q(
                        ~Q(match="not_found"),
                        ~Q(found_passage=""),
                        Exact(Length("found_passage"), F("end") - F("start")),
                    )
                ),
                name="%(class)s_found_passage_fits_anchor",
                violation_error_message="A found passage holds the source's words from its "
                "start to its end; a passage not found has none.",
            ),
        ]

    def reader_keys(self) -> set[str]:
        """A passage readers see shows on its owner's page and its source's page: readers
        see it while its source is published and its owner is on record (a retracted
        claim keeps its citations on its page)."""
        owner = self.owner_field()
        owners = owner.related_model._default_manager
        on_record = owners.on_record() if hasattr(owners, "on_record") else owners.public()
        owner_id = getattr(self, owner.attname)
        if not (
            Source.objects.public().filter(pk=self.source_id).exists()
            and on_record.filter(pk=owner_id).exists()
        ):
            return set()
        return {key(owner.related_model, owner_id), key(Source, self.source_id)}

    @classmethod
    def kinds(cls) -> list[type["AnchoredPassage"]]:
        """The one list of the kinds of passage (appearances, then citations, in the order
        their apps are installed). Found through Source's reverse relations rather than by
        importing the quotes and claims apps, which sit above this one."""
        return [
            relation.related_model
            for relation in Source._meta.related_objects
            if issubclass(relation.related_model, cls)
        ]

    @classmethod
    def owner_field(cls) -> models.ForeignKey:
        """The field naming what a passage belongs to: an appearance's `quote`, a
        citation's `claim`."""
        (owner,) = (
            field
            for field in cls._meta.concrete_fields
            if field.many_to_one and field.name != "source"
        )
        return owner

    @classmethod
    def owner_name(cls) -> str:
        """The name of `owner_field()`. It is also the passage's kind on a highlighted text."""
        return cls.owner_field().name

    @classmethod
    def touch_owners(cls, passages) -> None:
        """Mark what these passages belong to as changed (`updated_at`): a quote's or a
        claim's representation includes its passages, and clients sync on that time."""
        field = cls._meta.get_field(cls.owner_name())
        ids = {getattr(passage, field.attname) for passage in passages}
        if ids:
            field.related_model._default_manager.filter(pk__in=ids).update(
                updated_at=timezone.now()
            )
            touched(field.related_model, ids)

    @classmethod
    def check_sources_change(cls, source_ids) -> None:
        """Refuse (ValidationError) a change to these sources' text or status that leaves
        what these passages support without a passage found in a published source.
        Each kind of passage says what that means for it."""

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
        self.found_passage = self.source.text[result.start : result.end] if result.found else ""
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
    def match_description(self) -> str:
        if self.match == self.Match.APPROXIMATE:
            return f"Approximate ({self.similarity:.0%} similar)"
        return self.get_match_display()
