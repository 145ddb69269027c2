"""The live preview renders the public page from the unsaved form: nothing is saved, the body
is sanitised as a save would, the classification chosen shows, and only its author sees it."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from press.models import PressRelease
from taxonomy.models import Country
from tests.factories import make_release, make_user
from tests.press.test_admin import form_data

pytestmark = pytest.mark.django_db

NEW = reverse("admin:press_pressrelease_live_preview_new")


def keep(client, address, data):
    response = client.post(address, data)
    assert response.status_code == 200
    return response.json()["url"]


def test_a_new_release_is_shown_as_typed_without_being_saved(client):
    client.force_login(make_user("writer", groups=["Author"]))
    poland = Country.objects.get(slug="poland")
    data = form_data(
        title="Observers deployed",
        slug="",
        body='<p>Day one.</p><script>alert(1)</script><p onclick="x()">Day two.</p>',
        countries=[poland.pk],
        tags="Elections, observers",
    )
    page = client.get(keep(client, NEW, data))
    assert page.status_code == 200
    html = page.text
    assert "<h1>Observers deployed</h1>" in html
    assert "Your unsaved changes, as the public page will show them" in html
    assert "<p>Day one.</p>" in html and "<p>Day two.</p>" in html
    assert "alert(1)" not in html and "onclick" not in html
    assert ">Poland</a>" in html and ">Elections</a>" in html
    assert {"private", "no-store"} <= set(page["Cache-Control"].replace(" ", "").split(","))
    assert page["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in page["Content-Security-Policy"]
    assert not PressRelease.objects.exists()


def test_changes_to_a_published_release_show_before_saving(client):
    editor = make_user("editor", groups=["Editor"])
    release = make_release("Talks in Vienna")
    client.force_login(editor)
    address = reverse("admin:press_pressrelease_live_preview", args=[release.pk])
    url = keep(client, address, form_data(release, title="Talks in Vienna resume"))
    assert "<h1>Talks in Vienna resume</h1>" in client.get(url).text
    release.refresh_from_db()
    assert release.title == "Talks in Vienna"
    # The public page still shows what is saved.
    assert "Talks in Vienna resume" not in client.get(release.get_absolute_url()).text


def test_a_major_change_being_written_shows_as_readers_will_see_it(client):
    editor = make_user("editor", groups=["Editor"])
    release = make_release("Talks in Vienna")
    client.force_login(editor)
    address = reverse("admin:press_pressrelease_live_preview", args=[release.pk])
    data = form_data(release, change_kind="major", change_note="Corrected the date of the talks.")
    html = client.get(keep(client, address, data)).text
    assert "<dt>Updated</dt>" in html and 'id="change-history"' in html
    assert "Corrected the date of the talks." in html
    assert not release.change_notes.exists()


def test_a_field_in_error_shows_what_is_saved(client):
    editor = make_user("editor", groups=["Editor"])
    release = make_release("Talks in Vienna")
    client.force_login(editor)
    address = reverse("admin:press_pressrelease_live_preview", args=[release.pk])
    url = keep(client, address, form_data(release, title="", lead="A new lead."))
    html = client.get(url).text
    assert "<h1>Talks in Vienna</h1>" in html and "A new lead." in html


def test_a_preview_is_its_authors_only_and_expires(client):
    writer = make_user("writer", groups=["Author"])
    client.force_login(writer)
    url = keep(client, NEW, form_data(title="Not for others"))

    client.force_login(make_user("other", groups=["Author"]))
    assert client.get(url).status_code == 404  # the key is kept per person
    client.force_login(writer)
    cache.clear()
    expired = client.get(url)
    assert expired.status_code == 404
    assert "This preview is no longer kept" in expired.text


def test_who_may_not_edit_the_release_gets_no_preview_of_it(client):
    owner = make_user("writer", groups=["Author"])
    release = make_release("Own draft", status="draft", created_by=owner)
    client.force_login(make_user("other", groups=["Author"]))
    address = reverse("admin:press_pressrelease_live_preview", args=[release.pk])
    assert client.post(address, form_data(release)).status_code == 403
    client.logout()
    assert client.post(NEW, form_data()).status_code == 302  # to the login page
