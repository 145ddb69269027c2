"""The signed links of alerts: confirm a subscription, manage an address, unsubscribe.

A confirmation link carries the whole request (address, filter, frequency, language), so
nothing is stored before the address is confirmed; it expires after
``ALERTS["CONFIRM_DAYS"]``. The preferences and unsubscribe links carry a random key of
the subscriber or subscription: deleting it revokes them.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core import signing

CONFIRM_SALT = "alerts.confirm"
PREFERENCES_SALT = "alerts.preferences"
UNSUBSCRIBE_SALT = "alerts.unsubscribe"


class BadToken(Exception):
    """Not a link this site made, or one that expired."""


@dataclass(frozen=True)
class SubscriptionRequest:
    email: str
    query: str
    frequency: str
    language: str


def confirmation_token(request: SubscriptionRequest) -> str:
    payload = {
        "e": request.email,
        "q": request.query,
        "f": request.frequency,
        "l": request.language,
    }
    return signing.dumps(payload, salt=CONFIRM_SALT, compress=True)


def read_confirmation(token: str) -> SubscriptionRequest:
    max_age = datetime.timedelta(days=settings.ALERTS["CONFIRM_DAYS"])
    try:
        payload = signing.loads(token, salt=CONFIRM_SALT, max_age=max_age)
        return SubscriptionRequest(
            str(payload["e"]), str(payload["q"]), str(payload["f"]), str(payload["l"])
        )
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise BadToken from error


def key_token(key: uuid.UUID, salt: str) -> str:
    return signing.dumps(key.hex, salt=salt)


def read_key(token: str, salt: str) -> uuid.UUID:
    try:
        return uuid.UUID(hex=signing.loads(token, salt=salt))
    except (signing.BadSignature, TypeError, ValueError, AttributeError) as error:
        raise BadToken from error
