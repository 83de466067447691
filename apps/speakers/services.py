"""Writes to speakers. Each runs in a transaction and validates first."""

from django.db import transaction
from django.db.models import Model

from apps.core.deletion import delete_unless_referenced
from apps.core.history import attribute_to
from apps.core.slugs import unique_slug
from apps.core.writes import validated_save
from apps.speakers.models import Speaker, SpeakerAlias


@transaction.atomic
def speaker_create(
    *, name: str, aliases: list[str] = (), actor: Model | None = None, **fields
) -> Speaker:
    speaker = Speaker(name=name, **fields)
    if not speaker.slug:
        speaker.slug = unique_slug(Speaker, name)
    validated_save(speaker, actor=actor)
    for alias in aliases:
        row = SpeakerAlias(speaker=speaker, name=alias)
        validated_save(row, actor=actor)
    return speaker


def speaker_delete(*, speaker: Speaker) -> None:
    """Delete a speaker nothing points to; otherwise a ValidationError says what does."""
    delete_unless_referenced(speaker)


@transaction.atomic
def speaker_update(
    *, speaker: Speaker, aliases: list[str] | None = None, actor: Model | None = None, **fields
) -> Speaker:
    """Change a speaker; `aliases`, when given, becomes the whole list of its other names."""
    validated_save(speaker, actor=actor, **fields)
    if aliases is not None:
        _speaker_set_aliases(speaker=speaker, aliases=aliases, actor=actor)
    return speaker


def _speaker_set_aliases(*, speaker: Speaker, aliases: list[str], actor: Model | None) -> None:
    wanted = list(dict.fromkeys(aliases))
    for alias in speaker.aliases.exclude(name__in=wanted):
        attribute_to(alias, actor)
        alias.delete()
    existing = set(speaker.aliases.values_list("name", flat=True))
    for name in wanted:
        if name not in existing:
            row = SpeakerAlias(speaker=speaker, name=name)
            validated_save(row, actor=actor)
