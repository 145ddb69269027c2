"""Checks before submitting find what an editor would send back, name the field to fix, and
run on the form as it is, unsaved."""

from __future__ import annotations

import pytest
from django.urls import reverse

from press.checks import check
from press.models import PressRelease, ReleaseTerms
from taxonomy.models import Country
from tests.factories import make_release, make_user
from tests.press.test_admin import ADD, change_url, form_data

pytestmark = pytest.mark.django_db

CLASSIFIED = ReleaseTerms(by_kind={"country": [Country(name="Poland", slug="poland")]})


def release(**fields) -> PressRelease:
    values = {
        "title": "Observers deployed",
        "lead": "Observers arrived.",
        "body": "<p>Text.</p>",
        "lead_source_id": 1,
    }
    return PressRelease(**{**values, **fields})


def messages_of(found) -> list[str]:
    return [f"{finding.field}: {finding.message}" for finding in found]


def test_a_sound_release_has_nothing_to_fix():
    assert check(release(), CLASSIFIED) == []


def test_missing_lead_source_and_classification_are_named():
    found = messages_of(check(release(lead="", lead_source_id=None), ReleaseTerms()))
    assert found[0].startswith("lead: There is no lead")
    assert any(line.startswith("lead_source: Choose the source") for line in found)
    assert any(
        line.startswith("countries: No country, field of work or structure") for line in found
    )


def test_headings_that_skip_a_level_are_found():
    body = "<h2>Background</h2><p>a</p><h4>Details</h4><p>b</p><h3>Next</h3>"
    found = messages_of(check(release(body=body), CLASSIFIED))
    assert found == [
        "body: The heading “Details” skips a level (Heading 4 after Heading 2): screen "
        "reader users move through the page by them."
    ]
    first = messages_of(check(release(body="<h3>Starts low</h3><p>a</p>"), CLASSIFIED))
    assert "Heading 3 after Heading 1" in first[0]


@pytest.mark.parametrize("text", ["click here", "Here", "read more…", "More.", "link"])
def test_link_text_that_does_not_say_where_it_leads(text):
    body = f'<p>For the report <a href="https://example.org/r">{text}</a>.</p>'
    found = messages_of(check(release(body=body), CLASSIFIED))
    assert len(found) == 1 and "does not say where it leads" in found[0]


def test_a_link_naming_its_page_is_fine():
    body = '<p>Read <a href="https://example.org/r">the final report on the elections</a>.</p>'
    assert check(release(body=body), CLASSIFIED) == []


def test_very_long_sentences_are_quoted_with_their_length():
    sentence = "Word " + " ".join(["word"] * 44) + "."
    found = messages_of(
        check(release(body=f"<p>Short one. {sentence} Short again.</p>"), CLASSIFIED)
    )
    assert found == [
        "body: A sentence of 45 words is hard to follow: “Word word word word word word word word…”"
    ]


def test_links_to_this_site_must_lead_to_a_public_page():
    make_release("Public one", slug="public-one")
    make_release("A draft", slug="a-draft", status="draft")
    body = (
        '<p><a href="/press-releases/public-one/">the public release</a> '
        '<a href="/press-releases/a-draft/">the draft release</a> '
        '<a href="http://127.0.0.1:8000/no-such-page/">a missing page</a> '
        '<a href="https://example.org/elsewhere/">another site</a></p>'
    )
    found = messages_of(check(release(body=body), CLASSIFIED))
    assert found == [
        "body: The link to /press-releases/a-draft/ leads to a page that does not exist or is "
        "not public.",
        "body: The link to http://127.0.0.1:8000/no-such-page/ leads to a page that does not "
        "exist or is not public.",
    ]


def test_the_form_shows_the_checks_and_runs_them_on_unsaved_fields(client):
    writer = make_user("writer", groups=["Author"])
    draft = make_release("Own draft", status="draft", created_by=writer, lead="")
    client.force_login(writer)
    page = client.get(change_url(draft))
    assert "The checks found" in page.text and "There is no lead" in page.text

    address = reverse("admin:press_pressrelease_checks", args=[draft.pk])
    answer = client.post(address, form_data(draft, lead="A lead now.", countries=[1])).json()
    assert answer["summary"] == "The checks found nothing to fix."
    assert answer["items"] == []
    answer = client.post(address, form_data(draft, lead="", countries=[1])).json()
    assert answer["items"] == [
        '<li><a href="#id_lead">Lead</a>: There is no lead: lists, feeds and search show it.</li>'
    ]

    new = client.post(reverse("admin:press_pressrelease_checks_new"), form_data(countries=[]))
    assert "No country, field of work or structure" in new.json()["items"][0]
    assert "Run the checks" in client.get(ADD).text


def test_submitting_says_what_the_checks_found(client):
    writer = make_user("writer", groups=["Author"])
    draft = make_release("Own draft", status="draft", created_by=writer)
    client.force_login(writer)
    data = form_data(draft, lead="", countries=[])
    response = client.post(change_url(draft), {**data, "_step": "submit"}, follow=True)
    draft.refresh_from_db()
    assert draft.status == "in-review"
    assert "Submitted for review." in response.text
    assert "The checks found 2 things to look at before submitting." in response.text


def test_who_may_not_edit_cannot_run_them(client):
    owner = make_user("writer", groups=["Author"])
    draft = make_release("Own draft", status="draft", created_by=owner)
    client.force_login(make_user("other", groups=["Author"]))
    address = reverse("admin:press_pressrelease_checks", args=[draft.pk])
    assert client.post(address, form_data(draft)).status_code == 403
