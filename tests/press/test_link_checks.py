"""Links to other sites in a release's text, checked in the background after a save: the
broken ones are listed among the checks before submitting; private networks are never asked."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse

from press import checks
from press.link_checks import check_links, external_links
from press.models import LinkCheck, PressRelease
from tests.factories import make_release
from tests.press.test_admin import form_data

pytestmark = pytest.mark.django_db


class Site(BaseHTTPRequestHandler):
    """Another organisation's site: some pages there, some gone, one refusing HEAD."""

    asked: list[tuple[str, str]] = []

    def answer(self):
        Site.asked.append((self.command, self.path))
        if self.path == "/no-head" and self.command == "HEAD":
            code = 405
        elif self.path == "/moved-inside":
            self.send_response(302)
            self.send_header("Location", f"http://localhost:{self.server.server_port}/ok")
            self.end_headers()
            return
        else:
            code = {"/ok": 200, "/no-head": 200, "/gone": 404, "/failing": 503}.get(self.path, 404)
        self.send_response(code)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_HEAD = answer

    def log_message(self, *args):
        pass


@pytest.fixture
def other_site(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Site.asked = []
    # The test site runs on this machine: let the check ask it, as an organisation lets
    # its intranet be asked.
    settings.NEWSROOM = {**settings.NEWSROOM, "LINK_CHECK_PRIVATE_HOSTS": ["127.0.0.1"]}
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def body_linking(*addresses: str) -> str:
    return "".join(
        f'<p>See <a href="{a}">the report of {i}</a>.</p>' for i, a in enumerate(addresses)
    )


def test_only_links_to_other_sites_are_checked(settings):
    html = body_linking(
        "https://www.un.org/en/report",
        "/press/some-release/",
        f"{settings.NEWSROOM['SITE_URL']}/press/",
        "mailto:press@osce.org",
        "https://www.un.org/en/report",
    )
    assert external_links(html) == ["https://www.un.org/en/report"]


def test_broken_links_are_listed_among_the_checks_after_an_authors_save(
    client, author, other_site, django_capture_on_commit_callbacks
):
    client.force_login(author)
    data = form_data(
        body=body_linking(
            f"{other_site}/ok",
            f"{other_site}/gone",
            f"{other_site}/no-head",
            f"{other_site}/failing",
        )
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:press_pressrelease_add"), data)
    assert response.status_code == 302

    answers = dict(LinkCheck.objects.values_list("url", "status"))
    assert answers == {
        f"{other_site}/ok": 200,
        f"{other_site}/gone": 404,
        f"{other_site}/no-head": 200,  # asked again with GET
        f"{other_site}/failing": 503,
    }
    release = PressRelease.objects.get()
    page = client.get(
        reverse("admin:press_pressrelease_change", args=[release.pk])
    ).content.decode()
    assert f"The link to {other_site}/gone answered 404 Not Found" in page
    assert f"The link to {other_site}/failing answered 503 Service Unavailable" in page
    assert f"{other_site}/ok answered" not in page
    assert f"{other_site}/no-head answered" not in page


def test_each_address_is_asked_once_a_day_whichever_release_uses_it(other_site):
    first = make_release(body=body_linking(f"{other_site}/gone"))
    second = make_release(body=body_linking(f"{other_site}/gone"))
    check_links.enqueue(first.pk)
    check_links.enqueue(second.pk)
    assert Site.asked == [("HEAD", "/gone")]
    finding = [f.message for f in checks.check(second, second.terms) if "/gone" in f.message]
    assert finding and "answered 404 Not Found" in finding[0]


def test_a_link_fixed_in_the_text_is_no_longer_listed(other_site):
    release = make_release(body=body_linking(f"{other_site}/gone"))
    check_links.enqueue(release.pk)
    release.body = body_linking(f"{other_site}/ok")
    release.save()
    check_links.enqueue(release.pk)
    assert not [f for f in checks.check(release, release.terms) if "answered" in f.message]


def test_a_site_that_cannot_be_found_or_reached_is_listed(other_site):
    release = make_release(
        body=body_linking("http://no-such-host.invalid/page", "http://127.0.0.1:9/closed")
    )
    check_links.enqueue(release.pk)
    problems = dict(LinkCheck.objects.values_list("url", "problem"))
    assert problems == {
        "http://no-such-host.invalid/page": LinkCheck.Problem.NO_SUCH_HOST,
        "http://127.0.0.1:9/closed": LinkCheck.Problem.UNREACHABLE,
    }
    messages = " ".join(f.message for f in checks.check(release, release.terms))
    assert "no-such-host.invalid/page leads to a site whose address does not exist" in messages
    assert "127.0.0.1:9/closed could not be reached" in messages


def test_private_networks_are_never_asked(settings, other_site):
    """The server asks on the author's behalf: not the database, the cache or a cloud's
    metadata service, not even through a redirect from a public-looking site."""
    port = other_site.rsplit(":", 1)[1]
    release = make_release(
        body=body_linking(
            f"http://localhost:{port}/ok",  # loopback, not among the allowed hosts
            "http://169.254.169.254/latest/meta-data/",
            f"{other_site}/moved-inside",  # allowed, but redirects to localhost
        )
    )
    check_links.enqueue(release.pk)
    assert Site.asked == [("HEAD", "/moved-inside")]
    assert not LinkCheck.objects.exists()
    assert not [f for f in checks.check(release, release.terms) if "answered" in f.message]
