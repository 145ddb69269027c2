"""Reference data in the reader's language: Russian names where they exist, English where
not, and no cache serving one language's names to another."""

import pytest
from django.db import connection
from django.test import Client
from django.utils import translation

from taxonomy.catalogue import term_catalogue
from taxonomy.models import Country, FieldOfWork, MeetingSeries, Structure
from tests.factories import make_release
from tests.languages import in_language
from tests.taxonomy.test_admin import change, change_form_data, changelist
from website.navigation import site_navigation

pytestmark = pytest.mark.django_db

RUSSIAN, ENGLISH = "ru", "en-gb"
# The admin has no language prefix: an editor's browser asking for Russian.
RUSSIAN_BROWSER = {"accept-language": "ru"}


def page(client, path, language):
    """The page at ``path`` in ``language``: English at its address, others under their
    prefix."""
    response = client.get(in_language(language, path))
    assert response.status_code == 200
    return response.content.decode()


def test_every_term_has_its_russian_name():
    for model in (Country, FieldOfWork, MeetingSeries, Structure):
        assert not model.objects.filter(name_ru__isnull=True).exists(), model
    assert Country.objects.count() == 68
    odihr = Structure.objects.get(slug="office-for-democratic-institutions-and-human-rights")
    assert odihr.name_ru == "Бюро по демократическим институтам и правам человека"
    assert odihr.acronym_ru == "БДИПЧ"
    assert Structure.objects.get(slug="mission-to-moldova").name_ru == "Миссия ОБСЕ в Молдове"
    assert Country.objects.get(slug="austria").name_de == "Österreich"


def test_a_term_reads_its_name_in_the_active_language_with_english_fallback():
    austria = Country.objects.get(slug="austria")
    Country.objects.filter(slug="austria").update(name_it=None)
    with translation.override("ru"):
        assert austria.name == "Австрия"
    with translation.override("it"):
        assert Country.objects.get(slug="austria").name == "Austria"
    assert austria.name == "Austria"


def test_the_catalogue_built_in_russian_still_names_terms_in_english():
    with translation.override("ru"):
        catalogue = term_catalogue()
        assert catalogue.slug_names(Country)["austria"] == "Австрия"
    assert term_catalogue() is catalogue  # the same generation: the same objects
    assert catalogue.slug_names(Country)["austria"] == "Austria"


def test_the_navigation_cached_in_russian_names_english_readers_in_english():
    with translation.override("ru"):
        assert site_navigation().participating_states[0].name == "Албания"
    assert site_navigation().participating_states[0].name == "Albania"


def test_listing_facets_are_labelled_in_the_readers_language():
    make_release("Elections in Serbia", countries=["serbia"], fields=["elections"])
    make_release("Выборы в Сербии", countries=["serbia"], fields=["elections"], language="ru")
    reader = Client()

    russian = page(reader, "/press-releases/", RUSSIAN)
    english = page(reader, "/press-releases/", ENGLISH)
    again = page(reader, "/press-releases/", RUSSIAN)  # from the page cache now

    assert "Сербия" in russian and "Выборы" in russian
    assert "Сербия" not in english and "Serbia" in english and "Elections" in english
    assert "Сербия" in again


def test_a_release_page_names_its_countries_in_russian_and_falls_back_to_english():
    Country.objects.filter(slug="austria").update(name_ru=None)
    release = make_release("Talks in Vienna", countries=["austria", "serbia"])
    version = make_release("Переговоры в Вене", countries=["austria", "serbia"], language="ru")
    reader = Client()

    russian = reader.get(version.get_absolute_url()).content.decode()
    english = page(reader, release.get_absolute_url(), ENGLISH)

    assert "Сербия" in russian
    assert "Austria" in russian  # not translated yet: English, never an empty label
    assert "Сербия" not in english and "Serbia" in english


def test_the_admin_saves_a_russian_name_and_shows_where_english_stands_in(manager_client):
    serbia = Country.objects.get(slug="serbia")
    Country.objects.filter(slug="austria").update(name_fr=None)

    form = manager_client.get(change(serbia)).content.decode()
    assert 'name="name_ru"' in form and 'name="name_fr"' in form
    assert "the English name is shown" in form
    response = manager_client.post(
        change(serbia), change_form_data(manager_client, serbia, name_ru="Республика Сербия")
    )

    assert response.status_code == 302
    serbia.refresh_from_db()
    assert serbia.name_ru == "Республика Сербия"
    assert serbia.name_en_gb == "Serbia"
    assert not serbia.former_names.exists()  # a translation is no rename
    with translation.override("ru"):
        assert serbia.name == "Республика Сербия"
    missing = manager_client.get(changelist(Country) + "?missing=fr")
    assert [c.slug for c in missing.context["cl"].result_list] == ["austria"]
    assert "French" in missing.content.decode()  # the column "English name shown in"


def test_a_russian_reading_editor_keeps_the_english_name_of_record(manager_client):
    youth = FieldOfWork.objects.get(slug="youth")
    data = change_form_data(manager_client, youth, name="Young people")

    response = manager_client.post(change(youth), data, headers=RUSSIAN_BROWSER)

    assert response.status_code == 302
    youth.refresh_from_db()
    assert youth.name_en_gb == "Young people"
    assert youth.name_ru == "Молодежь"
    assert list(youth.former_names.values_list("name", flat=True)) == ["Youth"]
    # The untranslated column, which search documents read, stays English.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT name FROM {FieldOfWork._meta.db_table} WHERE id = %s", [youth.pk])
        assert cursor.fetchone() == ("Young people",)


def test_search_suggestions_do_not_depend_on_who_asked_first():
    make_release("Elections in Moldova", countries=["moldova"])
    make_release("Выборы в Молдове", countries=["moldova"], language="ru")
    reader = Client()

    # The first search of the generation comes from a Russian reader.
    russian = page(reader, "/press-releases/?q=Moldova", RUSSIAN)
    english = page(reader, "/press-releases/?q=Moldova&sort=newest", ENGLISH)

    assert "results__suggestions" in russian and "Молдова" in russian
    assert "results__suggestions" in english and "Country: Moldova" in english
