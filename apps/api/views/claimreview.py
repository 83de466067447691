from drf_spectacular.utils import extend_schema
from rest_framework.generics import ListAPIView

from apps.api.backends import nullable_datetime_key
from apps.api.filters import ClaimReviewFilterSet
from apps.api.views.base import reject_unsupported_method
from apps.claims import selectors
from apps.claims.claimreview import claim_review

# The shape of one item, for the OpenAPI document; the markup itself is built by
# apps.claims.claimreview.claim_review, the same function as for the claim pages.
CLAIM_REVIEW_SCHEMA = {
    "type": "object",
    "description": "schema.org ClaimReview (JSON-LD), as on the claim's page.",
    "properties": {
        "@context": {"type": "string", "enum": ["https://schema.org"]},
        "@type": {"type": "string", "enum": ["ClaimReview"]},
        "url": {"type": "string", "format": "uri"},
        "claimReviewed": {"type": "string"},
        "description": {"type": "string"},
        "datePublished": {"type": "string", "format": "date"},
        "author": {"type": "object", "additionalProperties": True},
        "reviewRating": {
            "type": "object",
            "properties": {
                "@type": {"type": "string", "enum": ["Rating"]},
                "alternateName": {"type": "string"},
                "ratingValue": {"type": "integer"},
                "bestRating": {"type": "integer"},
                "worstRating": {"type": "integer"},
            },
            "required": ["@type", "alternateName"],
        },
        "itemReviewed": {"type": "object", "additionalProperties": True},
    },
    "required": [
        "@context",
        "@type",
        "url",
        "claimReviewed",
        "datePublished",
        "author",
        "reviewRating",
        "itemReviewed",
    ],
}


@extend_schema(
    summary="List published claims as ClaimReview",
    description="Every published claim with a verdict, as the schema.org ClaimReview "
    "JSON-LD its page carries: the exchange format of fact-checkers. Newest first.",
    responses={200: CLAIM_REVIEW_SCHEMA},
)
class ClaimReviewFeedView(ListAPIView):
    filterset_class = ClaimReviewFilterSet
    ordering_fields = ("published_at", "updated_at", "id")
    ordering = "-published_at"
    ordering_keys = {"published_at": nullable_datetime_key("published_at")}
    http_method_names = ["get", "head", "options"]

    def initial(self, request, *args, **kwargs):
        reject_unsupported_method(self, request)
        super().initial(request, *args, **kwargs)

    def get_queryset(self):
        """6 queries for a page of any size (see selectors.claim_detail_queryset)."""
        return selectors.claim_detail_queryset().filter(rating__isnull=False)

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response([claim_review(claim, request) for claim in page])
