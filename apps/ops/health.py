"""Readiness checks: can this process serve requests right now?

Each check returns None when it passes, or a short reason when it fails. The reasons are
served to anyone who asks /readyz, so they name what failed but not the database's host
or the driver's message; those go to the log.
"""

import logging

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

from apps.ops.database import DATABASE_ERRORS, describe

logger = logging.getLogger("factbase.health")


def database_problem(alias: str = DEFAULT_DB_ALIAS) -> str | None:
    """Runs `SELECT 1`; connecting is bounded by the database's `connect_timeout`."""
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
    except DATABASE_ERRORS as error:
        logger.warning("Readiness: database %r cannot be reached (%s)", alias, describe(error))
        return f"cannot be reached ({type(error).__name__})"
    return None


def migrations_problem(alias: str = DEFAULT_DB_ALIAS) -> str | None:
    """Reads the migration files and the `django_migrations` table (one query)."""
    try:
        executor = MigrationExecutor(connections[alias])
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DATABASE_ERRORS as error:
        logger.warning("Readiness: migrations of %r cannot be read (%s)", alias, describe(error))
        return f"cannot be read ({type(error).__name__})"
    if not plan:
        return None
    names = [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]
    shown = ", ".join(names[:5]) + (", …" if len(names) > 5 else "")
    count = len(names)
    return f"{count} migration{'s' if count != 1 else ''} not applied: {shown}"


def readiness() -> dict[str, dict[str, str]]:
    """Every check by name with its status (`ok`, `failed` or `skipped`) and detail."""
    checks = {}
    problem = database_problem()
    checks["database"] = {"status": "failed", "detail": problem} if problem else {"status": "ok"}
    if problem:
        checks["migrations"] = {"status": "skipped", "detail": "needs the database"}
    else:
        problem = migrations_problem()
        checks["migrations"] = (
            {"status": "failed", "detail": problem} if problem else {"status": "ok"}
        )
    return checks
