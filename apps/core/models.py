from django.core.exceptions import ValidationError
from django.db import models, router

from apps.core.constraint_checks import failed_checks
from apps.core.guard import check_write
from apps.core.reader_keys import every, key
from apps.core.text import validate_text


class CuratedQuerySet(models.QuerySet):
    """Curated rows in bulk: each write is checked by the write guard (apps/core/guard.py),
    since bulk writes send no signal and call no `save()`."""

    def bulk_create(self, objs, *args, **kwargs):
        check_write(self.model, "bulk_create")
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, *args, **kwargs):
        check_write(self.model, "bulk_update")
        return super().bulk_update(objs, *args, **kwargs)

    def update(self, **kwargs):
        check_write(self.model, "update()")
        return super().update(**kwargs)

    def delete(self):
        check_write(self.model, "delete()")
        return super().delete()

    delete.alters_data = True
    delete.queryset_only = True


class TimeStampedModel(models.Model):
    """Every curated row knows when it was made and last changed, and is written only by
    its app's services (the write guard checks each save and delete).

    `updated_at` is what API clients sync on (`updated_since`), so it is indexed.
    """

    created_at = models.DateTimeField(auto_now_add=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True, editable=False, db_index=True)

    objects = CuratedQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        check_write(type(self), "save()")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        check_write(type(self), "delete()")
        return super().delete(*args, **kwargs)

    def reader_keys(self) -> set[str]:
        """What a change to this row, as the database holds it now, makes stale for readers
        (apps/core/reader_keys.py): nothing if they cannot see it. This default is for rows
        readers see whenever they exist (topics, publishers, ratings): the row and its kind's
        lists. Models with a `public()` rule override it."""
        return {key(type(self), self.pk), every(type(self))}

    def validate_constraints(self, exclude=None):
        """Django's validation of the constraints, with every check constraint of a model
        asked of the database in one query (apps/core/constraint_checks.py) instead of one
        query each; the same errors, under the same keys."""
        using = router.db_for_write(type(self), instance=self)
        errors = {}
        for model_class, constraints in self.get_constraints():
            checks = [c for c in constraints if isinstance(c, models.CheckConstraint)]
            failed = failed_checks(self, model_class, checks, exclude, using) if checks else []
            if failed is None:
                failed, checks = [], []  # each asked as Django asks it, below
            for error in failed:
                errors = error.update_error_dict(errors)
            for constraint in constraints:
                if constraint in checks:
                    continue
                try:
                    constraint.validate(model_class, self, exclude=exclude, using=using)
                except ValidationError as error:
                    if getattr(error, "code", None) == "unique" and len(constraint.fields) == 1:
                        errors.setdefault(constraint.fields[0], []).append(error)
                    else:
                        errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def clean_fields(self, exclude=None):
        """Each field's own checks, and no control characters in any text (apps/core/text.py):
        every service validates with `full_clean`, so no door stores one."""
        errors = {}
        try:
            super().clean_fields(exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self._meta.concrete_fields:
            if not isinstance(field, models.CharField | models.TextField):
                continue
            if (exclude and field.name in exclude) or field.name in errors:
                continue
            try:
                validate_text(getattr(self, field.attname))
            except ValidationError as error:
                errors.setdefault(field.name, []).extend(error.error_list)
        if errors:
            raise ValidationError(errors)


class Tombstone(models.Model):
    """An object clients may no longer read: retracted, unpublished, rejected or deleted.

    Kept while the object is not public (apps/core/sync.py), so that clients keeping a
    copy learn to drop it; removed when it is public again.
    """

    kind = models.CharField(max_length=40, help_text="What it was: claim, quote, source …")
    object_id = models.BigIntegerField(help_text="Its id in the API.")
    removed_at = models.DateTimeField(help_text="When clients lost sight of it.")
    reason = models.CharField(
        max_length=40, help_text="retracted, unpublished, rejected, hidden or deleted."
    )

    objects = CuratedQuerySet.as_manager()

    class Meta:
        ordering = ["removed_at", "id"]
        indexes = [
            # /api/v1/tombstones/?since=…, oldest first, a page at a time.
            models.Index(fields=["removed_at", "id"], name="tombstone_since"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="tombstone_one_per_object"),
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id} ({self.reason} at {self.removed_at:%Y-%m-%d %H:%M})"
