import pytest
from django.urls import reverse

from apps.sources.models import Publisher
from tests.admin.helpers import form_data
from tests.factories import PublisherFactory

CHANGELIST = reverse("admin:sources_publisher_changelist")
ADD = reverse("admin:sources_publisher_add")


@pytest.mark.parametrize("rows", [1, 10])
def test_changelist_query_count_is_flat(superuser_client, django_assert_max_num_queries, rows):
    PublisherFactory.create_batch(rows)

    with django_assert_max_num_queries(5):
        response = superuser_client.get(CHANGELIST)

    assert response.context["cl"].result_count == rows


def test_search_finds_a_publisher_by_name(superuser_client):
    reuters = PublisherFactory(name="Reuters")
    PublisherFactory(name="Al Jazeera")

    response = superuser_client.get(CHANGELIST, {"q": "reut"})

    assert list(response.context["cl"].result_list) == [reuters]


def test_add_page_prepopulates_the_slug_from_the_name(superuser_client):
    response = superuser_client.get(ADD)

    adminform = response.context["adminform"]
    assert list(adminform.form.fields) == ["name", "slug", "home_page"]
    assert [dependency.name for dependency in adminform.prepopulated_fields[0]["dependencies"]] == [
        "name"
    ]


def test_add_assumes_https_for_a_home_page_typed_without_scheme(superuser_client):
    data = form_data(superuser_client.get(ADD))
    data.update({"name": "Reuters", "slug": "reuters", "home_page": "www.reuters.com"})

    superuser_client.post(ADD, data)

    assert Publisher.objects.get(slug="reuters").home_page == "https://www.reuters.com"


def test_change_page_shows_the_publisher(superuser_client):
    publisher = PublisherFactory(name="Reuters", home_page="https://www.reuters.com")

    response = superuser_client.get(reverse("admin:sources_publisher_change", args=[publisher.pk]))

    assert response.context["adminform"].form.initial["home_page"] == "https://www.reuters.com"
    assert response.context["original"] == publisher
