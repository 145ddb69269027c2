"""The interface speaks the reader's language: navigation, labels and dates."""

import datetime
import pathlib
import re
import subprocess

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format

from tests.languages import get_in

NAVIGATION = {
    "ru": ["Пресс-релизы", "Участвующие государства", "Направления работы", "Поиск"],
    "fr": ["Communiqués de presse", "Domaines d’action", "Rechercher"],
    "de": ["Pressemitteilungen", "Tätigkeitsbereiche", "Suche"],
    "it": ["Comunicati stampa", "Settori di attività", "Cerca"],
    "es": ["Comunicados de prensa", "Ámbitos de trabajo", "Buscar"],
}


@pytest.mark.django_db
@pytest.mark.parametrize("language", sorted(NAVIGATION))
def test_home_page_navigation_is_in_the_readers_language(client, language):
    response = get_in(client, language, "/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'lang="{language}' in html or language in response.headers.get("Content-Language", "")
    for label in NAVIGATION[language]:
        assert label in html, label


@pytest.mark.django_db
def test_english_reader_still_gets_english(client):
    html = get_in(client, "en-gb", "/").content.decode()
    assert "Press releases" in html
    assert "Пресс-релизы" not in html


def test_russian_date_reads_as_a_russian_press_office_writes_it():
    with translation.override("ru"):
        assert date_format(datetime.date(2012, 3, 27)) == "27 марта 2012 г."
    with translation.override("en-gb"):
        assert date_format(datetime.date(2012, 3, 27)) == "27 March 2012"


CATALOGUES = sorted(pathlib.Path(settings.BASE_DIR, "locale").glob("*/LC_MESSAGES/django.po"))


def test_every_language_has_a_catalogue():
    languages = {path.parts[-3] for path in CATALOGUES}
    assert languages == {"ru", "fr", "de", "it", "es"}


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda path: path.parts[-3])
def test_catalogue_compiles(catalogue):
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(catalogue)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "fuzzy" not in result.stderr, result.stderr
    assert re.search(r"\d+ translated message", result.stderr)
