"""Existing claims get their embedding for claim matching (apps/claims/matching/semantic.py),
in batches; later claims get theirs from the services, and `manage.py embed_claims`
embeds again after a model change."""

from django.db import migrations
from django.utils import timezone

BATCH = 500


def embed_existing_claims(apps, schema_editor):
    from apps.claims.matching import semantic

    Claim = apps.get_model("claims", "Claim")
    ClaimEmbedding = apps.get_model("claims", "ClaimEmbedding")
    claims = Claim.objects.filter(embedding__isnull=True).order_by("pk")
    after = 0
    while batch := list(claims.filter(pk__gt=after).values_list("pk", "statement")[:BATCH]):
        vectors = semantic.quantise(semantic.embed([statement for _, statement in batch]))
        name, now = semantic.model_name(), timezone.now()
        ClaimEmbedding.objects.bulk_create(
            ClaimEmbedding(
                claim_id=pk, model=name, dims=semantic.INDEX_DIMS, vector=vector, embedded_at=now
            )
            for (pk, _), vector in zip(batch, vectors, strict=True)
        )
        after = batch[-1][0]


class Migration(migrations.Migration):
    dependencies = [("claims", "0007_claim_embeddings")]

    operations = [migrations.RunPython(embed_existing_claims, migrations.RunPython.noop)]
