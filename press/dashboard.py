"""The newsroom's desk on the admin's home page: what each person has to do next."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import OuterRef, QuerySet, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from press.models import PressRelease, ReleaseTransition, Status

SHOWN = 5


@dataclass
class DeskSection:
    key: str
    title: str
    empty: str
    releases: list[PressRelease] = field(default_factory=list)
    count: int = 0
    url: str = ""
    # Which date each line shows: "updated_at", "published_at" or "withdrawn_at".
    date_field: str = "updated_at"


def _changelist(**filters) -> str:
    url = reverse("admin:press_pressrelease_changelist")
    return f"{url}?{urlencode(filters)}" if filters else url


def _section(key, title, empty, queryset: QuerySet, url: str, date_field: str) -> DeskSection:
    return DeskSection(
        key=key,
        title=title,
        empty=empty,
        releases=list(queryset.select_related("created_by")[:SHOWN]),
        count=queryset.count(),
        url=url,
        date_field=date_field,
    )


def with_last_step(releases: QuerySet) -> QuerySet:
    """Each release with its latest workflow step's start, comment and author (one query)."""
    last = ReleaseTransition.objects.filter(release=OuterRef("pk")).order_by("-at", "-pk")
    return releases.annotate(
        last_step_from=Subquery(last.values("from_status")[:1]),
        last_step_note=Subquery(last.values("note")[:1]),
        last_step_by=Subquery(last.values("by__username")[:1]),
    )


def desk(user) -> list[DeskSection]:
    """The sections of ``user``'s desk: their drafts, what waits for review (all of it for
    an editor, their own submissions for an author), what is scheduled, what went out."""
    releases = PressRelease.objects.all()
    editor = PressRelease().is_editor(user)
    mine = releases.involving(user)
    review = releases if editor else mine
    return [
        _section(
            "drafts",
            _("My drafts"),
            _("No drafts of yours."),
            with_last_step(mine.filter(status=Status.DRAFT)).order_by("-updated_at"),
            _changelist(state=Status.DRAFT),
            "updated_at",
        ),
        _section(
            "review",
            _("Awaiting review") if editor else _("Submitted for review"),
            _("Nothing waits for review."),
            review.filter(status=Status.IN_REVIEW).order_by("updated_at"),
            _changelist(state=Status.IN_REVIEW),
            "updated_at",
        ),
        _section(
            "scheduled",
            _("Scheduled"),
            _("Nothing is scheduled."),
            releases.scheduled().order_by("published_at"),
            _changelist(state=Status.PUBLISHED),
            "published_at",
        ),
        _section(
            "published",
            _("Recently published"),
            _("Nothing published yet."),
            releases.published().filter(status=Status.PUBLISHED).order_by("-published_at"),
            _changelist(state=Status.PUBLISHED),
            "published_at",
        ),
        _section(
            "withdrawn",
            _("Recently withdrawn"),
            _("Nothing withdrawn."),
            releases.filter(status=Status.WITHDRAWN).order_by("-withdrawn_at"),
            _changelist(state=Status.WITHDRAWN),
            "withdrawn_at",
        ),
    ]
