import pytest

from press.models import Status
from tests.factories import make_release

pytestmark = pytest.mark.django_db


def test_home_lists_published_releases_only(client):
    make_release("Visible release")
    make_release("Secret draft", status=Status.DRAFT)
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Visible release" in html and "Secret draft" not in html


def test_release_page_shows_the_release(client):
    release = make_release(
        "Dushanbe border college graduates",
        dateline_city="DUSHANBE",
        countries=["tajikistan"],
        body="<p>Forty officers graduated.</p>",
    )
    response = client.get(release.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dushanbe border college graduates" in html
    assert "<p>Forty officers graduated.</p>" in html
    assert 'href="/countries/tajikistan/"' in html


@pytest.mark.parametrize("status", [Status.DRAFT, Status.IN_REVIEW])
def test_unpublished_releases_are_404_for_the_public(client, status):
    release = make_release(status=status)
    assert client.get(release.get_absolute_url()).status_code == 404


def test_withdrawn_release_stays_readable_with_its_reason(client):
    release = make_release(status=Status.WITHDRAWN, withdrawal_reason="Superseded by a correction.")
    response = client.get(release.get_absolute_url())
    assert response.status_code == 200
    assert "Superseded by a correction." in response.content.decode()


def test_navigation_is_built_from_the_reference_tables(client):
    html = client.get("/").content.decode()
    assert "Switzerland – OSCE Chairpersonship 2026" in html or ("OSCE Chairpersonship" in html)
    assert 'href="/fields-of-work/border-management/"' in html


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up"}
