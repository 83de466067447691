import pytest

from apps.claims.models import Rating
from tests.api.helpers import api, error, etag, published_claim, results
from tests.factories import arranged, rating

LIST = "/api/v1/ratings/"


def detail(rating_) -> str:
    return f"/api/v1/ratings/{rating_.pk}/"


def test_rating_detail_answers_its_whole_representation_with_its_claimreview_mapping(anon):
    false = rating("false")

    body = anon.get(detail(false)).json()

    assert body == {
        "id": false.pk,
        "api_url": api(f"ratings/{false.pk}/"),
        "label": false.label,
        "slug": "false",
        "score": false.score,
        "description": false.description,
        "colour": false.colour,
        "normalised_class": "false",
        "claim_review": {
            "rating_value": false.score,
            "best_rating": 5,
            "worst_rating": 1,
            "alternate_name": false.label,
        },
        "claims_url": api("claims/?rating=false"),
        "created_at": body["created_at"],
        "updated_at": body["updated_at"],
    }


def test_ratings_list_best_first_and_unscored_last(anon):
    listed = results(anon.get(LIST))

    scores = [item["score"] for item in listed]
    assert scores == [*sorted((s for s in scores if s is not None), reverse=True), None]


def test_rating_create_with_a_malformed_colour_answers_400(api_editor):
    response = api_editor.post(
        LIST,
        {
            "label": "Pants on fire",
            "description": "Ridiculous.",
            "colour": "red",
            "normalised_class": "false",
        },
    )

    assert error(response)[0] == 400
    assert Rating.objects.filter(label="Pants on fire").exists() is False


def test_rating_delete_in_use_answers_409(api_editor):
    false = rating("false")
    published_claim(rating=false)

    response = api_editor.delete(detail(false), HTTP_IF_MATCH=etag(api_editor, detail(false)))

    assert error(response) == (409, [(None, "protected")])


@pytest.mark.parametrize(
    ("client_name", "expected"), [("anon", 401), ("outsider", 403), ("api_editor", 200)]
)
def test_rating_update_access(db, request, client_name, expected):
    unproven = rating("unproven")
    client = request.getfixturevalue(client_name)

    response = client.patch(
        detail(unproven), {"description": "Changed."}, HTTP_IF_MATCH=etag(client, detail(unproven))
    )

    assert (response.status_code, Rating.objects.get(pk=unproven.pk).description == "Changed.") == (
        expected,
        expected == 200,
    )


@pytest.mark.parametrize("extra", [0, 10])
def test_rating_list_query_count_is_flat(anon, django_assert_num_queries, extra):
    with arranged():
        for n in range(extra):
            Rating.objects.create(
                label=f"Extra {n}",
                slug=f"extra-{n}",
                description=".",
                colour="#000000",
                normalised_class="other",
            )

    with django_assert_num_queries(2):
        listed = results(anon.get(LIST, {"page_size": 100}))

    assert len(listed) == Rating.objects.count()


@pytest.mark.parametrize("claims", [1, 10])
def test_rating_detail_query_count_is_flat(anon, django_assert_num_queries, claims):
    false = rating("false")
    for _ in range(claims):
        published_claim(rating=false)

    with django_assert_num_queries(2):
        assert anon.get(detail(false)).json()["id"] == false.pk
