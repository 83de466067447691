"""Who may do what through the API.

Anyone may read (what they see is decided by each view's queryset: the models' `public()`
rules for everyone but editors). Writing needs an authenticated user with the model
permission for the method, as in the admin: add for POST, change for PUT/PATCH, delete for
DELETE.
"""

from django.db.models import Model
from rest_framework.permissions import SAFE_METHODS, DjangoModelPermissions


class ModelPermissionsOrAnonReadOnly(DjangoModelPermissions):
    authenticated_users_only = False

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        if not request.user or not request.user.is_authenticated:
            return False
        return super().has_permission(request, view)


def is_editor(user, model: type[Model]) -> bool:
    """May `user` see `model`'s drafts? Whoever holds any of its model permissions may:
    a user who may write an object sees it as it is, so the ETag they write against is the
    one they read."""
    if not user or not user.is_authenticated:
        return False
    opts = model._meta
    return any(
        user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")
        for action in ("view", "add", "change", "delete")
    )
