"""The vocabulary of the public record: every word of the public claims, quotes, speakers
(names, aliases, descriptions) and sources, with how many public objects hold it. Typo
correction (apps/search/typos.py) draws its candidates from it.

Kept current as the search index is: every write to an indexed table is noted by a
`post_save` / `post_delete` receiver (connected in apps/search/apps.py, as the response
cache's are in apps/ops/staleness.py), and once the transaction commits the noted objects
are counted again (`refresh`): what each public object adds is kept in VocabularyDocument,
so an object that was unpublished, edited or deleted takes back exactly what it added.
Writes that send no signal (COPY, bulk loads) need `manage.py rebuild_vocabulary`
(`rebuild`), which is idempotent.

Only public objects count: a word found only in a draft is never offered as a correction.
"""

import logging
import re
from collections import Counter
from collections.abc import Callable, Iterable
from itertools import islice

from django.db import DatabaseError, connection, transaction
from django.db.models import Model

from apps.core.commit_hooks import CommitHook, wait_for_commit, waiting
from apps.ops.database import describe
from apps.quotes.models import Quote
from apps.search.kinds import KINDS
from apps.search.models import VocabularyDocument, VocabularyWord
from apps.speakers.models import SpeakerAlias

logger = logging.getLogger(__name__)

# Letters only (no digits or underscores), two or more of them, lower-cased: what a reader
# may misspell. Longer runs are not words (an URL, a hash).
_WORD = re.compile(r"[^\W\d_]{2,64}")
# As PostgreSQL's search vector of a source (apps/search/migrations/0005_...).
SOURCE_TEXT_COUNTED = 250_000
BATCH = 300  # rows a statement: three parameters each, under SQLite's 999
KINDS_COUNTED = ("claim", "quote", "speaker", "source")


def words_of(*texts: str | None) -> set[str]:
    """The distinct words of `texts`, lower-cased."""
    return {word.casefold() for text in texts if text for word in _WORD.findall(text)}


def _batched(items: Iterable, size: int = BATCH):
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _columns(kind_name: str) -> list[str]:
    return [column for column, _ in KINDS[kind_name].columns]


def _public_words(kind_name: str, pks: list[int]) -> dict[int, set[str]]:
    """The words of those of these objects that are public (one or two queries)."""
    kind = KINDS[kind_name]
    columns = _columns(kind_name)
    found: dict[int, set[str]] = {}
    rows = kind.public().filter(pk__in=pks).order_by().values_list("pk", *columns)
    for pk, *texts in rows:
        if kind_name == "source":
            texts = [text[:SOURCE_TEXT_COUNTED] if text else text for text in texts]
        found[pk] = words_of(*texts)
    if kind_name == "speaker" and found:
        aliases = SpeakerAlias.objects.filter(speaker_id__in=list(found)).values_list(
            "speaker_id", "name"
        )
        for speaker_id, name in aliases:
            found[speaker_id] |= words_of(name)
    return found


def refresh(noted: Iterable[tuple[str, int]]) -> None:
    """Count these (kind, pk) objects again: add the words of those that are public now,
    take back what each had added before. A speaker's quotes are counted again with it
    (a quote is public only while its speaker is). Queries: a few per kind noted."""
    by_kind: dict[str, set[int]] = {}
    for kind_name, pk in noted:
        by_kind.setdefault(kind_name, set()).add(pk)
    if "speaker" in by_kind:
        quotes = Quote.objects.filter(speaker_id__in=by_kind["speaker"]).values_list(
            "pk", flat=True
        )
        by_kind.setdefault("quote", set()).update(quotes)
    delta: Counter = Counter()
    with transaction.atomic():
        for kind_name, pks in by_kind.items():
            pks = sorted(pks)
            now = _public_words(kind_name, pks)
            before = {
                object_id: set(words.split())
                for object_id, words in VocabularyDocument.objects.filter(
                    kind=kind_name, object_id__in=pks
                ).values_list("object_id", "words")
            }
            for pk in pks:
                old, new = before.get(pk, set()), now.get(pk, set())
                delta.update(dict.fromkeys(new - old, 1))
                delta.update(dict.fromkeys(old - new, -1))
            gone = [pk for pk in before if pk not in now]
            if gone:
                VocabularyDocument.objects.filter(kind=kind_name, object_id__in=gone).delete()
            changed = [pk for pk in now if now[pk] != before.get(pk)]
            _store_documents(kind_name, {pk: now[pk] for pk in changed})
        _apply(delta)


def _store_documents(kind_name: str, words: dict[int, set[str]]) -> None:
    table = VocabularyDocument._meta.db_table
    with connection.cursor() as cursor:
        for chunk in _batched(words.items()):
            cursor.execute(
                f"INSERT INTO {table} (kind, object_id, words) VALUES "
                + ", ".join(["(%s, %s, %s)"] * len(chunk))
                + " ON CONFLICT (kind, object_id) DO UPDATE SET words = excluded.words",
                [
                    value
                    for pk, found in chunk
                    for value in (kind_name, pk, " ".join(sorted(found)))
                ],
            )


def _apply(delta: Counter) -> None:
    """Add each word's change in document count; drop the words no public object holds."""
    table = VocabularyWord._meta.db_table
    changes = sorted((word, change) for word, change in delta.items() if change)
    if not changes:
        return
    with connection.cursor() as cursor:
        for chunk in _batched(changes):
            cursor.execute(
                f"INSERT INTO {table} (word, length, documents) VALUES "
                + ", ".join(["(%s, %s, %s)"] * len(chunk))
                + f" ON CONFLICT (word) DO UPDATE SET documents = {table}.documents"
                " + excluded.documents",
                [value for word, change in chunk for value in (word, len(word), change)],
            )
        if any(change < 0 for _, change in changes):
            cursor.execute(f"DELETE FROM {table} WHERE documents <= 0")


def rebuild(progress: Callable[[str, int, int], None] | None = None) -> int:
    """Count the whole public record afresh, replacing the vocabulary (idempotent); calls
    `progress(kind, done, total)` as it goes. Returns the number of words."""
    with transaction.atomic():
        VocabularyDocument.objects.all().delete()
        VocabularyWord.objects.all().delete()
        counts: Counter = Counter()
        for kind_name in KINDS_COUNTED:
            pks = list(KINDS[kind_name].public().order_by("pk").values_list("pk", flat=True))
            done = 0
            for chunk in _batched(pks, 500):
                found = _public_words(kind_name, chunk)
                for words in found.values():
                    counts.update(words)
                _store_documents(kind_name, found)
                done += len(chunk)
                if progress:
                    progress(kind_name, done, len(pks))
            if progress and not pks:
                progress(kind_name, 0, 0)
        _apply(counts)
    return len(counts)


# --- keeping it current ----------------------------------------------------------------


class _Refresh(CommitHook):
    """The objects one transaction wrote, counted again once after it commits."""

    def __init__(self):
        self.noted: set[tuple[str, int]] = set()
        self.done = False

    def __call__(self) -> None:
        self.done = True
        try:
            refresh(self.noted)
        except DatabaseError as error:
            # The write has committed; only the typo suggestions miss its words. Said in
            # one line, as the site says a database gone elsewhere (apps/ops/database.py).
            logger.error(
                "the search vocabulary was not updated after a write (%s); "
                "`manage.py rebuild_vocabulary` counts it again",
                describe(error),
            )


def note(kind_name: str, pk: int | None) -> None:
    """Count this object again once the current transaction commits (at once outside a
    transaction): one refresh a transaction, however many rows it writes; none if it rolls
    back."""
    if pk is None:
        return
    pending = waiting(_Refresh)
    # Not one that has run: a test may run a transaction's callbacks before its end.
    if pending is not None and not pending.done:
        pending.noted.add((kind_name, pk))
        return
    pending = _Refresh()
    pending.noted.add((kind_name, pk))
    # robust: a failure here is logged, never the writer's error (the write has committed;
    # rebuild_vocabulary mends the vocabulary).
    wait_for_commit(pending)


def _written(sender: type[Model], instance: Model, **kwargs) -> None:
    if sender is SpeakerAlias:
        note("speaker", instance.speaker_id)
    else:
        note(SENDERS[sender], instance.pk)


SENDERS: dict[type[Model], str] = {KINDS[name].model: name for name in KINDS_COUNTED}


def connect_receivers() -> None:
    from django.db.models.signals import post_delete, post_save

    for model in (*SENDERS, SpeakerAlias):
        uid = f"search-vocabulary:{model._meta.label}"
        post_save.connect(_written, sender=model, dispatch_uid=uid)
        post_delete.connect(_written, sender=model, dispatch_uid=uid)
