"""Only what readers see goes stale (apps/ops/staleness.py), and it always does.

On the demo data, every public page, feed, sitemap and API endpoint is read once through
the response cache; then one write is made through its service, and every one of those
URLs is read again through the cache and compared with what the site renders for it now,
with the cache off. A write readers can see must leave no cached answer showing the old
state, and should leave the answers that do not show what it changed cached; a write they
cannot see must leave every answer cached.

The site is made and read once for the module, in a transaction rolled back after its last
test (pytest-django wraps each test in a savepoint inside it, which rolls back the test's
writes), so every test starts from the same cached site without loading and reading it
again. Each write runs in `committed()`, which runs the hooks a commit would run (the
bumps): the order of commit and bump, and what a real commit runs, are tested with real
commits in test_response_cache.py and test_reader_keys.py.
"""

import re
from contextlib import contextmanager
from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count
from django.test import Client, override_settings

from apps.claims.demo import load_demo
from apps.claims.editing import claim_update
from apps.claims.models import Citation, Claim, Rating
from apps.claims.services import citation_add, rating_update
from apps.claims.workflow import claim_publish, claim_retract, claim_return_to_draft
from apps.ingest.articles import ArticleImporter
from apps.ops.local_responses import local_entries
from apps.ops.response_cache import response_cache
from apps.quotes.models import Quote
from apps.quotes.services import quote_confirm, quote_create, quote_update
from apps.sources.models import Publisher, Source
from apps.sources.services import publisher_update, source_update
from apps.speakers.models import Speaker
from apps.speakers.services import alias_add, speaker_create, speaker_update
from apps.topics.models import Topic
from apps.topics.services import topic_update
from tests.response_cache import reviewer
from tests.web.helpers import crawl

# Each test reads the whole demo site at least once: slow, so out of the fast inner loop.
# One worker runs them all, so that the site is made and read once.
pytestmark = [pytest.mark.django_db, pytest.mark.slow, pytest.mark.xdist_group("staleness")]

# What tests/conftest.py and the response_cache_on fixture set for each test, for the
# module's own set-up, which runs before any test's fixtures.
READING_THROUGH_THE_CACHE = {
    "RESPONSE_CACHE": True,
    # What the module's set-up stores must outlive the module, however long a loaded
    # machine takes over it: with the default 300 s, answers expired before the last tests
    # and "a write readers cannot see leaves every answer cached" failed (7 December 2026).
    "RESPONSE_CACHE_TTL": 24 * 3600,
    "API_THROTTLE_ANON": "100000/min",
    "API_THROTTLE_USER": "100000/min",
}
MODULE_SETTINGS = {
    **READING_THROUGH_THE_CACHE,
    "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
    "WHITENOISE_AUTOREFRESH": True,
}

API_LISTS = [
    "/api/v1/claims/",
    "/api/v1/quotes/",
    "/api/v1/speakers/",
    "/api/v1/sources/",
    "/api/v1/topics/",
    "/api/v1/ratings/",
    "/api/v1/publishers/",
    "/api/v1/search/?q=israel",
    "/api/v1/search/?q=putin&kind=quote",
    "/api/v1/search/?q=israel&kind=quote",
    "/api/v1/claims/similar/?text=Russia+will+not+help+Iran",
    "/api/v1/claimreview/",
]


def api_urls() -> list[str]:
    urls = list(API_LISTS)
    for model, name in ((Claim, "claims"), (Quote, "quotes"), (Source, "sources")):
        urls += [
            f"/api/v1/{name}/{pk}/" for pk in model.objects.public().values_list("pk", flat=True)
        ]
    for speaker in Speaker.objects.public():
        urls += [f"/api/v1/speakers/{speaker.pk}/", f"/api/v1/quotes/?speaker={speaker.slug}"]
    urls += [f"/api/v1/topics/{pk}/" for pk in Topic.objects.values_list("pk", flat=True)]
    return urls


@contextmanager
def committed():
    """The block as a transaction of its own, and on its end what its commit would run: the
    hooks that bump the tokens of what it changed (the test's transaction never commits).
    Every hook waiting runs, and leaves the queue as after a commit: a hook left there
    would take the keys of the next write (apps/core/commit_hooks.py, `waiting`)."""
    with transaction.atomic():
        yield
    while connection.run_on_commit:
        hooks, connection.run_on_commit = connection.run_on_commit, []
        for _, hook, _ in hooks:
            hook()


def _forget_this_process_copies():
    cache.clear()
    local_entries.clear()


@pytest.fixture(scope="module")
def _demo_read_once(django_db_setup, django_db_blocker):
    """The demo data, and every URL readers and clients read of it, each read once: the
    module's site, in a transaction rolled back after its last test."""
    with (
        django_db_blocker.unblock(),
        override_settings(**MODULE_SETTINGS),
        transaction.atomic(),
    ):
        _forget_this_process_copies()
        response_cache().clear()
        with committed():
            load_demo()
        # An anonymous crawl through the cache stores every page it reads.
        pages = crawl(Client(), ["/", "/sitemap.xml", "/search/?q=israel", "/corrections/"])
        urls = [url for url, response in pages.responses.items() if response.status_code == 200]
        api = api_urls()
        reader = Client()
        for url in api:
            reader.get(url, HTTP_ACCEPT=_accept(url))
        yield urls + api
        transaction.set_rollback(True)
    _forget_this_process_copies()


@pytest.fixture
def site(_demo_read_once, db, settings):
    """The module's site, as its set-up left it: the URLs it read."""
    for name, value in READING_THROUGH_THE_CACHE.items():
        setattr(settings, name, value)
    # A test before may have left this process copies of answers its rollback undid.
    _forget_this_process_copies()
    return _demo_read_once


@pytest.fixture
def cached(site):
    """The URLs of `site` the cache serves (some are never stored: a redirect's target
    read under its old URL, a page that reads no parameter it was sent)."""
    reader = Client()
    return [url for url in site if served_from_cache(reader, url)]


def _accept(url: str) -> str:
    return "application/json" if url.startswith("/api/") else "*/*"


def _normalised(content: bytes) -> bytes:
    # Feeds and the sitemap say when they were made. SQLite's full-text scores (FTS5's
    # bm25) weigh a word by how many rows of the index hold it, drafts included, so a
    # draft moves the score of a public result, not what readers are shown of it; on
    # PostgreSQL (ts_rank) it does not. Nothing else may differ.
    content = re.sub(rb"<(updated|lastBuildDate)>[^<]*</\1>", b"", content)
    return re.sub(rb'"score":[0-9.e+-]+', b'"score":0', content)


def served_from_cache(reader: Client, url: str):
    """The answer `reader` is given for `url` if the cache served it, else None."""
    answer = reader.get(url, HTTP_ACCEPT=_accept(url))
    return answer if answer.headers.get("X-Cache") == "hit" else None


def reread(urls: list[str]) -> tuple[list[str], list[str]]:
    """Read each URL through the cache and compare each answer served from the cache with
    what the site renders now: (the URLs whose cached answer differs, the URLs served from
    the cache). An answer the cache did not serve was rendered just now."""
    stale, hits = [], []
    reader = Client()
    for url in urls:
        cached = served_from_cache(reader, url)
        if cached is None:
            continue
        hits.append(url)
        with override_settings(RESPONSE_CACHE=False):
            now = Client().get(url, HTTP_ACCEPT=_accept(url))
        if (cached.status_code, _normalised(cached.content)) != (
            now.status_code,
            _normalised(now.content),
        ):
            stale.append(url)
    return stale, hits


def speaker(name: str) -> Speaker:
    return Speaker.objects.public().get(name=name)


def first_public(model):
    rows = model.objects.public() if hasattr(model.objects, "public") else model.objects
    return rows.order_by("pk").first()


# --- writes readers see ----------------------------------------------------------------


def rename_speaker(actor):
    target = first_public(Speaker)
    speaker_update(speaker=target, actor=actor, name=target.name + " Jr")


def add_alias(actor):
    alias_add(speaker=first_public(Speaker), name="The Nickname", actor=actor)


def change_claim_statement(actor):
    claim = first_public(Claim)
    claim_update(
        claim=claim,
        actor=actor,
        statement=claim.statement + " (as revised)",
        correction_note="The statement now quotes the speech in full.",
    )


def change_claim_topics(actor):
    claim = first_public(Claim)
    claim_update(claim=claim, actor=actor, topics=list(Topic.objects.order_by("-pk")[:1]))


def retract_claim(actor):
    claim_retract(claim=first_public(Claim), actor=actor, note="The speech was misreported.")


def change_quote(actor):
    quote = first_public(Quote)
    quote_update(quote=quote, actor=actor, occasion="A rally in the capital")


def rename_source(actor):
    source = first_public(Source)
    source_update(source=source, actor=actor, title=source.title + " (updated)")


def rename_topic(actor):
    topic = Topic.objects.order_by("pk").first()
    topic_update(topic=topic, actor=actor, name=topic.name + " and more")


def relabel_rating(actor):
    rating = Rating.objects.get(slug="false")
    rating_update(rating=rating, actor=actor, label="Wrong")


def rename_publisher(actor):
    publisher = Publisher.objects.first()
    publisher_update(publisher=publisher, actor=actor, name=publisher.name + " Online")


def remove_citation(actor):
    claim = Claim.objects.public().annotate(cited=Count("citations")).filter(cited__gt=1)[0]
    kept = [
        {"id": c.pk, "source": c.source, "relation": c.relation, "exact": c.exact, "note": c.note}
        for c in claim.citations.order_by("pk")
    ][:-1]
    claim_update(
        claim=claim, actor=actor, citations=kept, correction_note="A citation was withdrawn."
    )


def cite_again(actor):
    claim = first_public(Claim)
    cited = claim.citations.order_by("pk").first()
    citation_add(
        claim=claim,
        source=cited.source,
        relation=Citation.Relation.CONTEXT,
        exact=cited.exact,
        note="Read again.",
        actor=actor,
    )


VISIBLE_WRITES = [
    rename_speaker,
    add_alias,
    change_claim_statement,
    change_claim_topics,
    retract_claim,
    change_quote,
    rename_source,
    rename_topic,
    relabel_rating,
    rename_publisher,
    remove_citation,
    cite_again,
]


@pytest.mark.parametrize("write", VISIBLE_WRITES, ids=lambda write: write.__name__)
def test_after_a_write_readers_see_no_cached_answer_shows_the_old_state(site, write):
    actor = reviewer()

    with committed():
        write(actor)

    stale, _ = reread(site)
    assert stale == []


def test_publishing_a_claim_leaves_no_cached_answer_without_it(site):
    in_review = Claim.objects.filter(status=Claim.Status.IN_REVIEW).order_by("pk").first()

    with committed():
        claim_publish(claim=in_review, actor=reviewer())

    stale, _ = reread(site)
    assert stale == []


def test_publishing_a_claim_leaves_the_searches_of_quotes_cached(site):
    in_review = Claim.objects.filter(status=Claim.Status.IN_REVIEW).order_by("pk").first()

    with committed():
        claim_publish(claim=in_review, actor=reviewer())

    stale, hits = reread(site)
    assert stale == []
    # A search of quotes that loaded a row the claim names (its claimant, its quote, its
    # topics) goes stale with it; one that did not is kept, on the API as on the page.
    assert {"/api/v1/search/?q=israel&kind=quote", "/search/?q=israel&kind=quote"} <= set(hits)
    assert "/api/v1/search/?q=israel" not in hits


@pytest.mark.parametrize(
    "url",
    ["/api/v1/search/?q=putn&kind=quote", "/search/?q=putn&kind=quote"],
    ids=["api", "page"],
)
def test_a_search_that_looked_for_corrections_goes_stale_with_any_kind(site, url):
    # Corrected from the vocabulary of every kind, which a claim's words change.
    reader = Client()
    reader.get(url, HTTP_ACCEPT=_accept(url))
    assert served_from_cache(reader, url) is not None
    in_review = Claim.objects.filter(status=Claim.Status.IN_REVIEW).order_by("pk").first()

    with committed():
        claim_publish(claim=in_review, actor=reviewer())

    assert served_from_cache(reader, url) is None


def test_confirming_a_quote_leaves_no_cached_answer_without_it(site):
    actor = reviewer()
    said = first_public(Quote)
    with committed():
        draft = quote_create(
            text="A draft of words to be confirmed.",
            speaker=said.speaker,
            appearances=[{"source": said.appearances.first().source, "exact": said.text}],
            actor=actor,
        )
    reread(site)  # the draft shows nowhere: every answer is cached again

    with committed():
        quote_confirm(quote=draft, actor=actor)

    stale, _ = reread(site)
    assert stale == []


# --- only what shows it ------------------------------------------------------------------


def test_renaming_a_speaker_leaves_the_pages_that_do_not_show_them_cached(site):
    renamed = first_public(Speaker)
    other = Speaker.objects.public().exclude(pk=renamed.pk).exclude(quotes__isnull=True).first()
    other_page = other.get_absolute_url()
    topic_pages = [url for url in site if url.startswith("/topics/") and url != "/topics/"]
    assert other_page in site
    assert topic_pages

    with committed():
        speaker_update(speaker=renamed, actor=reviewer(), name="Someone Else Entirely")

    stale, hits = reread(site)
    assert stale == []
    assert renamed.get_absolute_url() not in hits
    assert other_page in hits
    assert f"/api/v1/speakers/{other.pk}/" in hits


def test_a_change_to_a_quote_leaves_the_lists_that_cannot_show_it_cached(site):
    quote = first_public(Quote)

    with committed():
        quote_update(quote=quote, actor=reviewer(), occasion="A television interview")

    stale, hits = reread(site)
    assert stale == []
    assert f"/api/v1/quotes/?speaker={quote.speaker.slug}" not in hits
    assert {"/api/v1/ratings/", "/api/v1/publishers/"} <= set(hits)


# --- writes readers do not see -----------------------------------------------------------


def edit_a_draft_claim(actor):
    draft = Claim.objects.exclude(status__in=[Claim.Status.PUBLISHED, Claim.Status.RETRACTED])
    claim_update(claim=draft.first(), actor=actor, statement="A draft, rewritten.")


def return_a_claim_to_draft(actor):
    in_review = Claim.objects.filter(status=Claim.Status.IN_REVIEW).first()
    claim_return_to_draft(claim=in_review, actor=actor)


def add_a_draft_speaker(actor):
    speaker_create(name="Nobody Yet", status=Speaker.Status.DRAFT, actor=actor)


def add_a_draft_quote(actor):
    quote_create(
        text="Words not yet confirmed.",
        speaker=first_public(Speaker),
        said_on=date(2025, 1, 2),
        actor=actor,
    )


def import_an_article(actor):
    text = (
        "Minister Ann Vale said on Monday: “We will build the bridge next year.” "
        "Her deputy, Tom Reed, said: “The money is there.”"
    )
    ArticleImporter(actor=actor).import_text(text, name="bridge.txt", title="Bridge plans")


INVISIBLE_WRITES = [
    edit_a_draft_claim,
    return_a_claim_to_draft,
    add_a_draft_speaker,
    add_a_draft_quote,
    import_an_article,
]


def test_a_write_readers_cannot_see_leaves_every_answer_cached(site, cached):
    # The writes one after another on one site: after each, every answer the crawl stored
    # is still served from the cache (reported by the write's name). Then, once, each is
    # compared with what the site renders after all five: none of them changed what
    # readers see. (The writes only add or hide what readers cannot see, so none can undo
    # another's effect; a comparison after each write cost four more renders of the whole
    # site.)
    actor = reviewer()
    not_cached = {}
    for write in INVISIBLE_WRITES:
        with committed():
            write(actor)

        reader = Client()
        not_cached[write.__name__] = [url for url in cached if not served_from_cache(reader, url)]

    stale, hits = reread(site)

    assert not_cached == {write.__name__: [] for write in INVISIBLE_WRITES}
    assert stale == []
    assert sorted(hits) == sorted(cached)
    assert len(cached) > 0.9 * len(site)
