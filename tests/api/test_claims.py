import pytest

from apps.claims.models import Citation, Claim, ClaimRevision
from apps.core.versions import version_number
from apps.quotes.models import Quote
from apps.sources.models import Source
from apps.speakers.models import Speaker
from tests.api.helpers import api, error, etag, page, published_claim, results
from tests.factories import (
    ARTICLE_TEXT,
    CitationFactory,
    ClaimFactory,
    CorrectionFactory,
    QuoteFactory,
    SourceFactory,
    SpeakerFactory,
    TopicFactory,
    arranged,
    rating,
)

LIST = "/api/v1/claims/"


def detail(claim) -> str:
    return f"/api/v1/claims/{claim.pk}/"


def test_claim_detail_answers_its_whole_representation(anon):
    speaker = SpeakerFactory(name="Minister", slug="minister")
    quote = QuoteFactory(speaker=speaker)
    source = SourceFactory(title="Grain report", slug="grain-report")
    topic = TopicFactory(name="Trade", slug="trade")
    claim = published_claim(
        statement="Exports rose by 12% last year.",
        slug="exports-rose",
        claimant=speaker,
        quote=quote,
        rating=rating("false"),
        summary="They rose by 9%.",
    )
    with arranged():
        claim.topics.set([topic])
    citation = CitationFactory(
        claim=claim, source=source, relation="contradicts", exact="exports rose by 9%"
    )
    false = rating("false")

    body = anon.get(detail(claim)).json()

    start = ARTICLE_TEXT.index("exports rose by 9%")
    assert body == {
        "id": claim.pk,
        "api_url": api(f"claims/{claim.pk}/"),
        "page_url": page("claims/exports-rose/"),
        "statement": "Exports rose by 12% last year.",
        "slug": "exports-rose",
        "claimant": {
            "id": speaker.pk,
            "api_url": api(f"speakers/{speaker.pk}/"),
            "page_url": page("speakers/minister/"),
            "name": "Minister",
            "slug": "minister",
        },
        "quote": {
            "id": quote.pk,
            "api_url": api(f"quotes/{quote.pk}/"),
            "page_url": page(f"quotes/{quote.pk}/"),
            "text": quote.text,
        },
        "rating": {
            "id": false.pk,
            "api_url": api(f"ratings/{false.pk}/"),
            "label": false.label,
            "slug": "false",
            "score": false.score,
            "normalised_class": "false",
        },
        "summary": "They rose by 9%.",
        "analysis": "",
        "topics": [
            {
                "id": topic.pk,
                "api_url": api(f"topics/{topic.pk}/"),
                "page_url": page("topics/trade/"),
                "name": "Trade",
                "slug": "trade",
            }
        ],
        "published_at": body["published_at"],
        "citations": [
            {
                "id": citation.pk,
                "page_url": page(f"sources/grain-report/#citation-{citation.pk}"),
                "source": {
                    "id": source.pk,
                    "api_url": api(f"sources/{source.pk}/"),
                    "page_url": page("sources/grain-report/"),
                    "title": "Grain report",
                    "slug": "grain-report",
                },
                "relation": "contradicts",
                "exact": "exports rose by 9%",
                "prefix": ARTICLE_TEXT[start - 32 : start],
                "suffix": ".",
                "start": start,
                "end": start + len("exports rose by 9%"),
                "match": "exact",
                "similarity": 1.0,
                "found_passage": "exports rose by 9%",
                "note": "",
            }
        ],
        "corrections": [],
        "created_at": body["created_at"],
        "updated_at": body["updated_at"],
    }


def test_anonymous_client_lists_and_filters_published_claims_by_speaker_and_rating(anon):
    putin = SpeakerFactory(slug="vladimir-putin")
    wanted = published_claim(claimant=putin, rating=rating("false"))
    published_claim(claimant=putin, rating=rating("true"))
    published_claim(rating=rating("false"))
    ClaimFactory(claimant=putin, rating=rating("false"))  # a draft

    listed = results(anon.get(LIST, {"speaker": "vladimir-putin", "rating": "false"}))

    assert [item["id"] for item in listed] == [wanted.pk]


def test_speaker_filter_also_finds_claims_drawn_from_the_speakers_quotes(anon):
    putin = SpeakerFactory(slug="vladimir-putin")
    claim = published_claim(claimant=None, quote=QuoteFactory(speaker=putin))

    listed = results(anon.get(LIST, {"speaker": "vladimir-putin"}))

    assert [item["id"] for item in listed] == [claim.pk]


def test_anonymous_client_follows_a_claim_to_its_sources_and_quote_and_back(anon):
    source = SourceFactory()
    quote = QuoteFactory()
    claim = published_claim(quote=quote)
    CitationFactory(claim=claim, source=source)

    body = anon.get(detail(claim)).json()
    source_body = anon.get(body["citations"][0]["source"]["api_url"]).json()
    quote_body = anon.get(body["quote"]["api_url"]).json()
    back = results(anon.get(source_body["claims_url"]))
    from_quote = results(anon.get(quote_body["claims_url"]))

    assert (source_body["id"], quote_body["id"]) == (source.pk, quote.pk)
    assert [item["id"] for item in back] == [item["id"] for item in from_quote] == [claim.pk]


def test_draft_claim_is_in_no_list_and_answers_404_to_anonymous_clients(anon):
    draft = ClaimFactory(statement="A draft.", status=Claim.Status.IN_REVIEW)
    public = published_claim()

    listed = [item["id"] for item in results(anon.get(LIST))]
    searched = results(anon.get(LIST, {"q": "draft"}))

    assert (listed, searched) == ([public.pk], [])
    assert error(anon.get(detail(draft))) == (404, [(None, "not_found")])


def test_published_claim_hides_its_draft_claimant_draft_quote_and_draft_sources(anon):
    draft_speaker = SpeakerFactory(status=Speaker.Status.DRAFT)
    draft_quote = QuoteFactory(status=Quote.Status.DRAFT)
    draft_source = SourceFactory(status=Source.Status.DRAFT)
    public_source = SourceFactory()
    claim = published_claim(claimant=draft_speaker, quote=draft_quote)
    CitationFactory(claim=claim, source=draft_source)
    CitationFactory(claim=claim, source=public_source)

    body = anon.get(detail(claim)).json()

    assert (body["claimant"], body["quote"]) == (None, None)
    assert [item["source"]["id"] for item in body["citations"]] == [public_source.pk]


def test_draft_source_slug_answers_400_to_anonymous_filter_like_an_unknown_one(anon):
    SourceFactory(slug="secret", status=Source.Status.DRAFT)

    response = anon.get(LIST, {"source": "secret"})

    assert error(response) == (400, [("source", "invalid_choice")])


def test_editor_sees_claims_in_review_and_filters_on_status(api_editor):
    in_review = ClaimFactory(status=Claim.Status.IN_REVIEW)
    published_claim()

    listed = results(api_editor.get(LIST, {"status": "in_review"}))

    assert [(item["id"], item["status"]) for item in listed] == [(in_review.pk, "in_review")]


def test_claim_list_rejects_an_unknown_parameter_and_a_malformed_value(anon):
    assert error(anon.get(LIST, {"colour": "red"})) == (400, [("colour", "unknown_parameter")])
    assert error(anon.get(LIST, {"rating": "nonsense"})) == (400, [("rating", "invalid_choice")])
    assert error(anon.get(LIST, {"updated_since": "yesterday"})) == (
        400,
        [("updated_since", "invalid")],
    )
    assert error(anon.get(LIST, {"ordering": "statement"})) == (
        400,
        [("ordering", "invalid_choice")],
    )


def test_claim_list_updated_since_returns_only_claims_changed_since(anon):
    old = published_claim()
    with arranged():
        Claim.objects.filter(pk=old.pk).update(updated_at="2020-01-01T00:00:00Z")
    new = published_claim()

    listed = results(anon.get(LIST, {"updated_since": "2021-01-01T00:00:00Z"}))

    assert [item["id"] for item in listed] == [new.pk]


def test_claim_list_pages_with_a_cursor_through_every_claim_once(api_editor):
    claims = [published_claim() for _ in range(3)] + [ClaimFactory() for _ in range(2)]

    seen, url = [], LIST + "?page_size=2"
    while url:
        body = api_editor.get(url).json()
        seen += [item["id"] for item in body["results"]]
        url = body["next"]

    assert sorted(seen) == sorted(claim.pk for claim in claims)
    assert len(seen) == 5


def test_editor_creates_a_claim_with_anchored_citations(api_editor, api_editor_user):
    source = SourceFactory(slug="grain-report")
    SpeakerFactory(slug="minister")
    TopicFactory(slug="trade")

    response = api_editor.post(
        LIST,
        {
            "statement": "Exports rose by 12% last year.",
            "claimant": "minister",
            "rating": "false",
            "topics": ["trade"],
            "citations": [
                {"source": "grain-report", "relation": "states", "exact": "exports rose by 12%"},
                {"source": "grain-report", "relation": "contradicts", "exact": "rose by 9 %"},
            ],
        },
    )

    assert response.status_code == 201, response.content
    body = response.json()
    claim = Claim.objects.get(pk=body["id"])
    assert (body["status"], body["claimant"]["slug"], body["rating"]["slug"]) == (
        "draft",
        "minister",
        "false",
    )
    assert sorted((c["relation"], c["match"], c["found_passage"]) for c in body["citations"]) == [
        ("contradicts", "approximate", "rose by 9%"),
        ("states", "exact", "exports rose by 12%"),
    ]
    assert claim.citations.filter(source=source).count() == 2
    assert {row.history_user for row in claim.history.all()} == {api_editor_user}


def test_claim_create_with_a_bad_citation_answers_400_naming_it_and_saves_nothing(api_editor):
    SourceFactory(slug="grain-report")

    response = api_editor.post(
        LIST,
        {
            "statement": "Exports rose.",
            "citations": [
                {"source": "grain-report", "relation": "states", "exact": "exports rose"},
                {"source": "grain-report", "relation": "states"},
            ],
        },
    )

    assert error(response) == (400, [("citations.1.exact", "required")])
    assert (Claim.objects.count(), Citation.objects.count()) == (0, 0)


def test_claim_update_with_current_etag_changes_the_claim_and_its_etag(api_editor):
    claim = ClaimFactory(statement="Old statement.")
    old = etag(api_editor, detail(claim))

    response = api_editor.patch(detail(claim), {"statement": "New."}, HTTP_IF_MATCH=old)

    assert (response.status_code, response.json()["statement"]) == (200, "New.")
    assert response["ETag"] not in {old, ""}
    assert response["ETag"] == etag(api_editor, detail(claim))


def test_claim_update_with_stale_etag_answers_412_and_changes_nothing(api_editor):
    claim = ClaimFactory(statement="First.")
    stale = etag(api_editor, detail(claim))
    api_editor.patch(detail(claim), {"statement": "Second."}, HTTP_IF_MATCH=stale)

    response = api_editor.patch(detail(claim), {"statement": "Third."}, HTTP_IF_MATCH=stale)

    claim.refresh_from_db()
    assert (error(response), claim.statement) == ((412, [(None, "precondition_failed")]), "Second.")


def test_claim_update_without_if_match_answers_428(api_editor):
    claim = ClaimFactory(statement="First.")

    response = api_editor.patch(detail(claim), {"statement": "Second."})

    claim.refresh_from_db()
    assert (error(response), claim.statement) == (
        (428, [(None, "precondition_required")]),
        "First.",
    )


def test_claim_update_replaces_citations_keeping_those_given_by_id(api_editor):
    claim = ClaimFactory()
    kept = CitationFactory(claim=claim, exact="exports rose by 12% last year")
    CitationFactory(claim=claim, exact="a fantasy")

    response = api_editor.patch(
        detail(claim),
        {
            "citations": [
                {
                    "id": kept.pk,
                    "source": kept.source.slug,
                    "relation": kept.relation,
                    "exact": kept.exact,
                    "note": "Kept.",
                }
            ]
        },
        HTTP_IF_MATCH=etag(api_editor, detail(claim)),
    )

    assert response.status_code == 200, response.content
    assert [(c["id"], c["note"]) for c in response.json()["citations"]] == [(kept.pk, "Kept.")]


def test_claim_status_is_not_written_through_the_claim_itself(api_editor):
    claim = ClaimFactory()

    response = api_editor.patch(
        detail(claim), {"status": "published"}, HTTP_IF_MATCH=etag(api_editor, detail(claim))
    )

    claim.refresh_from_db()
    assert (error(response), claim.status) == ((400, [("status", "read_only")]), "draft")


def test_editor_changing_a_published_verdict_answers_202_with_a_proposed_revision(api_editor):
    claim = published_claim(rating=rating("unproven"), summary="Unsettled.")
    CitationFactory(claim=claim)

    response = api_editor.patch(
        detail(claim),
        {"rating": "false", "correction_note": "The ministry revised its figure."},
        HTTP_IF_MATCH=etag(api_editor, detail(claim)),
    )

    revision = ClaimRevision.objects.get(claim=claim)
    body = response.json()
    claim.refresh_from_db()
    assert (response.status_code, response["Location"]) == (202, body["api_url"])
    assert body == {
        "id": revision.pk,
        "api_url": api(f"claim-revisions/{revision.pk}/"),
        "claim": {
            "id": claim.pk,
            "api_url": api(f"claims/{claim.pk}/"),
            "statement": claim.statement,
            "slug": claim.slug,
        },
        "status": "pending",
        "changes": {"rating": rating("false").pk},
        "before": {"rating": rating("unproven").pk},
        "correction_note": "The ministry revised its figure.",
        "proposed_by": "api-editor",
        "decided_by": None,
        "decided_at": None,
        "decision_note": "",
        "created_at": body["created_at"],
        "updated_at": body["updated_at"],
    }
    assert (claim.rating.slug, claim.corrections.count()) == ("unproven", 0)


def test_reviewer_changing_a_published_verdict_records_a_public_correction(api_reviewer):
    claim = published_claim(rating=rating("unproven"), summary="Unsettled.")
    CitationFactory(claim=claim)

    response = api_reviewer.patch(
        detail(claim),
        {"rating": "false", "correction_note": "The ministry revised its figure."},
        HTTP_IF_MATCH=etag(api_reviewer, detail(claim)),
    )

    corrections = response.json()["corrections"]
    assert (response.status_code, response.json()["rating"]["slug"]) == (200, "false")
    assert [
        (c["note"], c["rating_before"]["slug"], c["rating_after"]["slug"]) for c in corrections
    ] == [("The ministry revised its figure.", "unproven", "false")]


def test_reviewer_changing_a_published_verdict_without_a_note_answers_400(api_reviewer):
    claim = published_claim(rating=rating("unproven"), summary="Unsettled.")
    CitationFactory(claim=claim)

    response = api_reviewer.patch(
        detail(claim), {"rating": "false"}, HTTP_IF_MATCH=etag(api_reviewer, detail(claim))
    )

    assert error(response) == (400, [("correction_note", "correction_required")])


def test_conditional_get_with_current_etag_answers_304(anon):
    claim = published_claim()
    current = etag(anon, detail(claim))

    response = anon.get(detail(claim), HTTP_IF_NONE_MATCH=current)

    assert (response.status_code, response.content, response["ETag"]) == (304, b"", current)


def test_conditional_get_with_old_etag_answers_200(anon):
    claim = published_claim()

    response = anon.get(detail(claim), HTTP_IF_NONE_MATCH='"old"')

    assert (response.status_code, response.json()["id"]) == (200, claim.pk)


def test_etag_is_the_claims_version_for_its_audience(anon, api_editor):
    claim = published_claim()
    version = version_number(claim.updated_at)

    etags = (etag(anon, detail(claim)), etag(api_editor, detail(claim)))

    assert etags == (f'"{version}-public"', f'"{version}-editor"')


def test_conditional_get_with_the_readers_etag_answers_an_editor_200(anon, api_editor):
    claim = published_claim()
    readers = etag(anon, detail(claim))

    response = api_editor.get(detail(claim), HTTP_IF_NONE_MATCH=readers)

    assert (response.status_code, response.json()["id"]) == (200, claim.pk)


def test_claim_update_with_the_readers_etag_answers_412(anon, api_editor):
    claim = published_claim(summary="As written.")
    readers = etag(anon, detail(claim))  # the same version, but not what an editor read

    response = api_editor.patch(detail(claim), {"summary": "Changed."}, HTTP_IF_MATCH=readers)

    claim.refresh_from_db()
    assert (error(response), claim.summary, ClaimRevision.objects.count()) == (
        (412, [(None, "precondition_failed")]),
        "As written.",
        0,
    )


def test_published_claim_delete_answers_409(api_editor):
    claim = published_claim()

    response = api_editor.delete(detail(claim), HTTP_IF_MATCH=etag(api_editor, detail(claim)))

    assert error(response) == (409, [(None, "published")])
    assert Claim.objects.filter(pk=claim.pk).exists()


def test_draft_claim_delete_answers_204(api_editor):
    claim = ClaimFactory()
    CitationFactory(claim=claim)

    response = api_editor.delete(detail(claim), HTTP_IF_MATCH=etag(api_editor, detail(claim)))

    assert (response.status_code, Claim.objects.filter(pk=claim.pk).exists()) == (204, False)


@pytest.mark.parametrize(
    ("client_name", "expected"),
    [("anon", 401), ("outsider", 403), ("api_editor", 202), ("api_reviewer", 200)],
)
def test_claim_update_access(db, request, client_name, expected):
    claim = published_claim(statement="Before.")
    CitationFactory(claim=claim)
    client = request.getfixturevalue(client_name)

    response = client.patch(
        detail(claim),
        {"statement": "After.", "correction_note": "The statement was misquoted."},
        HTTP_IF_MATCH=etag(client, detail(claim)),
    )

    # An editor's change to a published claim is proposed (202), for a reviewer to accept.
    claim.refresh_from_db()
    assert (response.status_code, claim.statement) == (
        expected,
        "After." if expected == 200 else "Before.",
    )


@pytest.mark.parametrize(
    ("client_name", "expected"), [("anon", 404), ("outsider", 404), ("api_editor", 200)]
)
def test_draft_claim_read_access(db, request, client_name, expected):
    claim = ClaimFactory()
    client = request.getfixturevalue(client_name)

    assert client.get(detail(claim)).status_code == expected


def _claim_with_everything(citations: int) -> Claim:
    claim = published_claim(quote=QuoteFactory(), rating=rating("true"))
    with arranged():
        claim.topics.set([TopicFactory() for _ in range(citations)])
    for _ in range(citations):
        CitationFactory(claim=claim)
        CorrectionFactory(claim=claim, rating_before=rating("false"), rating_after=rating("true"))
    return claim


@pytest.mark.parametrize("rows", [1, 8])
def test_claim_list_query_count_is_flat(anon, django_assert_num_queries, rows):
    for _ in range(rows):
        _claim_with_everything(citations=rows)

    with django_assert_num_queries(7):
        listed = results(anon.get(LIST))

    assert len(listed) == rows


@pytest.mark.parametrize("rows", [1, 8])
def test_claim_detail_query_count_is_flat(api_editor, django_assert_num_queries, rows):
    claim = _claim_with_everything(citations=rows)

    with django_assert_num_queries(11):
        body = api_editor.get(detail(claim)).json()

    assert len(body["citations"]) == rows
