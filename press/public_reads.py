"""The public pages' hottest reads of releases, their SQL compiled once (``core.compiled``).

The queries themselves are the QuerySet's: the publication rule (``published``), the terms
in the release's own statement (``with_terms``) and the columns a card shows
(``PressRelease.CARD_FIELDS``). Only the work of turning them into SQL on every request is
saved: on the release page about a millisecond of its six.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils import timezone

from core.compiled import CompiledQuery
from press.models import PressRelease, attach_lead_sources

_cards = CompiledQuery(
    PressRelease,
    lambda now, ids: (
        PressRelease.objects.published(now)
        .filter(pk__in=ids)
        .only(*PressRelease.CARD_FIELDS)
        .order_by()  # put in the order given, below
    ),
)
_release_page = CompiledQuery(
    PressRelease,
    lambda now, slug: PressRelease.objects.published(now).with_terms().filter(slug=slug).order_by(),
)


def public_cards(ids: Sequence[int]) -> list[PressRelease]:
    """The public releases with these ids, in the order given, as a list shows them: with
    their lead source, without the text. Ids no longer public (a release taken down since
    the ids were chosen) simply drop out."""
    if not ids:
        return []
    found = attach_lead_sources(_cards(now=timezone.now(), ids=list(ids)))
    by_id = {release.pk: release for release in found}
    return [by_id[pk] for pk in ids if pk in by_id]


def public_release(slug: str) -> PressRelease | None:
    """The public release at ``slug``, read with its terms and its lead source in one
    statement (the release page), or None."""
    found = _release_page(now=timezone.now(), slug=slug)
    return attach_lead_sources(found)[0] if found else None
