"""Email alerts: who follows which listing, and what each of them was sent.

Only the address and its preferences are kept. Nothing is stored before the address is
confirmed (the confirmation link carries the request, signed), and unsubscribing deletes:
the last subscription of an address takes the address with it.
"""

from __future__ import annotations

import datetime
import uuid

from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from press.models import PressRelease


class Frequency(models.TextChoices):
    IMMEDIATELY = "immediately", _("Immediately, one email per release")
    DAILY = "daily", _("Daily digest")
    WEEKLY = "weekly", _("Weekly digest")


class Subscriber(models.Model):
    """An address that confirmed at least one subscription."""

    email = models.EmailField(_("email address"), max_length=254, unique=True)
    # Signed into the preferences link of every mail; a new key revokes the old links.
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("subscribed since"), default=timezone.now)

    class Meta:
        verbose_name = _("alert subscriber")
        verbose_name_plural = _("alert subscribers")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.email

    @staticmethod
    def normalise(email: str) -> str:
        return email.strip().lower()


class SubscriptionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(paused=False)

    def following(self, release: PressRelease):
        """The active subscriptions that were there when ``release`` went live: a newcomer
        is not sent what came before it subscribed."""
        return self.active().filter(created_at__lte=release.published_at)


class Subscription(models.Model):
    """One followed listing: its filter, as the listing's canonical query string."""

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    # ``country=austria&type=statement``: what ``Listing`` reads; empty follows everything.
    query = models.CharField(_("filter"), max_length=2000, blank=True)
    # The filter in words when it was confirmed (mails and the preferences page).
    description = models.CharField(_("description"), max_length=1000, blank=True)
    frequency = models.CharField(
        _("frequency"), max_length=16, choices=Frequency, default=Frequency.IMMEDIATELY
    )
    paused = models.BooleanField(_("paused"), default=False)
    # The language of the page it was made from: mails are written in it.
    language = models.CharField(_("language"), max_length=16, default="en-gb")
    # Signed into the unsubscribe link of its mails.
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("confirmed on"), default=timezone.now)
    last_digest_at = models.DateTimeField(_("last digest"), null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("alert subscription")
        verbose_name_plural = _("alert subscriptions")
        ordering = ["subscriber__email", "query"]
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "query"], name="alerts_one_per_filter"),
            models.CheckConstraint(
                condition=Q(frequency__in=["immediately", "daily", "weekly"]),
                name="alerts_frequency_valid",
            ),
        ]
        indexes = [models.Index(fields=["query"], name="alerts_subscription_query")]

    def __str__(self) -> str:
        return f"{self.subscriber} – {self.description or _('all releases')}"

    def unsubscribe(self) -> None:
        """Delete this subscription, and the address when it was its last one."""
        with transaction.atomic():
            subscriber_id = self.subscriber_id
            self.delete()
            Subscriber.objects.filter(pk=subscriber_id, subscriptions__isnull=True).delete()


class Announcement(models.Model):
    """A release matched against the subscriptions, once, when it went live."""

    release = models.OneToOneField(
        PressRelease, primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    matched_at = models.DateTimeField(default=timezone.now)
    subscriptions = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("matched release")
        verbose_name_plural = _("matched releases")

    def __str__(self) -> str:
        return str(self.release_id)


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    # Claimed by a worker that stopped before saying whether the server took the message:
    # never sent again by itself (that could be a duplicate); an admin may resend it.
    INTERRUPTED = "interrupted", _("Interrupted")
    # The release was withdrawn, unscheduled or returned to draft before it was sent.
    CANCELLED = "cancelled", _("Cancelled")


class DeliveryQuerySet(models.QuerySet):
    def claim(self, pk: int) -> bool:
        """Take delivery ``pk`` for sending; False when another worker has it already.

        One conditional UPDATE, committed before anything is sent: whichever worker
        changes the row from waiting to being sent is the only one that sends it.
        """
        with transaction.atomic():
            return bool(
                self.filter(pk=pk, status=DeliveryStatus.PENDING).update(
                    status=DeliveryStatus.SENDING, claimed_at=timezone.now()
                )
            )

    def stale_claims(self, older_than: datetime.timedelta):
        return self.filter(
            status=DeliveryStatus.SENDING, claimed_at__lt=timezone.now() - older_than
        )


class Delivery(models.Model):
    """One release for one subscription: made once (the unique constraint), sent once."""

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    release = models.ForeignKey(PressRelease, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(
        _("status"), max_length=16, choices=DeliveryStatus, default=DeliveryStatus.PENDING
    )
    created_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("alert delivery")
        verbose_name_plural = _("alert deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "release"], name="alerts_one_delivery_per_release"
            ),
        ]
        indexes = [models.Index(fields=["status", "subscription"], name="alerts_delivery_status")]

    def __str__(self) -> str:
        return f"{self.release_id} → {self.subscription_id} ({self.status})"
