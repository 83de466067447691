"""Routes of search and claim matching, included by apps/api/urls.py ahead of the router,
so that `claims/similar/` is not read as the claim with the id "similar"."""

from django.urls import path

from apps.api.views.search import SearchView, SimilarClaimsView
from apps.api.views.suggest import SuggestView

urlpatterns = [
    path("search/", SearchView.as_view(), name="search"),
    path("suggest/", SuggestView.as_view(), name="suggest"),
    path("claims/similar/", SimilarClaimsView.as_view(), name="claim-similar"),
]
