"""The reference data in the admin: lists with counts, the structure tree, forms."""

import datetime

import pytest
from django.apps import apps
from django.forms import BooleanField
from django.urls import reverse
from django.utils import timezone

from press.models import Status
from taxonomy.models import Chairpersonship, Country, FieldOfWork, MeetingSeries, Structure
from tests.factories import make_release, make_user

pytestmark = pytest.mark.django_db


def changelist(model) -> str:
    return reverse(f"admin:taxonomy_{model._meta.model_name}_changelist")


def change(obj) -> str:
    return reverse(f"admin:taxonomy_{obj._meta.model_name}_change", args=[obj.pk])


def structure_form(structure: Structure, **changes) -> dict:
    """The change form of a structure as the admin posts it, with ``changes`` applied."""
    data = {
        "name_en_gb": structure.name,
        "slug": structure.slug,
        "acronym_en_gb": structure.acronym,
        "kind": structure.kind,
        "parent": structure.parent_id or "",
        "position": structure.position,
        "host_country": structure.host_country_id or "",
        "host_territory_en_gb": structure.host_territory,
        "opened_year": structure.opened_year or "",
        "closed_year": structure.closed_year or "",
        "record_former_name": "on",
        "renamed_in": "2017",
        "taxonomy-formername-content_type-object_id-TOTAL_FORMS": "0",
        "taxonomy-formername-content_type-object_id-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def rendered_form_data(response) -> dict:
    """The admin form of ``response`` (inlines included) as a browser would post it back."""
    forms = [response.context["adminform"].form]
    data = {}
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name, value in formset.management_form.initial.items():
            data[formset.management_form.add_prefix(name)] = value
        forms += list(formset.forms)
    for form in forms:
        for name, field in form.fields.items():
            value = form[name].value()
            if isinstance(field, BooleanField):
                if value:
                    data[form.add_prefix(name)] = "on"
            elif value is not None:
                data[form.add_prefix(name)] = value
    return data


def change_form_data(client, obj, **changes) -> dict:
    """What the admin change form of ``obj`` posts back untouched, with ``changes`` applied."""
    response = client.get(change(obj))
    assert response.status_code == 200
    data = rendered_form_data(response)
    for field in ("name", "acronym", "host_territory"):
        if field in changes and f"{field}_en_gb" in data:
            # Translated fields: ``name`` stands for the English one, the name of record.
            changes[f"{field}_en_gb"] = changes.pop(field)
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def rows(response) -> list:
    return list(response.context["cl"].result_list)


# Lists and counts.


def test_field_of_work_list_counts_published_releases_only(manager_client):
    make_release(fields=["elections", "human-rights"])
    make_release(fields=["elections"])
    make_release(fields=["elections"], status=Status.DRAFT)
    make_release(
        fields=["elections"], published_at=timezone.now() + datetime.timedelta(days=2)
    )  # scheduled: not public yet
    make_release(fields=["elections"], status=Status.WITHDRAWN)  # withdrawn stays readable

    response = manager_client.get(changelist(FieldOfWork))

    counts = {term.slug: term.published_releases for term in rows(response)}
    assert counts["elections"] == 3
    assert counts["human-rights"] == 1
    assert counts["youth"] == 0
    assert b"Published releases" in response.content


def test_a_structure_counts_each_release_once_across_its_roles(manager_client):
    odihr = "office-for-democratic-institutions-and-human-rights"
    both = make_release(source=odihr, structures=[odihr])
    both.supporting_sources.add(Structure.objects.get(slug=odihr))
    make_release(source="secretary-general", structures=[odihr])

    response = manager_client.get(changelist(Structure))

    counts = {s.slug: s.published_releases for s in rows(response)}
    assert counts[odihr] == 2
    assert counts["secretary-general"] == 1


@pytest.mark.parametrize("model", [Country, FieldOfWork, MeetingSeries, Structure])
def test_lists_take_the_same_number_of_queries_however_many_releases(
    manager_client, model, django_assert_max_num_queries
):
    def classify_releases(count):
        for _ in range(count):
            make_release(
                countries=["austria", "finland"],
                fields=["elections"],
                structures=["mission-to-moldova"],
                meetings=["summit-meetings"],
            )
        manager_client.get(changelist(model))  # the public navigation is rebuilt once

    classify_releases(1)
    # Session, user, permissions, two counts, the releases per term (one grouped query),
    # the page of terms, and for trees the tree itself: nothing per term or per release.
    with django_assert_max_num_queries(11):
        manager_client.get(changelist(model))
    classify_releases(20)
    with django_assert_max_num_queries(11):
        response = manager_client.get(changelist(model))
    assert response.status_code == 200


def test_tag_list_counts_published_releases(manager_client):
    make_release(tags=["climate change", "water"])
    make_release(tags=["climate change"], status=Status.DRAFT)

    response = manager_client.get(reverse("admin:taggit_tag_changelist"))

    assert {t.name: t.published_releases for t in rows(response)} == {
        "climate change": 1,
        "water": 1,
    }


def test_countries_listed_by_group_then_navigation_order_and_filtered_by_group(manager_client):
    names = [c.name for c in rows(manager_client.get(changelist(Country)))]
    assert names[:3] == ["Albania", "Andorra", "Armenia"]
    assert names.index("Uzbekistan") < names.index("Afghanistan") < names.index("Algeria")

    partners = rows(manager_client.get(changelist(Country), {"group": "asian-partner"}))
    assert {c.group for c in partners} == {"asian-partner"}
    assert len(partners) == 5


def test_search_finds_a_structure_by_a_former_name(manager_client):
    response = manager_client.get(changelist(Structure), {"q": "Office in Tajikistan"})
    assert [s.slug for s in rows(response)] == ["programme-office-in-dushanbe"]


def test_position_is_editable_from_the_list(manager_client):
    youth = FieldOfWork.objects.get(slug="youth")
    response = manager_client.get(changelist(FieldOfWork))
    queryset = list(response.context["cl"].formset.queryset)
    data = {
        "form-TOTAL_FORMS": str(len(queryset)),
        "form-INITIAL_FORMS": str(len(queryset)),
        "_save": "Save",
    }
    for i, field in enumerate(queryset):
        data[f"form-{i}-id"] = field.pk
        data[f"form-{i}-position"] = 0 if field.pk == youth.pk else field.position
    response = manager_client.post(changelist(FieldOfWork), data)
    assert response.status_code == 302
    youth.refresh_from_db()
    assert youth.position == 0


# The structure tree.


def test_structures_are_listed_as_the_tree_indented_by_depth(manager_client):
    response = manager_client.get(changelist(Structure))
    listed = rows(response)
    slugs = [s.slug for s in listed]
    # Each body comes right before its parts, the parts in navigation order.
    assert slugs.index("secretariat") + 1 == slugs.index("secretary-general")
    assert slugs.index("field-operations") < slugs.index("presence-in-albania")
    assert slugs.index("presence-in-albania") < slugs.index("parliamentary-assembly")
    depth = {s.slug: s.tree_depth for s in listed}
    assert depth["secretariat"] == 0 and depth["secretary-general"] == 1
    html = response.content.decode()
    assert "└ Secretary General" in html


def test_a_structure_cannot_become_its_own_ancestor(manager_client):
    secretariat = Structure.objects.get(slug="secretariat")
    unit = Structure.objects.get(slug="conflict-prevention-centre")

    response = manager_client.post(change(secretariat), structure_form(secretariat, parent=unit.pk))

    assert response.status_code == 200
    assert (
        "A structure cannot be part of itself."
        in response.context["adminform"].form.errors["parent"]
    )
    secretariat.refresh_from_db()
    assert secretariat.parent is None


def test_parent_and_host_are_chosen_by_autocomplete(manager_client):
    moldova = Structure.objects.get(slug="mission-to-moldova")
    html = manager_client.get(change(moldova)).content.decode()
    assert 'data-model-name="structure"' in html and "admin-autocomplete" in html
    assert 'data-field-name="host_country"' in html


# Field operations.


def test_closing_a_field_operation_from_the_list_moves_it_to_the_closed_list(
    manager_client, client
):
    moldova = Structure.objects.get(slug="mission-to-moldova")
    response = manager_client.get(changelist(Structure), {"kind": "field-operation"})
    queryset = list(response.context["cl"].formset.queryset)
    data = {
        "form-TOTAL_FORMS": str(len(queryset)),
        "form-INITIAL_FORMS": str(len(queryset)),
        "_save": "Save",
    }
    for i, s in enumerate(queryset):
        data[f"form-{i}-id"] = s.pk
        data[f"form-{i}-position"] = s.position
        data[f"form-{i}-closed_year"] = 2025 if s.pk == moldova.pk else (s.closed_year or "")
    response = manager_client.post(changelist(Structure) + "?kind=field-operation", data)
    assert response.status_code == 302

    assert moldova in Structure.objects.closed()
    assert moldova not in Structure.objects.field_operations().active()
    closed = rows(manager_client.get(changelist(Structure), {"status": "closed"}))
    assert moldova in closed
    assert moldova not in rows(manager_client.get(changelist(Structure), {"status": "active"}))
    # The public navigation shows the change at once.
    manager_client.logout()
    assert b"Mission to Moldova" not in client.get("/").content.split(b"<main")[0]


def test_a_field_operation_cannot_close_before_it_opened(manager_client):
    moldova = Structure.objects.get(slug="mission-to-moldova")
    moldova.opened_year = 1993
    moldova.save()

    response = manager_client.post(change(moldova), structure_form(moldova, closed_year="1990"))

    assert response.status_code == 200
    assert "It cannot close before it opened (1993)." in str(
        response.context["adminform"].form.errors["closed_year"]
    )
    moldova.refresh_from_db()
    assert moldova.closed_year is None


def test_change_form_has_help_written_for_the_people_who_keep_the_data(manager_client):
    html = manager_client.get(change(Structure.objects.get(slug="mission-to-moldova")))
    html = html.content.decode()
    assert "moves a field operation to the closed list everywhere" in html
    assert "old address working" in html
    assert "Keep the old name as a former name" in html


# Chairpersonships.


def country_form(country: Country, *, new_years=()) -> dict:
    """The change form of a country as the admin posts it, adding Chairpersonship years."""
    held = list(country.chairpersonships.all())
    data = {
        "name_en_gb": country.name,
        "slug": country.slug,
        "iso_code": country.iso_code,
        "group": country.group,
        "position": country.position,
        "record_former_name": "on",
        "renamed_in": "2026",
        "chairpersonships-TOTAL_FORMS": str(len(held) + len(new_years)),
        "chairpersonships-INITIAL_FORMS": str(len(held)),
        "taxonomy-formername-content_type-object_id-TOTAL_FORMS": "0",
        "taxonomy-formername-content_type-object_id-INITIAL_FORMS": "0",
    }
    for i, chair in enumerate(held):
        data[f"chairpersonships-{i}-id"] = chair.pk
        data[f"chairpersonships-{i}-country"] = country.pk
        data[f"chairpersonships-{i}-year"] = chair.year
    for i, year in enumerate(new_years, start=len(held)):
        data[f"chairpersonships-{i}-country"] = country.pk
        data[f"chairpersonships-{i}-year"] = year
    return data


def test_chairpersonships_are_edited_on_the_country(manager_client):
    austria = Country.objects.get(slug="austria")

    response = manager_client.post(change(austria), country_form(austria, new_years=[2031]))

    assert response.status_code == 302
    assert Chairpersonship.objects.for_year(2031).country == austria


def test_one_state_per_year(manager_client):
    austria = Country.objects.get(slug="austria")

    response = manager_client.post(change(austria), country_form(austria, new_years=[2025]))

    assert response.status_code == 200
    assert "Chairpersonship with this Year already exists." in response.content.decode()
    assert Chairpersonship.objects.for_year(2025).country.slug == "finland"


def test_only_participating_states_hold_the_chairpersonship(manager_client):
    japan = Country.objects.get(slug="japan")

    response = manager_client.post(change(japan), country_form(japan, new_years=[2032]))

    assert response.status_code == 200
    assert "Only participating States hold the Chairpersonship." in response.content.decode()
    assert Chairpersonship.objects.for_year(2032) is None


def test_chairpersonships_listed_by_year(manager_client):
    response = manager_client.get(reverse("admin:taxonomy_chairpersonship_changelist"))
    years = [c.year for c in rows(response)]
    assert years == sorted(years, reverse=True)
    assert "Switzerland – OSCE Chairpersonship 2026" in response.content.decode()


@pytest.mark.parametrize(
    "model_name",
    ["country", "chairpersonship", "fieldofwork", "meetingseries", "structure", "tag"],
)
def test_every_page_of_every_taxonomy_admin_opens(manager_client, model_name):
    make_release(tags=["water"], fields=["youth"])
    app = "taggit" if model_name == "tag" else "taxonomy"
    obj = apps.get_model(app, model_name).objects.first()
    for url in (
        reverse(f"admin:{app}_{model_name}_changelist"),
        reverse(f"admin:{app}_{model_name}_add"),
        reverse(f"admin:{app}_{model_name}_change", args=[obj.pk]),
        reverse(f"admin:{app}_{model_name}_history", args=[obj.pk]),
        reverse(f"admin:{app}_{model_name}_delete", args=[obj.pk]),
        reverse(f"admin:{app}_{model_name}_recoverlist"),
    ):
        assert manager_client.get(url).status_code == 200, url
    assert (
        manager_client.get(
            reverse(f"admin:{app}_{model_name}_changelist"), {"q": "a", "o": "1"}
        ).status_code
        == 200
    )


def former_names_form(client, term, *rows) -> dict:
    data = change_form_data(client, term)
    prefix = "taxonomy-formername-content_type-object_id"
    start = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = start + len(rows)
    for i, (name, slug) in enumerate(rows, start=start):
        data[f"{prefix}-{i}-name"] = name
        data[f"{prefix}-{i}-slug"] = slug
    return data


def test_a_former_name_listed_twice_is_a_form_error(manager_client):
    dushanbe = Structure.objects.get(slug="programme-office-in-dushanbe")
    known = dushanbe.former_names.first()

    response = manager_client.post(
        change(dushanbe), former_names_form(manager_client, dushanbe, (known.name, known.slug))
    )

    assert response.status_code == 200
    assert "is listed twice with the same slug" in response.content.decode()


def test_a_former_address_of_another_term_cannot_be_added(manager_client):
    moldova = Structure.objects.get(slug="mission-to-moldova")

    response = manager_client.post(
        change(moldova),
        former_names_form(manager_client, moldova, ("Office in Tajikistan", "")),
    )

    assert response.status_code == 200
    assert "already leads to “Programme Office in Dushanbe”" in response.content.decode()
    assert Structure.objects.by_slug_or_former_slug("office-in-tajikistan").slug == (
        "programme-office-in-dushanbe"
    )


def test_a_former_name_is_added_by_hand(manager_client):
    moldova = Structure.objects.get(slug="mission-to-moldova")

    response = manager_client.post(
        change(moldova), former_names_form(manager_client, moldova, ("OSCE Mission to Moldova", ""))
    )

    assert response.status_code == 302
    assert moldova.former_names.get().slug == "osce-mission-to-moldova"


@pytest.mark.postgresql_only
def test_a_translated_name_edited_here_finds_the_versions_in_that_language(manager_client):
    editor = make_user("translator", groups=["Editor"])
    russian = make_release("Border officers graduate", countries=["tajikistan"]).add_translation(
        "ru", by=editor
    )
    russian.title, russian.lead = "Пограничники окончили курс", "Сорок офицеров."
    russian.save()
    russian.publish(by=editor)
    tajikistan = Country.objects.get(slug="tajikistan")

    response = manager_client.post(
        change(tajikistan),
        change_form_data(manager_client, tajikistan, name_ru="Республика Таджикистан"),
    )

    assert response.status_code == 302
    # Neither the release's text nor the English name says "Республика": only the new name.
    found = manager_client.get("/ru/press-releases/", {"q": "Республика"}).context["page_obj"]
    assert [release.pk for release in found] == [russian.pk]
