from django.http import HttpResponsePermanentRedirect
from django.urls import Resolver404, include, path, re_path, resolve
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView
from rest_framework.decorators import api_view, authentication_classes, permission_classes
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


@extend_schema(exclude=True)
@api_view(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
@authentication_classes([])  # the same answer for anyone: no CSRF check before it
@permission_classes([AllowAny])
def missing_slash(request, *args, **kwargs):
    """Every API address ends with a slash. Without it, a read is redirected (301), as
    Django's APPEND_SLASH does; a write is not, since a redirect drops its body (and Django
    would answer 500 under DEBUG): it answers 404 naming the address to send it to."""
    with_slash = request.path_info + "/"
    try:
        found = resolve(with_slash).func is not not_found
    except Resolver404:
        found = False
    if not found:
        raise NotFound("No such endpoint: see /api/v1/docs/ for the ones there are.")
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return HttpResponsePermanentRedirect(request.get_full_path(force_append_slash=True))
    raise NotFound(
        f"{request.method} {request.path} has no trailing slash: send it to "
        f"{request.get_full_path(force_append_slash=True)} (a redirect would drop the body).",
        code="missing_trailing_slash",
    )


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
    # [\s\S], not ".": a path may hold a newline (%0A), and "." does not match one.
    re_path(r"^[\s\S]*/$", not_found),
    re_path(r"^[\s\S]*[^/]$", missing_slash),
]
