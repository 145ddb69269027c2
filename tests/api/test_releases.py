"""The releases of the API are the website's: the same ids, order, counts and facets for the
same parameters, through the same listing engine, and never what the public may not read."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from listing.engine import FACETS
from tests.factories import make_release

pytestmark = pytest.mark.django_db

API = "/api/v1/releases"
ALL_FACETS = ",".join(FACETS)


def html_listing(client, params: dict) -> dict:
    response = client.get("/press-releases/", params)
    assert response.status_code == 200, (params, response.status_code)
    page = response.context["page_obj"]
    return {
        "ids": [release.pk for release in page.object_list],
        "count": page.paginator.count,
        "facets": {
            facet.key: [(o.value, o.count, o.selected) for o in facet.visible_options]
            for facet in response.context["facets"]
        },
    }


def api_listing(client, params: dict) -> dict:
    response = client.get(API, {**params, "facets": ALL_FACETS})
    assert response.status_code == 200, (params, response.content)
    data = response.json()
    return {
        "ids": [release["id"] for release in data["results"]],
        "count": data["count"],
        "facets": {
            facet["key"]: [(o["value"], o["count"], o["selected"]) for o in facet["options"]]
            for facet in data["facets"]
        },
    }


def this_year() -> str:
    return str(timezone.localdate().year)


COMBINATIONS = [
    {},
    {"country": "austria"},
    {"country": ["austria", "ukraine"]},
    {"country": "austria", "tag": "training"},
    {"field": "border-management"},
    {"field": ["border-management", "elections"], "type": "news-item"},
    # A structure stands for what is under it; the lead source counts.
    {"structure": "institutions"},
    {"structure": "secretariat"},
    {"structure": "programme-office-in-dushanbe"},
    {"meeting": "ministerial-council-meetings"},
    {"type": ["statement", "press-release"]},
    {"tag": ["training", "elections"]},
    {"sort": "oldest"},
    {"sort": "oldest", "country": "serbia"},
    {"q": "Austria"},
    {"q": "training", "sort": "relevance"},
]


@pytest.mark.parametrize("params", COMBINATIONS, ids=lambda p: "&".join(map(str, p.items())))
def test_same_releases_counts_and_facets_as_the_website(client, archive, params):
    assert api_listing(client, params) == html_listing(client, params)


def test_same_for_years_and_date_ranges(client, archive):
    today = timezone.localdate()
    for params in (
        {"year": this_year()},
        {"year": [this_year(), str(today.year - 1)]},
        {"from": (today - datetime.timedelta(days=41)).isoformat()},
        {"to": (today - datetime.timedelta(days=4)).isoformat(), "country": "austria"},
    ):
        assert api_listing(client, params) == html_listing(client, params), params


def test_pages_follow_the_website_with_ties_by_id(client, archive):
    tied = timezone.now() - datetime.timedelta(days=1)
    extra = [make_release(f"Same moment {n}", published_at=tied) for n in range(30)]
    for number in (1, 2):
        api = api_listing(client, {"page": number})
        assert api == html_listing(client, {"page": number})
    first = client.get(API).json()
    second = client.get(first["next"]).json()
    ids = [r["id"] for r in first["results"] + second["results"]]
    assert len(ids) == len(set(ids)) == 37 == first["count"]
    same_moment = [pk for pk in ids if pk in {r.pk for r in extra}]
    assert same_moment == sorted(same_moment, reverse=True)
    assert (first["page"], first["pages"], first["previous"]) == (1, 2, None)
    assert second["next"] is None and second["previous"].endswith("page=1")


def test_page_size_is_the_clients_choice_within_bounds(client, archive):
    data = client.get(API, {"page_size": 3, "page": 2}).json()
    everything = [r["id"] for r in client.get(API, {"page_size": 100}).json()["results"]]
    assert [r["id"] for r in data["results"]] == everything[3:6]
    assert data["pages"] == 3
    assert client.get(API, {"page_size": 101}).status_code == 400


def test_page_past_the_end_is_a_problem_404(client, archive):
    response = client.get(API, {"page": 9})
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_facets_are_counted_only_when_asked(client, archive):
    assert client.get(API).json()["facets"] is None
    facets = client.get(API, {"facets": "country,field"}).json()["facets"]
    assert [facet["key"] for facet in facets] == ["country", "field"]
    austria = next(o for o in facets[0]["options"] if o["value"] == "austria")
    # The public ones: two published and the withdrawn one, not the draft nor the scheduled.
    assert austria == {"value": "austria", "label": "Austria", "count": 3, "selected": False}


def test_a_former_slug_is_understood_and_reported(client, archive):
    # Programme Office in Dushanbe was the Mission to Tajikistan until 2002.
    data = client.get(API, {"structure": "mission-to-tajikistan"}).json()
    assert data["renamed"] == {
        "structure": {"mission-to-tajikistan": "programme-office-in-dushanbe"}
    }
    assert [r["title"] for r in data["results"]] == ["Border training in Tajikistan"]


def test_drafts_reviews_and_scheduled_releases_never_appear(client, archive):
    hidden = archive["hidden"]
    hidden_ids = {release.pk for release in hidden}
    for params in ({}, {"country": "austria"}, {"q": "Austria"}, {"page_size": 100}):
        listed = {r["id"] for r in client.get(API, params).json()["results"]}
        assert not listed & hidden_ids, params
    for release in hidden:
        response = client.get(f"{API}/{release.slug}")
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
    counts = client.get(API, {"facets": "country"}).json()["facets"][0]["options"]
    assert {o["value"]: o["count"] for o in counts}["austria"] == 3


def test_a_scheduled_release_appears_when_it_goes_live(client, archive):
    release = make_release("Soon", published_at=timezone.now() + datetime.timedelta(seconds=1))
    assert release.pk not in {r["id"] for r in client.get(API).json()["results"]}
    release.published_at = timezone.now() - datetime.timedelta(seconds=1)
    release.save()
    assert release.pk in {r["id"] for r in client.get(API).json()["results"]}


def test_a_withdrawn_release_is_treated_as_the_website_treats_it(client, archive):
    """Listed and readable, with the date and reason of the withdrawal."""
    withdrawn = next(r for r in archive["public"] if r.is_withdrawn)
    html = client.get(withdrawn.get_absolute_url())
    assert html.status_code == 200 and withdrawn.withdrawal_reason in html.content.decode()
    assert withdrawn.pk in html_listing(client, {"country": "austria"})["ids"]
    assert withdrawn.pk in api_listing(client, {"country": "austria"})["ids"]
    data = client.get(f"{API}/{withdrawn.slug}").json()
    assert data["withdrawn"]["reason"] == withdrawn.withdrawal_reason
    listed = next(r for r in client.get(API).json()["results"] if r["id"] == withdrawn.pk)
    assert listed["withdrawn"] is not None
    live = next(r for r in client.get(API).json()["results"] if r["id"] != withdrawn.pk)
    assert live["withdrawn"] is None


def jpeg(size=(1200, 600)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (20, 90, 160)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_one_release_has_every_public_field(client, archive):
    release = make_release(
        "Everything about one release",
        reference="SEC.PR/123/26",
        countries=["austria", "serbia"],
        fields=["elections"],
        structures=["secretariat"],
        meetings=["ministerial-council-meetings"],
        tags=["Vienna", "training"],
        body='<p>Text <script>alert(1)</script><a href="javascript:x()">link</a></p>',
        dateline_city="VIENNA",
        dateline_date=datetime.date(2026, 3, 27),
        type="statement",
        image_alt="Officers on parade",
        image_caption="The parade",
        image_credit="OSCE/Example",
    )
    release.supporting_sources.set(archive["public"][1].structures.all())
    release.image.save("parade.jpg", ContentFile(jpeg()), save=True)
    response = client.get(f"{API}/{release.slug}")
    assert response.status_code == 200
    data = response.json()
    assert data["id"] == release.pk
    assert data["title"] == "Everything about one release"
    assert data["reference"] == "SEC.PR/123/26"
    assert data["type"] == {"value": "statement", "label": "Statement"}
    assert data["dateline"] == {"city": "VIENNA", "date": "2026-03-27"}
    assert "<script" not in data["body"] and "javascript:" not in data["body"]
    assert data["body"] == release.body  # sanitised once, on the way in, as the page shows
    assert data["url"] == f"http://testserver{release.get_absolute_url()}"
    assert data["api_url"] == f"http://testserver{API}/{release.slug}"
    assert data["source"]["slug"] == "secretary-general"
    assert [s["slug"] for s in data["supporting_sources"]] == [
        "office-for-democratic-institutions-and-human-rights"
    ]
    # Every kind of term, in the website's order, and nothing else.
    assert list(data["terms"]) == ["country", "field", "structure", "meeting"]
    assert [t["slug"] for t in data["terms"]["country"]] == ["austria", "serbia"]
    assert data["terms"]["country"][0]["url"] == "http://testserver/countries/austria/"
    assert [t["slug"] for t in data["terms"]["structure"]] == ["secretariat"]
    assert [t["slug"] for t in data["terms"]["meeting"]] == ["ministerial-council-meetings"]
    assert sorted(t["slug"] for t in data["tags"]) == ["training", "vienna"]
    image = data["image"]
    assert (image["alt"], image["caption"], image["credit"]) == (
        "Officers on parade",
        "The parade",
        "OSCE/Example",
    )
    assert {r["format"] for r in image["renditions"]} == {"image/webp", "image/jpeg"}
    assert {r["width"] for r in image["renditions"]} == {480, 960, 1200}
    assert all(r["url"].startswith("http://testserver/media/") for r in image["renditions"])
    # The website shows the same release at the same canonical address.
    page = client.get(release.get_absolute_url()).content.decode()
    assert f'<link rel="canonical" href="{data["url"]}">' in page


def test_an_old_address_moves_to_the_current_one(client, archive):
    release = archive["public"][0]
    old = release.slug
    release.slug = "border-training-renamed"
    release.save()
    response = client.get(f"{API}/{old}")
    assert response.status_code == 301
    assert response["Location"] == f"{API}/border-training-renamed"


def test_a_media_advisory_gives_its_event_and_others_none(client, archive, editor):
    start = datetime.datetime(2031, 12, 4, 9, 0, tzinfo=datetime.UTC)
    advisory = make_release(
        "Ministerial Council press conference",
        type="media-advisory",
        event_starts_at=start,
        event_ends_at=start + datetime.timedelta(hours=1),
        event_timezone="Europe/Vienna",
        event_venue="Hofburg, Vienna",
        accreditation_deadline=start - datetime.timedelta(days=7),
        accreditation_url="https://example.org/accreditation",
    )
    event = client.get(f"{API}/{advisory.slug}").json()["event"]
    assert event == {
        "starts_at": "2031-12-04T09:00:00Z",
        "ends_at": "2031-12-04T10:00:00Z",
        "timezone": "Europe/Vienna",
        "venue": "Hofburg, Vienna",
        "accreditation_deadline": "2031-11-27T09:00:00Z",
        "accreditation_url": "https://example.org/accreditation",
        "status": "upcoming",
        "calendar_url": f"http://testserver/press-releases/{advisory.slug}/event.ics",
    }
    assert client.get(event["calendar_url"]).status_code == 200
    listed = client.get(API, {"type": "media-advisory"}).json()["results"]
    assert [r["event"]["status"] for r in listed if r["id"] == advisory.pk] == ["upcoming"]

    advisory.withdraw(by=editor, reason="Postponed")
    assert client.get(f"{API}/{advisory.slug}").json()["event"]["status"] == "cancelled"
    assert client.get(f"{API}/{archive['public'][0].slug}").json()["event"] is None
