"""Media advisories' events: the upcoming events page and the calendar files."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.generations import per_generation
from listing.index import ISSUED, current_index
from press.models import PressRelease, attach_lead_sources
from taxonomy.kinds import STRUCTURE, TermKind
from taxonomy.models import Term
from website.calendars import calendar_response

# Past events are many and matter less: the latest few, each advisory still in the listing.
PAST_EVENTS_SHOWN = 10
# A calendar feed of a sensible size, however many events are announced.
CALENDAR_SIZE = 200
# A term's page lists its next few events; the events page has them all.
TERM_EVENTS_SHOWN = 5


@per_generation
def upcoming_events() -> list[PressRelease]:
    """The events to come, soonest first, read once per content generation: a generation
    ends when an event has taken place (press registers it), so none lingers here."""
    return attach_lead_sources(PressRelease.objects.upcoming_events().defer("body")[:CALENDAR_SIZE])


def upcoming_events_of(kind: TermKind, term: Term) -> list[PressRelease]:
    """The upcoming events filed under ``term`` as its page's lists file releases (a term
    stands for everything under it; a structure for what it issued too), from the facet
    index: no query for a term page."""
    index = current_index()
    keys = (kind.key, ISSUED) if kind.key == STRUCTURE.key else (kind.key,)
    members = 0
    for key in keys:
        members |= index.sets.get(key, {}).get(term.slug, 0)
    found = []
    for release in upcoming_events():
        position = index.position(release.pk)
        if position >= 0 and members >> position & 1:
            found.append(release)
    return found[:TERM_EVENTS_SHOWN]


@require_safe
def events(request: HttpRequest) -> HttpResponse:
    context = {
        "upcoming": upcoming_events(),
        "past": attach_lead_sources(
            PressRelease.objects.past_events().defer("body")[:PAST_EVENTS_SHOWN]
        ),
    }
    return render(request, "press/events.html", context)


@require_safe
def events_calendar(request: HttpRequest) -> HttpResponse:
    # Withdrawn advisories of events still to come stay in the feed, marked cancelled, so
    # that a subscribed calendar takes the event off instead of keeping it.
    releases = PressRelease.objects.events_to_come().defer("body")[:CALENDAR_SIZE]
    name = _("%(site)s: upcoming events") % {"site": settings.NEWSROOM["SITE_NAME"]}
    return calendar_response(releases, request, name=name, filename="events")


@require_safe
def release_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    release = PressRelease.objects.advisories().filter(slug=slug).defer("body").first()
    if release is None:
        raise Http404(_("No announced event at this address."))
    name = settings.NEWSROOM["SITE_NAME"]
    return calendar_response([release], request, name=name, filename=release.slug)
