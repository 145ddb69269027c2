"""Every change to reference data is a revision (who, when, what) that can be reverted."""

import pytest
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from taxonomy.merge import merge_terms
from taxonomy.models import FieldOfWork, Structure
from tests.factories import make_release
from tests.taxonomy.test_admin import change, change_form_data, rendered_form_data

pytestmark = pytest.mark.django_db


def history(term) -> str:
    return reverse(f"admin:taxonomy_{term._meta.model_name}_history", args=[term.pk])


def test_a_change_is_a_revision_with_who_when_and_what(manager_client, taxonomy_manager):
    office = Structure.objects.get(slug="mission-to-moldova")

    manager_client.post(change(office), change_form_data(manager_client, office, closed_year=2025))

    version = Version.objects.get_for_object(office).first()
    assert version.revision.user == taxonomy_manager
    assert version.revision.date_created is not None
    assert "Closed" in version.revision.get_comment()
    assert version.field_dict["closed_year"] == 2025
    page = manager_client.get(history(office)).content.decode()
    assert "keeper" in page and "Changed Closed." in page


def test_editors_read_the_history(client, editor, taxonomy_manager):
    youth = FieldOfWork.objects.get(slug="youth")
    manager = Client()
    manager.force_login(taxonomy_manager)
    manager.post(change(youth), change_form_data(manager, youth, position=1))
    client.force_login(editor)
    assert client.get(history(youth)).status_code == 200


def test_reverting_restores_the_earlier_version(manager_client):
    office = Structure.objects.get(slug="mission-to-moldova")
    manager_client.post(change(office), change_form_data(manager_client, office, acronym="MtM"))
    manager_client.post(change(office), change_form_data(manager_client, office, acronym="OMiM"))
    first = Version.objects.get_for_object(office).last()
    url = reverse("admin:taxonomy_structure_revision", args=[office.pk, first.pk])

    form = manager_client.get(url)
    assert form.status_code == 200
    office.refresh_from_db()
    assert office.acronym == "OMiM"  # looking at a revision changes nothing
    response = manager_client.post(url, rendered_form_data(form))

    assert response.status_code == 302
    office.refresh_from_db()
    assert office.acronym == "MtM"
    assert "Reverted" in Version.objects.get_for_object(office).first().revision.get_comment()


def test_reverting_a_rename_keeps_the_later_address_working(manager_client):
    field = FieldOfWork.objects.get(slug="environmental-activities")
    manager_client.post(change(field), change_form_data(manager_client, field, position=7))
    before_rename = Version.objects.get_for_object(field).first()
    manager_client.post(
        change(field),
        change_form_data(manager_client, field, name="Climate change", slug="climate-change"),
    )
    url = reverse("admin:taxonomy_fieldofwork_revision", args=[field.pk, before_rename.pk])

    response = manager_client.post(url, rendered_form_data(manager_client.get(url)))

    assert response.status_code == 302
    field.refresh_from_db()
    assert (field.name, field.slug) == ("Environmental activities", "environmental-activities")
    public = Client()
    moved = public.get("/fields-of-work/climate-change/")
    assert moved.status_code == 301
    assert moved["Location"] == "/fields-of-work/environmental-activities/"
    assert not field.former_names.filter(name="Environmental activities").exists()


def test_a_merge_is_recorded_and_the_merged_term_can_be_recovered(manager_client):
    make_release(fields=["youth"])
    youth, education = (FieldOfWork.objects.get(slug=s) for s in ("youth", "education"))

    merge_terms([youth], education)

    revision = Version.objects.get_for_object(education).first().revision
    assert revision.get_comment() == "Merged Youth into this term."
    deleted = Version.objects.get_deleted(FieldOfWork)
    assert [v.object_repr for v in deleted] == ["Youth"]
    recover = manager_client.get(reverse("admin:taxonomy_fieldofwork_recoverlist"))
    assert "Youth" in recover.content.decode()


def test_a_crafted_revision_address_is_not_found(manager_client):
    youth = FieldOfWork.objects.get(slug="youth")
    url = reverse("admin:taxonomy_fieldofwork_revision", args=[youth.pk, "9" * 30])
    assert manager_client.get(url).status_code == 404


def test_a_deleted_term_can_be_recovered_even_if_never_edited(manager_client):
    youth = FieldOfWork.objects.get(slug="youth")
    manager_client.post(
        reverse("admin:taxonomy_fieldofwork_delete", args=[youth.pk]), {"post": "yes"}
    )
    assert not FieldOfWork.objects.filter(slug="youth").exists()

    version = Version.objects.get_deleted(FieldOfWork).get()
    url = reverse("admin:taxonomy_fieldofwork_recover", args=[version.pk])
    response = manager_client.post(url, rendered_form_data(manager_client.get(url)))

    assert response.status_code == 302
    assert FieldOfWork.objects.get(slug="youth").name == "Youth"
