"""Control characters pasted into text (Word's line break is a vertical tab, a terminal's
colours come as escapes) never reach the database, whatever way the text is saved, and a feed
never breaks on one that got there before."""

import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from taggit.models import Tag

from press.models import PressRelease, ReleaseTransition
from taxonomy.models import Country
from tests.factories import make_release, make_user

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[1] / "data" / "legacy" / "000_4f6903038106f065.txt"
FEEDS = ["/press-releases/feed/", "/press-releases/feed/atom/"]
DIRTY = "Talks\x0bin Vienna\x1b[1m end\x00 \x7f\x85\ufffe"
CLEAN = "Talks in Vienna[1m end "


def test_a_model_save_cleans_every_text_field():
    release = make_release(
        DIRTY, lead=DIRTY, body=f"<p>{DIRTY}</p>", image_caption=DIRTY, dateline_city="VIE\x1bNNA"
    )
    release.refresh_from_db()
    assert release.title == CLEAN
    assert release.lead == CLEAN
    assert release.image_caption == CLEAN
    assert release.dateline_city == "VIENNA"
    assert release.body == f"<p>{CLEAN}</p>"


def test_tabs_and_line_breaks_are_kept():
    release = make_release("Title", lead="One line.\nAnother\tline.\r\n")
    release.refresh_from_db()
    assert release.lead == "One line.\nAnother\tline.\r\n"


def test_update_and_bulk_update_clean_too():
    release = make_release("Plain")
    PressRelease.objects.filter(pk=release.pk).update(title=DIRTY)
    assert PressRelease.objects.get(pk=release.pk).title == CLEAN
    release.lead = "a\x1bb"
    PressRelease.objects.bulk_update([release], ["lead"])
    assert PressRelease.objects.get(pk=release.pk).lead == "ab"


def test_reference_data_and_tags_are_cleaned():
    austria = Country.objects.get(slug="austria")
    austria.name = "Austria\x1b"
    austria.save()
    assert Country.objects.get(pk=austria.pk).name == "Austria"
    release = make_release("Tagged")
    release.tags.add("elec\x1btions")
    assert list(Tag.objects.values_list("name", flat=True)) == ["elections"]


def test_the_admin_form_cleans_what_an_author_pastes(client):
    author = make_user(groups=["Author"])
    client.force_login(author)
    response = client.post(
        "/admin/press/pressrelease/add/",
        {
            "title": "Ministerial\x0bCouncil\x1b opens",
            "slug": "ministerial-council-opens",
            "type": "press-release",
            "lead": "The Council\x0bopened today.",
            "body": "<p>Text\x1b.</p>",
            "tags": "ministerial\x1b, ministerial",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    release = PressRelease.objects.get(slug="ministerial-council-opens")
    assert release.title == "Ministerial Council opens"
    assert release.lead == "The Council opened today."
    assert release.body == "<p>Text.</p>"
    assert list(release.tags.names()) == ["ministerial"]


def test_the_importer_cleans_what_the_old_site_held(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    dirty = tmp_path / SEED.name
    dirty.write_text(
        text.replace(
            "OSCE Secretary General in meeting", "OSCE \x08Secretary\x1b General in meeting"
        ),
        encoding="utf-8",
    )
    call_command("import_releases", str(dirty), stdout=io.StringIO())
    title = PressRelease.objects.get().title
    assert title.startswith("OSCE Secretary General in meeting")


def test_a_transition_note_is_cleaned():
    release = make_release("Draft", status="draft")
    editor = make_user(groups=["Editor"])
    release.publish(by=editor)
    ReleaseTransition.objects.filter(release=release).update(note="ok\x1b")
    assert set(ReleaseTransition.objects.values_list("note", flat=True)) == {"ok"}


@pytest.mark.parametrize("feed", FEEDS)
def test_feeds_answer_on_control_characters_stored_around_the_models(client, feed):
    release = make_release("Clean for now", lead="A lead")
    with connection.cursor() as cursor:  # as an old row or a database console would leave it
        cursor.execute(
            "UPDATE press_pressrelease SET title = %s, lead = %s WHERE id = %s",
            ["Word\x0bbreak\x1b", "Lead\x0c\x08text", release.pk],
        )
    response = client.get(feed)
    assert response.status_code == 200
    document = ET.fromstring(response.content)  # well-formed XML, or this raises
    titles = [element.text for element in document.iter() if element.tag.endswith("title")]
    assert "Word break" in titles
