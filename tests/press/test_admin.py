"""The release editor in the admin: form, workflow buttons, actions and permissions."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from press.models import PressRelease, ReleaseSlugRedirect, ReleaseTransition, Status
from taxonomy.models import Country, FieldOfWork, Structure
from tests.factories import make_release, make_user

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:press_pressrelease_changelist")
ADD = reverse("admin:press_pressrelease_add")


def change_url(release: PressRelease) -> str:
    return reverse("admin:press_pressrelease_change", args=[release.pk])


def local(value: datetime.datetime) -> tuple[str, str]:
    value = timezone.localtime(value)
    return value.strftime("%Y-%m-%d"), value.strftime("%H:%M:%S")


def form_data(release: PressRelease | None = None, **overrides) -> dict:
    """What the browser posts for the change form of ``release`` (or an empty add form)."""
    source = Structure.objects.get(slug="secretary-general")
    data = {
        "title": "Border officers graduate in Dushanbe",
        "slug": "border-officers-graduate-in-dushanbe",
        "type": "press-release",
        "lead": "Forty officers graduated today.",
        "body": "<p>Forty officers from Central Asia graduated.</p>",
        "dateline_city": "DUSHANBE",
        "dateline_date": "2025-03-01",
        "published_at_0": "",
        "published_at_1": "",
        "lead_source": source.pk,
        "supporting_sources": [],
        "countries": [],
        "fields_of_work": [],
        "structures": [],
        "meeting_series": [],
        "tags": "",
        "image_alt": "",
        "image_caption": "",
        "image_credit": "",
        "withdrawal_note": "",
    }
    if release is not None:
        date, time = local(release.published_at) if release.published_at else ("", "")
        data.update(
            {
                "title": release.title,
                "slug": release.slug,
                "type": release.type,
                "lead": release.lead,
                "body": release.body,
                "dateline_city": release.dateline_city,
                "dateline_date": release.dateline_date.isoformat() if release.dateline_date else "",
                "published_at_0": date,
                "published_at_1": time,
                "lead_source": release.lead_source_id or "",
                "supporting_sources": [s.pk for s in release.supporting_sources.all()],
                "countries": [c.pk for c in release.countries.all()],
                "fields_of_work": [f.pk for f in release.fields_of_work.all()],
                "structures": [s.pk for s in release.structures.all()],
                "meeting_series": [m.pk for m in release.meeting_series.all()],
                "tags": ", ".join(release.tags.names()),
                "image_alt": release.image_alt,
                "image_caption": release.image_caption,
                "image_credit": release.image_credit,
                "base_version": release.version,
            }
        )
        if release.asks_for_change_kind:
            # A public release's form asks whether readers are told: tests about other
            # things save it as an editor fixing a typo would.
            data["change_kind"] = "minor"
    data.update(overrides)
    return data


def errors_of(response) -> dict:
    form = response.context["adminform"].form
    return {name: [str(e) for e in errors] for name, errors in form.errors.items()}


# The form.


def test_add_form_shows_fieldsets_in_working_order(client, author):
    client.force_login(author)
    response = client.get(ADD)
    assert response.status_code == 200
    html = response.content.decode()
    order = ["Text", "Dateline", "Source", "Classification", "Lead image", "Publication"]
    positions = [html.index(f">{name}</h2>") for name in order]
    assert positions == sorted(positions)
    assert "data-django-prose-editor" in html  # the rich-text editor
    assert "admin-autocomplete" in html  # autocomplete widgets for the taxonomy
    assert "Filled in from the title" in html  # help texts for editors
    assert 'src="/static/admin/js/press-suggestions.js"' in html


def test_author_creates_a_draft_and_is_recorded_as_its_author(client, author):
    client.force_login(author)
    tajikistan = Country.objects.get(slug="tajikistan")
    response = client.post(ADD, form_data(countries=[tajikistan.pk], tags="graduation, border"))
    assert response.status_code == 302, errors_of(response)
    release = PressRelease.objects.get(slug="border-officers-graduate-in-dushanbe")
    assert release.status == Status.DRAFT
    assert release.created_by == author
    assert list(release.countries.all()) == [tajikistan]
    assert sorted(release.tags.names()) == ["border", "graduation"]


def test_errors_are_shown_beside_the_field(client, author):
    client.force_login(author)
    response = client.post(ADD, form_data(title=""))
    assert response.status_code == 200
    assert "title" in errors_of(response)
    html = response.content.decode()
    row = html[html.index("field-title") : html.index('id="id_title"')]
    assert "This field is required." in row


def test_changing_the_slug_of_a_published_release_redirects_the_old_address(client, editor):
    release = make_release("Old headline")
    old_url = release.get_absolute_url()
    client.force_login(editor)
    response = client.post(change_url(release), form_data(release, slug="new-headline"))
    assert response.status_code == 302, errors_of(response)
    assert ReleaseSlugRedirect.objects.filter(old_slug=release.slug).exists()
    client.logout()
    moved = client.get(old_url)
    assert moved.status_code == 301
    assert moved["Location"] == "/press-releases/new-headline/"
    assert client.get("/press-releases/new-headline/").status_code == 200


# Workflow buttons.


def test_author_submits_with_the_button_and_the_step_is_listed(client, author):
    release = make_release(status=Status.DRAFT, created_by=author)
    client.force_login(author)
    page = client.get(change_url(release)).content.decode()
    assert 'name="_step" value="submit"' in page
    assert 'value="publish"' not in page
    response = client.post(change_url(release), form_data(release, _step="submit"))
    assert response.status_code == 302, errors_of(response)
    release.refresh_from_db()
    assert release.status == Status.IN_REVIEW
    step = ReleaseTransition.objects.get(release=release)
    assert (step.from_status, step.to_status, step.by) == (Status.DRAFT, Status.IN_REVIEW, author)
    page = client.get(change_url(release)).content.decode()
    assert "Workflow history" in page and "In review" in page


def test_author_cannot_publish_with_a_crafted_button(client, author):
    release = make_release(status=Status.DRAFT, created_by=author)
    client.force_login(author)
    response = client.post(change_url(release), form_data(release, _step="publish"))
    assert response.status_code == 200
    assert "You cannot take this step" in response.content.decode()
    release.refresh_from_db()
    assert release.status == Status.DRAFT
    assert not release.transitions.exists()


def test_author_cannot_publish_a_new_release_with_a_crafted_button(client, author):
    client.force_login(author)
    response = client.post(ADD, form_data(_step="publish"))
    assert response.status_code == 200
    assert not PressRelease.objects.exists()


def test_author_cannot_publish_with_a_crafted_action(client, author):
    release = make_release(status=Status.IN_REVIEW)
    client.force_login(author)
    page = client.get(CHANGELIST).content.decode()
    assert "publish_selected" not in page and "withdraw_selected" not in page
    assert "submit_selected" in page
    client.post(CHANGELIST, {"action": "publish_selected", "_selected_action": [release.pk]})
    release.refresh_from_db()
    assert release.status == Status.IN_REVIEW


def test_author_cannot_edit_a_published_release(client, author):
    release = make_release("Already out")
    client.force_login(author)
    page = client.get(change_url(release))
    assert page.status_code == 200  # they may read it
    html = page.content.decode()
    assert 'name="_save"' not in html and 'name="_step"' not in html
    response = client.post(change_url(release), form_data(release, title="Changed by author"))
    assert response.status_code == 403
    release.refresh_from_db()
    assert release.title == "Already out"


def test_author_cannot_edit_a_scheduled_release(client, author):
    release = make_release(published_at=timezone.now() + datetime.timedelta(days=1))
    client.force_login(author)
    response = client.post(change_url(release), form_data(release, title="Changed"))
    assert response.status_code == 403


def test_editor_publishes_with_the_button_and_the_public_sees_it(client, editor):
    release = make_release("Ready to go", status=Status.IN_REVIEW)
    client.force_login(editor)
    response = client.post(change_url(release), form_data(release, _step="publish"))
    assert response.status_code == 302, errors_of(response)
    release.refresh_from_db()
    assert release.status == Status.PUBLISHED and release.is_live
    client.logout()
    assert client.get(release.get_absolute_url()).status_code == 200


def test_publishing_needs_a_source(client, editor):
    release = make_release(status=Status.IN_REVIEW)
    client.force_login(editor)
    response = client.post(change_url(release), form_data(release, lead_source="", _step="publish"))
    assert response.status_code == 200
    assert "lead_source" in errors_of(response)
    release.refresh_from_db()
    assert release.status == Status.IN_REVIEW


def test_editor_schedules_with_a_future_time_and_the_list_says_scheduled(client, editor):
    release = make_release("Tomorrow's news", status=Status.IN_REVIEW)
    when = timezone.now() + datetime.timedelta(days=2)
    date, time = local(when)
    client.force_login(editor)
    response = client.post(
        change_url(release),
        form_data(release, published_at_0=date, published_at_1=time, _step="schedule"),
    )
    assert response.status_code == 302, errors_of(response)
    release.refresh_from_db()
    assert release.is_scheduled
    listing = client.get(CHANGELIST).content.decode()
    assert "Scheduled" in listing
    filtered = client.get(CHANGELIST, {"state": "scheduled"}).content.decode()
    assert "Tomorrow&#x27;s news" in filtered or "Tomorrow's news" in filtered
    client.logout()
    assert client.get(release.get_absolute_url()).status_code == 404


def test_scheduled_release_goes_live_by_itself(client, editor):
    release = make_release(status=Status.IN_REVIEW)
    release.publish(by=editor, at=timezone.now() + datetime.timedelta(seconds=1))
    assert client.get(release.get_absolute_url()).status_code == 404
    # No job runs in between: the passing of time alone makes it public.
    PressRelease.objects.filter(pk=release.pk).update(
        published_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert client.get(release.get_absolute_url()).status_code == 200


def test_editor_unschedules(client, editor):
    release = make_release(published_at=timezone.now() + datetime.timedelta(days=1))
    client.force_login(editor)
    response = client.post(change_url(release), form_data(release, _step="unschedule"))
    assert response.status_code == 302, errors_of(response)
    release.refresh_from_db()
    assert release.status == Status.IN_REVIEW and release.published_at is None


def test_withdrawing_needs_a_public_reason(client, editor):
    release = make_release()
    client.force_login(editor)
    response = client.post(change_url(release), form_data(release, _step="withdraw"))
    assert response.status_code == 200
    assert "withdrawal_note" in errors_of(response)
    response = client.post(
        change_url(release),
        form_data(release, _step="withdraw", withdrawal_note="Figures were wrong."),
    )
    assert response.status_code == 302, errors_of(response)
    release.refresh_from_db()
    assert release.status == Status.WITHDRAWN
    assert release.withdrawal_reason == "Figures were wrong."
    client.logout()
    assert "Figures were wrong." in client.get(release.get_absolute_url()).content.decode()


# Actions.


def test_editor_actions_publish_unschedule_withdraw_and_reinstate(client, editor):
    draft = make_release(status=Status.IN_REVIEW)
    scheduled = make_release(published_at=timezone.now() + datetime.timedelta(days=3))
    live = make_release()
    client.force_login(editor)
    client.post(CHANGELIST, {"action": "publish_selected", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.is_live
    client.post(CHANGELIST, {"action": "unschedule_selected", "_selected_action": [scheduled.pk]})
    scheduled.refresh_from_db()
    assert scheduled.status == Status.IN_REVIEW
    confirm = client.post(
        CHANGELIST, {"action": "withdraw_selected", "_selected_action": [live.pk]}
    )
    assert confirm.status_code == 200 and "Reason for withdrawal" in confirm.content.decode()
    client.post(
        CHANGELIST,
        {
            "action": "withdraw_selected",
            "_selected_action": [live.pk],
            "confirm": "1",
            "reason": "Issued by mistake.",
        },
    )
    live.refresh_from_db()
    assert live.status == Status.WITHDRAWN and live.withdrawal_reason == "Issued by mistake."
    client.post(CHANGELIST, {"action": "reinstate_selected", "_selected_action": [live.pk]})
    live.refresh_from_db()
    assert live.status == Status.PUBLISHED
    assert live.transitions.count() == 2


def test_an_action_reports_releases_it_could_not_change(client, editor):
    draft = make_release("Still a draft", status=Status.DRAFT)
    client.force_login(editor)
    response = client.post(
        CHANGELIST,
        {
            "action": "withdraw_selected",
            "_selected_action": [draft.pk],
            "confirm": "1",
            "reason": "x",
        },
        follow=True,
    )
    assert "Not possible for: Still a draft" in response.content.decode()


# Taxonomy managers.


def test_taxonomy_manager_has_no_access_to_releases(client, taxonomy_manager):
    release = make_release(status=Status.DRAFT)
    client.force_login(taxonomy_manager)
    assert client.get(CHANGELIST).status_code == 403
    assert client.get(change_url(release)).status_code == 403
    assert client.post(ADD, form_data()).status_code == 403
    assert client.post(change_url(release), form_data(release, _step="publish")).status_code == 403
    suggest = reverse("admin:press_pressrelease_suggest")
    assert client.post(suggest, {"title": "Austria"}).status_code == 403
    export = reverse("admin:press_pressrelease_export")
    assert client.get(export).status_code == 403
    release.refresh_from_db()
    assert release.status == Status.DRAFT


# The list.


def test_list_columns_search_and_filters(client, editor, author):
    mine = make_release("Elections in Georgia", countries=["georgia"], created_by=author)
    make_release("Border talks", countries=["tajikistan"])
    client.force_login(editor)
    html = client.get(CHANGELIST, {"q": "Georgia"}).content.decode()
    assert "Elections in Georgia" in html and "Border talks" not in html
    assert "author" in html  # the author column shows created_by
    georgia = Country.objects.get(slug="georgia")
    html = client.get(CHANGELIST, {"countries__id__exact": georgia.pk}).content.decode()
    assert "Elections in Georgia" in html and "Border talks" not in html
    year = timezone.localtime(mine.published_at).year
    assert client.get(CHANGELIST, {"year": str(year)}).status_code == 200
    assert client.get(CHANGELIST, {"state": "draft"}).status_code == 200


def test_csv_export_follows_the_filtered_list(client, editor):
    make_release("=HYPERLINK(evil)", fields=["elections"])
    make_release("Unrelated", fields=["youth"])
    elections = FieldOfWork.objects.get(slug="elections")
    client.force_login(editor)
    listing = client.get(CHANGELIST, {"fields_of_work__id__exact": elections.pk})
    assert reverse("admin:press_pressrelease_export") + "?" in listing.content.decode()
    response = client.get(
        reverse("admin:press_pressrelease_export"), {"fields_of_work__id__exact": elections.pk}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["id", "title", "slug"]
    assert [row[1] for row in rows[1:]] == ["'=HYPERLINK(evil)"]  # formula defused


def test_csv_export_with_a_malformed_filter_is_not_an_error(client, editor):
    client.force_login(editor)
    response = client.get(reverse("admin:press_pressrelease_export"), {"published_at__gte": "x"})
    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")


def test_history_and_compare_need_access(client, taxonomy_manager):
    release = make_release(status=Status.DRAFT)
    client.force_login(taxonomy_manager)
    history = reverse("admin:press_pressrelease_history", args=[release.pk])
    compare = reverse("admin:press_pressrelease_compare", args=[release.pk])
    assert client.get(history).status_code == 403
    assert client.get(compare, {"a": 1, "b": 2}).status_code == 403


# Tag suggestions.


def test_suggestions_name_terms_from_the_text(client, author):
    client.force_login(author)
    response = client.post(
        reverse("admin:press_pressrelease_suggest"),
        {
            "title": "Election observation in Georgia",
            "lead": "",
            "body": "<p>The <strong>Permanent Council</strong> met in Vienna.</p>",
        },
    )
    assert response.status_code == 200
    data = response.json()
    assert "Georgia" in [term["name"] for term in data["countries"]]
    assert "Elections" in [term["name"] for term in data["fields_of_work"]]
    assert data["meeting_series"], data


def test_suggestions_need_a_post(client, author):
    client.force_login(author)
    assert client.get(reverse("admin:press_pressrelease_suggest")).status_code == 405


def test_superuser_sees_every_panel(client, superuser):
    release = make_release()
    client.force_login(superuser)
    html = client.get(change_url(release)).content.decode()
    assert "Share preview" in html
    assert 'value="withdraw"' in html
    assert "Reason for withdrawal" in html


def test_staff_without_groups_see_nothing(client):
    nobody = make_user("nobody")
    client.force_login(nobody)
    assert client.get(CHANGELIST).status_code == 403


def test_enter_in_a_field_saves_rather_than_taking_a_step(client, editor):
    # Browsers submit with the form's first submit button when Enter is pressed in a field.
    release = make_release()
    client.force_login(editor)
    html = client.get(change_url(release)).content.decode()
    assert html.index('name="_save"') < html.index('name="_step"')


def test_tag_field_autocompletes_existing_tags(client, author, taxonomy_manager):
    make_release(tags=["water security", "water"])
    make_release(tags=["water"])
    make_release(tags=["youth"])
    url = "/admin/press/pressrelease/tags/"
    client.force_login(author)
    assert client.get(url, {"q": "wat"}).json() == {"tags": ["water", "water security"]}
    assert client.get(url, {"q": ""}).json() == {"tags": []}
    client.force_login(taxonomy_manager)
    assert client.get(url, {"q": "wat"}).status_code == 403


def test_list_search_finds_word_forms_drafts_and_pasted_addresses(client, editor):
    draft = make_release("Officers graduated in Dushanbe", status=Status.DRAFT, published_at=None)
    make_release("Media freedom conference")
    client.force_login(editor)
    word = "graduat" if connection.vendor == "sqlite" else "graduate"  # stems on PostgreSQL
    html = client.get(CHANGELIST, {"q": word}).content.decode()
    assert draft.title in html and "Media freedom conference" not in html
    address = f"https://newsroom.example.org{draft.get_absolute_url()}"
    if connection.vendor == "postgresql":
        html = client.get(CHANGELIST, {"q": address}).content.decode()
        assert draft.title in html and "Media freedom conference" not in html
    assert client.get(CHANGELIST, {"q": '"unclosed -'}).status_code == 200


def test_publish_now_and_schedule_are_separate_buttons_at_the_top_and_the_bottom(client, editor):
    release = make_release("Two ways out", status=Status.IN_REVIEW)
    client.force_login(editor)
    html = client.get(change_url(release)).content.decode()
    assert html.count('name="_step" value="publish"') == 2
    assert html.count('name="_step" value="schedule"') == 2
    assert "Save and publish now" in html and "Save and schedule" in html
    assert html.count("<strong>Status:</strong> In review") == 2


def test_publish_now_goes_live_now_even_with_a_publication_time_still_to_come(client, editor):
    release = make_release("Now, not later", status=Status.IN_REVIEW)
    date, time = local(timezone.now() + datetime.timedelta(days=3))
    client.force_login(editor)
    response = client.post(
        change_url(release),
        form_data(release, published_at_0=date, published_at_1=time, _step="publish"),
    )
    assert response.status_code == 302, errors_of(response)
    release.refresh_from_db()
    assert release.is_live
    client.logout()
    assert client.get(release.get_absolute_url()).status_code == 200


def test_publish_now_keeps_a_backdated_publication_time(client, editor):
    release = make_release("From the archive", status=Status.IN_REVIEW)
    date, time = local(timezone.now() - datetime.timedelta(days=400))
    client.force_login(editor)
    client.post(
        change_url(release),
        form_data(release, published_at_0=date, published_at_1=time, _step="publish"),
    )
    release.refresh_from_db()
    assert release.is_live
    assert timezone.localtime(release.published_at).strftime("%Y-%m-%d") == date


@pytest.mark.parametrize("days", [None, -1])
def test_schedule_without_a_future_time_says_so_and_keeps_the_text(client, editor, days):
    release = make_release("When, exactly?", status=Status.IN_REVIEW)
    date, time = local(timezone.now() + datetime.timedelta(days=days)) if days else ("", "")
    client.force_login(editor)
    response = client.post(
        change_url(release),
        form_data(
            release,
            title="When, exactly? (revised)",
            published_at_0=date,
            published_at_1=time,
            _step="schedule",
        ),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Give a publication date and time in the future to schedule the release." in html
    assert "When, exactly? (revised)" in html
    release.refresh_from_db()
    assert release.status == Status.IN_REVIEW and release.title == "When, exactly?"


def test_an_author_cannot_schedule(client, author):
    release = make_release("Mine to write", status=Status.DRAFT, created_by=author)
    date, time = local(timezone.now() + datetime.timedelta(days=1))
    client.force_login(author)
    assert 'value="schedule"' not in client.get(change_url(release)).content.decode()
    response = client.post(
        change_url(release),
        form_data(release, published_at_0=date, published_at_1=time, _step="schedule"),
    )
    release.refresh_from_db()
    assert release.status == Status.DRAFT
    assert response.status_code in (200, 403)
