"""The default verdict scale that the data migration installs."""

from apps.claims.models import Rating


def test_default_scale_is_the_six_ratings_best_first(db):
    scale = list(Rating.objects.values_list("label", "slug", "score", "normalised_class", "colour"))

    assert scale == [
        ("True", "true", 5, "true", "#1a7f37"),
        ("Mostly true", "mostly-true", 4, "true", "#4d9a2a"),
        ("Half true", "half-true", 3, "mixture", "#b58900"),
        ("Mostly false", "mostly-false", 2, "false", "#d9730d"),
        ("False", "false", 1, "false", "#c62828"),
        ("Unproven", "unproven", None, "other", "#5f6b7a"),
    ]


def test_default_scale_explains_each_rating_to_readers(db):
    descriptions = dict(Rating.objects.values_list("slug", "description"))

    assert descriptions == {
        "true": "The statement is accurate, and nothing significant is missing.",
        "mostly-true": "The statement is accurate but needs clarification or additional "
        "information.",
        "half-true": "The statement is partially accurate but leaves out important details or "
        "takes things out of context.",
        "mostly-false": "The statement contains an element of truth but ignores facts that "
        "would give a different impression.",
        "false": "The statement is not accurate.",
        "unproven": "The evidence available does not settle the statement either way.",
    }
