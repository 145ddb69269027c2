"""History of a release: every save a revision, readable diffs, revert, and concurrent edits."""

from __future__ import annotations

import re
import threading
import time

import pytest
from django.db import connections, transaction
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from press.models import PressRelease, ReleaseSlugRedirect, Status
from taxonomy.models import Country
from tests.factories import make_release, make_user
from tests.press.test_admin import change_url, errors_of, form_data

pytestmark = pytest.mark.django_db


def history_url(release):
    return reverse("admin:press_pressrelease_history", args=[release.pk])


def versions_of(release):
    return list(Version.objects.get_for_object(release).order_by("pk"))


def test_every_admin_save_is_a_revision_with_its_author(client, editor):
    release = make_release("First title", status=Status.DRAFT)
    client.force_login(editor)
    client.post(change_url(release), form_data(release, title="Second title"))
    release.refresh_from_db()
    client.post(change_url(release), form_data(release, title="Third title"))
    versions = versions_of(release)
    assert len(versions) == 2
    assert [v.field_dict["title"] for v in versions] == ["Second title", "Third title"]
    assert all(v.revision.user == editor for v in versions)
    page = client.get(history_url(release)).content.decode()
    assert "editor" in page and "Changes" in page and "Restore this version" in page


def test_compare_lists_field_by_field_differences(client, editor):
    release = make_release("Talks in Vienna", status=Status.DRAFT, body="<p>Day one.</p>")
    client.force_login(editor)
    client.post(change_url(release), form_data(release))
    release.refresh_from_db()
    georgia = Country.objects.get(slug="georgia")
    client.post(
        change_url(release),
        form_data(
            release,
            title="Talks in Vienna end",
            body="<p>Day one.</p><p>Day two.</p>",
            countries=[georgia.pk],
        ),
    )
    older, newer = versions_of(release)
    response = client.get(
        reverse("admin:press_pressrelease_compare", args=[release.pk]),
        {"a": older.pk, "b": newer.pk},
    )
    assert response.status_code == 200
    changes = {c.label: c for c in response.context["changes"]}
    assert [p.kind for p in changes["title"].paragraphs] == ["changed"]
    assert [(s.kind, s.text) for s in changes["title"].paragraphs[0].segments] == [
        ("same", "Talks in Vienna"),
        ("added", " end"),
    ]
    assert changes["countries"].added == ["Georgia"]
    assert [(p.kind, p.text) for p in changes["body"].paragraphs] == [
        ("same", "Day one."),
        ("added", "Day two."),
    ]
    assert "lead" not in changes  # unchanged fields are not listed
    html = response.content.decode()
    assert '<ins><span class="visually-hidden">added: </span> end</ins>' in html
    assert "&lt;p&gt;" not in html and "<p>Day two.</p>" not in html  # text, not markup


def test_compare_marks_the_words_changed_inside_a_paragraph(client, editor):
    body = (
        "<h2>Background</h2><p>The Mission trained <strong>40 judges</strong> in Skopje "
        "over three days.</p><ul><li>Water</li><li>Energy</li></ul>"
    )
    release = make_release("Training", status=Status.DRAFT, body=body)
    client.force_login(editor)
    client.post(change_url(release), form_data(release))
    release.refresh_from_db()
    edited = body.replace("40 judges", "45 judges").replace("<li>Energy</li>", "")
    client.post(change_url(release), form_data(release, body=edited))
    older, newer = versions_of(release)
    response = client.get(
        reverse("admin:press_pressrelease_compare", args=[release.pk]),
        {"a": older.pk, "b": newer.pk},
    )
    (body_change,) = [c for c in response.context["changes"] if c.label == "body"]
    kinds = [(p.kind, p.text) for p in body_change.paragraphs]
    assert kinds[0] == ("same", "Background")  # a heading is a paragraph of its own
    assert kinds[-1] == ("removed", "Energy")
    changed = body_change.paragraphs[1]
    assert changed.kind == "changed"
    assert [s.text for s in changed.segments if s.kind == "removed"] == ["40"]
    assert [s.text for s in changed.segments if s.kind == "added"] == ["45"]
    html = response.content.decode()
    assert "<strong>" not in html.split('id="content-main"')[1]


def test_compare_with_unknown_versions_is_404(client, editor):
    release = make_release(status=Status.DRAFT)
    client.force_login(editor)
    url = reverse("admin:press_pressrelease_compare", args=[release.pk])
    assert client.get(url, {"a": "x", "b": "999"}).status_code == 404
    assert client.get(url).status_code == 404


def test_revert_restores_the_text_but_not_the_workflow_state(client, editor):
    release = make_release("Original headline", status=Status.DRAFT, lead="Original lead.")
    client.force_login(editor)
    client.post(change_url(release), form_data(release))
    release.refresh_from_db()
    first = versions_of(release)[0]
    client.post(
        change_url(release),
        form_data(release, title="Rewritten headline", lead="Rewritten lead.", _step="publish"),
    )
    release.refresh_from_db()
    assert release.status == Status.PUBLISHED
    revert_url = reverse("admin:press_pressrelease_revision", args=[release.pk, first.pk])
    page = client.get(revert_url)
    assert page.status_code == 200
    assert "Original headline" in page.content.decode()
    release.refresh_from_db()
    assert release.title == "Rewritten headline"  # looking at a version changes nothing
    form = page.context["adminform"].form
    data = form_data(release, title="Original headline", lead="Original lead.")
    data["base_version"] = form["base_version"].value()
    response = client.post(revert_url, data)
    assert response.status_code == 302, errors_of(response)
    release.refresh_from_db()
    assert release.title == "Original headline" and release.lead == "Original lead."
    assert release.status == Status.PUBLISHED and release.is_live
    assert (
        Version.objects.get_for_object(release)
        .first()
        .revision.get_comment()
        .startswith("Reverted")
    )


def test_revert_of_a_slug_keeps_the_newer_address_redirecting(client, editor):
    release = make_release("Headline", slug="first-address")
    client.force_login(editor)
    client.post(change_url(release), form_data(release))
    release.refresh_from_db()
    first = versions_of(release)[0]
    client.post(change_url(release), form_data(release, slug="second-address"))
    release.refresh_from_db()
    revert_url = reverse("admin:press_pressrelease_revision", args=[release.pk, first.pk])
    form = client.get(revert_url).context["adminform"].form
    data = form_data(release, slug="first-address")
    data["base_version"] = form["base_version"].value()
    assert client.post(revert_url, data).status_code == 302
    release.refresh_from_db()
    assert release.slug == "first-address"
    assert ReleaseSlugRedirect.objects.filter(old_slug="second-address", release=release).exists()
    client.logout()
    assert client.get("/press-releases/second-address/").status_code == 301


def test_author_cannot_revert_a_published_release(client, author, editor):
    release = make_release("Out")
    client.force_login(editor)
    client.post(change_url(release), form_data(release))
    version = versions_of(release)[0]
    client.force_login(author)
    url = reverse("admin:press_pressrelease_revision", args=[release.pk, version.pk])
    assert client.get(url).status_code == 403


# Two editors, one release.


def test_second_stale_save_is_refused_naming_who_changed_it(client, editor):
    release = make_release("Shared draft", status=Status.DRAFT, lead="Old lead.")
    anna = make_user("anna", groups=["Editor"], first_name="Anna", last_name="Berg")
    # Both open the form on the same version.
    opened_by_anna = form_data(release)
    opened_by_editor = form_data(release)
    client.force_login(anna)
    response = client.post(change_url(release), {**opened_by_anna, "lead": "Anna's lead."})
    assert response.status_code == 302, errors_of(response)

    client.force_login(editor)
    response = client.post(change_url(release), {**opened_by_editor, "title": "Editor's title"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Anna Berg changed this release" in html
    assert "your changes were not saved" in html
    # Nothing of Anna's is lost, and the second editor's input is still in the form.
    release.refresh_from_db()
    assert release.lead == "Anna's lead." and release.title == "Shared draft"
    assert 'value="Editor&#x27;s title"' in html or 'value="Editor\'s title"' in html

    # Having been warned, the second editor may save deliberately.
    current = re.search(r'name="base_version" value="(\d+)"', html).group(1)
    response = client.post(
        change_url(release),
        {**opened_by_editor, "title": "Editor's title", "base_version": current},
    )
    assert response.status_code == 302, errors_of(response)
    release.refresh_from_db()
    assert release.title == "Editor's title"
    # Anna's version is still in the history.
    assert any(v.field_dict["lead"] == "Anna's lead." for v in versions_of(release))


def test_stale_save_after_a_workflow_step_is_refused(client, editor, author):
    release = make_release("In the works", status=Status.DRAFT, created_by=author)
    opened = form_data(release)
    release.submit(by=author)
    client.force_login(editor)  # in review, the release is the editors'
    response = client.post(change_url(release), {**opened, "title": "Late change"})
    assert response.status_code == 200
    assert "changed this release" in response.content.decode()
    assert PressRelease.objects.get(pk=release.pk).title == "In the works"


@pytest.mark.postgresql_only  # row locks: SQLite serialises writing transactions instead
@pytest.mark.django_db(transaction=True)
def test_a_save_racing_another_waits_for_it_and_is_refused(editor):
    """Two editors press Save on the same version at the same instant: the second save
    waits for the first to commit, then is refused, instead of silently overwriting it."""
    release = make_release("Racing draft", status=Status.DRAFT, lead="Old lead.")
    opened = form_data(release)
    outcome = {}

    def second_editor_saves():
        try:
            client = Client()
            client.force_login(editor)
            response = client.post(change_url(release), {**opened, "title": "Second title"})
            outcome["status"] = response.status_code
            outcome["html"] = response.content.decode()
        except BaseException as error:
            outcome["error"] = repr(error)
            raise
        finally:
            connections.close_all()

    with transaction.atomic():
        # The first editor's save is under way: the row is locked and about to change.
        first = PressRelease.objects.select_for_update().get(pk=release.pk)
        second = threading.Thread(target=second_editor_saves)
        second.start()
        waiting_for_lock(timeout=10)
        first.lead = "First editor's lead."
        first.save()
    second.join(timeout=30)

    assert outcome["status"] == 200
    assert "changed this release" in outcome["html"]
    stored = PressRelease.objects.get(pk=release.pk)
    assert stored.lead == "First editor's lead." and stored.title == "Racing draft"


def waiting_for_lock(timeout: float) -> None:
    """Until another session of this database waits for a lock."""
    deadline = time.monotonic() + timeout
    with connections["default"].cursor() as cursor:
        while time.monotonic() < deadline:
            # Activity is a snapshot per transaction unless cleared.
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.05)
    raise AssertionError("the second save never waited for the first")


def test_tags_are_in_the_history_and_a_revert_restores_them(client, editor):
    release = make_release("Tagged", status=Status.DRAFT, tags=["water", "media"])
    neighbour = make_release("Neighbour", tags=["elections"])
    client.force_login(editor)
    client.post(change_url(release), form_data(release))
    release.refresh_from_db()
    client.post(change_url(release), form_data(release, tags="water, elections"))
    older, newer = versions_of(release)
    response = client.get(
        reverse("admin:press_pressrelease_compare", args=[release.pk]),
        {"a": older.pk, "b": newer.pk},
    )
    changes = {c.label: c for c in response.context["changes"]}
    assert changes["tags"].removed == ["media"]
    assert changes["tags"].added == ["elections"]

    revert_url = reverse("admin:press_pressrelease_revision", args=[release.pk, older.pk])
    page = client.get(revert_url)
    form = page.context["adminform"].form
    assert sorted(t.name for t in form.initial["tags"]) == ["media", "water"]
    assert sorted(release.tags.names()) == ["elections", "water"]  # looking changes nothing
    release.refresh_from_db()
    data = form_data(release, tags="media, water")
    data["base_version"] = form["base_version"].value()
    assert client.post(revert_url, data).status_code == 302
    assert sorted(release.tags.names()) == ["media", "water"]
    # Only this release's links went back: the shared tag and its other uses remain.
    assert list(neighbour.tags.names()) == ["elections"]
