"""The home page: the newest releases as lead stories with their pictures, then ways in by
field of work and by region."""

import datetime
import io
import re

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from press import demo
from press.models import PressRelease, Status
from tests.factories import make_release

pytestmark = pytest.mark.django_db


def jpeg(width: int = 1600, height: int = 1000) -> ContentFile:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (20, 80, 140)).save(buffer, "JPEG")
    return ContentFile(buffer.getvalue(), name="photo.jpg")


def lead_stories(html: str) -> list[str]:
    return re.findall(r'<article class="lead-story[^"]*".*?</article>', html, re.S)


def test_the_three_newest_are_lead_stories_with_their_pictures(client):
    for n in range(5):
        make_release(f"Older release {n}")
    newest = make_release(
        "The newest release",
        published_at=timezone.now() - datetime.timedelta(minutes=1),
        image_alt="Observers at a polling station",
    )
    newest.image.save("photo.jpg", jpeg())

    html = client.get("/").content.decode()
    stories = lead_stories(html)
    assert len(stories) == 3
    assert "The newest release" in stories[0]
    picture = re.search(r'<img class="lead-story__image" src="([^"]+)"[^>]*>', stories[0])
    assert picture and 'alt="Observers at a polling station"' in picture.group(0)
    assert 'width="800" height="450"' in picture.group(0)
    # The other releases follow as the usual cards.
    assert html.count('class="release-card"') == 3
    # The picture is a real 16:9 rendition, not the 1600-pixel original.
    path = picture.group(1).split("?")[0]
    image = Image.open(io.BytesIO(b"".join(client.get(path).streaming_content)))
    assert image.size == (800, 450)


def test_a_withdrawn_lead_story_shows_no_picture(client):
    release = make_release("Withdrawn with a photo", status=Status.WITHDRAWN)
    release.image_alt = "A photo"
    release.image.save("photo.jpg", jpeg())
    stories = lead_stories(client.get("/").content.decode())
    assert "Withdrawn with a photo" in stories[0] and "<img" not in stories[0]


def test_every_field_of_work_is_a_way_in(client):
    html = client.get("/").content.decode()
    section = html.split('id="by-field-heading"')[1].split("</section>")[0]
    assert 'href="/fields-of-work/border-management/">Border management</a>' in section
    assert len(re.findall(r'href="/fields-of-work/[a-z-]+/"', section)) == 23


def test_a_region_leads_to_the_news_of_its_countries(client):
    make_release("Training in Almaty", countries=["kazakhstan"])
    make_release("Training in Belgrade", countries=["serbia"])
    html = client.get("/").content.decode()
    html = html.split('id="by-region-heading"')[1].split("</section>")[0]
    link = re.search(r'<a href="([^"]+)">Central Asia</a>', html)
    assert link
    address = link.group(1).replace("&amp;", "&")
    for country in ("kazakhstan", "kyrgyzstan", "tajikistan", "turkmenistan", "uzbekistan"):
        assert f"country={country}" in address
    listing = client.get(address).content.decode()
    assert "Training in Almaty" in listing and "Training in Belgrade" not in listing
    partners = re.search(r'<a href="([^"]+)">Mediterranean Partners for Co-operation</a>', html)
    assert partners and partners.group(1).count("country=") == 6


def test_the_ways_in_speak_the_readers_language(client):
    html = client.get("/ru/").content.decode()
    assert ">Центральная Азия</a>" in html
    assert "Новости по регионам" in html and "Новости по направлениям деятельности" in html


def test_the_home_page_query_count_does_not_grow(client, django_assert_max_num_queries):
    for n in range(12):
        make_release(f"Release {n}", countries=["serbia"], fields=["elections"])
    client.get("/")  # reference data and navigation read once per content generation
    with django_assert_max_num_queries(2):
        client.get("/")


def test_the_demo_gives_its_newest_releases_pictures(reference_data):
    demo.generate(12, seed=3)
    assert demo.seed_lead_images(count=4) == 4
    pictured = PressRelease.objects.exclude(image="")
    assert pictured.count() == 4
    for release in pictured:
        assert (release.image_width, release.image_height) == (1600, 900)
        assert release.image_alt
    # Once: a second run adds none.
    assert demo.seed_lead_images(count=4) == 0
