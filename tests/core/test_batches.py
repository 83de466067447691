"""apps/core/batches.py: long work a batch at a time, each batch its own transaction."""

import pytest

from apps.core.batches import in_batches
from apps.topics.models import Topic
from tests.factories import TopicFactory, arranged


def test_every_row_is_done_once_with_the_progress_after_each_batch(db):
    TopicFactory.create_batch(5)
    seen, progress = [], []

    done = in_batches(
        Topic.objects.order_by("pk").values_list("pk", flat=True),
        2,
        seen.extend,
        progress=lambda done, total: progress.append((done, total)),
    )

    assert (done, sorted(seen), progress) == (
        5,
        sorted(Topic.objects.values_list("pk", flat=True)),
        [(2, 5), (4, 5), (5, 5)],
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_failing_batch_keeps_the_batches_done_before_it():
    TopicFactory.create_batch(4)

    def rename(batch):
        with arranged():
            Topic.objects.filter(pk__in=batch).update(description="done")
        if Topic.objects.filter(description="done").count() > 2:
            raise RuntimeError("stopped")

    with pytest.raises(RuntimeError, match="stopped"):
        in_batches(Topic.objects.order_by("pk").values_list("pk", flat=True), 2, rename)

    assert Topic.objects.filter(description="done").count() == 2
