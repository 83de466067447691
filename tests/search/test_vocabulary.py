"""The vocabulary of the public record follows publication (apps/search/vocabulary.py)."""

import pytest

from apps.claims.models import Claim
from apps.claims.workflow import claim_publish, claim_retract
from apps.search.models import VocabularyDocument, VocabularyWord
from apps.search.vocabulary import rebuild, words_of
from apps.speakers.models import Speaker
from tests.factories import QuoteFactory, SpeakerAliasFactory, SpeakerFactory, arranged
from tests.response_cache import published_claim, reviewer


def documents(word: str) -> int:
    found = VocabularyWord.objects.filter(word=word).values_list("documents", flat=True)
    return next(iter(found), 0)


def snapshot():
    return (
        list(VocabularyWord.objects.values_list("word", "length", "documents")),
        list(VocabularyDocument.objects.values_list("kind", "object_id", "words")),
    )


def test_words_of_keeps_letters_only_lower_cased():
    assert words_of("Putin's 2 million ex-Soviet a_b", None) == {"putin", "million", "ex", "soviet"}


# The tests arrange their data inside django_capture_on_commit_callbacks(execute=True) too:
# a transaction's writes are counted by one callback, and a write after others whose callback
# never ran would join that one.


def test_publishing_a_claim_adds_its_words(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        claim = published_claim(statement="Zeppelins crossed the border.")
        with arranged():
            Claim.objects.filter(pk=claim.pk).update(status=Claim.Status.IN_REVIEW)
        actor = reviewer()
    claim.refresh_from_db()
    rebuild()

    with django_capture_on_commit_callbacks(execute=True):
        claim_publish(claim=claim, actor=actor)

    assert documents("zeppelins") == 1


def test_retracting_a_claim_takes_its_words_back(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        claim = published_claim(statement="Zeppelins crossed the border.")
        actor = reviewer()
    before = documents("zeppelins")

    with django_capture_on_commit_callbacks(execute=True):
        claim_retract(claim=claim, actor=actor, note="Wrong figures.")

    assert (before, documents("zeppelins")) == (1, 0)


def test_a_word_two_objects_hold_stays_while_one_holds_it(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        kept = published_claim(statement="Zeppelins crossed the border.")
        retracted = published_claim(statement="Zeppelins landed.")
        actor = reviewer()

    with django_capture_on_commit_callbacks(execute=True):
        claim_retract(claim=retracted, actor=actor, note="Wrong figures.")

    assert (documents("zeppelins"), kept.status) == (1, Claim.Status.PUBLISHED)


def test_a_new_alias_of_a_public_speaker_adds_its_words(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        speaker = SpeakerFactory(name="Vladimir Putin", description="")

    with django_capture_on_commit_callbacks(execute=True):
        SpeakerAliasFactory(speaker=speaker, name="Volodya")

    assert (documents("volodya"), documents("vladimir")) == (1, 1)


def test_a_rolled_back_write_changes_nothing(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        published_claim(statement="Zeppelins crossed the border.")

    assert (len(callbacks) >= 1, documents("zeppelins")) == (True, 0)


def test_a_speaker_unpublished_takes_back_its_quotes_words(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        speaker = SpeakerFactory(name="Vladimir Putin", description="")
        QuoteFactory(speaker=speaker, text="Zeppelins are Russian.")
    before = (documents("zeppelins"), documents("vladimir"))

    with django_capture_on_commit_callbacks(execute=True), arranged():
        speaker.status = Speaker.Status.DRAFT
        speaker.save()

    assert [before, (documents("zeppelins"), documents("vladimir"))] == [(1, 1), (0, 0)]


def test_rebuild_is_idempotent_and_agrees_with_the_counts_kept_on_the_way(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        published_claim(statement="Zeppelins crossed the border.")
        published_claim(statement="Zeppelins landed near Kyiv.")
        SpeakerFactory(name="Vladimir Putin")
    kept = snapshot()

    rebuild()
    once = snapshot()
    rebuild()

    assert kept == once == snapshot()
    assert documents("zeppelins") == 2


@pytest.mark.parametrize("size", [1, 4])
def test_rebuild_reports_its_progress(db, size):
    for n in range(size):
        published_claim(statement=f"Zeppelin number {n} landed.")
    seen = []

    rebuild(lambda kind, done, total: seen.append((kind, done, total)))

    assert ("claim", size, size) in seen
