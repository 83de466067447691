from django.contrib import admin
from django.utils.html import format_html

from apps.core.admin_concurrency import ConcurrentEditAdmin
from apps.core.admin_services import ServiceAdmin, ServiceInline
from apps.speakers import services
from apps.speakers.models import Speaker, SpeakerAlias, SpeakerRole


class SpeakerAliasInline(ServiceInline, admin.TabularInline):
    model = SpeakerAlias
    fields = ["name"]
    extra = 1

    def add_object(self, request, parent, fields):
        return services.alias_add(speaker=parent, actor=request.user, **fields)

    def change_object(self, request, obj, fields):
        return services.alias_update(alias=obj, actor=request.user, **fields)

    def remove_object(self, request, obj):
        services.alias_remove(alias=obj, actor=request.user)


class SpeakerRoleInline(ServiceInline, admin.TabularInline):
    model = SpeakerRole
    fields = ["title", "organisation", "start", "end"]
    extra = 1

    def add_object(self, request, parent, fields):
        return services.role_add(speaker=parent, actor=request.user, **fields)

    def change_object(self, request, obj, fields):
        return services.role_update(role=obj, actor=request.user, **fields)

    def remove_object(self, request, obj):
        services.role_remove(role=obj, actor=request.user)


@admin.register(Speaker)
class SpeakerAdmin(ConcurrentEditAdmin, ServiceAdmin):
    list_display = ["name", "kind", "description", "wikidata_link", "status"]
    list_filter = ["kind", "status"]
    # Editors look speakers up by any name the sources use, so aliases count; the quotes and
    # claims admins search speakers the same way through their autocomplete fields.
    search_fields = ["name", "aliases__name", "wikidata_id"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "kind", "description", "wikidata_id", "status"]
    inlines = [SpeakerAliasInline, SpeakerRoleInline]

    def create_object(self, request, fields):
        return services.speaker_create(actor=request.user, **fields)

    def update_object(self, request, obj, fields):
        return services.speaker_update(speaker=obj, actor=request.user, **fields)

    def delete_object(self, request, obj):
        services.speaker_delete(speaker=obj, actor=request.user)

    @admin.display(description="Wikidata id", ordering="wikidata_id")
    def wikidata_link(self, speaker: Speaker):
        if not speaker.wikidata_id:
            return None
        return format_html('<a href="{}">{}</a>', speaker.wikidata_url, speaker.wikidata_id)
