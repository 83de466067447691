"""Search's own tables: the vocabulary that typo correction draws on (apps/search/typos.py).

The full-text indexes themselves live beside the tables they index (a generated
`search_vector` column on PostgreSQL, FTS5 tables on SQLite: see apps/search/sqlite_schema.py).
The vocabulary is kept by apps/search/vocabulary.py, never by editors.
"""

from django.db import models


class VocabularyWord(models.Model):
    """A word of the public record (lower case, letters only) and how many public objects
    hold it: the candidates a misspelt query word may be corrected to."""

    word = models.CharField(max_length=64, unique=True)
    # Candidates are looked up by length first: a word within the typo budget is at most two
    # letters longer or shorter (see Meta.indexes).
    length = models.PositiveSmallIntegerField()
    # Not a PositiveIntegerField: a delta is applied in one upsert and may pass below zero
    # for an instant; rows at zero or below are deleted in the same transaction.
    documents = models.IntegerField(help_text="How many public objects hold the word.")

    class Meta:
        ordering = ["word"]
        indexes = [
            # Covering: SQLite reads every word of a near length for its candidates
            # (apps/search/typos.py) from the index alone. At 35,000 words (25,000 of a
            # near length), finding a correction took 134 ms through the table, 64 ms so.
            models.Index(fields=["length", "word", "documents"], name="search_vocabulary_length")
        ]

    def __str__(self):
        return f"{self.word} ({self.documents})"


class VocabularyDocument(models.Model):
    """The words one public object adds to the vocabulary, as last counted: what to take
    back when it is unpublished, edited or deleted."""

    kind = models.CharField(max_length=16)
    object_id = models.PositiveBigIntegerField()
    words = models.TextField(help_text="Its distinct words, space-separated.")

    class Meta:
        ordering = ["kind", "object_id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_vocabulary_document")
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id}"
