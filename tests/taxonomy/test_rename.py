"""Renaming a term in the admin keeps the old name classifying and the old address working."""

import pytest
from django.urls import reverse

from press.classifier import Classifier
from taxonomy.models import FieldOfWork, FormerName, MeetingSeries, Structure
from tests.factories import make_release
from tests.taxonomy.test_admin import change, change_form_data, changelist

pytestmark = pytest.mark.django_db


def rename(client, term, **changes):
    response = client.post(change(term), change_form_data(client, term, **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors
    term.refresh_from_db()
    return term


def test_renaming_keeps_the_old_name_as_a_former_name_with_the_year(manager_client):
    office = Structure.objects.get(slug="mission-to-moldova")

    rename(manager_client, office, name="Mission to the Republic of Moldova", renamed_in="2024")

    assert office.name == "Mission to the Republic of Moldova"
    assert office.slug == "mission-to-moldova"  # the address stays unless changed
    former = office.former_names.get(name="Mission to Moldova")
    assert former.until_year == 2024


def test_the_old_name_still_classifies_and_finds(manager_client, public):
    office = Structure.objects.get(slug="mission-to-moldova")
    rename(manager_client, office, name="Mission to the Republic of Moldova")

    found = Classifier.from_database().classify("The OSCE Mission to Moldova reported today.")
    assert office.pk in found.structures
    search = manager_client.get(changelist(Structure), {"q": "Mission to Moldova"})
    assert office in search.context["cl"].result_list
    page = public.get(office.get_absolute_url())
    assert "Mission to Moldova" in page.content.decode()  # listed among the former names


def test_the_box_is_checked_by_default_with_this_year(manager_client):
    response = manager_client.get(change(Structure.objects.get(slug="mission-to-moldova")))
    form = response.context["adminform"].form
    assert form["record_former_name"].value() is True
    assert str(form["renamed_in"].value()).isdigit()


def test_unticking_the_box_drops_a_misspelt_name(manager_client):
    youth = FieldOfWork.objects.get(slug="youth")
    youth.name = "Yuoth"
    youth.save()

    rename(manager_client, youth, name="Youth", record_former_name=None)

    assert not youth.former_names.exists()
    assert youth.pk not in Classifier.from_database().classify("Yuoth").fields_of_work


def test_a_changed_slug_redirects_the_old_entity_page(manager_client, public):
    office = Structure.objects.get(slug="mission-to-moldova")

    rename(
        manager_client,
        office,
        name="Mission to the Republic of Moldova",
        slug="mission-to-the-republic-of-moldova",
    )

    response = public.get("/structures/mission-to-moldova/")
    assert response.status_code == 301
    assert response["Location"] == "/structures/mission-to-the-republic-of-moldova/"
    assert public.get(response["Location"]).status_code == 200
    # Listing filters resolve old slugs through the same method.
    assert Structure.objects.by_slug_or_former_slug("mission-to-moldova") == office


def test_a_changed_slug_is_kept_even_when_the_old_name_is_not(manager_client, public):
    series = MeetingSeries.objects.get(slug="summit-meetings")

    rename(manager_client, series, slug="summits", record_former_name=None)

    response = public.get("/meetings/summit-meetings/")
    assert response.status_code == 301
    assert response["Location"] == "/meetings/summits/"


def test_renaming_twice_keeps_every_old_address(manager_client, public):
    field = FieldOfWork.objects.get(slug="environmental-activities")
    rename(manager_client, field, name="Environment", slug="environment")
    rename(manager_client, field, name="Climate and environment", slug="climate-and-environment")

    for old in ("environmental-activities", "environment"):
        response = public.get(f"/fields-of-work/{old}/")
        assert response.status_code == 301
        assert response["Location"] == "/fields-of-work/climate-and-environment/"
    assert set(field.former_names.values_list("name", flat=True)) == {
        "Environmental activities",
        "Environment",
    }


def test_renaming_back_does_not_list_the_current_name_as_former(manager_client, public):
    field = FieldOfWork.objects.get(slug="youth")
    rename(manager_client, field, name="Young people", slug="young-people")
    rename(manager_client, field, name="Youth", slug="youth")

    assert list(field.former_names.values_list("name", "slug")) == [
        ("Young people", "young-people")
    ]
    assert public.get("/fields-of-work/young-people/")["Location"] == "/fields-of-work/youth/"


def test_releases_filed_under_a_renamed_term_keep_it(manager_client):
    release = make_release(structures=["mission-to-moldova"])
    office = Structure.objects.get(slug="mission-to-moldova")

    rename(manager_client, office, name="Mission to the Republic of Moldova", slug="moldova")

    assert list(release.structures.all()) == [office]


def test_renaming_a_tag_keeps_its_old_slug(manager_client):
    release = make_release(tags=["climate"])
    tag = release.tags.get()

    response = manager_client.post(
        reverse("admin:taggit_tag_change", args=[tag.pk]),
        {
            "name": "climate change",
            "slug": "climate-change",
            "record_former_name": "on",
            "renamed_in": "2025",
            "taxonomy-formername-content_type-object_id-TOTAL_FORMS": "0",
            "taxonomy-formername-content_type-object_id-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302
    former = FormerName.objects.get(object_id=tag.pk, content_type__model="tag")
    assert (former.name, former.slug, former.until_year) == ("climate", "climate", 2025)
    assert list(release.tags.names()) == ["climate change"]


def test_the_header_shows_a_renamed_field_at_once(manager_client, public):
    public.get("/")  # the navigation is cached
    field = FieldOfWork.objects.get(slug="youth")

    rename(manager_client, field, name="Youth and security")

    assert "Youth and security" in public.get("/").content.decode()


def test_an_old_address_of_another_term_cannot_be_taken(manager_client):
    youth = FieldOfWork.objects.get(slug="youth")
    rename(manager_client, youth, name="Young people", slug="young-people")
    education = FieldOfWork.objects.get(slug="education")

    response = manager_client.post(
        change(education), change_form_data(manager_client, education, slug="youth")
    )

    assert response.status_code == 200
    assert "used to belong to “Young people”" in response.content.decode()
    assert FieldOfWork.objects.by_slug_or_former_slug("youth") == youth


def test_a_slug_only_change_is_not_listed_as_a_former_name(manager_client, public):
    office = Structure.objects.get(slug="mission-to-moldova")

    rename(manager_client, office, slug="moldova-mission")

    assert (
        public.get("/structures/mission-to-moldova/")["Location"] == "/structures/moldova-mission/"
    )
    assert list(office.listed_former_names()) == []


def test_changing_only_the_slug_twice_keeps_both_old_addresses(manager_client, public):
    office = Structure.objects.get(slug="mission-to-moldova")

    rename(manager_client, office, slug="moldova-mission")
    rename(manager_client, office, slug="osce-moldova")

    for old in ("mission-to-moldova", "moldova-mission"):
        assert public.get(f"/structures/{old}/")["Location"] == "/structures/osce-moldova/"
