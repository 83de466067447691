from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from apps.accounts.roles import Role


@transaction.atomic
def user_join_role(*, username: str, role: Role, email: str = "", password: str | None = None):
    """Put a person in a role, creating their staff account if it does not exist yet.

    A new account needs a password, checked by the password validators; an existing one
    keeps its password and other roles. Returns (user, created).
    """
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    created = user is None
    if created:
        if not password:
            raise ValueError(f"A new account ({username}) needs a password.")
        user = User(username=username, email=email, is_staff=True)
        validate_password(password, user)
        user.set_password(password)
        user.full_clean()
        user.save()
    elif not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    user.groups.add(Group.objects.get(name=role.value))
    return user, created


def user_revoke_token(*, username: str) -> bool:
    """Delete `username`'s API token, so that every request made with it answers 401 from
    now on. Returns whether there was one. The account and its admin login are untouched;
    `drf_create_token` gives a new token when one is wanted again."""
    from rest_framework.authtoken.models import Token

    user = get_user_model().objects.get(username=username)
    deleted, _ = Token.objects.filter(user=user).delete()
    return bool(deleted)
