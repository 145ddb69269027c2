"""Alerts in the admin: subscriptions by filter (with how many follow each), deliveries
per release and status, and a resend for deliveries that failed or were interrupted."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Count, OuterRef
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from alerts.models import Announcement, Delivery, DeliveryStatus, Subscriber, Subscription
from alerts.tasks import send_immediate


class SubscriptionInline(admin.TabularInline):
    model = Subscription
    fields = ("description", "query", "frequency", "paused", "created_at")
    readonly_fields = ("description", "query", "created_at")
    extra = 0


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ("email", "created_at", "subscription_count")
    search_fields = ("email",)
    readonly_fields = ("created_at",)
    inlines = [SubscriptionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(subscription_count=Count("subscriptions"))

    @admin.display(description=_("alerts"), ordering="subscription_count")
    def subscription_count(self, obj) -> int:
        return obj.subscription_count


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ("subscriber", "description", "frequency", "paused", "same_filter", "created_at")
    list_filter = ("frequency", "paused")
    search_fields = ("subscriber__email", "description", "query")
    readonly_fields = ("subscriber", "query", "description", "language", "created_at")

    def get_queryset(self, request):
        same = (
            Subscription.objects.filter(query=OuterRef("query"))
            .order_by()
            .values("query")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return super().get_queryset(request).select_related("subscriber").annotate(same=same)

    @admin.display(description=_("subscriptions to this filter"), ordering="same")
    def same_filter(self, obj) -> int:
        return obj.same


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ("release", "subscription", "status", "created_at", "sent_at", "error")
    list_filter = ("status", "created_at")
    search_fields = ("release__title", "subscription__subscriber__email")
    list_select_related = ("release", "subscription__subscriber")
    readonly_fields = [f.name for f in Delivery._meta.fields]
    actions = ["resend"]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.action(description=_("Send the selected failed or interrupted deliveries again"))
    def resend(self, request, queryset):
        again = queryset.filter(
            status__in=[DeliveryStatus.FAILED, DeliveryStatus.INTERRUPTED]
        ).update(status=DeliveryStatus.PENDING, error="", claimed_at=None)
        if again:
            send_immediate.delay()
        self.message_user(
            request,
            ngettext("%d delivery will be sent again.", "%d deliveries will be sent again.", again)
            % again,
            messages.SUCCESS,
        )


@admin.register(Announcement)
class AnnouncementAdmin(admin.ModelAdmin):
    """Per release: when it was matched, and how its deliveries went."""

    list_display = ("release", "matched_at", "subscriptions", "sent", "failed")
    list_select_related = ("release",)
    readonly_fields = ("release", "matched_at", "subscriptions")

    @admin.display(description=_("sent"))
    def sent(self, obj) -> int:
        return Delivery.objects.filter(
            release_id=obj.release_id, status=DeliveryStatus.SENT
        ).count()

    @admin.display(description=_("failed or interrupted"))
    def failed(self, obj) -> int:
        return Delivery.objects.filter(
            release_id=obj.release_id,
            status__in=[DeliveryStatus.FAILED, DeliveryStatus.INTERRUPTED],
        ).count()
