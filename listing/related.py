"""Releases related to one release: those sharing the most terms with it."""

from __future__ import annotations

from listing.index import current_index
from press.models import PressRelease
from press.public_reads import public_cards


def related_releases(release: PressRelease, limit: int = 4) -> list[PressRelease]:
    """Public releases sharing the most terms with ``release`` (countries, fields of work,
    structures concerned, meeting series, tags), newest first among equals.

    Ranked by the facet index without touching the link tables; the rows are then fetched
    through the publication rule, so a release taken down since the index was built drops
    out."""
    ids = current_index().related(release, limit)
    return public_cards(ids)
