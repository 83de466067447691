from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import index, sitemap
from django.urls import include, path

from apps.web.sitemaps import SITEMAPS

admin.site.site_header = "Factbase curation"
admin.site.site_title = "Factbase"
admin.site.index_title = "Curate speakers, sources, quotes and claims"

# A request over the size limits answers 413 with what the limit is; other 400s as Django's.
handler400 = "apps.ops.limits.bad_request"

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("", include("apps.ops.urls")),
    path("api/v1/", include("apps.api.urls")),
    # A sitemap index (what robots.txt names) of one file per kind of page, each split into
    # pages of at most 50,000 addresses (`?p=2`), as the sitemaps protocol requires.
    path(
        "sitemap.xml",
        index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap-section"),
    path("", include("apps.web.urls")),
]
