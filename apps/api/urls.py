from django.urls import include, path, re_path
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView
from rest_framework.decorators import api_view, permission_classes
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.routers import DefaultRouter

from apps.api.views.claimreview import ClaimReviewFeedView
from apps.api.views.claims import ClaimViewSet
from apps.api.views.publishers import PublisherViewSet
from apps.api.views.quotes import QuoteViewSet
from apps.api.views.ratings import RatingViewSet
from apps.api.views.revisions import ClaimRevisionViewSet
from apps.api.views.sources import SourceViewSet
from apps.api.views.speakers import SpeakerViewSet
from apps.api.views.tombstones import TombstoneViewSet
from apps.api.views.topics import TopicViewSet

app_name = "api"

router = DefaultRouter()
router.register("speakers", SpeakerViewSet, basename="speaker")
router.register("publishers", PublisherViewSet, basename="publisher")
router.register("sources", SourceViewSet, basename="source")
router.register("quotes", QuoteViewSet, basename="quote")
router.register("claims", ClaimViewSet, basename="claim")
router.register("topics", TopicViewSet, basename="topic")
router.register("ratings", RatingViewSet, basename="rating")
router.register("claim-revisions", ClaimRevisionViewSet, basename="claim-revision")
router.register("tombstones", TombstoneViewSet, basename="tombstone")


@extend_schema(exclude=True)
@api_view(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
@permission_classes([AllowAny])
def not_found(request, *args, **kwargs):
    """Any other path under /api/v1/ answers 404 in the API's JSON error shape."""
    raise NotFound("No such endpoint: see /api/v1/docs/ for the ones there are.")


urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/",
        SpectacularRedocView.as_view(url_name="api:schema", template_name="api/redoc.html"),
        name="docs",
    ),
    path("claimreview/", ClaimReviewFeedView.as_view(), name="claimreview"),
    path("", include("apps.api.search_urls")),  # before the router: claims/similar/
    *router.urls,
    re_path(r"^.*/$", not_found),
]
