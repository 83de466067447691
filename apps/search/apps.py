from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SearchConfig(AppConfig):
    name = "apps.search"

    def ready(self):
        from apps.search.sqlite_schema import ensure_sqlite_search_schema

        # Django rebuilds an SQLite table to alter it, which drops the triggers that keep
        # the FTS5 index current; re-creating them after every migrate keeps them there.
        post_migrate.connect(ensure_sqlite_search_schema, sender=self)

        from apps.search.vocabulary import connect_receivers

        # The vocabulary typo correction draws on follows every write to what is searched.
        connect_receivers()
