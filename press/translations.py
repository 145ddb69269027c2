"""Which public language versions each release has, read once per content generation.

Every public page names its versions (the language switcher, ``hreflang`` alternates, the
sitemap's ``xhtml:link``, JSON-LD's ``workTranslation``). Asking the database per page would
add a query to the release page, for the few releases that have versions; here the groups of
all public versions are read once per generation (a publication, a withdrawal or a release
going live starts a new one) and each page looks its group up.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils import translation

from core.generations import per_generation
from press.models import PressRelease


@dataclass(frozen=True)
class Version:
    pk: int
    language: str
    slug: str
    is_original: bool

    @property
    def url(self) -> str:
        with translation.override(self.language):
            return reverse("press:detail", kwargs={"slug": self.slug})


@per_generation
def public_groups() -> dict[int, dict[str, Version]]:
    """Original's id -> language -> public version (the original included), for every group
    with more than one public version."""
    rows = (
        PressRelease.objects.published()
        .filter(Q(translation_of__isnull=False) | Q(translations__isnull=False))
        .distinct()
        .values_list("pk", "translation_of_id", "language", "slug")
    )
    groups: dict[int, dict[str, Version]] = {}
    for pk, original_id, language, slug in rows:
        root = original_id or pk
        groups.setdefault(root, {})[language] = Version(pk, language, slug, original_id is None)
    return {root: versions for root, versions in groups.items() if len(versions) > 1}


def public_versions(release: PressRelease) -> dict[str, Version]:
    """The release's public versions by language (itself included); empty when it has none
    but itself."""
    return public_groups().get(release.translation_of_id or release.pk, {})
