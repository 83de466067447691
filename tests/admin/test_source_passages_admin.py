"""The source's change page: its stored text with every anchored passage highlighted, and
the passages listed with their match."""

import pytest
from django.urls import reverse

from apps.accounts.roles import Role
from apps.sources.admin import PassageRow
from apps.sources.models import Source
from tests.admin.helpers import form_data, signed_in
from tests.factories import (
    ARTICLE_TEXT,
    AppearanceFactory,
    CitationFactory,
    ClaimFactory,
    QuoteFactory,
    SourceFactory,
)

WORDS = "We have never sold more grain abroad,"
REVISED = "The ministry later said exports rose by 9%."


def change_url(source: Source) -> str:
    return reverse("admin:sources_source_change", args=[source.pk])


def quote_url(quote) -> str:
    return reverse("admin:quotes_quote_change", args=[quote.pk])


def claim_url(claim) -> str:
    return reverse("admin:claims_claim_change", args=[claim.pk])


def test_change_page_lists_each_passage_with_its_match(superuser_client):
    source = SourceFactory()
    quote = QuoteFactory(speaker__name="Olha Stefanishyna", text=WORDS)
    appearance = AppearanceFactory(quote=quote, source=source)
    claim = ClaimFactory(statement="Exports rose by 8%.")
    approximate = CitationFactory(
        claim=claim, source=source, exact="The ministry later said exports rose by 8%."
    )
    missing = CitationFactory(claim=claim, source=source, exact="Exports fell sharply.")

    response = superuser_client.get(change_url(source))

    passages = response.context["source_passages"]
    assert (passages["found"], passages["not_found"]) == (
        [
            PassageRow(
                number=1,
                html_id=f"appearance-{appearance.pk}",
                kind="quote",
                match="Exact",
                owner=f"Olha Stefanishyna: “{WORDS}”",
                href=quote_url(quote),
            ),
            PassageRow(
                number=2,
                html_id=f"citation-{approximate.pk}",
                kind="claim",
                match="Approximate (98% similar)",
                owner="Exports rose by 8%.",
                href=claim_url(claim),
            ),
        ],
        [
            PassageRow(
                number=None,
                html_id=f"citation-{missing.pk}",
                kind="claim",
                match="Not found",
                owner="Exports rose by 8%.",
                href=claim_url(claim),
            )
        ],
    )


def test_change_page_highlights_each_found_passage_in_the_text(superuser_client):
    source = SourceFactory()
    quote = QuoteFactory(speaker__name="Olha Stefanishyna", text=WORDS)
    appearance = AppearanceFactory(quote=quote, source=source)
    citation = CitationFactory(
        claim__statement="Exports rose by 8%.",
        source=source,
        exact="The ministry later said exports rose by 8%.",
    )

    response = superuser_client.get(change_url(source))

    before, after = ARTICLE_TEXT.split(WORDS)
    middle, _ = after.split(REVISED)
    assert str(response.context["source_passages"]["highlighted_text"]) == (
        "<p>"
        + before.replace('"', "&quot;")
        + f'<mark id="appearance-{appearance.pk}" class="passage passage--quote passage--exact">'
        f"{WORDS}</mark>"
        f'<a class="passage-ref passage-ref--quote" href="{quote_url(quote)}" '
        'title="Exact: Olha Stefanishyna: “We have never sold more grain abroad,”">'
        '<span class="visually-hidden">Quote </span>1</a>'
        + middle.replace('"', "&quot;")
        + f'<mark id="citation-{citation.pk}" class="passage passage--claim '
        f'passage--approximate">{REVISED}</mark>'
        f'<a class="passage-ref passage-ref--claim" href="{claim_url(citation.claim)}" '
        'title="Approximate (98% similar): Exports rose by 8%.">'
        '<span class="visually-hidden">Claim </span>2</a></p>'
    )


def test_the_text_is_escaped_and_so_are_the_passages_in_it(superuser_client):
    source = SourceFactory(text='She said: "<script>alert(1)</script> is & was wrong." & left.')
    quote = QuoteFactory(
        speaker__name="<b>Eve</b>", text="<script>alert(1)</script> is & was wrong."
    )
    appearance = AppearanceFactory(quote=quote, source=source)

    response = superuser_client.get(change_url(source))

    assert str(response.context["source_passages"]["highlighted_text"]) == (
        "<p>She said: &quot;"
        f'<mark id="appearance-{appearance.pk}" class="passage passage--quote passage--exact">'
        "&lt;script&gt;alert(1)&lt;/script&gt; is &amp; was wrong.</mark>"
        f'<a class="passage-ref passage-ref--quote" href="{quote_url(quote)}" '
        'title="Exact: &lt;b&gt;Eve&lt;/b&gt;: “&lt;script&gt;alert(1)&lt;/script&gt; is '
        '&amp; was wrong.”"><span class="visually-hidden">Quote </span>1</a>'
        "&quot; &amp; left.</p>"
    )
    assert "<script>alert(1)" not in response.content.decode()


def test_change_page_of_a_text_with_no_passage_says_so(superuser_client):
    source = SourceFactory()

    response = superuser_client.get(change_url(source))

    assert response.context["source_passages"]["found"] == []
    assert (
        '<p class="help">No passage is found in this text: no quote or claim is anchored in it '
        "yet.</p>"
    ) in response.content.decode()


def test_a_refused_edit_highlights_the_stored_text_not_the_posted_one(superuser_client):
    source = SourceFactory()
    appearance = AppearanceFactory(source=source)
    data = form_data(superuser_client.get(change_url(source)))
    data.update({"text": "KYIV — " + ARTICLE_TEXT, "title": ""})  # a title is required

    response = superuser_client.post(change_url(source), data)

    highlighted = str(response.context["source_passages"]["highlighted_text"])
    assert highlighted.startswith("<p>Speaking at the forum,")
    start = highlighted.index(f'id="appearance-{appearance.pk}"')
    assert highlighted[start:].split(">", 1)[1].startswith(WORDS)


@pytest.mark.parametrize("passages", [1, 10])
def test_change_page_query_count_is_flat(superuser_client, django_assert_max_num_queries, passages):
    source = SourceFactory()
    for _ in range(passages):
        AppearanceFactory(source=source)
        CitationFactory(source=source)

    with django_assert_max_num_queries(9):
        response = superuser_client.get(change_url(source))

    assert len(response.context["source_passages"]["found"]) == 2 * passages


@pytest.mark.parametrize("role", [Role.EDITOR, Role.REVIEWER])
def test_editors_and_reviewers_see_the_highlighted_text(client, db, role):
    appearance = AppearanceFactory()
    signed_in(client, role)

    response = client.get(change_url(appearance.source))

    assert [row.html_id for row in response.context["source_passages"]["found"]] == [
        f"appearance-{appearance.pk}"
    ]


def test_anonymous_visitors_are_sent_to_the_login_page(client, db):
    source = SourceFactory()

    response = client.get(change_url(source))

    assert (response.status_code, response["Location"].split("?")[0]) == (
        302,
        reverse("admin:login"),
    )
