"""Two editors saving the same object in the admin: the second is told, and loses nothing.

A change form carries, in a hidden field, the `updated_at` of the row it was opened from:
the object's version (apps/core/versions.py), which moves with every save of the object
and of its inlines. The admin hands it to the update service as `expected_version`
(`form_fields` in apps/core/admin_services.py), and the service checks it with the row
locked, as it checks the version an API client sends in `If-Match`. If someone saved in
between, the service refuses with an edit conflict; the admin rolls the save back and
shows the form again, with an error naming who saved and when, the editor's input as
typed, and the hidden field carrying the version just read, so that a second, deliberate
"Save" replaces that version (which history keeps) with theirs.

A form that carries no version at all is refused by the form itself: saving it could undo
a change nobody compared.
"""

from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.dateparse import parse_datetime

from apps.core.versions import describe_change

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


class VersionCheckedForm(forms.ModelForm):
    """A model form that carries the version of the object it was opened from.

    Mixed in before the admin's own form class (see ConcurrentEditAdmin.get_form).
    `edit_conflict` is the service's refusal of the save just tried with this form's data
    (set by ConcurrentEditAdmin on the form class it shows again): the form is refused
    with it.
    """

    loaded_version = VersionField()
    edit_conflict: ValidationError | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and not self.is_bound:
            self.initial[VERSION_FIELD] = self.instance.updated_at.isoformat()

    def clean(self):
        if self.instance.pk is not None:
            if self.edit_conflict is not None:
                self._refuse(self.edit_conflict.params)
            if self.cleaned_data.get(VERSION_FIELD) is None:
                self._refuse_unversioned()
        return super().clean()

    def _carry(self, version) -> None:
        # Re-rendered, the form carries the version just read: saving again is deliberate.
        self.data = self.data.copy()
        self.data[self.add_prefix(VERSION_FIELD)] = version.isoformat()

    def _refuse(self, conflict: dict) -> None:
        self._carry(conflict["version"])
        raise ValidationError(
            f"This {self._meta.model._meta.verbose_name} was changed by "
            f"{conflict['changed_by']}, after you opened it. Nothing of yours has been saved: "
            "your changes are still in the form below. Compare them with that version "
            "(History), then save again to replace it with yours, or reload the page to start "
            "from it.",
            code="edit_conflict",
        )

    def _refuse_unversioned(self) -> None:
        model = self._meta.model
        current = model._base_manager.filter(pk=self.instance.pk).first()
        if current is None:
            raise ValidationError(
                f"This {model._meta.verbose_name} has been deleted since you opened it.",
                code="deleted",
            )
        self._carry(current.updated_at)
        raise ValidationError(
            "This form does not say which version of the "
            f"{model._meta.verbose_name} it was opened from, so saving it could undo "
            f"another editor's change; it was last saved by {describe_change(current)}.",
            code="edit_conflict",
        )


class ConcurrentEditAdmin:
    """ModelAdmin mixin: change forms are VersionCheckedForm (see the module's docstring).

    Put it before the admin's base class: `class ClaimAdmin(ConcurrentEditAdmin,
    ServiceAdmin)`, whose update services take `expected_version`. The model needs an
    `updated_at` that every save moves (TimeStampedModel).
    """

    # ServiceAdmin runs the view again on an edit conflict, for the form to show it.
    shows_edit_conflicts = True

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if not change:
            return form
        conflict = {"edit_conflict": getattr(request, "edit_conflict", None)}
        return type(form.__name__, (VersionCheckedForm, form), conflict)

    def render_change_form(self, request, context, add=False, change=False, **kwargs):
        adminform = context.get("adminform")
        if adminform is not None and VERSION_FIELD in adminform.form.fields:
            # The admin renders only the fields its fieldsets name; this one has no label.
            adminform.fieldsets.append((None, {"fields": [VERSION_FIELD], "classes": ["hidden"]}))
        return super().render_change_form(request, context, add, change, **kwargs)
