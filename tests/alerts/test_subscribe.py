"""Subscribing from a listing or a term page: double opt-in by a signed link valid 7 days,
the same answer for everyone, no 500 from any input."""

from __future__ import annotations

import time
from unittest import mock
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from alerts.models import Frequency, Subscriber, Subscription
from tests.factories import make_release

pytestmark = pytest.mark.django_db

SUBSCRIBE = reverse("alerts:subscribe")


def path_of(url: str) -> str:
    return urlsplit(url).path


def test_listing_and_term_pages_link_to_an_alert_for_their_filter(client):
    make_release("Austrian release", countries=["austria"])
    html = client.get("/press-releases/?country=austria&type=statement&sort=oldest").content
    assert f'href="{SUBSCRIBE}?country=austria&amp;type=statement&amp;sort=oldest"'.encode() in html
    html = client.get("/countries/austria/").content.decode()
    assert f'href="{SUBSCRIBE}?country=austria"' in html
    html = client.get("/fields-of-work/elections/").content.decode()
    assert f'href="{SUBSCRIBE}?field=elections"' in html


def test_the_form_names_the_filter_and_its_fields(client):
    response = client.get(SUBSCRIBE + "?type=statement&country=austria&sort=oldest")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Country: Austria; Type: Statement" in html
    # Posted back with the canonical filter (no sort order: it changes no release).
    assert 'action="?country=austria&amp;type=statement"' in html
    assert '<label for="id_email">' in html and 'id="id_email"' in html
    assert "<legend>How often</legend>" in html
    assert "<script>" not in html
    assert "no-cache" in response["Cache-Control"]


def test_a_bad_address_is_a_form_error_tied_to_its_field(client, smtp_server):
    response = client.post(SUBSCRIBE + "?country=austria", {"email": "not an address"})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'aria-describedby="email-error"' in html and 'aria-invalid="true"' in html
    assert 'id="email-error"' in html and "Enter a valid email address." in html
    assert smtp_server.messages == []


def test_double_opt_in_from_mail_to_subscription(client, smtp_server):
    response = client.post(
        SUBSCRIBE + "?country=austria&type=statement",
        {"email": " Reader@Example.org ", "frequency": "daily"},
    )
    assert response.status_code == 200 and "Check your inbox" in response.content.decode()
    assert not Subscriber.objects.exists()  # nothing is kept before the address confirms

    [message] = smtp_server.messages
    assert message["To"] == "reader@example.org"
    assert message["From"] == "Alerts <alerts@newsroom.example.org>"
    assert message["Reply-To"] == "press@newsroom.example.org"
    assert message.is_multipart()
    link = smtp_server.link(message, "/alerts/confirm/")
    assert link.startswith("https://newsroom.example.org/alerts/confirm/")
    assert link in smtp_server.html(message)
    assert "Country: Austria; Type: Statement" in smtp_server.text(message)

    # Opening the link (as a mail scanner would) confirms nothing; the button does.
    page = client.get(path_of(link))
    assert page.status_code == 200 and not Subscriber.objects.exists()
    confirmed = client.post(path_of(link))
    assert confirmed.status_code == 200
    subscription = Subscription.objects.get()
    assert subscription.subscriber.email == "reader@example.org"
    assert subscription.query == "country=austria&type=statement"
    assert subscription.description == "Country: Austria; Type: Statement"
    assert subscription.frequency == Frequency.DAILY
    # Confirming again changes nothing.
    client.post(path_of(link))
    assert Subscription.objects.count() == 1


def test_a_confirmation_link_expires_after_seven_days(client, smtp_server):
    client.post(SUBSCRIBE + "?country=austria", {"email": "late@example.org"})
    link = path_of(smtp_server.link(smtp_server.messages[0], "/alerts/confirm/"))
    later = time.time() + 7 * 86400 + 60
    with mock.patch("django.core.signing.time.time", return_value=later):
        response = client.post(link)
    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()
    assert not Subscription.objects.exists()
    within = time.time() + 6 * 86400
    with mock.patch("django.core.signing.time.time", return_value=within):
        assert client.post(link).status_code == 200
    assert Subscription.objects.count() == 1


@pytest.mark.parametrize(
    "token",
    ["x", "", "a" * 3000, "%00", "eyJ9:1:2", "..", "ünïcode", "abc:def:ghi"],
)
def test_a_bad_confirmation_link_is_a_clear_400(client, token):
    path = f"/alerts/confirm/{token}/"
    for method in (client.get, client.post):
        response = method(path)
        assert response.status_code in (400, 404)


def test_a_tampered_link_is_refused(client, smtp_server):
    client.post(SUBSCRIBE + "?country=austria", {"email": "a@example.org"})
    link = path_of(smtp_server.link(smtp_server.messages[0], "/alerts/confirm/"))
    forged = link[:-3] + ("A" if link[-3] != "A" else "B") + link[-2:]
    assert client.post(forged).status_code == 400


def test_the_answer_is_the_same_for_subscribers_robots_and_repeats(client, smtp_server, settings):
    def answer(data):
        response = client.post(SUBSCRIBE + "?country=austria", data)
        return response.status_code, response.content.decode().replace(data["email"], "@")

    first = answer({"email": "one@example.org"})
    client.post(path_of(smtp_server.link(smtp_server.messages[0], "/alerts/confirm/")))
    assert answer({"email": "one@example.org"}) == first  # already subscribed
    assert answer({"email": "bot@example.org", "website": "http://spam"}) == first
    # The honeypot sent nothing; the repeat was mailed (to the address's owner only).
    assert [m["To"] for m in smtp_server.messages] == ["one@example.org", "one@example.org"]


def test_confirmation_mails_are_limited_per_address_and_per_client(client, smtp_server, settings):
    for _ in range(5):
        client.post(SUBSCRIBE, {"email": "flood@example.org"})
    assert len(smtp_server.to("flood@example.org")) == 3
    settings.ALERTS = {**settings.ALERTS, "CONFIRMATIONS_PER_CLIENT_PER_HOUR": 5}
    for n in range(4):
        client.post(SUBSCRIBE, {"email": f"other{n}@example.org"})
    # Five counted already for this client address: none of these went.
    assert len(smtp_server.messages) == 3


def test_strange_listing_parameters_never_fail(client):
    for query in (
        "?country=nowhere",
        "?year=²⁰²⁵",
        "?from=9999-99-99",
        "?page=x",
        "?q=" + "a" * 5000,
    ):
        response = client.get(SUBSCRIBE + query)
        assert response.status_code == 200
        response = client.post(SUBSCRIBE + query, {"email": "x@example.org"})
        assert response.status_code == 200
