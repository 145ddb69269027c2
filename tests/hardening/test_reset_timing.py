"""Password reset over real HTTP, with the mail going to a real (slow) SMTP server: the answer
takes as long for an address with an account as for an unknown one, and the account's owner
still gets the link."""

import asyncio
import http.client
import re
import socket
import statistics
import time
from email import message_from_bytes
from urllib.parse import urlencode, urlsplit

import pytest
from aiosmtpd.controller import Controller
from django.urls import reverse

from tests.factories import make_user

# What a mail server's greeting, authentication and queueing cost: enough that a request that
# waited for it would stand out from any noise in the measurements.
SMTP_DELAY = 0.15
REQUESTS = 15


class SlowMailServer:
    """An SMTP server that keeps each message a while before accepting it."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(SMTP_DELAY)
        self.messages.append(message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    handler = SlowMailServer()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield handler
    controller.stop()


class ResetPage:
    """The password reset form as a browser uses it: one visit for the CSRF cookie and token,
    then posts over fresh connections, timed until the answer's headers arrive."""

    def __init__(self, live_server_url: str):
        url = urlsplit(live_server_url)
        self.host, self.port = url.hostname, url.port
        self.path = reverse("admin_password_reset")
        response, body = self._request("GET", self.path)
        assert response.status == 200
        cookie = response.getheader("Set-Cookie")
        self.cookie = re.search(r"csrftoken=[^;]+", cookie).group(0)
        self.token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)

    def _request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=10)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response, response.read().decode()
        finally:
            connection.close()

    def post(self, email: str) -> float:
        body = urlencode({"email": email, "csrfmiddlewaretoken": self.token})
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": self.cookie,
        }
        started = time.perf_counter()
        response, _body = self._request("POST", self.path, body, headers)
        elapsed = time.perf_counter() - started
        assert response.status == 302
        assert response.getheader("Location") == reverse("password_reset_done")
        return elapsed


def wait_for(condition, timeout=10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


# The project still configures mail with the EMAIL_* settings that Django 6.1 deprecates.
@pytest.mark.filterwarnings("ignore:The EMAIL_")
@pytest.mark.django_db(transaction=True)
def test_password_reset_takes_as_long_for_a_known_address_as_for_an_unknown_one(
    live_server, smtp_server
):
    staff = make_user("desk-editor")
    page = ResetPage(live_server.url)
    # Warm up both paths (templates, the first SMTP connection).
    page.post(staff.email)
    page.post("nobody@example.org")
    wait_for(lambda: len(smtp_server.messages) == 1)

    known, unknown = [], []
    for _ in range(REQUESTS):
        # One mail at a time: the next request starts once the last mail has been delivered.
        sent = len(smtp_server.messages)
        known.append(page.post(staff.email))
        wait_for(lambda sent=sent: len(smtp_server.messages) == sent + 1)
        unknown.append(page.post("nobody@example.org"))
        time.sleep(SMTP_DELAY)

    difference = statistics.median(known) - statistics.median(unknown)
    timings = f"known {sorted(known)}, unknown {sorted(unknown)}"
    # The mail server's delay is 150 ms; a request that waited for it differs by that much.
    assert abs(difference) < 0.03, timings
    assert statistics.median(known) < SMTP_DELAY, timings

    # Every request for the real address delivered its link; the unknown one got nothing.
    assert len(smtp_server.messages) == REQUESTS + 1
    assert {message["To"] for message in smtp_server.messages} == {staff.email}
    text = smtp_server.messages[-1].get_payload(decode=True).decode()
    assert re.search(r"http://localhost:\d+/\S+/password-reset/[^/\s]+/[^/\s]+/", text), text
