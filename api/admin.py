"""API keys in the admin. A new key is shown once, in the message after saving."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from api.models import ApiKey


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = ("name", "prefix", "rate_limit", "active", "created_at")
    list_filter = ("active",)
    search_fields = ("name", "contact", "prefix")
    readonly_fields = ("prefix", "created_at")
    fields = ("name", "contact", "rate_limit", "active", "prefix", "created_at")
    actions = ["revoke"]

    def save_model(self, request, obj, form, change):
        key = None if change else obj.issue()
        super().save_model(request, obj, form, change)
        if key is not None:
            messages.warning(
                request,
                _(
                    "The key is %(key)s. Copy it now and give it to its holder: it is not "
                    "stored and cannot be shown again. Clients send it as "
                    "“Authorization: Bearer <key>”."
                )
                % {"key": key},
            )

    @admin.action(description=_("Revoke the selected keys"))
    def revoke(self, request, queryset):
        revoked = queryset.update(active=False)
        self.message_user(request, _("%(count)d keys revoked.") % {"count": revoked})
