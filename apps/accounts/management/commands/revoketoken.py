from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from apps.accounts.services import user_revoke_token


class Command(BaseCommand):
    help = (
        "Revoke a person's API token: requests made with it answer 401 from now on. "
        "Their admin login is untouched; `drf_create_token` gives them a new token."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        try:
            revoked = user_revoke_token(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"There is no account named {username}.") from None
        if revoked:
            self.stdout.write(f"Revoked the API token of {username}.")
        else:
            self.stdout.write(f"{username} has no API token: nothing to revoke.")
