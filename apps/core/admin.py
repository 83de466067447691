"""What every Factbase admin shares: browsable history, and deletes refused in plain words.

Nothing is registered here; the apps' own admin modules build on `CuratedAdmin`.
"""

from django.contrib import messages
from django.contrib.admin.utils import NestedObjects
from django.core.exceptions import ValidationError
from django.db import models, router
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponseRedirect
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from apps.core.deletion import describe_protected


class CuratedAdmin(SimpleHistoryAdmin):
    """Base admin for curated models: history is browsable from every change page.

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
