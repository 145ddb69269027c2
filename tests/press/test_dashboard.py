"""The newsroom desk on the admin's home page: each person sees what they have to do next."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from tests.factories import make_release, make_user

pytestmark = pytest.mark.django_db


def desk(client, user) -> dict:
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response


def test_an_author_sees_their_drafts_and_submissions_not_the_others(client):
    author = make_user("writer", groups=["Author"])
    make_release("My draft on elections", status="draft", created_by=author)
    make_release("My submitted statement", status="in-review", created_by=author)
    make_release("A colleague's draft", status="draft")
    make_release("A colleague's submission", status="in-review")
    page = desk(client, author).text
    assert "My drafts" in page and "My draft on elections" in page
    assert "Submitted for review" in page and "My submitted statement" in page
    assert "A colleague&#x27;s draft" not in page and "A colleague's draft" not in page
    assert "A colleague&#x27;s submission" not in page


def test_an_editor_sees_everything_waiting_for_review_and_what_is_scheduled(client):
    editor = make_user("chief", groups=["Editor"])
    author = make_user("writer", groups=["Author"])
    make_release("Waiting one", status="in-review", created_by=author)
    make_release("Waiting two", status="in-review")
    soon = timezone.now() + datetime.timedelta(hours=3)
    make_release("Goes out at three", published_at=soon)
    make_release("Out yesterday", published_at=timezone.now() - datetime.timedelta(days=1))
    make_release("Taken back", status="withdrawn")
    response = desk(client, editor)
    page = response.text
    assert "Awaiting review" in page and "Waiting one" in page and "Waiting two" in page
    assert "by writer" in page
    assert "Scheduled" in page and "Goes out at three" in page
    assert f'datetime="{timezone.localtime(soon).isoformat()}"' in page
    assert "Recently published" in page and "Out yesterday" in page
    # The scheduled release is not "published" yet.
    published = page.split("Recently published")[1].split("Recently withdrawn")[0]
    assert "Goes out at three" not in published
    assert "Recently withdrawn" in page and "Taken back" in page


def test_the_desk_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    editor = make_user("chief", groups=["Editor"])
    for n in range(12):
        make_release(f"Release {n}", status="in-review")
    client.force_login(editor)
    with django_assert_max_num_queries(20):
        client.get("/admin/")


def test_a_taxonomy_manager_sees_no_desk(client):
    manager = make_user("keeper", groups=["Taxonomy manager"])
    page = desk(client, manager).text
    assert "Newsroom desk" not in page


def test_admin_names_read_as_editors_say_them(client):
    page = desk(client, make_user(superuser=True)).text
    assert ">Tags<" in page or "Tags</a>" in page
    assert "Taggit" not in page
    listing = client.get("/admin/press/pressrelease/").text
    crumbs = listing.split('<ol class="breadcrumbs">')[1].split("</ol>")[0]
    assert re.findall(r">([^<>]+)</", crumbs) == ["Home", "Newsroom", "Press releases"]
