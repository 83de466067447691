"""Writes to speakers. Each runs in a transaction and validates first."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db.models import Model

from apps.core.deletion import delete_unless_referenced
from apps.core.history import attribute_to
from apps.core.slugs import unique_slug
from apps.core.sync import touch, visibility_watched
from apps.core.versions import require_version
from apps.core.writes import bulk_insert, service, validated_save
from apps.speakers.models import Speaker, SpeakerAlias, SpeakerRole


@service
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


@service
def speaker_delete(
    *, speaker: Speaker, actor: Model | None = None, expected_version: datetime | None = None
) -> None:
    """Delete a speaker nothing points to; otherwise a ValidationError says what does."""
    require_version(speaker, expected_version)
    delete_unless_referenced(speaker, actor=actor)


@service
def speaker_update(
    *,
    speaker: Speaker,
    aliases: list[str] | None = None,
    actor: Model | None = None,
    expected_version: datetime | None = None,
    **fields,
) -> Speaker:
    """Change a speaker; `aliases`, when given, becomes the whole list of its other names.

    A speaker made draft takes their quotes out of public view too (a quote is public only
    with a public speaker): clients are told (tombstones), and everything showing the
    speaker is marked changed (apps/core/sync.py)."""
    require_version(speaker, expected_version)
    quotes = list(speaker.quotes.values_list("pk", flat=True)) if "status" in fields else []
    with (
        visibility_watched(Speaker, [speaker.pk], reason="unpublished"),
        # The quotes app sits above this one: its model, through the reverse relation.
        visibility_watched(speaker.quotes.model, quotes, reason="hidden"),
    ):
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
    touch(speaker)


@service
def alias_add(*, speaker: Speaker, name: str, actor: Model | None = None) -> SpeakerAlias:
    """Record another name the speaker is attributed by."""
    alias = validated_save(SpeakerAlias(speaker=speaker, name=name), actor=actor)
    touch(speaker)
    return alias


@service
def alias_update(*, alias: SpeakerAlias, actor: Model | None = None, **fields) -> SpeakerAlias:
    validated_save(alias, actor=actor, **fields)
    touch(alias.speaker)
    return alias


@service
def alias_remove(*, alias: SpeakerAlias, actor: Model | None = None) -> None:
    attribute_to(alias, actor)
    alias.delete()
    touch(alias.speaker)


@service
def role_add(*, speaker: Speaker, title: str, actor: Model | None = None, **fields) -> SpeakerRole:
    """Record a position the speaker held (`organisation`, `start`, `end` optional)."""
    role = validated_save(SpeakerRole(speaker=speaker, title=title, **fields), actor=actor)
    touch(speaker)
    return role


@service
def role_update(*, role: SpeakerRole, actor: Model | None = None, **fields) -> SpeakerRole:
    validated_save(role, actor=actor, **fields)
    touch(role.speaker)
    return role


@service
def role_remove(*, role: SpeakerRole, actor: Model | None = None) -> None:
    attribute_to(role, actor)
    role.delete()
    touch(role.speaker)


@service
def speakers_create_drafts(
    *,
    speakers: list[Speaker],
    aliases: list[SpeakerAlias] = (),
    roles: list[SpeakerRole] = (),
    actor: Model | None = None,
    reason: str,
) -> None:
    """Write many new draft speakers at once (an import's claimants or quoted people), with
    the aliases and roles their source states for them (each `speaker=` one of `speakers`);
    `reason` goes into their first history rows. Draft, since nobody has checked them."""
    for speaker in speakers:
        if speaker.status != Speaker.Status.DRAFT:
            raise ValidationError({"status": "Imported speakers are drafts until checked."})
    for row in (*aliases, *roles):
        row.full_clean(exclude=["speaker"], validate_unique=False, validate_constraints=False)
    bulk_insert(Speaker, speakers, actor=actor, reason=reason)
    for model, rows in ((SpeakerAlias, aliases), (SpeakerRole, roles)):
        for row in rows:
            row.speaker = row.speaker  # the speaker's id, now that it has one
        bulk_insert(model, list(rows), actor=actor, reason=reason)
