"""Who is editing a release: colleagues see "X is editing since 10:42", may take over
explicitly, and the one taken from is told; a closed or silent page lets go."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from press.models import EditingSession
from tests.factories import make_release, make_user
from tests.press.test_admin import change_url, form_data

pytestmark = pytest.mark.django_db


def heartbeat(client, release):
    return client.post(reverse("admin:press_pressrelease_editing", args=[release.pk]))


@pytest.fixture
def editors(db):
    return (
        make_user("anna", groups=["Editor"], first_name="Anna", last_name="Berg"),
        make_user("boris", groups=["Editor"]),
    )


def test_opening_a_release_tells_others_who_is_editing_since_when(client, editors):
    anna, boris = editors
    release = make_release("Talks in Vienna")
    client.force_login(anna)
    first = client.get(change_url(release))
    assert first.context["editing"]["mine"] is True
    assert "is editing this release" not in first.text

    client.force_login(boris)
    second = client.get(change_url(release))
    since = timezone.localtime(EditingSession.objects.get().since).strftime("%H:%M")
    assert f"Anna Berg is editing this release since {since}." in second.text
    assert "Take over editing" in second.text
    assert EditingSession.objects.get().user == anna  # looking does not take it


def test_taking_over_moves_the_release_and_tells_the_one_taken_from(client, editors):
    anna, boris = editors
    release = make_release("Talks in Vienna")
    client.force_login(anna)
    client.get(change_url(release))

    client.force_login(boris)
    response = client.post(
        reverse("admin:press_pressrelease_take_over", args=[release.pk]), follow=True
    )
    assert "You took over editing from Anna Berg" in response.text
    assert response.context["editing"]["mine"] is True
    assert EditingSession.objects.get().user == boris

    client.force_login(anna)
    answer = heartbeat(client, release).json()
    assert answer["mine"] is False
    assert answer["message"].startswith("boris took over editing at")
    assert "your save will be refused" in answer["message"]
    assert EditingSession.objects.get().user == boris  # her report does not take it back


def test_a_page_that_stopped_reporting_lets_go(client, editors, settings):
    anna, boris = editors
    release = make_release("Talks in Vienna")
    client.force_login(anna)
    client.get(change_url(release))
    EditingSession.objects.update(
        seen_at=timezone.now()
        - datetime.timedelta(seconds=settings.NEWSROOM["EDITING_STALE_SECONDS"] + 1)
    )
    client.force_login(boris)
    page = client.get(change_url(release))
    assert page.context["editing"]["mine"] is True
    assert "is editing this release" not in page.text
    assert EditingSession.objects.get().user == boris


def test_leaving_lets_go_and_the_next_report_takes_the_release(client, editors):
    anna, boris = editors
    release = make_release("Talks in Vienna")
    client.force_login(anna)
    client.get(change_url(release))
    client.force_login(boris)
    client.get(change_url(release))
    assert heartbeat(client, release).json()["mine"] is False

    client.force_login(anna)
    assert (
        client.post(reverse("admin:press_pressrelease_leave", args=[release.pk])).status_code == 204
    )
    client.force_login(boris)
    assert heartbeat(client, release).json() == {"mine": True, "message": ""}


def test_the_save_time_refusal_stays_when_both_edit(client, editors):
    anna, boris = editors
    release = make_release("Talks in Vienna")
    client.force_login(anna)
    anna_form = form_data(release, title="Anna's title")
    client.force_login(boris)
    client.post(reverse("admin:press_pressrelease_take_over", args=[release.pk]))
    assert (
        client.post(change_url(release), form_data(release, title="Boris's title")).status_code
        == 302
    )

    client.force_login(anna)
    refused = client.post(change_url(release), anna_form)
    assert refused.status_code == 200
    release.refresh_from_db()
    assert release.title == "Boris's title"


def test_who_may_not_edit_neither_holds_nor_takes_over(client, editors):
    anna, _boris = editors
    owner = make_user("writer", groups=["Author"])
    other = make_user("other", groups=["Author"])
    release = make_release("Own draft", status="draft", created_by=owner)
    client.force_login(anna)
    client.get(change_url(release))

    client.force_login(other)  # another author's draft: read-only to them
    read_only = client.get(change_url(release))
    assert read_only.status_code == 200 and "editing" not in read_only.context
    assert "Take over editing" not in read_only.text
    assert (
        client.post(reverse("admin:press_pressrelease_take_over", args=[release.pk])).status_code
        == 403
    )
    assert heartbeat(client, release).status_code == 403
    assert EditingSession.objects.get().user == anna
