"""/claims/<slug>/: a published claim with its verdict, claimant, quote and evidence."""

import datetime

import pytest
from django.db import connection

from apps.claims.editing import claim_update
from apps.claims.matching import match_claims
from apps.claims.matching.neighbours import find_missing, stored_neighbours
from apps.claims.matching.semantic import claims_embed, claims_embed_all
from apps.claims.models import Citation, Claim
from apps.claims.workflow import claim_publish, claim_retract
from apps.sources.models import Source
from apps.speakers.models import Speaker
from tests import factories
from tests.factories import arranged
from tests.web.helpers import hrefs, page, texts

TEXT = factories.ARTICLE_TEXT
# Claim matching's scoring (`scored_claim_ids`) reads the candidates and the embeddings
# written since the last match (the factories' claims have none, so none is found by
# meaning alone: no query for those); the page then reads the matched claims once, as
# cards. On SQLite the candidates take two queries: how many claims hold each word, then
# those holding the rarest. On PostgreSQL the candidate query first sets the trigram
# threshold inside a transaction, which a test (run in a transaction itself) sees as a
# savepoint, the setting, the query and the release.
SCORING_QUERIES = 7 if connection.vendor == "postgresql" else 3


def _claim(**fields):
    return factories.PublishedClaimFactory(
        statement="Exports rose by 12% last year.", slug="exports-rose", **fields
    )


def test_claim_page_shows_statement_verdict_and_summary(client, db):
    _claim(summary="The ministry later gave 9%.", rating=factories.rating("false"))

    tree = page(client.get("/claims/exports-rose/"))

    assert texts(tree, "//h1") == ["Exports rose by 12% last year."]
    assert texts(tree, "//main//*[contains(@class, 'verdict ')]") == ["Verdict: False"]
    assert texts(tree, "//p[@class='verdict-box__summary']") == ["The ministry later gave 9%."]


def test_claim_page_links_claimant_quote_and_topics(client, db):
    speaker = factories.SpeakerFactory(name="Ana Minister", slug="ana")
    quote = factories.QuoteFactory(speaker=speaker)
    topic = factories.TopicFactory(name="Trade", slug="trade")
    claim = _claim(claimant=speaker, quote=quote)
    with arranged():
        claim.topics.set([topic])

    tree = page(client.get("/claims/exports-rose/"))

    assert hrefs(tree, "//dl[@class='facts']//a") == ["/speakers/ana/", "/topics/trade/"]
    assert hrefs(tree, "//section[h2[@id='quote-heading']]//a") == [
        f"/quotes/{quote.pk}/",
        "/speakers/ana/",
    ]


def test_claim_page_shows_each_citation_with_relation_passage_in_context_and_link(client, db):
    source = factories.SourceFactory(title="Ministry report", slug="report")
    claim = _claim()
    citation = factories.CitationFactory(
        claim=claim, source=source, relation=Citation.Relation.CONTRADICTS, note="Revised."
    )

    tree = page(client.get("/claims/exports-rose/"))

    [item] = tree.xpath("//ol[@class='citations']/li")
    assert texts(item, ".//span[contains(@class, 'relation')]") == ["Contradicts it"]
    assert texts(item, ".//mark") == ["exports rose by 12% last year"]
    assert texts(item, ".//blockquote") == [
        "Speaking at the forum, the minister said that exports rose by 12% last year. "
        '"We have never sold more grain abroad," she said. Critics called the figure '
        '"a fantasy." The ministry later said exports rose by 9%.'
    ]
    assert hrefs(item) == ["/sources/report/", f"/sources/report/#citation-{citation.pk}"]
    assert texts(item, ".//p[@class='citation__note']") == ["Revised."]


def test_claim_page_says_when_a_cited_passage_is_not_in_the_source(client, db):
    claim = _claim()
    factories.CitationFactory(claim=claim, source__slug="report", exact="sold rice to Mars")

    tree = page(client.get("/claims/exports-rose/"))

    assert hrefs(tree, "//ol[@class='citations']//a") == ["/sources/report/"]
    assert texts(tree, "//ol[@class='citations']//p[@class='match-note']") == [
        "The cited passage is not in the archived text of this source."
    ]


def test_claim_page_hides_draft_citation_source(client, db):
    claim = _claim()
    factories.CitationFactory(
        claim=claim, source__title="Secret draft dossier", source__status=Source.Status.DRAFT
    )

    response = client.get("/claims/exports-rose/")

    assert "Secret draft dossier" not in response.content.decode()
    assert texts(page(response), "//section[h2[@id='evidence-heading']]/p") == [
        "No source is cited yet."
    ]


def test_claim_page_hides_draft_claimant_and_unconfirmed_quote(client, db):
    speaker = factories.SpeakerFactory(name="Hidden Person", status=Speaker.Status.DRAFT)
    quote = factories.QuoteFactory(text="Never confirmed words", status="draft")
    _claim(claimant=speaker, quote=quote)

    body = client.get("/claims/exports-rose/").content.decode()

    assert ("Hidden Person" in body, "Never confirmed words" in body) == (False, False)


def test_claim_page_lists_corrections_with_the_verdict_change(client, db):
    claim = _claim(rating=factories.rating("half-true"))
    factories.CorrectionFactory(
        claim=claim,
        date=datetime.date(2026, 3, 4),
        note="The ministry revised its figure.",
        rating_before=factories.rating("true"),
        rating_after=factories.rating("half-true"),
    )

    tree = page(client.get("/claims/exports-rose/"))

    assert texts(tree, "//ol[@class='corrections']/li") == [
        "Correction, 4 March 2026: verdict changed from True to Half true. "
        "The ministry revised its figure."
    ]


def test_claim_page_lists_published_claims_sharing_a_topic(client, db):
    topic = factories.TopicFactory()
    claim = _claim()
    related = factories.PublishedClaimFactory(statement="Related one.")
    draft = factories.ClaimFactory(statement="Draft sibling.")
    with arranged():
        for filed in (claim, related, draft):
            filed.topics.set([topic])

    tree = page(client.get("/claims/exports-rose/"))

    assert texts(tree, "//section[h2[@id='related-heading']]//h3") == ["Related one."]


def test_claim_page_lists_similar_fact_checks_with_their_similarity(client, db, settings):
    settings.CLAIM_MATCHING_SEMANTIC_WEIGHT = 0.5
    _claim()
    factories.PublishedClaimFactory(statement="Exports rose by 12% in 2025.", slug="close")
    factories.PublishedClaimFactory(statement="Exports rose sharply last year.", slug="closer")
    factories.PublishedClaimFactory(
        statement="Wheat harvests were poor in the last decade.", slug="unlike"
    )
    factories.ClaimFactory(statement="Exports rose by 12% last year, again.", slug="draft")

    tree = page(client.get("/claims/exports-rose/"))

    section = "//section[h2[@id='similar-heading']]"
    assert hrefs(tree, f"{section}//h3/a") == ["/claims/closer/", "/claims/close/"]
    assert texts(tree, f"{section}//span[@class='similarity']") == ["91% similar", "88% similar"]
    assert texts(tree, f"{section}//span[contains(@class, 'verdict ')]") == [
        "Verdict: True",
        "Verdict: True",
    ]


def test_claim_page_lists_similar_claims_once_not_again_under_shared_topics(client, db):
    topic = factories.TopicFactory()
    with arranged():
        _claim().topics.set([topic])
        factories.PublishedClaimFactory(statement="Exports rose by 12% in 2025.").topics.set(
            [topic]
        )
        factories.PublishedClaimFactory(statement="Rainfall doubled.").topics.set([topic])

    tree = page(client.get("/claims/exports-rose/"))

    assert texts(tree, "//h2[@id='similar-heading' or @id='related-heading']") == [
        "Similar fact-checks",
        "More on these topics",
    ]
    assert texts(tree, "//section[h2[@id='similar-heading' or @id='related-heading']]//h3") == [
        "Exports rose by 12% in 2025.",
        "Rainfall doubled.",
    ]


def test_claim_page_lists_five_related_claims_besides_five_similar_ones_on_its_topics(client, db):
    topic = factories.TopicFactory()
    with arranged():
        _claim().topics.set([topic])
        for n in range(5):
            factories.PublishedClaimFactory(
                statement=f"Exports rose by 12% last year, says report {n}."
            ).topics.set([topic])
        for n in range(6):
            factories.PublishedClaimFactory(statement=f"Zebras migrate ({n}).").topics.set([topic])
    claims_embed_all()
    find_missing()

    tree = page(client.get("/claims/exports-rose/"))

    assert _similar_and_related_counts_of(tree) == [5, 5]
    assert all(
        title.startswith("Zebras")
        for title in texts(tree, "//section[h2[@id='related-heading']]//h3")
    )


def test_claim_page_similar_claims_hide_a_draft_claimant(client, db):
    _claim()
    hidden = factories.SpeakerFactory(name="Hidden Person", status=Speaker.Status.DRAFT)
    factories.PublishedClaimFactory(statement="Exports rose by 12% in 2025.", claimant=hidden)

    tree = page(client.get("/claims/exports-rose/"))

    assert texts(tree, "//section[h2[@id='similar-heading']]//p[@class='card__meta']") == [
        "Checked " + texts(tree, "//section[h2[@id='similar-heading']]//time")[0]
    ]


def test_claim_page_kept_similar_claims_hide_a_draft_claimant(client, db):
    claims_embed([_claim()])
    hidden = factories.SpeakerFactory(name="Hidden Person", status=Speaker.Status.DRAFT)
    shown = factories.SpeakerFactory(name="Shown Person")
    for claimant in (hidden, shown):
        claims_embed(
            [
                factories.PublishedClaimFactory(
                    statement="Exports rose by 12% in 2025.", claimant=claimant
                )
            ]
        )
    find_missing()

    tree = page(client.get("/claims/exports-rose/"))

    assert texts(tree, "//section[h2[@id='similar-heading']]//p[@class='card__meta']/a") == [
        "Shown Person"
    ]


def test_claim_page_related_claims_hide_a_draft_claimant(client, db):
    topic = factories.TopicFactory()
    hidden = factories.SpeakerFactory(name="Hidden Person", status=Speaker.Status.DRAFT)
    shown = factories.SpeakerFactory(name="Shown Person")
    with arranged():
        _claim().topics.set([topic])
        for n, claimant in enumerate((hidden, shown)):
            factories.PublishedClaimFactory(
                statement=f"Zebras migrate ({n}).", claimant=claimant
            ).topics.set([topic])

    tree = page(client.get("/claims/exports-rose/"))

    assert texts(tree, "//section[h2[@id='related-heading']]//p[@class='card__meta']/a") == [
        "Shown Person"
    ]


def test_claim_page_shows_a_claim_published_since_among_its_similar_ones(
    client, superuser, django_capture_on_commit_callbacks
):
    claims_embed([_claim()])
    find_missing()
    later = factories.ClaimFactory(
        statement="Exports rose by 12% in 2025.",
        slug="later",
        status=Claim.Status.IN_REVIEW,
        rating=factories.rating("true"),
        summary="By the ministry's figures.",
    )
    factories.CitationFactory(claim=later)
    claims_embed([later])

    with django_capture_on_commit_callbacks(execute=True):
        claim_publish(claim=later, actor=superuser)

    tree = page(client.get("/claims/exports-rose/"))
    assert hrefs(tree, "//section[h2[@id='similar-heading']]//h3/a") == ["/claims/later/"]


def test_claim_page_leaves_out_a_kept_similar_claim_retracted_since(client, superuser):
    claim = _claim()
    other = factories.PublishedClaimFactory(
        statement="Exports rose by 12% in 2025.", rating=factories.rating("false")
    )
    claims_embed([claim, other])
    find_missing()
    assert [pk for pk, _ in stored_neighbours(claim.pk)] == [other.pk]

    claim_retract(claim=other, actor=superuser, note="The report it relied on was a forgery.")

    tree = page(client.get("/claims/exports-rose/"))
    assert tree.xpath("//section[h2[@id='similar-heading']]") == []


@pytest.mark.parametrize("status", [Claim.Status.DRAFT, Claim.Status.IN_REVIEW])
def test_claim_page_answers_404_unless_published_or_retracted(client, db, status):
    factories.PublishedClaimFactory(slug="not-public", status=status)

    response = client.get("/claims/not-public/")

    assert texts(page(response, status=404), "//h1") == ["Page not found"]


def _retracted(reviewer, **fields):
    claim = _claim(rating=factories.rating("false"), **fields)
    claim_retract(claim=claim, actor=reviewer, note="The report it relied on was a forgery.")
    return claim


def _day(date: datetime.date) -> str:
    return f"{date.day} {date:%B %Y}"


def test_claim_page_of_a_retracted_claim_says_when_why_and_which_verdict_was_withdrawn(
    client, superuser
):
    claim = _retracted(superuser, summary="The ministry later gave 9%.")
    [retraction] = claim.corrections.all()

    tree = page(client.get("/claims/exports-rose/"))

    assert texts(tree, "//p[@class='eyebrow']") == ["Fact-check, retracted"]
    assert texts(tree, "//div[@class='retraction-notice']/*") == [
        "This fact-check was retracted",
        f"Retracted on {_day(retraction.date)} by Factbase. Its verdict no longer stands.",
        "Why: The report it relied on was a forgery.",
        "The verdict it had: False (The ministry later gave 9%.).",
        "All corrections and retractions",
    ]
    assert hrefs(tree, "//div[@class='retraction-notice']//a") == ["/corrections/"]
    assert tree.xpath("//div[@class='verdict-box']") == []


def test_claim_page_of_a_retracted_claim_lists_the_retraction_among_its_corrections(
    client, superuser
):
    claim = _retracted(superuser)
    [retraction] = claim.corrections.all()

    tree = page(client.get("/claims/exports-rose/"))

    assert texts(tree, "//ol[@class='corrections']/li") == [
        f"Retraction, {_day(retraction.date)}: the verdict False was withdrawn. "
        "The report it relied on was a forgery."
    ]


def test_claim_page_of_a_retracted_claim_asks_not_to_be_indexed(client, superuser):
    _retracted(superuser)
    factories.PublishedClaimFactory(statement="Still standing.", slug="standing")

    robots = [
        page(client.get(url)).xpath("//meta[@name='robots']/@content")
        for url in ("/claims/exports-rose/", "/claims/standing/")
    ]

    assert robots == [["noindex"], []]


def test_claim_page_of_a_retracted_claim_offers_no_similar_or_related_claims(client, superuser):
    topic = factories.TopicFactory()
    claim = _claim(rating=factories.rating("false"))
    with arranged():
        claim.topics.set([topic])
        factories.PublishedClaimFactory(statement="Exports rose by 12% in 2025.").topics.set(
            [topic]
        )
    claim_retract(claim=claim, actor=superuser, note="The report it relied on was a forgery.")

    tree = page(client.get("/claims/exports-rose/"))

    assert tree.xpath("//h2[@id='similar-heading' or @id='related-heading']") == []


def test_claim_page_redirects_a_former_slug_to_the_current_one(client, superuser):
    claim = _claim()
    factories.CitationFactory(claim=claim)  # a published claim keeps a passage found in a source
    claim_update(claim=claim, actor=superuser, slug="exports-rose-by-twelve-percent")

    response = client.get("/claims/exports-rose/?utm=x")

    assert (response.status_code, response["Location"]) == (
        301,
        "/claims/exports-rose-by-twelve-percent/",
    )


def test_claim_page_redirects_a_slug_in_other_letter_case(client, db):
    _claim()

    response = client.get("/claims/Exports-Rose/")

    assert (response.status_code, response["Location"]) == (301, "/claims/exports-rose/")


def test_claim_page_does_not_redirect_a_former_slug_of_a_draft(client, db):
    claim = factories.ClaimFactory(slug="draft-old")
    claim_update(claim=claim, slug="draft-new")

    assert client.get("/claims/draft-old/").status_code == 404


def _claim_with_everything(size: int) -> Claim:
    """The claim page's claim with `size` citations, corrections and topics, and `size`
    similar and `size` related claims."""
    speaker = factories.SpeakerFactory()
    quote = factories.QuoteFactory(speaker=speaker)
    claim = _claim(claimant=speaker, quote=quote)
    topics = factories.TopicFactory.create_batch(size)
    with arranged():
        claim.topics.set(topics)
    for n in range(size):
        factories.CitationFactory(claim=claim)
        factories.CorrectionFactory(claim=claim, rating_after=factories.rating("true"))
        factories.PublishedClaimFactory(
            statement=f"Exports rose by 12% last year, says report {n}.", claimant=speaker
        )
        other = factories.PublishedClaimFactory(statement=f"Zebras migrate ({n}).")
        with arranged():
            other.topics.set(topics)
    return claim


def _similar_and_related_counts(response) -> list[int]:
    return _similar_and_related_counts_of(page(response))


def _similar_and_related_counts_of(tree) -> list[int]:
    return [
        len(tree.xpath(f"//section[h2[@id='{heading}']]//article"))
        for heading in ("similar-heading", "related-heading")
    ]


@pytest.mark.parametrize("size", [1, 8])
def test_claim_page_runs_a_fixed_number_of_queries(client, db, django_assert_num_queries, size):
    claim = _claim_with_everything(size)
    # Matching reads the table's statistics (PostgreSQL) and loads its index of meanings
    # once per process, not per page: done here, so that what is counted is the page's own.
    match_claims(claim.statement, exclude_pk=claim.pk)

    # The claim and its 5 prefetches, the similar claims (none kept yet: scored, then read
    # as cards), the claims on the same topics (cards' claimants joined to their rows).
    with django_assert_num_queries(6 + SCORING_QUERIES + 1 + 1):
        response = client.get("/claims/exports-rose/")

    assert len(page(response).xpath("//ol[@class='citations']/li")) == size
    assert _similar_and_related_counts(response) == [min(size, 5), min(size, 5)]


@pytest.mark.parametrize("size", [1, 8])
def test_claim_page_reads_kept_similar_claims_in_a_fixed_number_of_queries(
    client, db, django_assert_num_queries, size
):
    _claim_with_everything(size)
    claims_embed_all()
    find_missing()

    # The claim and its 5 prefetches, the kept similar claims as cards, the claims on the
    # same topics (cards' claimants joined to their rows): no matching.
    with django_assert_num_queries(6 + 1 + 1):
        response = client.get("/claims/exports-rose/")

    assert _similar_and_related_counts(response) == [min(size, 5), min(size, 5)]


def test_claim_page_shows_a_citations_publisher_date_and_approximate_match(client, db):
    source = factories.SourceFactory(
        slug="report",
        publisher=factories.PublisherFactory(name="Daily Ledger"),
        published_on=datetime.date(2025, 3, 5),
    )
    citation = factories.CitationFactory(
        claim=_claim(), source=source, exact="the minister said that exports rose by 12 per cent"
    )

    [item] = page(client.get("/claims/exports-rose/")).xpath("//ol[@class='citations']/li")

    assert (citation.match, texts(item, ".//span[@class='citation__publisher']")) == (
        "approximate",
        [", Daily Ledger"],
    )
    assert item.xpath(".//time/@datetime") == ["2025-03-05"]
    assert texts(item, ".//span[@class='citation__date']") == [", 5 March 2025"]
    assert texts(item, ".//span[@class='match-note']") == [
        f"(the source's words differ slightly: {citation.match_description.lower()})"
    ]
