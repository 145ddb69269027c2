"""Sending over SMTP: one mail per release immediately, or a daily or weekly digest;
multipart, absolute links, one-click unsubscribe headers; each delivery sent once."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory
from django.utils import timezone

from alerts import tasks
from alerts.admin import DeliveryAdmin
from alerts.models import Delivery, DeliveryStatus, Frequency
from tests.alerts.conftest import subscribe
from tests.factories import make_release

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def fresh(title, **kwargs):
    return make_release(title, published_at=timezone.now() - HOUR, **kwargs)


def earlier():
    return timezone.now() - 3 * HOUR


def test_an_immediate_alert_is_one_multipart_mail_with_one_click_unsubscribe(smtp_server):
    subscribe("reader@example.org", "country=austria", created_at=earlier())
    release = fresh("Austria hosts talks", countries=["austria"], lead="Talks in Vienna.")
    tasks.match_releases([release.pk])
    [message] = smtp_server.messages
    assert message["Subject"] == "Austria hosts talks"
    assert message["To"] == "reader@example.org"
    assert message["From"] == "Alerts <alerts@newsroom.example.org>"
    assert message["Reply-To"] == "press@newsroom.example.org"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = message["List-Unsubscribe"].strip("<>")
    assert unsubscribe.startswith("https://newsroom.example.org/alerts/unsubscribe/")
    text, html = smtp_server.text(message), smtp_server.html(message)
    url = f"https://newsroom.example.org{release.get_absolute_url()}"
    assert url in text and f'href="{url}"' in html
    assert "Talks in Vienna." in text and "Talks in Vienna." in html
    assert "https://newsroom.example.org/alerts/preferences/" in text
    assert "https://newsroom.example.org/press-releases/?country=austria" in text
    assert unsubscribe in text


@pytest.mark.parametrize("frequency", [Frequency.DAILY, Frequency.WEEKLY])
def test_digests_gather_the_releases_of_their_period(smtp_server, frequency):
    other = Frequency.WEEKLY if frequency == Frequency.DAILY else Frequency.DAILY
    subscribe("digest@example.org", "country=serbia", frequency, created_at=earlier())
    subscribe("other@example.org", "country=serbia", other, created_at=earlier())
    first = fresh("First Serbian release", countries=["serbia"])
    second = fresh("Second Serbian release", countries=["serbia"])
    tasks.match_releases([first.pk, second.pk])
    tasks.send_immediate()
    assert smtp_server.messages == []
    assert tasks.send_digests(frequency) == 1
    [message] = smtp_server.messages
    assert message["To"] == "digest@example.org"
    assert message["Subject"] == "2 new releases: Country: Serbia"
    text = smtp_server.text(message)
    assert "First Serbian release" in text and "Second Serbian release" in text
    assert message["List-Unsubscribe"]
    # Nothing is sent twice; the other frequency still waits for its own digest.
    assert tasks.send_digests(frequency) == 0
    assert len(smtp_server.messages) == 1
    assert tasks.send_digests(other) == 1
    assert smtp_server.messages[1]["To"] == "other@example.org"


def test_each_delivery_is_made_and_sent_once(smtp_server):
    subscription = subscribe("once@example.org", "", created_at=earlier())
    release = fresh("Once")
    tasks.match_releases([release.pk])
    tasks.match_releases([release.pk])
    tasks.scan()
    tasks.send_immediate()
    assert len(smtp_server.messages) == 1
    delivery = Delivery.objects.get(subscription=subscription, release=release)
    assert delivery.status == DeliveryStatus.SENT and delivery.sent_at is not None
    # Claiming is first come, first served.
    Delivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.PENDING)
    assert Delivery.objects.claim(delivery.pk) is True
    assert Delivery.objects.claim(delivery.pk) is False


def test_an_unreachable_server_leaves_alerts_waiting(smtp_server, settings):
    subscribe("patient@example.org", "", created_at=earlier())
    settings.EMAIL_PORT = 1  # nobody listens
    tasks.match_releases([fresh("Waiting").pk])
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.PENDING and "refused" in delivery.error.lower()
    settings.EMAIL_PORT = smtp_server.port
    tasks.scan()
    assert [m["To"] for m in smtp_server.messages] == ["patient@example.org"]


def test_a_refused_address_is_failed_and_an_admin_resends_it(smtp_server, superuser):
    subscribe("refused@example.org", "", created_at=earlier())
    subscribe("fine@example.org", "", created_at=earlier())
    smtp_server.refused.add("refused@example.org")
    tasks.match_releases([fresh("Refused").pk])
    failed = Delivery.objects.get(status=DeliveryStatus.FAILED)
    assert failed.subscription.subscriber.email == "refused@example.org" and "550" in failed.error
    assert [m["To"] for m in smtp_server.messages] == ["fine@example.org"]
    smtp_server.refused.clear()
    request = RequestFactory().post("/")
    request.user = superuser
    request._messages = _Messages()
    DeliveryAdmin(Delivery, site).resend(request, Delivery.objects.all())
    failed.refresh_from_db()
    assert failed.status == DeliveryStatus.SENT
    assert [m["To"] for m in smtp_server.messages] == ["fine@example.org", "refused@example.org"]


def test_a_worker_that_stopped_mid_send_is_reported_not_repeated(smtp_server):
    subscription = subscribe("stopped@example.org", "", created_at=earlier())
    release = fresh("Stopped")
    Delivery.objects.create(
        subscription=subscription,
        release=release,
        status=DeliveryStatus.SENDING,
        claimed_at=timezone.now() - datetime.timedelta(hours=1),
    )
    tasks.scan()
    assert Delivery.objects.get().status == DeliveryStatus.INTERRUPTED
    assert smtp_server.messages == []


def test_the_rate_limit_waits_for_the_next_minute(monkeypatch):
    slept = []
    monkeypatch.setattr(tasks.time, "sleep", slept.append)
    limit = tasks.RateLimit(2)
    for _ in range(5):
        limit.wait()
    assert len(slept) == 2 and all(0 < s <= 60 for s in slept)


class _Messages:
    def add(self, *args, **kwargs):
        pass
