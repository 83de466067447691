from datetime import UTC, datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from simple_history.models import HistoricalRecords

from apps.core.history import HistoryWithRelated
from apps.core.models import CuratedQuerySet, TimeStampedModel
from apps.core.reader_keys import every, key, keys
from apps.core.writes import refusal
from apps.quotes.models import Quote
from apps.sources.models import AnchoredPassage, Source
from apps.speakers.models import Speaker
from apps.topics.models import Topic


class Rating(TimeStampedModel):
    """One step of the verdict scale. The default scale ships as a data migration."""

    class NormalisedClass(models.TextChoices):
        # The classes ClaimsKG normalises every fact-checker's scale into.
        TRUE = "true", "True"
        FALSE = "false", "False"
        MIXTURE = "mixture", "Mixture"
        OTHER = "other", "Other"

    label = models.CharField(max_length=60, unique=True, help_text="As shown on the verdict badge.")
    slug = models.SlugField(max_length=60, unique=True)
    score = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        unique=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="1 (worst) to 5 (best); empty for verdicts off the scale, such as Unproven. "
        "Published as ClaimReview ratingValue.",
    )
    description = models.TextField(help_text="What the verdict means, shown to readers.")
    colour = models.CharField(
        max_length=7,
        help_text="Badge colour as #rrggbb. The badge always shows the label too.",
    )
    normalised_class = models.CharField(
        max_length=10,
        choices=NormalisedClass.choices,
        help_text="The ClaimsKG class this verdict maps to, for data exchange.",
    )

    history = HistoricalRecords()

    sync_link_fields = ("label", "slug", "score", "normalised_class")  # apps/core/sync.py

    class Meta:
        ordering = [models.F("score").desc(nulls_last=True)]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=5),
                name="rating_score_1_to_5",
                violation_error_message="A rating's score runs from 1 (worst) to 5 (best).",
            ),
            models.CheckConstraint(
                condition=Q(colour__regex=r"^#[0-9a-fA-F]{6}$"),
                name="rating_colour_hex",
                violation_error_message="Give the colour as #rrggbb.",
            ),
        ]

    def __str__(self):
        return self.label

    BEST_SCORE = 5
    WORST_SCORE = 1


class ClaimQuerySet(CuratedQuerySet):
    def public(self):
        """The one rule for which claims readers and anonymous clients may see."""
        return self.filter(status=Claim.Status.PUBLISHED)

    def on_record(self):
        """Claims whose page answers: the public ones and the retracted ones, which keep
        their URL to say when and why they were retracted."""
        return self.filter(status__in=[Claim.Status.PUBLISHED, Claim.Status.RETRACTED])


class Claim(TimeStampedModel):
    """A checkable statement, with its verdict and the evidence for it."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        PUBLISHED = "published", "Published"
        RETRACTED = "retracted", "Retracted"

    statement = models.TextField(help_text="The claim as one checkable sentence.")
    slug = models.SlugField(max_length=220, unique=True, help_text="Used in the claim's URL.")
    claimant = models.ForeignKey(
        Speaker,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims",
        help_text="Who made the claim, if a speaker did.",
    )
    quote = models.ForeignKey(
        Quote,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims",
        help_text="The quote the claim was drawn from, if any.",
    )
    rating = models.ForeignKey(
        Rating,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims",
        help_text="The verdict. Leave empty until the evidence is weighed.",
    )
    summary = models.CharField(
        "verdict summary",
        max_length=500,
        blank=True,
        help_text="The verdict in one sentence, shown under the badge.",
    )
    analysis = models.TextField(
        blank=True, help_text="The reasoning, referring to the cited sources."
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="claims")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="reviewed_claims",
    )
    # Who wrote the claim and who last changed what readers see (not who moved it through
    # the workflow): four eyes keep both from publishing it (apps/claims/workflow.py).
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = ClaimQuerySet.as_manager()
    history = HistoryWithRelated(m2m_fields=[topics])

    # What a claim shows of other objects (apps/core/sync.py).
    sync_embeds = (
        "claimant",
        "quote",
        "rating",
        "topics",
        "citations__source",
        "corrections__rating_before",
        "corrections__rating_after",
    )

    class Meta:
        ordering = ["-published_at", "-id"]
        # Published claims newest first, a page at a time, never sorted whole.
        indexes = [
            # /api/v1/claims/ and its `next` pages (undated sort as the earliest: the API's
            # cursors need a non-null key, apps/api/backends.py EARLIEST_DATETIME).
            models.Index(
                Coalesce("published_at", Value(datetime(1, 1, 1, tzinfo=UTC))).desc(),
                F("id").desc(),
                condition=Q(status="published"),
                name="claim_public_newest",
            ),
            # The pages, feeds and sitemap list them newest first by the model's ordering:
            # the home page's latest, a claim's related claims (walked until 5 share a topic).
            models.Index(
                F("published_at").desc(),
                F("id").desc(),
                condition=Q(status="published"),
                name="claim_public_published",
            ),
            # A speaker's page and feed: their latest fact-checks.
            models.Index(
                "claimant",
                F("published_at").desc(),
                F("id").desc(),
                condition=Q(status="published"),
                name="claim_public_claimant_newest",
            ),
            # A speaker's scorecard: their published claims counted by verdict, from the
            # index alone (an index-only scan), not from the rows: a speaker with 20,000
            # claims took 60–100 ms reading them from the table at 200,000 claims.
            models.Index(
                "claimant",
                "rating",
                condition=Q(status="published"),
                name="claim_public_claimant_rating",
            ),
        ]
        permissions = [
            ("publish_claim", "Can publish and retract claims, and change published verdicts"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(statement__regex=r"\S"),
                name="claim_statement_not_blank",
                violation_error_message="A claim needs its statement.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "in_review"]) | Q(published_at__isnull=False),
                name="claim_published_has_date",
                violation_error_message="A published or retracted claim has a publication date.",
            ),
        ]

    def __str__(self):
        return self.statement if len(self.statement) <= 100 else self.statement[:97] + "…"

    def get_absolute_url(self):
        return reverse("web:claim-detail", kwargs={"slug": self.slug})

    def reader_keys(self) -> set[str]:
        """A claim on record shows on its page, the claims' lists, searches and feeds, its
        claimant's page, its quote's page, its topics' pages and the pages of the sources it
        cites."""
        if not Claim.objects.on_record().filter(pk=self.pk).exists():
            return set()
        return (
            {key(Claim, self.pk), every(Claim)}
            | keys(Speaker, [self.claimant_id])
            | keys(Quote, [self.quote_id])
            | keys(Topic, self.topics.values_list("pk", flat=True))
            | keys(Source, self.citations.values_list("source_id", flat=True))
        )


class Citation(AnchoredPassage):
    """A claim's link to a passage of a source that states, supports or contradicts it."""

    class Relation(models.TextChoices):
        STATES = "states", "States the claim"
        SUPPORTS = "supports", "Supports it"
        CONTRADICTS = "contradicts", "Contradicts it"
        CONTEXT = "context", "Gives context"

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="citations")
    relation = models.CharField(max_length=20, choices=Relation.choices)
    note = models.TextField(blank=True, help_text="Why this passage matters to the verdict.")

    history = HistoricalRecords()

    class Meta(AnchoredPassage.Meta):
        ordering = ["claim", "relation", "start"]

    def __str__(self):
        return f"{self.source} {self.get_relation_display().lower()}: {self.claim}"

    def get_absolute_url(self):
        return f"{self.source.get_absolute_url()}#{self.html_id}"

    @property
    def html_id(self) -> str:
        return f"citation-{self.pk}"

    @classmethod
    def check_sources_change(cls, source_ids) -> None:
        """A published claim keeps a citation found in a published source (two queries)."""
        cited = Claim.objects.public().filter(citations__source__in=source_ids)
        supported = cls.objects.found_in_public_sources().filter(claim__in=cited)
        left = list(cited.exclude(pk__in=supported.values("claim_id")).distinct()[:6])
        if left:
            raise refusal(
                {
                    "__all__": "This would leave published claims without a citation found in "
                    f"a published source: {_listed(left)}. Cite another passage for them, or "
                    "retract them, first."
                },
                code="citation_required",
            )


class CorrectionQuerySet(CuratedQuerySet):
    def public(self):
        """Corrections and retractions readers see: those of published or retracted claims."""
        return self.filter(claim__status__in=[Claim.Status.PUBLISHED, Claim.Status.RETRACTED])


def _listed(objects: list) -> str:
    """“A”, “B” and more: at most five, named for an editor."""
    named = ", ".join(f"“{obj}”" for obj in objects[:5])
    return f"{named} and more" if len(objects) > 5 else named


class Correction(TimeStampedModel):
    """A public, dated note recording a change to a published claim, or its retraction.

    Written only by the claims' services: a change of substance to a published claim comes
    with one (apps/claims/editing.py), and so does a retraction (apps/claims/workflow.py).
    """

    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        RETRACTION = "retraction", "Retraction"

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CORRECTION)
    date = models.DateField()
    note = models.TextField(help_text="What changed and why, for readers.")
    rating_before = models.ForeignKey(
        Rating, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    rating_after = models.ForeignKey(
        Rating, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = CorrectionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["claim", "date", "id"]
        indexes = [
            # /corrections/ and its feed: every public correction, newest first.
            models.Index(F("date").desc(), F("id").desc(), name="correction_newest"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(note__regex=r"\S"),
                name="correction_note_not_blank",
                violation_error_message="A correction needs a note for readers.",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} of {self.date:%Y-%m-%d} to “{self.claim}”"

    def get_absolute_url(self):
        return f"{self.claim.get_absolute_url()}#correction-{self.pk}"

    def reader_keys(self) -> set[str]:
        """A correction readers see shows on its claim's page and the corrections' list
        and feed."""
        if not Correction.objects.public().filter(pk=self.pk).exists():
            return set()
        return {key(Correction, self.pk), every(Correction), key(Claim, self.claim_id)}


class ClaimRevision(TimeStampedModel):
    """Changes to a published claim proposed by an editor, for a reviewer to accept or reject.

    `changes` holds the proposed values of what readers see, by field name (related objects
    by primary key; `citations` as the whole new list, each item with the `id` of the
    citation it keeps, if any), and `before` the claim's values of those fields when they
    were proposed: a revision is accepted only while the claim still has them.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="revisions")
    changes = models.JSONField(help_text="The proposed values, by field.")
    before = models.JSONField(help_text="The claim's values of those fields when proposed.")
    correction_note = models.TextField(
        blank=True, help_text="The public correction the change comes with, if one is needed."
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True, help_text="Why it was rejected, if it was.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # The review queue and a claim's page: pending revisions, oldest first.
            models.Index(
                "claim", "created_at", condition=Q(status="pending"), name="revision_pending"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="pending", decided_at__isnull=True)
                | Q(~Q(status="pending"), decided_at__isnull=False),
                name="revision_decided_has_date",
                violation_error_message="A decided revision has a decision date; a pending "
                "one has none.",
            ),
        ]

    def reader_keys(self) -> set[str]:
        """A proposed change is the editors' business until accepted, which saves the claim."""
        return set()

    def __str__(self):
        return f"Revision {self.pk} of “{self.claim}”"


class ClaimEmbedding(models.Model):
    """What a claim's statement means, as a vector, for claim matching
    (apps/claims/matching/semantic.py). Derived data, not curated content: written by
    `claims_embed` only, never shown to readers, kept without history, and rebuilt at will
    (`manage.py embed_claims`). The model and dimensions it was made with are stored so that
    a new model is noticed and the claims embedded again."""

    claim = models.OneToOneField(
        Claim, on_delete=models.CASCADE, primary_key=True, related_name="embedding"
    )
    model = models.CharField(max_length=100, help_text="The embedding model and its version.")
    dims = models.PositiveSmallIntegerField(help_text="How many dimensions `vector` holds.")
    vector = models.BinaryField(help_text="The unit vector quantised to `dims` signed bytes.")
    # Each process's index reads the rows embedded since it last looked
    # (semantic.ClaimIndex.refresh): one range scan of this index per match.
    embedded_at = models.DateTimeField(db_index=True)
    # When this claim's neighbours (ClaimNeighbour) were found from this vector; empty
    # until then, and again whenever the statement is embedded anew.
    neighbours_found_at = models.DateTimeField(null=True, blank=True)

    # Derived rows readers never see: no staleness receivers, so deletes stay fast.
    derived_data = True

    class Meta:
        ordering = ["claim_id"]

    def __str__(self):
        return f"Embedding of claim {self.claim_id} ({self.model}, {self.dims})"

    def reader_keys(self) -> set[str]:
        """Readers never see an embedding: writing one makes no cached response stale
        (apps/ops/staleness.py)."""
        return set()


class ClaimNeighbour(models.Model):
    """A public claim most like another one, with their matching score (0..1): the similar
    claims a claim's page shows, found once when the claim is published or its statement
    changes (apps/claims/matching/neighbours.py) instead of on every visit. Derived data
    like ClaimEmbedding: never curated, kept without history, found again at will
    (`manage.py find_similar_claims`). The score is symmetric, so a claim found like
    another is also kept among that one's neighbours."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="neighbours")
    neighbour = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="neighbour_of")
    score = models.FloatField()

    derived_data = True

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["claim", "neighbour"], name="claims_neighbour_once")
        ]

    def __str__(self):
        return f"Claim {self.neighbour_id} like claim {self.claim_id} ({self.score:.2f})"

    def reader_keys(self) -> set[str]:
        """Written after the claim's own commit, which made its pages stale; the matching
        code names the pages a new neighbour changes (neighbours.py)."""
        return set()
