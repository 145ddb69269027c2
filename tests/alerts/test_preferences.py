"""The preferences page (every subscription of an address, by the signed link in every
mail), unsubscribing by link and by RFC 8058 one-click POST, and the data download."""

from __future__ import annotations

import datetime
import json
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.utils import timezone

from alerts import mails, tasks
from alerts.models import Delivery, Frequency, Subscriber, Subscription
from tests.alerts.conftest import subscribe
from tests.factories import make_release

pytestmark = pytest.mark.django_db


def path(url: str) -> str:
    return urlsplit(url).path


@pytest.fixture
def reader():
    austria = subscribe("reader@example.org", "country=austria")
    serbia = subscribe("reader@example.org", "country=serbia", Frequency.WEEKLY)
    subscribe("someone-else@example.org", "country=austria")
    return austria, serbia


def test_the_page_lists_every_subscription_of_the_address_and_no_other(client, reader):
    austria, _serbia = reader
    response = client.get(path(mails.preferences_url(austria)))
    html = response.content.decode()
    assert response.status_code == 200 and "no-cache" in response["Cache-Control"]
    assert "Country: Austria" in html and "Country: Serbia" in html
    assert "someone-else" not in html
    assert html.count('name="action" value="unsubscribe"') == 2
    assert f'<label for="frequency-{austria.pk}">' in html


def test_change_frequency_pause_resume_and_unsubscribe_one(client, reader):
    austria, serbia = reader
    url = path(mails.preferences_url(austria))
    client.post(url, {"subscription": austria.pk, "action": "frequency", "frequency": "daily"})
    austria.refresh_from_db()
    assert austria.frequency == Frequency.DAILY
    client.post(url, {"subscription": austria.pk, "action": "frequency", "frequency": "hourly"})
    austria.refresh_from_db()
    assert austria.frequency == Frequency.DAILY
    client.post(url, {"subscription": serbia.pk, "action": "pause"})
    serbia.refresh_from_db()
    assert serbia.paused
    client.post(url, {"subscription": serbia.pk, "action": "resume"})
    serbia.refresh_from_db()
    assert not serbia.paused
    client.post(url, {"subscription": serbia.pk, "action": "unsubscribe"})
    assert not Subscription.objects.filter(pk=serbia.pk).exists()
    # Another address's subscription cannot be reached from this page.
    other = Subscription.objects.get(subscriber__email="someone-else@example.org")
    client.post(url, {"subscription": other.pk, "action": "unsubscribe"})
    assert Subscription.objects.filter(pk=other.pk).exists()


def test_unsubscribing_from_everything_deletes_the_address(client, reader):
    austria, _serbia = reader
    url = path(mails.preferences_url(austria))
    response = client.post(url, {"action": "unsubscribe-all"})
    assert response.status_code == 200
    assert not Subscriber.objects.filter(email="reader@example.org").exists()
    assert not Subscription.objects.filter(subscriber__email="reader@example.org").exists()
    assert client.get(url).status_code == 404


def test_my_data_is_everything_kept_about_the_address(client, reader):
    austria, _serbia = reader
    austria.created_at = timezone.now() - datetime.timedelta(hours=2)
    austria.save()
    release = make_release(
        "Sent", countries=["austria"], published_at=timezone.now() - datetime.timedelta(hours=1)
    )
    tasks.match_releases([release.pk])
    response = client.get(path(mails.preferences_url(austria)) + "my-data.json")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["email"] == "reader@example.org"
    assert {s["filter"] for s in data["subscriptions"]} == {"country=austria", "country=serbia"}
    by_filter = {s["filter"]: s for s in data["subscriptions"]}
    [sent] = by_filter["country=austria"]["deliveries"]
    assert sent["release"] == release.get_absolute_url()


def test_the_unsubscribe_link_asks_then_deletes(client, reader):
    austria, serbia = reader
    url = path(mails.unsubscribe_url(austria))
    page = client.get(url)
    assert page.status_code == 200 and Subscription.objects.filter(pk=austria.pk).exists()
    assert client.post(url).status_code == 200
    assert not Subscription.objects.filter(pk=austria.pk).exists()
    assert Subscriber.objects.filter(email="reader@example.org").exists()  # Serbia stays
    client.post(path(mails.unsubscribe_url(serbia)))
    assert not Subscriber.objects.filter(email="reader@example.org").exists()  # the last one
    # Twice is no error.
    assert client.post(url).status_code == 200


def test_one_click_unsubscribe_is_a_post_without_a_page(reader):
    austria, _serbia = reader
    mail_program = Client(enforce_csrf_checks=True)
    response = mail_program.post(
        path(mails.unsubscribe_url(austria)),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Subscription.objects.filter(pk=austria.pk).exists()
    assert not Delivery.objects.filter(subscription_id=austria.pk).exists()


@pytest.mark.parametrize("name", ["preferences", "unsubscribe"])
@pytest.mark.parametrize("token", ["x", "a" * 2000, "e30:1rXyZ:abc", "%ff", "1:2:3:4"])
def test_bad_links_are_a_clear_400(client, name, token):
    for method in (client.get, client.post):
        response = method(f"/alerts/{name}/{token}/")
        assert response.status_code == 400
        assert "This link does not work" in response.content.decode()
    assert client.get(f"/alerts/preferences/{token}/my-data.json").status_code == 400


def test_a_preferences_link_cannot_unsubscribe_and_the_reverse(client, reader):
    austria, _serbia = reader
    preferences = mails.preferences_url(austria).rsplit("/", 2)[-2]
    unsubscribe = mails.unsubscribe_url(austria).rsplit("/", 2)[-2]
    assert client.post(f"/alerts/unsubscribe/{preferences}/").status_code == 400
    assert client.get(f"/alerts/preferences/{unsubscribe}/").status_code == 400
    assert Subscription.objects.filter(pk=austria.pk).exists()


def test_nonsense_posts_never_fail(client, reader):
    austria, _serbia = reader
    url = path(mails.preferences_url(austria))
    for data in (
        {},
        {"action": "frequency"},
        {"subscription": "²", "action": "pause"},
        {"subscription": "9" * 40, "action": "pause"},
        {"subscription": austria.pk, "action": "explode"},
        {"subscription": austria.pk, "action": "frequency", "frequency": ["daily", "x"]},
    ):
        assert client.post(url, data).status_code in (200, 302)
