import hashlib

import pytest

from apps.quotes.models import Quote
from apps.sources.models import Source
from apps.sources.services import source_update
from tests.api.helpers import api, error, etag, page, published_claim, results
from tests.factories import (
    ARTICLE_TEXT,
    AppearanceFactory,
    CitationFactory,
    PublisherFactory,
    SourceFactory,
)

LIST = "/api/v1/sources/"


def detail(source) -> str:
    return f"/api/v1/sources/{source.pk}/"


def test_source_detail_answers_its_whole_representation(anon):
    publisher = PublisherFactory(name="Daily", slug="daily")
    source = SourceFactory(
        title="Grain report",
        slug="grain-report",
        publisher=publisher,
        url="https://example.org/grain",
        published_on="2024-05-01",
    )

    body = anon.get(detail(source)).json()

    assert body == {
        "id": source.pk,
        "api_url": api(f"sources/{source.pk}/"),
        "page_url": page("sources/grain-report/"),
        "title": "Grain report",
        "slug": "grain-report",
        "url": "https://example.org/grain",
        "publisher": {
            "id": publisher.pk,
            "api_url": api(f"publishers/{publisher.pk}/"),
            "name": "Daily",
            "slug": "daily",
        },
        "authors": "",
        "published_on": "2024-05-01",
        "retrieved_at": None,
        "language": "en",
        "kind": "article",
        "text": ARTICLE_TEXT,
        "text_sha256": Source.objects.get(pk=source.pk).text_sha256,
        "text_version": 1,
        "text_updated_at": None,
        "versions_url": api(f"sources/{source.pk}/versions/"),
        "archive_url": "",
        "quotes_url": api("quotes/?source=grain-report"),
        "claims_url": api("claims/?source=grain-report"),
        "created_at": body["created_at"],
        "updated_at": body["updated_at"],
    }


def test_draft_source_is_in_no_list_and_answers_404_to_anonymous_clients(anon):
    draft = SourceFactory(status=Source.Status.DRAFT)
    public = SourceFactory()

    listed = [item["id"] for item in results(anon.get(LIST))]

    assert (listed, anon.get(detail(draft)).status_code) == ([public.pk], 404)


def test_sources_filter_by_publisher_kind_and_publication_date(anon):
    daily = PublisherFactory(slug="daily")
    wanted = SourceFactory(publisher=daily, kind="transcript", published_on="2024-05-01")
    SourceFactory(publisher=daily, kind="article", published_on="2024-05-01")
    SourceFactory(publisher=daily, kind="transcript", published_on="2023-05-01")

    listed = results(
        anon.get(
            LIST, {"publisher": "daily", "kind": "transcript", "published_on_after": "2024-01-01"}
        )
    )

    assert [item["id"] for item in listed] == [wanted.pk]


def test_sources_without_a_date_are_paged_after_dated_ones(anon):
    undated = SourceFactory(published_on=None)
    old = SourceFactory(published_on="2020-01-01")
    new = SourceFactory(published_on="2024-01-01")

    seen, url = [], LIST + "?page_size=1"
    while url:
        body = anon.get(url).json()
        seen += [item["id"] for item in body["results"]]
        url = body["next"]

    assert seen == [new.pk, old.pk, undated.pk]


def test_editor_creates_a_source_with_its_checksum(api_editor):
    PublisherFactory(slug="daily")

    response = api_editor.post(
        LIST, {"title": "Transcript", "publisher": "daily", "text": "Words.", "kind": "transcript"}
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["slug"], body["publisher"]["slug"], body["text_sha256"]) == (
        "transcript",
        "daily",
        hashlib.sha256(b"Words.").hexdigest(),
    )


def test_source_create_with_a_text_change_note_has_no_earlier_version(api_editor):
    response = api_editor.post(
        LIST, {"title": "Transcript", "text": "Words.", "text_change_note": "First text."}
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["text_version"], api_editor.get(body["versions_url"]).json()) == (1, [])


def test_source_text_change_re_anchors_its_passages(api_editor):
    source = SourceFactory()
    # A draft quote and a draft claim: neither needs its passage to stay found.
    appearance = AppearanceFactory(source=source, quote__status=Quote.Status.DRAFT)
    citation = CitationFactory(source=source, exact="a fantasy")

    response = api_editor.patch(
        detail(source),
        {"text": "Nothing of what was said remains in this new text."},
        HTTP_IF_MATCH=etag(api_editor, detail(source)),
    )

    appearance.refresh_from_db()
    citation.refresh_from_db()
    assert (response.status_code, appearance.match, citation.match) == (
        200,
        "not_found",
        "not_found",
    )


def test_published_source_text_change_archives_the_old_text_as_a_version(api_editor, anon):
    source = SourceFactory(slug="grain-report")
    citation = CitationFactory(source=source, exact="a fantasy")  # of a draft claim
    new_text = "Critics called the figure a fantasy."

    response = api_editor.patch(
        detail(source),
        {"text": new_text, "text_change_note": "Typo fixed."},
        HTTP_IF_MATCH=etag(api_editor, detail(source)),
    )
    versions = anon.get(response.json()["versions_url"]).json()

    assert (response.status_code, response.json()["text_version"]) == (200, 2)
    assert versions == [
        {
            "number": 1,
            "page_url": page("sources/grain-report/versions/1/"),
            "text": ARTICLE_TEXT,
            "text_sha256": hashlib.sha256(ARTICLE_TEXT.encode()).hexdigest(),
            "set_at": versions[0]["set_at"],
            "replaced_at": response.json()["text_updated_at"],
            "change_note": "Typo fixed.",
            "moved_passages": [
                {
                    "kind": "claim",
                    "id": citation.pk,
                    "before": [citation.start, citation.end, "exact"],
                    "after": [new_text.index("a fantasy"), len(new_text) - 1, "exact"],
                }
            ],
        }
    ]


def test_source_text_change_leaving_a_confirmed_quote_unfound_answers_400(api_editor):
    source = SourceFactory()
    AppearanceFactory(source=source, quote__status=Quote.Status.CONFIRMED)

    response = api_editor.patch(
        detail(source),
        {"text": "Nothing of what was said remains in this new text."},
        HTTP_IF_MATCH=etag(api_editor, detail(source)),
    )

    source.refresh_from_db()
    assert (error(response), source.text) == (
        (400, [("non_field_errors", "source_required")]),
        ARTICLE_TEXT,
    )


def test_source_unpublished_under_a_published_claims_only_citation_answers_400(api_editor):
    source = SourceFactory()
    CitationFactory(source=source, claim=published_claim())

    response = api_editor.patch(
        detail(source), {"status": "draft"}, HTTP_IF_MATCH=etag(api_editor, detail(source))
    )

    source.refresh_from_db()
    assert (error(response), source.status) == (
        (400, [("non_field_errors", "citation_required")]),
        Source.Status.PUBLISHED,
    )


def test_source_create_with_a_taken_url_answers_400(api_editor):
    SourceFactory(url="https://example.org/a")

    response = api_editor.post(LIST, {"title": "Copy", "text": "x", "url": "https://example.org/a"})

    assert error(response)[0] == 400


def test_source_delete_with_anchored_passages_answers_409(api_editor):
    source = SourceFactory()
    AppearanceFactory(source=source)

    response = api_editor.delete(detail(source), HTTP_IF_MATCH=etag(api_editor, detail(source)))

    assert error(response) == (409, [(None, "protected")])


@pytest.mark.parametrize(
    ("client_name", "expected"), [("anon", 401), ("outsider", 403), ("api_editor", 204)]
)
def test_source_delete_access(db, request, client_name, expected):
    source = SourceFactory()
    client = request.getfixturevalue(client_name)

    response = client.delete(detail(source), HTTP_IF_MATCH=etag(client, detail(source)))

    assert (response.status_code, Source.objects.filter(pk=source.pk).exists()) == (
        expected,
        expected != 204,
    )


@pytest.mark.parametrize("rows", [1, 12])
def test_source_list_query_count_is_flat(anon, django_assert_num_queries, rows):
    for _ in range(rows):
        SourceFactory()

    with django_assert_num_queries(2):
        listed = results(anon.get(LIST))

    assert len(listed) == rows


@pytest.mark.parametrize("rows", [1, 12])
def test_source_detail_query_count_is_flat(api_editor, django_assert_num_queries, rows):
    source = SourceFactory()
    for _ in range(rows):
        AppearanceFactory(source=source)

    with django_assert_num_queries(6):
        body = api_editor.get(detail(source)).json()

    assert body["id"] == source.pk


@pytest.mark.parametrize(
    ("client_name", "expected"), [("anon", 404), ("outsider", 404), ("api_editor", 200)]
)
def test_draft_source_versions_read_access(db, request, client_name, expected):
    source = SourceFactory(status=Source.Status.DRAFT)
    client = request.getfixturevalue(client_name)

    assert client.get(f"{detail(source)}versions/").status_code == expected


@pytest.mark.parametrize("rows", [1, 12])
def test_source_versions_query_count_is_flat(anon, django_assert_num_queries, rows):
    source = SourceFactory()
    for n in range(rows):
        source_update(source=source, text=f"The text as corrected {n} times.")

    with django_assert_num_queries(3):
        listed = anon.get(f"{detail(source)}versions/").json()

    assert [item["number"] for item in listed] == list(range(rows, 0, -1))
