"""/api/v1/claimreview/: what `manage.py export_claimreview` writes, a page at a time.

Each page is a schema.org DataFeed (`application/ld+json`) built by the export's own
functions (apps.claims.claimreview.data_feed, data_feed_item), not the API's usual
`{"next", "previous", "results"}` envelope, so that a fact-checker's tool reads the feed
and the export alike. The next and previous pages are given twice: as `Link` headers
(RFC 8288, `rel="next"`/`rel="prev"`) and as the feed's `next`/`previous` properties
(Hydra's terms, declared in the feed's `@context`).
"""

from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.generics import ListAPIView
from rest_framework.response import Response

from apps.api.backends import nullable_datetime_key
from apps.api.filters import ClaimReviewFilterSet
from apps.api.pagination import BoundedCursorPagination
from apps.api.renderers import JsonLdRenderer, OrjsonRenderer
from apps.api.schema import FactbaseAutoSchema
from apps.api.views.base import reject_unsupported_method
from apps.claims import selectors
from apps.claims.claimreview import claim_review, data_feed, data_feed_item

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
                "name": {"type": "string"},
                "ratingValue": {"type": "integer"},
                "bestRating": {"type": "integer"},
                "worstRating": {"type": "integer"},
            },
            "required": ["@type", "alternateName", "name"],
        },
        "itemReviewed": {
            "type": "object",
            "description": "The schema.org Claim: `author` (the claimant), `datePublished`, "
            "`appearance` and `firstAppearance` (the sources that state it).",
            "additionalProperties": True,
        },
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

LINK_SCHEMA = {"type": "string", "format": "uri"}
DATA_FEED_SCHEMA = {
    "type": "object",
    "description": "A schema.org DataFeed (JSON-LD) of ClaimReview, one page of it.",
    "properties": {
        "@context": {"description": "`https://schema.org`, and Hydra's paging terms."},
        "@type": {"type": "string", "enum": ["DataFeed"]},
        "dateModified": {"type": "string", "format": "date-time"},
        "next": {**LINK_SCHEMA, "description": "The next page, if there is one."},
        "previous": {**LINK_SCHEMA, "description": "The page before, if there is one."},
        "dataFeedElement": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "@type": {"type": "string", "enum": ["DataFeedItem"]},
                    "dateCreated": {"type": "string", "format": "date"},
                    "dateModified": {"type": "string", "format": "date-time"},
                    # The review as its page carries it, less its own @context.
                    "item": {
                        "type": "array",
                        "items": {
                            **CLAIM_REVIEW_SCHEMA,
                            "properties": {
                                k: v
                                for k, v in CLAIM_REVIEW_SCHEMA["properties"].items()
                                if k != "@context"
                            },
                            "required": [
                                k for k in CLAIM_REVIEW_SCHEMA["required"] if k != "@context"
                            ],
                        },
                    },
                },
                "required": ["@type", "item"],
            },
        },
    },
    "required": ["@context", "@type", "dateModified", "dataFeedElement"],
}


class DataFeedPagination(BoundedCursorPagination):
    """The API's cursor pages, whose links the feed carries itself (see `list`)."""

    def get_paginated_response_schema(self, schema):
        return schema


class DataFeedSchema(FactbaseAutoSchema):
    """A page of the feed is one DataFeed object, not a list of them (drf-spectacular
    makes a list view's answer an array)."""

    def _get_format_parameters(self):
        # The media type is chosen by `Accept`, as on every other endpoint.
        return []

    def _get_response_for_code(self, serializer, status_code, *args, **kwargs):
        response = super()._get_response_for_code(serializer, status_code, *args, **kwargs)
        if status_code == "200":
            for content in response.get("content", {}).values():
                if content.get("schema", {}).get("type") == "array":
                    content["schema"] = content["schema"]["items"]
        return response


@extend_schema(
    summary="Published claims as a ClaimReview DataFeed",
    description="Every published claim with a verdict, as the schema.org ClaimReview its "
    "page carries, in a schema.org DataFeed (`application/ld+json`): the exchange format "
    "of fact-checkers, the same as `manage.py export_claimreview` writes. Newest first, "
    'a page at a time: the next page is in the `Link` header (`rel="next"`) and in the '
    "feed's `next` property.",
    responses={
        200: OpenApiResponse(response=DATA_FEED_SCHEMA, description="One page of the feed.")
    },
)
class ClaimReviewFeedView(ListAPIView):
    filterset_class = ClaimReviewFilterSet
    ordering_fields = ("published_at", "updated_at", "id")
    ordering = "-published_at"
    ordering_keys = {"published_at": nullable_datetime_key("published_at")}
    http_method_names = ["get", "head", "options"]
    pagination_class = DataFeedPagination
    schema = DataFeedSchema()
    # JSON-LD; a client that asks for plain JSON gets the same document as JSON.
    renderer_classes = [JsonLdRenderer, OrjsonRenderer]

    def initial(self, request, *args, **kwargs):
        reject_unsupported_method(self, request)
        super().initial(request, *args, **kwargs)

    def get_queryset(self):
        """6 queries for a page of any size (see selectors.claim_detail_queryset)."""
        return selectors.claim_detail_queryset().filter(rating__isnull=False)

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        reviews = [review for claim in page if (review := claim_review(claim, request))]
        links = {
            "next": self.paginator.get_next_link(),
            "previous": self.paginator.get_previous_link(),
        }
        newest = max((claim.updated_at for claim in page), default=None)
        feed = data_feed(
            [data_feed_item(review) for review in reviews],
            date_modified=newest or timezone.now(),
            **links,
        )
        link_header = ", ".join(
            f'<{url}>; rel="{"prev" if name == "previous" else name}"'
            for name, url in links.items()
            if url
        )
        return Response(feed, headers={"Link": link_header} if link_header else None)

    def finalize_response(self, request, response, *args, **kwargs):
        """An error is not JSON-LD: it answers as the API's other errors do."""
        if response.status_code >= 400 and (
            type(getattr(request, "accepted_renderer", None)) is not OrjsonRenderer
        ):
            # Also when negotiation failed (an unknown ?format=): DRF would then take the
            # first renderer, JSON-LD's.
            request.accepted_renderer = OrjsonRenderer()
            request.accepted_media_type = OrjsonRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)
