from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from apps.core.models import TimeStampedModel


class Topic(TimeStampedModel):
    name = models.CharField(
        max_length=120, unique=True, help_text="As readers see it, e.g. “Iran–Israel conflict”."
    )
    slug = models.SlugField(max_length=140, unique=True, help_text="Used in the topic's URL.")
    description = models.TextField(
        blank=True, help_text="One or two sentences shown on the topic page."
    )

    history = HistoricalRecords()

    sync_link_fields = ("name", "slug")  # what claims and quotes show (apps/core/sync.py)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("web:topic-detail", kwargs={"slug": self.slug})
