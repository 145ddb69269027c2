"""Odd input on the staff side: the admin answers a mistyped or crafted value with a message or
a 400, never a server error, and never does something else than what was asked."""

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from taxonomy.models import Country
from tests.factories import make_release, make_user

CHANGELIST = "/admin/press/pressrelease/"
EXPORT = "/admin/press/pressrelease/export.csv"
MERGE = "/admin/taxonomy/country/merge/"


@pytest.fixture
def editor_client(client, db):
    client.force_login(make_user(groups=["Editor"]))
    client.raise_request_exception = False
    return client


@pytest.fixture
def manager_client(client, db):
    client.force_login(make_user(groups=["Taxonomy manager"]))
    client.raise_request_exception = False
    return client


@pytest.fixture
def releases(db):
    make_release("Border management seminar in 2024")
    make_release("A draft of the week", status="draft")


@pytest.mark.parametrize("year", ["²", "²²²²", "٣", "99999999", "0", "-1", "１９９９"])
def test_an_impossible_year_in_the_release_list_is_said_and_ignored(editor_client, releases, year):
    response = editor_client.get(CHANGELIST, {"year": year})
    assert response.status_code == 200
    assert "is not a year between 1900 and 2999" in response.text
    # The whole list, as for no year at all.
    assert response.context["cl"].result_count == 2


def test_a_real_year_still_filters(editor_client, releases):
    response = editor_client.get(CHANGELIST, {"year": "1901"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 0
    assert "is not a year" not in response.text


@pytest.mark.parametrize("year", ["²", "99999999"])
def test_exporting_an_impossible_year_is_a_bad_request_that_says_why(editor_client, releases, year):
    response = editor_client.get(EXPORT, {"year": year})
    assert response.status_code == 400
    assert "is not a year between 1900 and 2999" in response.content.decode()
    # The message was the answer: the next page does not repeat it.
    assert "is not a year" not in editor_client.get(CHANGELIST).text


@pytest.mark.parametrize("ids", ["²", "٣", "99999999999999999999999", "-1", "1e3"])
def test_the_merge_page_ignores_ids_that_are_no_keys(manager_client, ids):
    response = manager_client.get(MERGE + "?ids=" + quote(ids))
    assert response.status_code < 500


@pytest.mark.parametrize("target", ["²", "٣", "99999999999999999999999"])
def test_a_merge_target_that_is_no_key_is_a_form_error(manager_client, target):
    austria, germany = Country.objects.get(slug="austria"), Country.objects.get(slug="germany")
    response = manager_client.post(
        MERGE, {"ids": [austria.pk, germany.pk], "target": target, "confirm": "1"}
    )
    assert response.status_code in (200, 302)
    assert Country.objects.filter(pk__in=[austria.pk, germany.pk]).count() == 2


@pytest.mark.parametrize("version", ["²", "٣", "99999999999"])
def test_history_addresses_with_odd_version_numbers_find_no_version(editor_client, version):
    release = make_release()
    response = editor_client.get(f"{CHANGELIST}{release.pk}/history/{quote(version)}/", follow=True)
    # Not found, or the admin's own "does not exist" notice on its home page.
    assert response.status_code in (200, 404)
    assert "revert" not in response.text.lower()


unicode_digits = st.text(alphabet=st.characters(categories=["Nd", "No"]), min_size=1, max_size=9)


@hypothesis_settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    path=st.sampled_from([CHANGELIST, EXPORT]),
    key=st.sampled_from(["year", "status", "q", "p", "o", "lead_source__id__exact"]),
    value=st.one_of(unicode_digits, st.integers(-(10**20), 10**20).map(str), st.text(max_size=20)),
)
@example(path=CHANGELIST, key="year", value="²")
@example(path=EXPORT, key="year", value="99999999")
def test_no_filter_value_breaks_the_release_list(editor_client, releases, path, key, value):
    response = editor_client.get(path, {key: value})
    assert response.status_code < 500, f"{response.status_code} for {path}?{key}={value!r}"


@pytest.mark.parametrize("tail", ["change/history/", "history/compare/x/", "preview/x/"])
@pytest.mark.parametrize("view", ["history", "history/compare", "preview"])
def test_release_pages_at_odd_addresses_are_not_found(editor_client, releases, view, tail):
    for address in (
        f"{CHANGELIST}1/{tail}",
        f"{CHANGELIST}1/change/{view}/",
        f"{CHANGELIST}%C2%B2/{view}/",
    ):
        assert editor_client.get(address).status_code in (302, 404), address
