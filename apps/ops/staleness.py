"""What a cached response depends on, and which writes make it stale.

A response is made of rows, and of sets of rows (a list, a search, a feed). Each has a
reader key (apps/core/reader_keys.py): `claim:12`, `claim:*`. This module keeps, for each
key, a token (`ReaderKeyToken`) that changes whenever a write readers can see changes what
the key names; a cached response is stored with the tokens of its keys, and is fresh while
they are all unchanged (apps/ops/response_cache.py).

Reading: while a view renders, every curated row it loads notes its key (a `post_init`
receiver, so no view has to list them), and the view's declaration adds the sets it shows
(`declare`, called by the web and API apps at start-up): a list of claims adds `claim:*`. A
view that declares nothing depends on `any`, which every visible write changes.

Writing: `post_save`, `post_delete` and `m2m_changed` receivers ask the row what its change
makes stale (`reader_keys()`, the models' rule), before and after the write; a write that
readers cannot see — a draft, an in-review claim, a proposal, an import job — names nothing
and makes nothing stale. The keys a transaction names are given new tokens in one
transaction after it commits, together with the generation, a token of the whole cache that
any of those bumps changes: a response stored under the current generation is fresh without
looking at its keys, which is what makes most hits one query. Writes that send no signal
(bulk_create, update(), COPY, fixtures loaded raw) call `everything_changed()`, or stay
invisible to readers (the imports, which write drafts).

Why no reader can store an old answer under new tokens: a response is stored with the
generation read before its view ran, and only if the generation read after its tokens is
still the same; tokens and generation change in one transaction, after the write's commit.
So a reader that read its tokens after a bump sees the new generation and stores nothing,
and one that read them before stored tokens the bump has since changed.
"""

import logging
import secrets
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from itertools import islice

from django.apps import apps
from django.core.cache import caches
from django.db import DatabaseError, connection, transaction
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_init,
    post_save,
    pre_delete,
    pre_save,
)

from apps.core.commit_hooks import CommitHook, wait_for_commit, waiting
from apps.core.reader_keys import ANY, EVERYTHING, every, key, keys, rows_touched
from apps.ops.database import describe
from apps.ops.models import ReaderKeyToken
from apps.ops.purge import purge

logger = logging.getLogger(__name__)

CACHE_ALIAS = "responses"
# '~' sorts after every response key ('r:…'): DatabaseCache culls the lowest keys first,
# so the generation is the last entry a full table would lose (losing it only empties the
# cache).
GENERATION_KEY = "~generation"
# The apps whose rows the public pages and API show. Not auth: readers are never shown a
# user, and every sign-in saves one (last_login).
CURATED_APPS = ("topics", "speakers", "sources", "quotes", "claims", "ingest")
BATCH = 400  # keys a statement: well under SQLite's 999 parameters in one IN (...)


def _batched(items: list, size: int):
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def response_cache():
    return caches[CACHE_ALIAS]


# --- writing -------------------------------------------------------------------------


class _Bump(CommitHook):
    """The keys one transaction changed, given new tokens once after it commits."""

    def __init__(self, keys: set[str]):
        self.keys = keys

    def __call__(self) -> None:
        bump(self.keys)


def changed(keys: Iterable[str]) -> None:
    """Make the responses that show these keys stale once the current transaction commits
    (at once outside a transaction). A rolled back transaction bumps nothing."""
    keys = set(keys)
    if not keys:
        return
    keys.add(ANY)
    pending = waiting(_Bump)
    if pending is not None:
        pending.keys |= keys
    else:
        wait_for_commit(_Bump(keys))


def everything_changed() -> None:
    """Make every cached response stale once the current transaction commits: for writes
    that do not say what they changed (COPY, bulk loads, fixtures)."""
    changed({EVERYTHING})


def _everything_pending() -> bool:
    """Whether this transaction already makes everything stale: then there is no need to
    work out what each of its rows changes (a dump's load saves every row)."""
    pending = waiting(_Bump)
    return pending is not None and EVERYTHING in pending.keys


def bump(keys: Iterable[str]) -> None:
    """New tokens for `keys` and a new generation, in one transaction. Sorted, so that two
    bumps lock their rows in one order."""
    table = connection.ops.quote_name(ReaderKeyToken._meta.db_table)
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            for chunk in _batched(sorted(keys), BATCH):
                rows = [(name, secrets.token_hex(8)) for name in chunk]
                cursor.execute(
                    f"INSERT INTO {table} (key, token) VALUES "
                    + ", ".join(["(%s, %s)"] * len(rows))
                    + " ON CONFLICT (key) DO UPDATE SET token = excluded.token",
                    [value for row in rows for value in row],
                )
            response_cache().set(GENERATION_KEY, secrets.token_hex(16), timeout=None)
    except DatabaseError as error:
        # The write itself is committed; cached responses stay until RESPONSE_CACHE_TTL.
        logger.error("could not make cached responses stale after a write: %s", describe(error))
        return
    purge(keys)


def _keys_of(instance) -> set[str]:
    reader_keys = getattr(instance, "reader_keys", None)
    return set(reader_keys()) if reader_keys is not None else {ANY}


def _before_save(sender, instance, raw=False, **kwargs) -> None:
    if raw or _everything_pending():
        return
    stored = None
    if instance.pk is not None:
        stored = sender._base_manager.filter(pk=instance.pk).first()
    instance._reader_keys_before = _keys_of(stored) if stored is not None else set()


def _after_save(sender, instance, raw=False, **kwargs) -> None:
    if raw:  # a fixture: its related rows may not be loaded yet
        everything_changed()
        return
    before = instance.__dict__.pop("_reader_keys_before", set())
    if _everything_pending():
        return
    changed(before | _keys_of(instance))


def _before_delete(sender, instance, **kwargs) -> None:
    if not _everything_pending():
        instance._reader_keys_before = _keys_of(instance)


def _after_delete(sender, instance, **kwargs) -> None:
    changed(instance.__dict__.pop("_reader_keys_before", set()))


def _rows_touched(sender, ids, **kwargs) -> None:
    """Rows whose `updated_at` moved without a save: stale where readers see them."""
    if _everything_pending():
        return
    rows = sender._default_manager
    if hasattr(rows, "on_record"):
        rows = rows.on_record()
    elif hasattr(rows, "public"):
        rows = rows.public()
    seen = list(rows.filter(pk__in=ids).values_list("pk", flat=True))
    if seen:
        changed(keys(sender, seen) | {every(sender)})


def _link_changed(sender, instance, action, model, pk_set, **kwargs) -> None:
    """A many-to-many link (a claim's topics) shows while readers see both of its ends."""
    if action in ("pre_add", "pre_remove", "pre_clear"):
        if not _everything_pending():
            instance._reader_links_before = _link_keys(sender, instance, model, pk_set)
    elif action in ("post_add", "post_remove", "post_clear"):
        before = instance.__dict__.pop("_reader_links_before", set())
        if not _everything_pending():
            changed(before | _link_keys(sender, instance, model, pk_set))


def _link_keys(sender, instance, model, pk_set) -> set[str]:
    own = _keys_of(instance)
    if not own:
        return set()
    if pk_set is None:  # a clear: the rows linked now
        ends = {f.related_model: f.attname for f in sender._meta.fields if f.many_to_one}
        pk_set = sender._base_manager.filter(**{ends[type(instance)]: instance.pk}).values_list(
            ends[model], flat=True
        )
    others = set()
    for other in model._base_manager.filter(pk__in=list(pk_set)):
        others |= _keys_of(other)
    return own | others if others else set()


# --- reading -------------------------------------------------------------------------

_shown: ContextVar[set[str] | None] = ContextVar("reader_keys_shown", default=None)
Declaration = Iterable[str] | Callable[..., Iterable[str]]
_declared: dict[str, Declaration] = {}


@contextmanager
def noting_keys():
    """The keys of the curated rows loaded inside the block (a set, filled as they load)."""
    shown: set[str] = set()
    reset = _shown.set(shown)
    try:
        yield shown
    finally:
        _shown.reset(reset)


def _loaded(sender, instance, **kwargs) -> None:
    shown = _shown.get()
    if shown is not None and instance.pk is not None:
        shown.add(key(sender, instance.pk))


def note_shown(keys_shown: Iterable[str]) -> None:
    """Note sets of rows a view shows that its declaration leaves out, because it shows
    them only on some requests (a claim's page that matches its statement on the visit
    shows claims from all of them: `every(Claim)`)."""
    shown = _shown.get()
    if shown is not None:
        shown.update(keys_shown)


def note_rows(model, pks: Iterable) -> None:
    """Note rows read without making instances (apps/api/serializers/rows.py), as loading
    them would have."""
    shown = _shown.get()
    if shown is not None:
        shown.update(keys(model, pks))


def declare(view_name: str, keys: Declaration) -> None:
    """What the view named `view_name` ("web:claim-list") shows beyond the rows it loads:
    the sets of rows (`every(Claim)`), as a list of keys or a function of the request that
    returns them."""
    _declared[view_name] = keys


def declared(view_name: str, request) -> set[str]:
    declaration = _declared.get(view_name)
    if declaration is None:
        return {ANY}
    return set(declaration(request) if callable(declaration) else declaration)


def tokens(keys: Iterable[str]) -> dict[str, str | None]:
    """The current token of each key; None for a key that has never changed.

    In SQL written once, not through a queryset: every miss the cache stores reads the
    tokens of all it shows (some 60 keys for a page of quotes), and compiling
    `filter(key__in=…)` each time was two thirds of the read (bench/README.md, "Storing a
    miss"). On PostgreSQL the keys go as one array, on SQLite as a list of parameters."""
    keys = sorted(set(keys))
    found: dict[str, str | None] = dict.fromkeys(keys)
    quote = connection.ops.quote_name
    select = (
        f"SELECT {quote('key')}, {quote('token')} FROM {quote(ReaderKeyToken._meta.db_table)} "
        f"WHERE {quote('key')}"
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"{select} = ANY(%s)", [keys])
            found.update(cursor.fetchall())
        else:
            for chunk in _batched(keys, BATCH):
                cursor.execute(f"{select} IN ({', '.join(['%s'] * len(chunk))})", chunk)
                found.update(cursor.fetchall())
    return found


# --- start-up ------------------------------------------------------------------------


def connect_receivers() -> None:
    """Connected per curated model (their history rows are written with them, so the
    historical models need none, and derived rows that readers never see as they are,
    marked `derived_data`, neither), so that other models keep Django's fast deletes."""
    rows_touched.connect(_rows_touched, dispatch_uid="staleness:touched")
    for label in CURATED_APPS:
        for model in apps.get_app_config(label).get_models():
            if model.__name__.startswith("Historical") or getattr(model, "derived_data", False):
                continue
            uid = f"staleness:{model._meta.label}"
            pre_save.connect(_before_save, sender=model, dispatch_uid=uid)
            post_save.connect(_after_save, sender=model, dispatch_uid=uid)
            post_init.connect(_loaded, sender=model, dispatch_uid=uid)
            pre_delete.connect(_before_delete, sender=model, dispatch_uid=uid)
            post_delete.connect(_after_delete, sender=model, dispatch_uid=uid)
            for field in model._meta.local_many_to_many:
                m2m_changed.connect(
                    _link_changed,
                    sender=field.remote_field.through,
                    dispatch_uid=f"{uid}:{field.name}",
                )
