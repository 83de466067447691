"""Writes to speakers. Each runs in a transaction and validates first."""

from django.db import transaction
from django.db.models import Model

from apps.core.deletion import delete_unless_referenced
from apps.core.slugs import unique_slug
from apps.speakers.models import Speaker, SpeakerAlias


@transaction.atomic
def speaker_create(
    *, name: str, aliases: list[str] = (), actor: Model | None = None, **fields
) -> Speaker:
    speaker = Speaker(name=name, **fields)
    if not speaker.slug:
        speaker.slug = unique_slug(Speaker, name)
    speaker._history_user = actor
    speaker.full_clean()
    speaker.save()
    for alias in aliases:
        row = SpeakerAlias(speaker=speaker, name=alias)
        row._history_user = actor
        row.full_clean()
        row.save()
    return speaker


def speaker_delete(*, speaker: Speaker) -> None:
    """Delete a speaker nothing points to; otherwise a ValidationError says what does."""
    delete_unless_referenced(speaker)
