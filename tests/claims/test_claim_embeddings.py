"""Claims' embeddings for claim matching (apps/claims/matching/semantic.py): written by the
services that write a statement, read by each process's index, and made by a model that
never downloads anything."""

import socket
from datetime import timedelta
from io import StringIO

import numpy as np
import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from apps.claims import editing
from apps.claims.matching import scan, semantic
from apps.claims.models import Claim, ClaimEmbedding
from apps.claims.services import claim_create, claims_import
from tests.factories import ClaimFactory, arranged

MOSCOW = "Moscow refuses to aid Tehran"
RUSSIA = "Russia won't help Iran"


def _vector(claim: Claim) -> bytes:
    return bytes(ClaimEmbedding.objects.get(claim=claim).vector)


def test_claim_create_stores_the_embedding_of_the_statement(db):
    claim = claim_create(statement=MOSCOW)

    stored = ClaimEmbedding.objects.get(claim=claim)
    assert (stored.model, stored.dims, bytes(stored.vector)) == (
        semantic.model_name(),
        semantic.INDEX_DIMS,
        semantic.quantise(semantic.embed([MOSCOW]))[0],
    )


def test_a_statement_edit_embeds_the_claim_again(db):
    claim = claim_create(statement="Wheat exports doubled in 2024.")

    editing.claim_edit(claim=claim, statement=MOSCOW)

    assert _vector(claim) == semantic.quantise(semantic.embed([MOSCOW]))[0]


def test_claims_import_embeds_every_imported_claim(db):
    claims = [
        Claim(statement=MOSCOW, slug="moscow", status=Claim.Status.IN_REVIEW),
        Claim(statement=RUSSIA, slug="russia", status=Claim.Status.IN_REVIEW),
    ]

    claims_import(claims=claims, citations=[], reason="test import")

    assert sorted(ClaimEmbedding.objects.values_list("claim_id", flat=True)) == sorted(
        claim.pk for claim in claims
    )


def test_a_new_claim_is_found_by_an_index_loaded_before_it_was_written(db):
    index = semantic.ClaimIndex()  # another process's, loaded before the claim existed
    claim_create(statement="Wheat exports doubled in 2024.")
    index.refresh()

    claim = claim_create(statement=MOSCOW)

    assert index.nearest(semantic.embed([RUSSIA])[0], 1) == [claim.pk]


def test_an_index_reads_a_claim_whose_transaction_committed_long_after_it_was_embedded(
    db, monkeypatch, django_capture_on_commit_callbacks
):
    index = semantic.ClaimIndex()
    index.refresh()
    an_hour_ago = timezone.now() - timedelta(hours=1)

    # Written an hour before its transaction commits (a ClaimReview file is one transaction).
    with (
        django_capture_on_commit_callbacks(execute=True),
        transaction.atomic(),
        monkeypatch.context() as patched,
    ):
        patched.setattr(timezone, "now", lambda: an_hour_ago)
        claim = claim_create(statement=MOSCOW)

    assert index.nearest(semantic.embed([RUSSIA])[0], 1) == [claim.pk]


def test_an_index_takes_a_changed_statement_and_an_older_claim_embedded_late(db):
    first, second, third = (
        claim_create(statement=text) for text in ("Wheat is a grass.", RUSSIA, "Tea is a leaf.")
    )
    ClaimEmbedding.objects.filter(claim=first).delete()
    index = semantic.ClaimIndex()
    index.refresh()

    editing.claim_edit(claim=third, statement="Barley harvest failed.")
    semantic.claims_embed([first])

    found = {
        text: index.nearest(semantic.embed([text])[0], 1)[0]
        for text in ("Wheat is a grass.", "Barley harvest failed.", MOSCOW)
    }
    assert (found, len(index)) == (
        {"Wheat is a grass.": first.pk, "Barley harvest failed.": third.pk, MOSCOW: second.pk},
        3,
    )


def test_an_index_that_searched_before_a_statement_changed_finds_the_new_statement(db):
    tea = claim_create(statement="Tea is a leaf.")
    claim_create(statement=RUSSIA)  # nearer MOSCOW than the old statement, not the new
    index = semantic.ClaimIndex()
    index.nearest(semantic.embed([MOSCOW])[0], 1)  # the vectors packed for the scan

    editing.claim_edit(claim=tea, statement=MOSCOW)

    assert index.nearest(semantic.embed([MOSCOW])[0], 1) == [tea.pk]


def test_an_index_holds_140_bytes_a_claim(db):
    with arranged():
        claims = ClaimFactory.create_batch(100)
    semantic.claims_embed(claims)
    index = semantic.ClaimIndex()

    index.refresh()

    assert (len(index), index.nbytes) == (100, 100 * (8 + semantic.INDEX_DIMS + 4))


def test_embed_claims_embeds_the_claims_without_an_embedding_once(db):
    with arranged():
        claim = ClaimFactory(statement=MOSCOW)

    call_command("embed_claims", stdout=StringIO())
    call_command("embed_claims", stdout=StringIO())

    assert list(ClaimEmbedding.objects.values_list("claim_id", "model")) == [
        (claim.pk, semantic.model_name())
    ]


def test_embed_claims_embeds_again_what_another_model_embedded(db):
    claim = claim_create(statement=MOSCOW)
    ClaimEmbedding.objects.filter(claim=claim).update(model="old-model", vector=b"\0" * 128)

    call_command("embed_claims", stdout=StringIO())

    assert (ClaimEmbedding.objects.get().model, _vector(claim)) == (
        semantic.model_name(),
        semantic.quantise(semantic.embed([MOSCOW]))[0],
    )


def test_embeddings_make_no_cached_response_stale(db):
    claim = claim_create(statement=MOSCOW)

    assert ClaimEmbedding.objects.get(claim=claim).reader_keys() == set()


def test_claim_cosines_read_a_held_claim_from_the_index_without_the_model(db, monkeypatch):
    claim = claim_create(statement=MOSCOW)
    query = semantic.embed([RUSSIA])[0]
    semantic.claim_index().refresh()
    expected = semantic.claim_index().cosines([claim.pk], query)[0]

    def refuse(texts):
        raise AssertionError(f"the model was asked to embed {texts}")

    monkeypatch.setattr(semantic, "embed", refuse)

    # The statement given is not read: the index's vector is the claim's.
    assert semantic.claim_cosines([(claim.pk, "anything")], query)[0] == expected


def test_claim_cosines_embed_a_claim_the_index_does_not_hold_as_it_would_be_stored(db):
    held = claim_create(statement=MOSCOW)
    semantic.claim_index().refresh()
    query = semantic.embed([RUSSIA])[0]

    cosines = semantic.claim_cosines([(held.pk, MOSCOW), (held.pk + 1000, MOSCOW)], query)

    assert cosines[1] == pytest.approx(cosines[0], abs=1e-6)


def test_the_index_scores_a_claim_it_does_not_hold_as_nan(db):
    claim = claim_create(statement=MOSCOW)
    index = semantic.ClaimIndex()
    index.refresh()

    cosines = index.cosines([claim.pk + 1, claim.pk], semantic.embed([RUSSIA])[0])

    assert (bool(np.isnan(cosines[0])), 0.45 < cosines[1] < 0.85) == (True, True)


def test_the_model_loads_without_the_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the model tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(semantic, "_model", None)

    vectors = semantic.embed([RUSSIA, MOSCOW])

    assert (vectors.shape, round(float(np.linalg.norm(vectors[0])), 4)) == (
        (2, semantic.FULL_DIMS),
        1.0,
    )


@pytest.mark.parametrize(
    ("cosine", "rescaled"), [(1.0, 1.0), (0.85, 1.0), (0.525, 0.5), (0.1, 0.0)]
)
def test_rescaled_cosine_maps_unrelated_to_0_and_the_same_sentence_to_1(cosine, rescaled):
    assert float(semantic.rescaled_cosine(np.array([cosine]))[0]) == pytest.approx(rescaled)


def test_warm_up_loads_this_databases_index_before_any_match(db):
    claims = [claim_create(statement=statement) for statement in (MOSCOW, RUSSIA)]
    semantic.forget_indexes()  # as a new worker: nothing loaded

    assert (semantic.warm_up(), len(semantic.claim_index())) == (True, len(claims))


def test_warm_up_packs_the_index_so_that_no_search_packs_it(db, monkeypatch):
    claim_create(statement=MOSCOW)
    semantic.forget_indexes()
    semantic.warm_up()
    packed = []
    monkeypatch.setattr(scan.numkong, "dots_pack", lambda rows: packed.append(rows))

    semantic.claim_index().nearest(semantic.embed([RUSSIA])[0], 5)

    assert packed == []


def test_warm_up_loads_nothing_when_matching_by_meaning_is_off(db, settings):
    claim_create(statement=MOSCOW)
    semantic.forget_indexes()
    settings.CLAIM_MATCHING_SEMANTIC_WEIGHT = 0

    assert (semantic.warm_up(), len(semantic.claim_index())) == (False, 0)


def _sorted_top(scores: np.ndarray, ids: np.ndarray, k: int) -> list[int]:
    return np.lexsort((ids, -scores))[:k].tolist()


@pytest.mark.parametrize("size", [3, 50, 200, 5_000, 40_000])
def test_the_nearest_are_the_exact_top_k_highest_first_ties_by_id(size):
    # Many scores tied at the top, as duplicate statements' vectors are: the floor read
    # from a sample must not cut any of them off, nor break ties by position.
    scores = np.random.default_rng(size).standard_normal(size).astype(np.float32)
    scores[::7] = scores.max()
    ids = np.arange(size, dtype=np.int64)[::-1].copy()  # the lower ids last

    assert scan.top_k(scores, ids, 50).tolist() == _sorted_top(scores, ids, 50)


def test_the_nearest_are_exact_when_few_scores_reach_the_sampled_floor():
    # Every sampled score is the highest: the floor lets through fewer than k.
    scores = np.zeros(10_000, dtype=np.float32)
    scores[:: scan.SAMPLE_STRIDE] = 1.0
    ids = np.arange(len(scores), dtype=np.int64)

    assert scan.top_k(scores, ids, 500).tolist() == _sorted_top(scores, ids, 500)


def test_the_nearest_of_many_texts_at_once_are_the_nearest_of_each(db, monkeypatch):
    monkeypatch.setattr(semantic, "QUERY_GROUP", 2)  # groups, and a group left over
    monkeypatch.setattr(scan, "BLOCK", 2)  # blocks of the index
    for text in ("Wheat is a grass.", RUSSIA, "Tea is a leaf.", "Barley harvest failed."):
        claim_create(statement=text)
    index = semantic.ClaimIndex()
    vectors = semantic.embed([MOSCOW, "Barley is a grass.", "Tea leaves.", RUSSIA, "Wheat."])

    assert index.nearest_each(vectors, 3) == [index.nearest(vector, 3) for vector in vectors]
