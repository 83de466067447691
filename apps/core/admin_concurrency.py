"""Two editors saving the same object in the admin: the second is told, and loses nothing.

A change form carries, in a hidden field, the `updated_at` of the row it was opened from
(every save moves it: TimeStampedModel's `auto_now`). When the form is posted, the row is
locked (`select_for_update()`, inside the transaction in which the admin validates and
saves the form) and its `updated_at` compared with the one carried. If they differ,
someone saved in between: the form is refused with an error naming who and when, the
editor's input is shown again as typed, and the hidden field now carries the version just
read, so that a second, deliberate "Save" replaces that version (which history keeps) with
theirs. Two posts of the same version cannot both pass: the second waits for the first's
lock and then reads the version the first wrote.

What is versioned is the object's own row; inline rows (citations, aliases …) are saved by
their own primary keys as before.
"""

from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

VERSION_FIELD = "loaded_version"


class VersionField(forms.CharField):
    """The `updated_at` a change form was opened from, as ISO 8601 text."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, strip=True, **kwargs)

    def to_python(self, value) -> datetime | None:
        text = super().to_python(value)
        if not text:
            return None
        parsed = parse_datetime(text)
        if parsed is None:
            raise ValidationError("The form's version is not a date and time.", code="invalid")
        return parsed


def describe_change(obj) -> str:
    """“Ada Lovelace (ada) at 00:31:05 UTC on 22 Nov 2026”: the last saved version of `obj`.

    One query, on the object's history (django-simple-history), when it has one.
    """
    when = timezone.localtime(obj.updated_at)
    when_text = f"{when:%H:%M:%S} {when.tzname()} on {when.day} {when:%b %Y}"
    history = getattr(obj, "history", None)
    latest = history.select_related("history_user").first() if history is not None else None
    user = getattr(latest, "history_user", None)
    if user is None:
        who = "someone else (an import or a script)"
    else:
        full_name = user.get_full_name() if hasattr(user, "get_full_name") else ""
        who = f"{full_name} ({user.get_username()})" if full_name else user.get_username()
    return f"{who} at {when_text}"


class VersionCheckedForm(forms.ModelForm):
    """A model form refused if its object was saved after the form was opened.

    Mixed in before the admin's own form class (see ConcurrentEditAdmin.get_form). The
    check takes a row lock; called outside a transaction it reads without one.
    """

    loaded_version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and not self.is_bound:
            self.initial[VERSION_FIELD] = self.instance.updated_at.isoformat()

    def clean(self):
        # Before the form's own checks, so that they compare with the row as it now is.
        if self.instance.pk is not None:
            self._check_version()
        return super().clean()

    def _check_version(self) -> None:
        model = type(self.instance)
        using = router.db_for_write(model)
        rows = model._base_manager.using(using).filter(pk=self.instance.pk)
        if transaction.get_connection(using).in_atomic_block:
            rows = rows.select_for_update()
        current = rows.first()
        if current is None:
            raise ValidationError(
                f"This {model._meta.verbose_name} has been deleted since you opened it.",
                code="deleted",
            )
        loaded = self.cleaned_data.get(VERSION_FIELD)
        if loaded is not None and loaded == current.updated_at:
            return
        # Re-rendered, the form carries the version just read: saving again is deliberate.
        self.data = self.data.copy()
        self.data[self.add_prefix(VERSION_FIELD)] = current.updated_at.isoformat()
        if loaded is None:
            message = (
                "This form does not say which version of the "
                f"{model._meta.verbose_name} it was opened from, so saving it could undo "
                f"another editor's change; it was last saved by {describe_change(current)}."
            )
        else:
            message = (
                f"This {model._meta.verbose_name} was changed by {describe_change(current)}, "
                "after you opened it. Nothing of yours has been saved: your changes are "
                "still in the form below. Compare them with that version (History), then "
                "save again to replace it with yours, or reload the page to start from it."
            )
        raise ValidationError(message, code="edit_conflict")


class ConcurrentEditAdmin:
    """ModelAdmin mixin: change forms are VersionCheckedForm (see the module's docstring).

    Put it before the admin's base class: `class ClaimAdmin(ConcurrentEditAdmin, CuratedAdmin)`.
    The model needs an `updated_at` that every save moves (TimeStampedModel).
    """

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if not change or issubclass(form, VersionCheckedForm):
            return form
        return type(form.__name__, (VersionCheckedForm, form), {})

    def render_change_form(self, request, context, add=False, change=False, **kwargs):
        adminform = context.get("adminform")
        if adminform is not None and VERSION_FIELD in adminform.form.fields:
            # The admin renders only the fields its fieldsets name; this one has no label.
            adminform.fieldsets.append((None, {"fields": [VERSION_FIELD], "classes": ["hidden"]}))
        return super().render_change_form(request, context, add, change, **kwargs)
