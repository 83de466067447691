"""Sync that misses nothing: a mirror kept with the documented recipe (docs/api-sync.md)
through a realistic run of edits equals a fresh copy of the public API after every step.

The edits go through the services every door calls (the admin, the API and the imports
share them); the mirror reads the public API only, as an anonymous client. The mirror's
overlap is zero, so a change whose `updated_at` did not move, or a removal that left no
tombstone, is missed and the comparison fails.
"""

import pytest
from django.contrib.auth.models import Group

from apps.accounts.roles import Role
from apps.claims import editing, workflow
from apps.claims import services as claim_services
from apps.claims.models import Citation, Claim
from apps.quotes import services as quote_services
from apps.quotes.models import Quote
from apps.sources import services as source_services
from apps.sources.models import Source
from apps.speakers import services as speaker_services
from apps.speakers.models import Speaker
from apps.topics import services as topic_services
from tests.api.sync_mirror import Mirror, server_copy
from tests.factories import ARTICLE_TEXT, UserFactory, rating

OTHER_TEXT = (
    "In an interview, the minister said farmers were paid on time. "
    '"Every invoice was settled within a month," she said.'
)


@pytest.fixture(autouse=True)
def _generous_rates(settings):
    settings.API_THROTTLE_ANON = "100000/min"


def _member(role: str, username: str):
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


class Newsroom:
    """A small newsroom at work: an editor writes, two reviewers check each other."""

    def __init__(self):
        self.editor = _member(Role.EDITOR, "editor")
        self.reviewer = _member(Role.REVIEWER, "reviewer")
        self.second_reviewer = _member(Role.REVIEWER, "second-reviewer")

    def source(self, title: str, text: str, **fields) -> Source:
        return source_services.source_create(title=title, text=text, actor=self.editor, **fields)

    def confirmed_quote(self, text: str, speaker: Speaker, source: Source, **fields) -> Quote:
        quote = quote_services.quote_create(
            text=text,
            speaker=speaker,
            appearances=[{"source": source}],
            actor=self.editor,
            **fields,
        )
        return quote_services.quote_confirm(quote=quote, actor=self.editor)

    def published_claim(self, statement: str, source: Source, exact: str, **fields) -> Claim:
        claim = claim_services.claim_create(
            statement=statement,
            rating=rating("mostly-true"),
            summary="The ministry's own figure is lower.",
            citations=[{"source": source, "relation": Citation.Relation.STATES, "exact": exact}],
            actor=self.editor,
            **fields,
        )
        workflow.claim_submit_for_review(claim=claim, actor=self.editor)
        return workflow.claim_publish(claim=claim, actor=self.reviewer)


def _assert_in_sync(mirror: Mirror, anon) -> None:
    mirror.sync()
    assert mirror.store == server_copy(anon)


@pytest.mark.django_db
def test_a_mirror_kept_by_the_recipe_equals_the_server_after_every_kind_of_change(anon):
    newsroom = Newsroom()
    minister = speaker_services.speaker_create(
        name="Anna Minister", status=Speaker.Status.PUBLISHED, actor=newsroom.editor
    )
    trade = topic_services.topic_create(name="Trade", actor=newsroom.editor)
    farming = topic_services.topic_create(name="Farming", actor=newsroom.editor)
    publisher = source_services.publisher_create(name="Daily Ledger", actor=newsroom.editor)
    article = newsroom.source("Exports up", ARTICLE_TEXT, publisher=publisher)
    interview = newsroom.source("An interview", OTHER_TEXT)
    grain = newsroom.confirmed_quote(
        "We have never sold more grain abroad,", minister, article, topics=[trade]
    )
    invoices = newsroom.confirmed_quote(
        "Every invoice was settled within a month,", minister, interview
    )
    exports = newsroom.published_claim(
        "Exports rose by 12% last year.",
        article,
        "exports rose by 12% last year",
        claimant=minister,
        quote=grain,
        topics=[trade, farming],
    )
    paid = newsroom.published_claim(
        "Farmers were paid on time.", interview, "farmers were paid on time"
    )

    mirror = Mirror(anon)
    _assert_in_sync(mirror, anon)

    # Renames shown inside other objects: the quote and the claim show the speaker's name,
    # the claim its topics, the source its publisher.
    speaker_services.speaker_update(
        speaker=minister, name="Anna Minister-Smith", actor=newsroom.editor
    )
    topic_services.topic_update(topic=trade, name="Foreign trade", actor=newsroom.editor)
    source_services.publisher_update(
        publisher=publisher, name="The Daily Ledger", actor=newsroom.editor
    )
    _assert_in_sync(mirror, anon)

    # A passage added to what is already public: a quote found in one more source, a
    # claim given one more citation by a reviewer.
    wire = newsroom.source(
        "Wire report", 'The minister told the forum: "We have never sold more grain abroad."'
    )
    quote_services.appearance_add(quote=grain, source=wire, actor=newsroom.editor)
    claim_services.citation_add(
        claim=exports,
        source=wire,
        relation=Citation.Relation.CONTEXT,
        exact="We have never sold more grain abroad.",
        actor=newsroom.reviewer,
    )
    _assert_in_sync(mirror, anon)

    # A corrected source text: its passages are anchored again and move.
    source_services.source_update(
        source=article,
        text="Correction appended below. " + ARTICLE_TEXT,
        text_change_note="A correction line was added at the top.",
        actor=newsroom.editor,
    )
    _assert_in_sync(mirror, anon)

    # A reviewed change to a published claim: proposed, accepted, with its correction.
    proposal = editing.claim_edit(
        claim=exports,
        actor=newsroom.editor,
        rating=rating("half-true"),
        correction_note="The ministry later gave 9%.",
    ).revision
    editing.revision_accept(revision=proposal, actor=newsroom.reviewer)
    _assert_in_sync(mirror, anon)

    # A retraction: the claim goes from the lists and leaves a tombstone.
    workflow.claim_retract(
        claim=paid, actor=newsroom.second_reviewer, note="The interview was misreported."
    )
    _assert_in_sync(mirror, anon)

    # A rejected quote, and a deleted topic (the claim filed under it changes).
    quote_services.quote_reject(quote=invoices, actor=newsroom.editor)
    topic_services.topic_delete(topic=farming, actor=newsroom.editor)
    _assert_in_sync(mirror, anon)

    # The speaker made draft: their quote leaves public view, the claim loses its claimant;
    # then published again: the quote comes back.
    speaker_services.speaker_update(
        speaker=minister, status=Speaker.Status.DRAFT, actor=newsroom.editor
    )
    _assert_in_sync(mirror, anon)
    speaker_services.speaker_update(
        speaker=minister, status=Speaker.Status.PUBLISHED, actor=newsroom.editor
    )
    _assert_in_sync(mirror, anon)

    # A new claim published, and the interview's source taken back to draft once nothing
    # public depends on it any more.
    newsroom.published_claim(
        "The minister said exports rose by 12%.",
        article,
        "the minister said that exports rose by 12% last year",
        claimant=minister,
    )
    source_services.source_update(
        source=interview, status=Source.Status.DRAFT, actor=newsroom.editor
    )
    _assert_in_sync(mirror, anon)

    assert {kind: sorted(rows) for kind, rows in mirror.store.items()}["claim"] == sorted(
        Claim.objects.public().values_list("pk", flat=True)
    )
