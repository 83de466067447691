"""The admin's writes, routed through the apps' services (apps/core/guard.py).

Django's admin saves a model form with `obj.save()`, its inlines with `formset.save()`,
its many-to-many lists with `form.save_m2m()`, and deletes with `obj.delete()` or
`queryset.delete()`. Each of those would skip the rules the services hold (the workflow,
anchoring, corrections, the record of change). `ServiceAdmin` replaces every one of them
with a call to the admin's `create_object`, `update_object` and `delete_object`, which
call a service; inlines (`ServiceInline`) do the same with `add_object`, `change_object`
and `remove_object`.

A change is applied to the row as stored (read again, locked), with the values of the
fields the form edits, never with the whole object the form was built on: History's
"Revert" builds its form on a past version, whose fields the form does not edit (a
quote's status, a claim's publication) must not come back with it.

A service's refusal (ValidationError, PermissionDenied) raised while saving is shown as
an error message on the change page, and nothing is saved: the admin's view runs in one
transaction, which is rolled back (see `ServiceAdmin.changeform_view`). An edit conflict
(the object changed since the form was opened: apps/core/versions.py) is shown by the form
itself, with the editor's input (apps/core/admin_concurrency.py).
"""

from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model
from django.http import HttpResponseRedirect

from apps.core.admin import CuratedAdmin
from apps.core.admin_concurrency import VERSION_FIELD
from apps.core.versions import edit_conflict


def form_fields(form, *, exclude=(), extra=()) -> dict:
    """The model fields a model form edits, as it cleaned them (many-to-many lists too),
    and the form-only fields named in `extra` that the service takes (a correction note)."""
    model = form._meta.model
    fields = {}
    for name, value in form.cleaned_data.items():
        if name in exclude or name not in form.fields:
            continue
        if name in extra:
            fields[name] = value
            continue
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue  # a form-only field (a correction note, a version stamp)
        if field.concrete or field.many_to_many:
            fields[name] = value
    return fields


def expected_version(form) -> dict:
    """The version a change form was opened from (ConcurrentEditAdmin), as the update
    service's `expected_version`, which the service checks with the row locked."""
    if VERSION_FIELD not in form.fields:
        return {}
    return {"expected_version": form.cleaned_data.get(VERSION_FIELD)}


def adopt(obj: Model, saved: Model) -> None:
    """Make the admin's `obj` the row the service saved (its primary key and values), so
    that the admin's redirects, messages and log entry name what was saved."""
    for field in saved._meta.concrete_fields:
        setattr(obj, field.attname, getattr(saved, field.attname))
    obj._state.adding = False
    obj._state.db = saved._state.db


def _nothing() -> None:
    """Stands in for `form.save_m2m`: the service has written the many-to-many lists."""


class RefusedByService(Exception):
    """A service refused the admin's save; carries the refusal to `changeform_view`."""

    def __init__(self, refusal: Exception):
        super().__init__(str(refusal))
        self.refusal = refusal


class EditConflict(RefusedByService):
    """The object changed after the form was opened: `conflict` is the service's refusal."""

    def __init__(self, refusal: Exception, conflict: ValidationError):
        super().__init__(refusal)
        self.conflict = conflict


class ServiceAdmin(CuratedAdmin):
    """A curated model's admin whose every write goes through its app's services.

    Subclasses implement `create_object(request, fields)`, `update_object(request, obj,
    fields)` and `delete_object(request, obj)`, each one call to a service with
    `actor=request.user`. Leaving `create_object` or `update_object` out makes adding or
    changing refused (the admin shows no such button); leaving `delete_object` out, deleting.
    `service_form_fields` names the form's own fields (not the model's) the service takes.
    """

    service_form_fields: tuple[str, ...] = ()
    # Whether the change form shows an edit conflict itself (ConcurrentEditAdmin).
    shows_edit_conflicts = False

    def create_object(self, request, fields: dict) -> Model:
        raise NotImplementedError

    def update_object(self, request, obj: Model, fields: dict) -> Model:
        raise NotImplementedError

    def delete_object(self, request, obj: Model) -> None:
        raise NotImplementedError

    def _implements(self, name: str) -> bool:
        return getattr(type(self), name) is not getattr(ServiceAdmin, name)

    def has_add_permission(self, request):
        return self._implements("create_object") and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return self._implements("update_object") and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._implements("delete_object") and super().has_delete_permission(request, obj)

    # --- the model form ------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        fields = form_fields(form, extra=self.service_form_fields)
        if change:
            fields |= expected_version(form)
            stored = self.model._default_manager.select_for_update().get(pk=obj.pk)
            saved = self._refusable(lambda: self.update_object(request, stored, fields))
        else:
            saved = self._refusable(lambda: self.create_object(request, fields))
        adopt(obj, saved)
        form.save_m2m = _nothing

    def delete_model(self, request, obj):
        self.delete_object(request, obj)

    def delete_queryset(self, request, queryset):
        # One service call per object, so that each is refused or recorded as the
        # change page's delete would be; all or none (the action runs in a transaction).
        with transaction.atomic():
            for obj in queryset:
                self.delete_object(request, obj)

    # --- inlines ---------------------------------------------------------------------------

    def save_formset(self, request, form, formset, change):
        inline = self._inline_for(request, formset)
        if inline is None:
            raise PermissionDenied(f"No inline of {self.opts.verbose_name} edits these rows.")
        parent = formset.instance
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        exclude = {formset.fk.name, "id", "DELETE"}
        # Removals first, so that a row can be removed and added again in one save.
        for row in formset.initial_forms:
            if formset.can_delete and formset._should_delete_form(row):
                stored = row.instance
                self._refusable(lambda stored=stored: inline.remove_object(request, stored))
                formset.deleted_objects.append(stored)
        for row in formset.forms:
            if formset.can_delete and formset._should_delete_form(row):
                continue
            if not row.has_changed():
                continue
            fields = form_fields(row, exclude=exclude)
            if row.instance.pk is None:
                saved = self._refusable(
                    lambda fields=fields: inline.add_object(request, parent, fields)
                )
                adopt(row.instance, saved)
                formset.new_objects.append(row.instance)
            else:
                stored = inline.model._default_manager.select_for_update().get(pk=row.instance.pk)
                saved = self._refusable(
                    lambda stored=stored, fields=fields: inline.change_object(
                        request, stored, fields
                    )
                )
                adopt(row.instance, saved)
                formset.changed_objects.append((row.instance, row.changed_data))

    def _inline_for(self, request, formset):
        for inline in self.get_inline_instances(request, formset.instance):
            if inline.model is formset.model:
                return inline
        return None

    # --- refusals --------------------------------------------------------------------------

    @staticmethod
    def _refusable(write):
        try:
            return write()
        except ValidationError as refusal:
            conflict = edit_conflict(refusal)
            if conflict is not None:
                raise EditConflict(refusal, conflict) from refusal
            raise RefusedByService(refusal) from refusal
        except PermissionDenied as refusal:
            raise RefusedByService(refusal) from refusal

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """The admin's own view, with a service's refusal shown as a message (and the
        change page again) instead of an error page. Django runs the view in a
        transaction; the refusal rolls it back, so nothing of the save is kept."""
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except EditConflict as refused:
            if not self.shows_edit_conflicts or hasattr(request, "edit_conflict"):
                return self._refused(request, refused.refusal, object_id)
            # Run again, once, on the same post: the form is refused with the conflict
            # (VersionCheckedForm) and shown with the editor's input; nothing is saved.
            request.edit_conflict = refused.conflict
            return self.changeform_view(request, object_id, form_url, extra_context)
        except RefusedByService as refused:
            return self._refused(request, refused.refusal, object_id)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """History's "Revert", saved through `save_model` (so through the services) in one
        transaction; a refusal is shown as a message."""
        try:
            with transaction.atomic():
                return super().history_form_view(request, object_id, version_id, extra_context)
        except RefusedByService as refused:
            return self._refused(request, refused.refusal, object_id)

    def _refused(self, request, refusal: Exception, object_id):
        for message in _messages(refusal):
            self.message_user(request, message, messages.ERROR)
        return HttpResponseRedirect(request.get_full_path() if object_id else request.path)


def _messages(refusal: Exception) -> list[str]:
    if isinstance(refusal, ValidationError):
        if hasattr(refusal, "error_dict"):
            return [
                f"{name.replace('_', ' ').capitalize()}: {message}"
                if name != "__all__"
                else message
                for name, errors in refusal.message_dict.items()
                for message in errors
            ]
        return refusal.messages
    return [str(refusal)]


class ServiceInline:
    """An inline whose rows are written through services: mix in before the inline class
    (`class CitationInline(ServiceInline, AnchoredPassageInline)`) and implement
    `add_object(request, parent, fields)`, `change_object(request, obj, fields)` and
    `remove_object(request, obj)`."""

    def add_object(self, request, parent: Model, fields: dict) -> Model:
        raise NotImplementedError

    def change_object(self, request, obj: Model, fields: dict) -> Model:
        raise NotImplementedError

    def remove_object(self, request, obj: Model) -> None:
        raise NotImplementedError
