"""Alerts' fixtures: a real SMTP server of the test's own, and subscriptions."""

from __future__ import annotations

import logging
import re
import socket
import threading
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

from alerts.models import Frequency, Subscriber, Subscription

# aiosmtpd logs every command of every session at INFO.
logging.getLogger("mail.log").setLevel(logging.WARNING)


class MailServer:
    """An SMTP server keeping every message it accepts, parsed."""

    def __init__(self):
        self.messages: list[EmailMessage] = []
        self.lock = threading.Lock()
        self.refused: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refused:
            return "550 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=policy.default)
        with self.lock:
            self.messages.append(message)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if m["To"] == address]

    @staticmethod
    def text(message: EmailMessage) -> str:
        return message.get_body(preferencelist=("plain",)).get_content()

    @staticmethod
    def html(message: EmailMessage) -> str:
        return message.get_body(preferencelist=("html",)).get_content()

    @classmethod
    def link(cls, message: EmailMessage, path_part: str) -> str:
        return re.search(rf"https?://\S*{path_part}\S*", cls.text(message)).group(0)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    handler = MailServer()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    handler.port = controller.port
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield handler
    controller.stop()


@pytest.fixture(autouse=True)
def _alert_settings(settings):
    settings.ALERTS = {
        **settings.ALERTS,
        "SITE_URL": "https://newsroom.example.org",
        "FROM_EMAIL": "Alerts <alerts@newsroom.example.org>",
        "REPLY_TO": ["press@newsroom.example.org"],
        "MAX_PER_MINUTE": 0,
    }


def subscribe(email: str, query: str = "", frequency: str = Frequency.IMMEDIATELY, **extra):
    """A confirmed subscription, as confirming makes it."""
    from alerts.matching import listing_for

    subscriber, _ = Subscriber.objects.get_or_create(email=email)
    return Subscription.objects.create(
        subscriber=subscriber,
        query=query,
        description=listing_for(query).describe(),
        frequency=frequency,
        **extra,
    )
