"""Media ask for the press room; an editor approves or refuses; approval leads, by a mail to
set a password, to the sign-in and the room."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.utils import timezone

from press.models import JOURNALIST_GROUP, AccessRequestStatus, JournalistAccessRequest, Status
from tests.factories import make_release

pytestmark = pytest.mark.django_db

DETAILS = {
    "name": "Ana Reporter",
    "media_outlet": "Danube Daily",
    "email": "ana@danube.example",
    "country": "Austria",
    "credentials": "https://danube.example/authors/ana",
}


def test_the_request_form_stores_a_valid_request(client):
    assert client.get("/press-room/request/").status_code == 200
    response = client.post("/press-room/request/", DETAILS)
    assert response.status_code == 200 and "Request received" in response.content.decode()
    stored = JournalistAccessRequest.objects.get()
    assert stored.media_outlet == "Danube Daily" and stored.status == AccessRequestStatus.PENDING


def test_the_request_form_says_what_is_missing(client):
    response = client.post("/press-room/request/", {**DETAILS, "email": "not an address"})
    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()
    assert client.post("/press-room/request/", {"name": "x" * 5000}).status_code == 400
    assert not JournalistAccessRequest.objects.exists()


def test_robots_and_floods_are_thanked_and_not_stored(client):
    client.post("/press-room/request/", {**DETAILS, "website": "http://spam.example"})
    assert not JournalistAccessRequest.objects.exists()
    for _attempt in range(8):
        assert client.post("/press-room/request/", DETAILS).status_code == 200
    # The robot's attempt counted too: five a client address an hour.
    assert JournalistAccessRequest.objects.count() == 4


def decide(client, user, action, request):
    client.force_login(user)
    return client.post(
        "/admin/press/journalistaccessrequest/",
        {"action": action, "_selected_action": [request.pk]},
        follow=True,
    )


def test_the_round_trip_from_request_to_the_press_room(
    client, editor, django_capture_on_commit_callbacks
):
    release = make_release("Ceasefire agreement reached", status=Status.IN_REVIEW)
    release.embargo(by=editor, until=timezone.now() + datetime.timedelta(hours=2))
    client.post("/press-room/request/", DETAILS)
    access_request = JournalistAccessRequest.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        decide(client, editor, "approve_selected", access_request)
    access_request.refresh_from_db()
    assert access_request.status == AccessRequestStatus.APPROVED
    account = User.objects.get(email="ana@danube.example")
    assert not account.is_staff and account.groups.filter(name=JOURNALIST_GROUP).exists()
    [message] = mail.outbox
    assert message.to == ["ana@danube.example"]

    client.logout()
    link = re.search(r"https?://[^/\s]+(/\S+/)", message.body).group(1)
    form_page = client.get(link, follow=True)
    chosen = "a passphrase of my own choosing"
    client.post(form_page.redirect_chain[-1][0], {"new_password1": chosen, "new_password2": chosen})
    signed = client.post("/press-room/login/", {"username": account.username, "password": chosen})
    assert signed.status_code == 302
    assert "Ceasefire agreement reached" in client.get("/press-room/").content.decode()
    assert client.get("/admin/").status_code == 302  # no admin for journalists


def test_a_refused_request_makes_no_account(client, editor):
    access_request = JournalistAccessRequest.objects.create(**DETAILS)
    decide(client, editor, "refuse_selected", access_request)
    access_request.refresh_from_db()
    assert access_request.status == AccessRequestStatus.REFUSED
    assert not User.objects.filter(email=DETAILS["email"]).exists() and not mail.outbox
    # Decided once: a later approval is refused.
    decide(client, editor, "approve_selected", access_request)
    assert not User.objects.filter(email=DETAILS["email"]).exists()


def test_authors_and_taxonomy_managers_cannot_approve(client, author, taxonomy_manager):
    access_request = JournalistAccessRequest.objects.create(**DETAILS)
    for user in (author, taxonomy_manager):
        client.force_login(user)
        assert client.get("/admin/press/journalistaccessrequest/").status_code == 403
        decide(client, user, "approve_selected", access_request)
    access_request.refresh_from_db()
    assert access_request.status == AccessRequestStatus.PENDING
    assert not User.objects.filter(email=DETAILS["email"]).exists()


def test_an_approval_never_turns_a_staff_account_into_a_journalist(client, editor):
    access_request = JournalistAccessRequest.objects.create(**{**DETAILS, "email": editor.email})
    decide(client, editor, "approve_selected", access_request)
    editor.refresh_from_db()
    assert not editor.groups.filter(name=JOURNALIST_GROUP).exists()
    assert JournalistAccessRequest.objects.get().status == AccessRequestStatus.PENDING
