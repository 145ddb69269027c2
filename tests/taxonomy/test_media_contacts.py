"""Media contacts as reference data: what a contact must hold, its vCard, and who keeps it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from taxonomy.contacts import contact_directory
from taxonomy.merge import merge_terms
from taxonomy.models import MediaContact, Structure, fold_vcard_line
from tests.factories import make_contact

pytestmark = pytest.mark.django_db

ADD = reverse("admin:taxonomy_mediacontact_add")


def errors(contact: MediaContact) -> dict:
    with pytest.raises(ValidationError) as caught:
        contact.full_clean()
    return caught.value.message_dict


def contact_form(**changes) -> dict:
    data = {
        "name": "Press Office",
        "role": "",
        "structure": Structure.objects.get(slug="secretariat").pk,
        "languages": "en, de",
        "phone": "+43 1 514 36 6000",
        "email": "press@example.org",
        "is_active": "on",
        "position": 0,
    }
    data.update(changes)
    return data


# What a contact must hold.


@pytest.mark.parametrize(
    "phone", ["+43 1 514 36 6000", "+992 44 600 5870", "+1 (202) 555-0143", "+381-11-3606-100"]
)
def test_international_numbers_are_accepted(phone):
    make_contact(phone=phone)


@pytest.mark.parametrize("phone", ["01 514 36 6000", "+43 1 514", "+43 abc 514 36", "+0 1234 5678"])
def test_a_number_not_in_international_form_is_refused_with_an_example(phone):
    secretariat = Structure.objects.get(slug="secretariat")
    found = errors(MediaContact(name="Desk", structure=secretariat, phone=phone))
    assert "international form" in found["phone"][0]
    assert "+43 1 514 36 6000" in found["phone"][0]


def test_an_invalid_email_is_refused_with_an_example():
    secretariat = Structure.objects.get(slug="secretariat")
    found = errors(MediaContact(name="Desk", structure=secretariat, email="press at osce"))
    assert found["email"] == ["Give an email address such as press@osce.org."]


def test_a_contact_needs_a_phone_or_an_email():
    secretariat = Structure.objects.get(slug="secretariat")
    found = errors(MediaContact(name="Desk", structure=secretariat))
    assert "journalists need a way to reach it" in found["__all__"][0]


def test_unknown_language_codes_are_named():
    secretariat = Structure.objects.get(slug="secretariat")
    contact = MediaContact(name="Desk", structure=secretariat, email="a@example.org")
    contact.languages = "en, xx, ru"
    assert "xx" in errors(contact)["languages"][0]


def test_languages_read_as_codes_and_names():
    contact = make_contact(languages="EN,ru  uk")
    assert contact.languages == "en, ru, uk"
    assert contact.language_codes == ["en", "ru", "uk"]
    assert contact.language_names == ["English", "Russian", "Ukrainian"]


def test_the_phone_link_dials_the_digits():
    assert make_contact(phone="+43 (1) 514-36 6000").phone_uri == "tel:+431514366000"


# The vCard.


def test_vcard_is_rfc_6350_with_escaped_text():
    contact = make_contact(
        "Doe, Jane; Press",
        role="Spokesperson\\Deputy",
        languages="en, ru",
        phone="+43 1 514 36 6000",
        email="jane@example.org",
    )
    card = contact.vcard(organisation="OSCE", url="https://example.org/c.vcf")
    assert card.endswith("\r\n")
    lines = card.split("\r\n")[:-1]
    assert lines[0] == "BEGIN:VCARD"
    assert lines[1] == "VERSION:4.0"
    assert lines[-1] == "END:VCARD"
    assert "FN:Doe\\, Jane\\; Press" in lines
    assert "TITLE:Spokesperson\\\\Deputy" in lines
    assert "ORG:OSCE;Secretariat" in lines
    assert "TEL;VALUE=uri;TYPE=work,voice:tel:+431514366000" in lines
    assert "EMAIL;TYPE=work:jane@example.org" in lines
    assert "LANG;PREF=1:en" in lines and "LANG;PREF=2:ru" in lines
    assert "SOURCE:https://example.org/c.vcf" in lines
    assert "\n" not in card.replace("\r\n", "")


def test_long_vcard_lines_fold_at_75_octets_without_splitting_a_character():
    line = "ORG:" + "Организация по безопасности и сотрудничеству в Европе" * 2
    folded = fold_vcard_line(line)
    parts = folded.split("\r\n")
    assert len(parts) > 1
    assert all(len(part.encode()) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert "".join(part[1:] if n else part for n, part in enumerate(parts)) == line


# Which contacts the public sees.


def test_inactive_contacts_are_left_out_of_the_directory():
    shown = make_contact("Press Office")
    make_contact("Former spokesperson", is_active=False)
    directory = contact_directory()
    assert list(directory.by_id) == [shown.pk]
    assert directory.grouped == [(shown.structure, [shown])]


def test_a_unit_without_contacts_has_those_of_the_structure_above_it():
    desk = make_contact("Secretariat press desk", structure="secretariat")
    unit = Structure.objects.get(slug="conflict-prevention-centre")
    assert unit.parent.slug == "secretariat"
    assert contact_directory().for_release(unit.pk, []) == [desk]


def test_contacts_are_grouped_in_the_structure_trees_order():
    odihr = make_contact(structure="office-for-democratic-institutions-and-human-rights")
    unit = make_contact(structure="conflict-prevention-centre")
    secretariat = make_contact(structure="secretariat")
    grouped = [contacts[0] for _structure, contacts in contact_directory().grouped]
    # The Secretariat, then its units, then the institutions (the public tree).
    assert grouped == [secretariat, unit, odihr]


# Who keeps them.


def test_taxonomy_manager_adds_and_changes_contacts(client, taxonomy_manager):
    client.force_login(taxonomy_manager)
    response = client.post(ADD, contact_form(name="Press desk"))
    assert response.status_code == 302
    contact = MediaContact.objects.get(name="Press desk")
    change = reverse("admin:taxonomy_mediacontact_change", args=[contact.pk])
    response = client.post(change, contact_form(name="Press desk", phone="+43 1 514 36 6999"))
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.phone == "+43 1 514 36 6999"


def test_the_admin_form_says_what_is_wrong_beside_the_field(client, taxonomy_manager):
    client.force_login(taxonomy_manager)
    response = client.post(ADD, contact_form(phone="0043 1 514", email="nobody"))
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "international form" in form.errors["phone"][0]
    assert form.errors["email"] == ["Give an email address such as press@osce.org."]
    assert not MediaContact.objects.exists()


@pytest.mark.parametrize("role", ["author", "editor"])
def test_authors_and_editors_read_contacts_but_cannot_change_them(client, request, role):
    client.force_login(request.getfixturevalue(role))
    contact = make_contact("Press desk")
    change = reverse("admin:taxonomy_mediacontact_change", args=[contact.pk])
    delete = reverse("admin:taxonomy_mediacontact_delete", args=[contact.pk])
    assert client.get(reverse("admin:taxonomy_mediacontact_changelist")).status_code == 200
    page = client.get(change)
    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    assert client.get(ADD).status_code == 403
    assert client.post(ADD, contact_form(name="Intruder")).status_code == 403
    assert client.post(change, contact_form(name="Renamed")).status_code == 403
    assert client.post(delete, {"post": "yes"}).status_code == 403
    contact.refresh_from_db()
    assert contact.name == "Press desk"
    assert list(MediaContact.objects.values_list("name", flat=True)) == ["Press desk"]


def test_the_release_form_offers_only_active_contacts(client, author):
    client.force_login(author)
    make_contact("Active desk")
    make_contact("Closed desk", is_active=False)
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "press",
            "model_name": "pressrelease",
            "field_name": "media_contacts",
            "term": "desk",
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Active desk (Secretariat)"]


def test_merging_structures_moves_their_contacts():
    old = Structure.objects.get(slug="mission-to-serbia")
    target = Structure.objects.get(slug="mission-to-moldova")
    desk = make_contact("Mission press desk", structure=old)
    merge_terms([old], target)
    desk.refresh_from_db()
    assert desk.structure == target
    assert contact_directory().of_structure(target.pk) == [desk]
