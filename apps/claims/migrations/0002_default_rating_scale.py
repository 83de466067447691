"""The default verdict scale. Editors may relabel it in the admin; history keeps the change."""

from django.db import migrations

DEFAULT_SCALE = [
    # label, slug, score, normalised class, colour, description
    ("True", "true", 5, "true", "#1a7f37",
     "The statement is accurate, and nothing significant is missing."),
    ("Mostly true", "mostly-true", 4, "true", "#4d9a2a",
     "The statement is accurate but needs clarification or additional information."),
    ("Half true", "half-true", 3, "mixture", "#b58900",
     "The statement is partially accurate but leaves out important details or takes "
     "things out of context."),
    ("Mostly false", "mostly-false", 2, "false", "#d9730d",
     "The statement contains an element of truth but ignores facts that would give a "
     "different impression."),
    ("False", "false", 1, "false", "#c62828",
     "The statement is not accurate."),
    ("Unproven", "unproven", None, "other", "#5f6b7a",
     "The evidence available does not settle the statement either way."),
]


def add_default_scale(apps, schema_editor):
    Rating = apps.get_model("claims", "Rating")
    for label, slug, score, normalised_class, colour, description in DEFAULT_SCALE:
        Rating.objects.update_or_create(
            slug=slug,
            defaults={
                "label": label,
                "score": score,
                "normalised_class": normalised_class,
                "colour": colour,
                "description": description,
            },
        )


def remove_default_scale(apps, schema_editor):
    Rating = apps.get_model("claims", "Rating")
    Rating.objects.filter(slug__in=[row[1] for row in DEFAULT_SCALE], claims__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("claims", "0001_initial")]

    operations = [migrations.RunPython(add_default_scale, remove_default_scale)]
