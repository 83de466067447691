"""/search/?q=: ranked public results across claims, quotes, speakers and sources, with
highlighted snippets, facets that filter, and pagination."""

import datetime

import pytest
from django.http import QueryDict

from apps.claims.models import Claim
from apps.quotes.models import Quote
from apps.search.selectors import MATCH_CAP
from apps.sources.models import Source
from apps.speakers.models import Speaker
from apps.web.search_page import SearchQuery
from tests import factories
from tests.factories import arranged
from tests.search.record import israel_record
from tests.web.helpers import hrefs, page, texts

HITS = "//ol[@class='search-results']/li"
HIT_LINKS = f"{HITS}/h3/a"
TWO_MILLION = "/claims/almost-two-million-people-from-the-former-soviet-union-live-in-israel/"
MIDNIGHT_HAMMER = "/claims/us-operation-midnight-hammer-struck-fordow-natanz-and-isfahan/"
JAN_2025 = datetime.datetime(2025, 1, 15, tzinfo=datetime.UTC)
# What one search costs in the search service when all four kinds have hits on the page:
# a query per kind (on PostgreSQL a one-word search's settings go with them), and one
# per kind for its hits with their snippets (see apps.search.selectors.search).
SERVICE_QUERIES = 8


@pytest.fixture
def record(db):
    return israel_record()


def _claim(statement, **fields):
    return factories.PublishedClaimFactory(
        statement=statement, **{"published_at": JAN_2025, **fields}
    )


def _facets(tree) -> dict[str, list[str]]:
    """Each facet group's title and its links' text, as a reader hears them."""
    return {
        " ".join(group.xpath("string(h3)").split()): texts(group, ".//a")
        for group in tree.xpath("//nav[contains(@class, 'facets')]/div[@class='facet']")
    }


# --- the page ----------------------------------------------------------------------------


def test_search_page_without_words_shows_only_the_form(client, db, django_assert_num_queries):
    _claim("Zeppelins flew over the city.")

    with django_assert_num_queries(0):
        response = client.get("/search/?q=+")

    tree = page(response)
    assert texts(tree, "//h1") == ["Search"]
    assert tree.xpath("//main//form[@role='search']/@action") == ["/search/"]
    assert (tree.xpath(HITS), tree.xpath("//p[@class='result-count']")) == ([], [])
    assert tree.xpath("//nav[contains(@class, 'facets')]") == []


def test_search_page_explains_phrase_exclusion_and_or_under_the_box(client, db):
    tree = page(client.get("/search/"))

    [field] = tree.xpath("//main//input[@name='q']")
    assert texts(tree, f"//*[@id='{field.get('aria-describedby')}']") == [
        'Put words in quotes to find them together ("two million"), a minus before a word '
        "to leave it out (-Iran), and OR between alternatives (Putin OR Trump)."
    ]
    assert texts(tree, f"//label[@for='{field.get('id')}']") == [
        "Search claims, quotes, speakers and sources"
    ]


def test_search_page_title_names_the_query_and_asks_not_to_be_indexed(client, db):
    tree = page(client.get("/search/?q=two+million"))

    assert texts(tree, "//title") == ["“two million”: search — Factbase"]
    assert tree.xpath("//meta[@name='robots']/@content") == ["noindex"]
    assert tree.xpath("//main//input[@name='q']/@value") == ["two million"]


def test_search_page_without_words_is_not_indexed_either(client, db):
    tree = page(client.get("/search/"))

    assert (texts(tree, "//title"), tree.xpath("//meta[@name='robots']/@content")) == (
        ["Search — Factbase"],
        ["noindex"],
    )


def test_search_page_lists_putins_quote_and_the_two_million_claim_first(client, record):
    quote = record.putins_quote

    tree = page(client.get("/search/?q=two million Israel"))

    assert sorted(hrefs(tree, HIT_LINKS)[:2]) == sorted([TWO_MILLION, f"/quotes/{quote.pk}/"])


def test_search_page_finds_the_midnight_hammer_strike_claim_first(client, record):
    tree = page(client.get("/search/?q=Midnight Hammer"))

    assert hrefs(tree, HIT_LINKS)[:1] == [MIDNIGHT_HAMMER]


def test_search_page_shows_kind_verdict_highlighted_snippet_and_claimant(client, record):
    tree = page(client.get("/search/?q=two million Israel&kind=claim"))

    first = tree.xpath(HITS)[0]
    assert texts(first, ".//span[@class='kind-label']") == ["Claim"]
    assert texts(first, ".//span[contains(@class, 'verdict ')]") == ["Verdict: Unproven"]
    assert texts(first, ".//p[@class='search-hit__snippet']/mark") == ["two", "million", "Israel"]
    assert hrefs(first) == ["/method/#rating-unproven", TWO_MILLION, "/speakers/vladimir-putin/"]


def test_search_page_labels_each_kind_of_result(client, db):
    speaker = factories.SpeakerFactory(name="Zeppelin Pilot", description="Aviator")
    factories.QuoteFactory(text="The zeppelin is ready.", speaker=speaker)
    factories.SourceFactory(title="Zeppelin report")
    _claim("A zeppelin crossed the sea.", claimant=speaker)

    tree = page(client.get("/search/?q=zeppelin"))

    assert sorted(texts(tree, f"{HITS}//span[@class='kind-label']")) == [
        "Claim",
        "Quote",
        "Source",
        "Speaker",
    ]
    assert texts(tree, f"{HITS}[contains(@class, 'search-hit--speaker')]/h3") == ["Zeppelin Pilot"]


def test_search_page_escapes_html_stored_in_a_claim(client, db):
    _claim('<script>alert("x")</script> Zeppelins rose.')

    response = client.get("/search/?q=zeppelins")

    tree = page(response)
    assert b"<script>alert" not in response.content
    assert texts(tree, f"{HITS}/h3") == ['<script>alert("x")</script> Zeppelins rose.']
    # The snippet's only markup is the highlight (PostgreSQL's ts_headline also drops
    # what looks like tags; SQLite keeps them as escaped text).
    assert [el.tag for el in tree.xpath(f"{HITS}//p[@class='search-hit__snippet']//*")] == ["mark"]
    assert texts(tree, f"{HITS}//p[@class='search-hit__snippet']/mark") == ["Zeppelins"]


def test_search_page_escapes_the_query_it_shows(client, db):
    response = client.get("/search/?q=<b>zeppelin</b>")

    assert (b"<b>zeppelin" in response.content, texts(page(response), "//title")) == (
        False,
        ["“<b>zeppelin</b>”: search — Factbase"],
    )


# --- only public content -----------------------------------------------------------------


def test_search_page_never_shows_drafts_of_any_kind(client, db):
    hidden = factories.SpeakerFactory(
        name="Zeppelin Hidden", slug="zeppelin-hidden", status=Speaker.Status.DRAFT
    )
    for status in (Claim.Status.DRAFT, Claim.Status.IN_REVIEW, Claim.Status.RETRACTED):
        _claim(f"Secret zeppelin claim {status}.", slug=f"secret-{status}", status=status)
    factories.QuoteFactory(text="Secret zeppelin words.", status=Quote.Status.DRAFT)
    factories.QuoteFactory(text="Rejected zeppelin words.", status=Quote.Status.REJECTED)
    factories.QuoteFactory(text="Zeppelin words of a draft speaker.", speaker=hidden)
    factories.SourceFactory(title="Secret zeppelin dossier", status=Source.Status.DRAFT)
    public = _claim("A public zeppelin claim.", claimant=hidden)

    response = client.get("/search/?q=zeppelin")

    tree = page(response)
    body = response.content.decode()
    assert hrefs(tree, HIT_LINKS) == [public.get_absolute_url()]
    assert ("Secret" in body, "Rejected" in body, "Hidden" in body, "zeppelin-hidden" in body) == (
        False,
        False,
        False,
        False,
    )
    assert "Speaker" not in _facets(tree)


def test_search_page_filter_by_a_draft_speaker_finds_nothing(client, db):
    hidden = factories.SpeakerFactory(
        name="Hidden Person", slug="hidden", status=Speaker.Status.DRAFT
    )
    _claim("A zeppelin claim of a draft speaker.", claimant=hidden)

    response = client.get("/search/?q=zeppelin&speaker=hidden")

    tree = page(response)
    assert (tree.xpath(HITS), texts(tree, "//p[@class='result-count']")) == (
        [],
        ["No published claim, quote, speaker or source matches “zeppelin” with this filter."],
    )
    assert "Hidden Person" not in response.content.decode()


# --- facets ------------------------------------------------------------------------------


def test_search_page_facets_show_counts_and_link_to_filtered_results(client, record):
    year = record.russian_speaking_country.published_at.year

    tree = page(client.get("/search/?q=Israel"))

    assert _facets(tree) == {
        "Kind": ["Claims 4 results", "Quotes 1 result", "Sources 2 results"],
        "Verdict": ["Unproven 2 results", "False 1 result", "True 1 result"],
        "Speaker": ["Vladimir Putin 4 results"],
        "Topic": [
            "Iran–Israel conflict 4 results",
            "Russian-speaking diaspora in Israel 3 results",
            "Russian foreign policy 2 results",
        ],
        "Year": [f"{year} 4 results"],
    }
    assert hrefs(tree, "//div[@class='facet'][h3='Verdict']//a") == [
        "/search/?q=Israel&rating=unproven",
        "/search/?q=Israel&rating=false",
        "/search/?q=Israel&rating=true",
    ]


def test_search_page_filters_by_kind_and_rating(client, record):
    tree = page(client.get("/search/?q=Israel&kind=claim&rating=false"))

    assert hrefs(tree, HIT_LINKS) == [
        "/claims/donald-trump-was-a-former-us-president-when-he-rejected-putins-offer/"
    ]
    assert texts(tree, "//p[@class='result-count']") == [
        "1 result for “Israel” with these filters."
    ]


def test_search_page_marks_active_filters_with_a_link_that_removes_each(client, record):
    tree = page(client.get("/search/?q=Israel&kind=claim&rating=false"))

    assert texts(tree, "//ul[@class='active-filters__list']//a") == [
        "Remove the filter Kind: Claims✕",
        "Remove the filter Verdict: False✕",
        "Clear all filters",
    ]
    assert hrefs(tree, "//ul[@class='active-filters__list']//a") == [
        "/search/?q=Israel&rating=false",
        "/search/?q=Israel&kind=claim",
        "/search/?q=Israel",
    ]
    assert _facets(tree)["Verdict"] == ["Remove the filter False 1 result✕"]


def test_search_page_filters_by_speaker_topic_and_year(client, db):
    ana = factories.SpeakerFactory(name="Ana", slug="ana")
    trade = factories.TopicFactory(name="Trade", slug="trade")
    wanted = _claim("Zeppelin exports rose.", claimant=ana)
    other_year = _claim(
        "Zeppelin exports fell.",
        claimant=ana,
        published_at=datetime.datetime(2024, 5, 1, tzinfo=datetime.UTC),
    )
    other_speaker = _claim("Zeppelin imports rose.")
    _claim("Zeppelin output rose.", claimant=ana)
    with arranged():
        for claim in (wanted, other_year, other_speaker):
            claim.topics.set([trade])

    tree = page(client.get("/search/?q=zeppelin&speaker=ana&topic=trade&year=2025"))

    assert hrefs(tree, HIT_LINKS) == [wanted.get_absolute_url()]
    assert texts(tree, "//ul[@class='active-filters__list']//a")[:3] == [
        "Remove the filter Speaker: Ana✕",
        "Remove the filter Topic: Trade✕",
        "Remove the filter Year: 2025✕",
    ]


# --- nothing found, and what a reader can do then ----------------------------------------


def test_search_page_says_when_nothing_matches(client, db):
    tree = page(client.get("/search/?q=zeppelin"))

    assert texts(tree, "//p[@class='result-count'] | //div[@class='no-results']/p") == [
        "No published claim, quote, speaker or source matches “zeppelin”.",
        "Check the spelling, try fewer or other words, or put OR between alternatives.",
    ]


def test_search_page_suggests_removing_filters_when_nothing_matches_them(client, db):
    _claim("Zeppelins flew.", rating=factories.rating("true"))

    tree = page(client.get("/search/?q=zeppelins&rating=false&year=2025"))

    assert texts(tree, "//div[@class='no-results']//a") == [
        "Remove the filter verdict: False",
        "Remove the filter year: 2025",
        "Clear all filters",
    ]
    assert hrefs(tree, "//div[@class='no-results']//a") == [
        "/search/?q=zeppelins&year=2025",
        "/search/?q=zeppelins&rating=false",
        "/search/?q=zeppelins",
    ]


# --- input that cannot be a filter -------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("year=abc", "“abc” is not a year, so every year is shown."),
        ("year=99999", "“99999” is not a year, so every year is shown."),
        ("year=0", "“0” is not a year, so every year is shown."),
        ("year=２０２５", "“２０２５” is not a year, so every year is shown."),
        ("kind=unknown", "“unknown” is not a kind of result, so every kind is shown."),
        ("rating=%3Cb%3E", "“<b>” is not a verdict, so every verdict is shown."),
        ("speaker=a/b", "“a/b” is not a speaker, so every speaker is shown."),
        ("topic=a+b", "“a b” is not a topic, so every topic is shown."),
        ("offset=-20", "“-20” is not a position in the results, so they are shown from the first."),
        ("offset=x", "“x” is not a position in the results, so they are shown from the first."),
    ],
)
def test_search_page_ignores_a_malformed_filter_and_says_so(client, db, query, message):
    claim = _claim("Zeppelins flew.")

    tree = page(client.get(f"/search/?q=zeppelins&{query}"))

    assert texts(tree, "//div[@class='notice']//li") == [message]
    assert (hrefs(tree, HIT_LINKS), tree.xpath("//ul[@class='active-filters__list']")) == (
        [claim.get_absolute_url()],
        [],
    )


@pytest.mark.parametrize("typed", ['"', "-", "OR", "' OR 1=1 --", "NEAR(", "a:b", "🙂"])
def test_search_page_survives_any_query(client, db, typed):
    _claim("Zeppelins flew.")

    response = client.get("/search/", {"q": typed})

    assert texts(page(response), "//h1") == ["Search"]


@pytest.mark.parametrize(
    ("parameters", "message"),
    [
        ({"q": "zeppelins\x00"}, "The query parameter “q” holds the control character U+0000 at "),
        (
            {"q": "zeppelins", "speaker": "a\x00b", "topic": "\x00", "year": "2\x00"},
            "The query parameter “speaker” holds the control character U+0000 at ",
        ),
    ],
)
def test_search_page_answers_400_naming_a_nul_character(client, db, parameters, message):
    # apps/ops/control_characters.py answers before the page reads anything.
    _claim("Zeppelins flew.")

    response = client.get("/search/", parameters)

    assert texts(page(response, 400), "//main//p")[1].startswith(message)


def test_search_page_searches_only_the_first_300_characters(client, db):
    _claim("Zeppelins flew.")

    tree = page(client.get("/search/", {"q": "zeppelins " + "x" * 400}))

    assert texts(tree, "//div[@class='notice']//li") == [
        "Only the first 300 characters were searched for."
    ]
    assert len(tree.xpath("//main//input[@name='q']/@value")[0]) == 300


# --- pagination --------------------------------------------------------------------------


@pytest.fixture
def many(db):
    """25 public claims that all match "zeppelin"."""
    return [_claim(f"Zeppelin number {n} flew.") for n in range(25)]


def test_search_page_shows_twenty_results_and_links_to_the_next(client, many):
    tree = page(client.get("/search/?q=zeppelin&rating=true"))

    assert len(tree.xpath(HITS)) == 20
    assert texts(tree, "//p[@class='result-count']") == [
        "Results 1–20 of 25 for “zeppelin” with this filter."
    ]
    assert hrefs(tree, "//nav[@class='pagination']//a") == [
        "/search/?q=zeppelin&rating=true&offset=20"
    ]


def test_search_page_second_page_shows_the_rest_and_links_back(client, many):
    first = hrefs(page(client.get("/search/?q=zeppelin")), HIT_LINKS)

    tree = page(client.get("/search/?q=zeppelin&offset=20"))

    assert len(set(first) | set(hrefs(tree, HIT_LINKS))) == 25
    assert texts(tree, "//nav[@class='pagination']/span") == ["Results 21–25 of 25"]
    assert hrefs(tree, "//nav[@class='pagination']//a") == ["/search/?q=zeppelin"]
    assert texts(tree, "//title") == ["“zeppelin”: search, from result 21 — Factbase"]


def test_search_page_past_the_last_result_links_to_the_first(client, many):
    tree = page(client.get("/search/?q=zeppelin&offset=5000"))

    assert (tree.xpath(HITS), texts(tree, "//main//p[@class='empty']")) == (
        [],
        ["There are only 25 results. Show the first results."],
    )
    assert hrefs(tree, "//main//p[@class='empty']/a") == ["/search/?q=zeppelin"]


def _many_quotes(number):
    with arranged():  # more quotes than the search counts, quicker than one factory call each
        Quote.objects.bulk_create(
            Quote(
                text=f"Zeppelin words {n}.", speaker_name="A pilot", status=Quote.Status.CONFIRMED
            )
            for n in range(number)
        )


def test_search_page_says_500_plus_when_there_are_more_matches_than_it_counts(client, db):
    _many_quotes(MATCH_CAP + 1)

    tree = page(client.get("/search/?q=zeppelin"))

    assert texts(tree, "//p[@class='result-count']") == [
        f"Results 1–20 of {MATCH_CAP}+ for “zeppelin”."
    ]
    assert texts(tree, "//nav[@class='pagination']/span") == [f"Results 1–20 of {MATCH_CAP}+"]


def test_search_page_past_the_last_counted_result_says_only_so_many_can_be_shown(client, db):
    _many_quotes(MATCH_CAP + 1)

    tree = page(client.get(f"/search/?q=zeppelin&offset={MATCH_CAP}"))

    assert texts(tree, "//main//p[@class='empty']") == [
        f"Only the first {MATCH_CAP} results can be shown: add words to narrow them. "
        "Show the first results."
    ]


def test_search_query_goes_no_further_than_the_services_offset_limit():
    query = SearchQuery.from_query(QueryDict("q=zeppelin&offset=5000"))

    assert query.offset == 1000


# --- the header's search box -------------------------------------------------------------


@pytest.mark.parametrize("path", ["/claims/", "/speakers/", "/no/such/page/"])
def test_every_page_header_has_a_labelled_search_box_that_submits_to_search(client, db, path):
    response = client.get(path)

    tree = page(response, status=404 if path.startswith("/no/") else 200)
    [form] = tree.xpath("//header//form[@role='search']")
    [field] = form.xpath(".//input[@name='q']")
    assert (form.get("action"), form.get("method"), field.get("type")) == (
        "/search/",
        "get",
        "search",
    )
    assert texts(form, f".//label[@for='{field.get('id')}']") == [
        "Search claims, quotes, speakers and sources"
    ]


def test_home_and_search_pages_have_one_search_box_in_the_page_not_two(client, db):
    forms = [
        len(page(client.get(path)).xpath("//form[@role='search']")) for path in ("/", "/search/")
    ]

    assert forms == [1, 1]


# --- queries -----------------------------------------------------------------------------


@pytest.mark.parametrize("size", [1, 5])
def test_search_page_runs_a_fixed_number_of_queries(client, db, django_assert_num_queries, size):
    topic = factories.TopicFactory()
    for n in range(size):
        speaker = factories.SpeakerFactory(name=f"Zeppelin Pilot {n}")
        claim = _claim(f"Zeppelin claim {n}.", claimant=speaker)
        quote = factories.QuoteFactory(text=f"Zeppelin words {n}.", speaker=speaker)
        with arranged():
            claim.topics.set([topic])
            quote.topics.set([topic])
        factories.SourceFactory(
            title=f"Zeppelin report {n}", published_on=datetime.date(2025, 1, 1)
        )

    # The search service's own queries for four kinds that all have hits on the page (see
    # SERVICE_QUERIES), +1 for the public claimants among them.
    with django_assert_num_queries(SERVICE_QUERIES + 1):
        response = client.get("/search/?q=zeppelin")

    assert len(page(response).xpath(HITS)) == 4 * size
