"""Asking for a page in one of the interface languages: English at its own address, the
others under their prefix (/ru/…)."""

from django.conf import settings


def in_language(language: str, path: str) -> str:
    return path if language == settings.LANGUAGE_CODE else f"/{language}{path}"


def get_in(client, language: str, path: str, **kwargs):
    return client.get(in_language(language, path), **kwargs)
