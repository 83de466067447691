"""The issue's end-to-end story: an editor builds a fact-check through the API alone, and
anonymous clients then walk it without ever meeting a draft."""

from apps.claims.models import Claim
from tests.api.helpers import error, results

ARTICLE = (
    "At the forum the minister said: \u201cWe have never sold more grain abroad.\u201d "
    "The ministry's own figures show exports fell by 3% that year."
)


def test_editor_creates_speaker_source_quote_and_claim_then_a_stale_write_answers_412(
    newsroom_editor, anon
):
    speaker = newsroom_editor.post("/api/v1/speakers/", {"name": "Olena Petrenko"}).json()
    source = newsroom_editor.post(
        "/api/v1/sources/", {"title": "Forum report", "text": ARTICLE, "status": "published"}
    ).json()
    draft_quote = newsroom_editor.post(
        "/api/v1/quotes/",
        {
            "text": "We have never sold more grain abroad.",
            "speaker": speaker["slug"],
            "appearances": [{"source": source["slug"]}],
        },
    )
    # Confirming is its own step: it checks that a published source carries the words.
    quote = newsroom_editor.post(
        f"{draft_quote.json()['api_url']}confirm/", HTTP_IF_MATCH=draft_quote["ETag"]
    ).json()
    claim_response = newsroom_editor.post(
        "/api/v1/claims/",
        {
            "statement": "Grain exports reached a record last year.",
            "claimant": speaker["slug"],
            "quote": quote["id"],
            "rating": "false",
            "citations": [
                {"source": source["slug"], "relation": "states", "exact": "never sold more grain"},
                {
                    "source": source["slug"],
                    "relation": "contradicts",
                    "exact": "exports fell by 3%",
                },
            ],
        },
    )
    claim = claim_response.json()

    assert claim_response.status_code == 201, claim
    appearance = quote["appearances"][0]
    assert (quote["status"], appearance["match"], appearance["found_passage"]) == (
        "confirmed",
        "exact",
        "We have never sold more grain abroad.",
    )
    assert [c["match"] for c in claim["citations"]] == ["exact", "exact"]

    read_etag = claim_response["ETag"]
    first = newsroom_editor.patch(
        claim["api_url"], {"summary": "Exports fell by 3%."}, HTTP_IF_MATCH=read_etag
    )
    second = newsroom_editor.patch(
        claim["api_url"], {"summary": "Overwrite!"}, HTTP_IF_MATCH=read_etag
    )

    assert first.status_code == 200
    assert error(second) == (412, [(None, "precondition_failed")])
    assert Claim.objects.get(pk=claim["id"]).summary == "Exports fell by 3%."
    # Not yet published: anonymous clients see the speaker, source and quote, not the claim.
    assert results(anon.get("/api/v1/claims/")) == []
    assert anon.get(claim["api_url"]).status_code == 404
    assert [q["id"] for q in results(anon.get(source["quotes_url"]))] == [quote["id"]]
