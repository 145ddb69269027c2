"""The kinds of term releases are classified by, declared once.

Everything that lists the kinds (the release's links and search document, the listing's
filters and facets, the facet index, the term pages and their URLs, breadcrumbs, sitemaps,
the catalogue) iterates over ``KINDS``; a new kind of term is one more entry here and one
more link field on the release.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from taxonomy.models import Country, FieldOfWork, MeetingSeries, Structure, Term


@dataclass(frozen=True)
class TermKind:
    # The listing's query parameter and facet name (``?country=austria``): public, stable.
    key: str
    model: type[Term]
    # The release's many-to-many field holding terms of this kind.
    release_field: str
    label: Promise
    plural_label: Promise
    # The public page of one term, under ``/<path>/<slug>/``.
    path: str
    url_name: str
    # The public page listing every term of the kind; None where the menu lists them.
    index_url_name: str | None

    def __str__(self) -> str:
        return self.key


COUNTRY = TermKind(
    key="country",
    model=Country,
    release_field="countries",
    label=_("Country"),
    plural_label=_("Countries"),
    path="countries",
    url_name="taxonomy:country",
    index_url_name="taxonomy:countries",
)
FIELD_OF_WORK = TermKind(
    key="field",
    model=FieldOfWork,
    release_field="fields_of_work",
    label=_("Field of work"),
    plural_label=_("Fields of work"),
    path="fields-of-work",
    url_name="taxonomy:field",
    index_url_name="taxonomy:fields",
)
STRUCTURE = TermKind(
    key="structure",
    model=Structure,
    release_field="structures",
    label=_("Structure"),
    plural_label=_("Structures and institutions"),
    path="structures",
    url_name="taxonomy:structure",
    index_url_name="taxonomy:structures",
)
MEETING_SERIES = TermKind(
    key="meeting",
    model=MeetingSeries,
    release_field="meeting_series",
    label=_("Meeting series"),
    plural_label=_("Meetings and conferences"),
    path="meetings",
    url_name="taxonomy:meeting",
    index_url_name=None,
)

# In the order pages show them.
KINDS: tuple[TermKind, ...] = (COUNTRY, FIELD_OF_WORK, STRUCTURE, MEETING_SERIES)
BY_KEY: dict[str, TermKind] = {kind.key: kind for kind in KINDS}
BY_MODEL: dict[type[Term], TermKind] = {kind.model: kind for kind in KINDS}


def kind_of(term: Term | type[Term]) -> TermKind:
    """The kind of a term (or of a term model)."""
    model = term if isinstance(term, type) else type(term)
    return BY_MODEL[model._meta.concrete_model]


@dataclass(frozen=True)
class ClassifiedContent:
    """Content that apps above classify by terms (press registers its releases): what
    taxonomy counts, merges and guards deletions by, without importing those apps."""

    model: type[models.Model]
    # What the public may see of it (the publication rule).
    public: Callable[[], models.QuerySet]


_classified: list[ClassifiedContent] = []


def register_classified(model: type[models.Model], *, public) -> None:
    """Called from the content app's ``AppConfig.ready()``."""
    if all(content.model is not model for content in _classified):
        _classified.append(ClassifiedContent(model, public))


def classified_content() -> ClassifiedContent:
    """The registered content (one kind today: press releases)."""
    if not _classified:
        raise LookupError("No app has registered content classified by terms.")
    return _classified[0]
