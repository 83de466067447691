"""/speakers/: public speakers with their numbers of public claims and quotes."""

import pytest

from apps.speakers.models import Speaker
from tests import factories
from tests.web.helpers import page, texts


def test_speaker_list_shows_public_speakers_with_public_counts(client, db):
    ana = factories.SpeakerFactory(name="Ana")
    factories.PublishedClaimFactory(claimant=ana)
    factories.ClaimFactory(claimant=ana)  # a draft: not counted
    factories.QuoteFactory(speaker=ana)
    factories.SpeakerFactory(name="Hidden", status=Speaker.Status.DRAFT)

    tree = page(client.get("/speakers/"))

    assert texts(tree, "//li[contains(@class, 'speaker-card')]") == [
        "Ana Minister of Agriculture 1 checked claim · 1 quote"
    ]


@pytest.mark.parametrize("size", [1, 8])
def test_speaker_list_runs_a_fixed_number_of_queries(client, db, django_assert_num_queries, size):
    for speaker in factories.SpeakerFactory.create_batch(size):
        factories.PublishedClaimFactory(claimant=speaker)

    with django_assert_num_queries(2):
        response = client.get("/speakers/")

    assert len(page(response).xpath("//li[contains(@class, 'speaker-card')]")) == size
