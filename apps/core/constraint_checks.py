"""A model's check constraints validated in one query, not one query each.

Django validates each `CheckConstraint` of a row being cleaned with a query of its own
(`Q.check`): it makes a query, annotates it with a value for every field of the row,
compiles it, and runs it in a savepoint. For a claim (two check constraints, 17 fields)
that was 2.5–3 ms of CPU on PostgreSQL, against 1.3 ms this way: about a fifth of
`claim_create`, and of `quote_create` (three checks) (bench/README.md, "The write
path").

`failed_checks` asks the same question of the database, with the same expressions and
the same answer (a condition that is NULL holds, as Django's `Coalesce(…, True)` makes
it), in one statement for all of a row's check constraints, and with only the fields
their conditions name. Other constraints (unique ones) are left to Django.
"""

from contextlib import nullcontext

from django.core.exceptions import FieldError, ValidationError
from django.db import DatabaseError, connections, transaction
from django.db.models import BooleanField, CheckConstraint, ExpressionWrapper, Q, Value
from django.db.models.functions import Coalesce
from django.db.models.sql import Query
from django.db.models.sql.constants import SINGLE


def failed_checks(instance, model_class, checks: list[CheckConstraint], exclude, using: str):
    """The ValidationError of each of `checks` (constraints of `model_class`, the model or
    one it inherits from) that `instance` breaks, in their order.

    A check naming a field in `exclude` is skipped, as Django skips it. Returns None when
    the one query cannot answer (a backend that cannot select a boolean condition, a
    condition it cannot compile, a database error): the caller then asks Django's way.
    """
    connection = connections[using]
    if not connection.features.supports_comparing_boolean_expr:
        return None
    exclude = set(exclude or ())
    fields = [Q(check.condition).referenced_base_fields for check in checks]
    checked = [check for check, names in zip(checks, fields, strict=True) if not names & exclude]
    if not checked:
        return []
    named = set().union(*(names for names in fields if not names & exclude))
    meta = model_class._meta
    unnamed = {field.name for field in meta.local_concrete_fields} - named
    against = instance._get_field_expression_map(meta=meta, exclude=unnamed | exclude)
    query = Query(None)
    for name, value in against.items():
        if not hasattr(value, "resolve_expression"):
            value = Value(value)
        query.add_annotation(value, name, select=False)
    try:
        for position, check in enumerate(checked):
            condition = ExpressionWrapper(Q(check.condition), output_field=BooleanField())
            query.add_annotation(
                Coalesce(condition, True, output_field=BooleanField()), f"_check_{position}"
            )
        compiler = query.get_compiler(using=using)
        # As Django does: a savepoint, so that an error leaves the transaction usable.
        in_transaction = connection.in_atomic_block
        with transaction.atomic(using=using) if in_transaction else nullcontext():
            row = compiler.execute_sql(SINGLE)
    except (FieldError, DatabaseError):
        return None
    return [
        ValidationError(check.get_violation_error_message(), code=check.violation_error_code)
        for check, holds in zip(checked, row, strict=True)
        if not holds
    ]
