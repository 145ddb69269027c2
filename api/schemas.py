"""The shapes of the API's answers (and so of its OpenAPI schema)."""

from __future__ import annotations

import datetime

from ninja import Schema
from pydantic import Field


class Problem(Schema):
    """RFC 9457 Problem Details."""

    type: str = Field(examples=["about:blank"])
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[ParameterProblem] | None = Field(
        None, description="For 400: every parameter that was wrong, and why."
    )


class ParameterProblem(Schema):
    parameter: str
    value: str
    reason: str


class Choice(Schema):
    value: str
    label: str


class FormerNameOut(Schema):
    name: str
    slug: str
    until_year: int | None


class TermRef(Schema):
    """A term a release is classified by."""

    slug: str
    name: str
    url: str = Field(description="The term's page on the website.")


class StructureRef(TermRef):
    acronym: str


class TagOut(Schema):
    slug: str
    name: str


class Dateline(Schema):
    city: str
    date: datetime.date | None


class Withdrawal(Schema):
    """A withdrawn release stays readable, as on the website, with the reason."""

    at: datetime.datetime
    reason: str


class Rendition(Schema):
    url: str
    width: int
    format: str = Field(description="image/webp or image/jpeg")


class ImageOut(Schema):
    alt: str
    caption: str
    credit: str
    src: str = Field(description="The default rendition (JPEG).")
    width: int
    height: int
    renditions: list[Rendition]


class ChangeNoteOut(Schema):
    """A change readers were told of ("Updated 3 April 2012: corrected the figures")."""

    at: datetime.datetime
    note: str = Field(description="Plain text, as the release page shows it.")


class EventOut(Schema):
    """The event a media advisory announces."""

    starts_at: datetime.datetime
    ends_at: datetime.datetime | None
    timezone: str = Field(description='The zone the event happens in, e.g. "Europe/Vienna".')
    venue: str
    accreditation_deadline: datetime.datetime | None
    accreditation_url: str | None
    status: str = Field(description='"upcoming", "taken_place" or "cancelled" (withdrawn).')
    calendar_url: str = Field(description="The event as an iCalendar (.ics) file.")


class ReleaseSummary(Schema):
    id: int
    slug: str
    title: str
    reference: str | None = Field(
        description='The organisation\'s document reference, e.g. "PC.DEC/1162"; null if none.'
    )
    lead: str
    type: Choice
    published_at: datetime.datetime
    updated_at: datetime.datetime = Field(description="The last save of any kind.")
    public_updated_at: datetime.datetime = Field(
        description="When readers last saw the release change: its publication, its latest "
        "major change (see change_notes) or its withdrawal. Minor changes leave it alone."
    )
    dateline: Dateline
    source: StructureRef | None
    withdrawn: Withdrawal | None
    event: EventOut | None = Field(description="A media advisory's event; null for others.")
    url: str = Field(description="The canonical address of the release on the website.")
    api_url: str


class ReleaseDetail(ReleaseSummary):
    body: str = Field(description="The text, as sanitised HTML.")
    supporting_sources: list[StructureRef]
    terms: dict[str, list[TermRef]] = Field(
        description="The release's terms by kind (country, field, structure, meeting)."
    )
    tags: list[TagOut]
    image: ImageOut | None
    change_notes: list[ChangeNoteOut] = Field(
        description="The major changes made since publication, newest first."
    )


class FacetOptionOut(Schema):
    value: str
    label: str
    count: int
    selected: bool


class FacetOut(Schema):
    key: str
    label: str
    options: list[FacetOptionOut] = Field(
        description="Values that give results, and the chosen ones: what the website shows."
    )


class ReleasePage(Schema):
    count: int = Field(description="How many releases match, on every page.")
    page: int
    page_size: int
    pages: int
    next: str | None
    previous: str | None
    renamed: dict[str, dict[str, str]] = Field(
        description="Former slugs understood, by parameter: {old: current}."
    )
    facets: list[FacetOut] | None = Field(None, description="When asked for with `facets`.")
    results: list[ReleaseSummary]


class CountryOut(Schema):
    slug: str
    name: str
    iso_code: str
    group: Choice
    chairpersonships: list[int]
    former_names: list[FormerNameOut]
    url: str


class FieldOfWorkOut(Schema):
    slug: str
    name: str
    parent: str | None
    former_names: list[FormerNameOut]
    url: str


class StructureNode(Schema):
    slug: str
    name: str
    acronym: str
    kind: Choice
    opened_year: int | None
    closed_year: int | None
    closed: bool
    host_country: str | None = Field(description="The host country's slug.")
    host_territory: str
    former_names: list[FormerNameOut]
    url: str
    children: list[StructureNode]


class MeetingSeriesOut(Schema):
    slug: str
    name: str
    former_names: list[FormerNameOut]
    url: str


class ChairpersonshipOut(Schema):
    year: int
    country: TermRef
    label: str


Problem.model_rebuild()
StructureNode.model_rebuild()
