"""The body editor's search for a release to link to: staff who may read releases find them
by the words of their title, drafts marked as not public."""

from __future__ import annotations

import pytest

from press.models import Status
from tests.factories import make_release, make_user

pytestmark = pytest.mark.django_db

URL = "/admin/press/pressrelease/link-search/"


def test_finds_releases_by_every_word_of_the_title_newest_first(client, author):
    older = make_release("Border management training in Dushanbe")
    newer = make_release("Training for border guards ends")  # made later: newer by the factory
    make_release("Media freedom conference")
    draft = make_release("Border training next year", status=Status.DRAFT)
    client.force_login(author)

    answer = client.get(URL, {"q": "  TRAINING border "})
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/json"
    results = answer.json()["results"]
    assert [r["title"] for r in results] == [older.title, newer.title, draft.title]
    first = results[0]
    assert first["url"] == older.get_absolute_url() == f"/press-releases/{older.slug}/"
    assert first["public"] is True and first["status"] == "Published"
    assert first["date"]
    assert results[2]["public"] is False and results[2]["status"] == "Draft"


def test_at_most_ten_results(client, editor):
    for n in range(12):
        make_release(f"Election observation report {n}")
    client.force_login(editor)
    assert len(client.get(URL, {"q": "election"}).json()["results"]) == 10


def test_only_users_who_may_view_releases(client, taxonomy_manager):
    make_release("Border management training")
    assert client.get(URL, {"q": "border"}).status_code == 302  # to the admin's login
    client.force_login(taxonomy_manager)
    assert client.get(URL, {"q": "border"}).status_code == 403
    client.force_login(make_user("someone"))  # staff without any group
    assert client.get(URL, {"q": "border"}).status_code == 403


@pytest.mark.parametrize(
    "query",
    [
        "q=",
        "q=%20%20",
        "q=%25",
        "q=_",
        "q=%00",
        "q=a%00b",
        "q=%27%3B+drop+table+press_pressrelease%3B+--",
        "q=" + "%C3%A9" * 5000,
        "q=%ED%A0%80",  # half a surrogate pair: not UTF-8 at all
        "q=%FF%FE",
        "q=%22unclosed+-",
        "q=border&q=training",
        "q[]=border",
        "q=" + "border+" * 300,
    ],
)
def test_no_query_breaks_it(client, editor, query):
    make_release("Border management training")
    client.force_login(editor)
    answer = client.get(f"{URL}?{query}")
    # The site refuses a NUL in any address (400) before the search sees it.
    assert answer.status_code in (200, 400)
    if answer.status_code == 200:
        assert isinstance(answer.json()["results"], list)


def test_empty_query_finds_nothing(client, editor):
    make_release("Border management training")
    client.force_login(editor)
    assert client.get(URL).json() == {"results": []}
