"""Media advisories' events as iCalendar (RFC 5545): one event's file, and the feed of all
upcoming ones that journalists subscribe to."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.text import slugify
from icalendar import Calendar, Event

from press.models import PressRelease

CONTENT_TYPE = "text/calendar; charset=utf-8"


def event_uid(release: PressRelease) -> str:
    """The same for as long as the release exists: a calendar updates the event it holds
    (a new time, a cancellation) instead of adding a second one. Its id, not its slug,
    which may change; the site's host, so that no other site's events collide with it."""
    host = urlsplit(settings.NEWSROOM["SITE_URL"]).hostname or "newsroom"
    return f"media-advisory-{release.pk}@{host}"


def _vevent(release: PressRelease, request: HttpRequest) -> Event:
    zone = release.event_zone
    event = Event()
    event.add("uid", event_uid(release))
    # When the public last saw the advisory change: calendars compare it to know the newer.
    stamp = release.public_updated_at or release.published_at
    event.add("dtstamp", stamp.astimezone(datetime.UTC))
    event.add("last-modified", stamp.astimezone(datetime.UTC))
    # In the event's own zone (with its VTIMEZONE), so a calendar shows "10:00 Vienna time"
    # and keeps it right across daylight saving changes.
    event.add("dtstart", release.event_starts_at.astimezone(zone))
    if release.event_ends_at:
        event.add("dtend", release.event_ends_at.astimezone(zone))
    event.add("summary", release.title)
    url = request.build_absolute_uri(release.get_absolute_url())
    event.add("url", url)
    event.add("description", f"{release.lead}\n\n{url}" if release.lead else url)
    if release.event_venue:
        event.add("location", release.event_venue)
    event.add("status", "CANCELLED" if release.event_is_cancelled else "CONFIRMED")
    return event


def calendar_response(
    releases: Iterable[PressRelease], request: HttpRequest, *, name: str, filename: str
) -> HttpResponse:
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.NEWSROOM['PUBLISHER']}//{name}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for release in releases:
        calendar.add_component(_vevent(release, request))
    calendar.add_missing_timezones()
    response = HttpResponse(calendar.to_ical(), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{slugify(filename) or "events"}.ics"'
    return response
