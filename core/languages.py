"""The site's languages as readers see them named: each in its own language."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.text import capfirst


def native_name(code: str) -> str:
    """The name readers of that language look for in a switcher: "English", "Русский",
    "Français" (Django calls British English "British English", some names lower-case)."""
    if code == settings.LANGUAGE_CODE and code.startswith("en"):
        return "English"
    return capfirst(translation.get_language_info(code)["name_local"])
