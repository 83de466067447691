"""A source of any size under the import limit can be stored on PostgreSQL: its search
vector reads a bounded part of its text (apps/search/migrations/0005)."""

import random
import string

import pytest

from apps.search.selectors import text_match
from apps.sources.models import Source
from apps.sources.services import source_create

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.postgres(reason="SQLite's FTS5 index has no size limit"),
]


def _words(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choices(string.ascii_lowercase, k=9)) for _ in range(count)]


def test_a_source_whose_text_has_a_vast_vocabulary_is_stored_and_searched():
    # 1.5 MB of distinct words: whole, its vector would pass PostgreSQL's 1 MB limit.
    words = _words(150_000, seed=15)
    source = source_create(title="Transcript", text=" ".join(words))

    found = set(Source.objects.filter(text_match("source", words[10])).values_list("pk", flat=True))
    past_the_bound = set(
        Source.objects.filter(text_match("source", words[-10])).values_list("pk", flat=True)
    )
    assert (found, past_the_bound) == ({source.pk}, set())
