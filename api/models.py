"""API keys: a client that asks more of the public API than an address may, by agreement.

The key itself is shown once, when it is made; the database keeps its first characters
(to find it) and a SHA-256 digest (to check it). A key is 43 random URL-safe characters
(256 bits), so a fast digest is enough: there is no password to guess behind it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.cleaning import PlainCharField

PREFIX_LENGTH = 8


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def default_key_limit() -> int:
    return settings.NEWSROOM["API_KEY_RATE_LIMIT"]


class ApiKeyQuerySet(models.QuerySet):
    def matching(self, key: str) -> ApiKey | None:
        """The active key ``key`` is, or None."""
        if len(key) <= PREFIX_LENGTH or not key.isascii():
            return None
        found = self.filter(prefix=key[:PREFIX_LENGTH], active=True).first()
        if found is None or not hmac.compare_digest(found.digest, _digest(key)):
            return None
        return found


class ApiKey(models.Model):
    name = PlainCharField(
        _("name"), max_length=200, help_text=_("Who uses the key, e.g. “Partner newsroom app”.")
    )
    contact = models.EmailField(_("contact"), blank=True)
    prefix = models.CharField(_("key starts with"), max_length=PREFIX_LENGTH, unique=True)
    digest = models.CharField(max_length=64, editable=False)
    rate_limit = models.PositiveIntegerField(
        _("requests per window"),
        default=default_key_limit,
        validators=[MinValueValidator(1)],
        help_text=_("How many requests the key may make in each rate-limit window."),
    )
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Untick to revoke the key at once.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ApiKeyQuerySet.as_manager()

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def issue(self) -> str:
        """Give the key a new secret and return it: the only time it can be read."""
        while True:
            key = secrets.token_urlsafe(32)
            prefix = key[:PREFIX_LENGTH]
            if not ApiKey.objects.filter(prefix=prefix).exclude(pk=self.pk).exists():
                break
        self.prefix, self.digest = prefix, _digest(key)
        return key
