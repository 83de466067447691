from django.contrib import admin

from apps.core.admin_services import ServiceAdmin
from apps.topics import services
from apps.topics.models import Topic


@admin.register(Topic)
class TopicAdmin(ServiceAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "description"]

    def create_object(self, request, fields):
        return services.topic_create(actor=request.user, **fields)

    def update_object(self, request, obj, fields):
        return services.topic_update(topic=obj, actor=request.user, **fields)

    def delete_object(self, request, obj):
        services.topic_delete(topic=obj, actor=request.user)
