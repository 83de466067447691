from django.db import models


class TimeStampedModel(models.Model):
    """Every curated row knows when it was made and last changed.

    `updated_at` is what API clients sync on (`updated_since`), so it is indexed.
    """

    created_at = models.DateTimeField(auto_now_add=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True, editable=False, db_index=True)

    class Meta:
        abstract = True
