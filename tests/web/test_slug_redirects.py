"""A former slug answers 301 to the object's current page only if readers could have known
it: a slug an object had while it was a draft is no one's link, and redirecting it would
tell anyone who guesses it what the draft became."""

import pytest
from django.utils import timezone

from apps.claims.editing import claim_update
from apps.claims.models import Claim
from apps.sources.models import Source
from apps.sources.services import source_update
from apps.speakers.models import Speaker
from apps.speakers.services import speaker_update
from tests import factories
from tests.factories import arranged


def publish_claim(claim: Claim) -> None:
    # The workflow's rules are not what is tested here; a published claim keeps a passage
    # found in a source.
    factories.CitationFactory(claim=claim)
    with arranged():
        claim.status, claim.published_at = Claim.Status.PUBLISHED, timezone.now()
        claim.save()


def rename_speaker(obj, slug):
    return speaker_update(speaker=obj, slug=slug)


def rename_source(obj, slug):
    return source_update(source=obj, slug=slug)


def rename_claim(obj, slug):
    # A published claim is changed by a reviewer.
    reviewer = factories.UserFactory(username="chief", is_superuser=True)
    return claim_update(claim=obj, actor=reviewer, slug=slug)


KINDS = {
    "speakers": (
        lambda slug: factories.SpeakerFactory(slug=slug, status=Speaker.Status.DRAFT),
        rename_speaker,
        lambda obj: speaker_update(speaker=obj, status=Speaker.Status.PUBLISHED),
        lambda obj: speaker_update(speaker=obj, status=Speaker.Status.DRAFT),
    ),
    "sources": (
        lambda slug: factories.SourceFactory(slug=slug, status=Source.Status.DRAFT),
        rename_source,
        lambda obj: source_update(source=obj, status=Source.Status.PUBLISHED),
        lambda obj: source_update(source=obj, status=Source.Status.DRAFT),
    ),
    "claims": (
        lambda slug: factories.ClaimFactory(slug=slug),
        rename_claim,
        publish_claim,
        None,
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_slug_held_only_as_a_draft_does_not_redirect_once_the_object_is_public(client, kind):
    create, rename, publish, _ = KINDS[kind]
    obj = create("merger-talks-with-rival")
    obj = rename(obj, "annual-report")
    publish(obj)

    responses = [
        client.get(f"/{kind}/{slug}/") for slug in ("merger-talks-with-rival", "annual-report")
    ]

    assert [response.status_code for response in responses] == [404, 200]


@pytest.mark.django_db
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_slug_readers_knew_still_redirects_after_a_rename(client, kind):
    create, rename, publish, _ = KINDS[kind]
    obj = create("exports-rose")
    publish(obj)
    rename(obj, "exports-rose-by-a-tenth")

    response = client.get(f"/{kind}/exports-rose/")

    assert (response.status_code, response["Location"]) == (
        301,
        f"/{kind}/exports-rose-by-a-tenth/",
    )


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["speakers", "sources"])
def test_a_slug_readers_knew_redirects_to_what_was_renamed_while_withdrawn(client, kind):
    create, rename, publish, withdraw = KINDS[kind]
    obj = create("exports-rose")
    publish(obj)
    withdraw(obj)
    rename(obj, "exports-rose-by-a-tenth")
    publish(obj)

    response = client.get(f"/{kind}/exports-rose/")

    assert (response.status_code, response["Location"]) == (
        301,
        f"/{kind}/exports-rose-by-a-tenth/",
    )
