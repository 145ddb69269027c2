"""Pages of the old site in Russian: read with their Russian labels and datelines, stored as
the Russian version of the English release they translate."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command

from press.importer import LegacyImporter, split_dateline
from press.models import PressRelease, ReleaseType, Status

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parent.parent / "data"
ENGLISH = DATA / "legacy" / "000_4f6903038106f065.txt"
RUSSIAN = DATA / "legacy-ru" / "000_ru_4f6903038106f065.txt"


def test_a_russian_dateline_is_read():
    dateline, rest = split_dateline("ДУШАНБЕ, 27 марта 2012 г. – Генеральный секретарь ОБСЕ")
    assert dateline.city == "ДУШАНБЕ"
    assert (dateline.date.day, dateline.date.month, dateline.date.year) == (27, 3, 2012)
    assert rest == "Генеральный секретарь ОБСЕ"


def test_a_russian_page_becomes_the_russian_version_of_its_english_original():
    call_command("import_releases", str(ENGLISH), verbosity=0)
    call_command("import_releases", str(RUSSIAN), verbosity=0)  # Cyrillic: Russian by itself
    english = PressRelease.objects.get(language="en-gb")
    russian = PressRelease.objects.get(language="ru")
    assert russian.translation_of == english
    assert russian.type == ReleaseType.PRESS_RELEASE  # "Пресс-релиз"
    assert russian.title.startswith("Генеральный секретарь ОБСЕ на встрече")
    assert russian.dateline_city == "ДУШАНБЕ"
    assert str(russian.dateline_date) == "2012-03-27"
    assert russian.slug == f"{english.slug}-ru"
    # The classification is the original's.
    assert set(russian.countries.values_list("slug", flat=True)) == set(
        english.countries.values_list("slug", flat=True)
    )
    assert russian.lead_source == english.lead_source
    assert russian.status == Status.PUBLISHED
    # Importing again updates the same version.
    call_command("import_releases", str(RUSSIAN), verbosity=0)
    assert PressRelease.objects.filter(language="ru").count() == 1


def test_a_version_found_at_the_originals_address_with_the_language_prefix(tmp_path):
    english_page = tmp_path / "en.txt"
    english_page.write_text(
        "URL: https://www.osce.org/secretariat/90123\n" + ENGLISH.read_text(encoding="utf-8")
    )
    russian_page = tmp_path / "ru.txt"
    russian_page.write_text(
        "URL: https://www.osce.org/ru/secretariat/90123\n" + RUSSIAN.read_text(encoding="utf-8")
    )
    # The Russian page first: it waits for its original, which adopts it.
    importer = LegacyImporter(language="ru")
    importer.save(importer.analyse(russian_page))
    assert PressRelease.objects.get().translation_of is None
    english_importer = LegacyImporter()
    english_importer.save(english_importer.analyse(english_page))
    russian = PressRelease.objects.get(language="ru")
    assert russian.translation_of == PressRelease.objects.get(language="en-gb")
