"""Builders for test data. Reference data comes from the migrations, as in production."""

from __future__ import annotations

import datetime
import itertools

from django.contrib.auth.models import Group, User
from django.utils import timezone

from press.models import PressRelease, Status
from taxonomy.models import Country, FieldOfWork, MediaContact, MeetingSeries, Structure

_counter = itertools.count(1)


def make_user(username: str | None = None, *, groups=(), superuser: bool = False, **extra) -> User:
    username = username or f"user{next(_counter)}"
    user = User.objects.create_user(
        username=username,
        password="correct horse battery staple",
        email=f"{username}@example.org",
        is_staff=True,
        is_superuser=superuser,
        **extra,
    )
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def make_release(
    title: str | None = None,
    *,
    status: str = Status.PUBLISHED,
    published_at: datetime.datetime | None = None,
    countries=(),
    fields=(),
    structures=(),
    meetings=(),
    tags=(),
    source: str | Structure = "secretary-general",
    **extra,
) -> PressRelease:
    n = next(_counter)
    if published_at is None and status in (Status.PUBLISHED, Status.WITHDRAWN):
        published_at = timezone.now() - datetime.timedelta(days=n)
    if isinstance(source, str):
        source = Structure.objects.get(slug=source)
    if status == Status.WITHDRAWN:
        extra.setdefault("withdrawn_at", timezone.now())
        extra.setdefault("withdrawal_reason", "Replaced by a corrected release.")
    release = PressRelease.objects.create(
        title=title or f"Release number {n}",
        lead=extra.pop("lead", f"The lead of release {n}."),
        body=extra.pop("body", f"<p>The body of release {n}.</p>"),
        status=status,
        published_at=published_at,
        lead_source=source,
        **extra,
    )
    release.countries.set(Country.objects.filter(slug__in=countries))
    release.fields_of_work.set(FieldOfWork.objects.filter(slug__in=fields))
    release.structures.set(Structure.objects.filter(slug__in=structures))
    release.meeting_series.set(MeetingSeries.objects.filter(slug__in=meetings))
    if tags:
        release.tags.set(list(tags))
    return release


def make_contact(
    name: str = "Press Office", *, structure: str | Structure = "secretariat", **extra
) -> MediaContact:
    if isinstance(structure, str):
        structure = Structure.objects.get(slug=structure)
    extra.setdefault("phone", "+43 1 514 36 6000")
    extra.setdefault("email", "press@example.org")
    contact = MediaContact(name=name, structure=structure, **extra)
    contact.full_clean()
    contact.save()
    return contact


def structure_slugs_with_ancestors(structures) -> set[str]:
    """What a structure filter finds a release by: its structures and every one above them
    (a release of the Secretary General is a Secretariat release too)."""
    slugs = set()
    for structure in structures:
        slugs.add(structure.slug)
        slugs |= {above.slug for above in structure.ancestors()}
    return slugs


# What a release is read with, for the oracles below: every relation a facet looks at.
FACET_RELATIONS = (
    "countries",
    "fields_of_work",
    "structures",
    "supporting_sources",
    "meeting_series",
    "tags",
)


def facet_values(release: PressRelease) -> dict:
    """Every facet value of a release, as the listing's parameters name them, computed in
    plain Python: the oracle the facet index and the filters are checked against."""
    local = timezone.localtime(release.published_at)
    return {
        "country": {c.slug for c in release.countries.all()},
        "field": {f.slug for f in release.fields_of_work.all()},
        "structure": structure_slugs_with_ancestors(
            [*release.structures.all(), *release.supporting_sources.all()]
            + ([release.lead_source] if release.lead_source else [])
        ),
        "meeting": {m.slug for m in release.meeting_series.all()},
        "tag": {t.slug for t in release.tags.all()},
        "type": {release.type},
        "year": {str(local.year)},
        "language": {release.language},
        "date": local.date(),
    }
