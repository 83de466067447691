"""A base for the callables that keep state and run after a commit
(`transaction.on_commit(hook, robust=True)`).

Django logs a robust hook's exception by the hook's `__qualname__`
(`BaseDatabaseWrapper.run_and_clear_commit_hooks`), which a function has and an instance
does not. So a hook instance that raised (its database gone between the commit and the
hook, as the PostgreSQL restart fault test found) raised AttributeError in its place, out
of the request, as a 500 for a write that had committed. A hook that subclasses this
answers with its class's name, and its error is logged as Django means to.
"""


class CommitHook:
    def __getattr__(self, name: str):
        if name == "__qualname__":
            return type(self).__qualname__
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
