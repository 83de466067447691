"""Editors and reviewers see proposed changes to published claims (reviewers decide on
them with their publish permission) and the archived versions of sources' texts."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = [("claims", "view_claimrevision"), ("sources", "view_sourceversion")]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=["Editor", "Reviewer"]):
        for app_label, codename in GRANTS:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_editor_and_reviewer_roles"),
        ("claims", "0005_reviewed_changes"),
        ("sources", "0002_text_versions"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
