"""The interface speaks the reader's language: navigation, labels and dates."""

import datetime
import pathlib
import re
import subprocess

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format

from tests.factories import make_release
from tests.languages import get_in
from website.templatetags.newsroom import releases_count

NAVIGATION = {
    "ru": ["Пресс-релизы", "Государства-участники", "Направления деятельности", "Поиск"],
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


def untranslated(catalogue: pathlib.Path) -> list[tuple[str, list[str]]]:
    """(msgid, the files using it) of each entry of ``catalogue`` without a translation."""
    result = subprocess.run(
        ["msgattrib", "--untranslated", "--no-obsolete", str(catalogue)],
        capture_output=True,
        text=True,
        check=True,
    )
    entries = []
    for block in result.stdout.split("\n\n"):
        msgid = re.search(r'^msgid "(.*)"((?:\n".*")*)', block, re.M)
        if not msgid or not (msgid.group(1) or msgid.group(2)):
            continue  # the header
        files = [ref.rsplit(":", 1)[0] for ref in re.findall(r"^#: (.*)$", block, re.M)]
        files = [name for line in files for name in line.split()]
        entries.append((msgid.group(1) + msgid.group(2).replace('\n"', "").replace('"', ""), files))
    return entries


# What a reader sees: the public templates and the code behind the public pages (the admin
# and the press office's tools speak English and Russian).
PUBLIC = re.compile(
    r"templates/(?!admin/)|listing/|website/|alerts/(forms|views)|core/|press/feeds"
)


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_russian_is_complete(domain):
    catalogue = pathlib.Path(settings.BASE_DIR, f"locale/ru/LC_MESSAGES/{domain}.po")
    assert [msgid for msgid, _files in untranslated(catalogue)] == []


@pytest.mark.django_db
def test_the_admin_scripts_speak_russian_too(client, editor):
    client.force_login(editor)
    catalogue = client.get(
        "/" + settings.ADMIN_URL + "jsi18n/", headers={"accept-language": "ru"}
    ).content.decode()
    assert 'Looking for terms\\u2026": "\\u041f\\u043e\\u0438\\u0441\\u043a' in catalogue


@pytest.mark.parametrize("language", ["fr", "de", "it", "es"])
def test_every_public_string_is_translated(language):
    catalogue = pathlib.Path(settings.BASE_DIR, f"locale/{language}/LC_MESSAGES/django.po")
    public = [
        msgid
        for msgid, files in untranslated(catalogue)
        if any(PUBLIC.match(name) for name in files)
    ]
    assert public == []


@pytest.mark.django_db
def test_the_admin_speaks_russian_to_a_russian_browser_and_english_otherwise(client, editor):
    client.force_login(editor)
    url = "/" + settings.ADMIN_URL + "press/pressrelease/"
    russian = client.get(url, headers={"accept-language": "ru-RU,ru;q=0.9"})
    assert russian.status_code == 200
    assert "Выберите" in russian.content.decode()  # Django's own "Select … to change"
    assert "Accept-Language" in russian["Vary"]
    # French translates the public pages only: its editors get the whole admin in English.
    french = client.get(url, headers={"accept-language": "fr-FR,fr;q=0.9"}).content.decode()
    assert "Select press release to change" in french


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en-gb", ["1 release", "2 releases", "5 releases", "21 releases"]),
        ("ru", ["1 пресс-релиз", "2 пресс-релиза", "5 пресс-релизов", "21 пресс-релиз"]),
    ],
)
def test_counts_of_releases_take_the_plural_of_the_readers_language(language, expected):
    with translation.override(language):
        assert [releases_count(n) for n in (1, 2, 5, 21)] == expected


@pytest.mark.django_db
def test_each_filter_option_counts_its_releases_in_russian(client):
    make_release(countries=["serbia"], fields=["elections"], language="ru")
    make_release(countries=["serbia"], language="ru")
    html = get_in(client, "ru", "/press-releases/").content.decode()
    assert re.search(r"Сербия\s*<span class=\"facet__count\">\(2 пресс-релиза\)</span>", html)
    assert "(1 пресс-релиз)</span>" in html


@pytest.mark.django_db
def test_the_footer_follows_the_page_language_page_after_page(client):
    footers = {}
    for language in ["en-gb", "ru", "fr", "en-gb", "ru"]:
        html = get_in(client, language, "/press-releases/").content.decode()
        footer = re.search(r'<footer class="site-footer">.*?</footer>', html, re.DOTALL).group(0)
        footers.setdefault(language, set()).add(footer)
    assert {len(seen) for seen in footers.values()} == {1}  # the same footer every time
    english, russian, french = (footers[code].pop() for code in ("en-gb", "ru", "fr"))
    assert '<a href="/press-releases/">All press releases</a>' in english
    assert '<a href="/ru/press-releases/">Все пресс-релизы</a>' in russian
    assert '<a href="/fr/press-releases/">Tous les communiqués de presse</a>' in french
