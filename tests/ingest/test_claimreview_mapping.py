import datetime

import pytest

from apps.ingest.claimreview.mapping import (
    Appearance,
    Claimant,
    SkipItem,
    map_rating,
    read_review,
    synonym_labels,
)

OUR_SCALE = [
    ("True", "true"),
    ("Mostly true", "mostly-true"),
    ("Half true", "half-true"),
    ("Mostly false", "mostly-false"),
    ("False", "false"),
    ("Unproven", "unproven"),
]
LABELS = synonym_labels(OUR_SCALE)
SCORES = {5: "true", 4: "mostly-true", 3: "half-true", 2: "mostly-false", 1: "false"}
NAMES = {slug: label for label, slug in OUR_SCALE}


def review(**rating):
    return read_review(
        {
            "@type": "ClaimReview",
            "url": "https://checker.example/1",
            "claimReviewed": "The moon is made of cheese.",
            "reviewRating": {"@type": "Rating", **rating},
        }
    )


@pytest.mark.parametrize(
    ("label", "slug"),
    [
        ("True", "true"),
        ("MOSTLY TRUE", "mostly-true"),
        ("Half-True", "half-true"),
        ("Misleading", "mostly-false"),
        ("Pants on Fire!", "false"),
        ("Unverified", "unproven"),
    ],
)
def test_a_verdict_is_mapped_by_its_name(label, slug):
    assert map_rating(review(alternateName=label), LABELS, SCORES, NAMES).slug == slug


@pytest.mark.parametrize(
    ("value", "best", "worst", "slug"),
    [
        (1, 5, 1, "false"),
        (5, 5, 1, "true"),
        (3, 5, 1, "half-true"),
        (0, 10, 0, "false"),
        (8, 10, 0, "mostly-true"),
        (6, 6, None, "true"),
    ],
)
def test_a_verdict_with_an_unknown_name_is_mapped_by_its_number(value, best, worst, slug):
    rating = {"alternateName": "Cherry-picked", "ratingValue": value, "bestRating": best}
    if worst is not None:
        rating["worstRating"] = worst

    choice = map_rating(review(**rating), LABELS, SCORES, NAMES)

    assert (choice.slug, choice.method) == (slug, "number")


def test_the_name_wins_over_a_number_that_disagrees_and_the_report_says_so():
    choice = map_rating(
        review(alternateName="True", ratingValue=1, bestRating=6), LABELS, SCORES, NAMES
    )

    assert (choice.slug, choice.method, choice.note) == (
        "true",
        "label",
        "verdict “True” taken from alternateName; its number 1 on a 1–6 scale would have "
        "given “False”",
    )


def test_a_verdict_neither_named_nor_numbered_on_a_scale_is_not_mapped():
    choice = map_rating(review(alternateName="Cherry-picked"), LABELS, SCORES, NAMES)

    assert (choice.slug, choice.method) == (None, "none")


def test_a_review_without_url_is_skipped():
    with pytest.raises(SkipItem, match="no `url`"):
        read_review({"@type": "ClaimReview", "claimReviewed": "x"})


def test_a_review_without_claim_is_skipped():
    with pytest.raises(SkipItem, match="no `claimReviewed`"):
        read_review({"@type": "ClaimReview", "url": "https://checker.example/1"})


def test_the_claimant_comes_with_wikidata_id_and_job_title():
    data = {
        "url": "https://checker.example/1",
        "claimReviewed": "x",
        "itemReviewed": {
            "@type": "Claim",
            "author": {
                "@type": "Person",
                "name": "Barack Obama",
                "jobTitle": "44th President of the United States",
                "sameAs": ["https://twitter.com/x", "https://www.wikidata.org/wiki/Q76"],
            },
        },
    }

    assert read_review(data).claimant == Claimant(
        "Barack Obama", "person", "Q76", "44th President of the United States"
    )


def test_appearances_are_read_from_the_claim_and_deduplicated():
    work = {
        "@type": "NewsArticle",
        "url": "https://news.example/a",
        "headline": "A headline",
        "datePublished": "2024-02-03",
        "author": [{"@type": "Person", "name": "Jo Writer"}],
        "publisher": {"@type": "Organization", "name": "News", "url": "https://news.example/"},
    }
    data = {
        "url": "https://checker.example/1",
        "claimReviewed": "x",
        "itemReviewed": {"@type": "Claim", "appearance": [work], "firstAppearance": work},
    }

    assert read_review(data).appearances == [
        Appearance(
            url="https://news.example/a",
            title="A headline",
            kind="article",
            published_on=datetime.date(2024, 2, 3),
            authors="Jo Writer",
            publisher="News",
            publisher_url="https://news.example/",
        )
    ]
