"""The press room: embargoed releases for accredited journalists, and for nobody else,
nowhere else, until the embargo lifts; then they are public everywhere by themselves."""

from __future__ import annotations

import datetime
import re
import secrets

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from core.generations import forget_state
from press.models import JOURNALIST_GROUP, EmbargoedView, PressRelease, Status
from tests.factories import make_release, make_user

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)
PASSWORD = "correct horse battery staple"
SECRET = "Ceasefire agreement reached"

PUBLIC_PATHS = [
    "/",
    "/press-releases/",
    "/press-releases/?q=ceasefire",
    "/press-releases/?country=georgia",
    "/press-releases/feed/",
    "/press-releases/feed/atom/",
    "/countries/",
    "/countries/georgia/",
    "/fields-of-work/",
    "/fields-of-work/conflict-prevention-and-resolution/",
    "/structures/",
    "/structures/mission-to-georgia/",
    "/sitemap-releases.xml",
    "/events/",
    "/events.ics",
    "/api/v1/releases",
    "/api/v1/releases?q=ceasefire",
    "/api/v1/releases?facets=country",
]

# Lists of terms, not of releases.
INDEX_PAGES = {"/countries/", "/fields-of-work/", "/structures/"}


def make_journalist(username: str = "reporter") -> User:
    user = User.objects.create_user(username, f"{username}@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name=JOURNALIST_GROUP))
    return user


@pytest.fixture
def embargoed(editor):
    release = make_release(
        SECRET,
        status=Status.IN_REVIEW,
        countries=["georgia"],
        fields=["conflict-prevention-and-resolution"],
        structures=["mission-to-georgia"],
        body="<p>The parties signed in Vienna.</p>",
    )
    release.embargo(by=editor, until=timezone.now() + HOUR)
    return release


@pytest.fixture
def journalist(db):
    return make_journalist()


def signed_in(client, user):
    client.force_login(user)
    return client


def test_the_journalist_group_has_no_permission_and_no_admin():
    assert not Group.objects.get(name=JOURNALIST_GROUP).permissions.exists()


def test_anonymous_visitors_and_plain_accounts_are_sent_to_the_sign_in(client, embargoed):
    for path in ("/press-room/", f"/press-room/{embargoed.slug}/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/press-room/login/?next=")
        assert SECRET not in response.content.decode()
        assert "no-store" in response["Cache-Control"]
    # Signed in, but never accredited by an editor.
    outsider = User.objects.create_user("outsider", "o@example.org", PASSWORD)
    response = signed_in(client, outsider).get(f"/press-room/{embargoed.slug}/")
    assert response.status_code == 302
    assert not EmbargoedView.objects.exists()


def test_a_journalist_reads_the_release_with_the_embargo_banner(client, embargoed, journalist):
    signed_in(client, journalist)
    room = client.get("/press-room/")
    assert room.status_code == 200
    assert room["Cache-Control"] == "private, no-store"
    html = room.content.decode()
    assert SECRET in html and "Embargoed until" in html
    assert f"/press-room/{embargoed.slug}/" in html

    page = client.get(f"/press-room/{embargoed.slug}/", REMOTE_ADDR="203.0.113.9")
    html = page.content.decode()
    assert page["Cache-Control"] == "private, no-store"
    assert "not for publication before then" in html
    # The time with its zone and offset, as the site's clock states it.
    local = timezone.localtime(embargoed.published_at)
    assert f"UTC{local:%z}" in html and str(timezone.get_current_timezone()) in html
    assert "The parties signed in Vienna." in html


def test_every_reading_is_logged_for_the_editors(client, embargoed, journalist):
    signed_in(client, journalist)
    client.get(f"/press-room/{embargoed.slug}/", REMOTE_ADDR="203.0.113.9")
    client.get(f"/press-room/{embargoed.slug}/", REMOTE_ADDR="198.51.100.4")
    views = list(EmbargoedView.objects.order_by("pk").values_list("user", "release", "address"))
    assert views == [
        (journalist.pk, embargoed.pk, "203.0.113.9"),
        (journalist.pk, embargoed.pk, "198.51.100.4"),
    ]
    # The list itself reads no release: nothing is logged for it.
    client.get("/press-room/")
    assert EmbargoedView.objects.count() == 2


def test_the_log_is_read_only_in_the_admin(client, embargoed, journalist, editor, author):
    EmbargoedView.objects.record(embargoed, journalist, "203.0.113.9")
    signed_in(client, editor)
    listing = client.get("/admin/press/embargoedview/")
    assert listing.status_code == 200 and "203.0.113.9" in listing.content.decode()
    assert client.get("/admin/press/embargoedview/add/").status_code == 403
    view = EmbargoedView.objects.get()
    page = client.get(f"/admin/press/embargoedview/{view.pk}/change/")
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert client.post(f"/admin/press/embargoedview/{view.pk}/delete/").status_code == 403
    # Authors do not learn which journalists read what.
    signed_in(client, author)
    assert client.get("/admin/press/embargoedview/").status_code == 403


def test_a_journalist_sees_no_draft_or_withdrawn_release_nor_the_admin(client, journalist):
    draft = make_release("A draft not shared", status=Status.DRAFT)
    scheduled = make_release("Scheduled, not shared", published_at=timezone.now() + HOUR)
    withdrawn = make_release("Withdrawn one", status=Status.WITHDRAWN)
    signed_in(client, journalist)
    assert "not shared" not in client.get("/press-room/").content.decode()
    for release in (draft, scheduled, withdrawn):
        assert client.get(f"/press-room/{release.slug}/").status_code == 404
    for release in (draft, scheduled):
        assert client.get(release.get_absolute_url()).status_code == 404
    assert client.get("/admin/").status_code == 302
    assert client.get("/admin/press/pressrelease/").status_code == 302


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_nothing_public_shows_an_embargoed_release(client, embargoed, journalist, path):
    # Neither to the public nor to the journalist outside the press room.
    for visitor in (client, signed_in(type(client)(), journalist)):
        response = visitor.get(path)
        assert response.status_code == 200, path
        assert SECRET not in response.content.decode()
        assert embargoed.slug not in response.content.decode()
    assert client.get(embargoed.get_absolute_url()).status_code == 404
    assert client.get(f"/api/v1/releases/{embargoed.slug}").status_code == 404


def test_the_page_cache_never_keeps_a_press_room_page(client, embargoed, journalist):
    signed_in(client, journalist)
    client.get(f"/press-room/{embargoed.slug}/")
    client.logout()
    again = client.get(f"/press-room/{embargoed.slug}/")
    assert again.status_code == 302 and SECRET not in again.content.decode()


def test_at_the_embargo_time_it_is_public_everywhere(client, embargoed):
    # Time passes: nobody touches the release; its embargo lifts and it goes live.
    PressRelease.objects.filter(pk=embargoed.pk).update(published_at=timezone.now() - HOUR / 60)
    forget_state()
    assert client.get(embargoed.get_absolute_url()).status_code == 200
    listing_paths = [path for path in PUBLIC_PATHS if path.count("/") > 2 or "?" in path]
    for path in [*listing_paths, "/"]:
        if "facets" in path or path in INDEX_PAGES:
            continue
        assert embargoed.slug in client.get(path).content.decode(), path
    counts = client.get("/api/v1/releases", {"facets": "country"}).json()["facets"][0]["options"]
    assert {o["value"]: o["count"] for o in counts}.get("georgia") == 1
    # And it has left the press room.
    assert not PressRelease.objects.under_embargo().exists()


def test_the_press_room_sign_in_leads_into_the_room(client, embargoed, journalist):
    page = client.get("/press-room/login/")
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    response = client.post(
        "/press-room/login/",
        {"username": "reporter", "password": PASSWORD, "next": f"/press-room/{embargoed.slug}/"},
    )
    assert response.status_code == 302 and response["Location"] == f"/press-room/{embargoed.slug}/"
    assert SECRET in client.get(response["Location"]).content.decode()


@override_settings(AXES_ENABLED=True)
def test_the_press_room_sign_in_is_locked_out_like_the_admin(client, journalist):
    def log_in(password):
        return client.post(
            "/press-room/login/",
            {"username": "reporter", "password": password},
            REMOTE_ADDR="203.0.113.7",
        )

    for _attempt in range(4):
        assert log_in("guess guess").status_code == 200
    assert log_in("guess guess").status_code == 429
    # Locked out, even with the right password now.
    assert log_in(PASSWORD).status_code == 429


def test_staff_see_the_press_room_too(client, embargoed):
    signed_in(client, make_user(groups=["Author"]))
    assert SECRET in client.get("/press-room/").content.decode()


def test_a_new_journalist_sets_a_password_by_mail_and_reaches_the_room(client, embargoed):
    # An administrator created the account with a password nobody knows.
    journalist = make_journalist("newcomer")
    journalist.set_password(secrets.token_urlsafe(30))
    journalist.save()
    login_page = client.get("/press-room/login/").content.decode()
    assert reverse("admin_password_reset") in login_page
    client.post(reverse("admin_password_reset"), {"email": journalist.email}, follow=True)
    [message] = mail.outbox
    link = re.search(r"https?://[^/\s]+(/\S+/)", message.body).group(1)
    form_page = client.get(link, follow=True)
    chosen = "a passphrase of my own choosing"
    client.post(form_page.redirect_chain[-1][0], {"new_password1": chosen, "new_password2": chosen})
    signed = client.post("/press-room/login/", {"username": "newcomer", "password": chosen})
    assert signed.status_code == 302 and signed["Location"] == "/press-room/"
    assert SECRET in client.get("/press-room/").content.decode()
