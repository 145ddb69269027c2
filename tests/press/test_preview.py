"""Share-preview links: signed, expiring after seven days, revocable, never cached or indexed."""

from __future__ import annotations

import datetime
import re
import time

import pytest
from django.core import signing
from django.urls import reverse

from press import preview
from press.models import Status
from tests.factories import make_release

pytestmark = pytest.mark.django_db


def test_preview_shows_a_draft_without_an_account(client):
    release = make_release("Draft for review", status=Status.DRAFT, body="<p>Unpublished.</p>")
    assert client.get(release.get_absolute_url()).status_code == 404
    response = client.get(preview.preview_url(release))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Draft for review" in html and "Unpublished." in html
    assert response.context["preview"] is True
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex"


def test_the_outside_reader_is_told_it_is_a_shared_preview_not_a_staff_page(client, editor):
    release = make_release("Draft for review", status=Status.DRAFT)
    shared = client.get(preview.preview_url(release)).content.decode()
    assert "preview link shared with you" in shared
    assert "Only staff can see this page" not in shared
    client.force_login(editor)
    staff = client.get(release.get_absolute_url()).content.decode()
    assert "Only staff can see this page" in staff


def test_preview_url_lives_under_press_releases():
    release = make_release(status=Status.DRAFT)
    assert re.fullmatch(r"/press-releases/preview/[^/]+/", preview.preview_url(release))


def test_tampered_link_is_404(client):
    release = make_release(status=Status.DRAFT)
    other = make_release("Someone else's draft", status=Status.DRAFT)
    token = preview.make_token(release)
    value, signature = token.rsplit(":", 1)
    forged = signing.dumps({"id": other.pk, "key": release.preview_key.hex}, salt="other")
    for bad in (
        token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        f"{value}:{signature[::-1]}",
        forged,
        "not-a-token",
    ):
        assert client.get(f"/press-releases/preview/{bad}/").status_code == 404, bad


def test_token_for_another_release_id_with_a_valid_signature_is_404(client):
    release = make_release(status=Status.DRAFT)
    other = make_release(status=Status.DRAFT)
    # Signed correctly but with this release's key and the other's id: the key must match.
    token = signing.dumps({"id": other.pk, "key": release.preview_key.hex}, salt=preview.SALT)
    assert client.get(f"/press-releases/preview/{token}/").status_code == 404


def test_link_expires_after_seven_days(client, monkeypatch):
    release = make_release(status=Status.DRAFT)
    url = preview.preview_url(release)
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + datetime.timedelta(days=6).total_seconds())
    assert client.get(url).status_code == 200
    monkeypatch.setattr(
        time, "time", lambda: now + datetime.timedelta(days=7, minutes=1).total_seconds()
    )
    assert client.get(url).status_code == 404


def test_revoking_voids_every_link(client, editor):
    release = make_release(status=Status.DRAFT)
    version = release.version
    old_url = preview.preview_url(release)
    client.force_login(editor)
    admin_url = reverse("admin:press_pressrelease_preview", args=[release.pk])
    page = client.get(admin_url)
    assert page.status_code == 200
    # The same payload (id and key); only the signing time may differ.
    assert old_url.split(":")[0] in page.content.decode()
    client.post(admin_url)
    release.refresh_from_db()
    assert release.version == version  # revoking is not an edit
    client.logout()
    assert client.get(old_url).status_code == 404
    assert client.get(preview.preview_url(release)).status_code == 200


def test_author_can_share_but_only_editors_revoke_published(client, author):
    draft = make_release(status=Status.DRAFT, created_by=author)
    live = make_release()
    client.force_login(author)
    assert (
        client.get(reverse("admin:press_pressrelease_preview", args=[draft.pk])).status_code == 200
    )
    key = live.preview_key
    response = client.post(reverse("admin:press_pressrelease_preview", args=[live.pk]))
    assert response.status_code == 403
    live.refresh_from_db()
    assert live.preview_key == key


def test_preview_link_page_needs_staff(client, taxonomy_manager):
    release = make_release(status=Status.DRAFT)
    client.force_login(taxonomy_manager)
    url = reverse("admin:press_pressrelease_preview", args=[release.pk])
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403


def test_preview_accepts_only_get(client):
    release = make_release(status=Status.DRAFT)
    assert client.post(preview.preview_url(release)).status_code == 405
