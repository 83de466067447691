"""/sources/<slug>/: a source's metadata and its archived text, every public passage marked."""

import hashlib

import pytest

from apps.claims.models import Claim
from apps.quotes.models import Quote
from apps.sources.models import Source
from apps.sources.services import source_update
from tests import factories
from tests.web.helpers import hrefs, page, texts

TEXT = factories.ARTICLE_TEXT


@pytest.fixture
def source(db):
    return factories.SourceFactory(
        title="Grain exports report",
        slug="grain",
        publisher__name="Daily News",
        authors="Jo Writer",
        url="https://news.example/grain",
    )


def test_source_page_shows_metadata_and_the_checksum_of_its_text(client, source):
    tree = page(client.get("/sources/grain/"))

    assert texts(tree, "//h1") == ["Grain exports report"]
    rows = dict(
        zip(
            texts(tree, "//dl[@class='facts']//dt"),
            texts(tree, "//dl[@class='facts']//dd"),
            strict=True,
        )
    )
    assert rows == {
        "Publisher": "Daily News",
        "Authors": "Jo Writer",
        "Published": "Date not known",
        "Original": "https://news.example/grain",
        "Language": "en",
        "SHA-256 of the text": f"{hashlib.sha256(TEXT.encode()).hexdigest()} "
        "(the text as UTF-8, to check it)",
    }


def test_source_page_shows_the_whole_text_when_nothing_is_marked(client, source):
    tree = page(client.get("/sources/grain/"))

    assert texts(tree, "//div[@class='source-text']") == [" ".join(TEXT.split())]
    assert tree.xpath("//div[@class='source-text']//mark") == []


def test_source_page_marks_an_appearance_and_links_it_to_its_quote(client, source):
    appearance = factories.AppearanceFactory(source=source)

    tree = page(client.get("/sources/grain/"))

    [mark] = tree.xpath(f"//mark[@id='appearance-{appearance.pk}']")
    assert mark.text_content() == "We have never sold more grain abroad,"
    assert hrefs(tree, "//div[@class='source-text']//a") == [f"/quotes/{appearance.quote.pk}/"]


def test_source_page_marks_a_citation_and_links_it_to_its_claim(client, source):
    claim = factories.PublishedClaimFactory(slug="exports")
    citation = factories.CitationFactory(claim=claim, source=source)

    tree = page(client.get("/sources/grain/"))

    [mark] = tree.xpath(f"//mark[@id='citation-{citation.pk}']")
    assert mark.text_content() == "exports rose by 12% last year"
    assert hrefs(tree, "//div[@class='source-text']//a") == ["/claims/exports/"]
    assert texts(tree, "//ol[@class='passage-list']/li") == [
        f"Claim States the claim: {claim.statement} · go to passage 1"
    ]


def test_source_page_marks_overlapping_and_nested_passages_each_with_its_id(client, source):
    first = factories.PublishedClaimFactory()
    second = factories.PublishedClaimFactory()
    # Two claims cite the same words; a third passage contains a quote.
    same_a = factories.CitationFactory(claim=first, source=source)
    same_b = factories.CitationFactory(claim=second, source=source)
    around = factories.CitationFactory(
        claim=first,
        source=source,
        exact='"We have never sold more grain abroad," she said.',
    )
    quote = factories.AppearanceFactory(source=source)

    tree = page(client.get("/sources/grain/"))

    ids = [mark.get("id") for mark in tree.xpath("//div[@class='source-text']//mark[@id]")]
    assert sorted(ids) == sorted([same_a.html_id, same_b.html_id, around.html_id, quote.html_id])
    [inner] = tree.xpath(f"//mark[@id='{quote.html_id}']")
    assert [ancestor.tag for ancestor in inner.iterancestors("mark")] == ["mark"]
    assert len(tree.xpath("//div[@class='source-text']//a[@class]")) == 4


def test_source_page_escapes_its_text(client, db):
    factories.SourceFactory(slug="xss", text='Hello <script>alert("x")</script> world.')

    body = client.get("/sources/xss/").content.decode()

    assert '<script>alert("x")</script>' not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body


def test_source_page_hides_passages_of_drafts(client, source):
    factories.CitationFactory(
        claim=factories.ClaimFactory(statement="Draft claim text", status=Claim.Status.DRAFT),
        source=source,
    )
    factories.AppearanceFactory(
        source=source, quote__status=Quote.Status.DRAFT, quote__speaker__name="Draft Quoter"
    )

    response = client.get("/sources/grain/")

    body = response.content.decode()
    assert ("Draft claim text" in body, "Draft Quoter" in body) == (False, False)
    assert page(response).xpath("//div[@class='source-text']//mark") == []


def test_source_page_answers_404_for_a_draft_source(client, db):
    factories.SourceFactory(slug="hidden", status=Source.Status.DRAFT)

    assert client.get("/sources/hidden/").status_code == 404


def test_source_page_redirects_a_former_slug(client, source):
    source_update(source=source, slug="grain-exports")

    response = client.get("/sources/grain/")

    assert (response.status_code, response["Location"]) == (301, "/sources/grain-exports/")


@pytest.mark.parametrize("size", [1, 8])
def test_source_page_runs_a_fixed_number_of_queries(
    client, source, django_assert_num_queries, size
):
    for _ in range(size):
        factories.CitationFactory(claim=factories.PublishedClaimFactory(), source=source)
        factories.AppearanceFactory(source=source)

    with django_assert_num_queries(3):
        response = client.get("/sources/grain/")

    assert len(page(response).xpath("//div[@class='source-text']//mark[@id]")) == 2 * size
