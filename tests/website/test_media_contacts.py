"""Whom journalists call: the contacts on a release, the media contacts page, the vCards, the
structured data, and a change to a contact reaching every page at once."""

import pytest
from django.test import Client
from django.urls import reverse

from press.models import PressRelease
from taxonomy.models import MediaContact
from tests.factories import make_contact, make_release
from tests.press.test_admin import ADD, errors_of, form_data
from tests.website.test_public_pages import html_of, json_ld, warm_navigation

pytestmark = pytest.mark.django_db

PAGE = "/media-contacts/"


def contact_points(html: str) -> list[dict]:
    """The ContactPoints of the page's JSON-LD, wherever they sit."""
    found = []

    def walk(value):
        if isinstance(value, dict):
            if value.get("@type") == "ContactPoint":
                found.append(value)
            for inner in value.values():
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    walk(json_ld(html))
    return found


# On a release.


def test_a_release_shows_the_contacts_of_its_source():
    desk = make_contact(
        "ODIHR Press Office",
        structure="office-for-democratic-institutions-and-human-rights",
        languages="en, pl",
    )
    make_contact("Secretariat desk", structure="secretariat")
    release = make_release(source="office-for-democratic-institutions-and-human-rights")
    html = html_of(Client().get(release.get_absolute_url()))
    section = html[html.index('id="contacts-heading"') :]
    assert "ODIHR Press Office" in section
    assert "Secretariat desk" not in html
    assert f'href="{desk.phone_uri}"' in section
    assert 'href="mailto:press@example.org"' in section
    assert f'href="/media-contacts/{desk.pk}.vcf"' in section
    assert "English, Polish" in section


def test_contacts_chosen_for_a_release_replace_those_of_its_source():
    make_contact(
        "ODIHR Press Office", structure="office-for-democratic-institutions-and-human-rights"
    )
    chosen = make_contact("Head of Mission spokesperson", structure="mission-to-serbia")
    release = make_release(source="office-for-democratic-institutions-and-human-rights")
    release.media_contacts.set([chosen])
    html = html_of(Client().get(release.get_absolute_url()))
    assert "Head of Mission spokesperson" in html
    assert "ODIHR Press Office" not in html


def test_inactive_contacts_are_never_shown():
    desk = make_contact("Secretariat desk")
    gone = make_contact("Former spokesperson", is_active=False)
    release = make_release(source="secretariat")
    release.media_contacts.set([gone])
    html = html_of(Client().get(release.get_absolute_url()))
    # A chosen contact who left gives way to the source's desk.
    assert "Former spokesperson" not in html
    assert "Secretariat desk" in html
    assert "Former spokesperson" not in html_of(Client().get(PAGE))
    assert Client().get(reverse("media-contact-vcard", args=[gone.pk])).status_code == 404
    assert all(p["name"] != "Former spokesperson" for p in contact_points(html))
    assert desk.name in [p["name"] for p in contact_points(html)]


def test_a_release_without_contacts_has_no_contacts_section():
    release = make_release(source="mission-to-serbia")
    assert 'id="contacts-heading"' not in html_of(Client().get(release.get_absolute_url()))


def test_the_release_json_ld_carries_contact_points_on_its_issuer():
    desk = make_contact("Secretariat desk", languages="en, de", role="Press officer")
    release = make_release(source="secretariat")
    html = html_of(Client().get(release.get_absolute_url()))
    article = next(block for block in json_ld(html) if block["@type"] == "NewsArticle")
    assert article["author"]["name"] == "Secretariat"
    assert article["author"]["contactPoint"] == [
        {
            "@type": "ContactPoint",
            "contactType": "media relations",
            "name": "Secretariat desk",
            "url": f"http://testserver/media-contacts/{desk.pk}.vcf",
            "description": "Press officer",
            "telephone": "+431514366000",
            "email": "press@example.org",
            "availableLanguage": ["en", "de"],
        }
    ]


def test_changing_a_contact_changes_every_cached_page_that_shows_it():
    desk = make_contact("Secretariat desk", phone="+43 1 514 36 6000")
    releases = [make_release(source="secretariat") for _n in range(2)]
    reader = Client()
    for release in releases:
        assert "+43 1 514 36 6000" in html_of(reader.get(release.get_absolute_url()))
    assert reader.get(releases[0].get_absolute_url())["X-Cache"] == "hit"
    assert "+43 1 514 36 6000" in html_of(reader.get(PAGE))

    desk.phone = "+43 1 514 36 6999"
    desk.save()
    for path in [*(r.get_absolute_url() for r in releases), PAGE]:
        html = html_of(reader.get(path))
        assert "+43 1 514 36 6999" in html and "+43 1 514 36 6000" not in html, path
    vcard = reader.get(reverse("media-contact-vcard", args=[desk.pk])).content.decode()
    assert "tel:+431514366999" in vcard

    desk.is_active = False
    desk.save()
    assert "Secretariat desk" not in html_of(reader.get(releases[0].get_absolute_url()))


def test_deleting_a_contact_takes_it_off_the_pages():
    desk = make_contact("Secretariat desk")
    release = make_release(source="secretariat")
    reader = Client()
    assert "Secretariat desk" in html_of(reader.get(release.get_absolute_url()))
    MediaContact.objects.filter(pk=desk.pk).delete()
    assert "Secretariat desk" not in html_of(reader.get(release.get_absolute_url()))


def test_choosing_contacts_for_a_release_changes_its_cached_page():
    make_contact("Secretariat desk")
    chosen = make_contact("Mission spokesperson", structure="mission-to-serbia")
    release = make_release(source="secretariat")
    reader = Client()
    assert "Mission spokesperson" not in html_of(reader.get(release.get_absolute_url()))
    release.media_contacts.add(chosen)
    assert "Mission spokesperson" in html_of(reader.get(release.get_absolute_url()))


# The media contacts page.


def test_the_page_lists_active_contacts_grouped_by_structure_in_tree_order(client):
    make_contact("ODIHR desk", structure="office-for-democratic-institutions-and-human-rights")
    make_contact("CPC desk", structure="conflict-prevention-centre")
    make_contact("Second Secretariat desk", structure="secretariat", position=2)
    make_contact("First Secretariat desk", structure="secretariat", position=1)
    make_contact("Former desk", structure="mission-to-serbia", is_active=False)
    html = html_of(client.get(PAGE))
    main = html[html.index("<main") :]
    order = [
        'id="contacts-secretariat"',
        "First Secretariat desk",
        "Second Secretariat desk",
        'id="contacts-conflict-prevention-centre"',
        "CPC desk",
        'id="contacts-office-for-democratic-institutions-and-human-rights"',
        "ODIHR desk",
    ]
    positions = [main.index(text) for text in order]
    assert positions == sorted(positions)
    assert "Former desk" not in html
    assert 'id="contacts-mission-to-serbia"' not in html


def test_the_page_without_contacts_says_so(client):
    assert "No media contacts are listed" in html_of(client.get(PAGE))


def test_the_page_carries_organisation_json_ld_with_contact_points(client):
    make_contact("Secretariat desk", languages="en")
    make_contact("ODIHR desk", structure="office-for-democratic-institutions-and-human-rights")
    html = html_of(client.get(PAGE))
    organisation = next(block for block in json_ld(html) if block["@type"] == "Organization")
    assert [sub["name"] for sub in organisation["subOrganization"]] == [
        "Secretariat",
        "Office for Democratic Institutions and Human Rights",
    ]
    assert [p["name"] for p in contact_points(html)] == ["Secretariat desk", "ODIHR desk"]
    crumbs = next(block for block in json_ld(html) if block["@type"] == "BreadcrumbList")
    assert crumbs["itemListElement"][-1]["name"] == "Media contacts"


def test_every_page_links_to_the_media_contacts(client):
    html = html_of(client.get("/"))
    footer = html[html.index('<footer class="site-footer"') :]
    assert f'href="{PAGE}"' in footer


def test_the_vcard_downloads_at_a_stable_address(client):
    desk = make_contact("Press; Office", role="Spokesperson", languages="en, ru")
    address = reverse("media-contact-vcard", args=[desk.pk])
    assert address == f"/media-contacts/{desk.pk}.vcf"
    response = client.get(address)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="press-office.vcf"'
    card = response.content.decode()
    assert card.startswith("BEGIN:VCARD\r\nVERSION:4.0\r\n")
    assert "FN:Press\\; Office\r\n" in card
    assert f"SOURCE:http://testserver{address}\r\n" in card
    desk.name = "Press Office"
    desk.save()
    assert "FN:Press Office\r\n" in client.get(address).content.decode()


@pytest.mark.parametrize(
    "address", ["/media-contacts/0.vcf", "/media-contacts/99999999999999999999999999.vcf"]
)
def test_unknown_vcards_are_404(client, address):
    assert client.get(address).status_code == 404


def test_the_page_refuses_posts(client):
    assert client.post(PAGE).status_code == 405


# No query per contact.


def test_contacts_page_query_count_does_not_grow(client, django_assert_max_num_queries):
    for n in range(12):
        make_contact(
            f"Desk {n}",
            structure=["secretariat", "mission-to-serbia", "parliamentary-assembly"][n % 3],
        )
    warm_navigation(client)
    with django_assert_max_num_queries(2):
        html = html_of(client.get(PAGE))
    assert html.count('class="contact"') == 12


def test_release_page_with_contacts_stays_at_three_queries(client, django_assert_max_num_queries):
    for n in range(6):
        make_contact(f"Desk {n}")
    chosen = [make_contact(f"Chosen {n}", structure="mission-to-serbia") for n in range(4)]
    plain = make_release(source="conflict-prevention-centre", countries=["serbia"])
    picked = make_release(source="secretariat", countries=["serbia"])
    picked.media_contacts.set(chosen)
    warm_navigation(client)
    html_of(client.get(PAGE))  # the directory is read once per content generation
    for release, expected in ((plain, 6), (picked, 4)):
        with django_assert_max_num_queries(3):
            html = html_of(client.get(release.get_absolute_url()))
        assert html.count('class="contact"') == expected


def test_a_structures_page_names_its_own_contacts(client):
    make_contact("Mission press desk", structure="mission-to-serbia")
    make_contact("Left the mission", structure="mission-to-serbia", is_active=False)
    html = html_of(client.get("/structures/mission-to-serbia/"))
    section = html[html.index('id="contacts-heading"') :]
    assert "Mission press desk" in section and "Left the mission" not in html
    assert 'id="contacts-heading"' not in html_of(client.get("/structures/secretariat/"))


# In the release form.


def test_an_editor_chooses_contacts_in_the_release_form_and_the_page_shows_them(client, editor):
    make_contact("Secretariat desk")
    chosen = make_contact("Mission spokesperson", structure="mission-to-serbia")
    client.force_login(editor)
    response = client.post(ADD, form_data(media_contacts=[chosen.pk], _step="publish"))
    assert response.status_code == 302, errors_of(response)
    release = PressRelease.objects.get()
    assert list(release.media_contacts.all()) == [chosen]
    form = client.get(reverse("admin:press_pressrelease_change", args=[release.pk]))
    assert "Mission spokesperson (Mission to Serbia)" in form.content.decode()
    html = html_of(Client().get(release.get_absolute_url()))
    assert "Mission spokesperson" in html and "Secretariat desk" not in html


def test_the_live_preview_shows_the_contacts_chosen_before_saving(client, author):
    chosen = make_contact("Mission spokesperson", structure="mission-to-serbia")
    client.force_login(author)
    kept = client.post(
        reverse("admin:press_pressrelease_live_preview_new"), form_data(media_contacts=[chosen.pk])
    )
    assert "Mission spokesperson" in client.get(kept.json()["url"]).text
    assert not PressRelease.objects.exists()


def test_the_page_is_in_the_sitemap(client):
    sitemap = client.get("/sitemap-pages.xml").content.decode()
    assert "<loc>http://testserver/media-contacts/</loc>" in sitemap
