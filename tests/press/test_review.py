"""The review round trip: an editor sends a release back with a comment or publishes it; the
author hears about it in the newsroom and by email; the comment stays in the history."""

from __future__ import annotations

import pytest
from django.core import mail

from press.models import PressRelease, ReleaseTransition, Status
from tests.factories import make_release, make_user
from tests.press.test_admin import change_url, errors_of, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    return make_user("writer", groups=["Author"]), make_user("chief", groups=["Editor"])


@pytest.fixture
def submitted(people):
    author, _editor = people
    return make_release("Observers deployed", status=Status.IN_REVIEW, created_by=author)


def step(client, release, name, **fields):
    return client.post(change_url(release), form_data(release, _step=name, **fields))


def test_sending_back_asks_for_a_comment(client, people, submitted):
    client.force_login(people[1])
    response = step(client, submitted, "return_to_draft", step_comment="")
    assert errors_of(response)["step_comment"] == ["Tell the author what to change."]
    submitted.refresh_from_db()
    assert submitted.status == Status.IN_REVIEW
    assert mail.outbox == []


def test_sent_back_with_a_comment_the_author_is_told_everywhere(
    client, people, submitted, django_capture_on_commit_callbacks
):
    author, editor = people
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = step(
            client, submitted, "return_to_draft", step_comment="Add the mission's quote."
        )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Status.DRAFT
    # Kept with the history.
    last = ReleaseTransition.objects.filter(release=submitted).first()
    assert (last.note, last.by) == ("Add the mission's quote.", editor)
    # By email.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [author.email]
    assert message.subject == "Sent back to you: Observers deployed"
    assert "Add the mission's quote." in message.body
    assert f"http://127.0.0.1:8000/admin/press/pressrelease/{submitted.pk}/change/" in message.body
    # In the newsroom: the author's desk shows the comment beside the draft.
    client.force_login(author)
    desk = client.get("/admin/").text
    assert "Sent back by chief:" in desk and "Add the mission&#x27;s quote." in desk
    history = client.get(change_url(submitted)).text
    assert "Add the mission&#x27;s quote." in history


def test_publishing_someone_elses_release_tells_the_author(
    client, people, submitted, django_capture_on_commit_callbacks
):
    client.force_login(people[1])
    with django_capture_on_commit_callbacks(execute=True):
        response = step(client, submitted, "publish", step_comment="Nice work.")
    assert response.status_code == 302
    assert PressRelease.objects.get(pk=submitted.pk).status == Status.PUBLISHED
    assert [m.subject for m in mail.outbox] == ["Published: Observers deployed"]
    assert "Nice work." in mail.outbox[0].body


def test_nobody_is_mailed_about_their_own_steps(client, people, django_capture_on_commit_callbacks):
    _author, editor = people
    own = make_release("Editor's own", status=Status.IN_REVIEW, created_by=editor)
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        step(client, own, "return_to_draft")  # no comment needed on one's own release
    own.refresh_from_db()
    assert own.status == Status.DRAFT
    assert mail.outbox == []


def test_a_submitting_author_can_leave_a_note_for_the_editor(client, people):
    author, _editor = people
    draft = make_release("Draft", status=Status.DRAFT, created_by=author)
    client.force_login(author)
    assert step(client, draft, "submit", step_comment="Embargo until noon?").status_code == 302
    assert ReleaseTransition.objects.filter(release=draft).first().note == "Embargo until noon?"


def test_the_history_names_the_step_a_button_took(client, people, submitted):
    client.force_login(people[1])
    step(client, submitted, "return_to_draft", step_comment="Shorter, please.")
    history = client.get(f"/admin/press/pressrelease/{submitted.pk}/history/").text
    assert "Returned to draft." in history
    assert "No fields changed." not in history
