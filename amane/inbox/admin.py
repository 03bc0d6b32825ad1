from django.contrib import admin

from amane.inbox.models import ReplyTemplate


@admin.register(ReplyTemplate)
class ReplyTemplateAdmin(admin.ModelAdmin[ReplyTemplate]):
    list_display = ("title_fr", "title_ar", "unit", "active")
    list_filter = ("active",)
    search_fields = ("title_fr", "title_ar", "unit__code")
