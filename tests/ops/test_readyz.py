"""/readyz: the database answers and every migration is applied."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder


def test_readyz_answers_ok_when_database_and_migrations_are_ready(client, db):
    response = client.get("/readyz")

    assert (response.status_code, response.json()) == (
        200,
        {"status": "ok", "checks": {"database": {"status": "ok"}, "migrations": {"status": "ok"}}},
    )


def test_readyz_answers_503_when_migrations_are_missing(client, db):
    # As if the code were deployed before `migrate` ran: forget one applied leaf migration.
    app_label, name = sorted(MigrationExecutor(connection).loader.graph.leaf_nodes())[0]
    MigrationRecorder.Migration.objects.filter(app=app_label, name=name).delete()

    response = client.get("/readyz")

    assert (response.status_code, response.json()) == (
        503,
        {
            "status": "unavailable",
            "checks": {
                "database": {"status": "ok"},
                "migrations": {
                    "status": "failed",
                    "detail": f"1 migration not applied: {app_label}.{name}",
                },
            },
        },
    )


def test_readyz_lists_at_most_five_missing_migrations(client, db):
    MigrationRecorder.Migration.objects.all().delete()
    plan_size = len(
        MigrationExecutor(connection).migration_plan(
            MigrationExecutor(connection).loader.graph.leaf_nodes()
        )
    )

    detail = client.get("/readyz").json()["checks"]["migrations"]["detail"]

    prefix = f"{plan_size} migrations not applied: "
    assert (detail.startswith(prefix), detail.count(", "), detail.endswith(", …")) == (
        True,
        5,
        True,
    )


def test_readyz_is_not_logged_as_a_server_error(client, db, log_output):
    MigrationRecorder.Migration.objects.all().delete()

    client.get("/readyz")

    assert [r for r in log_output.records() if r["level"] == "ERROR"] == []
