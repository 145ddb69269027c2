"""Public pages of the reference data, and old names that keep working everywhere."""

import pytest
from django.contrib.contenttypes.models import ContentType

from taxonomy.models import Country, FieldOfWork, FormerName, MeetingSeries
from tests.factories import make_release

pytestmark = pytest.mark.django_db


def rename(term, new_name: str, new_slug: str, year: int = 2025) -> str:
    """Rename a term the way the admin does: the old name and slug become a former name."""
    old_slug = term.slug
    FormerName.objects.create(
        content_type=ContentType.objects.get_for_model(term),
        object_id=term.pk,
        name=term.name,
        slug=old_slug,
        until_year=year,
    )
    term.name, term.slug = new_name, new_slug
    term.save()
    return old_slug


@pytest.mark.parametrize(
    ("model", "slug", "prefix", "key"),
    [
        (FieldOfWork, "youth", "/fields-of-work/", "field"),
        (Country, "turkiye", "/countries/", "country"),
        (MeetingSeries, "summit-meetings", "/meetings/", "meeting"),
    ],
)
def test_old_slug_redirects_on_the_page_and_in_the_listing(client, model, slug, prefix, key):
    term = model.objects.get(slug=slug)
    argument = {"field": "fields", "country": "countries", "meeting": "meetings"}[key]
    make_release("Filed before the rename", **{argument: [slug]})
    old = rename(term, f"Renamed {term.name}", f"renamed-{slug}")

    response = client.get(f"{prefix}{old}/")
    assert response.status_code == 301
    assert response["Location"] == f"{prefix}renamed-{slug}/"

    response = client.get(f"/press-releases/?{key}={old}&sort=oldest")
    assert response.status_code == 301
    assert response["Location"] == f"/press-releases/?{key}=renamed-{slug}&sort=oldest"
    html = client.get(response["Location"]).content.decode()
    assert "Filed before the rename" in html and "1 release<" in html


def test_country_index_groups_and_marks_the_chairpersonship(client):
    html = client.get("/countries/").content.decode().split("<main")[1]
    assert 'id="participating-states"' in html
    assert 'id="asian-partners"' in html and 'id="mediterranean-partners"' in html
    assert "Switzerland – OSCE Chairpersonship 2026" in html
    assert html.index("Japan") > html.index('id="asian-partners"')


def test_field_index_lists_every_field(client):
    html = client.get("/fields-of-work/").content.decode()
    for field in FieldOfWork.objects.all():
        assert f'href="{field.get_absolute_url()}"' in html


def test_meeting_page_lists_its_releases_and_links_the_feed(client):
    make_release("Ministers meet in Vienna", meetings=["ministerial-council-meetings"])
    html = client.get("/meetings/ministerial-council-meetings/").content.decode()
    assert "Ministers meet in Vienna" in html
    assert "/press-releases/feed/atom/?meeting=ministerial-council-meetings" in html


def test_structure_page_of_a_renamed_operation_lists_releases_under_the_old_name(client):
    release = make_release(
        "Office in Tajikistan opens a training centre",
        source="programme-office-in-dushanbe",
    )
    html = client.get("/structures/programme-office-in-dushanbe/").content.decode()
    assert "<span>Office in Tajikistan</span> (until 2017)" in html
    assert release.title in html.split('id="issued-heading"')[1]
    # On a Russian page the former name, kept in English, says so.
    russian = client.get("/ru/structures/programme-office-in-dushanbe/").content.decode()
    assert '<span lang="en-gb">Office in Tajikistan</span> (до 2017 г.)' in russian
