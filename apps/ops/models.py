from django.db import models


class RateCount(models.Model):
    """How many requests one client made in its current window under one rate limit
    (apps/ops/ratelimit.py). Written with raw SQL only, one statement per request."""

    key = models.CharField(
        max_length=200, primary_key=True, help_text="The limit's scope and the client."
    )
    count = models.PositiveIntegerField(help_text="Requests counted in the current window.")
    # Seconds since the epoch: compared with the time of each request, never shown.
    window_ends = models.FloatField(
        db_index=True,  # the clean-up's `window_ends < now`
        help_text="When the current window ends and the count starts again (Unix time).",
    )

    class Meta:
        db_table = "factbase_rate_count"

    def __str__(self):
        return f"{self.key}: {self.count}"


class ReaderKeyToken(models.Model):
    """The current token of one reader key (apps/core/reader_keys.py): a cached response
    stored with the tokens of the keys it showed is fresh while they are all unchanged
    (apps/ops/staleness.py). A write readers can see gives its keys new random tokens. Rows
    are never deleted: a key with no row has never changed, and a row that came back with
    an old token could make an old response look fresh."""

    key = models.CharField(max_length=200, primary_key=True, help_text="A reader key.")
    token = models.CharField(max_length=32, help_text="Random; new at each change.")

    class Meta:
        db_table = "factbase_reader_key"

    def __str__(self):
        return f"{self.key}: {self.token}"
