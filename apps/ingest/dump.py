"""A full dump of everything public, as NDJSON: one JSON object a line.

Stable ids: every object has `"id": "<type>:<database id>"` ("speaker:1", "quote:17"), and
refers to others by their ids. Database ids are never reused, and `load_dump` keeps them,
so an object has the same id in a dump of this site and in one of a copy loaded from it.
Slugs are fields like any other (an editor may change them).

The first line is a header (`{"type": "factbase-dump", "version": 2, …}`); then, in an
order in which every reference points back to a line already read: ratings, topics,
publishers, speakers (with their aliases and roles), sources (with the earlier versions of
their text), quotes (with their appearances), claims (with their citations and corrections
and retractions).

Public means what the pages and the API show anonymous readers: each model's `public()`
rule; models without one (ratings, topics, publishers) are public. Retracted claims are on
the public record too (their pages say when and why), so they are dumped with published
ones. A reference to something not public (a published claim's draft claimant) is written
as null. Who made a change (users) is not public, and not in the dump.

Version 2 added the texts' versions, retracted claims and the corrections' kind; version 1
dumps load as before.
"""

import json
from collections.abc import Iterator

from django.db.models import Prefetch
from django.utils import timezone

from apps.claims.models import Citation, Claim, Correction, Rating
from apps.quotes.models import Appearance, Quote
from apps.sources.models import Publisher, Source, SourceVersion
from apps.speakers.models import Speaker
from apps.topics.models import Topic

FORMAT = "factbase-dump"
VERSION = 2
# The versions `load_dump` reads.
READABLE_VERSIONS = (1, 2)
CHUNK = 500
PASSAGE_FIELDS = ["exact", "prefix", "suffix", "start", "end", "match", "similarity"]


def ref(kind: str, pk) -> str | None:
    return f"{kind}:{pk}" if pk is not None else None


def _value(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _fields(obj, names: list[str]) -> dict:
    return {name: _value(getattr(obj, name)) for name in names}


def _stamped(kind: str, obj, names: list[str]) -> dict:
    return {
        "id": ref(kind, obj.pk),
        "type": kind,
        **_fields(obj, names),
        "created_at": _value(obj.created_at),
        "updated_at": _value(obj.updated_at),
    }


def dump_objects() -> Iterator[dict]:
    """Every public object as a dict, in load order. Reads in chunks (prefetching each)."""
    yield {"type": FORMAT, "version": VERSION, "created": timezone.now().isoformat()}
    for rating in Rating.objects.order_by("pk"):
        yield _stamped(
            "rating",
            rating,
            ["label", "slug", "score", "description", "colour", "normalised_class"],
        )
    for topic in Topic.objects.order_by("pk").iterator(chunk_size=CHUNK):
        yield _stamped("topic", topic, ["name", "slug", "description"])
    for publisher in Publisher.objects.order_by("pk").iterator(chunk_size=CHUNK):
        yield _stamped("publisher", publisher, ["name", "slug", "home_page"])
    speakers = Speaker.objects.public().order_by("pk").prefetch_related("aliases", "roles")
    for speaker in speakers.iterator(chunk_size=CHUNK):
        data = _stamped(
            "speaker", speaker, ["name", "slug", "kind", "description", "wikidata_id", "status"]
        )
        data["aliases"] = [
            {"id": ref("speaker-alias", a.pk), "name": a.name}
            for a in sorted(speaker.aliases.all(), key=lambda a: a.pk)
        ]
        data["roles"] = [
            {
                "id": ref("speaker-role", r.pk),
                **_fields(r, ["title", "organisation", "start", "end"]),
            }
            for r in sorted(speaker.roles.all(), key=lambda r: r.pk)
        ]
        yield data
    sources = (
        Source.objects.public()
        .order_by("pk")
        .prefetch_related(Prefetch("versions", queryset=SourceVersion.objects.order_by("number")))
    )
    for source in sources.iterator(chunk_size=CHUNK):
        data = _stamped(
            "source",
            source,
            [
                "title",
                "slug",
                "url",
                "authors",
                "published_on",
                "retrieved_at",
                "language",
                "kind",
                "text",
                "text_sha256",
                "archive_url",
                "status",
                "text_version",
                "text_set_at",
            ],
        )
        data["publisher"] = ref("publisher", source.publisher_id)
        data["versions"] = [
            _fields(
                version,
                [
                    "number",
                    "text",
                    "text_sha256",
                    "set_at",
                    "replaced_at",
                    "change_note",
                    "moved_passages",
                ],
            )
            for version in source.versions.all()
        ]
        yield data
    yield from _quotes()
    yield from _claims()


def _quotes() -> Iterator[dict]:
    public_quotes = set(Quote.objects.public().values_list("pk", flat=True))
    public_speakers = set(Speaker.objects.public().values_list("pk", flat=True))
    appearances = Appearance.objects.in_public_sources().order_by("pk")
    quotes = (
        Quote.objects.public()
        .order_by("pk")
        .prefetch_related("topics", Prefetch("appearances", queryset=appearances))
    )
    for quote in quotes.iterator(chunk_size=CHUNK):
        data = _stamped(
            "quote",
            quote,
            [
                "text",
                "speaker_name",
                "said_on",
                "occasion",
                "language",
                "original_text",
                "original_language",
                "status",
                "verdict",
            ],
        )
        data["speaker"] = ref("speaker", quote.speaker_id)
        data["translation_of"] = (
            ref("quote", quote.translation_of_id)
            if quote.translation_of_id in public_quotes
            else None
        )
        data["misattributed_to"] = (
            ref("speaker", quote.misattributed_to_id)
            if quote.misattributed_to_id in public_speakers
            else None
        )
        data["topics"] = sorted(ref("topic", t.pk) for t in quote.topics.all())
        data["appearances"] = [_passage("appearance", a) for a in quote.appearances.all()]
        yield data


def _claims() -> Iterator[dict]:
    public_quotes = set(Quote.objects.public().values_list("pk", flat=True))
    public_speakers = set(Speaker.objects.public().values_list("pk", flat=True))
    citations = Citation.objects.in_public_sources().order_by("pk")
    claims = (
        Claim.objects.on_record()
        .order_by("pk")
        .prefetch_related(
            "topics",
            Prefetch("citations", queryset=citations),
            Prefetch("corrections", queryset=Correction.objects.order_by("pk")),
        )
    )
    for claim in claims.iterator(chunk_size=CHUNK):
        data = _stamped(
            "claim", claim, ["statement", "slug", "summary", "analysis", "status", "published_at"]
        )
        data["claimant"] = (
            ref("speaker", claim.claimant_id) if claim.claimant_id in public_speakers else None
        )
        data["quote"] = ref("quote", claim.quote_id) if claim.quote_id in public_quotes else None
        data["rating"] = ref("rating", claim.rating_id)
        data["topics"] = sorted(ref("topic", t.pk) for t in claim.topics.all())
        data["citations"] = [
            {**_passage("citation", c), "relation": c.relation, "note": c.note}
            for c in claim.citations.all()
        ]
        data["corrections"] = [
            {
                "id": ref("correction", c.pk),
                "kind": c.kind,
                "date": _value(c.date),
                "note": c.note,
                "rating_before": ref("rating", c.rating_before_id),
                "rating_after": ref("rating", c.rating_after_id),
                "created_at": _value(c.created_at),
                "updated_at": _value(c.updated_at),
            }
            for c in claim.corrections.all()
        ]
        yield data


def _passage(kind: str, passage) -> dict:
    return {
        "id": ref(kind, passage.pk),
        "source": ref("source", passage.source_id),
        **_fields(passage, PASSAGE_FIELDS),
        "created_at": _value(passage.created_at),
        "updated_at": _value(passage.updated_at),
    }


def write_dump(out) -> int:
    """Write the dump to the text stream `out`; returns the number of object lines."""
    count = -1
    for obj in dump_objects():
        out.write(json.dumps(obj, ensure_ascii=False, sort_keys=True))
        out.write("\n")
        count += 1
    return count
