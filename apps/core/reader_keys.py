"""Reader keys: names for the things a reader's page or API answer is made of.

A cached response remembers the keys of what it showed (apps/ops/response_cache.py); a
write that readers can see makes stale exactly the keys it changes, so only the responses
holding one of them are made again. The names:

- `claim:12` — one row (its model's name and primary key). Every page that showed the row
  depends on it, and so does every page whose content the row changes without the page
  loading it: a quote's speaker's page lists it, so a quote's change names `speaker:<id>`.
- `claim:*` — the set of rows of a kind readers see, and their order: the lists, searches,
  feeds and sitemap of that kind depend on it.
- `any` — any change readers can see: what a view has not said it depends on.
- `all` — everything, for writes that do not say what they changed (COPY, fixtures).

Each curated model says what a change to one of its rows makes stale (`reader_keys()` on
TimeStampedModel and its overrides): nothing when readers cannot see the row (a draft, a
proposal, an import job), otherwise the row's key, its kind's `*` and the keys of the pages
it shows on. The rules live with the models, next to their `public()` querysets.
"""

from collections.abc import Iterable

from django.dispatch import Signal

ANY = "any"
EVERYTHING = "all"


def key(model, pk) -> str:
    """The key of one row: `key(Claim, 12)` is "claim:12"."""
    return f"{model._meta.model_name}:{pk}"


def keys(model, pks: Iterable) -> set[str]:
    """The keys of the rows of `model` with these primary keys (None skipped)."""
    return {key(model, pk) for pk in pks if pk is not None}


def every(model) -> str:
    """The key of the set of `model`'s rows that readers see: "claim:*"."""
    return f"{model._meta.model_name}:*"


# Sent by the writes that move a row's `updated_at` with `update()`, which sends no
# post_save (apps/core/sync.py, AnchoredPassage.touch_owners): the API shows that time,
# and lists filtered by it (`updated_since`) may now hold the row. `ids` are the rows'
# primary keys; apps/ops/staleness.py makes those readers see stale.
rows_touched = Signal()


def touched(model, ids) -> None:
    """Announce that these rows of `model` (primary keys: a list, or a query of them)
    changed without a save."""
    rows_touched.send(sender=model, ids=ids)
