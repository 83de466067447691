"""Filling in the words of passages anchored before anchoring kept them (`found_passage`):
the data step of migrations `quotes.0004` and `claims.0012`, one per kind of passage."""

from django.db.models import OuterRef, Subquery
from django.db.models.functions import Substr


def keeping_found_passages(app_label: str, model_name: str):
    """A RunPython function that sets each found passage's words, cut once from its
    source's text by the database, for the passages of `app_label.model_name`."""

    def keep_found_passages(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            # One statement over every passage: about 45 s at 1.3 million, past the web's
            # DB_STATEMENT_TIMEOUT, which a `migrate` run by hand would otherwise keep.
            schema_editor.execute("SET LOCAL statement_timeout = 0")
        passages = apps.get_model(app_label, model_name)
        sources = apps.get_model("sources", "Source")
        words = sources.objects.filter(pk=OuterRef("source_id")).values(
            cut=Substr("text", OuterRef("start") + 1, OuterRef("end") - OuterRef("start"))
        )
        passages.objects.exclude(match="not_found").update(found_passage=Subquery(words[:1]))

    return keep_found_passages
