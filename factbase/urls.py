from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Factbase curation"
admin.site.site_title = "Factbase"
admin.site.index_title = "Curate speakers, sources, quotes and claims"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("apps.web.urls")),
]
