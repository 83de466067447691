"""Which claims a match may show, as a value: so that a candidate query can be compiled once
per kind of caller (apps/core/compiled.py) instead of being handed a queryset to build on."""

from dataclasses import dataclass

from django.db.models import QuerySet

from apps.claims.models import Claim

# An id no row has: a padding for statements compiled for a fixed number of ids, and the
# claim left out when none is.
NO_ROW = -1


@dataclass(frozen=True)
class Visible:
    """Public claims unless not `public` (an editor's duplicate check sees drafts), never
    the claim `exclude_pk` (the one being edited)."""

    public: bool = True
    exclude_pk: int | None = None

    @property
    def excluded(self) -> int:
        return NO_ROW if self.exclude_pk is None else self.exclude_pk

    def claims(self, excluded: int | None = None) -> QuerySet:
        """The visible claims; `excluded` instead of `self.excluded` (a stand-in, when the
        statement is compiled)."""
        claims = Claim.objects.public() if self.public else Claim.objects.all()
        return claims.exclude(pk=self.excluded if excluded is None else excluded)
