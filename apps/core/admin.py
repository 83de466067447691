"""What every Factbase admin shares: browsable history, and deletes refused in plain words.

Nothing is registered here; the apps' own admin modules build on `CuratedAdmin`.
"""

import dataclasses
from collections import defaultdict
from itertools import pairwise

from django.contrib import messages
from django.contrib.admin.utils import NestedObjects, unquote
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models, router
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject, ModelChange
from simple_history.template_utils import HistoricalRecordContextHelper

from apps.core.deletion import describe_protected


class HistoryChanges(HistoricalRecordContextHelper):
    """The "Changes" column of a history page (django-simple-history's own diff).

    A value that is empty, or a foreign key that was or became empty, reads “(none)”:
    simple-history would show nothing, or “Deleted rating (pk=None)” for a rating that was
    never set.
    """

    def prepare_delta_change_value(self, change, value):
        if value is None or value == "" or (isinstance(value, DeletedObject) and value.pk is None):
            return "(none)"
        return super().prepare_delta_change_value(change, value)


class CuratedAdmin(SimpleHistoryAdmin):
    """Base admin for curated models: history is browsable from every change page, each
    version with what changed in it (field, before → after).

    The admin already refuses to delete a row that evidence points to (on_delete=PROTECT);
    this adds the same sentence the services use, naming how much points to it. An admin
    whose `delete_model` calls a service that refuses with a ValidationError (as deleting a
    published claim does) gets that refusal shown as a message instead of an error page.
    """

    delete_confirmation_template = "admin/protected_delete_confirmation.html"
    formfield_overrides = {
        # Django 6 makes https the default scheme for URLs typed without one; say so now
        # (and silence the deprecation warning, which the test suite treats as an error).
        models.URLField: {"assume_scheme": "https"},
    }

    def get_changeform_initial_data(self, request):
        """An add form's fields prefilled from the address (`?source=12`), without those
        naming a related object by what cannot be its id (`?source=abc`): the form's widget
        would look it up and fail (500). Each one ignored is said in a message."""
        initial = super().get_changeform_initial_data(request)
        for name, value in list(initial.items()):
            try:
                field = self.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if not field.is_relation or field.target_field is None:
                continue
            values = value if isinstance(value, list) else [value]
            if all(is_id(field.target_field, item) for item in values):
                continue
            del initial[name]
            shown = request.GET.get(name, "")
            related = field.related_model._meta.verbose_name
            messages.warning(
                request,
                f"Ignored “{name}” in the address: “{shown}” is not the id of "
                f"{'an' if related[0] in 'aeiou' else 'a'} {related}.",
            )
        return initial

    def get_historical_record_context_helper(self, request, historical_record):
        return HistoryChanges(self.model, historical_record)

    def history_view(self, request, object_id, extra_context=None):
        """simple-history looks the id up as it is: one that cannot be an id (`abc`) raised
        ValueError (500). Such an id is answered as the change page answers it."""
        if not is_id(self.model._meta.pk, unquote(object_id)):
            return self._get_obj_does_not_exist_redirect(request, self.model._meta, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """A past version, which a POST reverts the object to: only for those who may change it.

        simple-history lets anyone who may *view* the object post the form (it only hides
        the Revert button), so an editor could rewrite the verdict scale or a published
        correction, which they may only read. Ids that cannot be ids answer 404, not the
        ValueError's 500.
        """
        history_id = self.model.history.model._meta.pk
        if not (is_id(self.model._meta.pk, object_id) and is_id(history_id, version_id)):
            raise Http404("No such version.")
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))  # None once deleted
            if not self.has_change_permission(request, obj):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        """simple-history's own diff of each version against the one before, except that
        many-to-many fields (topics) are read for the whole page in one query per field,
        where simple-history reads them twice per version."""
        records = list(historical_records)
        m2m_fields = list(records[0]._history_m2m_fields) if records else []
        if not m2m_fields:
            super().set_history_delta_changes(request, records, foreign_keys_are_objs)
            return
        related = {field.name: self._history_m2m_rows(records, field) for field in m2m_fields}
        for newer, older in pairwise(records):
            delta = newer.diff_against(
                older, excluded_fields=set(related), foreign_keys_are_objs=foreign_keys_are_objs
            )
            changes = list(delta.changes)
            for name, rows in related.items():
                if rows[older.pk] != rows[newer.pk]:
                    changes.append(ModelChange(name, rows[older.pk], rows[newer.pk]))
            delta = dataclasses.replace(
                delta, changes=changes, changed_fields=[change.field for change in changes]
            )
            helper = self.get_historical_record_context_helper(request, newer)
            newer.history_delta_changes = helper.context_for_delta_changes(delta)

    @staticmethod
    def _history_m2m_rows(records, field) -> dict[int, list[dict]]:
        """{history_id: [{"topic": <Topic>}, …]}, as simple-history's diff shapes them."""
        related_name = field.m2m_reverse_field_name()
        through = getattr(records[0], field.name).model  # the versions' copy of the table
        rows = defaultdict(list)
        for row in (
            through._default_manager.filter(history__in=[record.pk for record in records])
            .select_related(related_name)
            .order_by(related_name)
        ):
            rows[row.history_id].append({related_name: getattr(row, related_name)})
        return rows

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except ValidationError as refusal:
            # Raised inside the delete view's transaction, which has been rolled back.
            self.message_user(request, " ".join(refusal.messages), messages.ERROR)
            opts = self.opts
            return HttpResponseRedirect(
                reverse(
                    f"admin:{opts.app_label}_{opts.model_name}_change",
                    args=[object_id],
                    current_app=self.admin_site.name,
                )
            )

    def render_delete_form(self, request, context):
        if context.get("protected"):
            context["protected_message"] = self.protected_message(context["object"])
        return super().render_delete_form(request, context)

    def protected_message(self, obj: models.Model) -> str:
        """Collects the objects that point to `obj` (a few queries, only on a refused delete)."""
        collector = NestedObjects(using=router.db_for_write(type(obj)))
        collector.collect([obj])
        error = models.ProtectedError("", collector.protected)
        return describe_protected(obj, error)


def is_id(field: models.Field, value) -> bool:
    """Whether `value` is of the kind `field` (a primary key) holds, so that a lookup
    with it is a question, not an error."""
    try:
        field.to_python(value)
    except ValidationError:
        return False
    return True


def count_of(model: type[models.Model], fk_name: str) -> Coalesce:
    """An annotation counting the `model` rows whose `fk_name` points to the outer row.

    A correlated subquery rather than Count() over a join: two such counts on one queryset
    would otherwise multiply each other, and a changelist filter on another to-many relation
    could multiply them again.
    """
    rows = (
        model._default_manager.filter(**{fk_name: OuterRef("pk")})
        .order_by()
        .values(fk_name)
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(rows, output_field=models.IntegerField()), 0)


def counted(count: int, meta) -> str:
    """“1 appearance”, “3 citations”."""
    noun = meta.verbose_name if count == 1 else meta.verbose_name_plural
    return f"{count} {noun}"
