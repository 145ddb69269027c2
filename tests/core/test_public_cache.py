"""The public page cache: hits, invalidation on every kind of change, HTTP caching headers."""

import datetime
import threading
import time

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.utils import timezone

from alerts import receivers as alert_receivers
from core.generations import (
    COUNTER_KEY,
    PublicPageCacheMiddleware,
    content_changed,
    current_state,
    per_generation,
)
from core.signals import release_changed
from press.models import PressRelease, Status
from taxonomy.models import Country
from tests.factories import make_release

pytestmark = pytest.mark.django_db


def get(client, url="/", **headers):
    return client.get(url, headers=headers)


def test_anonymous_pages_are_cached_and_say_so(client):
    make_release("Cached release")
    first = get(client)
    second = get(client)
    assert first["X-Cache"] == "miss"
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    cache_control = second["Cache-Control"]
    assert "public" in cache_control and "max-age=" in cache_control
    assert int(cache_control.split("max-age=")[1].split(",")[0]) <= 60
    assert second["ETag"] and second["Last-Modified"]


def test_conditional_get_answers_304(client):
    make_release()
    first = get(client)
    assert get(client, **{"If-None-Match": first["ETag"]}).status_code == 304
    assert get(client, **{"If-Modified-Since": first["Last-Modified"]}).status_code == 304


def test_publishing_shows_at_once(client, editor):
    get(client)
    release = make_release("Just drafted", status=Status.DRAFT, published_at=None)
    assert "Just drafted" not in get(client).content.decode()
    release.publish(by=editor)
    assert "Just drafted" in get(client).content.decode()


def test_editing_and_withdrawing_show_at_once(client, editor):
    release = make_release("Original title")
    assert "Original title" in get(client).content.decode()
    release.title = "Corrected title"
    release.save()
    assert "Corrected title" in get(client).content.decode()
    release.withdraw(by=editor, reason="Superseded.")
    page = get(client, release.get_absolute_url()).content.decode()
    assert "Superseded." in page


def test_taxonomy_edits_show_at_once(client):
    assert 'href="/countries/austria/"' in get(client).content.decode()
    austria = Country.objects.get(slug="austria")
    austria.name = "Republic of Austria"
    austria.save()
    assert "Republic of Austria" in get(client).content.decode()


def test_a_scheduled_release_goes_live_in_the_cache_without_any_job(client):
    goes_live = timezone.now() + datetime.timedelta(seconds=1.5)
    make_release("Embargoed statement", published_at=goes_live)
    page = get(client)
    assert "Embargoed statement" not in page.content.decode()
    # Nothing may be cached beyond the moment the release goes live.
    assert int(page["Cache-Control"].split("max-age=")[1].split(",")[0]) <= 2
    time.sleep(max(0.0, (goes_live - timezone.now()).total_seconds()) + 0.1)
    assert "Embargoed statement" in get(client).content.decode()


def test_staff_pages_are_private_and_never_cached(client, editor):
    make_release("Seen by staff")
    client.force_login(editor)
    first = get(client)
    second = get(client)
    assert "private" in second["Cache-Control"]
    assert "X-Cache" not in first and "X-Cache" not in second


def test_staff_never_receive_a_page_cached_for_the_public(client, editor):
    make_release()
    get(client)  # cached for the public
    client.force_login(editor)
    assert "X-Cache" not in get(client)


def test_drafts_are_never_cached_for_the_public(client):
    release = make_release(status=Status.DRAFT)
    assert get(client, release.get_absolute_url()).status_code == 404
    release.status = Status.PUBLISHED
    release.published_at = timezone.now()
    release.save()
    assert get(client, release.get_absolute_url()).status_code == 200


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:6390/0",  # nothing listens there
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "SOCKET_CONNECT_TIMEOUT": 0.2,
                "SOCKET_TIMEOUT": 0.2,
                "IGNORE_EXCEPTIONS": True,
            },
        }
    }
)
def test_pages_are_served_when_the_cache_is_unreachable(client):
    make_release("Still served")
    for url in ("/", "/press-releases/", PressRelease.objects.get().get_absolute_url()):
        response = get(client, url)
        assert response.status_code == 200
        assert "Still served" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/press-releases/",
        "/press-releases/?country=austria&q=release",
        "/press-releases/feed/",
        "/countries/austria/",
        "/structures/",
    ],
)
def test_every_kind_of_public_page_is_cacheable(client, url):
    make_release("Cacheable release", countries=["austria"])
    get(client, url)
    assert get(client, url)["X-Cache"] == "hit"


def test_a_release_page_is_cacheable(client):
    release = make_release()
    get(client, release.get_absolute_url())
    assert get(client, release.get_absolute_url())["X-Cache"] == "hit"


def test_a_slow_value_is_rebuilt_in_the_background_while_the_old_one_serves():
    builds = []
    second_build_may_finish = threading.Event()

    @per_generation(background_after=lambda: 0.0)
    def value():
        builds.append(threading.current_thread() is threading.main_thread())
        if len(builds) > 1:
            second_build_may_finish.wait(timeout=10)
        return len(builds)

    assert value() == 1 and builds == [True]  # the first build is always waited for
    content_changed()
    assert value() == 1  # the old value, at once, while the next one is built
    assert value() == 1
    second_build_may_finish.set()
    assert eventually(lambda: value() == 2)
    assert builds == [True, False]  # built once more, in another thread


@pytest.fixture
def without_alert_matching():
    # Alerts match in-process in tests (no broker): that builds an index in a thread of its
    # own, which SQLite's in-memory test database would lock against this test's writes.
    release_changed.disconnect(dispatch_uid="alerts-release-changed")
    yield
    alert_receivers.connect()


@override_settings(NEWSROOM={**settings.NEWSROOM, "INDEX_BACKGROUND_REBUILD_SECONDS": 0.0})
@pytest.mark.django_db(transaction=True)
def test_pages_answered_during_an_index_rebuild_are_not_cached(
    client, editor, without_alert_matching
):
    make_release("Already out")
    # This process's index is rebuilt in the background from now on (an earlier test's may
    # answer first): wait for one of this data, and the page cached with it.
    assert eventually(lambda: get(client, "/press-releases/")["X-Cache"] == "miss")
    release = make_release("Brand new", status=Status.DRAFT, published_at=None)
    release.publish(by=editor)
    # Loaded in bulk: the change log cannot name the releases, so the index is rebuilt.
    release_changed.send(sender=PressRelease, ids=None)
    stale = get(client, "/press-releases/")
    assert stale["X-Cache"] == "stale"
    assert "max-age=1" in stale["Cache-Control"]
    # Once the new index is there, the page shows the release and is cached again.
    assert eventually(lambda: "Brand new" in get(client, "/press-releases/").content.decode())
    assert get(client, "/press-releases/")["X-Cache"] == "hit"


@override_settings(NEWSROOM={**settings.NEWSROOM, "INDEX_BACKGROUND_REBUILD_SECONDS": 0.0})
@pytest.mark.django_db(transaction=True)
def test_a_publication_is_listed_at_once_even_where_rebuilds_run_in_the_background(
    client, editor, without_alert_matching
):
    make_release("Already out")
    assert eventually(lambda: get(client, "/press-releases/")["X-Cache"] == "miss")
    release = make_release("Brand new", status=Status.DRAFT, published_at=None)
    release.publish(by=editor)
    # The change log names the release: the index is patched, not rebuilt behind the page.
    fresh = get(client, "/press-releases/")
    assert fresh["X-Cache"] == "miss"
    assert "Brand new" in fresh.content.decode()


def eventually(condition, timeout: float = 10) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_a_public_request_sees_one_generation_throughout():
    """Another process starting a generation mid-request does not split the request's
    per-generation values (navigation, catalogue, index) between two generations."""
    seen = []

    def view(request):
        seen.append(current_state()["generation"])
        cache.incr(COUNTER_KEY)  # another worker publishes meanwhile
        seen.append(current_state()["generation"])
        return HttpResponse("ok")

    request = RequestFactory().get("/press-releases/")
    request.user = AnonymousUser()
    PublicPageCacheMiddleware(view)(request)
    assert seen[0] == seen[1]
    assert current_state()["generation"] == seen[0] + 1  # the next request's


def max_age(response) -> int:
    return int(response["Cache-Control"].split("max-age=")[1].split(",")[0])


def test_a_hit_carries_what_is_left_of_the_entrys_life(client):
    make_release()
    stored = get(client)
    time.sleep(2.1)
    hit = get(client)
    assert hit["X-Cache"] == "hit"
    # Downstream caches may keep it only as long as the page cache itself still would.
    assert max_age(hit) <= max_age(stored) - 2


def test_a_hit_shortly_before_a_go_live_says_so(client):
    goes_live = timezone.now() + datetime.timedelta(seconds=6)
    make_release("Statement under embargo", published_at=goes_live)
    stored = get(client)
    assert max_age(stored) <= 6
    time.sleep(2.1)
    hit = get(client)
    assert hit["X-Cache"] == "hit"
    assert max_age(hit) <= max_age(stored) - 2
    assert max_age(hit) <= (goes_live - timezone.now()).total_seconds() + 0.5
