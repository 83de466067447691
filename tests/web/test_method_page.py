"""/method/: how claims are checked, and every verdict of the scale, from the Rating rows."""

import pytest

from apps.claims.models import Rating
from apps.claims.services import rating_create
from tests import factories
from tests.web.helpers import hrefs, page, texts


def _scale(tree) -> list[tuple]:
    return [
        (
            item.get("id"),
            texts(item, ".//h3")[0],
            texts(item, ".//p")[0],
            texts(item, ".//dd"),
        )
        for item in tree.xpath("//li[@class='rating-scale__item']")
    ]


def test_method_page_lists_every_rating_with_its_number_and_class(client, db):
    expected = [
        (
            f"rating-{rating.slug}",
            f"Verdict: {rating.label}",
            rating.description,
            [
                f"{rating.score} of 5"
                if rating.score is not None
                else "none: off the true–false scale, published by its name only",
                rating.get_normalised_class_display(),
            ],
        )
        for rating in Rating.objects.all()
    ]

    scale = _scale(page(client.get("/method/")))

    assert len(scale) == Rating.objects.count() > 0
    assert scale == expected


def test_method_page_shows_a_rating_added_to_the_scale(client, db):
    rating_create(
        label="Satire",
        description="Not meant as a statement of fact.",
        colour="#123456",
        normalised_class=Rating.NormalisedClass.OTHER,
    )

    scale = _scale(page(client.get("/method/")))

    assert [item for item in scale if item[0] == "rating-satire"] == [
        (
            "rating-satire",
            "Verdict: Satire",
            "Not meant as a statement of fact.",
            ["none: off the true–false scale, published by its name only", "Other"],
        )
    ]


def test_every_page_links_the_method_from_its_footer(client, db):
    tree = page(client.get("/"))

    assert "/method/" in hrefs(tree, "//footer//a")


def test_verdict_badge_links_to_its_verdict_on_the_method_page(client, db):
    factories.PublishedClaimFactory(slug="exports", rating=factories.rating("false"))

    tree = page(client.get("/claims/exports/"))

    assert hrefs(tree, "//div[@class='verdict-box']//a[span[contains(@class, 'verdict ')]]") == [
        "/method/#rating-false"
    ]


def test_every_badge_target_is_on_the_method_page(client, db):
    factories.PublishedClaimFactory(rating=factories.rating("false"))
    factories.PublishedClaimFactory(rating=factories.rating("true"))
    method_ids = page(client.get("/method/")).xpath("//li/@id")

    targets = hrefs(page(client.get("/claims/")), "//a[@class='verdict-link']")

    assert sorted(targets) == ["/method/#rating-false", "/method/#rating-true"]
    assert {target.split("#")[1] for target in targets} <= set(method_ids)


@pytest.mark.parametrize("extra", [0, 3])
def test_method_page_runs_one_query(client, db, django_assert_num_queries, extra):
    for n in range(extra):
        rating_create(
            label=f"Extra {n}",
            description="An extra verdict.",
            colour="#123456",
            normalised_class=Rating.NormalisedClass.OTHER,
        )

    with django_assert_num_queries(1):
        response = client.get("/method/")

    assert len(_scale(page(response))) == Rating.objects.count()
