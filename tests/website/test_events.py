"""Media advisories' events in public: the box on the advisory's page, its structured data,
the calendar files, the events page and the term pages; nothing unpublished anywhere."""

from __future__ import annotations

import datetime
import time
import zoneinfo

import icalendar
import pytest
from django.utils import timezone

from core.generations import content_changed
from press import preview
from press.models import PressRelease, ReleaseType, Status
from tests.factories import make_release
from tests.website.test_public_pages import html_of, json_ld, warm_navigation

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
HOUR = datetime.timedelta(hours=1)
VIENNA = zoneinfo.ZoneInfo("Europe/Vienna")


def make_advisory(
    title: str, *, starts_in: datetime.timedelta, zone: str = "Europe/Vienna", **extra
) -> PressRelease:
    start = (timezone.now() + starts_in).replace(second=0, microsecond=0)
    extra.setdefault("event_ends_at", start + 2 * HOUR)
    return make_release(
        title,
        type=ReleaseType.MEDIA_ADVISORY,
        event_starts_at=start,
        event_timezone=zone,
        **extra,
    )


def calendar_of(response) -> icalendar.Calendar:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def summaries(calendar: icalendar.Calendar) -> list[str]:
    return [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]


# The advisory's page.


def test_the_page_shows_the_event_in_its_own_zone_with_the_offset(client):
    start = datetime.datetime(2031, 1, 15, 8, 0, tzinfo=datetime.UTC)  # 17:00 in Tokyo
    release = make_release(
        "Chairperson visits Tokyo",
        type=ReleaseType.MEDIA_ADVISORY,
        event_starts_at=start,
        event_ends_at=start + 90 * datetime.timedelta(minutes=1),
        event_timezone="Asia/Tokyo",
        event_venue="Tokyo International Forum",
        accreditation_deadline=start - 3 * DAY,
        accreditation_url="https://accreditation.example.org/tokyo",
    )
    html = html_of(client.get(release.get_absolute_url()))
    box = html[html.index('class="event"') : html.index("</section>", html.index('class="event"'))]
    assert (
        '<time datetime="2031-01-15T17:00:00+09:00">Wednesday 15 January 2031, 17:00</time>' in box
    )
    assert '<time datetime="2031-01-15T18:30:00+09:00">18:30</time>' in box
    assert "(Asia/Tokyo, UTC+09:00)" in box
    assert "Tokyo International Forum" in box
    assert "Apply by" in box and "Sunday 12 January 2031, 17:00" in box
    assert 'href="https://accreditation.example.org/tokyo"' in box
    assert f'href="{release.get_absolute_url()}event.ics"' in box and "Add to calendar" in box
    assert "has taken place" not in box


def test_a_past_event_says_it_has_taken_place_and_no_longer_invites_accreditation(client):
    release = make_advisory(
        "Conference on border security",
        starts_in=-3 * DAY,
        accreditation_url="https://accreditation.example.org/old",
    )
    html = html_of(client.get(release.get_absolute_url()))
    assert "This event has taken place." in html
    assert "https://accreditation.example.org/old" not in html
    assert "Add to calendar" in html


def test_an_event_under_way_has_not_taken_place_yet(client):
    release = make_advisory("Under way", starts_in=-HOUR, event_ends_at=timezone.now() + HOUR)
    assert "has taken place" not in html_of(client.get(release.get_absolute_url()))


def test_a_cached_page_says_the_event_has_taken_place_once_it_is_over(client):
    ends = timezone.now() + datetime.timedelta(seconds=2)
    release = make_advisory("Ending now", starts_in=-HOUR, event_ends_at=ends)
    first = client.get(release.get_absolute_url())
    assert "has taken place" not in first.content.decode()
    # Cached no longer than until the event is over, here and downstream.
    assert first["X-Cache"] == "miss"
    assert int(first["Cache-Control"].split("max-age=")[1].split(",")[0]) <= 2
    assert client.get("/events/").content.decode().count("Ending now") == 1
    time.sleep(max(0.0, (ends - timezone.now()).total_seconds()) + 0.2)
    assert "This event has taken place." in client.get(release.get_absolute_url()).content.decode()
    html = client.get("/events/").content.decode()
    assert html.index("Ending now") > html.index("Past events")


def test_other_types_show_no_event_box(client):
    release = make_release("A statement", type=ReleaseType.STATEMENT)
    html = html_of(client.get(release.get_absolute_url()))
    assert 'class="event"' not in html
    assert all(block["@type"] != "Event" for block in json_ld(html))


def test_structured_data_has_the_event_beside_the_article(client):
    release = make_advisory(
        "Ministerial Council press conference",
        starts_in=10 * DAY,
        event_venue="Hofburg, Heldenplatz 1, Vienna",
        source="secretary-general",
    )
    blocks = {
        block["@type"]: block for block in json_ld(html_of(client.get(release.get_absolute_url())))
    }
    assert "NewsArticle" in blocks
    event = blocks["Event"]
    assert event["name"] == "Ministerial Council press conference"
    start = datetime.datetime.fromisoformat(event["startDate"])
    assert start == release.event_starts_at
    assert start.utcoffset() == release.event_starts_at.astimezone(VIENNA).utcoffset()
    assert datetime.datetime.fromisoformat(event["endDate"]) == release.event_ends_at
    assert event["location"] == {"@type": "Place", "name": "Hofburg, Heldenplatz 1, Vienna"}
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["organizer"]["name"] == release.lead_source.name
    assert event["url"] == f"http://testserver{release.get_absolute_url()}"


def test_a_withdrawn_advisorys_event_is_cancelled(client):
    release = make_advisory("Called off", starts_in=5 * DAY, status=Status.WITHDRAWN)
    html = html_of(client.get(release.get_absolute_url()))
    assert "This event is cancelled." in html
    event = next(block for block in json_ld(html) if block["@type"] == "Event")
    assert event["eventStatus"] == "https://schema.org/EventCancelled"


# The calendar files.


def test_the_event_calendar_file_has_one_event_in_its_zone(client):
    release = make_advisory(
        "Press conference in Vienna", starts_in=20 * DAY, event_venue="Hofburg, Vienna"
    )
    response = client.get(f"{release.get_absolute_url()}event.ics")
    calendar = calendar_of(response)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    assert str(event["SUMMARY"]) == "Press conference in Vienna"
    assert str(event["LOCATION"]) == "Hofburg, Vienna"
    assert str(event["STATUS"]) == "CONFIRMED"
    start = event.decoded("DTSTART")
    assert start == release.event_starts_at
    assert event["DTSTART"].params["TZID"] == "Europe/Vienna"
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/Vienna"]
    assert event.decoded("DTEND") == release.event_ends_at
    assert event.decoded("DTSTAMP").utcoffset() == datetime.timedelta(0)
    assert str(event["URL"]) == f"http://testserver{release.get_absolute_url()}"
    # The same event for calendars whatever changes: its id is kept across a new address.
    uid = str(event["UID"])
    release.slug = "press-conference-in-vienna-moved"
    release.save()
    moved = calendar_of(client.get(f"{release.get_absolute_url()}event.ics"))
    assert str(moved.walk("VEVENT")[0]["UID"]) == uid


def test_the_events_calendar_lists_upcoming_events_and_tells_of_cancellations(client):
    make_advisory("Later", starts_in=9 * DAY, zone="America/New_York")
    make_advisory("Sooner", starts_in=2 * DAY)
    make_advisory("Over", starts_in=-2 * DAY)
    make_advisory("Cancelled", starts_in=4 * DAY, status=Status.WITHDRAWN)
    calendar = calendar_of(client.get("/events.ics"))
    assert summaries(calendar) == ["Sooner", "Cancelled", "Later"]
    status = {str(e["SUMMARY"]): str(e["STATUS"]) for e in calendar.walk("VEVENT")}
    assert status == {"Sooner": "CONFIRMED", "Cancelled": "CANCELLED", "Later": "CONFIRMED"}
    zones = {str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")}
    assert zones == {"Europe/Vienna", "America/New_York"}
    assert len({str(e["UID"]) for e in calendar.walk("VEVENT")}) == 3


def test_calendars_of_other_releases_are_not_found(client):
    release = make_release("A statement", type=ReleaseType.STATEMENT)
    assert client.get(f"{release.get_absolute_url()}event.ics").status_code == 404
    assert client.get("/press-releases/no-such-release/event.ics").status_code == 404


# The events page.


def test_the_events_page_lists_upcoming_events_soonest_first_then_past_ones(client):
    make_advisory("In a week", starts_in=7 * DAY, event_venue="Hofburg, Vienna")
    make_advisory("Tomorrow", starts_in=DAY)
    make_advisory("Last month", starts_in=-30 * DAY)
    make_advisory("Yesterday", starts_in=-DAY)
    make_advisory("Withdrawn one", starts_in=3 * DAY, status=Status.WITHDRAWN)
    make_release("An ordinary release")
    html = html_of(client.get("/events/"))
    past_at = html.index("Past events")
    order = [html.index(title) for title in ("Tomorrow", "In a week")]
    assert order == sorted(order) and order[-1] < past_at
    past = [html.index(title) for title in ("Yesterday", "Last month")]
    assert past == sorted(past) and past[0] > past_at
    assert "Hofburg, Vienna" in html
    assert "Withdrawn one" not in html and "An ordinary release" not in html
    assert 'href="/events.ics"' in html


def test_the_events_page_says_when_nothing_is_announced(client):
    html = html_of(client.get("/events/"))
    assert "No events are announced at the moment." in html
    assert "Past events" not in html


def test_the_past_section_is_limited_to_the_latest(client):
    for n in range(12):
        make_advisory(f"Past event {n:02}", starts_in=-(n + 1) * DAY)
    html = html_of(client.get("/events/"))
    assert "Past event 09" in html and "Past event 10" not in html
    assert "/press-releases/?type=media-advisory" in html


def test_the_events_page_is_linked_from_every_page_and_the_home_page(client):
    html = html_of(client.get("/"))
    assert html.count('href="/events/"') >= 2  # the footer and the home page's entry points


def test_the_events_page_query_count_does_not_grow(client, django_assert_max_num_queries):
    for n in range(15):
        make_advisory(f"Upcoming {n}", starts_in=(n + 1) * DAY)
        make_advisory(f"Past {n}", starts_in=-(n + 1) * DAY)
    warm_navigation(client)
    html_of(client.get("/robots.txt"))
    # Upcoming events once per content generation, the past ones in one query.
    with django_assert_max_num_queries(3):
        html = html_of(client.get("/events/"))
    assert "Upcoming 14" in html and "Past 9" in html
    with django_assert_max_num_queries(3):
        html_of(client.get("/events.ics"))


# Term pages.


def test_term_pages_show_their_upcoming_events(client):
    make_advisory(
        "Mission briefing in Tbilisi",
        starts_in=3 * DAY,
        countries=["georgia"],
        fields=["conflict-prevention-and-resolution"],
        meetings=["ministerial-council-meetings"],
        source="mission-to-georgia",
    )
    make_advisory("Past briefing in Tbilisi", starts_in=-3 * DAY, countries=["georgia"])
    make_advisory("Elsewhere", starts_in=3 * DAY, countries=["serbia"])
    for path in (
        "/countries/georgia/",
        "/fields-of-work/conflict-prevention-and-resolution/",
        "/structures/mission-to-georgia/",
        "/meetings/ministerial-council-meetings/",
    ):
        html = html_of(client.get(path))
        section = html[html.index('id="events-heading"') : html.index("All upcoming events")]
        assert "Mission briefing in Tbilisi" in section, path
        assert "Past briefing" not in section and "Elsewhere" not in section
    assert 'id="events-heading"' not in html_of(client.get("/countries/austria/"))


def test_term_pages_add_no_query_for_their_events(client, django_assert_max_num_queries):
    for n in range(10):
        make_advisory(f"Briefing {n}", starts_in=(n + 1) * DAY, countries=["tajikistan"])
    warm_navigation(client)
    html_of(client.get("/events/"))
    with django_assert_max_num_queries(6):  # as without events (test_public_pages)
        html = html_of(client.get("/countries/tajikistan/"))
    assert "Briefing 0" in html


# Nothing unpublished, anywhere.


@pytest.fixture
def unpublished(editor):
    draft = make_advisory(
        "Unannounced draft event", starts_in=5 * DAY, status=Status.DRAFT, countries=["georgia"]
    )
    review = make_advisory(
        "Unannounced event in review",
        starts_in=5 * DAY,
        status=Status.IN_REVIEW,
        countries=["georgia"],
    )
    scheduled = make_advisory(
        "Unannounced scheduled event",
        starts_in=5 * DAY,
        published_at=timezone.now() + DAY,
        countries=["georgia"],
    )
    embargoed = make_advisory(
        "Unannounced embargoed event",
        starts_in=5 * DAY,
        status=Status.IN_REVIEW,
        countries=["georgia"],
    )
    embargoed.embargo(by=editor, until=timezone.now() + DAY)
    return [draft, review, scheduled, embargoed]


def test_unpublished_advisories_appear_nowhere_public(client, unpublished):
    make_advisory("Public event", starts_in=5 * DAY, countries=["georgia"])
    for path in ("/events/", "/events.ics", "/countries/georgia/", "/"):
        response = client.get(path)
        assert response.status_code == 200
        text = response.content.decode()
        assert "Unannounced" not in text, path
    assert "Public event" in client.get("/events/").content.decode()
    for release in unpublished:
        assert client.get(f"{release.get_absolute_url()}event.ics").status_code == 404
        assert client.get(release.get_absolute_url()).status_code == 404


def test_a_scheduled_advisory_appears_once_it_goes_live(client, unpublished):
    scheduled = unpublished[2]
    assert "Unannounced scheduled event" not in client.get("/events/").content.decode()
    PressRelease.objects.filter(pk=scheduled.pk).update(
        published_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    content_changed()
    assert "Unannounced scheduled event" in client.get("/events/").content.decode()
    assert client.get(f"{scheduled.get_absolute_url()}event.ics").status_code == 200


def test_a_draft_advisorys_preview_offers_no_calendar_link_that_would_not_open(client):
    draft = make_advisory("Briefing in preparation", starts_in=3 * DAY, status=Status.DRAFT)
    html = client.get(preview.preview_url(draft)).content.decode()
    assert "The calendar file is offered once the advisory is published." in html
    assert "event.ics" not in html
    assert client.get(f"/press-releases/{draft.slug}/event.ics").status_code == 404
