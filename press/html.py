"""The body's HTML: what the editor can make is exactly what the sanitiser lets through."""

import re
from typing import Any

from django_prose_editor.fields import ProseEditorField, create_sanitizer

from core.cleaning import without_control_characters

# One list drives both the editor's toolbar and nh3's allowlist.
BODY_EXTENSIONS: dict[str, Any] = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3, 4]},
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "History": True,
}

_clean_once = create_sanitizer(BODY_EXTENSIONS)
TOP_HEADING = re.compile(r"<(/?)h1(?=[\s>/])", re.IGNORECASE)


def sanitize_body(html: str) -> str:
    """The body with only what the editor can make. Cleaned again until nothing changes:
    the parser repairs some malformed nesting (a heading opened inside a heading) in a way
    that a second parse rearranges once more, and stored text must be a fixed point.
    nh3 keeps control characters in text: they are removed first."""
    html = without_control_characters(html)
    # A top-level heading (Word's Title and Heading 1, an imported page's <h1>) stays a section
    # heading: the page's own title is the only <h1>.
    html = TOP_HEADING.sub(r"<\1h2", html)
    for _attempt in range(4):
        cleaned = _clean_once(html)
        if cleaned == html:
            break
        html = cleaned
    return html


class SanitizedHTMLField(ProseEditorField):
    """Rich text that is cleaned on every way into the database.

    The parent cleans only in forms. ``pre_save`` also covers ``save()`` and ``bulk_create()``
    (and keeps the instance equal to what is stored); ``get_db_prep_save`` covers the paths
    that skip ``pre_save``: fixtures (raw saves), ``QuerySet.update()`` and ``bulk_update()``.
    Cleaning is idempotent, so doing it twice costs time, not content.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("extensions", BODY_EXTENSIONS)
        kwargs.setdefault("sanitize", sanitize_body)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if value:
            value = self.sanitize(value)
            setattr(model_instance, self.attname, value)
        return value

    def get_db_prep_save(self, value, connection):
        if isinstance(value, str) and value:
            value = self.sanitize(value)
        return super().get_db_prep_save(value, connection)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        kwargs.pop("extensions", None)
        kwargs.pop("sanitize", None)
        return name, "press.html.SanitizedHTMLField", args, kwargs
