"""The public pages of alerts: subscribe to a listing's filter, confirm, manage an address
by its signed link, unsubscribe (also RFC 8058 one-click).

None of these pages is cached, and no input makes them fail: a bad or expired link gets a
page saying so (400), a link whose subscription is gone a 404, a bad address a form error.
Signing up answers the same, after the same work, whoever asks.
"""

from __future__ import annotations

import hashlib
import json
import logging

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from alerts import tasks
from alerts.forms import FrequencyForm, SubscribeForm
from alerts.matching import canonical_query, listing_for
from alerts.models import Delivery, Frequency, Subscriber, Subscription
from alerts.tokens import (
    PREFERENCES_SALT,
    UNSUBSCRIBE_SALT,
    BadToken,
    key_token,
    read_confirmation,
    read_key,
)

logger = logging.getLogger(__name__)


def _problem(request: HttpRequest, title: str, message: str, status: int) -> HttpResponse:
    return render(
        request, "alerts/problem.html", {"title": title, "message": message}, status=status
    )


def _bad_link(request: HttpRequest) -> HttpResponse:
    return _problem(
        request,
        _("This link does not work"),
        _(
            "The link is incomplete, was changed, or has expired. Copy the whole link from "
            "the email, or subscribe again from the list you want to follow."
        ),
        400,
    )


def _within_limit(kind: str, value: str) -> bool:
    """Count one confirmation mail for ``value`` this hour; False past the limit."""
    limit = settings.ALERTS[f"CONFIRMATIONS_PER_{kind.upper()}_PER_HOUR"]
    key = f"alerts:confirmations:{kind}:{hashlib.sha256(value.encode()).hexdigest()}"
    try:
        cache.add(key, 0, 3600)
        return cache.incr(key) <= limit
    except Exception:  # a cache that is away limits nothing
        return True


def _description(listing) -> str:
    return listing.describe() or _("All press releases")


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    """The form for the listing whose parameters are this page's query string."""
    listing = listing_for(request.GET.urlencode())
    query = canonical_query(listing)
    form = SubscribeForm(request.POST or None)
    context = {
        "form": form,
        "query": query,
        "followed": _description(listing),
        "ignored": listing.ignored,
        "listing_path": reverse("press:list") + (f"?{query}" if query else ""),
    }
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        client = request.META.get("REMOTE_ADDR", "")
        wanted = not form.cleaned_data["website"]
        # Both limits are counted on every request, so that neither tells about the other.
        per_address = _within_limit("address", email)
        per_client = _within_limit("client", client)
        if wanted and per_address and per_client:
            try:
                tasks.send_confirmation.apply_async(
                    (email, query, form.cleaned_data["frequency"], get_language()), retry=False
                )
            except Exception:  # the queue is away: the same answer, logged for the team
                logger.exception("Alerts queue unreachable; no confirmation mail was sent")
        context["email"] = email
        return render(request, "alerts/subscribe_sent.html", context)
    return render(request, "alerts/subscribe.html", context, status=400 if form.errors else 200)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows what will be followed (mail scanners open links); POST confirms."""
    try:
        wanted = read_confirmation(token)
    except BadToken:
        return _bad_link(request)
    if wanted.frequency not in Frequency.values:
        return _bad_link(request)
    listing = listing_for(wanted.query)
    context = {"wanted": wanted, "followed": _description(listing)}
    if request.method != "POST":
        return render(request, "alerts/confirm.html", context)
    subscriber, _created = Subscriber.objects.get_or_create(email=wanted.email)
    subscription, created = Subscription.objects.get_or_create(
        subscriber=subscriber,
        query=canonical_query(listing),
        defaults={
            "description": listing.describe(),
            "frequency": wanted.frequency,
            "language": wanted.language,
        },
    )
    if not created and subscription.frequency != wanted.frequency:
        subscription.frequency = wanted.frequency
        subscription.save(update_fields=["frequency"])
    context["preferences_url"] = reverse(
        "alerts:preferences", args=[key_token(subscriber.key, PREFERENCES_SALT)]
    )
    return render(request, "alerts/confirmed.html", context)


def _subscriber(token: str) -> Subscriber:
    subscriber = Subscriber.objects.filter(key=read_key(token, PREFERENCES_SALT)).first()
    if subscriber is None:
        raise Http404
    return subscriber


def _gone(request: HttpRequest) -> HttpResponse:
    return _problem(
        request,
        _("No alerts for this link"),
        _("This address has no email alerts any more: it was unsubscribed, and deleted."),
        404,
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request: HttpRequest, token: str) -> HttpResponse:
    """Every subscription of one address: change how often, pause, unsubscribe."""
    try:
        subscriber = _subscriber(token)
    except BadToken:
        return _bad_link(request)
    except Http404:
        return _gone(request)
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "unsubscribe-all":
            subscriber.delete()
            return render(request, "alerts/unsubscribed.html", {"everything": True})
        subscription = subscriber.subscriptions.filter(
            pk=_number(request.POST.get("subscription"))
        ).first()
        if subscription is None:
            return redirect(request.path)
        if action == "unsubscribe":
            subscription.unsubscribe()
            if not Subscriber.objects.filter(pk=subscriber.pk).exists():
                return render(request, "alerts/unsubscribed.html", {"everything": True})
        elif action in ("pause", "resume"):
            subscription.paused = action == "pause"
            subscription.save(update_fields=["paused"])
        elif action == "frequency":
            form = FrequencyForm(request.POST)
            if form.is_valid():
                subscription.frequency = form.cleaned_data["frequency"]
                subscription.save(update_fields=["frequency"])
        return redirect(request.path)
    subscriptions = [
        (subscription, FrequencyForm(initial={"frequency": subscription.frequency}))
        for subscription in subscriber.subscriptions.all()
    ]
    context = {
        "subscriber": subscriber,
        "subscriptions": subscriptions,
        "token": token,
        "listing_url": reverse("press:list"),
    }
    return render(request, "alerts/preferences.html", context)


def _number(raw: str | None) -> int:
    raw = (raw or "").strip()
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 19 else 0


@never_cache
@require_http_methods(["GET", "HEAD"])
def my_data(request: HttpRequest, token: str) -> HttpResponse:
    """Everything kept about one address, as JSON."""
    try:
        subscriber = _subscriber(token)
    except BadToken:
        return _bad_link(request)
    except Http404:
        return _gone(request)
    data = {
        "email": subscriber.email,
        "subscribed_since": subscriber.created_at.isoformat(),
        "subscriptions": [
            {
                "filter": subscription.query,
                "description": subscription.description,
                "frequency": subscription.frequency,
                "paused": subscription.paused,
                "language": subscription.language,
                "confirmed_on": subscription.created_at.isoformat(),
                "deliveries": [
                    {
                        "release": delivery.release.get_absolute_url(),
                        "status": delivery.status,
                        "sent_at": delivery.sent_at.isoformat() if delivery.sent_at else None,
                    }
                    for delivery in Delivery.objects.filter(subscription=subscription)
                    .select_related("release")
                    .order_by("pk")
                ],
            }
            for subscription in subscriber.subscriptions.all()
        ],
        "exported_at": timezone.now().isoformat(),
    }
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="my-email-alerts.json"'
    return response


# Mail programs post the one-click unsubscription (RFC 8058) without any page's token.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks (a link opened by a mail scanner must not unsubscribe); POST, from the
    page or a mail program's one-click, unsubscribes. Unsubscribing twice is no error."""
    try:
        key = read_key(token, UNSUBSCRIBE_SALT)
    except BadToken:
        return _bad_link(request)
    subscription = Subscription.objects.filter(key=key).select_related("subscriber").first()
    if request.method == "POST":
        if subscription is not None:
            subscription.unsubscribe()
        return render(request, "alerts/unsubscribed.html", {"everything": False})
    if subscription is None:
        return render(request, "alerts/unsubscribed.html", {"everything": False})
    return render(request, "alerts/unsubscribe.html", {"subscription": subscription})
