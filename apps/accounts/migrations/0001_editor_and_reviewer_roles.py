"""The Editor and Reviewer groups with their permissions.

Django creates permissions after all migrations have run, so this migration creates the
ones it needs first (the documented way to grant permissions in a data migration).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Editor": False,
    "Reviewer": True,
}
CURATED = {
    "speakers": ["speaker", "speakeralias", "speakerrole"],
    "sources": ["publisher", "source"],
    "topics": ["topic"],
    "quotes": ["quote", "appearance"],
    "claims": ["claim", "citation"],
}
READ_ONLY = {"claims": ["correction", "rating"]}


def codenames(reviewer: bool):
    pairs = [
        (app, f"{action}_{model}")
        for app, models in CURATED.items()
        for model in models
        for action in ("add", "change", "delete", "view")
    ]
    pairs += [(app, f"view_{model}") for app, models in READ_ONLY.items() for model in models]
    if reviewer:
        pairs.append(("claims", "publish_claim"))
    return pairs


def add_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, reviewer in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codename in codenames(reviewer):
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("claims", "0003_claim_publish_permission"),
        ("quotes", "0001_initial"),
        ("sources", "0001_initial"),
        ("speakers", "0001_initial"),
        ("topics", "0001_initial"),
    ]

    operations = [migrations.RunPython(add_roles, remove_roles)]
