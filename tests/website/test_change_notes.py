"""Public change notes where readers meet them: the release page ("Updated …" and the change
history), its structured data, the feeds, the sitemap and the API. Minor changes show
nowhere and move no date; alerts never announce a release twice."""

from __future__ import annotations

import datetime
import re
import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.utils import timezone

from alerts import tasks
from alerts.models import Announcement, Delivery
from press.models import ChangeNote, PressRelease
from tests.alerts.conftest import subscribe
from tests.factories import make_release
from tests.website.test_public_pages import html_of, json_ld, warm_navigation

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
SECOND = datetime.timedelta(seconds=1)
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def noted(release: PressRelease, at: datetime.datetime, note: str, *, major: bool = True):
    """A change made ``at`` a given moment, as record_change() makes it now."""
    change = ChangeNote.objects.create(release=release, major=major, note=note, noted_at=at)
    if major:
        PressRelease.objects.filter(pk=release.pk).update(major_change_at=at)
    return change


@pytest.fixture
def corrected(db):
    """Published ten days ago, corrected twice since, and once fixed quietly."""
    published = timezone.now() - 10 * DAY
    release = make_release(
        "Observers count the votes", published_at=published, countries=["serbia"]
    )
    noted(release, published + DAY, "Added the statement of the Head of Mission.")
    noted(release, published + 2 * DAY, "Corrected the number of observers.")
    noted(release, published + 3 * DAY, "Fixed a typo.", major=False)
    release.refresh_from_db()
    return release


def test_the_page_says_updated_near_the_date_and_lists_the_history(client, corrected):
    html = html_of(client.get(corrected.get_absolute_url()))
    latest = timezone.localtime(corrected.published_at + 2 * DAY)
    facts = html.split('class="release__facts"')[1].split("</dl>")[0]
    assert "<dt>Updated</dt>" in facts
    stamp = latest.replace(microsecond=0).isoformat()
    assert f'<time datetime="{stamp}">' in facts
    assert "Corrected the number of observers." in facts
    assert 'href="#change-history"' in facts

    history = html.split('id="change-history"')[1].split("</section>")[0]
    assert "<h2" in history and "Change history" in history
    items = re.findall(r"<li>(.*?)</li>", history, re.S)
    assert len(items) == 3
    assert "Corrected the number of observers." in items[0]
    assert "Added the statement of the Head of Mission." in items[1]
    assert "First published." in items[2]
    assert "Fixed a typo" not in html  # minor changes are the newsroom's own business
    # The history ends the release, after its text.
    assert html.index("release__body") < html.index('id="change-history"')


def test_a_release_never_corrected_has_no_history_and_no_extra_query(
    client, django_assert_max_num_queries
):
    release = make_release("Never corrected", tags=["training"])
    warm_navigation(client)
    with django_assert_max_num_queries(3):  # the release, its terms, related releases
        html = html_of(client.get(release.get_absolute_url()))
    assert "change-history" not in html and "<dt>Updated</dt>" not in html


def test_json_ld_and_meta_follow_the_latest_major_change(client, corrected):
    html = html_of(client.get(corrected.get_absolute_url()))
    article = next(b for b in json_ld(html) if b["@type"] == "NewsArticle")
    modified = datetime.datetime.fromisoformat(article["dateModified"])
    assert abs(modified - (corrected.published_at + 2 * DAY)) < SECOND
    published = datetime.datetime.fromisoformat(article["datePublished"])
    assert abs(published - corrected.published_at) < SECOND
    stamp = timezone.localtime(corrected.published_at + 2 * DAY).replace(microsecond=0)
    assert f'<meta property="article:modified_time" content="{stamp.isoformat()}">' in html


def test_a_minor_change_moves_no_public_date(client):
    release = make_release("Quietly fixed")
    noted(release, timezone.now(), "Fixed a typo.", major=False)
    PressRelease.objects.filter(pk=release.pk).update(updated_at=timezone.now())
    html = html_of(client.get(release.get_absolute_url()))
    article = next(b for b in json_ld(html) if b["@type"] == "NewsArticle")
    modified = datetime.datetime.fromisoformat(article["dateModified"])
    assert abs(modified - release.published_at) < SECOND


@pytest.mark.parametrize("feed", ["/press-releases/feed/", "/press-releases/feed/atom/"])
def test_feeds_carry_the_updated_entry(client, corrected, feed):
    quiet = make_release("Quietly fixed", countries=["serbia"], published_at=corrected.published_at)
    noted(quiet, timezone.now(), "Fixed a typo.", major=False)
    parsed = feedparser.parse(client.get(feed + "?country=serbia").content)
    assert not parsed.bozo, parsed.bozo_exception
    entries = {entry.title: entry for entry in parsed.entries}
    entry = entries["Observers count the votes"]
    date = timezone.localtime(corrected.published_at + 2 * DAY).strftime("%-d %B %Y")
    assert entry.summary.startswith(f"<p>Updated {date}: Corrected the number of observers.</p>")
    assert corrected.lead in entry.summary
    if "atom" in feed:
        updated = datetime.datetime(*entry.updated_parsed[:6], tzinfo=datetime.UTC)
        assert abs(updated - (corrected.published_at + 2 * DAY)) < SECOND
        quiet_updated = datetime.datetime(
            *entries["Quietly fixed"].updated_parsed[:6], tzinfo=datetime.UTC
        )
        assert abs(quiet_updated - quiet.published_at) < SECOND
    assert "Fixed a typo" not in entries["Quietly fixed"].summary


def test_sitemap_lastmod_follows_major_changes_only(client, corrected):
    quiet = make_release("Quietly fixed")
    noted(quiet, timezone.now(), "Fixed a typo.", major=False)
    root = ET.fromstring(client.get("/sitemap-releases.xml").content)
    lastmods = {
        url.find("s:loc", NS).text.removeprefix("http://testserver"): url.find("s:lastmod", NS).text
        for url in root.findall("s:url", NS)
    }
    local = timezone.localtime  # the sitemap writes dates as the site's day
    assert lastmods[corrected.get_absolute_url()] == str(
        local(corrected.published_at + 2 * DAY).date()
    )
    assert lastmods[quiet.get_absolute_url()] == str(local(quiet.published_at).date())
    index = ET.fromstring(client.get("/sitemap.xml").content)
    (releases_entry,) = [
        entry
        for entry in index.findall("s:sitemap", NS)
        if "releases" in entry.find("s:loc", NS).text
    ]
    newest = max(corrected.published_at + 2 * DAY, quiet.published_at)
    assert releases_entry.find("s:lastmod", NS).text.startswith(str(local(newest).date()))
    assert PressRelease.objects.published().latest_public_update() == max(
        corrected.published_at + 2 * DAY, quiet.published_at
    )


def test_markup_in_a_note_is_shown_as_text(client):
    release = make_release("Careful with notes")
    noted(release, timezone.now(), '<script>alert("x")</script> & <b>bold</b>')
    html = html_of(client.get(release.get_absolute_url()))
    assert "<script>alert" not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in html
    raw = client.get("/press-releases/feed/atom/").content.decode()
    # In the feed the summary is HTML, itself escaped in the XML: the markup reaches readers
    # as text, never as elements.
    assert "&amp;lt;script&amp;gt;" in raw and "<script>" not in raw
    parsed = feedparser.parse(raw)
    assert "<script" not in parsed.entries[0].summary
    api = client.get(f"/api/v1/releases/{release.slug}").json()
    assert api["change_notes"][0]["note"] == '<script>alert("x")</script> & <b>bold</b>'


def test_the_api_gives_the_change_notes_read_only(client, corrected):
    data = client.get(f"/api/v1/releases/{corrected.slug}").json()
    assert [note["note"] for note in data["change_notes"]] == [
        "Corrected the number of observers.",
        "Added the statement of the Head of Mission.",
    ]
    at = datetime.datetime.fromisoformat(data["public_updated_at"])
    assert abs(at - (corrected.published_at + 2 * DAY)) < SECOND
    assert client.post(f"/api/v1/releases/{corrected.slug}", {}).status_code in (405, 404)


def test_a_change_to_an_announced_release_sends_no_new_alert(
    django_capture_on_commit_callbacks, editor
):
    subscribe("serbia@example.org", "country=serbia", created_at=timezone.now() - DAY)
    release = make_release("Fresh news", countries=["serbia"], published_at=timezone.now())
    tasks.match_releases([release.pk])
    assert Delivery.objects.filter(release=release).count() == 1
    for major in (False, True):
        with django_capture_on_commit_callbacks(execute=True):
            release.record_change(by=editor, major=major, note="Corrected the figures.")
    assert Announcement.objects.filter(release=release).count() == 1
    assert Delivery.objects.filter(release=release).count() == 1
