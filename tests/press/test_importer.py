import datetime
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from press.models import PressRelease, Status

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parent.parent / "data" / "legacy" / "000_4f6903038106f065.txt"
TITLE = (
    "OSCE Secretary General in meeting with Tajikistan President says strategic partnership "
    "must be further developed, discusses OSCE engagement with Afghanistan"
)


def import_paths(*paths, **options):
    out = io.StringIO()
    call_command("import_releases", *map(str, paths), stdout=out, **options)
    return out.getvalue()


def test_seed_page_is_imported_with_every_field():
    import_paths(SEED)
    release = PressRelease.objects.get()
    assert release.title == TITLE
    assert release.type == "press-release"
    assert release.status == Status.PUBLISHED
    assert timezone.localtime(release.published_at).date() == datetime.date(2012, 3, 27)
    assert release.dateline_city == "DUSHANBE"
    assert release.dateline_date == datetime.date(2012, 3, 27)
    assert release.lead_source.name == "Secretary General"
    assert release.lead.startswith("The OSCE Secretary General Lamberto Zannier in a meeting")
    assert release.body.count("<p>") == 7
    assert "“I attach great importance to the strategic partnership" in release.body
    assert "“innovative and important platform”" in release.body
    countries = set(release.countries.values_list("name", flat=True))
    assert {"Tajikistan", "Afghanistan"} <= countries
    assert "Border management" in set(release.fields_of_work.values_list("name", flat=True))
    assert "Programme Office in Dushanbe" in set(release.structures.values_list("name", flat=True))
    assert PressRelease.objects.published().get() == release


def test_importing_the_same_file_twice_updates_instead_of_duplicating(tmp_path):
    import_paths(SEED)
    first = PressRelease.objects.get()
    changed = tmp_path / SEED.name
    changed.write_text(SEED.read_text().replace(TITLE, "A corrected title"), encoding="utf-8")
    import_paths(changed)
    release = PressRelease.objects.get()
    assert release.pk == first.pk and release.title == "A corrected title"
    assert release.countries.count() == first.countries.count()


def write(tmp_path, name, content):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def seed_with(old: str, new: str) -> str:
    text = SEED.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (b"caf\xe9 au lait, no UTF-8 here", "not UTF-8"),
        ("Our work\n- Fields of work\n- Arms control\n", "not a press release page"),
        ("Press release\nA title and nothing else\n", "not a press release page"),
    ],
)
def test_bad_pages_are_reported_and_the_others_still_imported(tmp_path, capsys, content, message):
    bad = write(tmp_path, "bad.txt", content)
    with pytest.raises(CommandError, match="1 of 2 files"):
        call_command("import_releases", str(bad), str(SEED))
    err = capsys.readouterr().err
    assert f"{bad}: " in err and message in err
    assert list(PressRelease.objects.values_list("title", flat=True)) == [TITLE]


def test_a_missing_file_is_reported(tmp_path, capsys):
    with pytest.raises(CommandError):
        call_command("import_releases", str(tmp_path / "nope.txt"))
    assert "nope.txt: cannot be read" in capsys.readouterr().err


def test_date_field_wins_over_dateline_when_present(tmp_path):
    page = write(tmp_path, "dated.txt", seed_with("- Date:\n", "- Date: 28 March 2012\n"))
    import_paths(page)
    assert timezone.localtime(PressRelease.objects.get().published_at).date() == datetime.date(
        2012, 3, 28
    )


def test_a_page_that_fails_half_way_writes_nothing(tmp_path, monkeypatch):
    from press import importer

    # The release row and its countries are written, then the meeting series fail.
    monkeypatch.setattr(importer.PressRelease, "meeting_series", None)
    page = write(tmp_path, "seed.txt", SEED.read_text(encoding="utf-8"))
    with pytest.raises(AttributeError):
        importer.import_file(page, importer.Classifier.from_database())
    assert not PressRelease.objects.exists()


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        ("DUSHANBE, 27 March 2012 – ", "In Dushanbe on a spring day, ", "no date"),
        ("DUSHANBE, 27 March 2012", "DUSHANBE, 31 Smarch 2012", "dateline date"),
        ("- OSCE Secretary General", "- Ministry of Silly Walks", "not a known structure"),
    ],
)
def test_unsure_pages_become_drafts_flagged_for_review(tmp_path, capsys, old, new, reason):
    page = write(tmp_path, "unsure.txt", seed_with(old, new))
    assert reason in import_paths(page)
    release = PressRelease.objects.get()
    assert release.status == Status.DRAFT and release.needs_review
    assert release.title == TITLE
    assert not release.lead.startswith(("–", "-", "DUSHANBE"))
