"""Claims retracted before retractions were recorded as corrections get their record: a
Correction of kind retraction, dated and worded as the claim's history says (the reason
there may have been cut to 100 characters)."""

from django.db import migrations

PREFIX = "Retracted: "


def record_retractions(apps, schema_editor):
    Claim = apps.get_model("claims", "Claim")
    Correction = apps.get_model("claims", "Correction")
    HistoricalClaim = apps.get_model("claims", "HistoricalClaim")
    for claim in Claim.objects.filter(status="retracted"):
        if Correction.objects.filter(claim=claim, kind="retraction").exists():
            continue
        moved = (
            HistoricalClaim.objects.filter(id=claim.pk, status="retracted")
            .order_by("history_date")
            .first()
        )
        reason = (moved.history_change_reason or "") if moved else ""
        note = reason[len(PREFIX) :] if reason.startswith(PREFIX) else reason
        Correction.objects.create(
            claim=claim,
            kind="retraction",
            date=(moved.history_date if moved else claim.updated_at).date(),
            note=note or "Retracted (no reason was recorded).",
            rating_before=claim.rating,
            rating_after=None,
        )


class Migration(migrations.Migration):
    dependencies = [("claims", "0005_reviewed_changes")]

    operations = [migrations.RunPython(record_retractions, migrations.RunPython.noop)]
