"""A base for the callables that keep state and run after a commit
(`transaction.on_commit(hook, robust=True)`).

Django logs a robust hook's exception by the hook's `__qualname__`
(`BaseDatabaseWrapper.run_and_clear_commit_hooks`), which a function has and an instance
does not. So a hook instance that raised (its database gone between the commit and the
hook, as the PostgreSQL restart fault test found) raised AttributeError in its place, out
of the request, as a 500 for a write that had committed. A hook that subclasses this
answers with its class's name, and its error is logged as Django means to.

A hook gathers what one transaction changed: `waiting` finds the one the transaction has
(to add to it), `wait_for_commit` registers a new one.
"""

from django.db import transaction


class CommitHook:
    def __getattr__(self, name: str):
        if name == "__qualname__":
            return type(self).__qualname__
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")


# Where each waiting hook stands in its connection's `run_on_commit`, by (class, savepoints):
# so that a transaction of n writes, each asking for its hook, does not read a list that
# grows with n at every write (a claim per savepoint adds a hook per claim: the list scans
# were quadratic, about a tenth of writing 2,567 claims in one transaction).
_WHERE = "_factbase_waiting_hooks"


def waiting(kind: type[CommitHook], *, this_savepoint: bool = False) -> CommitHook | None:
    """The hook of class `kind` that the current transaction has waiting for its commit
    (registered in the current savepoint if `this_savepoint`), or None: none, or no
    transaction. Only hooks registered by `wait_for_commit` are found."""
    db = transaction.get_connection()
    if not db.in_atomic_block:
        return None
    hooks = db.run_on_commit
    where = _where(db)
    if not hooks:
        where.clear()
        return None
    key = _key(db, kind, this_savepoint)
    found = where.get(key)
    if found is None:
        return None
    index, hook = found
    if index < len(hooks) and hooks[index][1] is hook:
        return hook
    # Gone: run by a commit, or dropped by a rollback. A savepoint's rollback drops the
    # hooks registered since the savepoint began, the end of the list: a hook that is
    # still there has not moved.
    del where[key]
    return None


def wait_for_commit(hook: CommitHook, *, this_savepoint: bool = False) -> None:
    """Run `hook` once the current transaction commits (at once outside a transaction),
    robustly, and remember it for `waiting`."""
    transaction.on_commit(hook, robust=True)
    db = transaction.get_connection()
    if db.in_atomic_block:
        _where(db)[_key(db, type(hook), this_savepoint)] = (len(db.run_on_commit) - 1, hook)


def _where(db) -> dict:
    return db.__dict__.setdefault(_WHERE, {})


def _key(db, kind: type[CommitHook], this_savepoint: bool) -> tuple:
    return (kind, frozenset(db.savepoint_ids) if this_savepoint else None)
