from django.contrib import admin

from apps.core.admin import CuratedAdmin
from apps.topics.models import Topic


@admin.register(Topic)
class TopicAdmin(CuratedAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "description"]
