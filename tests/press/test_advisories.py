"""Media advisories: the event's rules on the model and in the database, and the editor's
form, which reads and shows the event's times in the event's own time zone."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from press.models import PressRelease, ReleaseType, Status
from tests.factories import make_release
from tests.press.test_admin import ADD, change_url, errors_of, form_data

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")
START = datetime.datetime(2030, 6, 4, 8, 0, tzinfo=UTC)  # 17:00 in Tokyo, 10:00 in Vienna


def advisory(**fields) -> PressRelease:
    values = {
        "title": "Press conference of the Chairperson-in-Office",
        "slug": "press-conference",
        "type": ReleaseType.MEDIA_ADVISORY,
        "event_starts_at": START,
        "event_timezone": "Europe/Vienna",
        **fields,
    }
    return PressRelease(**values)


def errors(release: PressRelease) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        release.full_clean()
    return caught.value.message_dict


def test_a_complete_advisory_is_valid():
    advisory(
        event_ends_at=START + datetime.timedelta(hours=2),
        event_venue="Hofburg, Heldenplatz 1, Vienna",
        accreditation_deadline=START - datetime.timedelta(days=2),
        accreditation_url="https://accreditation.example.org/mc",
    ).full_clean()


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"event_starts_at": None}, "event_starts_at", "give the time it starts"),
        ({"event_ends_at": START}, "event_ends_at", "end after it starts"),
        (
            {"event_ends_at": START - datetime.timedelta(hours=1)},
            "event_ends_at",
            "end after it starts",
        ),
        ({"accreditation_deadline": START}, "accreditation_deadline", "before the event"),
        (
            {"accreditation_deadline": START + datetime.timedelta(days=1)},
            "accreditation_deadline",
            "before the event",
        ),
        ({"event_timezone": ""}, "event_timezone", "time zone"),
        ({"event_timezone": "Europe/Atlantis"}, "event_timezone", "is not a time zone"),
        ({"event_timezone": "CET "}, "event_timezone", "is not a time zone"),
        (
            {"accreditation_url": "http://accreditation.example.org/"},
            "accreditation_url",
            "valid URL",
        ),
        ({"accreditation_url": "javascript:alert(1)"}, "accreditation_url", "valid URL"),
    ],
)
def test_an_advisory_breaking_a_rule_says_which(fields, field, words):
    found = errors(advisory(**fields))
    assert field in found
    assert words in " ".join(found[field])


@pytest.mark.parametrize(
    "field",
    ["event_starts_at", "event_venue", "accreditation_url"],
)
def test_event_details_belong_to_media_advisories_only(field):
    values = {
        "event_starts_at": START,
        "event_venue": "Hofburg",
        "accreditation_url": "https://example.org/",
    }
    release = PressRelease(
        title="A statement",
        slug="a-statement",
        type=ReleaseType.STATEMENT,
        **{field: values[field]},
    )
    if field != "event_starts_at":
        release.event_timezone = "Europe/Vienna"
    assert "Only a media advisory" in " ".join(errors(release)[field])


def test_a_time_zone_alone_on_another_type_is_dropped_as_the_forms_default():
    release = PressRelease(
        title="A statement", slug="a-statement", type=ReleaseType.STATEMENT, event_timezone="UTC"
    )
    release.full_clean()
    assert release.event_timezone == ""


@pytest.mark.parametrize(
    "fields",
    [
        {"event_ends_at": START - datetime.timedelta(minutes=1)},
        {"accreditation_deadline": START + datetime.timedelta(minutes=1)},
        {"event_timezone": ""},
        {"type": ReleaseType.PRESS_RELEASE},
        {"type": ReleaseType.SPEECH, "event_starts_at": None, "event_venue": "Hofburg"},
    ],
)
def test_the_database_refuses_an_impossible_event(fields):
    event = {
        "type": ReleaseType.MEDIA_ADVISORY,
        "event_starts_at": START,
        "event_timezone": "Europe/Vienna",
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        make_release(**{**event, **fields})


# The editor's form: the event's times are typed and shown in the event's zone.


def advisory_form(**overrides) -> dict:
    event = {
        "type": "media-advisory",
        "event_starts_at_0": "2030-06-04",
        "event_starts_at_1": "17:00",
        "event_ends_at_0": "2030-06-04",
        "event_ends_at_1": "18:30",
        "event_timezone": "Asia/Tokyo",
        "event_venue": "Tokyo International Forum",
        "accreditation_deadline_0": "2030-06-01",
        "accreditation_deadline_1": "12:00",
        "accreditation_url": "https://accreditation.example.org/tokyo",
    }
    return form_data(**{**event, **overrides})


def test_typed_times_are_read_in_the_events_zone_not_the_newsrooms(client, author):
    client.force_login(author)
    response = client.post(ADD, advisory_form())
    assert response.status_code == 302, errors_of(response)
    release = PressRelease.objects.get()
    # 17:00 in Tokyo is 08:00 UTC (and 10:00 in Vienna, the newsroom's own zone).
    assert release.event_starts_at == START
    assert release.event_ends_at == datetime.datetime(2030, 6, 4, 9, 30, tzinfo=UTC)
    assert release.accreditation_deadline == datetime.datetime(2030, 6, 1, 3, 0, tzinfo=UTC)
    assert release.event_timezone == "Asia/Tokyo"


def test_the_form_shows_stored_times_in_the_events_zone(client, editor):
    release = make_release(
        status=Status.DRAFT,
        type=ReleaseType.MEDIA_ADVISORY,
        event_starts_at=START,
        event_timezone="Asia/Tokyo",
    )
    client.force_login(editor)
    html = client.get(change_url(release)).content.decode()
    start_time = html[
        html.index('name="event_starts_at_1"') - 200 : html.index('name="event_starts_at_1"') + 200
    ]
    assert 'value="17:00:00"' in start_time
    assert 'value="10:00:00"' not in start_time  # what Vienna's clock would say
    assert '<option value="Asia/Tokyo" selected>' in html
    # Saving the form unchanged keeps the same moment.
    data = form_data(
        release,
        event_starts_at_0="2030-06-04",
        event_starts_at_1="17:00:00",
        event_timezone="Asia/Tokyo",
    )
    response = client.post(change_url(release), data)
    assert response.status_code == 302, errors_of(response)
    release.refresh_from_db()
    assert release.event_starts_at == START


def test_changing_only_the_zone_moves_the_event_to_that_zones_clock(client, author):
    client.force_login(author)
    client.post(ADD, advisory_form(event_timezone="America/New_York"))
    release = PressRelease.objects.get()
    # 17:00 in New York in June is 21:00 UTC (daylight saving time).
    assert release.event_starts_at == datetime.datetime(2030, 6, 4, 21, 0, tzinfo=UTC)
    assert release.event_starts_at.astimezone(TOKYO).hour == 6


def test_form_errors_name_the_event_fields(client, author):
    client.force_login(author)
    response = client.post(
        ADD,
        advisory_form(
            event_ends_at_1="16:00",
            accreditation_url="http://insecure.example.org/",
            event_timezone="Mars/Olympus",
        ),
    )
    assert response.status_code == 200
    found = errors_of(response)
    assert set(found) >= {"event_ends_at", "accreditation_url", "event_timezone"}
    assert not PressRelease.objects.exists()


def test_an_advisory_without_a_start_is_refused(client, author):
    client.force_login(author)
    response = client.post(ADD, advisory_form(event_starts_at_0="", event_starts_at_1=""))
    assert "give the time it starts" in " ".join(errors_of(response)["event_starts_at"])


def test_an_ordinary_release_saves_without_event_and_keeps_none(client, author):
    client.force_login(author)
    response = client.post(ADD, form_data(event_timezone="Europe/Vienna"))
    assert response.status_code == 302, errors_of(response)
    release = PressRelease.objects.get()
    assert release.event_timezone == "" and release.event_starts_at is None


def test_the_event_fields_have_their_own_fieldset(client, author):
    client.force_login(author)
    html = client.get(ADD).content.decode()
    assert ">Media advisory: the event</h2>" in html
    fieldset = html[html.index("press-event") : html.index(">Source</h2>")]
    for name in ("event_starts_at_0", "event_timezone", "event_venue", "accreditation_url"):
        assert f'name="{name}"' in fieldset
    # Most events are at the seat: the newsroom's zone is the one offered first.
    assert '<option value="Europe/Vienna" selected>' in fieldset
    # Shown without the script; the script only hides it for other types.
    assert "hidden" not in fieldset.split(">", 1)[0]
    assert 'src="/static/admin/js/press-event.js"' in html
    assert reverse("admin:press_pressrelease_add") == ADD


def test_next_event_over_ends_the_cached_generation_at_the_events_end():
    soon = datetime.datetime.now(UTC) + datetime.timedelta(hours=3)
    make_release(
        type=ReleaseType.MEDIA_ADVISORY,
        event_starts_at=soon,
        event_ends_at=soon + datetime.timedelta(hours=1),
        event_timezone="Europe/Vienna",
    )
    assert PressRelease.objects.next_event_over() == soon + datetime.timedelta(hours=1)
