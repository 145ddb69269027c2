"""Public change notes in the release editor: saving a live release asks whether the change
is major (readers are told, with a note) or minor (nobody is); the note is kept with the
release's history and never taken back by a revert."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from press.models import ChangeNote, InvalidTransition, PressRelease, Status
from tests.factories import make_release
from tests.press.test_admin import change_url, errors_of, form_data

pytestmark = pytest.mark.django_db

QUESTION = "What kind of change is this?"


def test_a_live_release_asks_whether_the_change_is_major_or_minor(client, editor):
    client.force_login(editor)
    html = client.get(change_url(make_release("Out already"))).content.decode()
    assert QUESTION in html
    assert 'type="radio" name="change_kind" value="major"' in html
    assert 'name="change_note"' in html


@pytest.mark.parametrize(
    "kwargs",
    [
        {"status": Status.DRAFT},
        {"status": Status.IN_REVIEW},
        {"published_at": timezone.now() + datetime.timedelta(days=1)},  # scheduled
    ],
)
def test_a_release_nobody_has_read_yet_does_not_ask(client, editor, kwargs):
    release = make_release(**kwargs)
    client.force_login(editor)
    assert QUESTION not in client.get(change_url(release)).content.decode()
    response = client.post(change_url(release), form_data(release, title="Changed quietly"))
    assert response.status_code == 302, errors_of(response)
    assert not ChangeNote.objects.exists()


def test_the_choice_is_required_and_nothing_typed_is_lost(client, editor):
    release = make_release("Figures for 2024")
    client.force_login(editor)
    data = form_data(release, title="Figures for 2024, corrected", change_note="Typed note")
    del data["change_kind"]
    response = client.post(change_url(release), data)
    assert response.status_code == 200
    assert "say whether readers should be told" in errors_of(response)["change_kind"][0]
    html = response.content.decode()
    assert 'value="Figures for 2024, corrected"' in html
    assert "Typed note</textarea>" in html
    release.refresh_from_db()
    assert release.title == "Figures for 2024"
    assert not ChangeNote.objects.exists()


def test_a_major_change_needs_a_note(client, editor):
    release = make_release("Figures for 2024")
    client.force_login(editor)
    data = form_data(release, title="Corrected title", change_kind="major", change_note="  ")
    response = client.post(change_url(release), data)
    assert response.status_code == 200
    assert "A major change needs a note for readers" in errors_of(response)["change_note"][0]
    html = response.content.decode()
    assert 'value="Corrected title"' in html
    assert re.search(r'<input[^>]*value="major"[^>]*checked', html)  # the choice is kept
    release.refresh_from_db()
    assert release.title == "Figures for 2024" and release.major_change_at is None


def test_a_major_change_is_recorded_dated_and_kept_in_the_history(client, editor):
    release = make_release("Figures for 2024", body="<p>12 participants.</p>")
    published_at = release.published_at.replace(microsecond=0)  # as the form sends it
    client.force_login(editor)
    data = form_data(
        release,
        body="<p>21 participants.</p>",
        change_kind="major",
        change_note="Corrected the number of participants.",
    )
    response = client.post(change_url(release), data)
    assert response.status_code == 302, errors_of(response)

    (change,) = ChangeNote.objects.all()
    assert change.major and change.made_by == editor and change.release == release
    assert change.note == "Corrected the number of participants."
    release.refresh_from_db()
    assert release.major_change_at == change.noted_at
    assert release.published_at == published_at  # the first publication stays the first
    assert release.public_updated_at == change.noted_at
    assert release.change_history == [change]

    # The history: the save's version names the note, and its revision holds the note.
    latest = Version.objects.get_for_object(release).first()
    assert "Corrected the number of participants." in latest.revision.get_comment()
    assert "Major change" in latest.revision.get_comment()
    assert "What kind of change" not in latest.revision.get_comment()  # no release field
    assert Version.objects.get_for_object(change).get().revision == latest.revision
    history = client.get(reverse("admin:press_pressrelease_history", args=[release.pk]))
    assert "Corrected the number of participants." in history.content.decode()


def test_a_minor_change_is_kept_for_the_newsroom_and_changes_no_public_date(client, editor):
    release = make_release("Figures for 2024")
    published_at = release.published_at.replace(microsecond=0)  # as the form sends it
    client.force_login(editor)
    response = client.post(change_url(release), form_data(release, title="Figures for 2024."))
    assert response.status_code == 302, errors_of(response)
    (change,) = ChangeNote.objects.all()
    assert not change.major and change.note == ""
    release.refresh_from_db()
    assert release.major_change_at is None
    assert release.public_updated_at == published_at
    assert release.updated_at > published_at  # saved, but readers were not told
    assert release.change_history == []
    latest = Version.objects.get_for_object(release).first()
    assert "Minor change" in latest.revision.get_comment()


def test_withdrawing_does_not_ask_for_a_change_kind(client, editor):
    release = make_release("To withdraw")
    client.force_login(editor)
    data = form_data(release, _step="withdraw", withdrawal_note="Issued in error.")
    del data["change_kind"]
    response = client.post(change_url(release), data)
    assert response.status_code == 302, errors_of(response)
    release.refresh_from_db()
    assert release.status == Status.WITHDRAWN
    # The withdrawal dates the page as changed: it is, for every reader.
    assert release.public_updated_at == release.withdrawn_at


def test_authors_cannot_add_notes_to_releases_they_cannot_edit(client, author):
    release = make_release("Someone else's, out already")
    client.force_login(author)
    assert QUESTION not in client.get(change_url(release)).content.decode()
    data = form_data(release, change_kind="major", change_note="Sneaked in")
    assert client.post(change_url(release), data).status_code == 403
    with pytest.raises(PermissionDenied):
        release.record_change(by=author, major=True, note="Sneaked in")
    assert not ChangeNote.objects.exists()


def test_a_change_note_needs_a_public_release_and_a_major_one_words(editor):
    draft = make_release(status=Status.DRAFT)
    with pytest.raises(InvalidTransition):
        draft.record_change(by=editor, major=True, note="Too early")
    live = make_release()
    with pytest.raises(InvalidTransition):
        live.record_change(by=editor, major=True, note=" ")
    # Around the model too: the database refuses a major change without a note.
    with pytest.raises(IntegrityError), transaction.atomic():
        ChangeNote.objects.create(release=live, major=True, note="")


def test_a_note_is_plain_text(editor):
    release = make_release()
    change = release.record_change(by=editor, major=True, note="Fixed\va typo <b>here</b>")
    change.refresh_from_db()
    # Control characters are cleaned like every text; markup stays text, escaped when shown.
    assert change.note == "Fixed a typo <b>here</b>"


def test_a_revert_keeps_what_readers_were_told(client, editor):
    release = make_release("First text")
    client.force_login(editor)
    client.post(change_url(release), form_data(release, title="Second text"))
    release.refresh_from_db()
    data = form_data(
        release, title="Third text", change_kind="major", change_note="Corrected the title."
    )
    assert client.post(change_url(release), data).status_code == 302
    release.refresh_from_db()
    noted_at = release.major_change_at
    assert noted_at is not None

    oldest = Version.objects.get_for_object(release).last()
    revert_url = reverse("admin:press_pressrelease_revision", args=[release.pk, oldest.pk])
    form = client.get(revert_url).context["adminform"].form
    assert "change_kind" in form.fields  # a revert of a live release is a change too
    data = form_data(PressRelease.objects.get(pk=release.pk), title="First text")
    data["base_version"] = form["base_version"].value()
    response = client.post(revert_url, data)
    assert response.status_code == 302, errors_of(response)
    release.refresh_from_db()
    assert release.title == "First text"
    assert release.major_change_at == noted_at
    assert [c.note for c in release.change_history] == ["Corrected the title."]
    assert ChangeNote.objects.count() == 3  # minor, major, and the revert's minor one


def test_change_notes_are_listed_read_only_for_the_newsroom(client, editor, author):
    release = make_release("Corrected release")
    release.record_change(by=editor, major=True, note="Corrected the figures.")
    for user in (editor, author):
        client.force_login(user)
        listing = client.get(reverse("admin:press_changenote_changelist"))
        assert listing.status_code == 200
        assert "Corrected the figures." in listing.content.decode()
        assert client.get(reverse("admin:press_changenote_add")).status_code == 403
