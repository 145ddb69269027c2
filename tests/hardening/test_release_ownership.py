"""Who edits which release: authors their own drafts and those shared with them, editors all.

Every admin path is tried: the change form, its workflow buttons, list actions, the history
(revert), preview links and the CSV export. The list still shows everyone's releases.
"""

from __future__ import annotations

import csv
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from press.models import PressRelease, Status
from tests.factories import make_release, make_user
from tests.press.test_admin import ADD, CHANGELIST, change_url, errors_of, form_data

pytestmark = pytest.mark.django_db

EXPORT = reverse("admin:press_pressrelease_export")


@pytest.fixture
def colleague(db):
    """Another author of the same press office."""
    return make_user("colleague", groups=["Author"])


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def draft_of(user, title: str, **extra) -> PressRelease:
    return make_release(title, status=Status.DRAFT, created_by=user, **extra)


def exported_titles(response) -> list[str]:
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    return sorted(row[1] for row in rows[1:])


# The change form.


def test_author_edits_their_own_draft_and_only_reads_another_authors(author, colleague):
    mine = draft_of(author, "My draft")
    theirs = draft_of(colleague, "Their draft")
    client = login(author)

    response = client.post(change_url(mine), form_data(mine, title="My draft, better"))
    assert response.status_code == 302, errors_of(response)

    page = client.get(change_url(theirs))
    assert page.status_code == 200  # read-only
    html = page.content.decode()
    assert 'name="_save"' not in html and 'name="_step"' not in html
    assert client.post(change_url(theirs), form_data(theirs, title="Hijacked")).status_code == 403
    theirs.refresh_from_db()
    assert theirs.title == "Their draft"


def test_author_cannot_submit_another_authors_draft(author, colleague):
    theirs = draft_of(colleague, "Their draft")
    client = login(author)

    response = client.post(change_url(theirs), form_data(theirs, _step="submit"))

    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        theirs.submit(by=author)
    theirs.refresh_from_db()
    assert theirs.status == Status.DRAFT and not theirs.transitions.exists()


def test_submit_action_submits_only_the_authors_own_drafts(author, colleague):
    mine = draft_of(author, "My draft")
    theirs = draft_of(colleague, "Their draft")
    client = login(author)

    response = client.post(
        CHANGELIST,
        {"action": "submit_selected", "_selected_action": [mine.pk, theirs.pk]},
        follow=True,
    )

    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.status == Status.IN_REVIEW
    assert theirs.status == Status.DRAFT
    assert "Not possible for: Their draft" in response.content.decode()


def test_once_submitted_a_release_is_the_editors(author, editor):
    mine = draft_of(author, "Handed in")
    mine.submit(by=author)

    response = login(author).post(change_url(mine), form_data(mine, title="Late change"))
    assert response.status_code == 403
    response = login(editor).post(change_url(mine), form_data(mine, title="Edited by the desk"))
    assert response.status_code == 302, errors_of(response)
    mine.refresh_from_db()
    assert mine.title == "Edited by the desk"


def test_editors_edit_every_release(editor, author, colleague):
    for release in (draft_of(author, "A"), draft_of(colleague, "B"), make_release("Live")):
        response = login(editor).post(change_url(release), form_data(release, lead="Checked."))
        assert response.status_code == 302, errors_of(response)


# Sharing a draft.


def test_a_shared_draft_is_edited_and_submitted_by_the_colleague(author, colleague):
    client = login(author)
    response = client.post(
        ADD, form_data(title="Joint draft", slug="joint", shared_with=[colleague.pk])
    )
    assert response.status_code == 302, errors_of(response)
    draft = PressRelease.objects.get(slug="joint")
    assert draft.created_by == author and list(draft.shared_with.all()) == [colleague]

    helper = login(colleague)
    response = helper.post(change_url(draft), form_data(draft, lead="Added by the colleague."))
    assert response.status_code == 302, errors_of(response)
    draft.refresh_from_db()
    response = helper.post(change_url(draft), form_data(draft, _step="submit"))
    assert response.status_code == 302, errors_of(response)
    draft.refresh_from_db()
    assert draft.status == Status.IN_REVIEW
    assert draft.lead == "Added by the colleague."


def test_only_the_author_and_editors_choose_whom_a_draft_is_shared_with(author, colleague, editor):
    third = make_user("third", groups=["Author"])
    draft = draft_of(author, "Joint draft")
    draft.shared_with.set([colleague])

    # The colleague it was shared with cannot pass it on, nor remove the author's choice.
    helper = login(colleague)
    assert 'name="shared_with"' not in helper.get(change_url(draft)).content.decode()
    response = helper.post(change_url(draft), form_data(draft, shared_with=[third.pk]))
    assert response.status_code == 302, errors_of(response)
    assert list(draft.shared_with.all()) == [colleague]
    assert login(third).post(change_url(draft), form_data(draft)).status_code == 403

    # The author and the editors can.
    draft.refresh_from_db()
    assert 'name="shared_with"' in login(author).get(change_url(draft)).content.decode()
    response = login(author).post(
        change_url(draft), form_data(draft, shared_with=[colleague.pk, third.pk])
    )
    assert response.status_code == 302, errors_of(response)
    assert set(draft.shared_with.all()) == {colleague, third}
    draft.refresh_from_db()
    response = login(editor).post(change_url(draft), form_data(draft, shared_with=[]))
    assert response.status_code == 302, errors_of(response)
    assert not draft.shared_with.exists()


# History, preview links, export, list.


def test_author_cannot_revert_another_authors_draft(author, colleague):
    theirs = draft_of(colleague, "Their draft")
    writer = login(colleague)
    writer.post(change_url(theirs), form_data(theirs))
    theirs.refresh_from_db()
    writer.post(change_url(theirs), form_data(theirs, title="Their second draft"))
    first = Version.objects.get_for_object(theirs).order_by("pk").first()
    client = login(author)

    history = client.get(reverse("admin:press_pressrelease_history", args=[theirs.pk]))
    assert history.status_code == 200  # they may read it
    assert "Restore this version" not in history.content.decode()
    url = reverse("admin:press_pressrelease_revision", args=[theirs.pk, first.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, form_data(theirs, title="Their draft")).status_code == 403
    theirs.refresh_from_db()
    assert theirs.title == "Their second draft"


def test_preview_links_are_for_those_who_may_edit(author, colleague, editor):
    mine = draft_of(author, "My draft")
    theirs = draft_of(colleague, "Their draft")
    client = login(author)

    assert (
        client.get(reverse("admin:press_pressrelease_preview", args=[mine.pk])).status_code == 200
    )
    response = client.get(reverse("admin:press_pressrelease_preview", args=[theirs.pk]))
    assert response.status_code == 403
    assert "/preview/" not in client.get(change_url(theirs)).content.decode()
    editor_page = login(editor).get(reverse("admin:press_pressrelease_preview", args=[theirs.pk]))
    assert editor_page.status_code == 200


def test_author_exports_only_their_own_and_shared_releases(author, colleague, editor):
    draft_of(author, "My draft")
    make_release("My published release", created_by=author)
    shared = draft_of(colleague, "Shared with me")
    shared.shared_with.set([author])
    draft_of(colleague, "Their draft")
    make_release("Someone's published release")

    assert exported_titles(login(author).get(EXPORT)) == [
        "My draft",
        "My published release",
        "Shared with me",
    ]
    everything = PressRelease.objects.values_list("pk", flat=True)
    action = login(author).post(
        CHANGELIST, {"action": "export_csv", "_selected_action": list(everything)}
    )
    assert exported_titles(action) == ["My draft", "My published release", "Shared with me"]
    assert len(exported_titles(login(editor).get(EXPORT))) == 5


def test_the_list_still_shows_other_authors_releases(author, colleague):
    draft_of(colleague, "Their draft")
    html = login(author).get(CHANGELIST).content.decode()
    assert "Their draft" in html


def test_a_revert_does_not_change_whom_a_draft_is_shared_with(author, colleague):
    third = make_user("third", groups=["Author"])
    draft = draft_of(author, "Joint draft")
    writer = login(author)
    writer.post(change_url(draft), form_data(draft, shared_with=[colleague.pk, third.pk]))
    draft.refresh_from_db()
    writer.post(change_url(draft), form_data(draft, shared_with=[colleague.pk]))
    draft.refresh_from_db()
    wider = Version.objects.get_for_object(draft).order_by("pk").first()
    assert set(wider.field_dict["shared_with"]) == {colleague.pk, third.pk}
    url = reverse("admin:press_pressrelease_revision", args=[draft.pk, wider.pk])

    helper = login(colleague)
    form = helper.get(url).context["adminform"].form
    data = form_data(draft, base_version=form["base_version"].value())
    response = helper.post(url, data)

    assert response.status_code == 302, errors_of(response)
    assert list(draft.shared_with.all()) == [colleague]
    assert login(third).post(change_url(draft), form_data(draft)).status_code == 403
