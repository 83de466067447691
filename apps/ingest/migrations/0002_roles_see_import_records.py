"""Editors and reviewers see the quote proposals and ClaimReview records of imports.

The import and review screens hang off the proposals' admin (apps/ingest/admin.py), so the
admin's index and menu link to them only for users who may view proposals. Importing and
deciding need the sources' and quotes' own permissions, which both roles have; the records
themselves are written by imports only, so viewing is all either role gets.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = ["Editor", "Reviewer"]
CODENAMES = ["view_quoteproposal", "view_claimrevieworigin"]


def permissions(apps):
    app_config = apps.get_app_config("ingest")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="ingest", codename__in=CODENAMES)


def grant(apps, schema_editor):
    for group in apps.get_model("auth", "Group").objects.filter(name__in=ROLES):
        group.permissions.add(*permissions(apps))


def revoke(apps, schema_editor):
    for group in apps.get_model("auth", "Group").objects.filter(name__in=ROLES):
        group.permissions.remove(*permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("ingest", "0001_initial"),
        ("accounts", "0001_editor_and_reviewer_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
