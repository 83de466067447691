import getpass
import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from apps.accounts.roles import Role
from apps.accounts.services import user_join_role

PASSWORD_VARIABLE = "FACTBASE_PASSWORD"


class Command(BaseCommand):
    help = (
        "Give a person the Editor role (or Reviewer, with --reviewer), creating their admin "
        f"login if needed. The password is asked for, or read from ${PASSWORD_VARIABLE} "
        "with --no-input."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--reviewer",
            action="store_true",
            help="Reviewers may also publish, retract and change published verdicts.",
        )
        parser.add_argument("--no-input", action="store_false", dest="interactive")

    def handle(self, *args, username, email, reviewer, interactive, **options):
        role = Role.REVIEWER if reviewer else Role.EDITOR
        password = os.environ.get(PASSWORD_VARIABLE)
        if not password and interactive:
            from django.contrib.auth import get_user_model

            if not get_user_model().objects.filter(username=username).exists():
                password = self._ask_password()
        try:
            user, created = user_join_role(
                username=username, role=role, email=email, password=password
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        except ValueError as error:
            raise CommandError(f"{error} Set ${PASSWORD_VARIABLE} with --no-input.") from error
        verb = "Created" if created else "Updated"
        self.stdout.write(self.style.SUCCESS(f"{verb} {user.username}: now in the {role} role."))

    def _ask_password(self) -> str:
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ.")
        return first
