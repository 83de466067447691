"""Counting annotations for the page reads: correlated subqueries, so that two counts on
one queryset never multiply each other."""

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce


def count(queryset: QuerySet, field: str) -> Coalesce:
    """An annotation counting the rows of `queryset` whose `field` is the outer row."""
    counted = (
        queryset.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


class CountOf(Subquery):
    """The number of rows a subquery selects (give it a LIMIT to count up to a cap)."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) AS counted)"
    output_field = IntegerField()
