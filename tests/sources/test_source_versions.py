"""Sources are archived, not overwritten: the text a published source had is kept when it
is replaced, with its SHA-256, its dates and who set it; its passages move with a record."""

import hashlib

import pytest
from django.core.exceptions import ValidationError

from apps.sources.models import Source, SourceVersion
from apps.sources.services import source_update
from tests.factories import (
    ARTICLE_TEXT,
    AppearanceFactory,
    CitationFactory,
    PublishedClaimFactory,
    SourceFactory,
    UserFactory,
)

PREFIX = "Updated at 10:00. "


@pytest.mark.django_db
def test_replacing_a_published_sources_text_keeps_the_old_text_with_its_sha256():
    source = SourceFactory()
    editor = UserFactory()

    source_update(
        source=source, text=PREFIX + ARTICLE_TEXT, text_change_note="A line added.", actor=editor
    )

    version = source.versions.get()
    assert (
        version.number,
        version.text,
        version.text_sha256,
        version.change_note,
        version.replaced_by,
        source.text_version,
        source.text_set_by,
    ) == (
        1,
        ARTICLE_TEXT,
        hashlib.sha256(ARTICLE_TEXT.encode()).hexdigest(),
        "A line added.",
        editor,
        2,
        editor,
    )


@pytest.mark.django_db
def test_each_replacement_archives_the_text_it_replaces():
    source = SourceFactory()

    source_update(source=source, text=PREFIX + ARTICLE_TEXT)
    source_update(source=source, text=PREFIX + PREFIX + ARTICLE_TEXT)

    assert list(source.versions.values_list("number", "text")) == [
        (2, PREFIX + ARTICLE_TEXT),
        (1, ARTICLE_TEXT),
    ]


@pytest.mark.django_db
def test_a_draft_sources_text_changes_without_a_version():
    source = SourceFactory(status=Source.Status.DRAFT)

    source_update(source=source, text=PREFIX + ARTICLE_TEXT)

    assert (source.versions.count(), source.text_version) == (0, 1)


@pytest.mark.django_db
def test_other_changes_keep_the_text_version():
    source = SourceFactory()

    source_update(source=source, title="Exports, revised")

    assert (source.versions.count(), source.text_version) == (0, 1)


@pytest.mark.django_db
def test_the_passages_that_moved_are_recorded_with_the_version():
    source = SourceFactory()
    appearance = AppearanceFactory(source=source)
    citation = CitationFactory(source=source)
    shift = len(PREFIX)

    source_update(source=source, text=PREFIX + ARTICLE_TEXT)

    moved = {(item["kind"], item["id"]): item for item in source.versions.get().moved_passages}
    assert moved == {
        ("quote", appearance.pk): {
            "kind": "quote",
            "id": appearance.pk,
            "before": [appearance.start, appearance.end, "exact"],
            "after": [appearance.start + shift, appearance.end + shift, "exact"],
        },
        ("claim", citation.pk): {
            "kind": "claim",
            "id": citation.pk,
            "before": [citation.start, citation.end, "exact"],
            "after": [citation.start + shift, citation.end + shift, "exact"],
        },
    }


@pytest.mark.django_db
def test_a_moved_passage_says_so_in_its_history():
    source = SourceFactory()
    appearance = AppearanceFactory(source=source)

    source_update(source=source, text=PREFIX + ARTICLE_TEXT)

    assert appearance.history.first().history_change_reason == "Re-anchored in text version 2"


@pytest.mark.django_db
def test_a_new_text_that_drops_a_published_claims_only_passage_is_refused():
    source = SourceFactory()
    CitationFactory(source=source, claim=PublishedClaimFactory())

    with pytest.raises(ValidationError, match="published claims without a citation"):
        source_update(source=source, text="A different article altogether.")

    source.refresh_from_db()
    assert (source.text, SourceVersion.objects.count()) == (ARTICLE_TEXT, 0)


@pytest.mark.django_db
def test_taking_a_source_back_to_draft_is_refused_while_a_published_claim_rests_on_it():
    source = SourceFactory()
    CitationFactory(source=source, claim=PublishedClaimFactory())

    with pytest.raises(ValidationError):
        source_update(source=source, status=Source.Status.DRAFT)
