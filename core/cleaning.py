"""Text and numbers as they arrive from people: forms, query strings, imports, pasted Word.

Two things go wrong with them. Control characters (a vertical tab is Word's line break, an
escape comes with text copied from a terminal) are invisible on the page but forbidden in
XML, so one stored in a title breaks every feed and sitemap it reaches. And ``str.isdigit()``
says yes to "²" and "٣", which ``int()`` refuses or reads as a number nobody typed.
"""

from __future__ import annotations

import re

from django.db import models

# XML 1.0 allows tab, line feed and carriage return of the C0 controls; DEL and the C1
# controls are allowed by XML but are never text either, and U+FFFE/U+FFFF are not characters.
_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
# Vertical tab and form feed stand for a break between words: keep the words apart.
_BREAKS = re.compile("[\x0b\x0c]")

# The largest key a BigAutoField (and SQLite's INTEGER) holds.
MAX_ID = 2**63 - 1


def without_control_characters(text: str) -> str:
    """The text with control characters removed, except tab and line breaks."""
    if text.isprintable():  # the common case, and much faster than the expressions
        return text
    return _CONTROL_CHARACTERS.sub("", _BREAKS.sub(" ", text))


def ascii_int(value, *, minimum: int = 0, maximum: int = MAX_ID) -> int | None:
    """The number written in ASCII digits between ``minimum`` and ``maximum``, else None."""
    if not isinstance(value, str):
        value = str(value)
    value = value.strip()
    if not (value.isascii() and value.isdigit()) or len(value) > len(str(maximum)):
        return None
    number = int(value)
    return number if minimum <= number <= maximum else None


class PlainTextMixin:
    """A text field whose value never holds control characters, whatever way it is saved.

    ``to_python`` cleans before model validation (so a uniqueness check sees what will be
    stored), ``pre_save`` covers ``save()`` and ``bulk_create()``, ``get_db_prep_save`` the
    paths that skip it: raw saves of fixtures and restores, ``update()``, ``bulk_update()``.
    """

    def to_python(self, value):
        value = super().to_python(value)
        return without_control_characters(value) if isinstance(value, str) else value

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if isinstance(value, str):
            value = without_control_characters(value)
            setattr(model_instance, self.attname, value)
        return value

    def get_db_prep_save(self, value, connection):
        if isinstance(value, str):
            value = without_control_characters(value)
        return super().get_db_prep_save(value, connection)

    def deconstruct(self):
        # The column is an ordinary one: migrations see the Django field it stores as.
        name, _path, args, kwargs = super().deconstruct()
        return name, self.stored_as, args, kwargs


class PlainCharField(PlainTextMixin, models.CharField):
    stored_as = "django.db.models.CharField"


class PlainTextField(PlainTextMixin, models.TextField):
    stored_as = "django.db.models.TextField"
