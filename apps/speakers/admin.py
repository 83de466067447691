from django.contrib import admin
from django.utils.html import format_html

from apps.core.admin import CuratedAdmin
from apps.core.admin_concurrency import ConcurrentEditAdmin
from apps.speakers.models import Speaker, SpeakerAlias, SpeakerRole


class SpeakerAliasInline(admin.TabularInline):
    model = SpeakerAlias
    fields = ["name"]
    extra = 1


class SpeakerRoleInline(admin.TabularInline):
    model = SpeakerRole
    fields = ["title", "organisation", "start", "end"]
    extra = 1


@admin.register(Speaker)
class SpeakerAdmin(ConcurrentEditAdmin, CuratedAdmin):
    list_display = ["name", "kind", "description", "wikidata_link", "status"]
    list_filter = ["kind", "status"]
    # Editors look speakers up by any name the sources use, so aliases count; the quotes and
    # claims admins search speakers the same way through their autocomplete fields.
    search_fields = ["name", "aliases__name", "wikidata_id"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "kind", "description", "wikidata_id", "status"]
    inlines = [SpeakerAliasInline, SpeakerRoleInline]

    @admin.display(description="Wikidata id", ordering="wikidata_id")
    def wikidata_link(self, speaker: Speaker):
        if not speaker.wikidata_id:
            return None
        return format_html('<a href="{}">{}</a>', speaker.wikidata_url, speaker.wikidata_id)
