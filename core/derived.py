"""Derived tables: rows computed from other rows, which backups leave out and restores rebuild.

A derived model holds nothing that is not already elsewhere in the database (a search
document is its release's title, lead, body and term names, weighted). Its rows also differ
between databases by nature: PostgreSQL keeps search documents, SQLite searches without them.
So ``manage.py backup`` writes no derived rows and counts none, and ``manage.py restore``
ignores any an older backup holds, empties the derived tables once every row of data is
back, and has each rebuilt by the app that owns it, inside the restore's transaction.

Apps declare their derived models here (press registers its search documents in
``PressConfig.ready()``); core knows none of them.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import models

# model -> rebuild(using): recompute every row of the model in the database ``using``, from
# the rows of data, into an empty table.
_derived: dict[type[models.Model], Callable[[str], None]] = {}


def register_derived(model: type[models.Model], rebuild: Callable[[str], None]) -> None:
    """Declare ``model``'s rows derived; ``rebuild(using)`` recomputes them all."""
    _derived[model] = rebuild


def is_derived(model: type[models.Model]) -> bool:
    return model in _derived


def derived_labels() -> list[str]:
    """The derived models' labels ("app.Model"), as dumpdata and loaddata take them."""
    return sorted(model._meta.label for model in _derived)


def rebuild_derived(using: str) -> None:
    """Empty every derived table of the database ``using``, then have each rebuilt."""
    for model, rebuild in _derived.items():
        model._base_manager.using(using).all().delete()
        rebuild(using)
