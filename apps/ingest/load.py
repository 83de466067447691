"""Loading a dump (see dump.py) into an empty instance, all or nothing.

Objects keep their ids, so the copy's dump names everything as the original's did. Every
object is validated and saved the ordinary way (passages are anchored again, which must
find them where the dump says; a source's text must still have the SHA-256 the dump
gives), and its timestamps are restored. Any bad line stops the load with a message naming
the line, and nothing is written. Every value must have the JSON type its field takes (a
name is a string, never an object turned into its text), every id must be new (a line given
twice is refused, not loaded over the first), and a line is read only up to
INGEST_MAX_LINE_BYTES and `jsonlimits.MAX_DEPTH` levels of nesting, so memory stays bounded.

A load is a restore, not an edit: `load_dump` is a service of its own (the write guard lets
it write), which validates and anchors each row but does not replay the editorial workflow
(review, four eyes, corrections) that produced the record it restores.

Each line's values are read by dump_values.py.
"""

import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.db import connection, transaction

from apps.claims.matching.semantic import claims_embed_all
from apps.claims.models import Citation, Claim, Correction, Rating
from apps.core.writes import service
from apps.ingest.dump import FORMAT, READABLE_VERSIONS
from apps.ingest.dump_values import (
    BadJSON,
    FieldError,
    check_types,
    date_value,
    datetime_value,
    error_messages,
    json_object,
    no_constant,
    objects_of,
    pk_of,
    ref,
    refs,
    take,
)
from apps.ingest.errors import IngestError
from apps.ingest.jsonlimits import TooDeep, check_depth
from apps.ops.staleness import everything_changed
from apps.quotes.models import Appearance, Quote
from apps.quotes.services import translation_words_refresh
from apps.sources.models import Publisher, Source, SourceVersion
from apps.speakers.models import Speaker, SpeakerAlias, SpeakerRole
from apps.topics.models import Topic

CHANGE_REASON = "Loaded from a dump"
CONTENT_MODELS = [Topic, Publisher, Speaker, Source, Quote, Claim]
ALL_MODELS = [
    Rating,
    Topic,
    Publisher,
    Speaker,
    SpeakerAlias,
    SpeakerRole,
    Source,
    SourceVersion,
    Quote,
    Appearance,
    Claim,
    Citation,
    Correction,
]


class _LineError(Exception):
    pass


@service
def load_dump(stream, *, name: str) -> dict[str, int]:
    """Load the dump read from the binary stream `stream`. Returns counts per type.

    Raises IngestError (naming `name` and the line) if the instance is not empty or a line
    is bad; the database is then unchanged.
    """
    loader = _Loader()
    limit = settings.INGEST_MAX_FEED_BYTES
    line_limit = settings.INGEST_MAX_LINE_BYTES
    read = 0
    line_number = 0
    with transaction.atomic():
        nonempty = [str(m._meta.verbose_name_plural) for m in CONTENT_MODELS if m.objects.exists()]
        if nonempty:
            raise IngestError(
                f"this instance is not empty (it has {', '.join(nonempty)}); "
                "a dump loads only into an empty one",
                name=name,
            )
        # A whole instance arrives: every cached response is stale once it commits, and
        # no row's save needs to work out what it changes (apps/ops/staleness.py).
        everything_changed()
        # Never more than one line's bound in memory: readline stops there.
        while raw := stream.readline(line_limit + 1):
            line_number += 1
            read += len(raw)
            if read > limit:
                raise IngestError(
                    f"the file is over the limit of {limit:,} bytes (INGEST_MAX_FEED_BYTES)",
                    name=name,
                    where=f"line {line_number}",
                )
            if len(raw) > line_limit and not raw.endswith(b"\n"):
                raise IngestError(
                    f"the line is longer than the limit of {line_limit:,} bytes "
                    "(INGEST_MAX_LINE_BYTES); a line is read whole, so it must be shorter",
                    name=name,
                    where=f"line {line_number}",
                )
            if not raw.strip():
                continue
            try:
                loader.line(raw, first=loader.header is None)
            except _LineError as error:
                raise IngestError(str(error), name=name, where=f"line {line_number}") from None
        if loader.header is None:
            raise IngestError("the file is empty", name=name)
        loader.finish()
    return loader.counts


class _Loader:
    def __init__(self):
        self.header = None
        self.counts: dict[str, int] = {}
        self.translations: list[tuple[int, int]] = []
        self.ratings: set[int] = set()  # ratings exist before the load: each is updated once

    def line(self, raw: bytes, *, first: bool) -> None:
        try:
            check_depth(raw)
            data = json.loads(
                raw.decode("utf-8"),
                object_pairs_hook=json_object,
                parse_constant=no_constant,
            )
        except TooDeep as error:
            raise _LineError(
                f"the JSON nests deeper than {error.limit} levels at byte {error.offset + 1:,} "
                "of the line (no dump line nests so deep)"
            ) from None
        except UnicodeDecodeError as error:
            raise _LineError(f"not UTF-8 text: {error.reason}") from None
        except json.JSONDecodeError as error:
            raise _LineError(f"not a JSON object (truncated?): {error.msg}") from None
        except BadJSON as error:
            raise _LineError(str(error)) from None
        if not isinstance(data, dict):
            raise _LineError("not a JSON object")
        if first:
            if data.get("type") != FORMAT:
                raise _LineError(f"not a Factbase dump (no “{FORMAT}” header)")
            if data.get("version") not in READABLE_VERSIONS:
                readable = " and ".join(str(v) for v in READABLE_VERSIONS)
                raise _LineError(
                    f"dump version {data.get('version')!r}; this Factbase reads {readable}"
                )
            self.header = data
            return
        kind = data.get("type")
        handler = getattr(self, f"_{str(kind).replace('-', '_')}", None)
        if handler is None or kind.startswith("_"):
            raise _LineError(f"unknown type {kind!r}")
        try:
            handler(data)
        except ValidationError as error:
            raise _LineError(f"{data.get('id')}: {'; '.join(error.messages)}") from None
        except FieldError as error:
            raise _LineError(str(error)) from None
        except (KeyError, TypeError, ValueError) as error:
            raise _LineError(f"{data.get('id')}: missing or malformed field: {error}") from None
        self.counts[kind] = self.counts.get(kind, 0) + 1

    # --- one handler per type ----------------------------------------------------------

    def _rating(self, data):
        pk = pk_of(data, "rating")
        if pk in self.ratings:
            raise _LineError(f"{data['id']}: this id was loaded from an earlier line already")
        self.ratings.add(pk)
        rating = Rating.objects.filter(pk=pk).first() or Rating(pk=pk)
        for field in ("label", "slug", "score", "description", "colour", "normalised_class"):
            setattr(rating, field, data[field])
        self._save(rating, data, new=False)

    def _topic(self, data):
        self._save(
            Topic(pk=pk_of(data, "topic"), **take(data, "name", "slug", "description")), data
        )

    def _publisher(self, data):
        self._save(
            Publisher(pk=pk_of(data, "publisher"), **take(data, "name", "slug", "home_page")), data
        )

    def _speaker(self, data):
        fields = take(data, "name", "slug", "kind", "description", "wikidata_id", "status")
        speaker = self._save(Speaker(pk=pk_of(data, "speaker"), **fields), data)
        for alias in objects_of(data, "aliases"):
            self._save(
                SpeakerAlias(pk=pk_of(alias, "speaker-alias"), speaker=speaker, name=alias["name"]),
                alias,
            )
        for role in objects_of(data, "roles"):
            self._save(
                SpeakerRole(
                    pk=pk_of(role, "speaker-role"),
                    speaker=speaker,
                    title=role["title"],
                    organisation=role["organisation"],
                    start=date_value(role, "start"),
                    end=date_value(role, "end"),
                ),
                role,
            )

    def _source(self, data):
        source = Source(
            pk=pk_of(data, "source"),
            publisher_id=ref(data, "publisher", "publisher"),
            published_on=date_value(data, "published_on"),
            retrieved_at=datetime_value(data, "retrieved_at"),
            text_version=data.get("text_version", 1),
            text_set_at=datetime_value(data, "text_set_at"),
            **take(
                data,
                "title",
                "slug",
                "url",
                "authors",
                "language",
                "kind",
                "text",
                "archive_url",
                "status",
            ),
        )
        self._save(source, data)
        source.refresh_from_db(fields=["text_sha256"])
        if data.get("text_sha256") and source.text_sha256 != data["text_sha256"]:
            raise _LineError(f"{data['id']}: the text does not have the SHA-256 the dump gives")
        for item in objects_of(data, "versions", required=False):
            version = SourceVersion(
                source=source,
                number=item["number"],
                text=item["text"],
                set_at=datetime_value(item, "set_at"),
                replaced_at=datetime_value(item, "replaced_at"),
                change_note=item["change_note"],
                moved_passages=item["moved_passages"],
            )
            self._save(version, None, ident=f"{data['id']} text version {item['number']}")
            version.refresh_from_db(fields=["text_sha256"])
            if version.text_sha256 != item["text_sha256"]:
                raise _LineError(
                    f"{data['id']}: text version {item['number']} does not have the SHA-256 "
                    "the dump gives"
                )

    def _quote(self, data):
        quote = Quote(
            pk=pk_of(data, "quote"),
            speaker_id=ref(data, "speaker", "speaker"),
            misattributed_to_id=ref(data, "misattributed_to", "speaker"),
            said_on=date_value(data, "said_on"),
            **take(
                data,
                "text",
                "speaker_name",
                "occasion",
                "language",
                "original_text",
                "original_language",
                "status",
                "verdict",
            ),
        )
        self._save(quote, data)
        quote.topics.set(refs(data, "topics", "topic"))
        if data["translation_of"]:  # may point to a later line: set once all are loaded
            self.translations.append((quote.pk, ref(data, "translation_of", "quote")))
        for passage in objects_of(data, "appearances"):
            self._passage(Appearance(pk=pk_of(passage, "appearance"), quote=quote), passage)

    def _claim(self, data):
        claim = Claim(
            pk=pk_of(data, "claim"),
            claimant_id=ref(data, "claimant", "speaker"),
            quote_id=ref(data, "quote", "quote"),
            rating_id=ref(data, "rating", "rating"),
            published_at=datetime_value(data, "published_at"),
            **take(data, "statement", "slug", "summary", "analysis", "status"),
        )
        self._save(claim, data)
        claim.topics.set(refs(data, "topics", "topic"))
        for passage in objects_of(data, "citations"):
            citation = Citation(
                pk=pk_of(passage, "citation"),
                claim=claim,
                relation=passage["relation"],
                note=passage["note"],
            )
            self._passage(citation, passage)
        for item in objects_of(data, "corrections"):
            correction = Correction(
                pk=pk_of(item, "correction"),
                claim=claim,
                kind=item.get("kind", Correction.Kind.CORRECTION),
                date=date_value(item, "date"),
                note=item["note"],
                rating_before_id=ref(item, "rating_before", "rating"),
                rating_after_id=ref(item, "rating_after", "rating"),
            )
            self._save(correction, item)

    def _passage(self, passage, data) -> None:
        passage.source_id = ref(data, "source", "source")
        for field in ("exact", "prefix", "suffix", "start", "end", "match", "similarity"):
            setattr(passage, field, data[field])
        check_types(passage, data["id"])  # before anchoring reads them
        passage.anchor()
        self._save(passage, data)
        if (passage.match, passage.start, passage.end) != (
            data["match"],
            data["start"],
            data["end"],
        ):
            raise _LineError(
                f"{data['id']}: the passage anchors at {passage.start}–{passage.end} "
                f"({passage.match}), not where the dump says"
            )

    # --- saving --------------------------------------------------------------------------

    def _save(self, obj, data, *, new: bool = True, ident: str = ""):
        """Validate and save `obj`, read from `data` (its line, or the object in it that
        has its id and timestamps). `new`: its id must not be taken yet."""
        ident = ident or (data or {}).get("id", "")
        check_types(obj, ident)
        if new and obj.pk is not None and type(obj)._default_manager.filter(pk=obj.pk).exists():
            # The models would say "… with this ID already exists": say why it does.
            raise _LineError(f"{ident}: this id was loaded from an earlier line already")
        obj._change_reason = CHANGE_REASON
        try:
            obj.full_clean()
        except ValidationError as error:
            raise _LineError(f"{ident}: {error_messages(error)}") from None
        obj.save()
        if data is not None and "created_at" in data:
            type(obj).objects.filter(pk=obj.pk).update(
                created_at=datetime_value(data, "created_at"),
                updated_at=datetime_value(data, "updated_at"),
            )
        return obj

    def finish(self) -> None:
        for pk, original in self.translations:
            Quote.objects.filter(pk=pk).update(translation_of_id=original)
        # What search finds them by besides their own words (apps/quotes/services.py).
        translation_words_refresh(quote_ids={pk for pair in self.translations for pk in pair})
        statements = connection.ops.sequence_reset_sql(no_style(), ALL_MODELS)
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
        # Claim matching's embeddings are derived, not dumped: made from the statements.
        claims_embed_all()
