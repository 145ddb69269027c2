"""The mails of alerts: multipart (text and HTML), absolute links, in the subscription's
language (gettext), from the configured sender with the configured reply-to.

Every alert carries the preferences link and RFC 8058 one-click unsubscribe headers.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from alerts.models import Frequency, Subscription
from alerts.tokens import (
    PREFERENCES_SALT,
    UNSUBSCRIBE_SALT,
    SubscriptionRequest,
    confirmation_token,
    key_token,
)
from press.models import PressRelease


def absolute(path: str) -> str:
    return settings.ALERTS["SITE_URL"].rstrip("/") + path


def preferences_url(subscription: Subscription) -> str:
    token = key_token(subscription.subscriber.key, PREFERENCES_SALT)
    return absolute(reverse("alerts:preferences", args=[token]))


def unsubscribe_url(subscription: Subscription) -> str:
    token = key_token(subscription.key, UNSUBSCRIBE_SALT)
    return absolute(reverse("alerts:unsubscribe", args=[token]))


def listing_url(query: str) -> str:
    path = reverse("press:list")
    return absolute(f"{path}?{query}" if query else path)


def _message(
    to: str, subject: str, template: str, context: dict, headers: dict | None = None
) -> EmailMultiAlternatives:
    context = {"site_name": settings.NEWSROOM["SITE_NAME"], **context}
    text = render_to_string(f"alerts/mail/{template}.txt", context)
    html = render_to_string(f"alerts/mail/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        from_email=settings.ALERTS["FROM_EMAIL"],
        to=[to],
        reply_to=settings.ALERTS["REPLY_TO"] or None,
        headers=headers or {},
    )
    message.attach_alternative(html, "text/html")
    return message


def confirmation(request: SubscriptionRequest, description: str) -> EmailMultiAlternatives:
    token = confirmation_token(request)
    with translation.override(request.language):
        return _message(
            request.email,
            _("Confirm your email alert from %(site)s") % {"site": settings.NEWSROOM["SITE_NAME"]},
            "confirm",
            {
                "confirm_url": absolute(reverse("alerts:confirm", args=[token])),
                "description": description,
                "frequency": Frequency(request.frequency).label,
                "days": settings.ALERTS["CONFIRM_DAYS"],
                "listing_url": listing_url(request.query),
            },
        )


def alert(subscription: Subscription, releases: Sequence[PressRelease]) -> EmailMultiAlternatives:
    """One release (immediately) or a digest of several."""
    unsubscribe = unsubscribe_url(subscription)
    with translation.override(subscription.language):
        description = subscription.description or _("all releases")
        if len(releases) == 1 and subscription.frequency == Frequency.IMMEDIATELY:
            subject = releases[0].title
        else:
            subject = _("%(count)s new releases: %(filter)s") % {
                "count": len(releases),
                "filter": description,
            }
        items = [
            {"release": release, "url": absolute(release.get_absolute_url())}
            for release in releases
        ]
        return _message(
            subscription.subscriber.email,
            subject,
            "alert",
            {
                "items": items,
                "description": description,
                "frequency": subscription.get_frequency_display(),
                "listing_url": listing_url(subscription.query),
                "preferences_url": preferences_url(subscription),
                "unsubscribe_url": unsubscribe,
            },
            headers={
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "Auto-Submitted": "auto-generated",
            },
        )
