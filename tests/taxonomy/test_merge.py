"""Merging terms moves every release, keeps old links and names working, all or nothing;
a term in use is never deleted."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from taggit.models import Tag

from press.classifier import Classifier
from press.models import PressRelease, Status
from taxonomy import merge
from taxonomy.merge import MergeError, merge_terms
from taxonomy.models import Chairpersonship, Country, FieldOfWork, FormerName, Structure
from tests.factories import make_release
from tests.taxonomy.test_admin import change, changelist

pytestmark = pytest.mark.django_db


def field(slug: str) -> FieldOfWork:
    return FieldOfWork.objects.get(slug=slug)


def structure(slug: str) -> Structure:
    return Structure.objects.get(slug=slug)


def merge_url(model) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_merge")


# The merge itself.


def test_merging_fields_moves_every_release_and_keeps_the_old_slug(public):
    both = make_release(fields=["economic-activities", "environmental-activities"])
    only_old = make_release(fields=["environmental-activities"])
    draft = make_release(fields=["environmental-activities"], status=Status.DRAFT)
    untouched = make_release(fields=["youth"])
    target = field("economic-activities")

    result = merge_terms([field("environmental-activities")], target, until_year=2025)

    assert result.releases_moved == 3
    for release in (both, only_old, draft):
        assert list(release.fields_of_work.all()) == [target]
    assert list(untouched.fields_of_work.all()) == [field("youth")]
    assert not FieldOfWork.objects.filter(slug="environmental-activities").exists()
    former = target.former_names.get()
    assert (former.name, former.slug, former.until_year) == (
        "Environmental activities",
        "environmental-activities",
        2025,
    )
    response = public.get("/fields-of-work/environmental-activities/")
    assert response.status_code == 301
    assert response["Location"] == "/fields-of-work/economic-activities/"
    assert FieldOfWork.objects.by_slug_or_former_slug("environmental-activities") == target
    found = Classifier.from_database().classify("Environmental activities in the region")
    assert target.pk in found.fields_of_work


def test_merging_structures_moves_every_role_and_the_parts(public):
    old = structure("office-in-minsk")
    target = structure("programme-office-in-dushanbe")
    old_part = Structure.objects.create(
        name="Minsk outpost", slug="minsk-outpost", kind=Structure.Kind.OTHER, parent=old
    )
    issued = make_release(source="office-in-minsk")
    supported = make_release()
    supported.supporting_sources.add(old)
    about = make_release(structures=["office-in-minsk", "programme-office-in-dushanbe"])
    FormerName.objects.create(term=old, name="Advisory Office in Minsk", until_year=2001)

    result = merge_terms([old], target)

    assert result.releases_moved == 3
    issued.refresh_from_db()
    assert issued.lead_source == target
    assert list(supported.supporting_sources.all()) == [target]
    assert list(about.structures.all()) == [target]
    old_part.refresh_from_db()
    assert old_part.parent == target
    assert {"Office in Minsk", "Advisory Office in Minsk", "Office in Tajikistan"} <= set(
        target.former_names.values_list("name", flat=True)
    )
    assert public.get("/structures/office-in-minsk/")["Location"] == target.get_absolute_url()


def test_merging_countries_moves_chairpersonships_and_hosted_operations():
    old = Country.objects.get(slug="serbia")
    target = Country.objects.get(slug="montenegro")
    Chairpersonship.objects.create(year=2040, country=old)
    release = make_release(countries=["serbia"])

    merge_terms([old], target)

    assert Chairpersonship.objects.for_year(2040).country == target
    assert structure("mission-to-serbia").host_country == target
    assert list(release.countries.all()) == [target]


def test_merging_tags_moves_them_without_duplicates():
    both = make_release(tags=["climate", "climate change"])
    old_only = make_release(tags=["climate"])
    target = Tag.objects.get(name="climate change")

    result = merge_terms([Tag.objects.get(name="climate")], target)

    assert result.releases_moved == 2
    assert list(both.tags.names()) == ["climate change"]
    assert list(old_only.tags.names()) == ["climate change"]
    assert not Tag.objects.filter(name="climate").exists()
    assert FormerName.objects.get(object_id=target.pk, content_type__model="tag").slug == "climate"


def test_several_terms_merge_at_once():
    make_release(fields=["education"])
    make_release(fields=["youth"])
    target = field("human-rights")

    result = merge_terms([field("education"), field("youth")], target)

    assert result.releases_moved == 2
    assert PressRelease.objects.filter(fields_of_work=target).count() == 2
    assert set(target.former_names.values_list("slug", flat=True)) == {"education", "youth"}


def test_a_structure_cannot_be_merged_into_one_of_its_parts():
    with pytest.raises(MergeError, match="is part of"):
        merge_terms([structure("secretariat")], structure("conflict-prevention-centre"))
    assert Structure.objects.filter(slug="secretariat").exists()


def test_a_failure_mid_merge_leaves_everything_unchanged(monkeypatch):
    old = structure("office-in-minsk")
    target = structure("programme-office-in-dushanbe")
    part = Structure.objects.create(name="Minsk outpost", kind=Structure.Kind.OTHER, parent=old)
    issued = make_release(source="office-in-minsk", structures=["office-in-minsk"])
    former_before = set(FormerName.objects.values_list("pk", "object_id", "name", "slug"))

    def fail(*args, **kwargs):
        # The last step: releases and parts have moved, the old term is gone by now.
        raise RuntimeError("database went away")

    old_pk = old.pk
    monkeypatch.setattr(merge, "record_former_name", fail)
    with pytest.raises(RuntimeError):
        merge_terms([old], target)

    assert Structure.objects.filter(pk=old_pk).exists()
    issued.refresh_from_db()
    assert issued.lead_source_id == old_pk
    assert list(issued.structures.values_list("pk", flat=True)) == [old_pk]
    part.refresh_from_db()
    assert part.parent_id == old_pk
    assert set(FormerName.objects.values_list("pk", "object_id", "name", "slug")) == (former_before)


# The admin action: choose the target, confirm with the count, merge.


def test_merge_action_asks_for_the_target_then_confirms_how_many_releases_move(manager_client):
    for _ in range(3):
        make_release(fields=["environmental-activities"])
    make_release(fields=["environmental-activities", "economic-activities"])
    old, target = field("environmental-activities"), field("economic-activities")

    response = manager_client.post(
        changelist(FieldOfWork), {"action": "merge_into", ACTION_CHECKBOX_NAME: [old.pk]}
    )
    assert response.status_code == 302
    choose = manager_client.get(response["Location"])
    assert choose.status_code == 200
    assert "4 releases are classified by the terms below." in choose.content.decode()
    assert old not in choose.context["form"].fields["target"].queryset

    confirm = manager_client.post(
        merge_url(FieldOfWork), {"ids": [old.pk], "target": target.pk, "until_year": 2026}
    )
    assert confirm.status_code == 200
    assert "4 releases will move to “Economic activities”." in confirm.content.decode()
    assert FieldOfWork.objects.filter(pk=old.pk).exists()  # nothing yet

    done = manager_client.post(
        merge_url(FieldOfWork),
        {"ids": [old.pk], "target": target.pk, "until_year": 2026, "confirm": "yes"},
        follow=True,
    )
    assert done.redirect_chain[-1][0] == change(target)
    assert "4 releases moved" in done.content.decode()
    assert not FieldOfWork.objects.filter(pk=old.pk).exists()
    assert PressRelease.objects.filter(fields_of_work=target).count() == 4


def test_the_change_page_offers_the_merge(manager_client):
    youth = field("youth")
    html = manager_client.get(change(youth)).content.decode()
    assert f'href="{merge_url(FieldOfWork)}?ids={youth.pk}"' in html


def test_merge_page_refuses_a_part_as_target_with_a_message(manager_client):
    response = manager_client.post(
        merge_url(Structure),
        {
            "ids": [structure("secretariat").pk],
            "target": structure("conflict-prevention-centre").pk,
            "until_year": 2026,
            "confirm": "yes",
        },
    )
    assert response.status_code == 200
    assert "is part of" in response.content.decode()
    assert Structure.objects.filter(slug="secretariat").exists()


def test_merge_page_without_terms_goes_back_to_the_list(manager_client):
    response = manager_client.get(merge_url(FieldOfWork), {"ids": ["x", "999999"]})
    assert response.status_code == 302
    assert response["Location"] == changelist(FieldOfWork)


def test_merge_page_with_a_bad_year_says_so(manager_client):
    response = manager_client.post(
        merge_url(FieldOfWork),
        {"ids": [field("youth").pk], "target": field("education").pk, "until_year": "soon"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["until_year"]
    assert FieldOfWork.objects.filter(slug="youth").exists()


# Deleting.


def test_deleting_a_term_in_use_is_refused_and_offers_the_merge(manager_client):
    make_release(fields=["youth"])
    make_release(fields=["youth"], status=Status.DRAFT)
    youth = field("youth")
    delete = reverse("admin:taxonomy_fieldofwork_delete", args=[youth.pk])

    page = manager_client.get(delete)
    posted = manager_client.post(delete, {"post": "yes"})

    for response in (page, posted):
        html = response.content.decode()
        assert "Not deleted: 2 releases are classified by it." in html
        assert f"{merge_url(FieldOfWork)}?ids={youth.pk}" in html
    assert FieldOfWork.objects.filter(pk=youth.pk).exists()


def test_deleting_a_lead_source_is_refused_too(manager_client):
    make_release(source="office-in-minsk")
    minsk = structure("office-in-minsk")

    response = manager_client.post(
        reverse("admin:taxonomy_structure_delete", args=[minsk.pk]), {"post": "yes"}
    )

    assert "Not deleted: 1 release is classified by it." in response.content.decode()
    assert Structure.objects.filter(pk=minsk.pk).exists()


def test_deleting_an_unused_term_works(manager_client):
    youth = field("youth")
    response = manager_client.post(
        reverse("admin:taxonomy_fieldofwork_delete", args=[youth.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not FieldOfWork.objects.filter(pk=youth.pk).exists()


def test_bulk_deletion_refuses_terms_in_use(manager_client):
    make_release(fields=["youth"])
    youth, education = field("youth"), field("education")

    response = manager_client.post(
        changelist(FieldOfWork),
        {"action": "delete_selected", ACTION_CHECKBOX_NAME: [youth.pk, education.pk]},
    )

    assert "Not deleted: 1 release is classified by it." in response.content.decode()
    assert FieldOfWork.objects.filter(pk__in=[youth.pk, education.pk]).count() == 2

    confirm = manager_client.post(
        changelist(FieldOfWork),
        {"action": "delete_selected", ACTION_CHECKBOX_NAME: [education.pk], "post": "yes"},
    )
    assert confirm.status_code == 302
    assert not FieldOfWork.objects.filter(pk=education.pk).exists()


@pytest.mark.parametrize(
    "data",
    [
        {"ids": ["9" * 30]},
        {"ids": ["{youth}"], "target": "9" * 30, "until_year": "2020"},
        {"ids": ["{youth}"], "target": "<script>", "until_year": "9" * 40},
    ],
)
def test_crafted_merge_input_gets_a_message_not_an_error(manager_client, data):
    youth = field("youth")
    data = {
        k: [v.format(youth=youth.pk) for v in v] if isinstance(v, list) else v
        for k, v in data.items()
    }

    response = manager_client.post(merge_url(FieldOfWork), data)

    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert response.context["form"].errors
    assert FieldOfWork.objects.filter(pk=youth.pk).exists()


def test_bulk_deletion_leaves_the_public_navigation_at_once(manager_client, public):
    education = field("education")
    assert 'href="/fields-of-work/education/"' in public.get("/").content.decode()
    manager_client.post(
        changelist(FieldOfWork),
        {"action": "delete_selected", ACTION_CHECKBOX_NAME: [education.pk], "post": "yes"},
    )
    assert 'href="/fields-of-work/education/"' not in public.get("/").content.decode()


def test_a_merged_tag_keeps_its_listing_address(client):
    make_release(tags=["elections"])
    make_release(tags=["election observation"])
    target = Tag.objects.get(name="election observation")
    merge_terms([Tag.objects.get(name="elections")], target)

    response = client.get("/press-releases/?tag=elections&country=austria")
    assert response.status_code == 301
    assert response["Location"] == f"/press-releases/?country=austria&tag={target.slug}"
    followed = client.get(response["Location"])
    assert "not a known value" not in followed.text
    assert followed.context["page_obj"].paginator.count == 0  # none in Austria; filter intact
    assert (
        client.get("/press-releases/?tag=elections", follow=True)
        .context["page_obj"]
        .paginator.count
        == 2
    )


def test_a_renamed_tag_keeps_its_listing_address(client):
    make_release(tags=["osce chairmanship"])
    tag = Tag.objects.get(name="osce chairmanship")
    merge.record_former_name(tag, name=tag.name, slug=tag.slug)
    tag.name, tag.slug = "OSCE Chairpersonship", "osce-chairpersonship"
    tag.save()
    response = client.get("/press-releases/?tag=osce-chairmanship")
    assert response.status_code == 301
    assert response["Location"].endswith("tag=osce-chairpersonship")


def test_a_former_tag_of_drafts_only_stays_unknown(client):
    make_release(tags=["elections"], status="draft")
    make_release(tags=["secret plans"], status="draft")
    merge_terms([Tag.objects.get(name="elections")], Tag.objects.get(name="secret plans"))
    response = client.get("/press-releases/?tag=elections")
    assert response.status_code == 200
    assert "not a known value" in response.text
    assert "secret plans" not in response.text.lower()
    assert "secret-plans" not in response.text
