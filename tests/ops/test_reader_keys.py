"""What a write names as stale (the models' `reader_keys()`, apps/core/reader_keys.py) and
how the response cache uses it (apps/ops/staleness.py, apps/ops/purge.py)."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import transaction

from apps.claims.editing import claim_update
from apps.claims.matching.neighbours import find
from apps.claims.matching.semantic import claims_embed
from apps.claims.models import Claim
from apps.claims.workflow import claim_publish
from apps.ops.models import ReaderKeyToken
from apps.ops.staleness import changed, tokens
from apps.speakers.services import speaker_update
from tests.claims.test_workflow import in_role, ready_claim
from tests.factories import (
    AppearanceFactory,
    CitationFactory,
    ClaimFactory,
    PublishedClaimFactory,
    QuoteFactory,
    SpeakerFactory,
    TopicFactory,
    arranged,
)

committing = pytest.mark.django_db(transaction=True, serialized_rollback=True)
JSON = {"HTTP_ACCEPT": "application/json"}


# --- what a row names ----------------------------------------------------------------


@pytest.mark.django_db
def test_a_draft_claim_names_nothing():
    assert ClaimFactory(status=Claim.Status.DRAFT).reader_keys() == set()


@pytest.mark.django_db
def test_a_published_claim_names_its_page_lists_claimant_topics_and_cited_sources():
    topic = TopicFactory()
    claim = PublishedClaimFactory()
    citation = CitationFactory(claim=claim)
    with arranged():
        claim.topics.add(topic)

    assert claim.reader_keys() == {
        f"claim:{claim.pk}",
        "claim:*",
        f"speaker:{claim.claimant_id}",
        f"topic:{topic.pk}",
        f"source:{citation.source_id}",
    }


@pytest.mark.django_db
def test_a_confirmed_quote_names_its_speaker_and_the_sources_it_appears_in():
    appearance = AppearanceFactory()
    quote = appearance.quote

    assert {f"quote:{quote.pk}", "quote:*", f"speaker:{quote.speaker_id}"} <= quote.reader_keys()
    assert f"source:{appearance.source_id}" in quote.reader_keys()


@pytest.mark.django_db
def test_a_draft_quote_names_nothing():
    assert QuoteFactory(status="draft").reader_keys() == set()


@pytest.mark.django_db
def test_a_citation_of_a_claim_in_review_names_nothing():
    citation = CitationFactory(claim=ClaimFactory(status=Claim.Status.IN_REVIEW))

    assert citation.reader_keys() == set()


@pytest.mark.django_db
def test_a_draft_speaker_names_nothing_and_a_published_one_their_quotes_lists():
    assert SpeakerFactory(status="draft").reader_keys() == set()
    published = SpeakerFactory()
    assert published.reader_keys() == {f"speaker:{published.pk}", "speaker:*", "quote:*"}


# --- bumping -------------------------------------------------------------------------


@committing
def test_a_visible_write_gives_its_keys_new_tokens_after_it_commits():
    speaker = SpeakerFactory()
    before = tokens([f"speaker:{speaker.pk}", "speaker:*", "claim:*"])

    with transaction.atomic():
        speaker_update(speaker=speaker, name="A New Name")
        assert tokens(before) == before  # not before the commit

    after = tokens(before)
    assert after[f"speaker:{speaker.pk}"] != before[f"speaker:{speaker.pk}"]
    assert after["speaker:*"] != before["speaker:*"]
    assert after["claim:*"] == before["claim:*"]


@committing
def test_a_write_readers_cannot_see_changes_no_token():
    claim = ClaimFactory(status=Claim.Status.DRAFT)
    ReaderKeyToken.objects.all().delete()

    claim_update(claim=claim, statement="Still a draft, reworded.")

    assert ReaderKeyToken.objects.count() == 0


@pytest.mark.django_db
def test_the_keys_of_one_transaction_are_bumped_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        changed({"claim:1"})
        changed({"claim:2"})

    assert len(callbacks) == 1
    assert callbacks[0].keys == {"claim:1", "claim:2", "any"}


# --- serving -------------------------------------------------------------------------


@committing
@pytest.mark.usefixtures("response_cache_on")
def test_a_response_names_what_it_shows_in_surrogate_key(anon):
    claim = PublishedClaimFactory()
    CitationFactory(claim=claim)

    response = anon.get(f"/api/v1/claims/{claim.pk}/", **JSON)

    named = set(response["Surrogate-Key"].split())
    assert {f"claim:{claim.pk}", f"speaker:{claim.claimant_id}", "all"} <= named
    assert "claim:*" not in named  # a detail does not list other claims


def _claim_page_with_a_topic() -> Claim:
    claim = PublishedClaimFactory(statement="Exports rose by 12% last year.")
    CitationFactory(claim=claim)
    with arranged():
        claim.topics.add(TopicFactory())
    claims_embed([claim])
    return claim


def _kept_claim_page() -> Claim:
    """A claim with a topic whose similar claims are found and kept."""
    claim = _claim_page_with_a_topic()
    find(claim.pk)
    return claim


@pytest.mark.django_db
@pytest.mark.usefixtures("response_cache_on")
def test_a_claim_page_with_its_similar_claims_kept_names_its_topics_not_every_claim(anon):
    claim = _kept_claim_page()

    response = anon.get(claim.get_absolute_url())

    named = set(response["Surrogate-Key"].split())
    assert f"topic:{claim.topics.get().pk}" in named  # its related claims
    assert "claim:*" not in named


@pytest.mark.django_db
@pytest.mark.usefixtures("response_cache_on")
def test_a_claim_page_matching_on_the_visit_names_every_claim(anon):
    claim = _claim_page_with_a_topic()  # its similar claims not found yet

    response = anon.get(claim.get_absolute_url())

    assert "claim:*" in response["Surrogate-Key"].split()


def _published_in_the_end(topic=None) -> Claim:
    """A claim published unlike the page's (no neighbour of it), sharing `topic` with it
    or nothing."""
    claim = ready_claim()
    claim_update(claim=claim, statement="The river flooded the old mill twice in March.")
    if topic is not None:
        with arranged():
            claim.topics.add(topic)
    claim_publish(claim=claim, actor=in_role("Reviewer"))
    return claim


@committing
@pytest.mark.usefixtures("response_cache_on")
def test_publishing_a_claim_leaves_a_claim_page_that_shows_nothing_of_it_cached(anon):
    page = _kept_claim_page()
    anon.get(page.get_absolute_url())

    _published_in_the_end()

    assert anon.get(page.get_absolute_url())["X-Cache"] == "hit"


@committing
@pytest.mark.usefixtures("response_cache_on")
def test_publishing_a_claim_of_a_topic_makes_the_pages_of_that_topic_s_claims_stale(anon):
    page = _kept_claim_page()
    anon.get(page.get_absolute_url())

    published = _published_in_the_end(topic=page.topics.get())

    answer = anon.get(page.get_absolute_url())
    assert answer["X-Cache"] == "miss"
    assert published.get_absolute_url() in answer.content.decode()  # a related claim now


@committing
@pytest.mark.usefixtures("response_cache_on")
def test_after_an_unrelated_visible_write_a_hit_takes_one_more_query(
    anon, django_assert_num_queries
):
    claim = PublishedClaimFactory()
    CitationFactory(claim=claim)
    other = SpeakerFactory()
    url = f"/api/v1/claims/{claim.pk}/"
    anon.get(url, **JSON)
    speaker_update(speaker=other, name="Someone Unrelated")

    # The generation and the entry; the keys' tokens; the API's rate count (the request
    # that opens a window counts one, the next takes this worker's first lease:
    # apps/ops/ratelimit.py, take_leased).
    with django_assert_num_queries(3):
        response = anon.get(url, **JSON)

    assert response["X-Cache"] == "hit"


# --- purging a proxy -----------------------------------------------------------------


class _Proxy(BaseHTTPRequestHandler):
    purged: list

    def do_PURGE(self):
        self.purged.append(self.headers["xkey-purge"])
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def proxy(settings):
    """A real HTTP server on loopback that records the PURGE requests it gets."""
    handler = type("Proxy", (_Proxy,), {"purged": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.CACHE_PURGE_URLS = [f"http://127.0.0.1:{server.server_port}/"]
    yield handler.purged
    server.shutdown()
    server.server_close()


@committing
def test_a_visible_write_purges_its_keys_at_the_proxy(proxy):
    speaker = SpeakerFactory()
    proxy.clear()

    speaker_update(speaker=speaker, name="Purged Name")

    assert len(proxy) == 1
    assert {f"speaker:{speaker.pk}", "speaker:*", "any"} <= set(proxy[0].split())


@committing
def test_a_draft_write_purges_nothing(proxy):
    claim = ClaimFactory(status=Claim.Status.DRAFT)
    proxy.clear()

    claim_update(claim=claim, statement="A quiet draft.")

    assert proxy == []


@committing
def test_a_proxy_that_does_not_answer_does_not_fail_the_write(settings):
    settings.CACHE_PURGE_URLS = ["http://127.0.0.1:9/"]  # discard: nothing listens
    speaker = SpeakerFactory()

    speaker_update(speaker=speaker, name="Written Anyway")

    speaker.refresh_from_db()
    assert speaker.name == "Written Anyway"


def test_every_public_page_says_what_it_shows():
    """A page left out depends on every visible write: correct, but never cached long."""
    from django.urls import get_resolver

    from apps.ops.staleness import _declared

    web = get_resolver().url_patterns
    names = {
        f"web:{pattern.name}"
        for resolver in web
        if getattr(resolver, "namespace", None) == "web"
        for pattern in resolver.url_patterns
    }
    assert names
    assert sorted(names - set(_declared)) == []
