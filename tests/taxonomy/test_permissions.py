"""Only taxonomy managers (and superusers) change reference data; authors and editors read it."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from reversion.models import Version
from taggit.models import Tag

from press.models import PressRelease
from taxonomy.models import Country, FieldOfWork, FormerName, MeetingSeries, Structure
from tests.factories import make_release
from tests.taxonomy.test_admin import change, change_form_data, changelist

pytestmark = pytest.mark.django_db

MODELS = [Country, FieldOfWork, MeetingSeries, Structure]


def snapshot() -> dict:
    """Everything a forbidden request could have touched."""
    return {
        "fields": list(FieldOfWork.objects.values_list("pk", "name", "slug", "position")),
        "structures": list(
            Structure.objects.values_list("pk", "name", "slug", "parent_id", "closed_year")
        ),
        "former": list(FormerName.objects.values_list("pk", "object_id", "name", "slug")),
        "tags": list(Tag.objects.values_list("pk", "name")),
        "classified": [
            (r.pk, [f.pk for f in r.fields_of_work.all()], [t.name for t in r.tags.all()])
            for r in PressRelease.objects.order_by("pk")
        ],
    }


@pytest.fixture(params=["author", "editor"])
def reader(request, client):
    """A member of the newsroom who may read reference data, not change it."""
    user = request.getfixturevalue(request.param)
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", MODELS)
def test_authors_and_editors_read_reference_data(reader, model):
    term = model.objects.first()
    assert reader.get(changelist(model)).status_code == 200
    page = reader.get(change(term))
    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    assert "Merge into…" not in page.content.decode()
    assert "Merge selected" not in reader.get(changelist(model)).content.decode()


def test_authors_and_editors_use_the_autocomplete(reader):
    response = reader.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "press",
            "model_name": "pressrelease",
            "field_name": "lead_source",
            "term": "Moldova",
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Mission to Moldova"]


def test_crafted_posts_from_authors_and_editors_are_forbidden_and_change_nothing(
    reader, taxonomy_manager, client
):
    youth = FieldOfWork.objects.get(slug="youth")
    moldova = Structure.objects.get(slug="mission-to-moldova")
    make_release(fields=["youth"], tags=["water", "climate"])
    # A form as a manager would post it.
    manager = type(client)()
    manager.force_login(taxonomy_manager)
    renamed = change_form_data(manager, youth, name="Young people", slug="young-people")
    before = snapshot()

    forbidden = {
        "change": reader.post(change(youth), renamed),
        "add": reader.post(
            reverse("admin:taxonomy_fieldofwork_add"),
            {"name_en_gb": "Climate change", "position": 1},
        ),
        "delete": reader.post(
            reverse("admin:taxonomy_fieldofwork_delete", args=[youth.pk]), {"post": "yes"}
        ),
        "merge": reader.post(
            reverse("admin:taxonomy_fieldofwork_merge"),
            {
                "ids": [youth.pk],
                "target": FieldOfWork.objects.get(slug="education").pk,
                "until_year": 2026,
                "confirm": "yes",
            },
        ),
        "merge page": reader.get(reverse("admin:taxonomy_fieldofwork_merge"), {"ids": youth.pk}),
        "list editing": reader.post(
            changelist(Structure),
            {
                "form-TOTAL_FORMS": "1",
                "form-INITIAL_FORMS": "1",
                "form-0-id": moldova.pk,
                "form-0-position": "0",
                "form-0-closed_year": "2020",
                "_save": "Save",
            },
        ),
        "tag merge": reader.post(
            reverse("admin:taggit_tag_merge"),
            {
                "ids": [Tag.objects.get(name="water").pk],
                "target": Tag.objects.get(name="climate").pk,
                "until_year": 2026,
                "confirm": "yes",
            },
        ),
    }

    assert {name: r.status_code for name, r in forbidden.items()} == dict.fromkeys(forbidden, 403)
    assert snapshot() == before


def test_actions_posted_by_authors_and_editors_do_nothing(reader):
    youth = FieldOfWork.objects.get(slug="youth")
    before = snapshot()
    for action in ("merge_into", "delete_selected"):
        response = reader.post(
            changelist(FieldOfWork),
            {"action": action, ACTION_CHECKBOX_NAME: [youth.pk], "post": "yes"},
        )
        assert response.status_code in (200, 302)
        assert "merge" not in response.get("Location", "")
    assert snapshot() == before


def test_the_old_tag_merge_page_is_gone(reader):
    water = make_release(tags=["water", "climate"]).tags.get(name="water")
    before = snapshot()
    reader.post("/admin/taggit/tag/merge-tags/", {"new_tag_name": "climate"})
    assert Tag.objects.filter(pk=water.pk).exists()
    assert snapshot() == before


def test_authors_and_editors_cannot_revert_a_revision(reader, taxonomy_manager, client):
    youth = FieldOfWork.objects.get(slug="youth")
    manager = type(client)()
    manager.force_login(taxonomy_manager)
    manager.post(change(youth), change_form_data(manager, youth, name="Young people"))
    first = Version.objects.get_for_object(youth).last()
    assert first is not None
    before = snapshot()

    url = reverse("admin:taxonomy_fieldofwork_revision", args=[youth.pk, first.pk])
    response = reader.post(url, change_form_data(manager, youth, name="Youth"))

    assert response.status_code == 403
    assert snapshot() == before


@pytest.mark.parametrize("who", ["taxonomy_manager", "superuser"])
def test_managers_and_superusers_change_reference_data(request, client, who):
    client.force_login(request.getfixturevalue(who))
    youth = FieldOfWork.objects.get(slug="youth")

    response = client.post(change(youth), change_form_data(client, youth, name="Young people"))

    assert response.status_code == 302
    youth.refresh_from_db()
    assert youth.name == "Young people"
    add = client.post(
        reverse("admin:taxonomy_fieldofwork_add"),
        {
            "name_en_gb": "Climate change",
            "slug": "",
            "position": "24",
            "taxonomy-formername-content_type-object_id-TOTAL_FORMS": "0",
            "taxonomy-formername-content_type-object_id-INITIAL_FORMS": "0",
        },
    )
    assert add.status_code == 302
    assert FieldOfWork.objects.get(slug="climate-change").name == "Climate change"


def test_managers_see_the_merge_action(manager_client):
    html = manager_client.get(changelist(FieldOfWork)).content.decode()
    assert "Merge selected fields of work into…" in html
